"""New and edit contract, from the customer detail's Contracts tab: name, validity
period (no end: open-ended), a discount on everything, a tax treatment with the legal
mention it will print (shown under it as it is chosen), notes, and the item rules (a
special price OR a discount per item; Ctrl+O adds one, Ctrl+D removes the one holding the
focus). Ctrl+S (or F2) saves; a refused value is explained at its field, a period that
overlaps another contract at "Valid from"; Esc asks before throwing changes away. Saving
over someone else's newer save is refused by the service: the form says so and keeps
everything typed."""

from __future__ import annotations

from decimal import Decimal

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Header, Select, Static

from models import clock
from models.contracts import (
    ContractInput,
    ContractItemInput,
    ContractRecord,
    add_contract,
    update_contract,
)
from models.customer_records import CustomerRecord
from models.errors import ConflictError, NotFound, ValidationError
from models.i18n import N_, _
from models.settings import load_settings
from models.tax_treatments import TREATMENTS, mention
from screens.contract_form_items import ItemRuleList, ItemRuleRow
from screens.document_text import treatment_text
from tui.commands import PaletteCommand
from tui.safe_text import display_safe
from tui.widgets.field import choice_select, text_area, text_input
from tui.widgets.footer import Footer
from tui.widgets.form import FieldFormScreen

LABELS = {
    "name": N_("Name"),
    "valid_from": N_("Valid from"),
    "valid_to": N_("Valid to"),
    "discount": N_("Discount on all"),
    "tax_treatment": N_("Tax treatment"),
    "notes": N_("Notes"),
    "items": N_("Item rules"),
}


def _plain(value: Decimal | None) -> str:
    """A stored price or percentage as the operator would type it again: `12.5`."""
    return "" if value is None else f"{value.normalize():f}"


def input_from_contract(contract: ContractRecord) -> ContractInput:
    return ContractInput(
        name=contract.name,
        valid_from=contract.valid_from.isoformat(),
        valid_to=contract.valid_to.isoformat() if contract.valid_to else "",
        discount=_plain(contract.discount),
        tax_treatment=contract.tax_treatment,
        notes=contract.notes,
        items=tuple(
            ContractItemInput(rule.code, _plain(rule.unit_price), _plain(rule.discount))
            for rule in contract.items
        ),
    )


