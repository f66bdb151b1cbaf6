"""One payment, refund or reversal in full: every field, what it was set against (the
allocations, with the exchange difference of money in another currency), what is left
of it, and what reversed it or what it reverses. `x` reverses it, `r` pays back its
credit, `a` applies its credit to an open invoice, `m` moves what it settled onto another
invoice (the dialogs of screens.payment_actions and screens.payment_credit); the entry is
read again after each. Esc goes back."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.widgets import Header, Static

from models.db import database
from models.errors import ComptoirError
from models.i18n import N_, _
from models.ledger import payment_reference
from models.payment_records import AllocationLine, PaymentRecord, get_payment
from models.settings import load_settings
from screens.customer_text import local_time, method_text
from screens.document_text import date_text, entry_kind_text, money_text, short_date_text
from tui.commands import PaletteCommand
from tui.safe_text import display_safe
from tui.widgets.footer import Footer
from tui.widgets.sized_table import Column, SizedTable, cells
from tui.widgets.translated import TranslatedScreen

_LABEL_WIDTH = 15
_COLUMNS = (
    Column("against", N_("Against"), 16),
    Column("date", N_("Date"), 11),
    Column("amount", N_("Amount"), 12, right=True),
    Column("note", N_("Note")),
)
# Money in another currency set against invoices gains or loses on the exchange.
_FOREIGN = (*_COLUMNS[:3], Column("difference", N_("Exch. diff."), 11, right=True), _COLUMNS[3])
# What each action needs of the entry; False hides the key.
_ACTIONS = ("reverse", "refund", "apply", "move")


def _row(label: str, value: str | Content) -> Content:
    text = value if isinstance(value, Content) else Content(display_safe(value))
    return Content.assemble((label.ljust(_LABEL_WIDTH), "bold"), text)


def settled_invoices(record: PaymentRecord) -> dict[str, int]:
    """The invoices the entry still has something set against, net of what was taken
    back or moved: what `m` can move."""
    net: dict[str, int] = {}
    for line in record.allocations:
        if line.kind == "invoice":
            net[line.reference] = net.get(line.reference, 0) + line.amount
    return {number: amount for number, amount in net.items() if amount > 0}


def payment_card(record: PaymentRecord, base: str) -> Content:
    """Every field of the entry, as text shown literally."""
    cur = record.currency
    incoming = record.direction == "in"
    kind = entry_kind_text(record.kind)
    direction = _("money in") if incoming else _("money out")
    title = Content.assemble((f"{record.reference_text}  ", "bold"), (f"{kind} · {direction}",
                             "bold"))  # fmt: skip
    amount = money_text(record.amount, cur) + " · " + method_text(record.method)
    parts = [
        title,
        _row(_("Customer"), f"{record.customer} {record.customer_name}"),
        _row(_("Date"), date_text(record.date)),
        _row(_("Amount"), amount),
    ]
    if record.reference:
        parts.append(_row(_("Reference"), record.reference))
    if record.exchange_rate is not None:
        rate = _("1 {currency} = {rate} {base}").format(
            currency=cur, rate=f"{record.exchange_rate.normalize():f}", base=base)  # fmt: skip
        parts.append(_row(_("Rate"), rate))
    if record.note:
        parts.append(_row(_("Note"), record.note))
    if record.reversed_by is not None:
        text = _("✗ reversed by {reference}").format(
            reference=payment_reference(record.reversed_by))  # fmt: skip
        parts.append(_row(_("Reversal"), Content.styled(text, "bold")))
    if record.reverses is not None:
        text = _("reverses {reference}").format(reference=payment_reference(record.reverses))
        parts.append(_row(_("Reversal"), text))
    left = money_text(record.unallocated, cur)
    allocated = money_text(record.allocated, cur)
    if incoming:
        label, summary = _("Allocated"), _("{allocated} · credit left {left}")
    else:
        label, summary = _("Covered"), _("{allocated} · not covered {left}")
    parts.append(_row(label, summary.format(allocated=allocated, left=left)))
    if record.exchange_difference:
        parts.append(_row(_("Exch. diff."), _difference(record.exchange_difference, base)))
    recorded = _("{time} by {operator}").format(time=local_time(record.created_at),
                                                 operator=record.created_by)  # fmt: skip
    parts.append(_row(_("Recorded"), recorded))
    return Content("\n").join(parts)


def _difference(minor: int, base: str) -> str:
    if minor > 0:
        return _("gain {amount}").format(amount=money_text(minor, base))
    return _("loss {amount}").format(amount=money_text(-minor, base))


def _allocation_cells(line: AllocationLine, currency: str, base: str, columns: Any) -> list[Text]:
    against = line.reference
    if line.kind not in ("invoice", "credit_note"):
        against += f" {entry_kind_text(line.kind)}"
    values = {
        "against": against,
        "date": short_date_text(line.date),
        "amount": money_text(line.amount, currency),
        "difference": "" if line.exchange_difference is None else
        money_text(line.exchange_difference, base),
        "note": line.note,
    }  # fmt: skip
    return cells(values, columns)


class PaymentDetailScreen(TranslatedScreen[None]):
    CSS_PATH = "payments.tcss"
    BINDINGS = [
        Binding("x", "reverse", N_("Reverse")),
        Binding("r", "refund", N_("Refund")),
        Binding("a", "apply", N_("Apply credit")),
        Binding("m", "move", N_("Move")),
        Binding("escape", "back", N_("Back")),
    ]

    class Loaded(Message):
        def __init__(self, record: PaymentRecord, base: str) -> None:
            super().__init__()
            self.record = record
            self.base = base

    class Failed(Message):
        def __init__(self, reason: str) -> None:
            super().__init__()
            self.reason = reason

    def __init__(self, payment_id: int) -> None:
        super().__init__()
        self.payment_id = payment_id
        self.record: PaymentRecord | None = None
        self._leaving = False

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(Content(_("Reading…")), id="payment-card")
        yield Static(Content.styled(_("Allocations"), "bold underline"),
                     id="payment-allocations-title")  # fmt: skip
        yield SizedTable(id="payment-allocations", columns=_COLUMNS)
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = _("Payment {reference}").format(
            reference=payment_reference(self.payment_id))  # fmt: skip

    def on_screen_resume(self) -> None:
        """Read on opening, and again each time a dialog closes over it."""
        self.load()

    @work(thread=True, exclusive=True, group="payment-load")
    def load(self) -> None:
        try:
            with database.connection_context():
                record = get_payment(self.payment_id)
                base = load_settings().company_currency
        except ComptoirError as exc:
            self.post_message(self.Failed(str(exc)))
            return
        self.post_message(self.Loaded(record, base))

    def on_payment_detail_screen_loaded(self, message: Loaded) -> None:
        record, base = message.record, message.base
        self.record = record
        kind = entry_kind_text(record.kind)
        self.sub_title = f"{kind} {record.reference_text}"
        self.query_one("#payment-card", Static).update(payment_card(record, base))
        table = self.query_one("#payment-allocations", SizedTable)
        # In another currency, each invoice settled shows its gain or loss, even none.
        foreign = record.exchange_rate is not None
        columns = _FOREIGN if foreign else _COLUMNS
        table.set_columns(columns)
        table.show([_allocation_cells(line, record.currency, base, columns)
                    for line in record.allocations])  # fmt: skip
        self.query_one("#payment-allocations-title", Static).update(
            Content.styled(_("Allocations"), "bold underline") if record.allocations
            else Content.styled(_("Nothing allocated"), "dim"))  # fmt: skip
        self.refresh_bindings()

    def on_payment_detail_screen_failed(self, message: Failed) -> None:
        if not self._leaving:
            self._leaving = True
            self.notify(message.reason, severity="error", markup=False)
            self.dismiss()

    # ---- actions ----------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action not in _ACTIONS:
            return True
        record = self.record
        if record is None:
            return None
        if action == "reverse":
            return record.kind != "reversal" and record.reversed_by is None
        if record.direction != "in" or record.reversed_by is not None:
            return False
        if action == "move":
            return bool(settled_invoices(record))
        return record.unallocated > 0

    def _description(self, record: PaymentRecord) -> str:
        kind = entry_kind_text(record.kind)
        return _("{kind} of {amount} · {customer} {name} · {date}").format(
            kind=kind, amount=money_text(record.amount, record.currency),
            customer=record.customer, name=record.customer_name, date=date_text(record.date),
        )  # fmt: skip

    def action_reverse(self) -> None:
        from screens.payment_actions import ReverseScreen

        record = self.record
        if record is None or not self.check_action("reverse", ()):
            return

        def done(reversal: int | None) -> None:
            if reversal is not None:
                self.notify(_("{reference} reversed by {reversal}.").format(
                    reference=record.reference_text, reversal=payment_reference(reversal)),
                    markup=False)  # fmt: skip

        description = self._description(record)
        self.app.push_screen(ReverseScreen(record.reference_text, description), done)

    def action_refund(self) -> None:
        from screens.payment_actions import RefundScreen

        record = self.record
        if record is None or not self.check_action("refund", ()):
            return

        def done(refund: int | None) -> None:
            if refund is not None:
                self.notify(_("Refund {reference} recorded.").format(
                    reference=payment_reference(refund)), markup=False)  # fmt: skip

        screen = RefundScreen(record.reference_text, record.customer, record.currency,
                              record.method)  # fmt: skip
        self.app.push_screen(screen, done)

    def action_apply(self) -> None:
        from screens.payment_credit import ApplyCreditScreen

        record = self.record
        if record is None or not self.check_action("apply", ()):
            return
        screen = ApplyCreditScreen(record.reference_text, record.customer, record.currency)
        self.app.push_screen(screen, self._settled)

    def action_move(self) -> None:
        from screens.payment_credit import MoveAllocationScreen

        record = self.record
        if record is None or not self.check_action("move", ()):
            return
        screen = MoveAllocationScreen(record.reference_text, record.customer, record.currency)
        self.app.push_screen(screen, self._settled)

    def _settled(self, settled: Any) -> None:
        record = self.record
        if settled is None or record is None:
            return
        amount = money_text(settled.amount, record.currency)
        if settled.from_invoice:
            text = _("{amount} moved from {old} to {new}.").format(
                amount=amount, old=settled.from_invoice, new=settled.invoice)  # fmt: skip
        else:
            text = _("{amount} of {source} applied to {invoice}.").format(
                amount=amount, source=record.reference_text, invoice=settled.invoice)  # fmt: skip
        self.notify(text, markup=False)

    def action_back(self) -> None:
        if not self._leaving:
            self._leaving = True
            self.dismiss()

    def help_text(self) -> str:
        return _(
            "A payment, refund or reversal in full, and what it was set against. x reverses "
            "it (what it settled becomes open again; both entries stay); r pays back its "
            "credit left; a applies that credit to an open invoice; m moves what it settled "
            "on one invoice onto another. Esc goes back."
        )

    def palette_commands(self) -> list[PaletteCommand]:
        offered = [
            ("reverse", PaletteCommand(_("Reverse the payment"), self.action_reverse,
                                       _("Undo an entry made in error (x)"))),
            ("refund", PaletteCommand(_("Refund the credit"), self.action_refund,
                                      _("Pay back part or all of the credit left (r)"))),
            ("apply", PaletteCommand(_("Apply the credit"), self.action_apply,
                                     _("Set the credit left against an open invoice (a)"))),
            ("move", PaletteCommand(_("Move an allocation"), self.action_move,
                                    _("From one invoice onto another open invoice (m)"))),
        ]  # fmt: skip
        commands = [command for action, command in offered if self.check_action(action, ())]
        commands.append(PaletteCommand(_("Back"), self.action_back, _("Back (Esc)")))
        return commands
