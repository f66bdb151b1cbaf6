"""Every invoice and credit note, newest first: type to narrow by number or by anything
that finds a customer, Ctrl+T cycles the status, the period keeps documents dated in it,
Ctrl+O sorts by another column (Ctrl+G reverses). Under the list, the highlighted
document in full and the sums of everything the filter keeps, per currency. Enter opens
a document, Ctrl+N makes an invoice, Ctrl+R prints the highlighted one, Ctrl+K credits
it, p records a payment for it, m marks it paid (Ctrl+Z undoes that). Pages of 100 load
as the cursor reaches the end."""

from __future__ import annotations

import datetime as dt

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.events import Resize
from textual.widgets import DataTable, Header, Static

from models import clock
from models.db import database
from models.document_lists import list_documents, sum_documents
from models.document_records import DocumentRecord, DocumentSummary
from models.errors import ComptoirError
from models.i18n import N_, _, ngettext
from screens.document_text import (
    compact_date_text,
    date_text,
    kind_text,
    money_text,
    reference_text,
    short_date_text,
    status_text,
)
from screens.filtered_list import FilteredList, ListPage
from screens.invoice_filters import KINDS, InvoiceFilter, totals_text
from screens.payment_marking import Payable, PaymentKeys
from screens.period_filter_bar import PeriodFilterBar
from tui.commands import PaletteCommand
from tui.safe_text import display_safe
from tui.widgets.footer import Footer
from tui.widgets.sized_table import Column, SizedTable, cells
from tui.widgets.translated import TranslatedScreen

PAGE = 100
# From this width the list has room for the customer number and both dates.
WIDE = 120
_NARROW = (
    Column("number", N_("Number"), 12),
    Column("date", N_("Date"), 8),
    Column("name", N_("Customer")),
    Column("total", N_("Total"), 11, right=True),
    Column("open", N_("Still due"), 11, right=True),
    Column("status", N_("Status"), 12),
)
# Sorted by due date, the narrow list shows the due date where it shows the date.
_NARROW_DUE = tuple(
    Column("due", N_("Due"), 8) if column.key == "date" else column for column in _NARROW
)
_WIDE = (
    Column("number", N_("Number"), 12),
    Column("date", N_("Date"), 10),
    Column("customer", N_("Cust. no."), 9),
    Column("name", N_("Customer")),
    Column("due", N_("Due"), 10),
    Column("total", N_("Total"), 12, right=True),
    Column("open", N_("Still due"), 12, right=True),
    Column("status", N_("Status"), 12),
)


def _columns(width: int, order: str) -> tuple[Column, ...]:
    if width >= WIDE:
        return _WIDE
    return _NARROW_DUE if order == "due_date" else _NARROW


def _cells(row: DocumentSummary, columns: tuple[Column, ...]) -> list[Text]:
    # A credit note takes money off what the customer owes: its amounts read negative.
    sign = -1 if row.kind == "credit_note" else 1
    short = columns != _WIDE
    day = compact_date_text if short else short_date_text
    values = {
        "number": reference_text(row),
        "date": day(row.date),
        "customer": row.customer,
        "name": row.name,
        "due": day(row.due_date),
        "total": money_text(sign * row.totals.total, row.currency),
        "open": "" if row.status == "draft" else money_text(sign * row.open_amount, row.currency),
        # The word says it, not only the weight: 16 colours over SSH may show neither.
        "status": ("! " if row.status == "overdue" else "") + status_text(row.status),
    }
    return cells(values, columns, "bold" if row.status == "overdue" else "")


class InvoiceTable(SizedTable):
    """The rows as documents; their cells follow the width (and, narrow, the order)."""

    COLUMNS = _NARROW

    def __init__(self) -> None:
        super().__init__(id="invoices")
        self.documents: list[DocumentSummary] = []
        self.order = "date"

    def show_documents(self, rows: list[DocumentSummary], order: str, keep: int | None) -> None:
        """Replaces the rows; the cursor goes to the document `keep` if still listed."""
        self.documents = list(rows)
        self.order = order
        self.set_columns(_columns(self.size.width, order))
        ids = [row.id for row in rows]
        self.show(self._document_cells(rows), ids.index(keep) if keep in ids else 0)

    def append_documents(self, rows: list[DocumentSummary]) -> None:
        self.documents += rows
        self.append(self._document_cells(rows))

    def _document_cells(self, rows: list[DocumentSummary]) -> list[list[Text]]:
        return [_cells(row, self.spec) for row in rows]

    def on_resize(self, event: Resize) -> None:
        """Runs before SizedTable's, which then makes the columns at the new width."""
        columns = _columns(event.size.width, self.order)
        if columns != self.spec:
            self.set_columns(columns)
            self.show(self._document_cells(self.documents))

    @property
    def highlighted(self) -> DocumentSummary | None:
        if not self.documents or self.row_count == 0:
            return None
        return self.documents[min(self.cursor_row, len(self.documents) - 1)]


