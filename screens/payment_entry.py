"""Recording money received from a customer. The customer (given, or found by typing),
the amount, date, currency, method, the bank's reference and a note; in another currency
than the company's, the exchange rate. Under them the customer's open invoices (and other
open debits) in that currency, oldest due first, each with the amount set against it and
what it still asks after.

The allocation follows the amount as it is typed, oldest due first (the invoice the screen
was opened for first); typing into a row switches to manual allocation, Ctrl+O goes back.
What is not allocated becomes the customer's credit, and the line at the bottom says so.
Ctrl+S records the payment (models.payments.record_payment), which checks everything again
inside its transaction: a refusal is shown at its field, a conflict (someone paid one of
these invoices meanwhile) on the screen with the open amounts read again. Esc leaves,
asking first when something was typed. Dismisses with the new payment's id, or None."""

from __future__ import annotations

from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.events import DescendantBlur
from textual.message import Message
from textual.widgets import Header, Input, Label, Select, Static

from models import clock
from models import validation as check
from models.customer_records import CustomerRecord
from models.db import database
from models.errors import ComptoirError, ValidationError
from models.i18n import N_, _
from models.ledger import Entry
from models.money import minor_to_text
from screens.customer_text import PAYMENT_METHODS
from screens.document_pickers import CustomerPicked, CustomerSource, PickerInput
from screens.payment_allocation import (
    AllocationInput,
    AllocationRow,
    allocation_head,
    automatic_plan,
    mode_text,
    over_text,
    read_amount,
    read_rows,
    summary_text,
)
from screens.payment_customer import CustomerFacts, customer_facts, facts_text
from screens.payment_saving import INPUTS, PaymentSaving
from tui.commands import PaletteCommand
from tui.safe_text import display_safe
from tui.widgets.footer import Footer
from tui.widgets.translated import TranslatedScreen


