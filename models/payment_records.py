"""Payments as the screens, the CLI and the PDFs read them: frozen records, with their
allocations and what is left of them, built from the rows in one place."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from peewee import JOIN

from models.document_tables import Allocation, Document, Payment
from models.errors import NotFound
from models.exchange_rates import to_base
from models.i18n import _
from models.ledger import payment_reference
from models.settings import load_settings
from models.tables import Customer

PAYMENT_KINDS = ("payment", "refund", "reversal")
DIRECTIONS = ("in", "out")


@dataclass(frozen=True)
class AllocationLine:
    """One allocation of a payment: the entry on the other side (`reference`, `kind`),
    the amount (negative when taken back) and, for a payment in another currency set
    against an invoice, the exchange difference in the company's currency (gain > 0)."""

    id: int
    reference: str
    kind: str
    amount: int
    date: dt.date
    note: str
    exchange_difference: int | None = None


@dataclass(frozen=True)
class PaymentRecord:
    id: int
    customer: str
    customer_name: str
    direction: str
    kind: str
    date: dt.date
    amount: int
    currency: str
    exchange_rate: Decimal | None
    method: str
    reference: str
    note: str
    reverses: int | None
    reversed_by: int | None
    allocations: tuple[AllocationLine, ...]
    created_at: dt.datetime
    created_by: str

    @property
    def reference_text(self) -> str:
        return payment_reference(self.id)

    @property
    def allocated(self) -> int:
        return sum(a.amount for a in self.allocations)

    @property
    def unallocated(self) -> int:
        """Money in not yet set against a debit (the customer's credit), or money out
        not yet covered by a credit (still owed by the customer)."""
        return self.amount - self.allocated

    @property
    def exchange_difference(self) -> int:
        return sum(a.exchange_difference or 0 for a in self.allocations)


def find_payment(reference: str) -> PaymentRecord:
    """A payment by its id, typed `12` or `#12`."""
    text = reference.strip().lstrip("#")
    if not text.isdigit():
        raise NotFound(_("No payment {reference}.").format(reference=reference.strip()))
    return get_payment(int(text))


def get_payment(payment_id: int) -> PaymentRecord:
    row = Payment.get_or_none(Payment.id == payment_id)
    if row is None:
        raise NotFound(_("No payment {reference}.").format(reference=payment_reference(payment_id)))
    # Peewee's stubs type .tuples() as model rows; this one is (number, name).
    owner: tuple[str, str] = (
        Customer.select(Customer.number, Customer.name)
        .where(Customer.id == row.customer_id)
        .tuples()
        .get()  # type: ignore[assignment]
    )
    number, name = owner
    reversal = Payment.select(Payment.id).where(Payment.reverses == row.id).scalar()
    return PaymentRecord(
        row.id, number, name, row.direction, row.kind, row.date, row.amount,
        row.currency, row.exchange_rate, row.method, row.reference, row.note, row.reverses_id,
        reversal, tuple(_allocation_lines(row)), row.created_at, row.created_by,
    )  # fmt: skip


def _allocation_lines(row: Payment) -> list[AllocationLine]:
    """The payment's allocations with what is on their other side, in one query: a
    payment screen or a CLI listing reads many of them."""
    out = row.direction == "out"
    own, opposite = (
        (Allocation.refund, Allocation.payment) if out else (Allocation.payment, Allocation.refund)
    )
    invoice, note, other = Document.alias(), Document.alias(), Payment.alias()
    query = (
        Allocation.select(
            Allocation.id,
            Allocation.amount,
            Allocation.date,
            Allocation.note,
            invoice.number,
            invoice.exchange_rate,
            note.number,
            other.id,
            other.kind,
            Allocation.invoice,
        )
        .join(invoice, JOIN.LEFT_OUTER, on=(Allocation.invoice == invoice.id))
        .switch(Allocation)
        .join(note, JOIN.LEFT_OUTER, on=(Allocation.credit_note == note.id))
        .switch(Allocation)
        .join(other, JOIN.LEFT_OUTER, on=(opposite == other.id))
        .where(own == row.id)
        .order_by(Allocation.id)
    )
    # Only money in another currency than the company's has an exchange difference.
    base = load_settings().company_currency if row.exchange_rate is not None else row.currency
    lines = []
    # Peewee's stubs type .tuples() as model rows.
    found: Iterable[tuple[Any, ...]] = query.tuples()  # type: ignore[assignment]
    for ident, amount, day, text, number, rate, note_number, other_id, kind, invoice_id in found:
        difference = None
        if invoice_id is not None:
            reference, kind = number or "", "invoice"
            if row.currency != base and row.exchange_rate is not None and rate:
                received = to_base(amount, row.currency, row.exchange_rate, base)
                difference = received - to_base(amount, row.currency, rate, base)
        elif note_number is not None:
            reference, kind = note_number, "credit_note"
        else:
            reference = payment_reference(other_id)
        lines.append(AllocationLine(ident, reference, kind, amount, day, text, difference))
    return lines
