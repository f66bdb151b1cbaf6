"""The Documents tab of the customer detail: the customer's quotes and invoice drafts,
newest first, one line each — kind, number (or "draft #id"), date, validity or due date,
status in words and the total with VAT. The table only shows and says which document is
highlighted; the detail screen opens it in the document editor."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text

from models.document_lists import list_documents
from models.document_records import DocumentSummary
from models.i18n import N_, _
from screens.document_text import date_text, kind_text, money_text, status_text
from tui.widgets.sized_table import Column, SizedTable, cells

# The kinds the tab lists; credit notes come with invoicing.
KINDS = ("quote", "invoice")
# More than a customer's screen can usefully show: the quote list pages through the rest.
LIMIT = 200
_COLUMNS = (
    Column("kind", N_("Kind"), 7),
    Column("number", N_("Number")),
    Column("date", N_("Date"), 11),
    Column("until", N_("Valid/due"), 11),
    Column("status", N_("Status"), 10),
    Column("total", N_("Total"), 12, right=True),
)


def customer_documents(number: str, limit: int = LIMIT) -> list[DocumentSummary]:
    """The customer's quotes and invoices, newest first (by date, then as made). Call
    inside a connection (the detail screen's load worker)."""
    found: list[DocumentSummary] = []
    for kind in KINDS:
        found += list_documents(kind, customer=number, limit=limit)
    found.sort(key=lambda row: (row.date, row.id), reverse=True)
    return found[:limit]


def _number(row: DocumentSummary) -> str:
    return row.number or _("draft #{id}").format(id=row.id)


def _cells(row: DocumentSummary) -> list[Text]:
    # A quote that will not be accepted any more is marked in text too, not by colour.
    marker = "✗ " if row.status in ("declined", "expired") else ""
    values = {
        "kind": kind_text(row.kind),
        "number": _number(row),
        "date": date_text(row.date),
        "until": date_text(row.valid_until if row.kind == "quote" else row.due_date),
        "status": marker + status_text(row.status),
        "total": money_text(row.totals.total, row.currency),
    }
    return cells(values, _COLUMNS)


class DocumentTable(SizedTable):
    """One row per document; keeps the cursor on the same document across reloads."""

    COLUMNS = _COLUMNS
    MIN_WIDE = 9

    def __init__(self) -> None:
        super().__init__(id="documents-table")
        self.rows_shown: list[DocumentSummary] = []

    def show_documents(self, rows: Sequence[DocumentSummary]) -> None:
        before = self.highlighted_document
        self.rows_shown = list(rows)
        ids = [row.id for row in self.rows_shown]
        cursor = ids.index(before.id) if before is not None and before.id in ids else 0
        self.show([_cells(row) for row in self.rows_shown], cursor)

    @property
    def highlighted_document(self) -> DocumentSummary | None:
        if not self.rows_shown or self.row_count == 0:
            return None
        return self.rows_shown[min(self.cursor_row, len(self.rows_shown) - 1)]
