"""The customer's account as debits and credits that allocations set against each other.

Debits are issued invoices and money paid out (refunds, reversals of payments); credits are
issued credit notes and money received (payments, reversals of refunds). Each one's open
amount — what a debit still asks, what a credit still offers — is its total less its
allocations, read from the allocation rows, never stored. Allocations only pair entries
of one customer and one currency, and are dated no earlier than either entry, so that
the account read at any past date adds up."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from peewee import fn

from models import clock
from models.document_tables import Allocation, Document, Payment
from models.i18n import N_

# What each kind of entry is called where an operator reads it.
ENTRY_KINDS = {
    "invoice": N_("invoice"),
    "credit_note": N_("credit note"),
    "payment": N_("payment"),
    "refund": N_("refund"),
    "reversal": N_("reversal"),
}


@dataclass(frozen=True)
class Entry:
    """A debit or a credit that can take part in allocations. `kind` is "invoice",
    "credit_note", "payment", "refund" or "reversal"; `reference` is a document's number
    or a payment's `#id`."""

    kind: str
    id: int
    reference: str
    is_debit: bool
    date: dt.date
    due_date: dt.date | None
    currency: str
    total: int
    open_amount: int
    # When it was recorded: orders entries of one day as they happened.
    recorded_at: dt.datetime | None = None

    @property
    def is_document(self) -> bool:
        return self.kind in ("invoice", "credit_note")


def payment_reference(payment_id: int) -> str:
    return f"#{payment_id}"


def _column(entry: Entry) -> Any:
    if entry.kind == "invoice":
        return Allocation.invoice
    if entry.kind == "credit_note":
        return Allocation.credit_note
    return Allocation.refund if entry.is_debit else Allocation.payment


def _allocated(column: Any, ids: list[int], as_of: dt.date | None) -> dict[int, int]:
    if not ids:
        return {}
    query = Allocation.select(column, fn.SUM(Allocation.amount)).where(column.in_(ids))
    if as_of is not None:
        query = query.where(Allocation.date <= as_of)
    # Peewee's stubs type .tuples() as model rows; they are (id, sum).
    rows: Iterable[tuple[int, int]] = query.group_by(column).tuples()  # type: ignore[assignment]
    return {entry_id: int(total) for entry_id, total in rows}


def _document_entries(
    customer_id: int, kind: str, currency: str | None, as_of: dt.date | None
) -> list[Entry]:
    query = Document.select(
        Document.id, Document.number, Document.date, Document.due_date, Document.currency,
        Document.total, Document.issued_at,
    ).where(
        (Document.customer == customer_id) & (Document.kind == kind)
        & (Document.status == "issued")
    )  # fmt: skip
    if currency:
        query = query.where(Document.currency == currency)
    if as_of is not None:
        query = query.where(Document.date <= as_of)
    # Peewee's stubs type .tuples() as model rows.
    rows: list[tuple[int, str, dt.date, dt.date | None, str, int | None, dt.datetime]] = list(
        query.tuples()  # type: ignore[arg-type]
    )
    column = Allocation.invoice if kind == "invoice" else Allocation.credit_note
    allocated = _allocated(column, [row[0] for row in rows], as_of)
    return [
        Entry(
            kind,
            doc_id,
            number,
            kind == "invoice",
            date,
            due,
            cur,
            int(total or 0),
            int(total or 0) - allocated.get(doc_id, 0),
            at,
        )
        for doc_id, number, date, due, cur, total, at in rows
    ]


