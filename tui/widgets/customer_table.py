"""The customer list: one row per search hit, columns sized to the terminal so they fit
80 columns without scrolling sideways (the e-mail gives way to the balance below 100). It
shows hits and announces what the operator does (open, reached the end, left the top); it
never searches itself."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.binding import Binding
from textual.events import Resize
from textual.message import Message
from textual.widgets import DataTable

from models.i18n import N_, _
from models.search import CustomerHit
from screens.customer_text import field_label, status_text
from screens.document_text import money_text
from tui.safe_text import display_safe
from tui.widgets.translated import translate_bindings

# Fixed widths; name, city and e-mail share what is left (weights below).
_NUMBER_WIDTH = 7
_PHONE_WIDTH = 14
_STATUS_WIDTH = 9
_BALANCE_WIDTH = 11
_SHARES = (("name", 5), ("city", 3), ("email", 4))
_COLUMNS = ("number", "name", "city", "phone", "email", "status", "balance")
# Below this width the e-mail column gives way to the balance.
_WIDE = 100


def _cell(value: str, style: str = "") -> Text:
    return Text(display_safe(value), style=style, no_wrap=True, overflow="ellipsis", end="")


def _balance(hit: CustomerHit, style: str) -> Text:
    text = "" if not hit.balance else money_text(hit.balance, hit.currency)
    return Text(text, style=style, no_wrap=True, overflow="ellipsis", end="", justify="right")


def hit_row(hit: CustomerHit, columns: Sequence[str] = _COLUMNS) -> list[Text]:
    """A hit as table cells. Inactive rows are dimmed AND say "inactive" in the status
    column: a 16-colour terminal over SSH may not show the dimming. A credit shows as a
    negative balance; nothing owed, as a blank."""
    style = "dim" if not hit.is_active else ""
    cells = {
        "number": _cell(hit.number, style),
        "name": _cell(hit.name, style),
        "city": _cell(hit.city, style),
        "phone": _cell(hit.phone, style),
        "email": _cell(hit.email, style),
        "status": _cell(status_text(hit.status), style),
        "balance": _balance(hit, style),
    }
    return [cells[column] for column in columns]


class CustomerTable(DataTable[Text]):
    BINDINGS = [Binding("enter", "select_cursor", N_("Open"))]

    class Open(Message):
        """The operator chose a customer (Enter on its row)."""

        def __init__(self, number: str) -> None:
            super().__init__()
            self.number = number

    class EndReached(Message):
        """The cursor is on the last row and more hits may follow."""

    class AboveTop(Message):
        """Up was pressed on the first row: the operator wants the search box back."""

    def __init__(self, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", cell_padding=1)
        translate_bindings(self)
        self.hits: list[CustomerHit] = []
        self.has_more = False
        self._columns_for = -1
        self._shown: tuple[str, ...] = _COLUMNS

    @property
    def highlighted(self) -> CustomerHit | None:
        if not self.hits or not 0 <= self.cursor_row < len(self.hits):
            return None
        return self.hits[self.cursor_row]

    def show(self, hits: Sequence[CustomerHit], has_more: bool) -> None:
        """Replaces the rows; the cursor goes back to the first one."""
        self.hits = list(hits)
        self.has_more = has_more
        if not self.columns:
            return  # not sized yet: the first resize adds the columns and these rows
        self.clear()
        self.add_rows([hit_row(hit, self._shown) for hit in hits])

    def extend(self, hits: Sequence[CustomerHit], has_more: bool) -> None:
        """Appends a page below the current rows; the cursor stays where it is."""
        self.hits += hits
        self.has_more = has_more
        self.add_rows([hit_row(hit, self._shown) for hit in hits])

    def _column_widths(self, width: int, columns: Sequence[str]) -> dict[str, int]:
        fixed = {"number": _NUMBER_WIDTH, "phone": _PHONE_WIDTH, "status": _STATUS_WIDTH,
                 "balance": _BALANCE_WIDTH}  # fmt: skip
        shares = [(name, weight) for name, weight in _SHARES if name in columns]
        padding = 2 * self.cell_padding * len(columns)
        free = width - padding - 1 - sum(fixed[name] for name in columns if name in fixed)
        free = max(free, 24)
        total = sum(weight for _name, weight in shares)
        widths = {name: free * weight // total for name, weight in shares}
        widths["name"] += free - sum(widths.values())
        return {**fixed, **widths}

    def on_resize(self, event: Resize) -> None:
        if event.size.width == self._columns_for:
            return
        self._columns_for = event.size.width
        wide = event.size.width >= _WIDE
        self._shown = tuple(c for c in _COLUMNS if wide or c != "email")
        widths = self._column_widths(event.size.width, self._shown)
        cursor = self.cursor_row
        self.clear(columns=True)
        for key in self._shown:
            label = Text(_("Balance") if key == "balance" else field_label(key), no_wrap=True)
            if key == "balance":
                label.justify = "right"
            self.add_column(label, width=widths[key], key=key)
        self.add_rows([hit_row(hit, self._shown) for hit in self.hits])
        if self.hits:
            self.move_cursor(row=min(cursor, len(self.hits) - 1), animate=False)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        hit = self.highlighted
        if hit is not None:
            self.post_message(self.Open(hit.number))

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        if self.has_more and event.cursor_row >= self.row_count - 1:
            self.post_message(self.EndReached())

    def action_cursor_up(self) -> None:
        if self.cursor_row <= 0:
            self.post_message(self.AboveTop())
            return
        super().action_cursor_up()
