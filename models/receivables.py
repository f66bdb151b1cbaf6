"""What is still owed on each invoice, and the statuses that follow from it. Nothing here is
stored: an invoice's open amount is its issued total less what was allocated to it (credit
notes and payments, net of any allocation taken back), and its status comes from that amount
and its due date on the day asked.

Invoice statuses, one each: draft (not issued) · open (nothing allocated, not yet due) ·
partial (part allocated, not yet due) · overdue (something still due after the due date)
· paid (nothing left). A credit note is unapplied while part of it is not set against an
invoice, applied once all of it is."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from peewee import Case, fn

from models.document_tables import Allocation, Document

INVOICE_STATUSES = ("draft", "open", "partial", "overdue", "paid")
CREDIT_NOTE_STATUSES = ("unapplied", "applied")
# SQLite bounds the number of parameters of one statement.
_CHUNK = 500


def status_of(
    kind: str,
    stored: str,
    total: int | None,
    allocated: int,
    due_date: dt.date | None,
    today: dt.date,
) -> str:
    """The status an operator reads for an invoice or credit note (quotes: elsewhere)."""
    if stored != "issued":
        return stored
    remaining = (total or 0) - allocated
    if kind == "credit_note":
        return "unapplied" if remaining > 0 else "applied"
    if remaining <= 0:
        return "paid"
    if due_date is not None and due_date < today:
        return "overdue"
    return "partial" if allocated > 0 else "open"


def allocated_amounts(kind: str, ids: Sequence[int]) -> dict[int, int]:
    """Allocated minor units per document id: to each invoice, or from each credit note."""
    column = Allocation.invoice if kind == "invoice" else Allocation.credit_note
    found: dict[int, int] = {}
    for start in range(0, len(ids), _CHUNK):
        query = (
            Allocation.select(column, fn.SUM(Allocation.amount))
            .where(column.in_(list(ids[start : start + _CHUNK])))
            .group_by(column)
        )
        # Peewee's stubs type .tuples() as model rows; they are (id, sum).
        rows: Iterable[tuple[int, int]] = query.tuples()  # type: ignore[assignment]
        found.update((doc_id, int(total)) for doc_id, total in rows)
    return found


def allocated_sql() -> Any:
    """The allocated amount of the `Document` row a query is on, as an SQL expression:
    allocations to it when it is an invoice, from it when it is a credit note."""
    to_invoice = Allocation.alias()
    from_credit = Allocation.alias()
    received = fn.COALESCE(
        to_invoice.select(fn.SUM(to_invoice.amount)).where(to_invoice.invoice == Document.id), 0
    )
    given = fn.COALESCE(
        from_credit.select(fn.SUM(from_credit.amount)).where(
            from_credit.credit_note == Document.id
        ),
        0,
    )
    return Case(Document.kind, (("credit_note", given),), received)


def status_sql(status: str, today: dt.date) -> Any:
    """An SQL condition on `Document` rows matching a derived status."""
    issued = Document.status == "issued"
    allocated = allocated_sql()
    remaining = fn.COALESCE(Document.total, 0) - allocated
    if status == "draft":
        return Document.status == "draft"
    if status == "unapplied":
        return issued & (Document.kind == "credit_note") & (remaining > 0)
    if status == "applied":
        return issued & (Document.kind == "credit_note") & (remaining <= 0)
    invoice = issued & (Document.kind == "invoice")
    if status == "paid":
        return invoice & (remaining <= 0)
    late = Document.due_date < today
    if status == "overdue":
        return invoice & (remaining > 0) & late
    not_late = Document.due_date.is_null() | (Document.due_date >= today)
    if status == "partial":
        return invoice & (remaining > 0) & not_late & (allocated > 0)
    return invoice & (remaining > 0) & not_late & (allocated == 0)