def _payment_entries(
    customer_id: int, direction: str, currency: str | None, as_of: dt.date | None
) -> list[Entry]:
    query = Payment.select(
        Payment.id, Payment.kind, Payment.date, Payment.currency, Payment.amount, Payment.created_at
    ).where((Payment.customer == customer_id) & (Payment.direction == direction))
    if currency:
        query = query.where(Payment.currency == currency)
    if as_of is not None:
        query = query.where(Payment.date <= as_of)
    rows: list[tuple[int, str, dt.date, str, int, dt.datetime]] = list(query.tuples())  # type: ignore[arg-type]
    debit = direction == "out"
    column = Allocation.refund if debit else Allocation.payment
    allocated = _allocated(column, [row[0] for row in rows], as_of)
    return [
        Entry(
            kind,
            pay_id,
            payment_reference(pay_id),
            debit,
            date,
            None,
            cur,
            amount,
            amount - allocated.get(pay_id, 0),
            at,
        )
        for pay_id, kind, date, cur, amount, at in rows
    ]


def _due_order(entry: Entry) -> tuple[dt.date, dt.date, int]:
    return (entry.due_date or entry.date, entry.date, entry.id)


def debits(
    customer_id: int, currency: str | None = None, as_of: dt.date | None = None
) -> list[Entry]:
    """Every debit of the customer (in `currency` when given, dated on or before `as_of`),
    oldest due first: the order payments settle them in."""
    found = _document_entries(customer_id, "invoice", currency, as_of)
    found += _payment_entries(customer_id, "out", currency, as_of)
    return sorted(found, key=_due_order)


def credits(
    customer_id: int, currency: str | None = None, as_of: dt.date | None = None
) -> list[Entry]:
    """Every credit of the customer, oldest first: the order they are used in."""
    found = _document_entries(customer_id, "credit_note", currency, as_of)
    found += _payment_entries(customer_id, "in", currency, as_of)
    return sorted(found, key=_due_order)


def open_debits(customer_id: int, currency: str | None = None) -> list[Entry]:
    return [e for e in debits(customer_id, currency) if e.open_amount > 0]


def open_credits(customer_id: int, currency: str | None = None) -> list[Entry]:
    return [e for e in credits(customer_id, currency) if e.open_amount > 0]


def allocate(
    debit: Entry,
    credit: Entry,
    amount: int,
    operator: str,
    day: dt.date | None = None,
    note: str = "",
) -> dt.date:
    """Records `amount` of `credit` set against `debit` (negative: taken back), dated
    `day` but never before either entry nor before an allocation either already has;
    returns the date used. The caller has checked that neither side goes beyond its
    total, inside the same write transaction.

    Only the open amounts of today are checked, so the new row must not change any
    earlier day: dated before a row it takes back, or before the day the debit was
    paid by an allocation since taken back, it would leave a past day's account with an
    invoice open beyond its total or below nothing."""
    when = max(day or clock.today(), debit.date, credit.date, *_last_allocated(debit, credit))
    Allocation.create(
        **{_column(debit).name: debit.id, _column(credit).name: credit.id},
        amount=amount,
        date=when,
        note=note,
        created_at=clock.utc_now(),
        created_by=operator,
    )
    return when


def _last_allocated(debit: Entry, credit: Entry) -> list[dt.date]:
    """The latest date of an allocation of either entry, if any."""
    latest = (
        Allocation.select(fn.MAX(Allocation.date))
        .where((_column(debit) == debit.id) | (_column(credit) == credit.id))
        .scalar()
    )
    if latest is None:
        return []
    # SQLite hands an aggregate of a date column back as text.
    return [latest if isinstance(latest, dt.date) else dt.date.fromisoformat(latest)]


def settle_oldest_first(debits_open: list[Entry], amount: int) -> list[tuple[Entry, int]]:
    """How `amount` spreads over open debits, oldest due first: each takes what it
    still asks until the amount runs out."""
    plan: list[tuple[Entry, int]] = []
    left = amount
    for debit in debits_open:
        if left <= 0:
            break
        part = min(left, debit.open_amount)
        if part > 0:
            plan.append((debit, part))
            left -= part
    return plan


def between(debit: Entry, credit: Entry) -> int:
    """What `credit` has set against `debit` so far, net of any taken back."""
    total = (
        Allocation.select(fn.SUM(Allocation.amount))
        .where((_column(debit) == debit.id) & (_column(credit) == credit.id))
        .scalar()
    )
    return int(total or 0)
