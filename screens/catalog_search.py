"""What the catalog's searched lists share (the items, one price list's prices): a search
box over a table that a thread worker fills as the operator types.

As on the customer list (screens.customers): one search per `THROTTLE_S`, the first
keystroke of a burst searching at once; results for a text since changed are dropped, and
results equal to what is shown are not repainted. The catalog services take a limit, not
a page key: the first `PAGE` rows are shown and reaching the last row asks for `PAGE` more
(the same query with a larger limit, the rows already shown left in place), so a catalog
of thousands never fills the table at once."""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Hashable
from typing import Any, Generic, TypeVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.timer import Timer
from textual.widgets import DataTable, Input, Static
from textual.worker import get_current_worker

from models.db import database
from models.errors import ComptoirError
from models.i18n import N_
from tui.safe_text import display_safe
from tui.widgets.sized_table import Column, SizedTable
from tui.widgets.translated import TranslatedScreen, translate_bindings

PAGE = 100
# Tests set it to 0: they wait for workers, never for a timer.
THROTTLE_S = 0.1

Row = TypeVar("Row")


def _name_enter(node: Input | DataTable[Text], label: str) -> None:
    """Shows Enter in the footer under the screen's own word for it ("Edit", "Set
    price"): the binding is the widget's, its description the screen's."""
    translate_bindings(node)
    key_map = node._bindings.key_to_bindings
    key_map["enter"] = [dataclasses.replace(b, description=label) for b in key_map["enter"]]


class SearchBox(Input):
    BINDINGS = [
        Binding("enter", "submit", N_("Open")),
        Binding("down", "screen.focus_table", N_("Results"), show=False),
    ]

    def __init__(self, placeholder: str, enter_label: str) -> None:
        super().__init__(placeholder=placeholder, id="search", compact=True)
        _name_enter(self, enter_label)


class SearchTable(SizedTable):
    BINDINGS = [Binding("enter", "select_cursor", N_("Open"))]
    MIN_WIDE = 12

    class AboveTop(Message):
        """Up on the first row: the operator wants the search box back."""

    def __init__(self, enter_label: str, columns: list[Column]) -> None:
        super().__init__(id="search-table", columns=columns)
        _name_enter(self, enter_label)

    def action_cursor_up(self) -> None:
        if self.cursor_row <= 0:
            self.post_message(self.AboveTop())
            return
        super().action_cursor_up()


