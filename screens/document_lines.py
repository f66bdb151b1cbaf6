"""The lines of the document editor: the table of lines entered, and the entry row under
it where a line is typed (item by code or name, quantity, then optionally a price,
discount or VAT rate that override the pricing rules). Both only show and announce; the
editor prices lines and keeps them."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.events import Resize
from textual.message import Message
from textual.widgets import DataTable, Input

from models.document_records import DocumentLineRecord, LineInput
from models.i18n import N_, _
from screens.document_pickers import ItemSource, PickerInput
from screens.document_text import number_text, percent_text, price_text
from tui.safe_text import display_safe
from tui.widgets.translated import translate_bindings

# (key, title, width); the description (the item's code first) takes what is left.
_FIXED = (
    ("quantity", N_("Qty"), 11),
    ("unit_price", N_("Price"), 9),
    ("discount", N_("Disc."), 6),
    ("vat_rate", N_("VAT"), 6),
    ("net", N_("Net"), 10),
)
_RIGHT = {"quantity", "unit_price", "discount", "vat_rate", "net"}
_ORDER = ("description", "quantity", "unit_price", "discount", "vat_rate", "net")


@dataclass(frozen=True)
class ShownLine:
    """A line as the table shows it: priced, or as typed with the reason it is not."""

    typed: LineInput
    priced: DocumentLineRecord | None
    error: str = ""


def _cell(value: str, key: str, style: str = "") -> Text:
    justify = "right" if key in _RIGHT else "left"
    return Text(
        display_safe(value), style=style, no_wrap=True, overflow="ellipsis", justify=justify, end=""
    )


def line_cells(line: ShownLine, currency: str, net_text: Callable[[int], str]) -> list[Text]:
    p = line.priced
    if p is None:
        t = line.typed
        values = {
            "description": "⚠ " + (t.description or t.item.upper()),
            "quantity": t.quantity,
            "unit_price": t.unit_price,
            "discount": t.discount,
            "vat_rate": t.vat_rate,
            "net": "—",
        }
        return [_cell(values[key], key, "bold") for key in _ORDER]
    description = p.description.replace("\n", " · ")
    values = {
        "description": f"{p.code} {description}" if p.code else description,
        "quantity": number_text(p.quantity) + (f" {p.unit}" if p.unit else ""),
        "unit_price": price_text(p.unit_price, currency),
        "discount": percent_text(p.discount) if p.discount else "",
        "vat_rate": percent_text(p.vat_rate),
        "net": net_text(p.net),
    }
    return [_cell(values[key], key) for key in _ORDER]


class LinesTable(DataTable[Text]):
    """One row per line. Enter edits the highlighted line, Delete (or Ctrl+D) removes it,
    Up on the first row goes back to the header."""

    BINDINGS = [
        Binding("enter", "edit_line", N_("Edit line")),
        Binding("delete,ctrl+d", "remove_line", N_("Remove line")),
    ]

    class EditLine(Message):
        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

    class RemoveLine(Message):
        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

    def __init__(self) -> None:
        super().__init__(id="lines", cursor_type="row", cell_padding=1, zebra_stripes=False)
        translate_bindings(self)
        self._rows: list[list[Text]] = []
        self._width = -1
        # Off for a document that is no longer a draft: its lines are only read.
        self.editable = True

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("edit_line", "remove_line"):
            return self.editable
        return super().check_action(action, parameters)

    def show(self, rows: Sequence[list[Text]], cursor: int | None = None) -> None:
        self._rows = list(rows)
        if not self.columns:
            return  # the first resize adds the columns and these rows
        keep = self.cursor_row if cursor is None else cursor
        self.clear()
        self.add_rows(self._rows)
        if self._rows:
            self.move_cursor(row=max(0, min(keep, len(self._rows) - 1)), animate=False)

    def on_resize(self, event: Resize) -> None:
        if event.size.width == self._width:
            return
        self._width = event.size.width
        fixed = sum(width for _key, _title, width in _FIXED)
        padding = 2 * self.cell_padding * len(_ORDER)
        description = max(12, event.size.width - fixed - padding - 1)
        self.clear(columns=True)
        widths = {key: width for key, _title, width in _FIXED} | {"description": description}
        titles = {key: _(title) for key, title, _width in _FIXED} | {
            "description": _("Description")
        }
        for key in _ORDER:
            justify = "right" if key in _RIGHT else "left"
            self.add_column(
                Text(titles[key], justify=justify, no_wrap=True), width=widths[key], key=key
            )
        self.show(self._rows)

    def action_edit_line(self) -> None:
        if self._rows:
            self.post_message(self.EditLine(self.cursor_row))

    def action_remove_line(self) -> None:
        if self._rows:
            self.post_message(self.RemoveLine(self.cursor_row))


class LineEntry(Horizontal):
    """The entry row. Enter in any of its inputs commits the line (in the item input,
    Enter first takes the highlighted item); Esc abandons a line being edited."""

    BINDINGS = [Binding("escape", "abandon", N_("Abandon line"), show=False)]

    class Commit(Message):
        """The operator finished typing a line."""

    class Abandon(Message):
        """Esc in the entry row."""

    def __init__(self, currency: Callable[[], str]) -> None:
        super().__init__(id="entry")
        translate_bindings(self)
        self.item = PickerInput(
            "", ItemSource(currency), placeholder=_("Item code or name, or a text")
        )
        self.item.id = "entry-item"
        self.quantity = Input("1", placeholder=_("Qty"), compact=True, id="entry-quantity")
        self.unit_price = Input("", placeholder=_("Price"), compact=True, id="entry-price")
        self.discount = Input("", placeholder=_("Disc. %"), compact=True, id="entry-discount")
        self.vat_rate = Input("", placeholder=_("VAT %"), compact=True, id="entry-vat")

    def compose(self) -> ComposeResult:
        yield self.item
        yield self.quantity
        yield self.unit_price
        yield self.discount
        yield self.vat_rate

    @property
    def inputs(self) -> tuple[Input, ...]:
        return (self.item, self.quantity, self.unit_price, self.discount, self.vat_rate)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.post_message(self.Commit())

    def action_abandon(self) -> None:
        self.post_message(self.Abandon())

    def fill(self, line: LineInput, item_text: str) -> None:
        """Shows `line` for editing (`item_text`: how its item reads in the item input)."""
        self.item.set_value_quietly(item_text)
        self.quantity.value = line.quantity
        self.unit_price.value = line.unit_price
        self.discount.value = line.discount
        self.vat_rate.value = line.vat_rate

    def clear_line(self) -> None:
        self.fill(LineInput(), "")
        self.unit_price.placeholder = _("Price")
        self.discount.placeholder = _("Disc. %")
        self.vat_rate.placeholder = _("VAT %")
