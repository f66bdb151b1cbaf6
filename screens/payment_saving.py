"""Saving on the payment entry screen, and saying why it did not: the payment as the
service takes it (allocations None for the oldest-first spread, or the rows' amounts), the
refusals at their fields (an allocation's at its row), a conflict on the screen with the
open amounts read again, and the notice once recorded. Mixed into PaymentEntryScreen."""

from __future__ import annotations

from typing import Any

from textual import work
from textual.widgets import Input, Select, Static

from models.db import database
from models.errors import ComptoirError, ValidationError
from models.i18n import N_, _
from models.payment_records import PaymentRecord
from screens.payment_allocation import (
    AllocationRow,
    amount_text,
    automatic_plan,
    read_amount,
    read_rows,
    typed_parts,
    with_currency,
)
from screens.payment_customer import CustomerFacts

# Which error line shows each field the service may refuse, and the input it belongs to.
HEAD_FIELDS = {
    "amount": N_("Amount"),
    "date": N_("Date"),
    "currency": N_("Currency"),
    "exchange_rate": N_("Rate"),
}
MORE_FIELDS = {"method": N_("Method"), "reference": N_("Reference"), "note": N_("Note")}
INPUTS = {
    "amount": "#pay-amount",
    "date": "#pay-date",
    "currency": "#pay-currency",
    "exchange_rate": "#pay-rate",
    "method": "#pay-method",
    "reference": "#pay-reference",
    "note": "#pay-note",
}


class PaymentSaving:
    """Provided by the screen: `facts`, `manual`, `busy`, `errors`, `locked`,
    `invoice_number`, `rows`, `currency`, `customer_input`, `_target`, `_allocate`,
    `_apply_currency`, `_load`, `app_operator`, and Textual's own."""

    facts: CustomerFacts | None
    manual: bool
    busy: bool
    errors: dict[str, str]
    locked: bool
    invoice_number: str
    app: Any
    customer_input: Any
    app_operator: str

    def _value(self, key: str) -> str:
        widget = self.query_one(INPUTS[key])  # type: ignore[attr-defined]
        if isinstance(widget, Select):
            return "" if widget.value is Select.NULL else str(widget.value)
        assert isinstance(widget, Input)
        return str(widget.value)

    # ---- errors -----------------------------------------------------------------------

    def _show_errors(self, errors: dict[str, str]) -> None:
        self.errors.update(errors)
        self._render_errors()

    def _clear_error(self, key: str) -> None:
        if self.errors.pop(key, None) is not None:
            self._render_errors()

    def _render_errors(self) -> None:
        for line_id, fields in (
            ("#pay-head-error", HEAD_FIELDS),
            ("#pay-more-error", MORE_FIELDS),
        ):
            parts = [f"{_(fields[k])}: {v}" for k, v in self.errors.items() if k in fields]
            line = self.query_one(line_id, Static)
            line.update("⚠ " + " · ".join(parts) if parts else "")
            line.set_class(bool(parts), "shown")

    def _notice(self, text: str) -> None:
        notice = self.query_one("#pay-notice", Static)
        notice.update(text)
        notice.set_class(bool(text), "shown")

    # ---- saving -----------------------------------------------------------------------

    def action_save(self) -> None:
        if self.busy:
            return
        if self.facts is None:
            self.notify(_("Choose the customer first."), severity="warning", markup=False)
            if not self.locked:
                self.customer_input.focus()
            return
        if self._apply_currency():
            self.notify(_("The currency changed: check the open invoices, then save."),
                        severity="warning", markup=False)  # fmt: skip
            return
        self._notice("")
        rows, currency = self.rows, self.currency
        amount, _error = read_amount(self._value("amount"), currency)
        reading = read_rows(rows, amount)
        if reading.refused or "currency" in self.errors:
            self._allocate()
            self.notify(_("Nothing saved: see what is marked ⚠."), severity="error", markup=False)
            return
        allocations: list[tuple[str, str]] | None = None
        if self.manual:
            allocations = typed_parts(rows, [part or 0 for part in reading.parts])
        elif amount and self._target(self.facts.debits) is not None:
            plan = automatic_plan([row.entry for row in rows], amount, self.invoice_number)
            allocations = typed_parts(rows, plan)
        from models.payments import PaymentInput

        data = PaymentInput(
            self.facts.customer.number, self._value("amount"), date=self._value("date"),
            currency=currency, method=self._value("method"), reference=self._value("reference"),
            note=self._value("note"),
            exchange_rate=self._value("exchange_rate") if currency != self.facts.base else "",
            allocations=allocations,
        )  # fmt: skip
        by_reference = {row.entry.reference: row for row in rows}
        targets = [by_reference[reference] for reference, _part in allocations or ()]
        self.busy = True
        self._record(data, targets)

    @work(thread=True, exclusive=True, group="payment-save")
    def _record(self, data: Any, targets: list[AllocationRow]) -> None:
        from models.payments import record_payment

        try:
            with database.connection_context():
                record = record_payment(data, self.app_operator)
        except ValidationError as exc:
            self.app.call_from_thread(self._refused, exc.errors, targets)
        except ComptoirError as exc:
            # A ConflictError mostly (paid meanwhile); NotFound if the customer went.
            self.app.call_from_thread(self._conflict, str(exc))
        else:
            self.app.call_from_thread(self._recorded, record)

    def _refused(self, errors: dict[str, str], targets: list[AllocationRow]) -> None:
        self.busy = False
        first: Any = None
        for field, reason in errors.items():
            parts = field.split(".")
            if parts[0] == "allocations" and len(parts) == 3 and int(parts[1]) < len(targets):
                row = targets[int(parts[1])]
                row.refuse(reason)
                first = first or row.input
            elif field in INPUTS:
                first = first or self.query_one(INPUTS[field])
            else:
                self._notice("⚠ " + reason)
        self._show_errors({k: v for k, v in errors.items() if k in INPUTS})
        if first is not None:
            first.focus()
        self.notify(_("Nothing saved: see what is marked ⚠."), severity="error", markup=False)

    def _conflict(self, reason: str) -> None:
        """Someone else got there first: said on the screen, with the open amounts read
        again so that the operator sees what is left."""
        self.busy = False
        self._notice("⚠ " + _("Nothing saved: {reason}").format(reason=reason))
        self.notify(_("Nothing saved: the open invoices were read again."),
                    severity="error", markup=False)  # fmt: skip
        if self.facts is not None:
            self._load(self.facts.customer.number, self.currency, first=False)

    def _recorded(self, record: PaymentRecord) -> None:
        message = _("Payment {reference} recorded · {amount}").format(
            reference=record.reference_text, amount=with_currency(record.amount, record.currency)
        )
        if record.unallocated > 0:
            message += " · " + _("credit {amount}").format(
                amount=amount_text(record.unallocated, record.currency)
            )
        self.notify(message, markup=False)
        self.dismiss(record.id)
