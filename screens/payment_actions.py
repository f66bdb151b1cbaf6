"""Small dialogs that act on the customer's ledger, for the payment detail and for any
screen holding a credit (a payment `#12` or a credit note's number): reverse a payment
(ReverseScreen), pay back a credit (RefundScreen); applying a credit to an invoice and
moving what it settled are in screens.payment_credit. Each calls its service in a
worker: a refused value is said under its field, a conflict (someone else got there
first) in a line of its own; the dialog then stays open. Ctrl+S confirms, Esc cancels;
each dismisses with what was done, or None."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Input, Label, Select, Static

from models import clock
from models.customers import get_customer
from models.db import database
from models.errors import ComptoirError, ValidationError
from models.i18n import N_, _
from models.ledger import Entry, open_credits, open_debits
from models.money import minor_to_text
from models.payment_lists import SettledInvoice, invoices_settled_by
from models.validation import PAYMENT_METHODS
from screens.customer_text import method_text
from screens.document_text import money_text
from tui.safe_text import display_safe
from tui.widgets.translated import TranslatedModal

Result = TypeVar("Result")
# Where a refusal that names no field of the dialog is said.
GENERAL = "general"


class LedgerActionScreen(TranslatedModal[Result | None]):
    """One dialog box: a title, rows of a label and a field, an error line under each,
    a general error line and the keys. Subclasses say which fields they have (`FIELDS`:
    the service's field name → the input's id) and build the service call."""

    CSS_PATH = "payments.tcss"
    BINDINGS = [
        # Priority: the inputs must not keep Ctrl+S.
        Binding("ctrl+s", "confirm", N_("Confirm"), priority=True),
        Binding("f2", "confirm", N_("Confirm"), show=False, priority=True),
        Binding("escape", "cancel", N_("Cancel")),
    ]
    FIELDS: dict[str, str] = {}

    def __init__(self) -> None:
        super().__init__()
        self.busy = False
        # False until what the dialog needs is read (the credit left, open invoices).
        self.ready = True

    @property
    def operator(self) -> str:
        return str(getattr(self.app, "operator", ""))

    def row(self, label: str, field: Widget, hint: str = "") -> ComposeResult:
        """A labelled field on one line, a hint after it, and its error line under it."""
        with Horizontal(classes="action-row"):
            yield Label(label, classes="action-label")
            yield field
            if hint:
                yield Static(Content.styled(hint, "dim"), classes="action-hint")
        yield self.error_line(str(field.id))

    @staticmethod
    def error_line(key: str) -> Static:
        return Static("", markup=False, id=f"error-{key}", classes="action-error")

    def keys_line(self, what: str) -> Static:
        return Static(Content.styled(_("Ctrl+S: {what} · Esc: back").format(what=what), "dim"),
                      classes="action-keys")  # fmt: skip

    def value(self, input_id: str) -> str:
        return self.query_one(f"#{input_id}", Input).value

    # ---- confirming -------------------------------------------------------------------

    def service_call(self) -> Callable[[], Result] | None:
        """What to ask the service, read from the fields now (on the screen's thread);
        None when there is nothing to ask (the reason already shown)."""
        raise NotImplementedError

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "confirm":
            return self.ready or None
        return True

    def action_confirm(self) -> None:
        if self.busy or not self.ready:
            return
        self.clear_errors()
        call = self.service_call()
        if call is None:
            return
        self.busy = True
        self._run(call)

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.action_confirm()

    @work(thread=True, exclusive=True, group="ledger-action")
    def _run(self, call: Callable[[], Result]) -> None:
        try:
            with database.connection_context():
                result = call()
        except ValidationError as exc:
            self.app.call_from_thread(self.refused, exc.errors)
            return
        except ComptoirError as exc:  # a conflict, or something gone meanwhile
            self.app.call_from_thread(self.refused, {GENERAL: str(exc)})
            return
        self.app.call_from_thread(self.dismiss, result)

    def refused(self, errors: dict[str, str]) -> None:
        """Each reason under its field (the first such field focused), the others in the
        general line."""
        self.busy = False
        first: Widget | None = None
        for field, reason in errors.items():
            key = self.FIELDS.get(field, GENERAL)
            self.set_error(key, reason)
            if key != GENERAL and first is None:
                first = self.query_one(f"#{key}")
        if first is not None:
            first.focus()

    def set_error(self, key: str, reason: str) -> None:
        error = self.query_one(f"#error-{key}", Static)
        shown = str(error.render()).strip()
        text = f"{shown} {reason}" if shown and key == GENERAL else "⚠ " + reason
        error.update(text)
        error.add_class("shown")

    def clear_errors(self) -> None:
        for error in self.query(".action-error").results(Static):
            error.update("")
            error.remove_class("shown")

    def action_cancel(self) -> None:
        self.dismiss(None)


class ReverseScreen(LedgerActionScreen[int]):
    """Reverses the payment or refund `reference` (`#12`): what it settled is open again
    and both entries stay in the account. Asks an optional reason and the date (today
    when empty). Dismisses with the reversal's id."""

    FIELDS = {"date": "reverse-date"}

    def __init__(self, reference: str, description: str = "") -> None:
        """`description` (shown literally) says what is reversed: amount, customer."""
        super().__init__()
        self.reference = reference
        self.description = description

    def compose(self) -> ComposeResult:
        with Vertical(classes="action-box"):
            title = _("Reverse {reference}?").format(reference=self.reference)
            yield Static(Content.styled(title, "bold"), classes="action-title")
            if self.description:
                yield Static(Content(display_safe(self.description)))
            yield Static(Content.styled(
                _("What it settled becomes open again; both entries stay in the account."),
                "dim"), classes="action-context")  # fmt: skip
            yield from self.row(_("Reason"), Input("", placeholder=_("optional"), compact=True,
                                                   id="reverse-reason"))  # fmt: skip
            yield from self.row(_("Date"), Input("", placeholder=clock.today().isoformat(),
                                                 compact=True, id="reverse-date"))  # fmt: skip
            yield self.error_line(GENERAL)
            yield self.keys_line(_("reverse"))

    def on_mount(self) -> None:
        self.query_one("#reverse-reason", Input).focus()

    def service_call(self) -> Callable[[], int]:
        from models.payments import reverse_payment

        reference, operator = self.reference, self.operator
        reason, date = self.value("reverse-reason"), self.value("reverse-date")
        return lambda: reverse_payment(reference, operator, date=date, reason=reason).id


@dataclass(frozen=True)
class CreditView:
    """What a dialog on a credit reads first: how much of it is left, the customer's
    open invoices in its currency (oldest due first) and the invoices it settled."""

    left: int
    open_invoices: tuple[Entry, ...]
    settled: tuple[SettledInvoice, ...]


def read_credit(source: str, customer: str, currency: str) -> CreditView:
    record = get_customer(customer)
    wanted = source.strip().upper()
    credit = next((e for e in open_credits(record.id, currency) if e.reference == wanted), None)
    invoices = tuple(e for e in open_debits(record.id, currency) if e.kind == "invoice")
    return CreditView(credit.open_amount if credit else 0, invoices,
                      tuple(invoices_settled_by(wanted)))  # fmt: skip


class CreditActionScreen(LedgerActionScreen[Result]):
    """A dialog on the credit `source` (a payment `#12`, a credit note's number) of
    `customer` in `currency`: it reads the credit first, in a worker, and is ready once
    it has (`show_credit`)."""

    def __init__(self, source: str, customer: str, currency: str) -> None:
        super().__init__()
        self.source = source.strip().upper()
        self.customer = customer
        self.currency = currency
        self.view = CreditView(0, (), ())
        self.ready = False

    def on_mount(self) -> None:
        self._read()

    @work(thread=True, exclusive=True, group="ledger-read")
    def _read(self) -> None:
        try:
            with database.connection_context():
                view = read_credit(self.source, self.customer, self.currency)
        except ComptoirError as exc:
            self.app.call_from_thread(self.refused, {GENERAL: str(exc)})
            return
        self.app.call_from_thread(self._read_done, view)

    def _read_done(self, view: CreditView) -> None:
        self.view = view
        self.ready = self.show_credit(view)
        if not self.ready:
            # Nothing to do: only the reason and the way back are left.
            for node in self.query(".action-row, .action-pick, .action-heading"):
                node.display = False
        self.refresh_bindings()

    def show_credit(self, view: CreditView) -> bool:
        """Shows what was read; False when there is nothing to do (and says why)."""
        raise NotImplementedError

    def money(self, minor: int) -> str:
        return money_text(minor, self.currency)

    def amount_or(self, input_id: str, default: int) -> str:
        """The amount typed, or `default` when none is: what the service is asked for."""
        typed = self.value(input_id).strip()
        return typed or minor_to_text(default, self.currency)


class RefundScreen(CreditActionScreen[int]):
    """Pays back part or all of what is left of the credit `source`: the amount (all of
    it when empty), the date, the method and the bank's or cheque's reference.
    Dismisses with the refund's id."""

    FIELDS = {"amount": "refund-amount", "date": "refund-date", "method": "refund-method"}

    def __init__(self, source: str, customer: str, currency: str, method: str = "") -> None:
        """`method`: the one offered first (the payment's), else a bank transfer, which
        is also how money taken by direct debit goes back."""
        super().__init__(source, customer, currency)
        refundable = method in PAYMENT_METHODS and method != "direct_debit"
        self.method = method if refundable else "transfer"

    def compose(self) -> ComposeResult:
        with Vertical(classes="action-box"):
            title = _("Refund from {source}").format(source=self.source)
            yield Static(Content.styled(title, "bold"), classes="action-title")
            yield Static(Content(_("Reading…")), id="refund-left", classes="action-context")
            yield from self.row(_("Amount"), Input("", compact=True, id="refund-amount"),
                                _("empty: all that is left"))  # fmt: skip
            yield from self.row(_("Date"), Input("", placeholder=clock.today().isoformat(),
                                                 compact=True, id="refund-date"))  # fmt: skip
            methods = [(Content(method_text(code)), code) for code in PAYMENT_METHODS]
            method = Select(methods, value=self.method, compact=True, allow_blank=False,
                            id="refund-method")  # fmt: skip
            yield from self.row(_("Method"), method)
            reference = Input("", placeholder=_("cheque or transfer"), compact=True,
                              id="refund-reference")  # fmt: skip
            yield from self.row(_("Reference"), reference)
            yield self.error_line(GENERAL)
            yield self.keys_line(_("pay back"))

    def show_credit(self, view: CreditView) -> bool:
        text = _("{customer} · credit left on {source}: {left}").format(
            customer=self.customer, source=self.source, left=self.money(view.left)
        )
        self.query_one("#refund-left", Static).update(Content(text))
        if view.left <= 0:
            self.set_error(GENERAL, _("Nothing is left of {source} to pay back.").format(
                source=self.source))  # fmt: skip
            return False
        amount = self.query_one("#refund-amount", Input)
        amount.placeholder = minor_to_text(view.left, self.currency)
        amount.focus()
        return True

    def service_call(self) -> Callable[[], int]:
        from models.payments import refund

        customer, operator, source, currency = (self.customer, self.operator, self.source,
                                                self.currency)  # fmt: skip
        amount = self.amount_or("refund-amount", self.view.left)
        date, reference = self.value("refund-date"), self.value("refund-reference")
        method = str(self.query_one("#refund-method", Select).value)
        return lambda: refund(
            customer, amount, operator, date=date, method=method, reference=reference,
            currency=currency, sources=[source],
        ).id  # fmt: skip
