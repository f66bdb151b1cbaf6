"""Invoices: a draft (unnumbered, editable, deletable) filled from its customer and
contract like a quote, with a due date from the terms; then issued once and for all
(models.issuing), after which only a credit note corrects it (models.credit_notes)."""

from __future__ import annotations

from dataclasses import replace

from models.db import write_txn
from models.document_records import DocumentInput, DocumentRecord
from models.document_tables import Document
from models.documents import (
    _check_tax_treatment,
    create_document,
    document_as_input,
    document_context,
    document_customer,
    find_document,
    get_document,
    prospect_becomes_customer,
    record_document_event,
    update_document,
)
from models.due_dates import due_date_warning
from models.errors import ConflictError, NotFound
from models.i18n import _
from models.issuing import issue
from models.settings import load_settings

INVOICE = "invoice"


def create_invoice(data: DocumentInput, operator: str) -> DocumentRecord:
    """A new invoice draft: no number until it is issued."""
    return create_document(INVOICE, data, operator)


def invoice_draft(reference: str) -> DocumentRecord:
    """An invoice draft by its id (`12` or `#12`), or an invoice by its number."""
    text = reference.strip().lstrip("#")
    if text.isdigit():
        try:
            found = get_document(int(text))
        except NotFound:
            found = None
        if found is not None and found.kind == INVOICE:
            return found
        raise NotFound(_("No invoice draft #{id}.").format(id=text))
    return find_document(INVOICE, reference)


def update_invoice(
    document_id: int, data: DocumentInput, expected_version: int, operator: str
) -> DocumentRecord:
    """Saves an edit of a draft; an issued invoice is refused (update_document)."""
    return update_document(document_id, data, expected_version, operator)


def delete_draft(document_id: int, expected_version: int) -> None:
    """Deletes an invoice draft (never an issued invoice, which the database refuses too)."""
    with write_txn():
        draft = get_document(document_id)
        if draft.kind != INVOICE or draft.stored_status != "draft":
            raise ConflictError(
                _("{document} is issued: only a credit note can cancel it.").format(
                    document=draft.reference_text
                )
            )
        if draft.version != expected_version:
            raise ConflictError(
                _("{document} was changed by {operator} after you opened it.").format(
                    document=draft.reference_text, operator=draft.updated_by
                )
            )
        Document.delete().where(Document.id == document_id).execute()


def issue_invoice(document_id: int, operator: str, exchange_rate: str = "") -> DocumentRecord:
    """Issues a draft under the next invoice number; the customer becomes a customer if it
    was a prospect. Returns the issued invoice."""
    with write_txn():
        draft = get_document(document_id)
        if draft.kind != INVOICE:
            raise NotFound(_("No invoice draft #{id}.").format(id=document_id))
        # The customer must still be one a document can name, and the tax treatment
        # still hold for the billing data as saved.
        document_customer(draft.customer)
        _check_tax_treatment(document_context(INVOICE, _as_input(draft)))
        number = issue(document_id, operator, exchange_rate)
        issued = get_document(document_id)
        record_document_event(issued, operator, "invoice_issued")
        prospect_becomes_customer(
            issued.customer, operator, _("invoice {number} issued").format(number=number)
        )
        return issued


def _as_input(record: DocumentRecord) -> DocumentInput:
    """The draft's header as saved, to check its tax treatment again at issue: the stored
    treatment, and no price list (the lines are priced already; a list retired since must
    not stop the issue)."""
    return replace(
        document_as_input(record), price_list="", tax_treatment=record.tax_treatment, lines=()
    )


def terms_warning(record: DocumentRecord) -> str:
    """The legal-terms warning for this invoice ("" when its due date is lawful)."""
    return due_date_warning(
        record.date, record.due_date, record.customer_kind, load_settings().company_country
    )
