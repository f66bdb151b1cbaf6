"""Duplicates in the customer form, by keys alone at 80×24: the panel while the name is
typed, and the warning on save (open the existing customer, or create anyway)."""

from __future__ import annotations

from typing import Any

from form_pilot import NOT_DISMISSED, FormHost, go_to, type_text
from peewee import Database
from textual.pilot import Pilot
from tui_pilot import settle

from models.customer_records import CustomerInput
from models.customers import create_customer, customer_history
from models.settings import Settings
from models.tables import Customer
from screens.confirm import ConfirmScreen
from screens.customer_detail import CustomerDetailScreen
from screens.customer_form import CustomerFormScreen
from screens.duplicate_warning import DuplicateWarningScreen


def on_file(name: str, **fields: Any) -> str:
    return create_customer(CustomerInput(name=name, city="Paris", **fields), "alice").number


def form_app() -> FormHost:
    return FormHost(lambda: CustomerFormScreen("bob"))


async def type_name(pilot: Pilot[Any], app: FormHost, name: str) -> None:
    await go_to(pilot, app, "field-name")
    await type_text(pilot, name)
    await settle(app, pilot)


def panel_text(app: FormHost) -> str:
    panel = app.screen.query_one("#name-suggestions")
    if not panel.display or "shown" not in panel.classes:
        return ""
    return " ".join(str(o.prompt) for o in panel.query_one("#suggestion-list")._options)


async def test_similar_names_appear_while_typing_and_f3_opens_one(
    db: Database, company: Settings
) -> None:
    dupont = on_file("Boulangerie Dupont SARL", phone="01 43 55 12 12")
    on_file("Garage Martin")
    app = form_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await type_name(pilot, app, "Bo")
        assert panel_text(app) == ""  # too short to look up
        await type_text(pilot, "ulangerie Dupond")
        await settle(app, pilot)
        shown = panel_text(app)
        assert dupont in shown and "Boulangerie Dupont SARL" in shown and "01 43 55 12 12" in shown
        assert "Garage Martin" not in shown
        await pilot.press("f3", "enter")
        await settle(app, pilot)
        assert isinstance(app.screen, CustomerDetailScreen) and app.screen.number == dupont
    assert app.result is None
    assert Customer.select().count() == 2


async def test_save_warns_and_create_anyway_is_recorded(db: Database, company: Settings) -> None:
    dupont = on_file("Boulangerie Dupont SARL", phone="01 43 55 12 12")
    app = form_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await type_name(pilot, app, "Dupont Boulangerie")
        await go_to(pilot, app, "field-phone")
        await type_text(pilot, "+33143551212")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        warning = app.screen
        assert isinstance(warning, DuplicateWarningScreen)
        text = " ".join(str(o.prompt) for o in warning.query_one("#duplicate-list")._options)
        assert dupont in text and "same phone" in text and "%" in text
        assert Customer.select().count() == 1  # nothing written yet
        await pilot.press("c")  # phone only warns: no second question
        await settle(app, pilot)
    assert app.result == "C000002"
    event = customer_history("C000002")[0]
    assert (event.kind, event.operator) == ("created_anyway", "bob")
    assert dupont in event.summary


async def test_enter_opens_the_existing_customer_and_creates_nothing(
    db: Database, company: Settings
) -> None:
    existing = on_file("Fleurs Lemoine", email="contact@lemoine.fr")
    app = form_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await type_name(pilot, app, "Lemoine")
        await go_to(pilot, app, "field-email")
        await type_text(pilot, "CONTACT@lemoine.fr")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert isinstance(app.screen, DuplicateWarningScreen)
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, CustomerDetailScreen) and app.screen.number == existing
    assert Customer.select().count() == 1


async def test_a_blocking_match_needs_a_second_confirmation(
    db: Database, company: Settings
) -> None:
    on_file("Fleurs Lemoine", email="contact@lemoine.fr")  # e-mail blocks by default
    app = form_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await type_name(pilot, app, "Lemoine et Fils")
        await go_to(pilot, app, "field-email")
        await type_text(pilot, "contact@lemoine.fr")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        await pilot.press("c")
        await settle(app, pilot)
        assert isinstance(app.screen, ConfirmScreen)
        assert "same e-mail" in app.screen.question
        await pilot.press("n")  # not sure after all
        await settle(app, pilot)
        assert isinstance(app.screen, DuplicateWarningScreen)
        assert Customer.select().count() == 1
        await pilot.press("escape")  # back to the form, everything still typed
        await settle(app, pilot)
        assert isinstance(app.screen, CustomerFormScreen)
        assert app.screen.fields["name"].value == "Lemoine et Fils"
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        await pilot.press("c")
        await settle(app, pilot)
        await pilot.press("y")
        await settle(app, pilot)
    assert app.result == "C000002"
    assert app.result is not NOT_DISMISSED
