"""What the operator sees when creating a customer, at the smallest supported size."""

from __future__ import annotations

from typing import Any

from peewee import Database
from textual.app import App

from models.settings import Settings
from screens.customer_form import CustomerFormScreen


class FormApp(App[None]):
    def on_mount(self) -> None:
        self.push_screen(CustomerFormScreen("alice"))


def test_new_customer_form_80x24(snap_compare: Any, db: Database, company: Settings) -> None:
    assert snap_compare(FormApp(), terminal_size=(80, 24))
