"""Postcode and city completion in the customer form, driven by keys at 80×24."""

from __future__ import annotations

from typing import Any

from form_pilot import FormHost, go_to, type_text
from peewee import Database
from textual.pilot import Pilot
from textual.widgets import Input

from models.customer_records import CustomerInput
from models.customers import create_customer, get_customer
from models.settings import Settings
from screens.customer_form import CustomerFormScreen
from tui.widgets.completion import CompletionInput, CompletionList


def form_app(number: str | None = None) -> FormHost:
    return FormHost(lambda: CustomerFormScreen("alice", number))


def input_of(app: FormHost, key: str) -> Input:
    return app.screen.query_one(f"#field-{key} Input", Input)


async def settle(pilot: Pilot[Any]) -> None:
    """Lets the lookups finish and their answers reach the screen."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()


def offered(app: FormHost, key: str) -> list[str]:
    """The entries of the list under field `key`, as the operator reads them."""
    lists = [c for c in app.screen.query(CompletionList) if c.display]
    field = app.screen.query_one(f"#field-{key}")
    return [
        str(c.owner.dropdown.get_option_at_index(i).prompt)
        for c in lists
        if c.parent is field
        for i in range(c.option_count)
    ]


async def named(pilot: Pilot[Any], app: FormHost, name: str) -> None:
    await go_to(pilot, app, "field-name")
    await type_text(pilot, name)


async def save(pilot: Pilot[Any], app: FormHost) -> tuple[str, str, str]:
    """Saves the form; the saved customer's postcode, city and country."""
    await pilot.press("ctrl+s")
    await pilot.pause()
    saved = get_customer(app.result)
    return saved.postal_code, saved.city, saved.country


async def type_in(pilot: Pilot[Any], app: FormHost, key: str, text: str) -> None:
    await go_to(pilot, app, f"field-{key}")
    await type_text(pilot, text)
    await settle(pilot)


async def test_a_postcode_offers_its_commune_and_tab_fills_the_city(
    db: Database, company: Settings
) -> None:
    app = form_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await named(pilot, app, "Bio Sud")
        await type_in(pilot, app, "postal_code", "42000")
        assert offered(app, "postal_code") == ["42000  Saint-Étienne"]
        await pilot.press("tab")
        await pilot.pause()
        assert input_of(app, "city").value == "Saint-Étienne"
        assert input_of(app, "postal_code").value == "42000"
        # The focus moved on as Tab moves it, and filling the city offered nothing.
        assert app.focused is input_of(app, "city")
        await settle(pilot)
        assert offered(app, "city") == []
        assert await save(pilot, app) == ("42000", "Saint-Étienne", "FR")


async def test_arrows_choose_among_the_communes_of_a_postcode(
    db: Database, company: Settings
) -> None:
    app = form_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await type_in(pilot, app, "postal_code", "01400")
        assert offered(app, "postal_code")[:2] == ["01400  Chanoz-Châtenay",
                                                   "01400  Châtillon-sur-Chalaronne"]  # fmt: skip
        assert len(offered(app, "postal_code")) == 10
        # Several communes: Tab takes one only once the operator has chosen it.
        await pilot.press("down", "down", "down", "down", "up")
        await pilot.press("tab")
        await pilot.pause()
        assert input_of(app, "city").value == "Condeissiat"


async def test_a_city_offers_its_postcodes(db: Database, company: Settings) -> None:
    app = form_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await type_in(pilot, app, "city", "st etie")
        assert offered(app, "city")[:3] == [
            "42000  Saint-Étienne", "42100  Saint-Étienne", "42230  Saint-Étienne",
        ]  # fmt: skip
        await pilot.press("down", "down", "tab")
        await pilot.pause()
        assert input_of(app, "postal_code").value == "42100"
        assert input_of(app, "city").value == "Saint-Étienne"
        assert app.focused is input_of(app, "country")


async def test_a_city_after_its_postcode_is_completed_among_that_postcodes_places(
    db: Database, company: Settings
) -> None:
    app = form_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await type_in(pilot, app, "postal_code", "01400")
        await pilot.press("escape")  # the list closes; the form stays
        await pilot.pause()
        assert offered(app, "postal_code") == []
        assert isinstance(app.screen, CustomerFormScreen)
        await pilot.press("tab")
        await type_text(pilot, "s")
        await settle(pilot)
        assert offered(app, "city") == ["01400  Saint-Georges-sur-Renon", "01400  Sandrans",
                                        "01400  Sulignat"]  # fmt: skip
        await type_text(pilot, "an")
        await settle(pilot)
        assert offered(app, "city") == ["01400  Sandrans"]
        await pilot.press("tab")  # the only one left: Tab takes it without a choice
        await pilot.pause()
        assert input_of(app, "city").value == "Sandrans"
        assert input_of(app, "postal_code").value == "01400"


async def test_a_foreign_postcode_without_a_match_is_saved_as_typed(
    db: Database, company: Settings
) -> None:
    app = form_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await named(pilot, app, "Chocolatier Bruxellois")
        await type_in(pilot, app, "postal_code", "1000")
        # French postcodes beginning 1000 are offered, but none is taken without a choice.
        assert "10000  Troyes" in offered(app, "postal_code")
        await pilot.press("tab")
        await type_text(pilot, "Bruxelles")
        await settle(pilot)
        assert offered(app, "city") == []
        await pilot.press("tab")
        await type_text(pilot, "BE")
        assert await save(pilot, app) == ("1000", "Bruxelles", "BE")


async def test_typing_on_ignores_the_offer(db: Database, company: Settings) -> None:
    """A French postcode whose place is not the official commune (a lieu-dit)."""
    app = form_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await named(pilot, app, "Ferme du Bois")
        await type_in(pilot, app, "city", "Le Hameau")
        assert offered(app, "city") == []
        await pilot.press("shift+tab")
        await type_text(pilot, "51300")
        await settle(pilot)
        assert "51300  Vitry-le-François" in offered(app, "postal_code")
        # Nothing chosen: Tab moves on and leaves both fields as typed.
        await pilot.press("tab")
        await pilot.pause()
        assert input_of(app, "city").value == "Le Hameau"
        assert app.focused is input_of(app, "city")
        assert await save(pilot, app) == ("51300", "Le Hameau", "FR")


async def test_the_delivery_address_completes_in_its_own_country(
    db: Database, company: Settings
) -> None:
    create_customer(
        CustomerInput(name="Kafeneio", postal_code="105 57", city="Αθήνα", country="GR"), "bob"
    )
    app = form_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await type_in(pilot, app, "delivery_country", "GR")
        await pilot.press("shift+tab")
        await type_text(pilot, "αθ")
        await settle(pilot)
        assert offered(app, "delivery_city") == ["105 57  Αθήνα"]
        await pilot.press("down", "tab")
        await pilot.pause()
        assert input_of(app, "delivery_postal_code").value == "105 57"
        # The billing address is left alone.
        assert input_of(app, "postal_code").value == ""
        assert isinstance(input_of(app, "delivery_city"), CompletionInput)


def test_the_postcode_lists_are_not_loaded_at_start_up() -> None:
    """Opening the app and the form imports neither the lookups nor their data."""
    import subprocess
    import sys

    code = (
        "import sys, tui.app, screens.customer_form; "
        "print([m for m in sys.modules if m.startswith(('models.postcodes', 'models.places'))])"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
