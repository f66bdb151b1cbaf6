"""Credit notes (whole invoice, lines, an amount), their allocation to the invoice, and
`verify` catching a document edited in the file behind the triggers' back."""

from __future__ import annotations

import sqlite3
from decimal import Decimal
from pathlib import Path

import pytest
from peewee import Database

from models.credit_notes import CreditLine, credit_invoice, creditable_lines
from models.documents import get_document
from models.errors import ConflictError, ValidationError
from models.verification import verify
from tests.models.sales_fixtures import (
    OPERATOR,
    add_customer,
    add_item,
    issued_invoice,
    line,
    make_invoice,
    open_shop,
)


@pytest.fixture
def invoice(db: Database, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    open_shop(monkeypatch)
    add_item("CAF-250", "12.40", "5.5", name="Café moulu 250 g")
    add_item("TAS-01", "8.00", "20", name="Tasse")
    customer = add_customer("Boulangerie Martin", status="customer")
    return issued_invoice(customer, line("CAF-250", "10"), line("TAS-01", "5"))


def test_a_full_credit_note_settles_the_invoice(invoice) -> None:  # type: ignore[no-untyped-def]
    note = credit_invoice(invoice.number, OPERATOR, reason="Commande annulée")
    assert note.number == "A-2026-00001" and note.kind == "credit_note"
    assert note.source == invoice.number and note.notes == "Commande annulée"
    assert note.totals == invoice.totals and note.status == "applied"
    assert get_document(invoice.id).status == "paid"
    assert get_document(invoice.id).open_amount == 0
    with pytest.raises(ConflictError, match="already credited in full"):
        credit_invoice(invoice.number, OPERATOR)


def test_lines_and_quantities_are_credited_up_to_what_was_invoiced(invoice) -> None:  # type: ignore[no-untyped-def]
    note = credit_invoice(invoice.number, OPERATOR, lines=[CreditLine(1, "2")])
    assert [(n.code, n.quantity) for n in note.lines] == [("TAS-01", Decimal(2))]
    assert note.totals.total == 1920
    assert get_document(invoice.id).status == "partial"
    assert [c.remaining for c in creditable_lines(get_document(invoice.id))] == [
        Decimal(10),
        Decimal(3),
    ]
    with pytest.raises(ValidationError) as refused:
        credit_invoice(invoice.number, OPERATOR, lines=[CreditLine(1, "4")])
    assert "At most 3" in refused.value.errors["lines.0.quantity"]


def test_an_amount_is_spread_over_the_vat_rates_and_adds_up_exactly(invoice) -> None:  # type: ignore[no-untyped-def]
    note = credit_invoice(invoice.number, OPERATOR, amount="50")
    assert note.totals.total == 5000
    assert {n.vat_rate for n in note.lines} == {Decimal("5.5"), Decimal(20)}
    assert get_document(invoice.id).open_amount == invoice.totals.total - 5000
    with pytest.raises(ValidationError) as refused:
        credit_invoice(invoice.number, OPERATOR, amount="500")
    assert "left to credit" in refused.value.errors["amount"]


def test_only_an_issued_invoice_is_credited(invoice) -> None:  # type: ignore[no-untyped-def]
    draft = make_invoice(invoice.customer, line("CAF-250"))
    from models.errors import NotFound
    from models.invoices import issue_invoice

    with pytest.raises(NotFound):
        credit_invoice(f"#{draft.id}", OPERATOR)
    issued = issue_invoice(draft.id, OPERATOR)
    assert credit_invoice(issued.number, OPERATOR).source == issued.number


def test_verify_names_the_first_document_edited_behind_the_triggers(
    invoice,
    db_path: Path,  # type: ignore[no-untyped-def]
) -> None:
    second = issued_invoice(invoice.customer, line("TAS-01", "1"))
    credit_invoice(second.number, OPERATOR)
    assert verify().ok and verify().documents == 3
    raw = sqlite3.connect(db_path)
    from models import immutability

    for name in immutability.TRIGGERS:
        raw.execute(f'DROP TRIGGER "{name}"')
    raw.execute("UPDATE document_line SET quantity = 5000 WHERE document_id = ?", (second.id,))
    raw.commit()
    raw.close()
    report = verify()
    assert not report.ok and report.first_broken == second.number
    assert second.number in report.problems[0]


def test_verify_notices_a_document_removed_from_the_chain(invoice, db_path: Path) -> None:  # type: ignore[no-untyped-def]
    second = issued_invoice(invoice.customer, line("TAS-01", "1"))
    third = issued_invoice(invoice.customer, line("TAS-01", "2"))
    raw = sqlite3.connect(db_path)
    for name in ("document_issued_delete", "document_line_issued_delete"):
        raw.execute(f'DROP TRIGGER "{name}"')
    raw.execute("DELETE FROM document WHERE id = ?", (second.id,))
    raw.commit()
    raw.close()
    report = verify()
    assert report.first_broken == third.number and "missing" in report.problems[0]


@pytest.mark.parametrize("amounts", [("100", "33.33", "45.47"), ("0.01", "0.02", "99.99", "0.07")])
def test_every_amount_credited_is_exactly_the_amount_typed(invoice, amounts) -> None:  # type: ignore[no-untyped-def]
    from models.money import parse_amount, to_minor

    for amount in amounts:
        note = credit_invoice(invoice.number, OPERATOR, amount=amount)
        assert note.totals.total == to_minor(parse_amount(amount), "EUR"), amount


def test_a_credit_note_on_a_paid_invoice_becomes_credit_to_pay_back(invoice) -> None:  # type: ignore[no-untyped-def]
    from models.balances import customer_balances
    from models.payments import PaymentInput, record_payment, refund

    total = invoice.totals.total
    record_payment(PaymentInput(invoice.customer, "100"), OPERATOR)
    note = credit_invoice(invoice.number, OPERATOR)
    # Only what the payment left open is deducted; the rest is the customer's to spend.
    assert (note.status, note.open_amount) == ("unapplied", 10000)
    assert get_document(invoice.id).status == "paid"
    assert customer_balances([invoice.customer]) == {invoice.customer: Decimal("-100.00")}
    with pytest.raises(ConflictError, match="already credited in full"):
        credit_invoice(invoice.number, OPERATOR)
    back = refund(invoice.customer, "100", OPERATOR, sources=[note.number])
    assert [(a.reference, a.amount) for a in back.allocations] == [(note.number, 10000)]
    assert get_document(note.id).status == "applied" and note.totals.total == total
    assert customer_balances([invoice.customer]) == {invoice.customer: Decimal("0.00")}
    assert verify().ok


def test_a_reversed_payment_reopens_only_what_the_credit_note_left(invoice) -> None:  # type: ignore[no-untyped-def]
    from models.payments import PaymentInput, record_payment, reverse_payment

    paid = record_payment(PaymentInput(invoice.customer, "50"), OPERATOR)
    credit_invoice(invoice.number, OPERATOR, amount="30")
    reverse_payment(paid.reference_text, OPERATOR)
    reopened = get_document(invoice.id)
    assert (reopened.status, reopened.open_amount) == ("partial", invoice.totals.total - 3000)
    assert verify().ok
