"""Choosing the customer to merge with the one on screen ("Merge with…" on its detail):
a search box and the matching customers, updated as the operator types. Enter picks the
highlighted customer (from the box: the first one); the screen dismisses with its number,
or None on Esc. The customer itself is never offered."""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.widgets import Header, Input, Static

from models.db import database
from models.i18n import N_, _
from models.search import CustomerHit, search_customers
from tui.commands import PaletteCommand
from tui.safe_text import display_safe
from tui.widgets.customer_table import CustomerTable
from tui.widgets.footer import Footer
from tui.widgets.translated import TranslatedScreen

_LIMIT = 50


class MergePickScreen(TranslatedScreen[str | None]):
    DEFAULT_CSS = """
    MergePickScreen #pick-question { padding: 0 1; height: auto; }
    MergePickScreen #pick-search { margin: 0 1; }
    MergePickScreen #pick-status { padding: 0 1; color: $text-muted; }
    MergePickScreen CustomerTable { height: 1fr; }
    """
    BINDINGS = [
        Binding("enter", "pick", N_("Merge with this one"), priority=True),
        Binding("down", "focus_results", N_("Results"), show=False),
        Binding("escape", "back", N_("Back")),
    ]

    class Results(Message):
        def __init__(self, generation: int, hits: list[CustomerHit]) -> None:
            super().__init__()
            self.generation, self.hits = generation, hits

    def __init__(self, number: str, name: str) -> None:
        super().__init__(id="merge-pick")
        self.number, self.customer_name = number, name
        self._generation = 0
        self._shown = 0
        self._pick_when_shown = False

    def compose(self) -> ComposeResult:
        question = _(
            "Merge {number} {name} with which customer? Type a name, a number, a phone…; "
            "Enter picks."
        ).format(number=self.number, name=display_safe(self.customer_name))
        yield Header()
        yield Static(Content(question), id="pick-question")
        yield Input(placeholder=_("Search the other customer"), id="pick-search", compact=True)
        yield Static(Content(""), id="pick-status")
        yield CustomerTable(id="pick-results")
        yield Footer()

    def on_mount(self) -> None:
        self.title = _("Merge with…")
        self.query_one(Input).focus()

    @property
    def table(self) -> CustomerTable:
        return self.query_one(CustomerTable)

    @on(Input.Changed, "#pick-search")
    def _typed(self, event: Input.Changed) -> None:
        self._generation += 1
        if event.value.strip():
            self._search(self._generation, event.value)
        else:
            self.post_message(self.Results(self._generation, []))

    @work(thread=True, exclusive=True, group="merge-pick")
    def _search(self, generation: int, text: str) -> None:
        with database.connection_context():
            hits = search_customers(text, limit=_LIMIT + 1, include_inactive=True)
        self.post_message(self.Results(generation, hits))

    @on(Results)
    def _results(self, message: Results) -> None:
        if message.generation != self._generation:
            return  # typed on since: a newer search is on its way
        hits = [h for h in message.hits if h.number != self.number][:_LIMIT]
        self._shown = message.generation
        self.table.show(hits, has_more=False)
        if not self.query_one(Input).value.strip():
            text = ""
        elif not hits:
            text = _("No other customer matches.")
        elif len(message.hits) > _LIMIT:
            text = _("The first {count}; type more to narrow.").format(count=_LIMIT)
        else:
            text = _("{count} found.").format(count=len(hits))
        self.query_one("#pick-status", Static).update(Content(text))
        if self._pick_when_shown:
            self._pick_when_shown = False
            self.action_pick()

    @on(CustomerTable.Open)
    def _open(self, message: CustomerTable.Open) -> None:
        self.dismiss(message.number)

    @on(CustomerTable.AboveTop)
    def _above_top(self) -> None:
        self.query_one(Input).focus()

    def action_pick(self) -> None:
        if self._shown != self._generation:
            # Enter typed before the search for the typed text came back: pick from that
            # search's list when it is shown, never from an older one.
            self._pick_when_shown = True
            return
        hit = self.table.highlighted
        if hit is not None:
            self.dismiss(hit.number)

    def action_focus_results(self) -> None:
        if self.table.hits:
            self.table.focus()

    def action_back(self) -> None:
        self.dismiss(None)

    def help_text(self) -> str:
        return _("Search the customer to merge with this one; Enter opens the comparison "
                 "of the two, where nothing is merged before you confirm.")  # fmt: skip

    def palette_commands(self) -> list[PaletteCommand]:
        return [
            PaletteCommand(_("Merge with this one"), self.action_pick,
                           _("Compare with the highlighted customer (Enter)")),
        ]  # fmt: skip
