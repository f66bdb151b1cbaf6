"""Every payment, refund and reversal, newest first: type to narrow by customer, reference
or #number, Ctrl+T cycles the kind (or money with credit left), Ctrl+O the method, the
period keeps entries dated in it. Under the list, the highlighted entry in full and the
sums of everything the filter keeps, per currency. Enter opens an entry, Ctrl+N records
a payment. Pages of 100 load as the cursor reaches the end."""

from __future__ import annotations

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.events import Resize
from textual.widgets import DataTable, Header, Static

from models.db import database
from models.errors import ComptoirError
from models.i18n import N_, _
from models.ledger import payment_reference
from models.payment_lists import PaymentSummary, list_payments, sum_payments
from screens.customer_text import method_text
from screens.document_text import compact_date_text, entry_kind_text, money_text, short_date_text
from screens.filtered_list import FilteredList, ListPage
from screens.payment_filters import PaymentFilter, totals_text
from screens.period_filter_bar import PeriodFilterBar
from tui.commands import PaletteCommand
from tui.safe_text import display_safe
from tui.widgets.footer import Footer
from tui.widgets.sized_table import Column, SizedTable, cells
from tui.widgets.translated import TranslatedScreen

PAGE = 100
# From this width the list has room for the method, the reference and the customer's
# number.
WIDE = 120
# Narrow, the customer's number is in the line under the list, as for invoices.
_NARROW = (
    Column("id", N_("No."), 6),
    Column("date", N_("Date"), 8),
    Column("name", N_("Customer")),
    Column("kind", N_("Kind"), 13),  # "remboursement"
    Column("amount", N_("Amount"), 12, right=True),
    Column("left", N_("Credit left"), 13, right=True),
)
_WIDE = (
    Column("id", N_("No."), 6),
    Column("date", N_("Date"), 10),
    Column("customer", N_("Customer")),
    Column("kind", N_("Kind"), 13),  # "remboursement"
    Column("method", N_("Method"), 13),
    Column("reference", N_("Reference"), 16),
    Column("amount", N_("Amount"), 12, right=True),
    Column("left", N_("Credit left"), 13, right=True),
)


def left_text(row: PaymentSummary) -> str:
    """What is left of the entry, or why nothing can be: it was reversed, or it is the
    reversal of another. Said in words, so that 16 colours over SSH lose nothing."""
    if row.reversed_by is not None:
        return _("reversed")
    if row.reverses is not None:
        return _("reverses {reference}").format(reference=payment_reference(row.reverses))
    if row.unallocated == 0:
        return ""
    sign = 1 if row.direction == "in" else -1
    return money_text(sign * row.unallocated, row.currency)


def _cells(row: PaymentSummary, columns: tuple[Column, ...]) -> list[Text]:
    wide = columns == _WIDE
    values = {
        "id": row.reference_text,
        "date": (short_date_text if wide else compact_date_text)(row.date),
        "customer": f"{row.customer} {row.name}",
        "name": row.name,
        "kind": entry_kind_text(row.kind),
        "method": method_text(row.method),
        "reference": row.reference,
        # Money out reads negative: what left the till.
        "amount": money_text(row.signed_amount, row.currency),
        "left": left_text(row),
    }
    undone = row.reversed_by is not None or row.reverses is not None
    return cells(values, columns, "dim" if undone else "")


class PaymentTable(SizedTable):
    """The rows as payments; their columns follow the width."""

    COLUMNS = _NARROW

    def __init__(self) -> None:
        super().__init__(id="payments")
        self.payments: list[PaymentSummary] = []

    def show_payments(self, rows: list[PaymentSummary], keep: int | None) -> None:
        """Replaces the rows; the cursor goes to the entry `keep` if still listed."""
        self.payments = list(rows)
        self.set_columns(_NARROW if self.size.width < WIDE else _WIDE)
        ids = [row.id for row in rows]
        self.show(self._payment_cells(rows), ids.index(keep) if keep in ids else 0)

    def append_payments(self, rows: list[PaymentSummary]) -> None:
        self.payments += rows
        self.append(self._payment_cells(rows))

    def _payment_cells(self, rows: list[PaymentSummary]) -> list[list[Text]]:
        return [_cells(row, self.spec) for row in rows]

    def on_resize(self, event: Resize) -> None:
        """Runs before SizedTable's, which then makes the columns at the new width."""
        columns = _NARROW if event.size.width < WIDE else _WIDE
        if columns != self.spec:
            self.set_columns(columns)
            self.show(self._payment_cells(self.payments))

    @property
    def highlighted(self) -> PaymentSummary | None:
        if not self.payments or self.row_count == 0:
            return None
        return self.payments[min(self.cursor_row, len(self.payments) - 1)]


def detail_text(row: PaymentSummary | None) -> Content:
    """The highlighted entry as the narrow list cannot show it: kind and direction,
    method, reference, what reversed it or what it reverses, and the customer last (a
    long name is cut there, not the rest)."""
    if row is None:
        return Content("")
    direction = _("money in") if row.direction == "in" else _("money out")
    parts = [f"{entry_kind_text(row.kind)} ({direction})", method_text(row.method)]
    if row.reference:
        parts.append(_("ref. {reference}").format(reference=display_safe(row.reference)))
    if row.reversed_by is not None:
        parts.append(_("reversed by {reference}").format(
            reference=payment_reference(row.reversed_by)))  # fmt: skip
    if row.reverses is not None:
        parts.append(_("reverses {reference}").format(reference=payment_reference(row.reverses)))
    parts.append(f"{row.customer} {display_safe(row.name)}")
    return Content(" · ".join(parts))


