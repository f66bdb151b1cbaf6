"""Every quote, newest first: type to narrow by quote number or by anything that finds a
customer (name, number, city, phone…), `s` cycles the status shown, Enter opens a quote,
`n` makes a new one. Pages of 100 load as the cursor reaches the end."""

from __future__ import annotations

import datetime as dt

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.widgets import DataTable, Header, Input, Static

from models.db import database
from models.document_lists import STATUSES, list_documents
from models.document_records import DocumentSummary
from models.i18n import N_, _
from screens.document_text import money_text, short_date_text, status_text
from tui.commands import PaletteCommand
from tui.widgets.footer import Footer
from tui.widgets.sized_table import Column, SizedTable, cells
from tui.widgets.translated import TranslatedScreen

PAGE = 100
# Set to 0 by tests, which wait for workers rather than timers.
THROTTLE_S = 0.15
_COLUMNS = (
    Column("number", N_("Number"), 12),
    Column("date", N_("Date"), 10),
    Column("name", N_("Customer")),
    Column("valid_until", N_("Until"), 10),
    Column("status", N_("Status"), 10),
    Column("total", N_("Total"), 12, right=True),
)


def _cells(row: DocumentSummary) -> list[Text]:
    marker = "✗ " if row.status in ("declined", "expired") else ""
    values = {
        "number": row.number,
        "date": short_date_text(row.date),
        "name": row.name,
        "valid_until": short_date_text(row.valid_until),
        "status": marker + status_text(row.status),
        "total": money_text(row.totals.total, row.currency),
    }
    return cells(values, _COLUMNS)


class QuoteTable(SizedTable):
    COLUMNS = _COLUMNS


class QuotesScreen(TranslatedScreen[None]):
    CSS_PATH = "documents.tcss"
    BINDINGS = [
        Binding("enter", "open", N_("Open")),
        Binding("ctrl+n", "new", N_("New quote"), priority=True),
        Binding("ctrl+t", "next_status", N_("Status"), priority=True),
        Binding("down", "focus_table", N_("Results"), show=False),
        Binding("escape", "back", N_("Back")),
    ]

    class Page(Message):
        def __init__(self, generation: int, rows: list[DocumentSummary], append: bool) -> None:
            super().__init__()
            self.generation = generation
            self.rows = rows
            self.append = append

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[DocumentSummary] = []
        self.status: str | None = None
        self.generation = 0
        self.has_more = False
        self._timer: object | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(
            placeholder=_("Quote number, or customer name, number, city…"),
            id="quote-search",
            compact=True,
        )
        yield Static(Content(""), id="quote-status")
        yield QuoteTable(id="quotes")
        yield Footer()

    @property
    def table(self) -> QuoteTable:
        return self.query_one(QuoteTable)

    def on_mount(self) -> None:
        self.sub_title = _("Quotes")
        self.query_one("#quote-search", Input).focus()
        self.reload()

    def on_screen_resume(self) -> None:
        self.reload()

    # ---- loading ----------------------------------------------------------------------

    @on(Input.Changed, "#quote-search")
    def _typed(self) -> None:
        if THROTTLE_S <= 0:
            self.reload()
            return
        if self._timer is None:
            self._timer = self.set_timer(THROTTLE_S, self._throttled)

    @on(Input.Submitted, "#quote-search")
    def _submitted(self) -> None:
        self.action_focus_table()

    def _throttled(self) -> None:
        self._timer = None
        self.reload()

    def reload(self) -> None:
        self.generation += 1
        text = self.query_one("#quote-search", Input).value
        self._load(self.generation, text, self.status, None)

    @work(thread=True, exclusive=True, group="quotes")
    def _load(
        self, generation: int, text: str, status: str | None, before: tuple[dt.date, int] | None
    ) -> None:
        with database.connection_context():
            rows = list_documents("quote", status=status, text=text, limit=PAGE + 1, before=before)
        self.post_message(self.Page(generation, rows, before is not None))

    def on_quotes_screen_page(self, message: Page) -> None:
        if message.generation != self.generation:
            return  # an answer to something no longer asked
        rows = message.rows[:PAGE]
        self.has_more = len(message.rows) > PAGE
        if message.append:
            self.rows += rows
            self.table.append([_cells(row) for row in rows])
        else:
            self.rows = rows
            self.table.show([_cells(row) for row in rows], cursor=0)
        self._show_status()

    def _show_status(self) -> None:
        shown = _("{count} quotes shown").format(count=len(self.rows))
        if self.has_more:
            shown += _(", more below…")
        status = status_text(self.status) if self.status else _("every status")
        self.query_one("#quote-status", Static).update(
            Content(f"{shown} · " + _("status: {status} (Ctrl+T)").format(status=status))
        )

    @on(DataTable.RowHighlighted, "#quotes")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        if self.has_more and event.cursor_row >= len(self.rows) - 1 and self.rows:
            last = self.rows[-1]
            self.has_more = False
            text = self.query_one("#quote-search", Input).value
            self._load(self.generation, text, self.status, (last.date, last.id))

    # ---- actions ----------------------------------------------------------------------

    def action_open(self) -> None:
        if not self.rows:
            return
        row = self.rows[min(self.table.cursor_row, len(self.rows) - 1)]
        from screens.document_editor import DocumentEditorScreen

        self.app.push_screen(DocumentEditorScreen(document_id=row.id))

    @on(DataTable.RowSelected, "#quotes")
    def _selected(self) -> None:
        self.action_open()

    def action_new(self) -> None:
        from screens.document_editor import DocumentEditorScreen

        self.app.push_screen(DocumentEditorScreen(kind="quote"))

    def action_next_status(self) -> None:
        cycle: list[str | None] = [None, *STATUSES["quote"]]
        self.status = cycle[(cycle.index(self.status) + 1) % len(cycle)]
        self.reload()

    def action_focus_table(self) -> None:
        if self.rows:
            self.table.focus()

    def action_back(self) -> None:
        search = self.query_one("#quote-search", Input)
        if self.table.has_focus:
            search.focus()
            return
        self.dismiss()

    def help_text(self) -> str:
        return _(
            "Every quote, newest first. Type to narrow by quote number or customer; "
            "Ctrl+T cycles the status shown; ↓ goes to the list, Enter opens a quote, "
            "Ctrl+N makes a new one."
        )

    def palette_commands(self) -> list[PaletteCommand]:
        return [
            PaletteCommand(_("New quote"), self.action_new, _("Make a new quote (Ctrl+N)")),
            PaletteCommand(
                _("Next status filter"),
                self.action_next_status,
                _("Show draft, sent, accepted, declined or expired quotes (Ctrl+T)"),
            ),
            PaletteCommand(_("Back"), self.action_back, _("Back (Esc)")),
        ]
