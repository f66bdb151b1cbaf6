"""The item rules of the contract form: one row per item — its code (completed by code or
name as it is typed), the item's name, then a special price OR a discount in percent.
Ctrl+O adds a row, Ctrl+D removes the row holding the focus (the form owns those keys);
a refused value is explained on the line under its row."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Input, Static

from models.catalog import item_code
from models.contracts import ContractItemInput
from models.i18n import N_, _
from screens.document_pickers import ItemPicked, ItemSource
from tui.safe_text import display_safe
from tui.widgets.completion import CompletionInput
from tui.widgets.row_list import RowList

# The inputs of a row, which are also the keys of `items.N.<field>` errors.
RULE_FIELDS = (
    ("item", N_("Item")),
    ("unit_price", N_("Special price")),
    ("discount", N_("Discount")),
)


class ItemRuleRow(Vertical):
    DEFAULT_CSS = """
    ItemRuleRow { height: auto; width: 100%; }
    ItemRuleRow > .rule-inputs { height: 1; width: 100%; }
    ItemRuleRow > .rule-inputs > .rule-item { width: 28; margin-right: 1; }
    ItemRuleRow > .rule-inputs > .rule-name { width: 1fr; margin-right: 1; color: $text-muted; }
    ItemRuleRow > .rule-inputs > .rule-unit_price { width: 14; margin-right: 1; }
    ItemRuleRow > .rule-inputs > .rule-discount { width: 10; }
    ItemRuleRow > .rule-error { color: $text-error; }
    """

    def __init__(self, rule: ContractItemInput, name: str, source: ItemSource,
                 currency: str) -> None:  # fmt: skip
        """`name`: the item's, as it reads beside its code (empty until one is taken)."""
        super().__init__(classes="rule-row")
        self.rule = rule
        self.item_name = name
        self.source = source
        self.currency = currency
        # The code of the item whose name is shown beside it.
        self._named = item_code(rule.item) if name else ""

    def compose(self) -> ComposeResult:
        with Horizontal(classes="rule-inputs"):
            item = CompletionInput(self.rule.item, self.source, placeholder=_("Item code or name"))
            item.add_class("rule-item")
            yield item
            yield Static(Content(display_safe(self.item_name)), classes="rule-name")
            yield Input(
                self.rule.unit_price,
                compact=True,
                classes="rule-unit_price",
                placeholder=_("Price {currency}").format(currency=self.currency),
            )
            yield Input(self.rule.discount, compact=True, classes="rule-discount",
                        placeholder=_("or −%"))  # fmt: skip
        error = Static("", markup=False, classes="rule-error")
        error.display = False
        yield error

    def input(self, key: str) -> Input:
        return self.query_one(f".rule-{key}", Input)

    def value(self) -> ContractItemInput:
        return ContractItemInput(**{key: self.input(key).value for key, _label in RULE_FIELDS})

    def on_item_picked(self, message: ItemPicked) -> None:
        """An item taken from the list: its code in the box, its name beside it."""
        message.stop()
        self._named = message.item.code
        self.query_one(".rule-name", Static).update(Content(display_safe(message.item.name)))
        self.query_one(CompletionInput).set_value_quietly(message.item.code)

    def on_input_changed(self, event: Input.Changed) -> None:
        # A code typed over the one taken no longer names that item.
        if isinstance(event.input, CompletionInput) and item_code(event.value) != self._named:
            self._named = ""
            self.query_one(".rule-name", Static).update(Content(""))

    def set_errors(self, errors: dict[str, str]) -> None:
        labels = dict(RULE_FIELDS)
        text = "; ".join(
            _("{field}: {reason}").format(field=_(labels.get(key, key)), reason=reason)
            for key, reason in errors.items()
        )
        error = self.query_one(".rule-error", Static)
        error.update(text)
        error.display = bool(text)


class ItemRuleList(RowList[ItemRuleRow]):
    row_type = ItemRuleRow
    first_input = "item"
    DEFAULT_CSS = """
    ItemRuleList { height: auto; width: 100%; }
    ItemRuleList > .rows-empty { color: $text-muted; }
    ItemRuleList > .rules-error { color: $text-error; }
    """

    def __init__(
        self,
        rules: tuple[ContractItemInput, ...],
        names: dict[str, str],
        currency: str,
        company_currency: Callable[[], str],
    ) -> None:
        """`names`: item code → name, for the rules already in the contract."""
        super().__init__(id="item-rules")
        self.initial = rules
        self.names = names
        self.currency = currency
        # The list prices items as the catalog has them: in the company's currency.
        self.source = ItemSource(company_currency)

    def compose(self) -> ComposeResult:
        # For a refusal about the rules as a whole ("items").
        error = Static("", markup=False, classes="rules-error")
        error.display = False
        yield error
        yield Static(_("No item rule. Ctrl+O adds one."), classes="rows-empty")
        for rule in self.initial:
            yield self._row(rule)

    def _row(self, rule: ContractItemInput) -> ItemRuleRow:
        return ItemRuleRow(rule, self.names.get(rule.item, ""), self.source, self.currency)

    def blank_row(self) -> ItemRuleRow:
        return self._row(ContractItemInput(item=""))

    def filled_rows(self) -> list[ItemRuleRow]:
        """The rows with anything typed: an empty row is left out, not refused."""
        return [row for row in self.rows() if any(dataclasses.astuple(row.value()))]

    def set_error(self, text: str) -> None:
        error = self.query_one(".rules-error", Static)
        error.update(text)
        error.display = bool(text)

    def clear_errors(self) -> None:
        self.set_error("")
        for row in self.rows():
            row.set_errors({})
