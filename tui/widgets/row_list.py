"""A list of rows of inputs that the operator adds to (Ctrl+O) and removes from (Ctrl+D)
inside a form — a customer's contacts, a contract's item rules: finding the row that holds
a widget, adding a row, removing one with the focus moving to its neighbour, and the hint
shown while the list is empty."""

from __future__ import annotations

from typing import Generic, Protocol, TypeVar

from textual.containers import Vertical
from textual.widget import Widget
from textual.widgets import Static


class InputRow(Protocol):
    def input(self, key: str) -> Widget: ...


RowT = TypeVar("RowT", bound=Widget)


class RowList(Vertical, Generic[RowT]):
    """Subclasses say which widget type is a row (`row_type`), which of its inputs takes
    the focus (`first_input`), how a blank row is made (`blank_row`), and compose a
    Static with the class `rows-empty` for the hint."""

    row_type: type[RowT]
    first_input = ""

    def blank_row(self) -> RowT:
        raise TypeError(f"{type(self).__name__} must make its blank rows")

    def on_mount(self) -> None:
        self._show_hint()

    def rows(self) -> list[RowT]:
        return list(self.query(self.row_type))

    async def add_row(self) -> RowT:
        row = self.blank_row()
        await self.mount(row)
        self._show_hint()
        return row

    async def remove_row(self, row: RowT) -> Widget | None:
        """Removes `row`; returns the widget that should take the focus next."""
        rows = self.rows()
        index = rows.index(row)
        await row.remove()
        self._show_hint()
        rest = self.rows()
        if rest:
            neighbour: InputRow = rest[min(index, len(rest) - 1)]  # type: ignore[assignment]
            return neighbour.input(self.first_input)
        return None

    def row_of(self, widget: Widget | None) -> RowT | None:
        while widget is not None and widget is not self:
            if isinstance(widget, self.row_type):
                return widget
            widget = widget.parent  # type: ignore[assignment]
        return None

    def _show_hint(self) -> None:
        self.query_one(".rows-empty", Static).display = not self.rows()
