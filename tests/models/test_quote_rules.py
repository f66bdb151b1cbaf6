"""What a quote's tax treatment requires of its customer, what becomes of a customer's
default price list that no longer fits, and the steps an expired quote may still take."""

from __future__ import annotations

from decimal import Decimal

import pytest
from peewee import Database
from sales_fixtures import OPERATOR, add_customer, add_item, line, make_quote, open_shop

from models.document_records import Billing
from models.errors import ConflictError, ValidationError
from models.price_lists import save_price_list, set_list_price
from models.quotes import accept_quote, quote_to_invoice, send_quote


@pytest.fixture
def shop(db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    open_shop(monkeypatch)
    add_item("CAF", "4.20", "5.5")


def belgian() -> str:
    return add_customer(
        "Brasserie Bruxelloise",
        country="BE",
        postal_code="1000",
        city="Bruxelles",
        vat="BE0403019261",
    )


@pytest.mark.usefixtures("shop")
def test_an_intra_eu_supply_goes_to_a_company_in_another_eu_country() -> None:
    assert make_quote(belgian(), line("CAF"), tax_treatment="intra-eu").totals.tax == 0
    french = add_customer("Cave Dupont", city="Lyon", vat="FR96552100554")
    with pytest.raises(ValidationError) as refused:
        make_quote(french, line("CAF"), tax_treatment="intra-eu")
    assert set(refused.value.errors) == {"tax_treatment"}


@pytest.mark.usefixtures("shop")
def test_an_export_is_delivered_outside_the_eu() -> None:
    swiss = add_customer("Épicerie Genevoise", country="CH", postal_code="1201", city="Genève")
    assert make_quote(swiss, line("CAF"), tax_treatment="export").totals.tax == 0
    with pytest.raises(ValidationError) as refused:
        make_quote(belgian(), line("CAF"), tax_treatment="export")
    assert "outside the EU" in refused.value.errors["tax_treatment"]
    # Billed in Brussels, delivered to Geneva: an export.
    billing = Billing(
        "Brasserie Bruxelloise",
        "",
        "1000",
        "Bruxelles",
        "BE",
        delivery_city="Genève",
        delivery_postal_code="1201",
        delivery_country="CH",
    )
    assert make_quote(belgian(), line("CAF"), tax_treatment="export", billing=billing).number


@pytest.mark.usefixtures("shop")
def test_a_default_price_list_that_no_longer_fits_is_left_out_a_named_one_is_refused() -> None:
    save_price_list("Revendeurs", "EUR", OPERATOR)
    set_list_price("Revendeurs", "CAF", "3.50", OPERATOR)
    customer = add_customer("Cave Dupont", city="Lyon", price_list="Revendeurs")
    assert make_quote(customer, line("CAF")).price_list == "Revendeurs"
    # In another currency the customer's list does not apply: the line needs a price.
    in_chf = make_quote(customer, line("CAF", unit_price="4"), currency="CHF")
    assert in_chf.price_list == ""
    save_price_list("Revendeurs", "EUR", OPERATOR, active=False, existing="Revendeurs")
    assert make_quote(customer, line("CAF")).lines[0].unit_price == Decimal("4.20")
    with pytest.raises(ValidationError) as refused:
        make_quote(customer, line("CAF"), price_list="Revendeurs")
    assert "no longer used" in refused.value.errors["price_list"]


@pytest.mark.usefixtures("shop")
def test_an_accepted_quote_whose_list_was_retired_still_becomes_an_invoice() -> None:
    save_price_list("Revendeurs", "EUR", OPERATOR)
    set_list_price("Revendeurs", "CAF", "3.50", OPERATOR)
    customer = add_customer("Cave Dupont", city="Lyon", price_list="Revendeurs")
    quote = accept_quote(make_quote(customer, line("CAF", "2")).number, OPERATOR)
    save_price_list("Revendeurs", "EUR", OPERATOR, active=False, existing="Revendeurs")
    draft = quote_to_invoice(quote.number, OPERATOR)
    assert (draft.price_list, draft.totals.net) == ("", 700)


@pytest.mark.usefixtures("shop")
def test_an_expired_draft_is_neither_sent_nor_accepted(monkeypatch: pytest.MonkeyPatch) -> None:
    from models import clock

    quote = make_quote(add_customer("Cave Dupont", city="Lyon"), line("CAF"), date="2026-01-05")
    assert quote.status == "expired"
    for step in (send_quote, accept_quote):
        with pytest.raises(ConflictError, match="expired"):
            step(quote.number, OPERATOR)
    monkeypatch.setattr(clock, "today", lambda: quote.date.replace(day=6))
    assert send_quote(quote.number, OPERATOR).status == "sent"