def _detail(row: DocumentSummary | None, today: dt.date) -> Content:
    """The highlighted document as the narrow list cannot show it: kind, customer number
    and full name, due date and how late it is."""
    if row is None:
        return Content("")
    parts = [kind_text(row.kind), f"{row.customer} {display_safe(row.name)}"]
    if row.kind == "invoice" and row.due_date is not None:
        parts.append(_("due {date}").format(date=date_text(row.due_date)))
        if row.status == "overdue":
            days = (today - row.due_date).days
            parts.append(ngettext("{days} day overdue", "{days} days overdue",
                                  days).format(days=days))  # fmt: skip
    return Content(" · ".join(parts))


class InvoicesScreen(FilteredList, PaymentKeys, TranslatedScreen[None]):
    CSS_PATH = "invoices.tcss"
    BINDINGS = [
        # Priority, or the table would take Enter first and the footer would not say what
        # it does; it gives way to the fields (check_action), where Enter applies them.
        Binding("enter", "open", N_("Open"), priority=True),
        # The footer has room for six keys. From the list, the payment keys take the
        # place of New invoice and Credit: each key is bound twice, shown from the
        # search, hidden from the list ("list" parameter), check_action picks one.
        Binding("ctrl+n", "new", N_("New invoice"), priority=True),
        Binding("ctrl+n", "new('list')", N_("New invoice"), show=False, priority=True),
        # The line above the list names these two keys.
        Binding("ctrl+t", "next_status", N_("Status"), show=False, priority=True),
        Binding("ctrl+o", "next_order", N_("Sort"), show=False, priority=True),
        Binding("ctrl+g", "reverse", N_("Reverse order"), show=False, priority=True),
        # Not priority: typed in the search, these letters are text.
        Binding("p", "record_payment", N_("Pay")),
        Binding("m", "mark_paid", N_("Mark paid")),
        Binding("ctrl+z", "undo_payment", N_("Undo")),
        Binding("u", "undo_payment", N_("Undo"), show=False),
        Binding("ctrl+r", "print", N_("PDF"), priority=True),
        Binding("ctrl+k", "credit", N_("Credit"), priority=True),
        Binding("ctrl+k", "credit('list')", N_("Credit"), show=False, priority=True),
        Binding("down", "focus_table", N_("Results"), show=False),
        Binding("escape", "back", N_("Back")),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.init_list(InvoiceFilter())

    def compose(self) -> ComposeResult:
        yield Header()
        yield PeriodFilterBar("invoice", _("Number, or customer name, number, city…"))
        yield Static(Content(""), id="invoice-status")
        yield InvoiceTable()
        yield Static(Content(""), id="invoice-detail")
        yield Static(Content(""), id="invoice-totals")
        yield Footer()

    @property
    def table(self) -> InvoiceTable:
        return self.query_one(InvoiceTable)

    @property
    def rows(self) -> list[DocumentSummary]:
        return self.table.documents

    def on_mount(self) -> None:
        self.sub_title = _("Invoices")
        self.query_one(PeriodFilterBar).focus_search()
        self.reload()

    def on_screen_resume(self) -> None:
        self.reload()

    # ---- loading ----------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="invoices")
    def _load(
        self, generation: int, wanted: InvoiceFilter, after: tuple[DocumentSummary, int] | None
    ) -> None:
        """The first page and the sums, or (`after` = last row shown, rows shown) the
        next page."""
        kept = wanted.kept()
        before, offset = None, 0
        if after is not None:
            last, shown = after
            if wanted.pages_by_key:
                before = (last.date, last.id)
            else:
                offset = shown
        try:
            with database.connection_context():
                rows = list_documents(KINDS, limit=PAGE + 1, before=before, offset=offset,
                                      order=wanted.order, descending=wanted.descending,
                                      **kept)  # fmt: skip
                totals = None if after is not None else sum_documents(KINDS, **kept)
        except ComptoirError as exc:
            self.app.call_from_thread(self.notify, str(exc), severity="error", markup=False)
            return
        self.post_message(ListPage(generation, rows, after is not None, totals))

    def on_list_page(self, message: ListPage) -> None:
        if not self.page_answered(message.generation):
            return
        rows = message.rows[:PAGE]
        self.has_more = len(message.rows) > PAGE
        if message.append:
            self.table.append_documents(rows)
        else:
            before = self.table.highlighted
            self.table.show_documents(rows, self.wanted.order, before.id if before else None)
        if message.totals is not None:
            self.count = sum(sums.count for sums in message.totals)
            self.query_one("#invoice-totals", Static).update(totals_text(message.totals))
        self._show_status()
        self._show_detail()

    def _show_status(self) -> None:
        text = self.wanted.describe(self.shown_count())
        self.query_one("#invoice-status", Static).update(Content(text))
        status = self.wanted.status_words()
        self.sub_title = (
            _("Invoices: {status}").format(status=status) if self.wanted.status else _("Invoices")
        )

    def _show_detail(self) -> None:
        self.query_one("#invoice-detail", Static).update(
            _detail(self.table.highlighted, clock.today())
        )

    @on(DataTable.RowHighlighted, "#invoices")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._show_detail()
        self.refresh_bindings()  # the payment keys follow what the row still asks
        self.load_more_at(event)

    # ---- actions ----------------------------------------------------------------------

    def action_open(self) -> None:
        row = self.table.highlighted
        if row is None:
            return
        from screens.document_editor import DocumentEditorScreen

        self.app.push_screen(DocumentEditorScreen("invoice", row.id))

    @on(DataTable.RowSelected, "#invoices")
    def _selected(self) -> None:
        self.action_open()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        in_list = self.table.has_focus
        if action == "open":
            return in_list
        if action in ("new", "credit"):
            return in_list == bool(parameters)
        if action in ("record_payment", "mark_paid"):
            return in_list and self.payment_offered(action)
        if action == "undo_payment":
            # u is a letter for the search; Ctrl+Z undoes from anywhere.
            return self.payment_offered(action)
        return True

    # ---- payments ---------------------------------------------------------------------

    def payable(self) -> Payable | None:
        row = self.table.highlighted
        if row is None:
            return None
        return Payable(row.customer, row.number, row.kind, row.status != "draft", row.open_amount)

    def payments_changed(self) -> None:
        self.reload()

    def action_new(self, _shown: str = "") -> None:
        from screens.document_editor import DocumentEditorScreen

        self.app.push_screen(DocumentEditorScreen("invoice"))

    def action_next_status(self) -> None:
        self._apply(self.wanted.next_status())

    def action_next_order(self) -> None:
        self._apply(self.wanted.next_order())

    def action_reverse(self) -> None:
        self._apply(self.wanted.reversed())

    def action_print(self) -> None:
        row = self.table.highlighted
        if row is not None:
            self._print(row.id)

    @work(thread=True, exclusive=True, group="invoice-print")
    def _print(self, document_id: int) -> None:
        from models.documents import get_document

        try:
            with database.connection_context():
                record = get_document(document_id)
        except ComptoirError as exc:
            self.app.call_from_thread(self.notify, str(exc), severity="error", markup=False)
            return
        self.app.call_from_thread(self._preview, record)

    def _preview(self, record: DocumentRecord) -> None:
        from screens.document_preview import DocumentPreviewScreen

        self.app.push_screen(DocumentPreviewScreen(record))

    def action_credit(self, _shown: str = "") -> None:
        """A credit note for the highlighted issued invoice, in its dialog; back here the
        list is read again (on resume), the invoice's new status with it."""
        row = self.table.highlighted
        if row is None:
            return
        if row.kind == "credit_note":
            self.notify(_("{number} is a credit note: credit the invoice it corrects.").format(
                number=reference_text(row)), severity="warning", markup=False)  # fmt: skip
            return
        if row.status == "draft":
            self.notify(_("{number} is a draft: change it or delete it, there is nothing to "
                          "credit.").format(number=reference_text(row)),
                        severity="warning", markup=False)  # fmt: skip
            return
        from screens.credit_note import CreditNoteScreen

        def made(number: str | None) -> None:
            if number:
                self.notify(_("Credit note {number} issued.").format(number=number),
                            markup=False)  # fmt: skip

        self.app.push_screen(CreditNoteScreen(row.number), made)

    def next_page_after(self) -> tuple[DocumentSummary, int]:
        # Orders other than newest first page by offset: the rows shown count too.
        return self.rows[-1], len(self.rows)

    def help_text(self) -> str:
        return (
            _(
                "Every invoice and credit note, newest first; credit notes count negative. "
                "Type to narrow by number or customer; From and to keep a period (Enter "
                "applies it); Ctrl+T cycles the status; Ctrl+O sorts by date, number, "
                "customer, due date or total, Ctrl+G reverses. ↓ goes to the list: Enter "
                "opens a document, Ctrl+R prints it, Ctrl+K credits an issued invoice, "
                "Ctrl+N makes a new invoice. The bar at the bottom sums every document the "
                "filter keeps, loaded or not."
            )
            + " "
            + self.payment_help()
        )

    def palette_commands(self) -> list[PaletteCommand]:
        commands = [
            PaletteCommand(_("New invoice"), self.action_new, _("Make a new invoice (Ctrl+N)")),
            PaletteCommand(_("Next status filter"), self.action_next_status,
                           _("Show drafts, open, partly paid, overdue or paid invoices, "
                             "credit notes with credit left or applied (Ctrl+T)")),
            PaletteCommand(_("Sort by the next column"), self.action_next_order,
                           _("Date, number, customer, due date or total (Ctrl+O)")),
            PaletteCommand(_("Reverse the order"), self.action_reverse,
                           _("Newest or oldest first, A to Z or Z to A… (Ctrl+G)")),
        ]  # fmt: skip
        if self.table.highlighted is not None:
            commands += [
                PaletteCommand(_("Open document"), self.action_open,
                               _("Open the highlighted document (Enter)")),
                PaletteCommand(_("Print document"), self.action_print,
                               _("Preview the highlighted document and save its PDF (Ctrl+R)")),
                PaletteCommand(_("Credit invoice"), self.action_credit,
                               _("Issue a credit note for the highlighted invoice (Ctrl+K)")),
            ]  # fmt: skip
        commands += self.payment_commands()
        commands.append(PaletteCommand(_("Back"), self.action_back, _("Back (Esc)")))
        return commands
