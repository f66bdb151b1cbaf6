"""The settings form driven by keys: first launch, refused IBAN, Esc."""

from __future__ import annotations

from form_pilot import NOT_DISMISSED, FormHost, error_under, go_to, type_text
from peewee import Database
from textual.widgets import Checkbox
from tui_pilot import screen_text

from models.settings import Settings, load_settings
from screens.settings_form import SettingsFormScreen


def settings_app(first_launch: bool) -> FormHost:
    return FormHost(lambda: SettingsFormScreen(first_launch))


async def test_first_launch_filled_and_saved(db: Database) -> None:
    app = settings_app(first_launch=True)
    async with app.run_test(size=(80, 24)) as pilot:
        assert "Set up your company" in str(app.screen.query_one("#welcome").render())
        await type_text(pilot, "Bio Sud")  # the company name has the focus
        await go_to(pilot, app, "field-company_postal_code")
        await type_text(pilot, "75011")
        await pilot.press("tab")
        await type_text(pilot, "Paris")
        await go_to(pilot, app, "field-ask_birth_date")
        await pilot.press("space")
        assert app.screen.query_one("#field-ask_birth_date Checkbox", Checkbox).value
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert app.result is True
    saved = load_settings()
    assert (saved.company_name, saved.company_postal_code, saved.company_city) == (
        "Bio Sud",
        "75011",
        "Paris",
    )
    assert saved.ask_birth_date and not saved.email_mandatory


async def test_bad_iban_is_explained_under_its_field(db: Database) -> None:
    app = settings_app(first_launch=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await type_text(pilot, "Martin")
        await go_to(pilot, app, "field-company_iban")
        await type_text(pilot, "FR00123")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert error_under(app, "field-company_iban")
        assert error_under(app, "field-company_name") == ""
        assert app.focused is app.screen.query_one("#field-company_iban").widget
        assert app.result is NOT_DISMISSED
    assert load_settings() == Settings()


async def test_missing_company_name_is_explained(db: Database) -> None:
    app = settings_app(first_launch=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert error_under(app, "field-company_name")
    assert not load_settings().is_configured


async def test_escape_on_first_launch_offers_to_quit(db: Database) -> None:
    app = settings_app(first_launch=True)
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
    app = settings_app(first_launch=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("escape")
        await pilot.pause()
    assert app.result is False


async def test_duplicate_checks_and_retention_are_set_by_keys(db: Database) -> None:
    app = settings_app(first_launch=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await type_text(pilot, "Bio Sud")
        await go_to(pilot, app, "field-duplicate_phone")
        await pilot.press("enter", "down", "enter")  # open the choices, take "block"
        await go_to(pilot, app, "field-retention_years")
        await type_text(pilot, "ten")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "whole number of years" in error_under(app, "field-retention_years")
        assert app.result is NOT_DISMISSED
        assert app.focused is app.screen.query_one("#field-retention_years").widget
        await pilot.press("backspace", "backspace", "backspace")
        await type_text(pilot, "12")
        await pilot.press("ctrl+s")
        await pilot.pause()
    saved = load_settings()
    assert (saved.duplicate_phone, saved.duplicate_email, saved.retention) == ("block", "block", 12)


async def test_duplicate_checks_start_at_their_defaults_and_zero_years_is_refused(
    db: Database,
) -> None:
    app = settings_app(first_launch=True)
    async with app.run_test(size=(80, 24)) as pilot:
        fields = app.screen.fields
        modes = {check: fields[f"duplicate_{check}"].value
                 for check in ("name", "address", "phone", "email", "siren")}  # fmt: skip
        assert modes == {"name": "warn", "address": "warn", "phone": "warn",
                         "email": "block", "siren": "block"}  # fmt: skip
        await type_text(pilot, "Bio Sud")
        await go_to(pilot, app, "field-duplicate_email")
        [line] = [line for line in screen_text(app).splitlines() if "Same e-mail" in line]
        assert "block: confirm twice" in line  # what the operator reads
        await go_to(pilot, app, "field-retention_years")
        await pilot.press("backspace", "backspace", "0")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert error_under(app, "field-retention_years")
        assert app.result is NOT_DISMISSED
    assert not load_settings().is_configured


async def test_invoice_clauses_are_typed_and_a_bad_penalty_rate_is_explained(
    db: Database,
) -> None:
    app = settings_app(first_launch=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await type_text(pilot, "Bio Sud")
        await go_to(pilot, app, "field-late_penalty_rate")
        await type_text(pilot, "douze")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert error_under(app, "field-late_penalty_rate") == "Not a number."
        for _ in range(5):
            await pilot.press("backspace")
        await type_text(pilot, "12,5")
        await go_to(pilot, app, "field-early_payment_discount")
        await type_text(pilot, "2 % à 10 jours")
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert app.result is True
    saved = load_settings()
    assert (saved.late_penalty_rate, saved.early_payment_discount) == ("12.5", "2 % à 10 jours")
