"""The Documents tab of the customer detail: the customer's quotes, invoices and credit
notes, newest first, one line each — kind, number (or "draft #id"), date, status in
words, total with VAT and what is still open; a credit note's amounts read negative,
as it takes off what the customer owes. The table only shows and says which document is
highlighted; the detail screen opens it in the document editor."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text

from models.document_lists import list_documents
from models.document_records import DocumentSummary
from models.i18n import N_
from screens.document_text import date_text, kind_text, money_text, reference_text, status_text
from tui.widgets.sized_table import Column, SizedTable, cells

KINDS = ("quote", "invoice", "credit_note")
# More than a customer's screen can usefully show: the quote and invoice lists page
# through the rest.
LIMIT = 200
_COLUMNS = (
    Column("kind", N_("Kind"), 11),
    Column("number", N_("Number")),
    Column("date", N_("Date"), 11),
    Column("status", N_("Status"), 11),
    Column("total", N_("Total"), 11, right=True),
    Column("open", N_("Still due"), 11, right=True),
)
# Statuses marked in text too, not only by colour: 16 colours over SSH may not show it.
_MARKERS = {"declined": "✗ ", "expired": "✗ ", "overdue": "! "}


def customer_documents(number: str, limit: int = LIMIT) -> list[DocumentSummary]:
    """The customer's quotes, invoices and credit notes, newest first (by date, then as
    made). Call inside a connection (the detail screen's load worker)."""
    return list_documents(KINDS, customer=number, limit=limit)


def _cells(row: DocumentSummary) -> list[Text]:
    sign = -1 if row.kind == "credit_note" else 1
    # Quotes and drafts owe nothing yet: their open amount is left empty, not zero.
    owing = row.kind != "quote" and row.status != "draft"
    values = {
        "kind": kind_text(row.kind),
        "number": reference_text(row),
        "date": date_text(row.date),
        "total": money_text(sign * row.totals.total, row.currency),
        "open": money_text(sign * row.open_amount, row.currency) if owing else "",
        "status": _MARKERS.get(row.status, "") + status_text(row.status),
    }
    return cells(values, _COLUMNS)


class DocumentTable(SizedTable):
    """One row per document; keeps the cursor on the same document across reloads."""

    COLUMNS = _COLUMNS
    MIN_WIDE = 12

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
