"""The Documents tab of the customer detail: the customer's quotes and invoice drafts,
newest first, one line each — kind, number (or "draft #id"), date, validity or due date,
status in words and the total with VAT. The table only shows and says which document is
highlighted; the detail screen opens it in the document editor."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.events import Resize
from textual.widgets import DataTable

from models.document_lists import list_documents
from models.document_records import DocumentSummary
from models.i18n import N_, _
from screens.document_text import date_text, kind_text, money_text, status_text
from tui.safe_text import display_safe

# The kinds the tab lists; credit notes come with invoicing.
KINDS = ("quote", "invoice")
# More than a customer's screen can usefully show: the quote list pages through the rest.
LIMIT = 200
# (key, title, width); the number takes what is left.
_FIXED = (
    ("kind", N_("Kind"), 7),
    ("date", N_("Date"), 11),
    ("until", N_("Valid/due"), 11),
    ("status", N_("Status"), 10),
    ("total", N_("Total"), 12),
)
_ORDER = ("kind", "number", "date", "until", "status", "total")


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
    return [
        Text(display_safe(values[key]), no_wrap=True, overflow="ellipsis",
             justify="right" if key == "total" else "left")
        for key in _ORDER
    ]  # fmt: skip


class DocumentTable(DataTable[Text]):
    """One row per document; keeps the cursor on the same document across reloads."""

    def __init__(self) -> None:
        super().__init__(id="documents-table", cursor_type="row", cell_padding=1)
        self.rows_shown: list[DocumentSummary] = []
        self._width = -1

    def show(self, rows: Sequence[DocumentSummary]) -> None:
        before = self.highlighted_document
        self.rows_shown = list(rows)
        if not self.columns:
            return  # the first resize adds the columns, then these rows
        self.clear()
        self.add_rows([_cells(row) for row in self.rows_shown])
        ids = [row.id for row in self.rows_shown]
        if before is not None and before.id in ids:
            self.move_cursor(row=ids.index(before.id), animate=False)

    def on_resize(self, event: Resize) -> None:
        if event.size.width == self._width:
            return
        self._width = event.size.width
        fixed = sum(width for _key, _title, width in _FIXED)
        padding = 2 * self.cell_padding * len(_ORDER)
        number = max(9, event.size.width - fixed - padding - 1)
        widths = {key: width for key, _title, width in _FIXED} | {"number": number}
        titles = {key: _(title) for key, title, _width in _FIXED} | {"number": _("Number")}
        self.clear(columns=True)
        for key in _ORDER:
            title = Text(titles[key], justify="right" if key == "total" else "left", no_wrap=True)
            self.add_column(title, width=widths[key], key=key)
        self.show(self.rows_shown)

    @property
    def highlighted_document(self) -> DocumentSummary | None:
        if not self.rows_shown or self.row_count == 0:
            return None
        return self.rows_shown[min(self.cursor_row, len(self.rows_shown) - 1)]
