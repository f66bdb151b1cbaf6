"""What the document editor does with an invoice besides editing it: issue it (Ctrl+E:
pending changes saved, then the confirmation, then the next number), delete a draft
(Ctrl+D, after a confirmation), and credit an issued one (Ctrl+K opens CreditNoteScreen).
Every service call runs in a worker; a refusal leaves the draft as it was saved and says
why at the field it names, or as a notice."""

from __future__ import annotations

from typing import Any

from textual import work

from models.customer_records import CustomerRecord
from models.customers import get_customer
from models.db import database
from models.document_records import DocumentRecord
from models.documents import get_document
from models.errors import ComptoirError, ConflictError, NotFound, ValidationError
from models.i18n import _
from screens.document_text import document_name, money_text
from tui.commands import PaletteCommand


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
        """What the confirmation needs: whether a rate must be typed, and the legal-terms
        warning. The company's identity is checked first: an invoice that would be
        refused for it is not offered to issue."""
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
        warning = warning_text(
            draft.date, draft.due_date, draft.customer_kind, settings.company_country,
            settings.end_of_month_reading,
        )
        self.app.call_from_thread(self._ask_issue, draft, base, rate_needed, warning)

    def _ask_issue(self, draft: DocumentRecord, base: str, rate_needed: bool, warning: str) -> None:
        from screens.issue_invoice import IssueInvoiceScreen

        def answered(rate: str | None) -> None:
            if rate is not None:
                self._issue(draft, rate)

        self.app.push_screen(IssueInvoiceScreen(draft, base, rate_needed, warning), answered)

    @work(thread=True, exclusive=True, group="invoice-issue")
    def _issue(self, draft: DocumentRecord, rate: str) -> None:
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
        was_prospect = draft.customer_status == "prospect"
        became_customer = was_prospect and customer.status != "prospect"
        self.app.call_from_thread(self._issued, issued, customer, became_customer)

    def _issued(
        self, issued: DocumentRecord, customer: CustomerRecord, became_customer: bool
    ) -> None:
        self._show_issued(issued, customer)
        message = _("Issued: {document} · {total}").format(
            document=document_name(issued), total=money_text(issued.totals.total, issued.currency)
        )
        if became_customer:
            message += " · " + _("{number} is now a customer.").format(number=issued.customer)
        self.notify(message, markup=False)

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

    # ---- keys, in the palette and the help ----------------------------------------------

    def invoice_help(self) -> str:
        if self.kind != "invoice":
            return ""
        return " " + _(
            "An empty due date follows the terms; an empty service date is the invoice's "
            "date. Ctrl+E issues the invoice (after a confirmation), Ctrl+D deletes a draft; "
            "an issued invoice is corrected by a credit note (Ctrl+K)."
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
        return [command for action, command in offered if self.check_action(action, ())]
