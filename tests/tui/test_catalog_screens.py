"""The catalog's screens driven by keys, as the operator would, at 80×24: items added,
found without typing the accents, repriced and refused at the field; a list price set
and refused; a VAT rate added and deactivated; the customer form's price list."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from form_pilot import NOT_DISMISSED, FormHost, error_under, go_to, type_text
from peewee import Database
from textual.pilot import Pilot
from textual.widgets import Input
from tui_pilot import OPERATOR, add_customer, app_for, screen_text, settle

from models.catalog import ItemInput, create_item, get_item, update_item
from models.customers import get_customer
from models.price_lists import get_price_list, list_prices, save_price_list
from models.settings import Settings
from models.vat_rates import list_rates
from screens.catalog import CatalogScreen
from screens.customer_card import customer_card
from screens.customer_form import CustomerFormScreen
from screens.item_form import ItemFormScreen
from screens.price_list_prices import ListPriceModal, PriceListPricesScreen
from screens.price_lists import PriceListsScreen
from screens.vat_rates import VatRatesScreen

pytestmark = pytest.mark.usefixtures("company", "instant_catalog")


@pytest.fixture
def instant_catalog(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each keystroke searches at once: tests wait for workers, never for a timer."""
    import screens.catalog_search

    monkeypatch.setattr(screens.catalog_search, "THROTTLE_S", 0)


def add_item(code: str, name: str, price: str = "1", vat: str = "20", **more: Any) -> None:
    create_item(ItemInput(code=code, name=name, unit_price=price, vat_rate=vat, **more), OPERATOR)


async def open_catalog(app: Any, pilot: Pilot[Any]) -> CatalogScreen:
    await settle(app, pilot)
    screen = CatalogScreen()
    app.push_screen(screen)
    await settle(app, pilot)
    return screen