class PaymentEntryScreen(PaymentSaving, TranslatedScreen[int | None]):
    CSS_PATH = "payment_entry.tcss"
    BINDINGS = [
        Binding("ctrl+s", "save", N_("Save"), priority=True),
        # Some terminals (flow control, a few SSH clients) eat Ctrl+S.
        Binding("f2", "save", N_("Save"), show=False, priority=True),
        Binding("ctrl+o", "automatic", N_("Oldest first")),
        # Not priority: Esc first closes the method's list or the customer completions.
        Binding("escape", "leave", N_("Back")),
    ]

    class Loaded(Message):
        def __init__(self, facts: CustomerFacts, first: bool) -> None:
            super().__init__()
            self.facts = facts
            self.first = first

    def __init__(self, customer: str = "", invoice: str = "") -> None:
        """`customer`: the number of the customer who paid ("" = found on the screen);
        `invoice`: the invoice the payment is for, if one."""
        super().__init__()
        self.customer_number = customer.strip()
        self.invoice_number = invoice.strip().upper()
        self.locked = bool(self.customer_number)
        self.facts: CustomerFacts | None = None
        self.manual = False
        self.busy = False
        self.errors: dict[str, str] = {}
        self._initial: tuple[Any, ...] | None = None
        self._typed_early = False  # the amount, before the customer was read

    # ---- building ---------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        today = clock.today().isoformat()
        methods = [(Content(_(label)), code) for code, label in PAYMENT_METHODS]
        yield Header()
        with Vertical(id="pay-head"):
            with Horizontal(classes="pay-row"):
                yield Label(_("Customer"), classes="pay-label")
                if self.locked:
                    yield Static(Content(self.customer_number), id="pay-customer")
                else:
                    yield PickerInput("", CustomerSource(),
                                      placeholder=_("Number, name, postcode, phone…"))  # fmt: skip
            yield Static(Content(""), id="pay-summary")
            with Horizontal(classes="pay-row"):
                yield Label(_("Amount"), classes="pay-label")
                yield Input("", placeholder="0.00", compact=True, id="pay-amount")
                yield Label(_("Date"), classes="pay-label-inline")
                yield Input("", placeholder=today, compact=True, id="pay-date")
                yield Label(_("Currency"), classes="pay-label-inline")
                yield Input("", compact=True, max_length=3, id="pay-currency")
                yield Label(_("Rate"), classes="pay-label-inline", id="pay-rate-label")
                yield Input("", placeholder=_("of the day"), compact=True, id="pay-rate")
            yield Static("", markup=False, id="pay-head-error", classes="pay-error")
            with Horizontal(classes="pay-row"):
                yield Label(_("Method"), classes="pay-label")
                yield Select(methods, allow_blank=False, compact=True, id="pay-method")
                yield Label(_("Reference"), classes="pay-label-inline")
                yield Input("", placeholder=_("as on the bank statement"), compact=True,
                            id="pay-reference")  # fmt: skip
            with Horizontal(classes="pay-row"):
                yield Label(_("Note"), classes="pay-label")
                yield Input("", compact=True, id="pay-note")
            yield Static("", markup=False, id="pay-more-error", classes="pay-error")
        yield Static(Content(""), id="pay-mode")
        yield Static("", markup=False, id="pay-notice")
        yield from allocation_head()
        # Tab goes from one amount to the next, not to the list around them.
        yield VerticalScroll(id="allocations", can_focus=False)
        yield Static(Content(""), id="pay-total")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = _("Record a payment")
        self._show_rate()
        if self.locked:
            # Typing may start at once: what is typed before the load stays.
            self.query_one("#pay-amount", Input).focus()
            self._load(self.customer_number, "", first=True)
        else:
            self.customer_input.focus()
            self._show_facts()

    @property
    def customer_input(self) -> PickerInput:
        return self.query_one("#pay-head PickerInput", PickerInput)

    @property
    def rows(self) -> list[AllocationRow]:
        return list(self.query(AllocationRow))

    @property
    def currency(self) -> str:
        return self.facts.currency if self.facts else ""

    # ---- the customer and its open debits ---------------------------------------------

    @work(thread=True, exclusive=True, group="payment-load")
    def _load(self, number: str, currency: str, first: bool) -> None:
        """The customer, its balance and its open debits in `currency` (its own, or the
        invoice's when the screen was opened for one)."""
        try:
            with database.connection_context():
                wanted = self.invoice_number if first else ""
                facts = customer_facts(number, currency, wanted)
        except ComptoirError as exc:
            self.app.call_from_thread(self._not_loaded, str(exc))
            return
        self.post_message(self.Loaded(facts, first))

    def _not_loaded(self, reason: str) -> None:
        self.notify(reason, severity="error", markup=False)
        if self.locked and self.facts is None:
            self.dismiss(None)

    async def on_payment_entry_screen_loaded(self, message: Loaded) -> None:
        facts, first = message.facts, message.first
        kept = {row.entry.reference: row.input.value for row in self.rows} if self.manual else {}
        if first or facts.currency != self.currency:
            self.manual, kept = False, {}
        self.facts = facts
        if first:
            self._fill_defaults(facts)
        container = self.query_one("#allocations", VerticalScroll)
        await container.remove_children()
        await container.mount_all(
            [AllocationRow(i, e, kept.get(e.reference, "")) for i, e in enumerate(facts.debits)]
        )
        self.query_one("#allocation-head").display = bool(facts.debits)
        self._show_facts()
        self._show_rate()
        self._allocate()
        self.refresh_bindings()
        if first:
            self._initial = self._typed()
            if not self.locked:
                self.query_one("#pay-amount", Input).focus()

    def _fill_defaults(self, facts: CustomerFacts) -> None:
        customer = facts.customer
        if not self.locked:
            self.customer_input.set_value_quietly(f"{customer.number}  {customer.name}")
        else:
            self.query_one("#pay-customer", Static).update(
                Content.assemble((customer.number, "bold"), "  ", display_safe(customer.name))
            )
        self.query_one("#pay-currency", Input).value = facts.currency
        method = self.query_one("#pay-method", Select)
        if customer.payment_method in {code for code, _label in PAYMENT_METHODS}:
            method.value = customer.payment_method
        target = self._target(facts.debits)
        amount = self.query_one("#pay-amount", Input)
        self._typed_early = bool(amount.value.strip())
        if target is not None and not self._typed_early:
            amount.value = minor_to_text(target.open_amount, target.currency)
            # Selected, as focusing it would: typing replaces it.
            amount.select_all()
        elif facts.invoice_note:
            self._notice(facts.invoice_note)

    def _target(self, debits: list[Entry]) -> Entry | None:
        return next((e for e in debits if e.reference == self.invoice_number), None)

    def _show_facts(self) -> None:
        summary = self.query_one("#pay-summary", Static)
        if self.facts is None:
            summary.update(Content.styled(_("Type to find the customer; Enter takes it."), "dim"))
            return
        summary.update(facts_text(self.facts))

    @on(CustomerPicked)
    def _customer_picked(self, message: CustomerPicked) -> None:
        self._load(message.number, "", first=True)

    @on(Input.Submitted, "#pay-head PickerInput")
    def _customer_submitted(self, event: Input.Submitted) -> None:
        """Enter with nothing offered: the text found no customer."""
        chosen = self.facts.customer if self.facts else None
        if event.value.strip() and (chosen is None or event.value != self._customer_line()):
            text = display_safe(event.value.strip())
            self.query_one("#pay-summary", Static).update(Content.styled(
                _("No customer found for “{text}”: type less, or another word.").format(text=text),
                "bold"))  # fmt: skip

    def _customer_line(self) -> str:
        customer: CustomerRecord | None = self.facts.customer if self.facts else None
        return f"{customer.number}  {customer.name}" if customer else ""

    def on_descendant_blur(self, event: DescendantBlur) -> None:
        if getattr(event.widget, "id", None) == "pay-currency":
            self._apply_currency()
        elif not self.locked and event.widget is self.customer_input and self.facts:
            # Text typed over the customer and left without taking another: it stays.
            self.customer_input.set_value_quietly(self._customer_line())
            self._show_facts()

    @on(Input.Submitted, "#pay-currency")
    def _currency_submitted(self) -> None:
        self._apply_currency()
        self.focus_next()

    def _apply_currency(self) -> bool:
        """Reads the open debits again for a currency typed; True when one was."""
        if self.facts is None:
            return False
        typed = self._value("currency").strip().upper()
        try:
            code = check.currency("currency", typed or self.facts.customer.currency)
        except ValidationError as exc:
            self._show_errors(exc.errors)
            return False
        self._clear_error("currency")
        if code == self.currency:
            return False
        self._load(self.facts.customer.number, code, first=False)
        return True

    def _show_rate(self) -> None:
        other = bool(self.facts) and self.currency != (self.facts.base if self.facts else "")
        self.query_one("#pay-rate-label").display = other
        self.query_one("#pay-rate").display = other

    # ---- the allocation ---------------------------------------------------------------

    @on(Input.Changed, "#pay-amount")
    def _amount_typed(self) -> None:
        self._allocate()

    @on(Input.Changed, ".allocation-input")
    def _allocation_typed(self, event: Input.Changed) -> None:
        if isinstance(event.input, AllocationInput) and event.input.typed and not self.manual:
            self.manual = True
            self.refresh_bindings()
        self._allocate()

    @on(Input.Changed, "#pay-date, #pay-rate, #pay-reference, #pay-note")
    def _field_typed(self, event: Input.Changed) -> None:
        key = next(k for k, selector in INPUTS.items() if selector == f"#{event.input.id}")
        self._clear_error(key)

    def _allocate(self) -> None:
        """Spreads the amount over the rows (automatic), then shows what each leaves and
        the sum; refused amounts are marked where they are."""
        if self.facts is None:
            return
        currency, rows = self.currency, self.rows
        amount, error = read_amount(self._value("amount"), currency)
        if not self.manual and amount is not None:
            plan = automatic_plan([row.entry for row in rows], amount, self.invoice_number)
            for row, part in zip(rows, plan, strict=True):
                row.input.write(minor_to_text(part, currency) if part else "")
        reading = read_rows(rows, amount)
        for row, read, reason in zip(rows, reading.parts, reading.errors, strict=True):
            row.show(read, reason)
        self.errors.pop("amount", None)
        if error or reading.over:
            self.errors["amount"] = error or over_text(reading, currency)
        self._render_errors()
        self.query_one("#pay-total", Static).update(summary_text(reading, currency))
        self._show_mode()

    def _show_mode(self) -> None:
        facts = self.facts
        target = self._target(facts.debits) if facts else None
        self.query_one("#pay-mode", Static).update(
            mode_text(facts.currency, bool(facts.debits), self.manual, target)
            if facts
            else Content("")
        )

    def action_automatic(self) -> None:
        self.manual = False
        self.refresh_bindings()
        self._allocate()

    # ---- leaving ----------------------------------------------------------------------

    def _typed(self) -> tuple[Any, ...]:
        fields = tuple(self._value(key) for key in INPUTS)
        customer = self.facts.customer.number if self.facts else ""
        return (customer, fields, self.manual, tuple(row.input.value for row in self.rows))

    @property
    def changed(self) -> bool:
        if self._initial is None:
            return not self.locked and bool(self.customer_input.value.strip())
        return self._typed_early or self._typed() != self._initial

    def action_leave(self) -> None:
        from screens.confirm import ConfirmScreen

        if not self.changed:
            self.dismiss(None)
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self.dismiss(None)

        question = _("Leave without recording this payment?")
        self.app.push_screen(ConfirmScreen(question, _("Leave"), _("Keep typing")), answered)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "automatic":
            return self.manual
        return True

    def help_text(self) -> str:
        return _(
            "Type the amount received: it is set against the open invoices oldest due "
            "first, and what is left becomes the customer's credit. Type into a row to "
            "choose yourself (manual allocation); Ctrl+O spreads the amount oldest first "
            "again. The date is today unless typed; in another currency than the company's, "
            "the rate of the day applies unless one is typed. Ctrl+S records the payment, "
            "Esc leaves."
        )

    def palette_commands(self) -> list[PaletteCommand]:
        commands = [
            PaletteCommand(_("Save the payment"), self.action_save,
                           _("Record it, set against the invoices (Ctrl+S)")),
        ]  # fmt: skip
        if self.manual:
            commands.append(PaletteCommand(_("Oldest first"), self.action_automatic,
                                           _("Spread the amount over the oldest due invoices "
                                             "again (Ctrl+O)")))  # fmt: skip
        commands.append(PaletteCommand(_("Back"), self.action_leave, _("Leave (Esc)")))
        return commands
