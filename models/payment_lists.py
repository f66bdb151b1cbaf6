"""Lists of payments, refunds and reversals (a customer, a text, a method, a period, some
kinds), newest first, a page at a time; each row with what it allocated and what is left
of it; and the sums of everything a filter keeps, per currency. What each entry
allocated is summed in SQL from the allocation rows, never stored."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from peewee import Case, fn

from models.document_tables import Allocation, Document, Payment
from models.errors import ValidationError
from models.i18n import _
from models.ledger import payment_reference
from models.payment_records import PAYMENT_KINDS
from models.tables import Customer


@dataclass(frozen=True)
class PaymentSummary:
    """A row of a payment list. `direction` "in" is money received (a payment, the
    reversal of a refund), "out" money paid out (a refund, the reversal of a payment);
    `amount` is positive either way."""

    id: int
    date: dt.date
    customer: str
    name: str
    direction: str
    kind: str
    amount: int
    currency: str
    method: str
    reference: str
    note: str
    allocated: int
    reverses: int | None
    reversed_by: int | None

    @property
    def reference_text(self) -> str:
        return payment_reference(self.id)

    @property
    def unallocated(self) -> int:
        """Money in not yet set against a debit (the customer's credit), or money out not
        yet covered by a credit."""
        return self.amount - self.allocated

    @property
    def signed_amount(self) -> int:
        """Positive in, negative out: how the entry moves the shop's cash."""
        return self.amount if self.direction == "in" else -self.amount


@dataclass(frozen=True)
class PaymentTotals:
    """The sums of what a filter keeps, in one currency. A reversal counts on its own
    direction, so a payment and its reversal add up to nothing in `net`."""

    currency: str
    count: int
    received: int
    paid_out: int
    unallocated: int

    @property
    def net(self) -> int:
        return self.received - self.paid_out


def _allocated_sql() -> Any:
    """What the `Payment` row a query is on allocated: as a credit (money in) or as a
    debit covered by credits (money out)."""
    as_credit = Allocation.alias()
    as_debit = Allocation.alias()
    given = fn.COALESCE(
        as_credit.select(fn.SUM(as_credit.amount)).where(as_credit.payment == Payment.id), 0
    )
    covered = fn.COALESCE(
        as_debit.select(fn.SUM(as_debit.amount)).where(as_debit.refund == Payment.id), 0
    )
    return Case(Payment.direction, (("out", covered),), given)


def _reversed_by_sql() -> Any:
    reversal = Payment.alias()
    return reversal.select(reversal.id).where(reversal.reverses == Payment.id)


def _filtered(
    customer: str,
    text: str,
    method: str,
    date_from: dt.date | None,
    date_to: dt.date | None,
    kinds: Sequence[str],
    with_credit: bool,
) -> Any:
    query = Payment.select().join(Customer)
    if customer.strip():
        from models.customers import get_customer

        query = query.where(Payment.customer == get_customer(customer).id)
    if text.strip():
        query = query.where(_matching(text))
    if method.strip():
        query = query.where(Payment.method == method.strip())
    if date_from is not None:
        query = query.where(Payment.date >= date_from)
    if date_to is not None:
        query = query.where(Payment.date <= date_to)
    if kinds:
        unknown = [kind for kind in kinds if kind not in PAYMENT_KINDS]
        if unknown:
            raise ValidationError.single(
                "kinds", _("Choose one of: {choices}.").format(choices=", ".join(PAYMENT_KINDS))
            )
        query = query.where(Payment.kind.in_(tuple(kinds)))
    if with_credit:
        query = query.where((Payment.direction == "in") & (Payment.amount > _allocated_sql()))
    return query


def _matching(text: str) -> Any:
    """The entry's `#id`, its reference (a bank's, a cheque number) containing the text,
    or a customer the customer search finds by it."""
    from models.search import search_customers

    typed = text.strip()
    found = Payment.reference.contains(typed)
    if typed.lstrip("#").isdigit():
        found = found | (Payment.id == int(typed.lstrip("#")))
    numbers = [hit.number for hit in search_customers(typed, limit=500, include_inactive=True)]
    if numbers:
        found = found | Customer.number.in_(numbers)
    return found


def list_payments(
    customer: str = "",
    text: str = "",
    method: str = "",
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    kinds: Sequence[str] = (),
    *,
    with_credit: bool = False,
    limit: int = 200,
    before: tuple[dt.date, int] | None = None,
    offset: int = 0,
) -> list[PaymentSummary]:
    """Payments, refunds and reversals newest first (by date, then as recorded). `before`
    = (date, id) of the last row of the previous page: rows recorded meanwhile do not
    shift the next one; `offset` pages from the start instead. `with_credit` keeps money
    in with something left to allocate."""
    query = _filtered(customer, text, method, date_from, date_to, kinds, with_credit)
    query = query.select(
        Payment.id, Payment.date, Customer.number, Customer.name, Payment.direction,
        Payment.kind, Payment.amount, Payment.currency, Payment.method, Payment.reference,
        Payment.note, _allocated_sql(), Payment.reverses, _reversed_by_sql(),
    )  # fmt: skip
    if before is not None:
        day, last_id = before
        query = query.where((Payment.date < day) | ((Payment.date == day) & (Payment.id < last_id)))
    query = query.order_by(Payment.date.desc(), Payment.id.desc()).limit(limit)
    rows: list[tuple[Any, ...]] = list(query.offset(offset or None).tuples())
    return [_summary(row) for row in rows]


def _summary(row: tuple[Any, ...]) -> PaymentSummary:
    pay_id, day, number, name, direction, kind, amount, currency, method, ref, note = row[:11]
    allocated, reverses, reversed_by = row[11:]
    return PaymentSummary(
        pay_id, day, number, name, direction, kind, int(amount), currency, method,
        ref or "", note or "", int(allocated or 0), reverses, reversed_by,
    )  # fmt: skip


def sum_payments(
    customer: str = "",
    text: str = "",
    method: str = "",
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    kinds: Sequence[str] = (),
    *,
    with_credit: bool = False,
) -> list[PaymentTotals]:
    """The sums of every entry the filter keeps, one row per currency: money received,
    money paid out, and the credit still unallocated on the money received."""
    query = _filtered(customer, text, method, date_from, date_to, kinds, with_credit)
    incoming = Payment.direction == "in"
    query = query.select(
        Payment.currency,
        fn.COUNT(Payment.id),
        fn.SUM(Case(None, ((incoming, Payment.amount),), 0)),
        fn.SUM(Case(None, ((incoming, 0),), Payment.amount)),
        fn.SUM(Case(None, ((incoming, Payment.amount - _allocated_sql()),), 0)),
    ).group_by(Payment.currency)
    return [
        PaymentTotals(currency, int(count), int(got or 0), int(out or 0), int(left or 0))
        for currency, count, got, out, left in sorted(query.tuples())
    ]


@dataclass(frozen=True)
class SettledInvoice:
    """An invoice a credit has something set against: what could be moved off it."""

    number: str
    date: dt.date
    amount: int
    currency: str


def invoices_settled_by(source: str) -> list[SettledInvoice]:
    """The invoices the credit `source` (a payment `#12`, or a credit note's number) has
    a net amount set against, oldest first. Unknown sources have none."""
    typed = source.strip().upper()
    column: Any
    if typed.lstrip("#").isdigit():
        column, credit_id = Allocation.payment, int(typed.lstrip("#"))
    else:
        note = Document.get_or_none((Document.kind == "credit_note") & (Document.number == typed))
        if note is None:
            return []
        column, credit_id = Allocation.credit_note, note.id
    net = fn.SUM(Allocation.amount)
    query = (
        Allocation.select(Document.number, Document.date, net, Document.currency)
        .join(Document, on=(Allocation.invoice == Document.id))
        .where(column == credit_id)
        .group_by(Document.id)
        .having(net > 0)
        .order_by(Document.date, Document.id)
    )
    # Peewee's stubs type .tuples() as model rows; they are (number, date, sum, currency).
    rows: list[tuple[str, dt.date, int, str]] = list(query.tuples())  # type: ignore[arg-type]
    return [SettledInvoice(number, day, int(amount), cur) for number, day, amount, cur in rows]
