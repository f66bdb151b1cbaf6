"""Payments, refunds and reversals through the services, as an operator records them:
what each leaves open, what becomes credit, what is refused and why, and that a refused
operation writes nothing."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from peewee import Database

from models.balances import available_credit, customer_balances
from models.credit_notes import credit_invoice
from models.customers import customer_history, get_customer
from models.document_tables import Allocation, Payment
from models.documents import get_document
from models.errors import ConflictError, NotFound, ValidationError
from models.exchange_rates import set_rate
from models.payment_records import find_payment
from models.payments import (
    PaymentInput,
    apply_credit,
    mark_paid,
    move_allocation,
    record_payment,
    refund,
    reverse_payment,
)
from models.verification import verify
from tests.models.sales_fixtures import OPERATOR, add_customer, issued_invoice, line, open_shop


def invoice(customer: str, net: str = "100", **header: str):  # type: ignore[no-untyped-def]
    """An issued invoice of `net` + 20 % VAT (100 → 120.00)."""
    return issued_invoice(customer, line(description="Service", unit_price=net, vat_rate="20"),
                          **header)  # fmt: skip


def pay(customer: str, amount: str, **fields: object):  # type: ignore[no-untyped-def]
    return record_payment(PaymentInput(customer, amount, **fields), OPERATOR)  # type: ignore[arg-type]


def rows() -> tuple[int, int]:
    return Payment.select().count(), Allocation.select().count()


@pytest.fixture
def shop(db: Database, monkeypatch: pytest.MonkeyPatch) -> str:
    open_shop(monkeypatch)
    return add_customer("Boulangerie Martin", status="customer")


@pytest.mark.parametrize(
    ("date", "status"), [("", "partial"), ("2026-01-10", "overdue")], ids=["not due", "past due"]
)
def test_a_partial_payment_leaves_the_rest_open(shop: str, date: str, status: str) -> None:
    billed = invoice(shop, date=date)
    paid = pay(shop, "50")
    assert [(a.reference, a.amount) for a in paid.allocations] == [(billed.number, 5000)]
    after = get_document(billed.id)
    assert (after.status, after.open_amount) == (status, 7000)
    assert customer_balances([shop]) == {shop: Decimal("70.00")}


def test_an_overpayment_becomes_the_customers_credit(shop: str) -> None:
    billed = invoice(shop)
    paid = pay(shop, "150", method="cheque", reference="CHQ 1234")
    assert (paid.allocated, paid.unallocated) == (12000, 3000)
    assert get_document(billed.id).status == "paid"
    assert available_credit(get_customer(shop).id, "EUR") == 3000
    assert customer_balances([shop]) == {shop: Decimal("-30.00")}
    assert "credit 30.00" in customer_history(shop)[0].summary


def test_a_payment_settles_the_oldest_due_first(shop: str) -> None:
    late = invoice(shop, date="2026-01-10", due_date="2026-03-31")
    early = invoice(shop, date="2026-01-20", due_date="2026-01-20")
    middle = invoice(shop, date="2026-02-01", due_date="2026-03-03")
    paid = pay(shop, "200")
    assert [(a.reference, a.amount) for a in paid.allocations] == [
        (early.number, 12000), (middle.number, 8000)
    ]  # fmt: skip
    assert [get_document(d.id).open_amount for d in (late, early, middle)] == [12000, 0, 4000]


def test_manual_allocations_go_where_the_operator_says(shop: str) -> None:
    first, second, third = invoice(shop), invoice(shop), invoice(shop)
    paid = pay(shop, "200", allocations=[(third.number.lower(), ""), (second.number, "50")])
    assert [(a.reference, a.amount) for a in paid.allocations] == [
        (third.number, 12000), (second.number, 5000)
    ]  # fmt: skip
    assert paid.unallocated == 3000 and get_document(first.id).open_amount == 12000


@pytest.mark.parametrize(
    ("allocations", "field", "message"),
    [
        ([("F-2026-09999", "")], "allocations.0.invoice", "No issued invoice F-2026-09999"),
        ([("OTHER", "")], "allocations.0.invoice", "another customer's invoice"),
        ([("USD", "")], "allocations.0.invoice", "is in USD"),
        ([("OWN", "10"), ("own", "5")], "allocations.1.invoice", "listed twice"),
        ([("OWN", "100"), ("SECOND", "100")], "amount", "more than the payment"),
        ([("OWN", "0")], "allocations.0.amount", "above 0"),
    ],
    ids=["unknown", "other customer", "other currency", "twice", "beyond payment", "zero"],
)
def test_a_wrong_allocation_is_refused_field_by_field_and_writes_nothing(
    shop: str, allocations: list[tuple[str, str]], field: str, message: str
) -> None:
    set_rate("USD", "2026-03-01", "0.9", OPERATOR)
    numbers = {
        "OWN": invoice(shop).number, "SECOND": invoice(shop).number,
        "OTHER": invoice(add_customer("Café Lumière", status="customer")).number,
        "USD": invoice(shop, currency="USD").number,
    }  # fmt: skip
    typed = [(numbers.get(n.upper(), n), amount) for n, amount in allocations]
    with pytest.raises(ValidationError) as refused:
        pay(shop, "150", allocations=typed)
    assert message in refused.value.errors[field]
    assert rows() == (0, 0)


def test_an_allocation_beyond_what_the_invoice_still_asks_is_a_conflict(shop: str) -> None:
    billed = invoice(shop)
    pay(shop, "100")
    with pytest.raises(ConflictError, match="has only 20.00 EUR left to pay, not 30.00 EUR"):
        pay(shop, "30", allocations=[(billed.number, "30")])
    pay(shop, "20", allocations=[(billed.number, "20")])
    with pytest.raises(ConflictError, match=f"{billed.number} is already paid"):
        pay(shop, "5", allocations=[(billed.number, "")])
    assert rows() == (2, 2)


def test_mark_paid_pays_what_is_left_once(shop: str) -> None:
    billed = invoice(shop)
    pay(shop, "20")
    paid = mark_paid(billed.number, OPERATOR, method="card")
    assert (paid.amount, paid.method, paid.unallocated) == (10000, "card", 0)
    assert get_document(billed.id).status == "paid"
    with pytest.raises(ConflictError, match=f"{billed.number} is already paid"):
        mark_paid(billed.number, OPERATOR)
    with pytest.raises(NotFound):
        mark_paid("F-2026-09999", OPERATOR)


def test_a_reversal_reopens_what_the_payment_settled_and_keeps_both(shop: str) -> None:
    billed = invoice(shop)
    paid = pay(shop, "150")
    with pytest.raises(ValidationError) as refused:
        reverse_payment(paid.reference_text, OPERATOR, date="2026-03-13")
    assert "before" in refused.value.errors["date"]
    reversal = reverse_payment(paid.reference_text, OPERATOR, reason="Chèque sans provision")
    assert (reversal.kind, reversal.direction, reversal.amount) == ("reversal", "out", 15000)
    assert reversal.reverses == paid.id and find_payment(paid.reference_text).amount == 15000
    assert find_payment(paid.reference_text).reversed_by == reversal.id
    assert get_document(billed.id).status == "open" and customer_balances([shop])[shop] == 120
    assert [a.amount for a in find_payment(str(paid.id)).allocations] == [12000, -12000, 15000]
    event = customer_history(shop)[0]
    assert event.kind == "payment_reversed" and "Chèque sans provision" in event.summary
    with pytest.raises(ConflictError, match="already reversed"):
        reverse_payment(paid.reference_text, OPERATOR)
    with pytest.raises(ConflictError, match="itself a reversal"):
        reverse_payment(reversal.reference_text, OPERATOR)
    assert verify().ok


def test_a_refund_pays_back_credit_and_its_reversal_gives_it_back(shop: str) -> None:
    paid = pay(shop, "80")
    customer_id = get_customer(shop).id
    with pytest.raises(ConflictError, match="has only 80.00 EUR of credit"):
        refund(shop, "80.01", OPERATOR)
    with pytest.raises(ValidationError) as refused:
        refund(shop, "10", OPERATOR, sources=[paid.reference_text, str(paid.id)])
    assert "listed twice" in refused.value.errors["sources.1"]
    assert rows() == (1, 0)
    back = refund(shop, "30", OPERATOR, method="transfer", sources=[str(paid.id)])
    assert [(a.reference, a.amount) for a in back.allocations] == [(paid.reference_text, 3000)]
    assert available_credit(customer_id, "EUR") == 5000
    assert customer_balances([shop])[shop] == Decimal("-50.00")
    reverse_payment(back.reference_text, OPERATOR)
    assert available_credit(customer_id, "EUR") == 8000
    assert customer_balances([shop])[shop] == Decimal("-80.00") and verify().ok


def test_one_credit_note_is_partly_refunded_and_partly_deducted_from_another_invoice(
    shop: str,
) -> None:
    returned, other = invoice(shop), invoice(shop)
    mark_paid(returned.number, OPERATOR)
    note = credit_invoice(returned.number, OPERATOR)
    assert get_document(note.id).status == "unapplied"
    refund(shop, "50", OPERATOR, sources=[note.number])
    assert apply_credit(other.number, OPERATOR, sources=[note.number]) == 7000
    assert get_document(note.id).status == "applied"
    assert get_document(other.id).open_amount == 5000
    assert customer_balances([shop])[shop] == Decimal("50.00") and verify().ok


def test_apply_credit_spends_the_oldest_credit_up_to_the_amount(shop: str) -> None:
    first, second = pay(shop, "30"), pay(shop, "50")
    billed = invoice(shop)
    with pytest.raises(ConflictError, match="has only 120.00 EUR left to pay"):
        apply_credit(billed.number, OPERATOR, amount="121")
    assert apply_credit(billed.number, OPERATOR, amount="40") == 4000
    assert [find_payment(str(p.id)).unallocated for p in (first, second)] == [0, 4000]
    assert apply_credit(billed.number, OPERATOR) == 4000
    assert get_document(billed.id).open_amount == 4000
    assert customer_history(shop)[0].kind == "credit_applied"
    assert apply_credit(billed.number, OPERATOR) == 0
    pay(shop, "40")
    with pytest.raises(ConflictError, match="already paid"):
        apply_credit(billed.number, OPERATOR)


def test_an_allocation_moves_to_another_invoice_with_both_rows_recorded(shop: str) -> None:
    wrong, right = invoice(shop), invoice(shop, "50")
    paid = pay(shop, "100", allocations=[(wrong.number, "")])
    with pytest.raises(ConflictError, match=f"has only 100.00 EUR on {wrong.number}"):
        move_allocation(paid.reference_text, wrong.number, right.number, OPERATOR, amount="100.01")
    with pytest.raises(ConflictError, match="has only 60.00 EUR left to pay"):
        move_allocation(paid.reference_text, wrong.number, right.number, OPERATOR)
    moved = move_allocation(str(paid.id), wrong.number, right.number, OPERATOR, amount="60")
    assert moved == 6000
    lines = find_payment(paid.reference_text).allocations
    assert [(a.reference, a.amount) for a in lines] == [
        (wrong.number, 10000), (wrong.number, -6000), (right.number, 6000)
    ]  # fmt: skip
    assert "moved from" in lines[-1].note
    assert [get_document(d.id).open_amount for d in (wrong, right)] == [8000, 0]
    with pytest.raises(ValidationError):
        move_allocation(paid.reference_text, wrong.number, wrong.number, OPERATOR)
    assert verify().ok


def test_a_foreign_currency_payment_records_its_exchange_difference(shop: str) -> None:
    from models.invoices import issue_invoice
    from tests.models.sales_fixtures import make_invoice

    draft = make_invoice(shop, line(description="Service", unit_price="100", vat_rate="20"),
                         currency="USD")  # fmt: skip
    billed = issue_invoice(draft.id, OPERATOR, "0.9")
    with pytest.raises(ValidationError) as refused:
        pay(shop, "120", allocations=[(billed.number, "")])
    assert "is in USD" in refused.value.errors["allocations.0.invoice"]
    assert pay(shop, "120").allocations == ()  # EUR money leaves the USD invoice open
    paid = pay(shop, "120", currency="USD", exchange_rate="0.95")
    assert [(a.reference, a.amount) for a in paid.allocations] == [(billed.number, 12000)]
    # 120 USD received at 0.95 (114.00 EUR) for 120 USD invoiced at 0.90 (108.00 EUR).
    assert paid.exchange_difference == 600 and paid.allocations[0].exchange_difference == 600
    set_rate("USD", "2026-03-14", "0.85", OPERATOR)
    second = issue_invoice(make_invoice(shop, line(description="Service", unit_price="10",
                                        vat_rate="20"), currency="USD").id, OPERATOR)  # fmt: skip
    assert mark_paid(second.number, OPERATOR).exchange_difference == 0
    assert get_document(billed.id).status == "paid" and verify().ok


def test_a_merge_moves_the_payments_and_the_balance_to_the_survivor(shop: str) -> None:
    from models.merge import merge_customers

    twin = add_customer("Boulangerie Martin SARL", status="customer")
    billed = invoice(twin)
    paid = pay(twin, "150")
    merge_customers(shop, twin, (), OPERATOR)
    assert find_payment(paid.reference_text).customer == shop
    assert customer_balances([shop]) == {shop: Decimal("-30.00")}
    assert get_document(billed.id).customer == shop
    assert apply_credit(invoice(shop).number, OPERATOR) == 3000
    assert verify().ok


def test_a_prospect_with_a_payment_is_never_deleted(shop: str) -> None:
    from models.erasure import delete_prospect, deletion_refused

    prospect = add_customer("Café Lumière")
    pay(prospect, "10")
    assert "payments" in (deletion_refused(prospect) or "")
    with pytest.raises(ConflictError, match="never deleted"):
        delete_prospect(prospect, OPERATOR)
    assert find_payment("1").customer == prospect


def test_a_payment_date_in_the_future_or_a_bad_amount_is_refused(shop: str) -> None:
    with pytest.raises(ValidationError) as refused:
        pay(shop, "-5", date=(dt.date(2026, 3, 15)).isoformat(), method="barter")
    assert set(refused.value.errors) == {"amount", "date", "method"}
    with pytest.raises(ValidationError) as no_rate:
        pay(shop, "5", currency="CHF")
    assert "CHF" in no_rate.value.errors["exchange_rate"]
    assert rows() == (0, 0)
