"""Tab walks a form's fields in the order they are shown. The form tests put the focus
straight into the field they need (tests.tui.form_pilot.go_to); this is where the order a
user tabs through is checked."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from form_pilot import FormHost
from peewee import Database
from textual.screen import Screen

from screens.customer_form import CustomerFormScreen
from screens.settings_form import SettingsFormScreen
from tui.widgets.field import Field

# Enough fields to cross the form's sections; every field costs a full layout per key.
WALKED = 12


@pytest.mark.parametrize(
    "make",
    [lambda: SettingsFormScreen(first_launch=True), lambda: CustomerFormScreen("alice", None)],
    ids=["settings", "customer"],
)
async def test_tab_order_follows_the_form(db: Database, make: Callable[[], Screen[Any]]) -> None:
    app = FormHost(make)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        shown = [f.id for f in app.screen.query(Field) if f.widget.focusable][:WALKED]
        visited = []
        for _ in range(WALKED):
            field = next((a for a in app.focused.ancestors if isinstance(a, Field)), None)
            if field is not None and (not visited or visited[-1] != field.id):
                visited.append(field.id)
            await pilot.press("tab")
        assert len(shown) == WALKED and visited == shown
