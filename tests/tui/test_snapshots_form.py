"""What the operator sees in the customer form at the smallest supported size, 80×24.
Cursor blink and the clock are frozen by tests/tui/conftest.py."""

from __future__ import annotations

from typing import Any

import pytest
from form_pilot import FormHost, go_to, type_text
from peewee import Database
from textual.pilot import Pilot

from models.settings import Settings
from screens.customer_form import CustomerFormScreen


async def _nothing(pilot: Pilot[Any]) -> None:
    await pilot.pause()


async def _bad_postcode(pilot: Pilot[Any]) -> None:
    await go_to(pilot, pilot.app, "field-name")
    await type_text(pilot, "Dupont [SARL]")
    await go_to(pilot, pilot.app, "field-postal_code")
    await type_text(pilot, "7501")
    await pilot.press("tab")
    await type_text(pilot, "Paris")
    await pilot.press("ctrl+s")
    await pilot.pause()


@pytest.mark.parametrize(
    "run_before",
    [
        pytest.param(_nothing, id="new customer, empty"),
        pytest.param(_bad_postcode, id="postcode error visible"),
    ],
)
def test_customer_form(snap_compare: Any, db: Database, company: Settings, run_before: Any) -> None:
    app = FormHost(lambda: CustomerFormScreen("alice"))
    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)