async def test_item_added_found_without_accents_and_repriced(db_path: Path) -> None:
    add_item("ABR-500", "Abricots secs")
    add_item("THE-100", "Thé vert Sencha")
    app = app_for(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        catalog = await open_catalog(app, pilot)
        assert "2 items ·" in screen_text(app)
        await pilot.press("ctrl+n")
        await settle(app, pilot)
        assert isinstance(app.screen, ItemFormScreen)
        await type_text(pilot, "caf-250")  # the code is written in capitals
        await go_to(pilot, app, "field-name")
        await type_text(pilot, "Café moulu")
        await go_to(pilot, app, "field-unit_price")
        await type_text(pilot, "4,20")
        await go_to(pilot, app, "field-vat_rate")
        await pilot.press("enter", "down", "down", "enter")  # 20, 10, then 5.5
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert app.screen is catalog
        item = get_item("CAF-250")
        assert (item.name, item.unit_price, item.vat_rate) == (
            "Café moulu",
            Decimal("4.20"),
            Decimal("5.5"),
        )
        row = next(line for line in screen_text(app).splitlines() if "CAF-250" in line)
        assert "Café moulu" in row and "4.20" in row and "5.5%" in row
        assert catalog.highlighted is not None and catalog.highlighted.code == "CAF-250"

        await type_text(pilot, "cafe")  # the search box has the focus back
        await settle(app, pilot)
        shown = screen_text(app)
        assert "Café moulu" in shown and "Thé vert" not in shown and "Abricots" not in shown

        await pilot.press("enter")  # edits the item found
        await settle(app, pilot)
        assert isinstance(app.screen, ItemFormScreen)
        await go_to(pilot, app, "field-unit_price")
        await type_text(pilot, "4,2x")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert error_under(app, "field-unit_price") == "Not a number."
        assert isinstance(app.screen, ItemFormScreen)
        assert get_item("CAF-250").version == 1
        await pilot.press("backspace", "backspace", "3", "5")  # the cursor stayed in it
        await pilot.press("f2")
        await settle(app, pilot)
        assert app.screen is catalog
        assert get_item("CAF-250").unit_price == Decimal("4.35")
        assert "4.35" in screen_text(app)


async def test_inactive_items_shown_on_request_and_marked_in_words(db_path: Path) -> None:
    add_item("OLD-1", "Ancien modèle", active=False)
    add_item("NEW-1", "Nouveau modèle")
    app = app_for(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_catalog(app, pilot)
        assert "Ancien" not in screen_text(app)
        await pilot.press("ctrl+t")
        await settle(app, pilot)
        row = next(line for line in screen_text(app).splitlines() if "OLD-1" in line)
        assert "inactive" in row
        assert "(inactive included)" in screen_text(app)


async def test_long_catalog_loads_a_page_at_a_time(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import screens.catalog_search

    monkeypatch.setattr(screens.catalog_search, "PAGE", 4)
    for n in range(7):
        add_item(f"IT-{n}", f"Article {n}")
    app = app_for(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        catalog = await open_catalog(app, pilot)
        assert catalog.table.row_count == 4
        assert "4 items shown, more below…" in screen_text(app)
        await pilot.press("down", "down", "down", "down")  # into the table, to its end
        await settle(app, pilot)
        assert catalog.table.row_count == 7
        assert [row.code for row in catalog.rows] == [f"IT-{n}" for n in range(7)]


async def test_a_list_price_set_by_keys_and_a_bad_one_refused(db_path: Path) -> None:
    add_item("CAF-250", "Café moulu", "4.20", "5.5")
    add_item("THE-100", "Thé vert")
    save_price_list("Revendeurs", "EUR", OPERATOR)
    app = app_for(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_catalog(app, pilot)
        await pilot.press("ctrl+l")
        await settle(app, pilot)
        assert isinstance(app.screen, PriceListsScreen)
        assert "Revendeurs" in screen_text(app)
        await pilot.press("enter")
        await settle(app, pilot)
        prices = app.screen
        assert isinstance(prices, PriceListPricesScreen)
        assert "Revendeurs · EUR · 0 prices · 0 customers" in screen_text(app)
        await pilot.press("down", "enter")  # into the table, on CAF-250
        await settle(app, pilot)
        assert isinstance(app.screen, ListPriceModal)
        await type_text(pilot, "3,9x")
        await pilot.press("enter")
        await settle(app, pilot)
        assert error_under(app, "field-price") == "Not a number."
        assert list_prices("Revendeurs")[0].list_price is None
        await pilot.press("backspace", "0", "enter")
        await settle(app, pilot)
        assert app.screen is prices
        assert list_prices("Revendeurs")[0].list_price == Decimal("3.90")
        shown = screen_text(app)
        row = next(line for line in shown.splitlines() if "CAF-250" in line)
        assert row.split()[-2:] == ["4.20", "3.90"]  # catalog price, then the list's
        assert "1 price ·" in shown
        # The cursor went on to the next item; Delete on CAF-250 takes it off again.
        assert prices.highlighted is not None and prices.highlighted.code == "THE-100"
        await pilot.press("up", "delete")
        await settle(app, pilot)
        assert list_prices("Revendeurs")[0].list_price is None
        assert get_price_list("Revendeurs").items == 0


async def test_vat_rate_added_refused_twice_and_deactivated(db_path: Path) -> None:
    app = app_for(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_catalog(app, pilot)
        await pilot.press("ctrl+r")
        await settle(app, pilot)
        assert isinstance(app.screen, VatRatesScreen)
        assert "Taux réduit" in screen_text(app)
        await pilot.press("ctrl+n")
        await settle(app, pilot)
        await go_to(pilot, app, "field-rate")
        await type_text(pilot, "20")
        await go_to(pilot, app, "field-label")
        await type_text(pilot, "Taux test")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert error_under(app, "field-rate") == (
            "This rate is on file: change its label from the list."
        )
        await type_text(pilot, "8,5")  # the refused field has the focus
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert isinstance(app.screen, VatRatesScreen)
        assert [r.label for r in list_rates("FR") if r.rate == Decimal("8.5")] == ["Taux test"]
        assert [r.label for r in list_rates("FR") if r.rate == 20] == ["Taux normal"]
        row = next(line for line in screen_text(app).splitlines() if "Taux test" in line)
        assert "8.5%" in row
        await pilot.press("d")  # the cursor is on the rate just added
        await settle(app, pilot)
        assert Decimal("8.5") not in [r.rate for r in list_rates("FR")]
        row = next(line for line in screen_text(app).splitlines() if "Taux test" in line)
        assert "inactive" in row


def item_form_app(code: str | None = None) -> FormHost:
    return FormHost(lambda: ItemFormScreen("alice", code))


async def test_item_saved_over_a_newer_save_keeps_what_was_typed(db: Database) -> None:
    add_item("CAF-250", "Café moulu", "4.20", "5.5")
    app = item_form_app("CAF-250")
    async with app.run_test(size=(80, 24)) as pilot:
        newer = ItemInput(code="CAF-250", name="Café moulu fin", unit_price="4.50", vat_rate="5.5")
        update_item("CAF-250", newer, 1, "bob")
        await go_to(pilot, app, "field-unit_price")
        await type_text(pilot, "5")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.result is NOT_DISMISSED
        errors = [n.message for n in app._notifications if n.severity == "error"]
        assert any("changed by bob" in message for message in errors)
        assert app.screen.query_one("#field-unit_price Input", Input).value == "5"
    assert get_item("CAF-250").unit_price == Decimal("4.50")


async def test_escape_asks_before_discarding_a_new_item(db: Database) -> None:
    app = item_form_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await type_text(pilot, "X1")
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, ItemFormScreen)
        await pilot.press("n")
        await pilot.pause()
        assert app.screen.query_one("#field-code Input", Input).value == "X1"
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert app.result is None


async def test_customer_price_list_chosen_in_the_form_and_shown_on_the_card(
    db: Database, company: Settings
) -> None:
    save_price_list("Export CHF", "CHF", OPERATOR)
    save_price_list("Revendeurs", "EUR", OPERATOR)
    number = add_customer("Bio Sud")
    app = FormHost(lambda: CustomerFormScreen("alice", number))
    async with app.run_test(size=(80, 24)) as pilot:
        # Back from the first field round to the price list, below the terms.
        for _ in range(12):
            if app.focused is app.screen.query_one("#field-price_list Select"):
                break
            await pilot.press("shift+tab")
        # (none), Export CHF, Revendeurs: lists in every currency are offered.
        await pilot.press("enter", "down", "down", "enter")
        await pilot.press("ctrl+s")
        await pilot.pause()
    record = get_customer(number)
    assert record.price_list == "Revendeurs"
    card = str(customer_card(record))
    assert any("Price list" in line and "Revendeurs" in line for line in card.splitlines())
