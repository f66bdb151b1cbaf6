"""Which price a line gets and why: contract item price > contract item discount >
contract global discount > customer price list > catalog price; contracts apply only on
the days of their validity (both ends included) and in their currency; a price or a
discount typed on the line wins and says so."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import pytest
from peewee import Database
from sales_fixtures import OPERATOR, add_customer, add_item, line, make_quote, open_shop

from models.contracts import ContractInput, ContractItemInput, add_contract
from models.document_records import DocumentInput, LineInput
from models.documents import document_context
from models.errors import ValidationError
from models.price_lists import save_price_list, set_list_price
from models.pricing import (
    CATALOG,
    CONTRACT_DISCOUNT,
    CONTRACT_ITEM_DISCOUNT,
    CONTRACT_PRICE,
    FREE_TEXT,
    MANUAL,
    PRICE_LIST,
    rule_text,
)

D = Decimal
ACCORD = "Accord 2026"


@dataclass(frozen=True)
class Shop:
    contract_and_list: str  # a customer with the price list and a contract
    list_only: str  # the same list, no contract
    contract_only: str  # a contract, no list
    plain: str  # neither


@pytest.fixture
def shop(db: Database, monkeypatch: pytest.MonkeyPatch) -> Shop:
    """Catalog: CAF 4.20, MACH 899, THE 3.00, VIS 1.50. The list "Revendeurs" prices
    CAF 3.80, MACH 850, THE 2.80 (not VIS). The contract "Accord 2026" (Jan–June) gives
    CAF at 3.50, −10 % on MACH and −5 % on everything."""
    open_shop(monkeypatch)
    add_item("CAF", "4.20", "5.5")
    add_item("MACH", "899", "20")
    add_item("THE", "3.00", "5.5")
    add_item("VIS", "1.50", "20")
    save_price_list("Revendeurs", "EUR", OPERATOR)
    for code, price in (("CAF", "3.80"), ("MACH", "850"), ("THE", "2.80")):
        set_list_price("Revendeurs", code, price, OPERATOR)
    contract = ContractInput(
        name=ACCORD,
        valid_from="2026-01-01",
        valid_to="2026-06-30",
        discount="5",
        items=(
            ContractItemInput("CAF", unit_price="3.50"),
            ContractItemInput("MACH", discount="10"),
        ),
    )
    both = add_customer("Café de la Gare", price_list="Revendeurs")
    contract_only = add_customer("Brasserie du Port")
    for number in (both, contract_only):
        add_contract(number, contract, OPERATOR)
    return Shop(
        both,
        add_customer("Épicerie Fine", price_list="Revendeurs"),
        contract_only,
        add_customer("Tabac Presse"),
    )


PRECEDENCE = [
    # (customer, item, price, discount, rule, detail, why)
    ("contract_and_list", "CAF", "3.50", "0", CONTRACT_PRICE, ACCORD, "contract item price"),
    (
        "contract_and_list",
        "MACH",
        "850",
        "10",
        CONTRACT_ITEM_DISCOUNT,
        ACCORD,
        "item discount, on the list price",
    ),
    (
        "contract_and_list",
        "THE",
        "2.80",
        "5",
        CONTRACT_DISCOUNT,
        ACCORD,
        "global discount, on the list price",
    ),
    (
        "contract_and_list",
        "VIS",
        "1.50",
        "5",
        CONTRACT_DISCOUNT,
        ACCORD,
        "global discount, on the catalog price of an item not on the list",
    ),
    (
        "contract_only",
        "MACH",
        "899",
        "10",
        CONTRACT_ITEM_DISCOUNT,
        ACCORD,
        "item discount, on the catalog price",
    ),
    ("list_only", "CAF", "3.80", "0", PRICE_LIST, "Revendeurs", "price list"),
    ("list_only", "VIS", "1.50", "0", CATALOG, "", "not on the list: catalog"),
    ("plain", "CAF", "4.20", "0", CATALOG, "", "catalog"),
]


@pytest.mark.parametrize(
    ("customer", "item", "price", "discount", "rule", "detail"),
    [case[:6] for case in PRECEDENCE],
    ids=[case[6] for case in PRECEDENCE],
)
def test_precedence(
    shop: Shop, customer: str, item: str, price: str, discount: str, rule: str, detail: str
) -> None:
    quote = make_quote(getattr(shop, customer), line(item, "2"), date="2026-03-14")
    [priced] = quote.lines
    assert (priced.unit_price, priced.discount) == (D(price), D(discount))
    assert (priced.rule, priced.rule_detail) == (rule, detail)
    if rule in (CONTRACT_PRICE, CONTRACT_ITEM_DISCOUNT, CONTRACT_DISCOUNT):
        assert quote.contract_label == ACCORD
        assert ACCORD in rule_text(rule, detail)
    else:
        assert quote.contract_label == ""


def test_the_rule_reads_as_the_operator_expects() -> None:
    assert rule_text(CONTRACT_PRICE, ACCORD) == "contract price (Accord 2026)"
    assert rule_text(PRICE_LIST, "Revendeurs") == "price list Revendeurs"
    assert rule_text(CATALOG, "") == "catalog price"
    assert rule_text(MANUAL, "") == "typed by hand"


@pytest.mark.parametrize(
    ("day", "rule", "price"),
    [
        ("2025-12-31", PRICE_LIST, "3.80"),  # the day before valid_from
        ("2026-01-01", CONTRACT_PRICE, "3.50"),  # valid_from itself
        ("2026-06-30", CONTRACT_PRICE, "3.50"),  # valid_to itself
        ("2026-07-01", PRICE_LIST, "3.80"),  # the day after valid_to
    ],
)
def test_a_contract_applies_on_the_days_of_its_validity(
    shop: Shop, day: str, rule: str, price: str
) -> None:
    quote = make_quote(shop.contract_and_list, line("CAF"), date=day)
    assert (quote.lines[0].rule, quote.lines[0].unit_price) == (rule, D(price))
    assert bool(quote.contract_id) == (rule == CONTRACT_PRICE)


def test_an_open_ended_contract_applies_for_good(shop: Shop) -> None:
    number = add_customer("Hôtel du Lac")
    add_contract(number, ContractInput(valid_from="2026-02-01", discount="7"), OPERATOR)
    later = make_quote(number, line("VIS"), date="2031-01-01")
    assert (later.lines[0].discount, later.lines[0].rule) == (D(7), CONTRACT_DISCOUNT)
    assert later.lines[0].rule_detail == "2026-02-01 → …"  # named by its period
    before = make_quote(number, line("VIS"), date="2026-01-31")
    assert (before.lines[0].discount, before.lines[0].rule) == (D(0), CATALOG)


def test_a_contract_in_another_currency_does_not_apply(shop: Shop) -> None:
    """The contract's prices are in the customer's currency (EUR): a document in dollars
    gets none of them, and with no dollar price the line needs a typed price."""
    with pytest.raises(ValidationError) as caught:
        make_quote(shop.contract_only, line("VIS"), line("CAF"), currency="USD")
    assert set(caught.value.errors) == {"lines.0.unit_price", "lines.1.unit_price"}
    assert "USD" in caught.value.errors["lines.1.unit_price"]
    quote = make_quote(shop.contract_only, line("CAF", unit_price="4.60"), currency="USD")
    assert (quote.lines[0].unit_price, quote.lines[0].discount) == (D("4.60"), D(0))
    assert (quote.lines[0].rule, quote.contract_label) == (MANUAL, "")


def test_another_currency_prices_from_its_list_or_by_hand(shop: Shop) -> None:
    """Catalog prices are in euros: a dollar customer's items come from its dollar list,
    and an item missing from it must be priced on the line."""
    save_price_list("Export USD", "USD", OPERATOR)
    set_list_price("Export USD", "CAF", "5.00", OPERATOR)
    number = add_customer(
        "Brooklyn Roasters", country="US", currency="USD", price_list="Export USD"
    )
    with pytest.raises(ValidationError) as caught:
        make_quote(number, line("CAF"), line("MACH"))
    assert list(caught.value.errors) == ["lines.1.unit_price"]
    assert caught.value.errors["lines.1.unit_price"] == ("No price for this item in USD: type one.")
    quote = make_quote(number, line("CAF"), line("MACH", unit_price="1000"))
    assert [(ln.unit_price, ln.rule) for ln in quote.lines] == [
        (D("5.00"), PRICE_LIST),
        (D(1000), MANUAL),
    ]
    assert quote.currency == "USD" and quote.totals.net == 100500


@pytest.mark.parametrize(
    ("item", "typed", "price", "discount"),
    [
        ("CAF", {"unit_price": "4.00"}, "4.00", "0"),  # beats the contract price
        ("THE", {"unit_price": "2.50"}, "2.50", "0"),  # drops the global discount too
        ("MACH", {"discount": "20"}, "850", "20"),  # the list price, the typed discount
        ("CAF", {"discount": "3"}, "3.50", "3"),  # the contract price, the typed discount
        ("VIS", {"unit_price": "1", "discount": "2"}, "1", "2"),
    ],
)
def test_a_typed_price_or_discount_overrides(
    shop: Shop, item: str, typed: dict[str, str], price: str, discount: str
) -> None:
    quote = make_quote(shop.contract_and_list, line(item, **typed))
    [priced] = quote.lines
    assert (priced.unit_price, priced.discount, priced.rule) == (D(price), D(discount), MANUAL)
    assert priced.rule_detail == ""


def test_free_text_lines(shop: Shop) -> None:
    quote = make_quote(
        shop.plain,
        LineInput(description="Installation sur site", quantity="1.5", unit_price="80"),
    )
    [priced] = quote.lines
    assert (priced.rule, priced.unit_price, priced.vat_rate) == (FREE_TEXT, D(80), D(20))
    assert priced.net == 12000
    with pytest.raises(ValidationError) as caught:
        make_quote(shop.plain, LineInput(description="Déplacement"))
    assert list(caught.value.errors) == ["lines.0.unit_price"]


def test_the_editor_prices_lines_as_saving_does(shop: Shop) -> None:
    """The screen prices with document_context while typing; the saved quote agrees."""
    data = DocumentInput(shop.contract_and_list, lines=(line("CAF", "3"), line("MACH")))
    context = document_context("quote", data)
    live = context.price_lines(data.lines)
    saved = make_quote(shop.contract_and_list, line("CAF", "3"), line("MACH"))
    assert tuple(live) == saved.lines


def test_a_contract_discount_with_nothing_to_discount_asks_for_a_price(shop: Shop) -> None:
    """A dollar customer's contract discounts "everything", but an item with no dollar
    price has nothing to discount: the line says which price is missing."""
    number = add_customer("Brooklyn Roasters", country="US", currency="USD")
    add_contract(number, ContractInput(valid_from="2026-01-01", discount="5"), OPERATOR)
    with pytest.raises(ValidationError) as caught:
        make_quote(number, line("CAF"))
    assert caught.value.errors == {"lines.0.unit_price": "No price for this item in USD: type one."}
