"""The customer list driven by keys: search as you type, open, page, hostile names."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual import events
from textual.widgets import DataTable, Input
from tui_pilot import add_customer, app_for, screen_text, settle

pytestmark = [pytest.mark.asyncio, pytest.mark.usefixtures("company", "instant_search")]

HOSTILE = ("Dupont [SARL]", "[/]", "[@click=app.quit]x", "[b]bold[/b] & co")


def seed_three() -> None:
    add_customer("Fournil Martin", city="Paris")
    add_customer("Épicerie Durand", city="Lyon")
    add_customer("Garage Dupuis", city="Nantes")


async def test_typing_narrows_the_list(db_path: Path) -> None:
    seed_three()
    app = app_for(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        table = app.screen.query_one(DataTable)
        assert table.row_count == 3
        assert isinstance(app.focused, Input)
        await pilot.press(*"four")
        await settle(app, pilot)
        assert table.row_count == 1
        shown = screen_text(app)
        assert "Fournil Martin" in shown and "Garage Dupuis" not in shown
        await pilot.press("backspace", "backspace", "backspace", "backspace", *"lyon")
        await settle(app, pilot)
        assert table.row_count == 1
        assert "Épicerie Durand" in screen_text(app)


async def test_letters_that_are_keys_elsewhere_go_into_the_search(db_path: Path) -> None:
    """`n`, `e`, `i`, `d`, `/` and `?` typed in the search box are text, not commands."""
    seed_three()
    app = app_for(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        home = app.screen
        await pilot.press(*"nei d/?")
        await settle(app, pilot)
        assert app.screen is home
        assert home.query_one(Input).value == "nei d/?"


async def test_enter_in_the_search_opens_the_highlighted_customer(db_path: Path) -> None:
    seed_three()
    app = app_for(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        home = app.screen
        await pilot.press(*"durand", "enter")
        await settle(app, pilot)
        assert app.screen is not home
        assert type(app.screen).__name__ == "CustomerDetailScreen"
        assert "Épicerie Durand" in screen_text(app)
        await pilot.press("escape")
        await settle(app, pilot)
        assert app.screen is home


async def test_down_moves_into_the_table_and_enter_opens_that_row(db_path: Path) -> None:
    seed_three()
    app = app_for(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("down")
        assert isinstance(app.focused, DataTable)
        await pilot.press("enter")
        await settle(app, pilot)
        # Rows are by name, accents folded: Épicerie, Fournil, Garage.
        assert "Épicerie Durand" in screen_text(app)


async def test_the_next_page_loads_when_the_cursor_reaches_the_last_row(
    db_path: Path,
) -> None:
    total = 130
    for index in range(total):
        add_customer(f"Client {index:03d}")
    app = app_for(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        table = app.screen.query_one(DataTable)
        first_page = table.row_count
        assert 0 < first_page < total
        await pilot.press("down")
        for _ in range(total):
            if table.row_count == total:
                break
            await pilot.press("pagedown")
            await settle(app, pilot)
        assert table.row_count == total
        await pilot.press("ctrl+end")
        await settle(app, pilot)
        shown = screen_text(app)
        assert "Client 129" in shown and "130 customers" in shown


async def test_hostile_names_are_shown_as_typed(db_path: Path) -> None:
    for name in HOSTILE:
        add_customer(name)
    app = app_for(db_path)
    # Wide enough for the name column to show each name whole.
    async with app.run_test(size=(140, 24)) as pilot:
        await settle(app, pilot)
        shown = screen_text(app)
        for name in HOSTILE:
            assert name in shown, name
        assert app.is_running  # `[@click=app.quit]` stayed text


async def test_enter_typed_right_after_the_text_opens_its_result(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A fast typist's Enter arrives before the search for what they typed has painted:
    it opens that search's first hit, not the row highlighted before."""
    import screens.customers

    monkeypatch.setattr(screens.customers, "THROTTLE_S", 0.1)
    add_customer("[/]")
    seed_three()
    app = app_for(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        # All at once, as a terminal delivers a burst (Pilot.press waits between keys).
        for key in (*"garage", "enter"):
            event = events.Key(key, key if len(key) == 1 else "\r")
            event.set_sender(app)
            app._driver.send_message(event)
        for _ in range(20):
            await settle(app, pilot)
            if type(app.screen).__name__ == "CustomerDetailScreen":
                break
        assert "Garage Dupuis" in screen_text(app)
