"""The lines part of the document editor: the table of lines, what the highlighted line
says (which rule priced it, or why it is refused), and the entry row where a line is typed.
It prices lines through the editor's DraftState and tells the editor when they changed
(the totals follow), when a customer is needed first, and when Esc asks to leave."""

from __future__ import annotations

from collections.abc import Callable

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.events import DescendantFocus
from textual.message import Message
from textual.widgets import DataTable, Input, Static

from models.catalog import ItemRecord, get_item
from models.document_records import LineInput
from models.errors import NotFound, ValidationError
from models.i18n import _
from models.pricing import rule_text
from screens.document_draft import DraftState
from screens.document_lines import LineEntry, LinesTable, ShownLine, line_cells
from screens.document_pickers import ItemPicked
from screens.document_text import percent_text, price_text

# Where a service's field name of a line shows up in the entry row.
_LINE_FIELDS = {
    "item": "item",
    "description": "item",
    "quantity": "quantity",
    "unit_price": "unit_price",
    "discount": "discount",
    "vat_rate": "vat_rate",
}


class LinesEditor(Vertical):
    class Changed(Message):
        """The lines changed: the totals are to be shown again."""

    class CustomerNeeded(Message):
        """A line was typed before the customer was chosen."""

    class LeaveAsked(Message):
        """Esc in an empty entry row."""

    def __init__(self, state: DraftState, currency: Callable[[], str]) -> None:
        super().__init__(id="lines-editor")
        self.state = state
        self.entry = LineEntry(currency)
        self.editing: int | None = None
        self.entry_item: ItemRecord | None = None
        self.editable = True

    def compose(self) -> ComposeResult:
        yield LinesTable()
        yield Static(Content(""), id="line-info")
        with Vertical(id="entry-box"):
            yield self.entry

    @property
    def table(self) -> LinesTable:
        return self.query_one(LinesTable)

    def freeze(self) -> None:
        """A document no longer a draft: its lines are read, not typed."""
        self.editable = False
        for widget in self.entry.inputs:
            widget.disabled = True
        self.query_one("#entry-box").display = False
        self.table.editable = False
        self.table.focus()
        self.show_info()

    def show_lines(self, cursor: int | None = None) -> None:
        """Shows the state's lines, the cursor on `cursor` (else where it was)."""
        currency = self.state.header.currency

        def net(minor: int) -> str:
            from models import formatting
            from models.i18n import current_language

            return formatting.amount(minor, currency, current_language())

        treatment = self.state.treatment
        rows = [line_cells(line, currency, treatment, net) for line in self.state.lines]
        self.table.show(rows, cursor)
        self.post_message(self.Changed())
        self.show_info()

    def show_info(self, text: Content | None = None) -> None:
        info = self.query_one("#line-info", Static)
        if text is not None:
            info.update(text)
            return
        if self.editing is not None:
            info.update(
                Content.styled(
                    _("Editing line {n}: Enter keeps it, Esc abandons.").format(n=self.editing + 1),
                    "bold",
                )
            )
            return
        if self.table.has_focus and self.state.lines:
            info.update(
                self._line_rule(self.state.lines[self.table.cursor_row], self.table.cursor_row)
            )
            return
        if not self.editable:
            info.update(
                Content.styled(
                    _("This document is no longer a draft: it is shown, not edited."), "dim"
                )
            )
            return
        info.update(
            Content.styled(
                _("Item and quantity, Enter · or a text, then its price · Ctrl+L to the lines"),
                "dim",
            )
        )

    def _line_rule(self, line: ShownLine, index: int) -> Content:
        head = _("Line {n}").format(n=index + 1)
        if line.priced is None:
            return Content.assemble((f"{head} · ⚠ ", "bold"), line.error)
        rule = rule_text(line.priced.rule, line.priced.rule_detail)
        return Content.assemble((head, "bold"), " · ", _("priced by: {rule}").format(rule=rule))

    @on(DataTable.RowHighlighted, "#lines")
    def _row_highlighted(self) -> None:
        if self.editing is None:
            self.show_info()

    @on(ItemPicked)
    def _item_picked(self, message: ItemPicked) -> None:
        self.entry_item = message.item
        self.entry.item.set_value_quietly(f"{message.item.code}  {message.item.name}")
        self._preview_item(message.item)
        self.entry.quantity.focus()

    def _preview_item(self, item: ItemRecord) -> None:
        """Shows what the rules give the item, as placeholders: typing nothing keeps it."""
        if self.state.customer is None:
            return
        try:
            priced = self.state.price(LineInput(item.code), len(self.state.lines))
        except ValidationError as exc:
            self.show_info(Content("⚠ " + "; ".join(exc.errors.values())))
            return
        currency = self.state.header.currency
        self.entry.unit_price.placeholder = price_text(priced.unit_price, currency)
        self.entry.discount.placeholder = percent_text(priced.discount) if priced.discount else "—"
        self.entry.vat_rate.placeholder = percent_text(priced.vat_rate)
        rule = rule_text(priced.rule, priced.rule_detail)
        self.show_info(
            Content.assemble((item.code, "bold"), " · ", _("priced by: {rule}").format(rule=rule))
        )

    @on(Input.Changed, "#entry-item")
    def _item_typed(self, event: Input.Changed) -> None:
        chosen = self.entry_item
        if chosen is not None and event.value != f"{chosen.code}  {chosen.name}":
            self.entry_item = None

    @on(LineEntry.Commit)
    def _commit_line(self) -> None:
        if self.state.customer is None:
            self.post_message(self.CustomerNeeded())
            return
        e = self.entry
        text = e.item.value.strip()
        if not text and self.entry_item is None:
            return
        if self.entry_item is None and not e.unit_price.value.strip():
            exact = self._exact_item(text)
            if exact is None:
                # A text no item matches: a free-text line, which needs its price.
                self.show_info(
                    Content.styled(_("A free-text line: type its price excluding VAT."), "bold")
                )
                e.unit_price.focus()
                return
            self.entry_item = exact
        typed = LineInput(
            item=self.entry_item.code if self.entry_item else "",
            description="" if self.entry_item else text,
            quantity=e.quantity.value.strip() or "1",
            unit_price=e.unit_price.value.strip(),
            discount=e.discount.value.strip(),
            vat_rate=e.vat_rate.value.strip(),
        )
        try:
            index = self.state.put_line(self.editing, typed)
        except ValidationError as exc:
            self._refused_line(exc.errors)
            return
        self.editing = None
        self.entry_item = None
        e.clear_line()
        self.show_lines(cursor=index)
        e.item.focus()

    def _exact_item(self, text: str) -> ItemRecord | None:
        try:
            item = get_item(text)
        except NotFound:
            return None
        return item if item.active else None

    def _refused_line(self, errors: dict[str, str]) -> None:
        field = next(iter(errors)).rsplit(".", 1)[-1]
        self.show_info(Content.assemble(("⚠ ", "bold"), "; ".join(errors.values())))
        target = {
            "item": self.entry.item,
            "quantity": self.entry.quantity,
            "unit_price": self.entry.unit_price,
            "discount": self.entry.discount,
            "vat_rate": self.entry.vat_rate,
        }.get(_LINE_FIELDS.get(field, "item"))
        (target or self.entry.item).focus()

    @on(LineEntry.Abandon)
    def _abandon(self) -> None:
        typed = any(i.value.strip() for i in self.entry.inputs if i is not self.entry.quantity)
        if self.editing is None and not typed:
            self.post_message(self.LeaveAsked())
            return
        self.editing = None
        self.entry_item = None
        self.entry.clear_line()
        self.show_info()

    @on(LinesTable.EditLine)
    def _edit_line(self, message: LinesTable.EditLine) -> None:
        if not self.editable:
            return
        line = self.state.lines[message.index]
        self.editing = message.index
        self.entry_item = None
        text = line.typed.description
        if line.typed.item:
            try:
                self.entry_item = get_item(line.typed.item)
                text = f"{self.entry_item.code}  {self.entry_item.name}"
            except NotFound:
                text = line.typed.item
        self.entry.fill(line.typed, text)
        self.entry.quantity.focus()
        self.show_info()

    @on(LinesTable.RemoveLine)
    def _remove_line(self, message: LinesTable.RemoveLine) -> None:
        if not self.editable:
            return
        self.state.remove_line(message.index)
        self.show_lines(cursor=message.index)

    def focus_table(self) -> None:
        if self.state.lines:
            self.table.focus()

    def on_descendant_focus(self, event: DescendantFocus) -> None:
        # What the line under the cursor says follows the focus into and out of the table.
        if event.widget is self.table or self.editing is None:
            self.show_info()
