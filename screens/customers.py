"""The home screen: one search box, the matching customers below, updated as the
operator types.

Typing never waits for the database: each search runs in a thread worker with its own
connection. Searches are throttled to one per `THROTTLE_S`, the first keystroke of a burst
searching at once (a plain trailing debounce would add its whole delay to every
keystroke's latency); results for a text the operator has since changed are dropped,
and results equal to what is on screen are not repainted. The list pages with the
search's keyset: the next page loads when the cursor reaches the last row.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Header, Input, Static
from textual.worker import get_current_worker

from models.db import database
from models.i18n import N_, _, ngettext
from models.search import CustomerHit, search_customers, with_balances
from tui.commands import PaletteCommand
from tui.widgets.customer_table import CustomerTable
from tui.widgets.footer import Footer
from tui.widgets.translated import TranslatedScreen, translate_bindings

if TYPE_CHECKING:
    from textual.events import ScreenResume

PAGE = 50
THROTTLE_S = 0.1


class SearchBox(Input):
    BINDINGS = [
        Binding("enter", "submit", N_("Open")),
        Binding("down", "screen.focus_results", N_("Results"), show=False),
    ]

    def __init__(self) -> None:
        super().__init__(
            placeholder=_("Search: name, number, phone, postcode, e-mail, SIREN…"),
            id="search",
            compact=True,
        )
        translate_bindings(self)


class CustomerSearchScreen(TranslatedScreen[None]):
    BINDINGS = [
        Binding("ctrl+n", "new", N_("New")),
        Binding("n,f2", "new", N_("New customer"), show=False),
        Binding("e", "edit", N_("Edit")),
        Binding("ctrl+t", "toggle_inactive", N_("Inactive")),
        Binding("f7", "app.duplicates", N_("Duplicates")),
        Binding("i", "toggle_inactive", N_("Show or hide inactive"), show=False),
        Binding("slash", "focus_search", N_("Back to the search box"), show=False),
        Binding("question_mark", "app.help", N_("Help"), show=False),
        Binding("escape", "back", N_("Back"), show=False),
    ]

    class Results(Message):
        """A page of hits for the search started as `generation`."""

        def __init__(self, generation: int, hits: list[CustomerHit], append: bool) -> None:
            super().__init__()
            self.generation = generation
            self.hits = hits
            self.append = append

    def __init__(self) -> None:
        super().__init__(id="customers")
        self.show_inactive = False
        self._generation = 0
        self._last_launch = 0.0
        self._timer: Timer | None = None
        self._loading_more = False
        self._searched: tuple[str, bool] | None = None
        self._suspended = False
        self._shown_for: tuple[str, bool] | None = None
        self._open_first_when_shown = False
        self.painted_generation = 0
        """The search whose results are on screen (tests and the benchmark wait on it)."""

    def compose(self) -> ComposeResult:
        yield Header()
        yield SearchBox()
        yield Static("", id="search-status")
        yield CustomerTable(id="results")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = _("Customers")
        self.query_one(SearchBox).focus()
        self.search_now()

    def on_screen_suspend(self) -> None:
        self._suspended = True

    def on_screen_resume(self, _event: ScreenResume) -> None:
        # Back from the detail or the form: what they saved may change the list.
        if self._suspended:
            self._suspended = False
            self.search_now()

    @property
    def table(self) -> CustomerTable:
        return self.query_one(CustomerTable)

    @property
    def search_text(self) -> str:
        return self.query_one(SearchBox).value

    @on(Input.Changed, "#search")
    def _typed(self) -> None:
        if (self.search_text, self.show_inactive) == self._searched:
            return  # the box announces its initial value too; nothing new to search
        if self._timer is not None:
            return  # the pending search will read the latest text
        wait = self._last_launch + THROTTLE_S - time.monotonic()
        if wait <= 0:
            self.search_now()
        else:
            self._timer = self.set_timer(wait, self._throttled)

    def _throttled(self) -> None:
        self._timer = None
        self.search_now()

    def search_now(self) -> None:
        """Searches the current text at once; earlier searches' results will be dropped."""
        self._generation += 1
        self._last_launch = time.monotonic()
        self._loading_more = False
        self._searched = (self.search_text, self.show_inactive)
        self._search(self._generation, self.search_text, self.show_inactive)

    @work(thread=True, exclusive=True, group="customer-search")
    def _search(self, generation: int, text: str, include_inactive: bool) -> None:
        self._fetch(generation, text, include_inactive, None)

    @work(thread=True, exclusive=True, group="customer-page")
    def _more(self, generation: int, text: str, include_inactive: bool, after: CustomerHit) -> None:
        self._fetch(generation, text, include_inactive, after)

    def _fetch(
        self, generation: int, text: str, include_inactive: bool, after: CustomerHit | None
    ) -> None:
        """Runs in a worker thread, on that thread's own connection."""
        with database.connection_context():
            hits = with_balances(
                search_customers(
                    text, limit=PAGE + 1, include_inactive=include_inactive, after=after
                )
            )
        if not get_current_worker().is_cancelled:
            self.post_message(self.Results(generation, hits, append=after is not None))

    def on_customer_search_screen_results(self, message: Results) -> None:
        if message.generation != self._generation:
            return
        hits, has_more = message.hits[:PAGE], len(message.hits) > PAGE
        table = self.table
        with self.app.batch_update():
            if message.append:
                self._loading_more = False
                table.extend(hits, has_more)
            elif hits != table.hits or has_more != table.has_more:
                table.show(hits, has_more)
            self._show_status()
        if not message.append:
            self._shown_for = self._searched
            if self._open_first_when_shown:
                self._open_first_when_shown = False
                if table.hits:
                    self.open_customer(table.hits[0].number)
        self.call_after_refresh(self._painted, message.generation)

    def _painted(self, generation: int) -> None:
        first = self.painted_generation == 0
        self.painted_generation = generation
        if first:
            self.app.post_message(FirstPage())

    def _show_status(self) -> None:
        count = len(self.table.hits)
        if self.table.has_more:
            text = ngettext(
                "{count} customer shown, more below…", "{count} customers shown, more below…", count
            )
        elif count == 0:
            text = _("No customer matches.") if self.search_text.strip() else _("No customer yet.")
        else:
            text = ngettext("{count} customer", "{count} customers", count)
        text = text.format(count=count)
        if self.show_inactive:
            text += " " + _("(inactive included)")
        # One line of fixed size: no layout pass, only this line repainted.
        self.query_one("#search-status", Static).update(Content(text), layout=False)

    @on(CustomerTable.EndReached)
    def _next_page(self) -> None:
        table = self.table
        if self._loading_more or not table.has_more or not table.hits:
            return
        self._loading_more = True
        self._more(self._generation, self.search_text, self.show_inactive, table.hits[-1])

    @on(Input.Submitted, "#search")
    def _submitted(self) -> None:
        # A fast typist's Enter can arrive before the search for what they typed: open
        # that search's first hit when it is shown, never the row of an older search.
        current = (self.search_text, self.show_inactive)
        if self._timer is not None or current != self._shown_for:
            self._open_first_when_shown = True
            if self._timer is not None or current != self._searched:
                self._cancel_timer()
                self.search_now()
            return
        self.action_open()

    def _cancel_timer(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None

    @on(CustomerTable.Open)
    def _open_row(self, message: CustomerTable.Open) -> None:
        self.open_customer(message.number)

    @on(CustomerTable.AboveTop)
    def _above_top(self) -> None:
        self.action_focus_search()

    def open_customer(self, number: str) -> None:
        from screens.customer_detail import CustomerDetailScreen

        # The typed text goes along: a merged number typed opens its survivor, which says so.
        self.app.push_screen(CustomerDetailScreen(number, asked=self.search_text))

    def action_open(self) -> None:
        hit = self.table.highlighted
        if hit is not None:
            self.open_customer(hit.number)

    def action_new(self) -> None:
        from screens.customer_form import CustomerFormScreen

        self.app.push_screen(CustomerFormScreen(self.app_operator))

    def action_edit(self) -> None:
        from screens.customer_form import CustomerFormScreen

        hit = self.table.highlighted
        if hit is not None:
            self.app.push_screen(CustomerFormScreen(self.app_operator, hit.number))

    def action_toggle_inactive(self) -> None:
        self.show_inactive = not self.show_inactive
        self.search_now()

    def action_focus_search(self) -> None:
        self.query_one(SearchBox).focus()

    def action_focus_results(self) -> None:
        if self.table.hits:
            self.table.focus()

    def action_back(self) -> None:
        box = self.query_one(SearchBox)
        if not box.has_focus:
            box.focus()
        elif box.value:
            box.value = ""

    def help_text(self) -> str:
        return _(
            "Type any part of a name, a number, a phone number, a postcode, a city, an "
            "e-mail or a SIREN; several words narrow the list. Down moves to the list, "
            "Enter opens the customer, Up on the first row comes back here."
        )

    def palette_commands(self) -> list[PaletteCommand]:
        return [
            PaletteCommand(_("New customer"), self.action_new, _("Create a customer (n, Ctrl+N)")),
            PaletteCommand(
                _("Open customer"), self.action_open, _("Open the highlighted customer (Enter)")
            ),
            PaletteCommand(
                _("Edit customer"), self.action_edit, _("Edit the highlighted customer (e)")
            ),
            PaletteCommand(
                _("Show or hide inactive customers"),
                self.action_toggle_inactive,
                _("Include deactivated customers in the list (i, Ctrl+T)"),
            ),
            PaletteCommand(_("Search"), self.action_focus_search, _("Back to the search box (/)")),
        ]


class FirstPage(Message):
    """The first results are on screen (the start-up benchmark stops its clock here)."""
