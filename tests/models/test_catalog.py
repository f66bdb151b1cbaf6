"""The catalog, price lists and VAT rates through their services: what is stored, what is
refused (at the field, saying why), search, versions."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

import pytest
from peewee import Database
from sales_fixtures import OPERATOR, add_customer, add_item, open_shop

from models.catalog import ItemInput, create_item, get_item, search_items, update_item
from models.errors import ConflictError, NotFound, ValidationError
from models.price_lists import (
    get_price_list,
    list_price_lists,
    list_prices,
    save_price_list,
    set_list_price,
)
from models.settings import Settings, save_settings
from models.vat_rates import Rate, checked_rate, list_rates, rate_label, save_rate

D = Decimal
GROUND = ItemInput(
    " caf-250 ", " Café moulu 250 g ", "Arabica, mouture fine", "paquet", "4,2", "5,5"
)


@pytest.fixture
def shop(db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    open_shop(monkeypatch)


# --- items ------------------------------------------------------------------------------


def test_an_item_is_stored_cleaned(shop: None) -> None:
    item = create_item(GROUND, OPERATOR)
    assert (item.code, item.name, item.unit) == ("CAF-250", "Café moulu 250 g", "paquet")
    assert (item.unit_price, item.vat_rate) == (D("4.2"), D("5.5"))
    assert isinstance(item.unit_price, Decimal) and isinstance(item.vat_rate, Decimal)
    assert (item.active, item.version, item.updated_by) == (True, 1, OPERATOR)
    assert get_item("caf-250") == item


def test_four_decimal_prices_are_kept_exactly(shop: None) -> None:
    item = add_item("VIS-M4", "0.0125")
    assert get_item("VIS-M4").unit_price == D("0.0125") == item.unit_price


@pytest.mark.parametrize(
    ("change", "field", "reason"),
    [
        ({"unit_price": "1.23456"}, "unit_price", "At most 4 decimals"),
        ({"unit_price": "-1"}, "unit_price", "At least 0"),
        ({"unit_price": "quatre"}, "unit_price", "Not a number"),
        ({"unit_price": ""}, "unit_price", "required"),
        ({"vat_rate": "19.6"}, "vat_rate", "rates: 20, 10, 5.5, 2.1"),
        ({"vat_rate": "21"}, "vat_rate", "No VAT rate of 21 % in FR"),
        ({"vat_rate": ""}, "vat_rate", "required"),
        ({"code": ""}, "code", "required"),
        ({"code": "CAFÉ 250"}, "code", "letters, digits"),
        ({"code": "X" * 31}, "code", "Up to 30"),
        ({"name": "  "}, "name", "required"),
    ],
)
def test_invalid_items_refused_at_the_field(
    shop: None, change: dict[str, str], field: str, reason: str
) -> None:
    with pytest.raises(ValidationError) as caught:
        create_item(dataclasses.replace(GROUND, **change), OPERATOR)  # type: ignore[arg-type]
    assert list(caught.value.errors) == [field]
    assert reason in caught.value.errors[field]
    assert search_items() == []


def test_rates_are_those_of_the_company_country(shop: None) -> None:
    save_settings(Settings(company_name="De Koffiebrander", company_country="NL"))
    with pytest.raises(ValidationError) as caught:
        create_item(GROUND, OPERATOR)
    assert caught.value.errors["vat_rate"] == ("No VAT rate of 5.5 % in NL; rates: 21, 9, 0.")
    assert create_item(dataclasses.replace(GROUND, vat_rate="9"), OPERATOR).vat_rate == 9


def test_a_code_is_never_given_twice(shop: None) -> None:
    create_item(GROUND, OPERATOR)
    other = add_item("MACH", "899")
    with pytest.raises(ValidationError, match="exists") as caught:
        create_item(dataclasses.replace(GROUND, code="Caf-250", name="Autre"), OPERATOR)
    assert list(caught.value.errors) == ["code"]
    with pytest.raises(ValidationError, match="exists"):
        update_item("MACH", dataclasses.replace(GROUND, code="caf-250"), other.version, OPERATOR)
    assert get_item("MACH") == other


def test_an_edit_is_saved_once_and_a_stale_one_refused(shop: None) -> None:
    item = create_item(GROUND, OPERATOR)
    edited = update_item(
        "caf-250", dataclasses.replace(GROUND, code="CAF-250G", unit_price="4.35"), 1, "bob"
    )
    assert (edited.id, edited.code, edited.unit_price, edited.version) == (
        item.id,
        "CAF-250G",
        D("4.35"),
        2,
    )
    assert edited.updated_by == "bob"
    with pytest.raises(NotFound):
        get_item("CAF-250")
    with pytest.raises(ConflictError, match="bob"):
        update_item("CAF-250G", dataclasses.replace(GROUND, unit_price="9"), 1, OPERATOR)
    assert get_item("CAF-250G").unit_price == D("4.35")


def test_search_ignores_accents_and_puts_codes_first(shop: None) -> None:
    add_item("DECA", "5", name="Café décaféiné")
    add_item("CAF-250", "4.20", name="Café moulu 250 g")
    add_item("CAF", "12", name="Café en grains 1 kg")
    add_item("THE", "3", name="Thé vert")
    add_item("AAA", "3", name="Cafetière italienne")
    codes = [item.code for item in search_items("caf")]
    assert codes == ["CAF", "CAF-250", "AAA", "DECA"]  # exact code, codes so begun, others
    assert [item.code for item in search_items("CAFE")] == ["AAA", "CAF", "CAF-250", "DECA"]
    assert [item.code for item in search_items("thé")] == ["THE"]
    assert [item.code for item in search_items("the")] == ["THE"]
    assert [item.code for item in search_items("moulu CAFÉ")] == ["CAF-250"]
    assert [item.code for item in search_items("decafeine")] == ["DECA"]
    assert [item.code for item in search_items("", limit=2)] == ["AAA", "CAF"]


def test_an_inactive_item_is_found_only_on_request(shop: None) -> None:
    item = create_item(GROUND, OPERATOR)
    update_item(item.code, dataclasses.replace(GROUND, active=False), item.version, OPERATOR)
    assert search_items("café") == []
    assert [i.code for i in search_items("café", include_inactive=True)] == ["CAF-250"]


# --- price lists ------------------------------------------------------------------------


def test_a_price_list_holds_prices_per_item(shop: None) -> None:
    add_item("CAF", "4.20", "5.5")
    add_item("MACH", "899")
    created = save_price_list(" Revendeurs ", "eur", OPERATOR)
    assert (created.name, created.currency, created.items, created.version) == (
        "Revendeurs",
        "EUR",
        0,
        1,
    )
    assert set_list_price("revendeurs", "caf", "3,8", OPERATOR) == D("3.8")
    set_list_price("Revendeurs", "MACH", "850.1234", OPERATOR)
    set_list_price("Revendeurs", "MACH", "850", OPERATOR)  # a second price replaces the first
    assert [(p.code, p.catalog_price, p.list_price) for p in list_prices("Revendeurs")] == [
        ("CAF", D("4.20"), D("3.8")),
        ("MACH", D(899), D(850)),
    ]
    assert set_list_price("Revendeurs", "CAF", "", OPERATOR) is None  # off the list
    assert [(p.code, p.list_price) for p in list_prices("Revendeurs", "caf")] == [("CAF", None)]
    add_customer("Café de la Gare", price_list="Revendeurs")
    listed = get_price_list("REVENDEURS")
    assert (listed.items, listed.customers, listed.version) == (1, 1, 5)


def test_bad_list_prices_refused(shop: None) -> None:
    add_item("CAF", "4.20", "5.5")
    save_price_list("Revendeurs", "EUR", OPERATOR)
    with pytest.raises(ValidationError, match="4 decimals"):
        set_list_price("Revendeurs", "CAF", "3.80001", OPERATOR)
    with pytest.raises(NotFound):
        set_list_price("Revendeurs", "NOPE", "1", OPERATOR)
    with pytest.raises(NotFound):
        set_list_price("Grossistes", "CAF", "1", OPERATOR)
    assert [p.list_price for p in list_prices("Revendeurs")] == [None]


def test_names_are_unique_and_currencies_codes(shop: None) -> None:
    save_price_list("Revendeurs", "EUR", OPERATOR)
    with pytest.raises(ValidationError, match="exists"):
        save_price_list("REVENDEURS", "EUR", OPERATOR)
    with pytest.raises(ValidationError) as caught:
        save_price_list("", "euro", OPERATOR)
    assert set(caught.value.errors) == {"name", "currency"}
    assert [pl.name for pl in list_price_lists()] == ["Revendeurs"]


def test_the_currency_changes_only_while_the_list_is_empty(shop: None) -> None:
    add_item("CAF", "4.20", "5.5")
    save_price_list("Export", "EUR", OPERATOR)
    dollars = save_price_list("Export", "USD", OPERATOR, existing="Export", expected_version=1)
    assert (dollars.currency, dollars.version) == ("USD", 2)
    set_list_price("Export", "CAF", "5", OPERATOR)
    with pytest.raises(ValidationError) as caught:
        save_price_list("Export", "GBP", OPERATOR, existing="Export")
    assert "USD" in caught.value.errors["currency"]
    renamed = save_price_list("Export US", "USD", OPERATOR, existing="export")
    assert (renamed.name, renamed.currency, renamed.items) == ("Export US", "USD", 1)


def test_a_stale_list_edit_is_refused_and_a_retired_list_hidden(shop: None) -> None:
    save_price_list("Revendeurs", "EUR", OPERATOR)
    save_price_list(
        "Revendeurs", "EUR", "bob", existing="Revendeurs", expected_version=1, active=False
    )
    with pytest.raises(ConflictError):
        save_price_list("Grossistes", "EUR", OPERATOR, existing="Revendeurs", expected_version=1)
    assert list_price_lists() == []
    assert [pl.name for pl in list_price_lists(include_inactive=True)] == ["Revendeurs"]


# --- VAT rates --------------------------------------------------------------------------


def test_rates_are_seeded_for_france_the_netherlands_and_greece(shop: None) -> None:
    rates = {(r.country, r.rate) for r in list_rates()}
    assert rates == {
        ("FR", D(20)),
        ("FR", D(10)),
        ("FR", D("5.5")),
        ("FR", D("2.1")),
        ("NL", D(21)),
        ("NL", D(9)),
        ("NL", D(0)),
        ("GR", D(24)),
        ("GR", D(13)),
        ("GR", D(6)),
    }
    assert [r.rate for r in list_rates("fr")] == [D(20), D(10), D("5.5"), D("2.1")]
    assert rate_label(D("5.5"), "FR") == "Taux réduit"
    assert rate_label(D(24), "GR") == "Κανονικός συντελεστής"
    assert all(r.label and r.active for r in list_rates())


def test_rates_are_editable(shop: None) -> None:
    assert save_rate("fr", "5,5", " Taux réduit (alimentation) ") == Rate(
        "FR", D("5.5"), "Taux réduit (alimentation)", True
    )
    assert rate_label(D("5.50"), "FR") == "Taux réduit (alimentation)"
    save_rate("FR", "2.1", "Taux particulier", active=False)
    assert [r.rate for r in list_rates("FR")] == [D(20), D(10), D("5.5")]
    assert len(list_rates("FR", include_inactive=True)) == 4
    with pytest.raises(ValidationError, match="rates: 20, 10, 5.5"):
        checked_rate("vat_rate", "2.1", "FR")
    save_rate("FR", "8.5", "Taux DOM")
    assert checked_rate("vat_rate", "8,5", "FR") == D("8.5")
    assert add_item("RHUM", "20", "8.5").vat_rate == D("8.5")


def test_bad_rates_refused(shop: None) -> None:
    with pytest.raises(ValidationError) as caught:
        save_rate("France", "5.555", "")
    assert set(caught.value.errors) == {"country", "rate", "label"}
    with pytest.raises(ValidationError, match="100"):
        save_rate("FR", "120", "Trop")
    assert len(list_rates("FR")) == 4
