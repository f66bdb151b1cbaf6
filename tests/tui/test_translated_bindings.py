"""Binding descriptions are declared before the language is installed (class definition
time) and must still show in the operator's language: footer, help and palette."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from tui_pilot import app_for, screen_text, settle

from models.i18n import gettext, install
from screens.customers import CustomerSearchScreen

LOCALE = Path(__file__).resolve().parents[2] / "tui" / "locale"

pytestmark = pytest.mark.usefixtures("company", "instant_search")


@pytest.fixture
def french() -> Iterator[None]:
    install("fr", LOCALE)
    yield
    install("en", LOCALE)


@pytest.mark.usefixtures("french")
async def test_footer_and_help_show_bindings_in_the_installed_language(db_path: Path) -> None:
    new, help_ = gettext("New"), gettext("Help")
    assert (new, help_) != ("New", "Help"), "the French catalog should translate these"
    app = app_for(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        footer = screen_text(app).splitlines()[-1]
        assert new in footer and help_ in footer
        await pilot.press("f1", "end")  # the app's keys come last
        await settle(app, pilot)
        # F9 is in no footer: only the help can show its translated description.
        assert gettext("Settings") != "Settings"
        assert gettext("Settings") in screen_text(app)


@pytest.mark.usefixtures("french")
async def test_translating_an_instance_leaves_the_class_bindings_untouched(
    db_path: Path,
) -> None:
    app = app_for(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
    declared = {b.description for _key, b in CustomerSearchScreen._merged_bindings or []}
    assert "New" in declared
    # A second screen translates from the English source again, never twice.
    install("en", LOCALE)
    screen = CustomerSearchScreen()
    shown = {b.description for _key, b in screen._bindings}
    assert "New" in shown


async def test_palette_lists_screen_and_app_commands_translated(db_path: Path) -> None:
    from tui.commands import ComptoirCommands

    app = app_for(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        names = {c.name for c in ComptoirCommands(app.screen).commands()}
    assert {"New customer", "Edit customer", "Show or hide inactive customers", "Settings",
            "Help", "Quit"} <= names  # fmt: skip
