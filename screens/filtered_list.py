"""What the invoice and payment lists share: the filter they keep (a frozen value each key
replaces), the generation that tells a stale answer from the one asked for, loading the
next page when the cursor reaches the last row loaded, and the keys between the filter
bar (screens.period_filter_bar) and the table. The screen loads the pages itself."""

from __future__ import annotations

import dataclasses
from typing import Any

from textual.message import Message
from textual.widgets import DataTable

from screens.period_filter_bar import PeriodFilterBar


class ListPage(Message):
    """A page of rows for the filter asked as `generation`, and the sums of all it keeps
    (with the first page only); `append`: the rows go after those shown."""

    def __init__(self, generation: int, rows: list[Any], append: bool, totals: Any) -> None:
        super().__init__()
        self.generation = generation
        self.rows = rows
        self.append = append
        self.totals = totals


class FilteredList:
    """Mixed into a screen that has a PeriodFilterBar, a `table` (a DataTable) and
    `rows` (what it shows), and that loads with `_load(generation, wanted, after)`,
    `after` being None for the first page or what `next_page_after()` gives."""

    wanted: Any
    table: Any
    rows: list[Any]
    _load: Any

    def init_list(self, wanted: Any) -> None:
        self.wanted = wanted
        self.generation = 0
        self.has_more = False
        self.count = 0  # rows the filter keeps, loaded or not

    def next_page_after(self) -> Any:
        """Where the next page starts: the last row shown, by default."""
        return self.rows[-1]

    def shown_count(self) -> int | None:
        """How many rows are loaded, when that is not all the filter keeps."""
        return len(self.rows) if self.has_more or len(self.rows) < self.count else None

    def on_period_filter_bar_changed(self, event: PeriodFilterBar.Changed) -> None:
        self._apply(dataclasses.replace(self.wanted, text=event.text, date_from=event.first,
                                        date_to=event.last))  # fmt: skip

    def on_period_filter_bar_done(self) -> None:
        self.action_focus_table()

    def _apply(self, wanted: Any) -> None:
        if wanted != self.wanted:
            self.wanted = wanted
            self.reload()

    def reload(self) -> None:
        self.generation += 1
        self._load(self.generation, self.wanted, None)

    def page_answered(self, generation: int) -> bool:
        """Whether an answer is to what is asked now, not to an older filter."""
        return generation == self.generation

    def load_more_at(self, event: DataTable.RowHighlighted) -> None:
        """The next page, once the cursor is on the last row loaded."""
        if self.has_more and self.rows and event.cursor_row >= len(self.rows) - 1:
            self.has_more = False
            self._load(self.generation, self.wanted, self.next_page_after())

    def action_focus_table(self) -> None:
        if self.rows:
            self.table.focus()

    def action_back(self) -> None:
        """From the table back to the search; from the search out of the list."""
        if self.table.has_focus:
            self.query_one(PeriodFilterBar).focus_search()  # type: ignore[attr-defined]
            return
        self.dismiss()  # type: ignore[attr-defined]
