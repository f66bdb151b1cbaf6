"""What the document editor does with an invoice besides editing it: issue it (Ctrl+E:
pending changes saved, then the confirmation, then the next number, then the customer's
credit set against it when the operator left that ticked), delete a draft
(Ctrl+D, after a confirmation), credit an issued one (Ctrl+K opens CreditNoteScreen),
and say what paying it needs (the keys are screens.payment_marking's).
Every service call runs in a worker; a refusal leaves the draft as it was saved and says
why at the field it names, or as a notice."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from textual import work

from models.customer_records import CustomerRecord
from models.customers import get_customer
from models.db import database
from models.document_records import DocumentRecord
from models.documents import get_document
from models.errors import ComptoirError, ConflictError, NotFound, ValidationError
from models.i18n import _
from screens.document_text import document_name, money_text
from screens.payment_marking import Payable
from tui.commands import PaletteCommand

if TYPE_CHECKING:
    from models.credit_limit import OverLimit


@dataclass(frozen=True)
class CreditSettled:
    """The invoice just issued as it is now, the credit set against it (minor units), and
    why none was when applying it was refused ("" otherwise)."""

    invoice: DocumentRecord
    applied: int = 0
    refusal: str = ""


class InvoiceActions:
    """Mixed into DocumentEditorScreen, which provides `record`, `state`, `kind`,
    `read_only`, `changed`, `ready_to_save`, `_save`, `_head_error`, `_field_errors` and
    `_show_issued`."""

    record: DocumentRecord | None
    kind: str
    app: Any

    # ---- issuing ----------------------------------------------------------------------

    def action_issue(self) -> None:
        if self.read_only or self.kind != "invoice":
            return
        if not self.ready_to_save():
            return
        if self.record is None or self.changed:
            self._save(self.state.document_input(), self.record, then_issue=True)
        else:
            self._prepare_issue(self.record)

    @work(thread=True, exclusive=True, group="invoice-issue")
    def _prepare_issue(self, draft: DocumentRecord) -> None:
        """What the confirmation needs: whether a rate must be typed, the legal-terms
        warning, whether the invoice takes the customer over its credit limit, and the
        credit it could be settled with. The company's identity is checked first: an
        invoice that would be refused for it is not offered to issue."""
        from models.balances import available_credit
        from models.credit_limit import over_credit_limit
        from models.exchange_rates import rate_on
        from models.issuing import seller_of
        from models.settings import load_settings
        from screens.invoice_header import warning_text

        with database.connection_context():
            settings = load_settings()
            try:
                seller_of(settings)
            except ValidationError as exc:
                self.app.call_from_thread(self._issue_refused, exc.errors)
                return
            base = settings.company_currency
            rate_needed = draft.currency != base and rate_on(draft.currency, draft.date) is None
            customer = get_customer(draft.customer)
            total = draft.totals.total
            over_limit = over_credit_limit(customer, total, draft.currency)
            # Nothing to settle on an invoice of 0: the offer would only be refused.
            credit = available_credit(customer.id, draft.currency) if total > 0 else 0
        warning = warning_text(
            draft.date,
            draft.due_date,
            draft.customer_kind,
            settings.company_country,
            settings.end_of_month_reading,
        )
        self.app.call_from_thread(
            self._ask_issue, draft, base, rate_needed, warning, over_limit, credit
        )

    def _ask_issue(
        self,
        draft: DocumentRecord,
        base: str,
        rate_needed: bool,
        warning: str,
        over_limit: OverLimit | None,
        credit: int,
    ) -> None:
        from screens.issue_invoice import IssueAnswer, IssueInvoiceScreen

        def answered(answer: IssueAnswer | None) -> None:
            if answer is not None:
                self._issue(draft, answer.rate, answer.apply_credit)

        self.app.push_screen(
            IssueInvoiceScreen(draft, base, rate_needed, warning, over_limit, credit), answered
        )

    @work(thread=True, exclusive=True, group="invoice-issue")
    def _issue(self, draft: DocumentRecord, rate: str, with_credit: bool) -> None:
        from models.invoices import issue_invoice

        try:
            with database.connection_context():
                issued = issue_invoice(draft.id, self.app_operator, rate)
                customer = get_customer(issued.customer)
        except ValidationError as exc:
            self.app.call_from_thread(self._issue_refused, exc.errors)
            return
        except ComptoirError as exc:
            self.app.call_from_thread(self.notify, str(exc), severity="error", markup=False)
            return
        settled = self._settle_with_credit(issued) if with_credit else CreditSettled(issued)
        was_prospect = draft.customer_status == "prospect"
        became_customer = was_prospect and customer.status != "prospect"
        self.app.call_from_thread(self._issued, settled, customer, became_customer)

    def _settle_with_credit(self, issued: DocumentRecord) -> CreditSettled:
        """Applies the customer's credit to the invoice just issued, in a transaction of
        its own: when it is refused (the credit spent meanwhile by another operator), the
        invoice stays issued and the reason is told."""
        from models.payments import apply_credit

        try:
            with database.connection_context():
                applied = apply_credit(issued.number, self.app_operator)
                invoice = get_document(issued.id)
        except ComptoirError as exc:
            return CreditSettled(issued, refusal=str(exc))
        if not applied:
            refusal = _("the customer has no credit left in {currency}; someone may have "
                        "used it meanwhile.").format(currency=issued.currency)  # fmt: skip
            return CreditSettled(invoice, refusal=refusal)
        return CreditSettled(invoice, applied)

    def _issued(
        self, settled: CreditSettled, customer: CustomerRecord, became_customer: bool
    ) -> None:
        issued = settled.invoice
        self._show_issued(issued, customer)
        message = _("Issued: {document} · {total}").format(
            document=document_name(issued), total=money_text(issued.totals.total, issued.currency)
        )
        if settled.applied:
            message += " · " + _("{amount} of credit applied, {left} left to pay.").format(
                amount=money_text(settled.applied, issued.currency),
                left=money_text(issued.open_amount, issued.currency),
            )
        if became_customer:
            message += " · " + _("{number} is now a customer.").format(number=issued.customer)
        self.notify(message, markup=False)
        if settled.refusal:
            self.notify(
                _("The credit was not applied: {reason}").format(reason=settled.refusal),
                severity="warning",
                markup=False,
            )

    def _issue_refused(self, errors: dict[str, str]) -> None:
        """The company's identity is set in the settings; anything else is the
        invoice's own field (its date, mostly) and is named under the header."""
        settings = [reason for field, reason in errors.items() if field.startswith("settings.")]
        if settings:
            text = " ".join(dict.fromkeys(settings)) + " " + _("Set it in Settings (F9).")
            notice = _("Not issued: {reason}").format(reason=text)
        else:
            text = "; ".join(self._field_errors(errors))
            notice = _("Not issued: see what is marked ⚠.")
        self._head_error("⚠ " + text)
        if "date" in errors:
            self.query_one("#date").focus()
        self.notify(notice, severity="error", markup=False)

    # ---- deleting a draft ---------------------------------------------------------------

    def action_delete_draft(self) -> None:
        from screens.confirm import ConfirmScreen

        draft = self.record
        if draft is None or self.read_only:
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self._delete(draft)

        question = _("Delete {document}? It cannot be brought back.").format(
            document=document_name(draft)
        )
        self.app.push_screen(ConfirmScreen(question, _("Delete"), _("Keep it")), answered)

    @work(thread=True, exclusive=True, group="document-save")
    def _delete(self, draft: DocumentRecord) -> None:
        from models.invoices import delete_draft

        try:
            with database.connection_context():
                delete_draft(draft.id, draft.version)
        except (ConflictError, NotFound) as exc:
            self.app.call_from_thread(self.notify, str(exc), severity="error", markup=False)
            return
        self.app.call_from_thread(self._deleted, draft)

    def _deleted(self, draft: DocumentRecord) -> None:
        self.notify(_("Deleted: {document}.").format(document=document_name(draft)), markup=False)
        self.dismiss()

    # ---- crediting ----------------------------------------------------------------------

    def action_credit_note(self) -> None:
        from screens.credit_note import CreditNoteScreen

        invoice = self.record
        if invoice is None or invoice.kind != "invoice" or not invoice.is_issued:
            return

        def closed(number: str | None) -> None:
            if number:
                self._credited(invoice.id, number)

        self.app.push_screen(CreditNoteScreen(invoice.number), closed)

    @work(thread=True, exclusive=True, group="document-save")
    def _credited(self, invoice_id: int, number: str) -> None:
        with database.connection_context():
            invoice = get_document(invoice_id)
            customer = get_customer(invoice.customer)
        self.app.call_from_thread(self._show_credited, invoice, customer, number)

    def _show_credited(
        self, invoice: DocumentRecord, customer: CustomerRecord, number: str
    ) -> None:
        self._show_issued(invoice, customer)
        self.notify(
            _("Credit note {number} issued for {invoice}.").format(
                number=number, invoice=invoice.number
            ),
            markup=False,
        )

    # ---- paying it ----------------------------------------------------------------------

    def payable(self) -> Payable | None:
        invoice = self.record
        if invoice is None or self.kind != "invoice":
            return None
        return Payable(
            invoice.customer, invoice.number, invoice.kind, invoice.is_issued, invoice.open_amount
        )

    def payments_changed(self) -> None:
        if self.record is not None:
            self._read_again(self.record.id)

    @work(thread=True, exclusive=True, group="document-save")
    def _read_again(self, invoice_id: int) -> None:
        """The invoice and its customer as they are now: its open amount, its status."""
        with database.connection_context():
            invoice = get_document(invoice_id)
            customer = get_customer(invoice.customer)
        self.app.call_from_thread(self._show_issued, invoice, customer)

    # ---- keys, in the palette and the help ----------------------------------------------

    def invoice_help(self) -> str:
        if self.kind != "invoice":
            return ""
        return (
            " "
            + _(
                "An empty due date follows the terms; an empty service date is the invoice's "
                "date. Ctrl+E issues the invoice (after a confirmation), Ctrl+D deletes a draft; "
                "an issued invoice is corrected by a credit note (Ctrl+K)."
            )
            + " "
            + self.payment_help()
        )

    def _invoice_commands(self) -> list[PaletteCommand]:
        offered = [
            (
                "issue",
                PaletteCommand(
                    _("Issue the invoice"),
                    self.action_issue,
                    _("Give it its number; it can no longer change (Ctrl+E)"),
                ),
            ),
            (
                "delete_draft",
                PaletteCommand(
                    _("Delete the draft"),
                    self.action_delete_draft,
                    _("After a confirmation (Ctrl+D)"),
                ),
            ),
            (
                "credit_note",
                PaletteCommand(
                    _("Credit note"),
                    self.action_credit_note,
                    _("Credit the whole invoice, some lines or an amount (Ctrl+K)"),
                ),
            ),
        ]
        mine = [command for action, command in offered if self.check_action(action, ())]
        return mine + self.payment_commands()
