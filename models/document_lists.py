"""Lists of documents (kinds, a customer, a status, a period), a page at a time, each row
with its totals and open amount; and the sums of everything a filter keeps. Statuses are
derived (models.receivables, models.documents.display_status), and filtered in SQL."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from peewee import Case, fn

from models import clock
from models.document_records import DocumentSummary
from models.document_tables import Document, DocumentLine
from models.documents import display_status
from models.errors import ValidationError
from models.i18n import _
from models.receivables import (
    CREDIT_NOTE_STATUSES,
    INVOICE_STATUSES,
    allocated_amounts,
    status_of,
    status_sql,
)
from models.tables import Customer
from models.totals import Totals, compute_totals

STATUSES = {
    "quote": ("draft", "sent", "accepted", "declined", "expired"),
    "invoice": INVOICE_STATUSES,
    "credit_note": CREDIT_NOTE_STATUSES,
}
# How a list may be sorted: the column, then the id to break ties.
ORDERS = ("date", "number", "customer", "due_date", "total")


@dataclass(frozen=True)
class DocumentFilter:
    """What a list keeps. `kinds` holds one kind or several (invoices and credit notes
    side by side); `status` may be a derived one; `text` keeps documents whose number
    begins with it or whose customer the customer search finds by it."""

    kinds: tuple[str, ...]
    customer: str | None = None
    status: str | None = None
    text: str = ""
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    today: dt.date = field(default_factory=clock.today)


def list_documents(
    kind: str | tuple[str, ...],
    *,
    customer: str | None = None,
    status: str | None = None,
    text: str = "",
    limit: int = 100,
    before: tuple[dt.date, int] | None = None,
    today: dt.date | None = None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    order: str = "date",
    descending: bool = True,
    offset: int = 0,
) -> list[DocumentSummary]:
    """Documents newest first (or by `order`); `before` = (date, id) of the last row of
    the previous page when sorted by date, else `offset`."""
    kinds = (kind,) if isinstance(kind, str) else kind
    wanted = DocumentFilter(kinds, customer, status, text, date_from, date_to,
                            today or clock.today())  # fmt: skip
    query = _filtered(wanted).select_extend(Customer.number.alias("customer_number"))
    if before is not None:
        day, last_id = before
        query = query.where(
            (Document.date < day) | ((Document.date == day) & (Document.id < last_id))
        )
    query = query.order_by(*_order(order, descending)).limit(limit).offset(offset or None)
    rows: list[dict[str, Any]] = list(query.dicts())
    totals = _totals({row["id"]: (row["tax_treatment"], row["currency"]) for row in rows})
    allocated = {
        kind: allocated_amounts(kind, [r["id"] for r in rows if r["kind"] == kind])
        for kind in ("invoice", "credit_note")
    }
    return [_summary(row, totals[row["id"]], allocated, wanted.today) for row in rows]


def _summary(
    row: dict[str, Any], totals: Totals, allocated: dict[str, dict[int, int]], today: dt.date
) -> DocumentSummary:
    kind = row["kind"]
    if kind == "quote":
        status = display_status(kind, row["status"], row["valid_until"], today)
        open_amount = 0
    else:
        given = allocated[kind].get(row["id"], 0)
        status = status_of(kind, row["status"], row["total"], given, row["due_date"], today)
        open_amount = (row["total"] or 0) - given if row["status"] == "issued" else 0
    return DocumentSummary(
        row["id"],
        kind,
        row["number"] or "",
        status,
        row["date"],
        row["valid_until"],
        row["due_date"],
        row["customer_number"],
        row["billing_name"],
        row["currency"],
        totals,
        open_amount,
    )


def _filtered(wanted: DocumentFilter) -> Any:
    query = Document.select(Document).join(Customer).where(Document.kind.in_(wanted.kinds))
    if wanted.customer:
        from models.customers import get_customer

        query = query.where(Document.customer == get_customer(wanted.customer).id)
    if wanted.status:
        query = query.where(_status_condition(wanted.kinds, wanted.status, wanted.today))
    if wanted.text.strip():
        query = query.where(_matching(wanted.text))
    if wanted.date_from:
        query = query.where(Document.date >= wanted.date_from)
    if wanted.date_to:
        query = query.where(Document.date <= wanted.date_to)
    return query


def _order(order: str, descending: bool) -> list[Any]:
    if order not in ORDERS:
        raise ValidationError.single(
            "order", _("Choose one of: {choices}.").format(choices=", ".join(ORDERS))
        )
    column: Any = {
        "date": Document.date,
        "number": Document.number,
        "customer": Document.billing_name,
        "due_date": Document.due_date,
        # Credit notes give back: they sort below every invoice. A draft's total is
        # not stored until it is issued, so drafts come last either way.
        "total": Case(Document.kind, (("credit_note", Document.total * -1),), Document.total),
    }[order]
    # Credit notes have no due date: last, whichever the direction.
    if descending:
        return [column.desc(nulls="LAST"), Document.id.desc()]
    return [column.asc(nulls="LAST"), Document.id.asc()]


def _matching(text: str) -> Any:
    from models.search import search_customers

    numbers = [hit.number for hit in search_customers(text, limit=500, include_inactive=True)]
    found = Document.number.startswith(text.strip().upper())
    if numbers:
        found = found | Customer.number.in_(numbers)
    return found


def _status_condition(kinds: tuple[str, ...], status: str, today: dt.date) -> Any:
    allowed = tuple(dict.fromkeys(s for kind in kinds for s in STATUSES.get(kind, ())))
    if status not in allowed:
        raise ValidationError.single(
            "status", _("Choose one of: {choices}.").format(choices=", ".join(allowed))
        )
    if kinds == ("quote",):
        return _quote_status(status, today)
    return status_sql(status, today)


def _quote_status(status: str, today: dt.date) -> Any:
    open_ = Document.status.in_(("draft", "sent"))
    if status == "expired":
        return open_ & (Document.valid_until < today)
    if status in ("draft", "sent"):
        return (Document.status == status) & (Document.valid_until >= today)
    return Document.status == status


@dataclass(frozen=True)
class ListTotals:
    """The sums of what a filter keeps, in one currency; credit notes count negative."""

    currency: str
    count: int
    net: int
    tax: int
    total: int
    open_amount: int


def sum_documents(
    kind: str | tuple[str, ...],
    *,
    customer: str | None = None,
    status: str | None = None,
    text: str = "",
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    today: dt.date | None = None,
) -> list[ListTotals]:
    """The totals of every document the filter keeps, one row per currency. Issued
    documents sum the amounts stored at issue; drafts are totalled from their lines."""
    from models.receivables import allocated_sql

    kinds = (kind,) if isinstance(kind, str) else kind
    wanted = DocumentFilter(kinds, customer, status, text, date_from, date_to,
                            today or clock.today())  # fmt: skip
    sign = Case(None, ((Document.kind == "credit_note", -1),), 1)
    issued = (
        _filtered(wanted)
        .select(
            Document.currency,
            fn.COUNT(Document.id),
            fn.SUM(sign * Document.total_excl),
            fn.SUM(sign * Document.total_tax),
            fn.SUM(sign * Document.total),
            fn.SUM(sign * (Document.total - allocated_sql())),
        )
        .where(Document.status == "issued")
        .group_by(Document.currency)
    )
    sums: dict[str, list[int]] = {}
    for currency, count, net, tax, total, open_amount in issued.tuples():
        sums[currency] = [int(count), int(net or 0), int(tax or 0), int(total or 0),
                          int(open_amount or 0)]  # fmt: skip
    unissued = _filtered(wanted).select(
        Document.id, Document.kind, Document.currency, Document.tax_treatment
    ).where(Document.status != "issued")
    drafts = {row.id: (row.tax_treatment, row.currency, row.kind) for row in unissued}
    draft_totals = _totals({doc_id: (t, c) for doc_id, (t, c, _k) in drafts.items()})
    for doc_id, (_treatment, currency, kind_) in drafts.items():
        found = sums.setdefault(currency, [0, 0, 0, 0, 0])
        totals, sign_ = draft_totals[doc_id], -1 if kind_ == "credit_note" else 1
        found[0] += 1
        found[1] += sign_ * totals.net
        found[2] += sign_ * totals.tax
        found[3] += sign_ * totals.total
    return [ListTotals(currency, *values) for currency, values in sorted(sums.items())]


def _totals(documents: dict[int, tuple[str, str]]) -> dict[int, Totals]:
    """Totals of each document id → (tax treatment, currency), from the sums of its
    line nets per VAT rate (the same arithmetic as a single document's)."""
    sums: dict[int, list[tuple[int, Decimal]]] = {doc_id: [] for doc_id in documents}
    ids: Sequence[int] = list(documents)
    for start in range(0, len(ids), 500):
        query = (
            DocumentLine.select(
                DocumentLine.document, DocumentLine.vat_rate, fn.SUM(DocumentLine.net)
            )
            .where(DocumentLine.document.in_(list(ids[start : start + 500])))
            .group_by(DocumentLine.document, DocumentLine.vat_rate)
        )
        # Peewee's stubs type .tuples() as model rows; they are (id, rate, sum), the
        # rate already read back as a Decimal.
        rows: Iterable[tuple[int, Decimal, int]] = query.tuples()  # type: ignore[assignment]
        for doc_id, rate, net in rows:
            sums[doc_id].append((int(net), rate))
    return {
        doc_id: compute_totals(sums[doc_id], treatment, currency)
        for doc_id, (treatment, currency) in documents.items()
    }
