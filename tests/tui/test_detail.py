"""The customer detail driven by keys: overview, history of an edit, deactivation."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pytest
from textual.app import App
from textual.pilot import Pilot
from textual.widgets import DataTable
from tui_pilot import add_customer, app_for, screen_text, settle

from models.customers import get_customer, input_from_record, update_customer

pytestmark = pytest.mark.usefixtures("company", "instant_search")


async def open_customer(app: App[Any], pilot: Pilot[Any], search: str) -> None:
    await settle(app, pilot)
    await pilot.press(*search, "enter")
    await settle(app, pilot)
    assert type(app.screen).__name__ == "CustomerDetailScreen"


async def test_overview_shows_the_file_and_who_made_it(db_path: Path) -> None:
    number = add_customer("Fournil Martin", street="12 rue de la Roquette",
                          postal_code="75011", phone="06 12 34 56 78")  # fmt: skip
    app = app_for(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_customer(app, pilot, "fournil")
        shown = screen_text(app)
        for expected in (number, "Fournil Martin", "12 rue de la Roquette", "75011",
                         "06 12 34 56 78"):  # fmt: skip
            assert expected in shown, expected
        await pilot.press("end")
        await settle(app, pilot)
        assert "2026-03-14 09:30 by alice" in screen_text(app)


async def test_history_shows_each_changed_field_old_to_new(db_path: Path) -> None:
    number = add_customer("Fournil Martin", city="Paris")
    record = get_customer(number)
    changed = dataclasses.replace(input_from_record(record), city="Lyon")
    update_customer(number, changed, record.version, "bob")
    app = app_for(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_customer(app, pilot, "fournil")
        await pilot.press("h")
        await settle(app, pilot)
        shown = screen_text(app)
        assert "Paris → Lyon" in shown
        assert "bob" in shown


async def test_deactivated_customer_leaves_the_list_until_inactive_are_shown(
    db_path: Path,
) -> None:
    add_customer("Fournil Martin")
    add_customer("Garage Dupuis")
    app = app_for(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_customer(app, pilot, "garage")
        await pilot.press("d")
        await settle(app, pilot)
        assert type(app.screen).__name__ == "ConfirmScreen"
        await pilot.press("y")
        await settle(app, pilot)
        await pilot.press("escape")
        await settle(app, pilot)
        home = app.screen
        await pilot.press("escape")  # clears the search
        await settle(app, pilot)
        table = home.query_one(DataTable)
        assert table.row_count == 1
        assert "Garage Dupuis" not in screen_text(app)
        await pilot.press("ctrl+t")
        await settle(app, pilot)
        assert table.row_count == 2
        shown = screen_text(app)
        assert "Garage Dupuis" in shown and "inactive" in shown


async def test_hostile_names_and_notes_are_shown_as_typed(db_path: Path) -> None:
    names = ("Dupont [SARL]", "[/]", "[@click=app.quit]x")
    numbers = [add_customer(name, notes="[bold]not bold[/bold] [/]") for name in names]
    app = app_for(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        for number, name in zip(numbers, names, strict=True):
            # A bare number finds that customer first: one key instead of seven.
            await open_customer(app, pilot, number.lstrip("C0"))
            assert name in screen_text(app)
            await pilot.press("end")
            await settle(app, pilot)
            assert "[bold]not bold[/bold] [/]" in screen_text(app)
            await pilot.press("escape")
            await settle(app, pilot)
            await pilot.press("escape")
        assert app.is_running
