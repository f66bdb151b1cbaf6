"""Lists of documents (a kind, a customer, a status), newest first, a page at a time,
each row with its totals from one grouped query over the page's lines."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

from peewee import fn

from models import clock
from models.document_records import DocumentSummary
from models.document_tables import Document, DocumentLine
from models.documents import display_status
from models.errors import ValidationError
from models.i18n import _
from models.tables import Customer
from models.totals import Totals, compute_totals

STATUSES = {
    "quote": ("draft", "sent", "accepted", "declined", "expired"),
    "invoice": ("draft",),
}


def list_documents(
    kind: str,
    *,
    customer: str | None = None,
    status: str | None = None,
    text: str = "",
    limit: int = 100,
    before: tuple[dt.date, int] | None = None,
    today: dt.date | None = None,
) -> list[DocumentSummary]:
    """Documents of `kind`, newest first; `before` = (date, id) of the last row of the
    previous page. `status` may be a derived one ("expired"). `text` keeps documents whose
    number begins with it or whose customer the customer search finds by it."""
    today = today or clock.today()
    query = (
        Document.select(Document, Customer.number.alias("customer_number"))
        .join(Customer)
        .where(Document.kind == kind)
    )
    if customer:
        from models.customers import get_customer

        query = query.where(Document.customer == get_customer(customer).id)
    if status:
        query = query.where(_status_condition(kind, status, today))
    if text.strip():
        query = query.where(_matching(text))
    if before is not None:
        day, last_id = before
        query = query.where(
            (Document.date < day) | ((Document.date == day) & (Document.id < last_id))
        )
    query = query.order_by(Document.date.desc(), Document.id.desc()).limit(limit)
    # Peewee's stubs type .dicts() as model rows.
    rows: list[dict[str, Any]] = list(query.dicts())  # type: ignore[arg-type]
    totals = _totals({row["id"]: (row["tax_treatment"], row["currency"]) for row in rows})
    return [
        DocumentSummary(
            row["id"],
            kind,
            row["number"] or "",
            display_status(kind, row["status"], row["valid_until"], today),
            row["date"],
            row["valid_until"],
            row["due_date"],
            row["customer_number"],
            row["billing_name"],
            row["currency"],
            totals[row["id"]],
        )
        for row in rows
    ]


def _matching(text: str) -> Any:
    from models.search import search_customers

    numbers = [hit.number for hit in search_customers(text, limit=500, include_inactive=True)]
    found = Document.number.startswith(text.strip().upper())
    if numbers:
        found = found | Customer.number.in_(numbers)
    return found


def _status_condition(kind: str, status: str, today: dt.date) -> Any:
    if status not in STATUSES.get(kind, ()):
        raise ValidationError.single(
            "status",
            _("Choose one of: {choices}.").format(choices=", ".join(STATUSES.get(kind, ()))),
        )
    open_ = Document.status.in_(("draft", "sent"))
    if kind != "quote":
        return Document.status == status
    if status == "expired":
        return open_ & (Document.valid_until < today)
    if status in ("draft", "sent"):
        return (Document.status == status) & (Document.valid_until >= today)
    return Document.status == status


def _totals(documents: dict[int, tuple[str, str]]) -> dict[int, Totals]:
    """Totals of each document id → (tax treatment, currency), from the sums of its
    line nets per VAT rate (the same arithmetic as a single document's)."""
    sums: dict[int, list[tuple[int, Decimal]]] = {doc_id: [] for doc_id in documents}
    ids: Sequence[int] = list(documents)
    if ids:
        query = (
            DocumentLine.select(
                DocumentLine.document, DocumentLine.vat_rate, fn.SUM(DocumentLine.net)
            )
            .where(DocumentLine.document.in_(ids))
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