class TypedSearchScreen(TranslatedScreen[None], Generic[Row]):
    """Subclasses say what to fetch, how a row reads and what Enter on a row does."""

    BINDINGS = [
        Binding("slash", "focus_search", N_("Back to the search box"), show=False),
        Binding("escape", "back", N_("Back")),
    ]

    class Results(Message):
        def __init__(
            self, generation: int, key: Hashable, rows: list[Any], wanted: int, append: bool
        ) -> None:
            super().__init__()
            self.generation = generation
            self.key = key
            self.rows = rows
            self.wanted = wanted
            self.append = append

    class Failed(Message):
        def __init__(self, generation: int, reason: str) -> None:
            super().__init__()
            self.generation = generation
            self.reason = reason

    def __init__(self, id: str | None = None) -> None:
        super().__init__(id=id)
        self.rows: list[Row] = []
        self.has_more = False
        self.painted_generation = 0
        """The search whose rows are on screen (tests wait on it)."""
        self._generation = 0
        self._last_launch = 0.0
        self._timer: Timer | None = None
        self._searched: Hashable | None = None
        self._shown_for: Hashable | None = None
        self._choose_first = False
        self._loading_more = False
        self._keep_row: Hashable | None = None
        self._suspended = False

    # ---- what subclasses provide ------------------------------------------------------

    def search_key(self) -> Hashable:
        """Everything the rows depend on; a worker gets it, never reads the screen."""
        return self.search_text

    def fetch(self, key: Any, limit: int) -> list[Row]:
        """Runs in a worker thread, on its own connection."""
        raise NotImplementedError

    def columns(self) -> list[Column]:
        raise NotImplementedError

    def cells(self, row: Row) -> list[Text]:
        raise NotImplementedError

    def row_id(self, row: Row) -> Hashable:
        raise NotImplementedError

    def status_line(self) -> str:
        raise NotImplementedError

    def choose(self, row: Row) -> None:
        """Enter on `row`."""

    # ---- building ---------------------------------------------------------------------

    def search_widgets(self, placeholder: str, enter_label: str) -> ComposeResult:
        """The search box, its status line and the table; `enter_label` names what Enter
        does to the highlighted row."""
        yield SearchBox(placeholder, enter_label)
        yield Static("", id="search-status")
        yield SearchTable(enter_label, self.columns())

    @property
    def table(self) -> SearchTable:
        return self.query_one(SearchTable)

    @property
    def search_text(self) -> str:
        return self.query_one(SearchBox).value

    @property
    def highlighted(self) -> Row | None:
        if not self.rows or not 0 <= self.table.cursor_row < len(self.rows):
            return None
        return self.rows[self.table.cursor_row]

    def on_screen_suspend(self) -> None:
        self._suspended = True

    def on_screen_resume(self) -> None:
        # Back from a form: what it saved may change the rows; the cursor stays put.
        if self._suspended:
            self._suspended = False
            self.refresh_rows()

    def rebuild_columns(self) -> None:
        """The columns as `columns()` says now (sized to the screen by the table), with
        the rows shown again; the cursor stays on its row."""
        cursor = self.table.cursor_row
        self.table.set_columns(self.columns())
        self.table.show([self.cells(row) for row in self.rows], cursor)

    # ---- searching --------------------------------------------------------------------

    @on(Input.Changed, "#search")
    def _typed(self) -> None:
        if self.search_key() == self._searched:
            return  # the box announces its initial value too
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
        """Searches at once; results of earlier searches will be dropped."""
        self._generation += 1
        self._last_launch = time.monotonic()
        self._loading_more = False
        self._searched = self.search_key()
        self._run(self._generation, self._searched, PAGE, False)

    def refresh_rows(self, keep: Hashable | None = None) -> None:
        """Searches again as many rows as are shown, the cursor kept on its row (or on
        the row `keep` names)."""
        current = self.highlighted
        if keep is None:
            # A row asked for by a form's answer outlives the refresh of the screen's
            # return, whichever of the two comes first.
            keep = self._keep_row
        if keep is None and current is not None:
            keep = self.row_id(current)
        self._keep_row = keep
        self._generation += 1
        self._searched = self.search_key()
        self._run(self._generation, self._searched, max(PAGE, len(self.rows)), False)

    @work(thread=True, exclusive=True, group="typed-search")
    def _run(self, generation: int, key: Hashable, wanted: int, append: bool) -> None:
        try:
            with database.connection_context():
                rows = self.fetch(key, wanted + 1)
        except ComptoirError as exc:
            self.post_message(self.Failed(generation, str(exc)))
            return
        if not get_current_worker().is_cancelled:
            self.post_message(self.Results(generation, key, rows, wanted, append))

    def on_typed_search_screen_results(self, message: Results) -> None:
        if message.generation != self._generation:
            return
        rows: list[Row] = message.rows[: message.wanted]
        has_more = len(message.rows) > message.wanted
        table = self.table
        with self.app.batch_update():
            if message.append:
                self._loading_more = False
                added = rows[len(self.rows) :]
                self.rows += added
                table.append([self.cells(row) for row in added])
            elif rows != self.rows:
                self.rows = rows
                table.show([self.cells(row) for row in rows], cursor=0)
                self._restore_cursor()
            self.has_more = has_more
            self.show_status()
        self._keep_row = None
        if not message.append:
            self._shown_for = message.key
            if self._choose_first:
                self._choose_first = False
                if self.rows:
                    self.choose(self.rows[0])
        self.call_after_refresh(self._painted, message.generation)

    def _restore_cursor(self) -> None:
        if self._keep_row is None:
            return
        for index, row in enumerate(self.rows):
            if self.row_id(row) == self._keep_row:
                self.table.move_cursor(row=index, animate=False)
                return

    def on_typed_search_screen_failed(self, message: Failed) -> None:
        if message.generation == self._generation:
            self.notify(display_safe(message.reason), severity="error", markup=False)

    def _painted(self, generation: int) -> None:
        self.painted_generation = generation

    def show_status(self) -> None:
        # One line of fixed size: only this line is repainted.
        self.query_one("#search-status", Static).update(Content(self.status_line()), layout=False)

    @on(DataTable.RowHighlighted, "#search-table")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        if self.has_more and not self._loading_more and event.cursor_row >= len(self.rows) - 1:
            self._loading_more = True
            self._run(self._generation, self._searched, len(self.rows) + PAGE, True)

    @on(Input.Submitted, "#search")
    def _submitted(self) -> None:
        # A fast typist's Enter can come before the search for what they typed: choose
        # that search's first row once shown, never a row of an older search.
        key = self.search_key()
        if self._timer is not None or key != self._shown_for:
            self._choose_first = True
            if self._timer is not None or key != self._searched:
                if self._timer is not None:
                    self._timer.stop()
                    self._timer = None
                self.search_now()
            return
        row = self.highlighted
        if row is not None:
            self.choose(row)

    @on(DataTable.RowSelected, "#search-table")
    def _selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        row = self.highlighted
        if row is not None:
            self.choose(row)

    @on(SearchTable.AboveTop)
    def _above_top(self) -> None:
        self.action_focus_search()

    # ---- moving -----------------------------------------------------------------------

    def action_focus_search(self) -> None:
        self.query_one(SearchBox).focus()

    def action_focus_table(self) -> None:
        if self.rows:
            self.table.focus()

    def action_back(self) -> None:
        """From the table back to the search box; from the search box, leaves."""
        if self.table.has_focus:
            self.action_focus_search()
        else:
            self.dismiss()
