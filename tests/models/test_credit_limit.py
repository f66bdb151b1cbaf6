"""The credit limit warned of before an invoice is issued: under it, exactly at it and
over it (by how much), a customer without a limit, credit lowering the balance, and an
invoice in another currency than the customer's."""

from __future__ import annotations

import pytest
from peewee import Database

from models.credit_limit import OverLimit, over_credit_limit
from models.customers import get_customer
from models.payments import PaymentInput, record_payment
from tests.models.sales_fixtures import OPERATOR, add_customer, issued_invoice, line, open_shop


@pytest.fixture
def limited(db: Database, monkeypatch: pytest.MonkeyPatch) -> str:
    """A customer allowed 1,000.00 who owes 600.00 (one invoice of 500.00 + 20 % VAT)."""
    open_shop(monkeypatch)
    customer = add_customer("Boulangerie Martin", status="customer", credit_limit="1000")
    issued_invoice(customer, line(description="Pain", unit_price="500", vat_rate="20"))
    return customer


@pytest.mark.parametrize("amount", [0, 39999, 40000], ids=["nothing", "under", "at"])
def test_up_to_the_limit_nothing_is_warned(limited: str, amount: int) -> None:
    assert over_credit_limit(get_customer(limited), amount, "EUR") is None


def test_over_the_limit_says_what_would_be_owed_and_by_how_much(limited: str) -> None:
    over = over_credit_limit(get_customer(limited), 40001, "EUR")
    assert over == OverLimit("EUR", balance=60000, balance_after=100001, limit=100000)
    assert over.excess == 1


def test_credit_counts_against_what_is_owed(limited: str) -> None:
    record_payment(PaymentInput(limited, "700"), OPERATOR)  # 100.00 left over as credit
    customer = get_customer(limited)
    assert over_credit_limit(customer, 110000, "EUR") is None
    over = over_credit_limit(customer, 110001, "EUR")
    assert over is not None and (over.balance, over.excess) == (-10000, 1)


def test_a_customer_without_a_limit_is_never_warned(limited: str) -> None:
    free = add_customer("Café Lumière", status="customer")
    assert over_credit_limit(get_customer(free), 10**12, "EUR") is None


def test_an_invoice_in_another_currency_is_not_warned_of(limited: str) -> None:
    # The balance counts euros only: a CHF invoice never shows in it.
    assert over_credit_limit(get_customer(limited), 10**9, "CHF") is None


def test_the_limit_is_in_the_customers_own_currency(limited: str) -> None:
    swiss = add_customer("Confiserie Berner", status="customer", country="CH",
                         postal_code="3011", city="Bern", currency="CHF",
                         credit_limit="500")  # fmt: skip
    customer = get_customer(swiss)
    assert over_credit_limit(customer, 50000, "CHF") is None
    over = over_credit_limit(customer, 50001, "CHF")
    assert over is not None and (over.currency, over.limit) == ("CHF", 50000)
