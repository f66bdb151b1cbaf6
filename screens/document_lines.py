"""The lines of the document editor: the table of lines entered, and the entry row under
it where a line is typed (item by code or name, quantity, then optionally a price,
discount or VAT rate that override the pricing rules). Both only show and announce; the
editor prices lines and keeps them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Input

from models.document_records import DocumentLineRecord, LineInput
from models.i18n import N_, _
from models.totals import effective_rate
from screens.document_pickers import ItemSource, PickerInput
from screens.document_text import number_text, percent_text, price_text
from tui.widgets.sized_table import Column, SizedTable, cells
from tui.widgets.translated import translate_bindings

_COLUMNS = (
    Column("description", N_("Description")),
    Column("quantity", N_("Qty"), 9, right=True),
    Column("unit_price", N_("Price"), 9, right=True),
    Column("discount", N_("Disc."), 6, right=True),
    Column("vat_rate", N_("VAT"), 6, right=True),
    Column("net", N_("Net"), 10, right=True),
)


@dataclass(frozen=True)
class ShownLine:
    """A line as the table shows it: priced, or as typed with the reason it is not."""

    typed: LineInput
    priced: DocumentLineRecord | None
    error: str = ""


def line_cells(
    line: ShownLine, currency: str, treatment: str, net_text: Callable[[int], str]
) -> list[Text]:
    """The line's cells; its VAT is the rate it is taxed at under `treatment` (0 under an
    exemption, as the document prints it)."""
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
        return cells(values, _COLUMNS, "bold")
    description = p.description.replace("\n", " · ")
    values = {
        "description": f"{p.code} {description}" if p.code else description,
        "quantity": number_text(p.quantity) + (f" {p.unit}" if p.unit else ""),
        "unit_price": price_text(p.unit_price, currency),
        "discount": percent_text(p.discount) if p.discount else "",
        "vat_rate": percent_text(effective_rate(p.vat_rate, treatment)),
        "net": net_text(p.net),
    }
    return cells(values, _COLUMNS)


class LinesTable(SizedTable):
    """One row per line. Enter edits the highlighted line, Delete (or Backspace, which is
    what a Mac's delete key sends) removes it, Up on the first row goes back to the
    header. Ctrl+D is the editor's: it deletes an invoice draft."""

    BINDINGS = [
        Binding("enter", "edit_line", N_("Edit")),
        Binding("delete,backspace", "remove_line", N_("Remove")),
    ]

    class EditLine(Message):
        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

    class RemoveLine(Message):
        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

    COLUMNS = _COLUMNS
    MIN_WIDE = 12

    def __init__(self) -> None:
        super().__init__(id="lines")
        translate_bindings(self)
        # Off for a document that is no longer a draft: its lines are only read.
        self.editable = True

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("edit_line", "remove_line"):
            return self.editable
        return super().check_action(action, parameters)

    def action_edit_line(self) -> None:
        if self._cells:
            self.post_message(self.EditLine(self.cursor_row))

    def action_remove_line(self) -> None:
        if self._cells:
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
