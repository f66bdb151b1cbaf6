"""The customer's account read like a bank statement, and balances on past dates: opening
and closing balances, the running balance line by line, the allocations between entries,
and what was still open — and how late — on the day asked."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from peewee import Database

from models.balances import all_balances, balance_of, customer_balances
from models.credit_notes import credit_invoice
from models.customer_account import customer_account
from models.customers import get_customer
from models.payments import PaymentInput, record_payment, refund
from tests.models.sales_fixtures import OPERATOR, add_customer, issued_invoice, line, open_shop


@pytest.fixture
def account(db: Database, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """Through 2026 Q1: invoice A (120.00, due 9 Feb), 50.00 paid on 1 Feb, invoice B
    (60.00, due 17 Mar), a 12.00 credit note on B on 1 Mar, 100.00 paid on 10 Mar."""
    open_shop(monkeypatch)
    customer = add_customer("Boulangerie Martin", status="customer", terms="30d")
    first = issued_invoice(customer, line(description="Pain", unit_price="100", vat_rate="20"),
                           date="2026-01-10")  # fmt: skip
    record_payment(PaymentInput(customer, "50", date="2026-02-01"), OPERATOR)
    second = issued_invoice(customer, line(description="Café", unit_price="50", vat_rate="20"),
                            date="2026-02-15")  # fmt: skip
    note = credit_invoice(second.number, OPERATOR, amount="12", date="2026-03-01")
    record_payment(PaymentInput(customer, "100", date="2026-03-10"), OPERATOR)
    add_customer("Café Lumière", status="customer")
    return {"customer": customer, "A": first.number, "B": second.number, "note": note.number}


@pytest.mark.parametrize(
    ("day", "owed"),
    [("2026-01-09", "0.00"), ("2026-01-31", "120.00"), ("2026-02-01", "70.00"),
     ("2026-03-05", "118.00"), ("2026-03-14", "18.00"), (None, "18.00")],
)  # fmt: skip
def test_the_balance_on_any_past_day(account: dict[str, str], day: str | None, owed: str) -> None:
    number = account["customer"]
    as_of = dt.date.fromisoformat(day) if day else None
    assert customer_balances([number], as_of=as_of) == {number: Decimal(owed)}
    assert customer_account(number, date_to=as_of).closing == int(Decimal(owed) * 100)
    assert balance_of(get_customer(number).id, as_of) == int(Decimal(owed) * 100)


def test_the_account_runs_from_the_opening_balance_to_the_closing_one(
    account: dict[str, str],
) -> None:
    a, b, note = account["A"], account["B"], account["note"]
    statement = customer_account(account["customer"], dt.date(2026, 2, 1), dt.date(2026, 3, 14))
    assert (statement.opening, statement.closing, statement.currency) == (12000, 1800, "EUR")
    movements = [
        (ln.date.isoformat(), ln.kind, ln.reference, ln.debit, ln.credit, ln.balance)
        for ln in statement.lines if ln.kind != "allocation"
    ]  # fmt: skip
    assert movements == [
        ("2026-02-01", "payment", "#1", 0, 5000, 7000),
        ("2026-02-15", "invoice", b, 6000, 0, 13000),
        ("2026-03-01", "credit_note", note, 0, 1200, 11800),
        ("2026-03-10", "payment", "#2", 0, 10000, 1800),
    ]
    allocations = [
        (ln.date.isoformat(), ln.reference, ln.against, ln.allocated, ln.balance)
        for ln in statement.lines if ln.kind == "allocation"
    ]  # fmt: skip
    assert allocations == [
        ("2026-02-01", "#1", a, 5000, 7000),
        ("2026-03-01", note, b, 1200, 11800),
        ("2026-03-10", "#2", a, 7000, 1800),
        ("2026-03-10", "#2", b, 3000, 1800),
    ]
    assert [(i.reference, i.open_amount, i.days_overdue) for i in statement.open_items] == [
        (b, 1800, 0)
    ]
    quiet = customer_account(account["customer"], with_allocations=False)
    assert all(ln.kind != "allocation" for ln in quiet.lines) and quiet.opening == 0
    assert quiet.lines[0].reference == a and quiet.lines[0].open_amount == 0


def test_open_items_and_their_lateness_on_a_past_day(account: dict[str, str]) -> None:
    a, b = account["A"], account["B"]
    then = customer_account(account["customer"], date_to=dt.date(2026, 3, 5))
    assert [(i.reference, i.open_amount, i.due_date, i.days_overdue) for i in then.open_items] == [
        (a, 7000, dt.date(2026, 2, 9), 24), (b, 4800, dt.date(2026, 3, 17), 0)
    ]  # fmt: skip
    later = customer_account(account["customer"], today=dt.date(2026, 3, 20))
    assert [(i.reference, i.days_overdue) for i in later.open_items] == [(b, 3)]
    # Without a day given, lateness is counted on the shop's today (14 March).
    assert customer_account(account["customer"]).open_items[0].days_overdue == 0


def test_a_refund_and_the_whole_customer_list_agree_with_the_account(
    account: dict[str, str],
) -> None:
    number = account["customer"]
    record_payment(PaymentInput(number, "30"), OPERATOR)
    refund(number, "12", OPERATOR)
    statement = customer_account(number)
    assert statement.lines[-1].kind == "allocation" and statement.closing == 0
    refund_line = next(ln for ln in statement.lines if ln.kind == "refund")
    assert (refund_line.debit, refund_line.balance, refund_line.open_amount) == (1200, 0, 0)
    assert [(r.number, r.balance) for r in all_balances()] == [(number, 0), ("C000002", 0)]
    assert all_balances(nonzero=True) == []
    assert [r.balance for r in all_balances(dt.date(2026, 3, 5))] == [11800, 0]