class ContractFormScreen(FieldFormScreen[int | None]):
    """Dismisses with the saved contract's id, or None when left without saving."""

    CSS_PATH = "contract_form.tcss"
    BINDINGS = [
        # Ctrl+O and Ctrl+D reach every terminal; Alt chords and Ctrl+Enter do not over SSH.
        Binding("ctrl+o", "add_rule", N_("Add item"), priority=True),
        # Input binds ctrl+d to "delete right"; check_action hands it back outside the rules.
        Binding("ctrl+d", "remove_rule", N_("Remove item"), priority=True),
    ]

    def __init__(
        self, operator: str, customer: CustomerRecord, contract: ContractRecord | None = None
    ) -> None:
        super().__init__()
        self.operator = operator
        self.customer = customer
        self.contract = contract
        self.settings = load_settings()
        if contract is not None:
            self.start = input_from_contract(contract)
        else:
            self.start = ContractInput(valid_from=clock.today().isoformat())
        self.initial = self.start

    # ---- building -------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        data = self.start
        treatments = [(treatment_text(code), code) for code in TREATMENTS]
        label = {key: _(text) for key, text in LABELS.items()}
        yield Header()
        with VerticalScroll(id="form-body"):
            yield self.field("name", label["name"], text_input(data.name, _("optional")))
            yield self.field(
                "valid_from", label["valid_from"], text_input(data.valid_from, _("YYYY-MM-DD"))
            )
            yield self.field(
                "valid_to", label["valid_to"], text_input(data.valid_to, _("empty: open-ended"))
            )
            yield self.field(
                "discount", label["discount"], text_input(data.discount, _("% off every item"))
            )
            yield self.field("tax_treatment", label["tax_treatment"],
                             choice_select(treatments, data.tax_treatment))  # fmt: skip
            yield Static(Content(""), id="contract-mention")
            yield self.field("notes", label["notes"], text_area(data.notes))
            yield Static(Content(label["items"]), classes="form-section")
            names = {} if self.contract is None else {
                rule.code: rule.name for rule in self.contract.items}  # fmt: skip
            yield ItemRuleList(data.items, names, self.customer.currency,
                               lambda: self.settings.company_currency)  # fmt: skip
        yield Footer()

    def on_mount(self) -> None:
        who = f"{self.customer.number} {display_safe(self.customer.name)}"
        if self.contract is None:
            self.title = _("New contract — {customer}").format(customer=who)
        else:
            self.title = _("Edit contract — {customer}").format(customer=who)
        self._show_mention(self.start.tax_treatment)
        # What the widgets really hold (a TextArea may normalise line ends), so that
        # opening and leaving untouched never asks.
        self.initial = self.collect()
        self.fields["name"].focus_input()

    @on(Select.Changed)
    def _treatment_chosen(self, event: Select.Changed) -> None:
        if event.select is self.fields["tax_treatment"].widget:
            self._show_mention(str(event.value))

    def _show_mention(self, treatment: str) -> None:
        """The legal mention the documents will print, in the operator's language."""
        text = mention(treatment, self.settings.company_country) if treatment in TREATMENTS else ""
        shown = self.query_one("#contract-mention", Static)
        shown.update(Content(_("Prints: {mention}").format(mention=_(text)) if text else ""))
        shown.display = bool(text)

    # ---- reading --------------------------------------------------------------------

    def collect(self) -> ContractInput:
        values = {key: str(field.value) for key, field in self.fields.items()}
        rows = self.query_one(ItemRuleList).filled_rows()
        return ContractInput(**values, items=tuple(row.value() for row in rows))

    @property
    def changed(self) -> bool:
        return self.collect() != self.initial

    # ---- saving ---------------------------------------------------------------------

    def action_save(self) -> None:
        if self.contract is not None and not self.changed:
            self.dismiss(self.contract.id)  # nothing to record in the history
            return
        data = self.collect()
        rules = self.query_one(ItemRuleList)
        sent = rules.filled_rows()  # the rows the `items.N.…` errors count
        self.clear_errors()
        rules.clear_errors()
        try:
            if self.contract is None:
                saved = add_contract(self.customer.number, data, self.operator)
            else:
                saved = update_contract(self.contract.id, data, self.contract.version,
                                        self.operator)  # fmt: skip
        except ValidationError as exc:
            self._show_errors(exc.errors, sent)
            return
        except (ConflictError, NotFound) as exc:
            # Everything typed stays; the message may quote typed text.
            self.notify(str(exc), severity="error", timeout=10, markup=False)
            return
        self.notify(_("Contract saved."), markup=False)
        self.dismiss(saved.id)

    def _show_errors(self, errors: dict[str, str], sent: list[ItemRuleRow]) -> None:
        first = self.show_errors(errors)
        rules = self.query_one(ItemRuleList)
        for index, row in enumerate(sent):
            prefix = f"items.{index}."
            mine = {k[len(prefix) :]: v for k, v in errors.items() if k.startswith(prefix)}
            if mine:
                row.set_errors(mine)
                first = first or row.input(next(iter(mine)))
        # "Needs a price, a discount or a tax treatment" also comes when the only rule
        # typed was refused: then the rule's own reason says what to fix.
        if "items" in errors and not any(key.startswith("items.") for key in errors):
            rules.set_error(errors["items"])
            first = first or rules
        self.bring_to_operator(first)

    # ---- leaving --------------------------------------------------------------------

    def action_leave(self) -> None:
        self.leave_with(None, self.changed)

    # ---- item rules -----------------------------------------------------------------

    async def action_add_rule(self) -> None:
        row = await self.query_one(ItemRuleList).add_row()
        row.input("item").focus()
        # The new row has no size until the next refresh, so scroll to it only then.
        self.call_after_refresh(row.scroll_visible)

    async def action_remove_rule(self) -> None:
        rules = self.query_one(ItemRuleList)
        row = rules.row_of(self.focused)
        if row is None:
            return
        target = await rules.remove_row(row)
        if target is not None:
            target.focus()
        else:
            self.fields["notes"].focus_input()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "remove_rule":
            # False, not None: the key then goes on to the focused Input (delete right).
            return self.query_one(ItemRuleList).row_of(self.focused) is not None
        return True

    def palette_commands(self) -> list[PaletteCommand]:
        return [
            PaletteCommand(_("Save contract"), self.action_save, _("Save (Ctrl+S or F2)")),
            PaletteCommand(_("Add item rule"), self.action_add_rule,
                           _("A special price or discount on one item (Ctrl+O)")),
            PaletteCommand(_("Remove item rule"), self.action_remove_rule,
                           _("Remove the item rule you are in (Ctrl+D)")),
            PaletteCommand(_("Back"), self.action_leave, _("Leave, asking first (Esc)")),
        ]  # fmt: skip

    def help_text(self) -> str:
        return _(
            "A contract prices this customer's documents dated inside its period: a "
            "special price or a discount per item first, then the discount on everything. "
            "Leave Valid to empty for a contract with no end. Ctrl+O adds an item rule "
            "(type a code or a name, Tab takes the item offered), Ctrl+D removes the one "
            "you are in. Ctrl+S or F2 saves, Esc leaves."
        )
