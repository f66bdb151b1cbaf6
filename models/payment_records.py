"""Payments as the screens, the CLI and the PDFs read them: frozen records, with their
allocations and what is left of them, built from the rows in one place."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

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
    customer = Customer.get_by_id(row.customer_id)
    reversal = Payment.get_or_none(Payment.reverses == row.id)
    return PaymentRecord(
        row.id, customer.number, customer.name, row.direction, row.kind, row.date, row.amount,
        row.currency, row.exchange_rate, row.method, row.reference, row.note, row.reverses_id,
        reversal.id if reversal else None, tuple(_allocation_lines(row)), row.created_at,
        row.created_by,
    )  # fmt: skip


def _allocation_lines(row: Payment) -> list[AllocationLine]:
    own = Allocation.refund if row.direction == "out" else Allocation.payment
    base = load_settings().company_currency
    lines = []
    for allocation in Allocation.select().where(own == row.id).order_by(Allocation.id):
        lines.append(_line(allocation, row, base))
    return lines


def _line(allocation: Allocation, row: Payment, base: str) -> AllocationLine:
    difference = None
    if allocation.invoice_id is not None:
        invoice = Document.get_by_id(allocation.invoice_id)
        reference, kind = invoice.number or "", "invoice"
        if row.currency != base and row.exchange_rate is not None and invoice.exchange_rate:
            received = to_base(allocation.amount, row.currency, row.exchange_rate, base)
            invoiced = to_base(allocation.amount, row.currency, invoice.exchange_rate, base)
            difference = received - invoiced
    elif allocation.credit_note_id is not None:
        reference, kind = Document.get_by_id(allocation.credit_note_id).number or "", "credit_note"
    else:
        other_id = allocation.payment_id if row.direction == "out" else allocation.refund_id
        other = Payment.get_by_id(other_id)
        reference, kind = payment_reference(other.id), other.kind
    return AllocationLine(
        allocation.id, reference, kind, allocation.amount, allocation.date, allocation.note,
        difference,
    )  # fmt: skip
