"""The settings form driven by keys: first launch, refused IBAN, Esc."""

from __future__ import annotations

from typing import Any

from peewee import Database
from textual.app import App

from models.settings import Settings, load_settings
from screens.settings_form import SettingsFormScreen

NOT_DISMISSED = object()


class SettingsApp(App[None]):
    def __init__(self, first_launch: bool) -> None:
        super().__init__()
        self.first_launch = first_launch
        self.result: Any = NOT_DISMISSED

    def on_mount(self) -> None:
        self.push_screen(SettingsFormScreen(self.first_launch), self._store)

    def _store(self, result: bool | None) -> None:
        self.result = result


async def type_text(pilot: Any, text: str) -> None:
    await pilot.press(*["space" if c == " " else c for c in text])


async def test_first_launch_filled_and_saved(db: Database) -> None:
    app = SettingsApp(first_launch=True)
    async with app.run_test(size=(80, 24)) as pilot:
        assert "Set up your company" in str(app.screen.query_one("#welcome").render())
        await type_text(pilot, "Boulangerie Martin")  # the company name has the focus
        await pilot.press("tab", "tab", "tab")
        await type_text(pilot, "75011")
        await pilot.press("tab")
        await type_text(pilot, "Paris")
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert app.result is True
    saved = load_settings()
    assert (saved.company_name, saved.company_postal_code, saved.company_city) == (
        "Boulangerie Martin",
        "75011",
        "Paris",
    )


async def test_bad_iban_is_explained_under_its_field(db: Database) -> None:
    app = SettingsApp(first_launch=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await type_text(pilot, "Martin")
        for _ in range(8):  # name → IBAN
            await pilot.press("tab")
        await type_text(pilot, "FR00123")
        await pilot.press("ctrl+s")
        await pilot.pause()
        error = app.screen.query_one("#field-company_iban .field-error")
        assert error.display and str(error.render()).strip()
        assert app.result is NOT_DISMISSED
    assert load_settings() == Settings()


async def test_escape_on_first_launch_offers_to_quit(db: Database) -> None:
    app = SettingsApp(first_launch=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, SettingsFormScreen)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert app._exit  # app.exit() was called


async def test_escape_later_leaves_untouched_settings(db: Database) -> None:
    app = SettingsApp(first_launch=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("escape")
        await pilot.pause()
    assert app.result is False