class PaymentsScreen(FilteredList, TranslatedScreen[None]):
    CSS_PATH = "payments.tcss"
    BINDINGS = [
        # Priority, or the table would take Enter first; it gives way to the fields
        # (check_action), where Enter applies them.
        Binding("enter", "open", N_("Open"), priority=True),
        Binding("ctrl+n", "new", N_("New payment"), priority=True),
        # The line above the list names these two keys.
        Binding("ctrl+t", "next_kind", N_("Kind"), show=False, priority=True),
        Binding("ctrl+o", "next_method", N_("Method"), show=False, priority=True),
        Binding("down", "focus_table", N_("Results"), show=False),
        Binding("escape", "back", N_("Back")),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.init_list(PaymentFilter())

    def compose(self) -> ComposeResult:
        yield Header()
        yield PeriodFilterBar("payment", _("Customer, reference or #number…"))
        yield Static(Content(""), id="payment-status")
        yield PaymentTable()
        yield Static(Content(""), id="payment-detail")
        yield Static(Content(""), id="payment-totals")
        yield Footer()

    @property
    def table(self) -> PaymentTable:
        return self.query_one(PaymentTable)

    @property
    def rows(self) -> list[PaymentSummary]:
        return self.table.payments

    def on_mount(self) -> None:
        self.sub_title = _("Payments")
        self.query_one(PeriodFilterBar).focus_search()

    def on_screen_resume(self) -> None:
        """Read on opening, and again back from an entry or a new payment."""
        self.reload()

    # ---- loading ----------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="payments")
    def _load(self, generation: int, wanted: PaymentFilter, after: PaymentSummary | None) -> None:
        """The first page and the sums, or (`after` = the last row shown) the next page."""
        kept = wanted.kept()
        before = None if after is None else (after.date, after.id)
        try:
            with database.connection_context():
                rows = list_payments(limit=PAGE + 1, before=before, **kept)
                totals = None if after is not None else sum_payments(**kept)
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
            self.table.append_payments(rows)
        else:
            before = self.table.highlighted
            self.table.show_payments(rows, before.id if before else None)
        if message.totals is not None:
            self.count = sum(sums.count for sums in message.totals)
            self.query_one("#payment-totals", Static).update(totals_text(message.totals))
        shown = self.shown_count()
        self.query_one("#payment-status", Static).update(Content(self.wanted.describe(shown)))
        self.sub_title = (
            _("Payments: {kind}").format(kind=self.wanted.kind_words())
            if self.wanted.kind
            else _("Payments")
        )
        self._show_detail()

    def _show_detail(self) -> None:
        self.query_one("#payment-detail", Static).update(detail_text(self.table.highlighted))

    @on(DataTable.RowHighlighted, "#payments")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._show_detail()
        self.load_more_at(event)

    # ---- actions ----------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "open":
            return self.table.has_focus
        return True

    def action_open(self) -> None:
        row = self.table.highlighted
        if row is None:
            return
        from screens.payment_detail import PaymentDetailScreen

        self.app.push_screen(PaymentDetailScreen(row.id))

    @on(DataTable.RowSelected, "#payments")
    def _selected(self) -> None:
        self.action_open()

    def action_new(self) -> None:
        from screens.payment_entry import PaymentEntryScreen

        def recorded(payment_id: int | None) -> None:
            if payment_id is not None:
                self.notify(_("Payment {reference} recorded.").format(
                    reference=payment_reference(payment_id)), markup=False)  # fmt: skip
                self.reload()

        self.app.push_screen(PaymentEntryScreen(), recorded)

    def action_next_kind(self) -> None:
        self._apply(self.wanted.next_kind())

    def action_next_method(self) -> None:
        self._apply(self.wanted.next_method())

    def help_text(self) -> str:
        return _(
            "Every payment, refund and reversal, newest first; money out counts negative. "
            "Type to narrow by customer, reference or #number; From and to keep a period "
            "(Enter applies it); Ctrl+T cycles the kind (or payments with credit left), "
            "Ctrl+O the method. ↓ goes to the list: Enter opens an entry, to reverse it, "
            "refund or apply its credit, or move what it paid. Ctrl+N records a payment. "
            "The bar at the bottom sums every entry the filter keeps, loaded or not."
        )

    def palette_commands(self) -> list[PaletteCommand]:
        commands = [
            PaletteCommand(_("New payment"), self.action_new,
                           _("Record money received from a customer (Ctrl+N)")),
            PaletteCommand(_("Next kind filter"), self.action_next_kind,
                           _("Show payments, refunds, reversals or payments with credit "
                             "left (Ctrl+T)")),
            PaletteCommand(_("Next method filter"), self.action_next_method,
                           _("Bank transfer, card, cash, cheque or direct debit (Ctrl+O)")),
        ]  # fmt: skip
        if self.table.highlighted is not None:
            commands.append(PaletteCommand(_("Open payment"), self.action_open,
                                           _("Open the highlighted entry (Enter)")))  # fmt: skip
        commands.append(PaletteCommand(_("Back"), self.action_back, _("Back (Esc)")))
        return commands
