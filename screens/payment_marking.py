"""Paying an invoice from where it is shown (the invoice list, the editor of an issued
invoice): p records a payment for it in the payment entry screen; m marks it paid at once,
a payment of all it still asks, dated today, by the shop's default method; Ctrl+Z (or u)
undoes that mark-paid with a reversing entry, for as long as the screen is up and no
other mark-paid came since. Nothing is deleted: the payment and its reversal both stay in
the customer's account. Every service call runs in a worker."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from textual import work

from models.db import database
from models.errors import ComptoirError
from models.i18n import _
from models.ledger import payment_reference
from models.payment_records import PaymentRecord
from screens.payment_allocation import with_currency
from tui.commands import PaletteCommand


@dataclass(frozen=True)
class Payable:
    """The document in front, as far as paying it goes."""

    customer: str
    number: str  # "" for a draft
    kind: str
    issued: bool
    open_amount: int

    @property
    def owed(self) -> bool:
        return self.kind == "invoice" and self.issued and self.open_amount > 0


@dataclass(frozen=True)
class MarkedPaid:
    """The last mark-paid of this screen, which Ctrl+Z takes back."""

    payment_id: int
    number: str


class PaymentKeys:
    """Mixed into a screen that provides `payable()` (the document in front, or None)
    and `payments_changed()` (shows it again once paid or unpaid)."""

    app: Any
    app_operator: str
    marked: MarkedPaid | None = None

    def payable(self) -> Payable | None:
        raise NotImplementedError

    def payments_changed(self) -> None:
        raise NotImplementedError

    def payment_offered(self, action: str) -> bool | None:
        """check_action for the three keys; None for any other action."""
        if action in ("record_payment", "mark_paid"):
            payable = self.payable()
            return payable is not None and payable.owed
        if action == "undo_payment":
            return self.marked is not None
        return None

    def _owed(self) -> Payable | None:
        """The invoice in front if something is owed on it; else says why not."""
        payable = self.payable()
        if payable is None:
            return None
        if payable.owed:
            return payable
        name = payable.number or _("This draft")
        if payable.kind != "invoice":
            reason = _("{number} is a credit note: payments settle invoices.")
        elif not payable.issued:
            reason = _("{number} is not issued: nothing is owed on it yet.")
        else:
            reason = _("{number} is already paid.")
        self.notify(reason.format(number=name), severity="warning", markup=False)  # type: ignore[attr-defined]
        return None

    # ---- recording a payment ------------------------------------------------------------

    def action_record_payment(self) -> None:
        from screens.payment_entry import PaymentEntryScreen

        payable = self._owed()
        if payable is not None:
            screen = PaymentEntryScreen(payable.customer, invoice=payable.number)
            self.app.push_screen(screen, self._payment_closed)

    def _payment_closed(self, payment_id: int | None) -> None:
        if payment_id is not None:
            self.payments_changed()

    # ---- marking paid, and undoing it ---------------------------------------------------

    def action_mark_paid(self) -> None:
        payable = self._owed()
        if payable is not None:
            self._mark_paid(payable.number)

    @work(thread=True, exclusive=True, group="mark-paid")
    def _mark_paid(self, number: str) -> None:
        from models.payments import mark_paid

        try:
            with database.connection_context():
                record = mark_paid(number, self.app_operator)
        except ComptoirError as exc:
            # ConflictError: paid meanwhile, from another screen or by another operator.
            self.app.call_from_thread(self._payment_refused, str(exc))
            return
        self.app.call_from_thread(self._marked_paid, number, record)

    def _marked_paid(self, number: str, record: PaymentRecord) -> None:
        self.marked = MarkedPaid(record.id, number)
        self.notify(  # type: ignore[attr-defined]
            _("{number} marked paid · {amount} · Undo: Ctrl+Z").format(
                number=number, amount=with_currency(record.amount, record.currency)
            ),
            markup=False,
        )
        self.refresh_bindings()  # type: ignore[attr-defined]
        self.payments_changed()

    def _payment_refused(self, reason: str) -> None:
        self.notify(reason, severity="error", markup=False)  # type: ignore[attr-defined]
        self.payments_changed()

    def action_undo_payment(self) -> None:
        if self.marked is not None:
            self._undo(self.marked)

    @work(thread=True, exclusive=True, group="mark-paid")
    def _undo(self, marked: MarkedPaid) -> None:
        from models.payments import reverse_payment

        reference = payment_reference(marked.payment_id)
        try:
            with database.connection_context():
                reversal = reverse_payment(reference, self.app_operator, reason=_("undo"))
        except ComptoirError as exc:
            # Reversed already (from the payments list, say): nothing left to undo.
            self.app.call_from_thread(self._undone, marked, None, str(exc))
            return
        self.app.call_from_thread(self._undone, marked, reversal, "")

    def _undone(self, marked: MarkedPaid, reversal: PaymentRecord | None, reason: str) -> None:
        if self.marked == marked:
            self.marked = None
        if reversal is None:
            self.notify(reason, severity="error", markup=False)  # type: ignore[attr-defined]
        else:
            self.notify(  # type: ignore[attr-defined]
                _("Undone: payment {payment} reversed by {reversal}; {number} is owed again.")
                .format(payment=payment_reference(marked.payment_id),
                        reversal=reversal.reference_text, number=marked.number),
                markup=False,
            )  # fmt: skip
        self.refresh_bindings()  # type: ignore[attr-defined]
        self.payments_changed()

    # ---- in the palette and the help ------------------------------------------------

    def payment_commands(self) -> list[PaletteCommand]:
        offered = [
            ("record_payment", PaletteCommand(_("Record payment"), self.action_record_payment,
                                              _("Record a payment for this invoice, its open "
                                                "amount offered (p)"))),
            ("mark_paid", PaletteCommand(_("Mark paid"), self.action_mark_paid,
                                         _("Record a payment of all it still asks, today (m)"))),
            ("undo_payment", PaletteCommand(_("Undo mark paid"), self.action_undo_payment,
                                            _("Reverse the payment just recorded (Ctrl+Z)"))),
        ]  # fmt: skip
        return [command for action, command in offered if self.payment_offered(action)]

    @staticmethod
    def payment_help() -> str:
        return _(
            "p records a payment for the invoice; m marks it paid (a payment of all it "
            "still asks, today, by the default method) and Ctrl+Z undoes that with a "
            "reversal."
        )
