"""A table whose columns are sized to the terminal: fixed widths for the short columns,
the rest for one wide column (a name, a description), so that a list fits 80 columns
without scrolling sideways. Cells are single-line Text, shown literally and cut with "…".
Shared by the document lists and the lines of the document editor."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.text import Text
from textual.events import Resize
from textual.widgets import DataTable

from models.i18n import _
from tui.safe_text import display_safe


@dataclass(frozen=True)
class Column:
    key: str
    title: str  # marked with N_(), translated when the columns are made
    width: int = 0  # 0: this column takes what the others leave
    right: bool = False  # numbers and amounts


def cell(value: str, style: str = "", right: bool = False) -> Text:
    """One line, cut with an ellipsis, shown literally whatever it holds."""
    return Text(display_safe(value), style=style, no_wrap=True, overflow="ellipsis",
                justify="right" if right else "left", end="")  # fmt: skip


def cells(values: dict[str, str], columns: Sequence[Column], style: str = "") -> list[Text]:
    return [cell(values[column.key], style, column.right) for column in columns]


class SizedTable(DataTable[Text]):
    """Rows are handed in as cells (`show`); the columns are (re)made at each new width,
    and when `set_columns` changes them (a column shown only with inactive rows)."""

    COLUMNS: tuple[Column, ...] = ()
    # The wide column never gets narrower than this, even if the table then scrolls.
    MIN_WIDE = 10

    def __init__(self, id: str | None = None, columns: Sequence[Column] = ()) -> None:
        super().__init__(id=id, cursor_type="row", cell_padding=1)
        self.spec = tuple(columns or self.COLUMNS)
        self._cells: list[list[Text]] = []
        self._width = -1

    def set_columns(self, columns: Sequence[Column]) -> None:
        """New columns (the same ones: nothing happens); show the rows that go with them
        next."""
        if tuple(columns) == self.spec:
            return
        self.spec = tuple(columns)
        self._cells = []
        if self._width >= 0:
            self._make_columns()

    def show(self, rows: Sequence[list[Text]], cursor: int | None = None) -> None:
        """Replaces the rows; the cursor goes to `cursor`, else stays where it was."""
        self._cells = list(rows)
        if not self.columns:
            return  # the first resize makes the columns, then adds these rows
        keep = self.cursor_row if cursor is None else cursor
        self.clear()
        self.add_rows(self._cells)
        if self._cells:
            self.move_cursor(row=max(0, min(keep, len(self._cells) - 1)), animate=False)

    def append(self, rows: Sequence[list[Text]]) -> None:
        """Adds rows below; the cursor stays."""
        self._cells += rows
        if self.columns:
            self.add_rows(rows)

    def on_resize(self, event: Resize) -> None:
        if event.size.width == self._width:
            return
        self._width = event.size.width
        self._make_columns()

    def _make_columns(self) -> None:
        fixed = sum(column.width for column in self.spec)
        padding = 2 * self.cell_padding * len(self.spec)
        # One column spare for the vertical scrollbar, so no horizontal one appears.
        wide = max(self.MIN_WIDE, self._width - fixed - padding - 2)
        cursor = self.cursor_row
        self.clear(columns=True)
        for column in self.spec:
            title = Text(_(column.title), justify="right" if column.right else "left",
                         no_wrap=True)  # fmt: skip
            self.add_column(title, width=column.width or wide, key=column.key)
        self.show(self._cells, cursor)
