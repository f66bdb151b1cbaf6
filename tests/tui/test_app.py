"""The application shell: first launch, header, help, palette, footer at 80 columns."""

from __future__ import annotations

from pathlib import Path

import pytest
from peewee import Database
from textual.widgets import Input
from tui_pilot import app_for, screen_text, settle

pytestmark = pytest.mark.usefixtures("instant_search")


async def test_first_launch_on_an_empty_database_asks_for_the_company(
    db: Database, db_path: Path
) -> None:
    app = app_for(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        assert "Settings" in type(app.screen).__name__


@pytest.mark.usefixtures("company")
async def test_configured_database_opens_on_the_list_with_search_focused(
    db_path: Path,
) -> None:
    app = app_for(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        assert type(app.screen).__name__ == "CustomerSearchScreen"
        assert isinstance(app.focused, Input)
        header = screen_text(app).splitlines()[0]
        assert "alice" in header and "Comptoir Test" in header


@pytest.mark.usefixtures("company")
async def test_footer_fits_80_columns_with_at_most_six_keys(db_path: Path) -> None:
    from textual.widgets._footer import FooterKey

    app = app_for(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        shown = [key for key in app.screen.query(FooterKey) if key.region.width]
        assert 0 < len(shown) <= 6
        assert all(key.region.right <= 80 for key in shown)


@pytest.mark.usefixtures("company")
async def test_f1_shows_the_keys_and_escape_closes_it(db_path: Path) -> None:
    app = app_for(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        home = app.screen
        await pilot.press("f1")
        await settle(app, pilot)
        assert app.screen is not home
        assert "Ctrl+T" in screen_text(app) or "^t" in screen_text(app)
        await pilot.press("escape")
        await settle(app, pilot)
        assert app.screen is home


@pytest.mark.usefixtures("company")
async def test_the_palette_offers_every_action_of_the_screen(db_path: Path) -> None:
    app = app_for(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("ctrl+p")
        await settle(app, pilot)
        await pilot.press(*"new cus")
        await settle(app, pilot)
        assert "New customer" in screen_text(app)
        await pilot.press("escape")


@pytest.mark.usefixtures("company")
async def test_start_up_benchmark_mode_exits_after_the_first_page(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COMPTOIR_EXIT_AFTER_FIRST_PAINT", "1")
    app = app_for(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(50):
            if app._exit:  # exit() was called: the app is closing by itself
                break
            await pilot.pause()
        stopped_by_itself = app._exit
    assert stopped_by_itself
