"""Driving the app as an operator would, and reading what the terminal would show."""

from __future__ import annotations

import os
from typing import Any

from textual.app import App
from textual.pilot import Pilot

from models.customer_records import CustomerInput
from models.customers import create_customer

OPERATOR = "alice"


def add_customer(name: str, **fields: Any) -> str:
    """Creates a customer through the services; returns its number."""
    fields.setdefault("city", "Paris")
    return create_customer(CustomerInput(name=name, **fields), OPERATOR).number


async def settle(app: App[Any], pilot: Pilot[Any]) -> None:
    """Waits until every worker (searches, pages) is done and what they posted is
    painted; the typing pause is set to 0 by `instant_search`."""
    for _ in range(3):
        await pilot.pause()
        await app.workers.wait_for_complete()
    await pilot.pause()


def app_for(db_path: os.PathLike[str] | str) -> App[Any]:
    from tui.app import ComptoirApp

    return ComptoirApp(OPERATOR, str(db_path), mouse=False)


def screen_text(app: App[Any]) -> str:
    """The current screen's rendered lines (what a terminal shows), joined by newlines."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())
