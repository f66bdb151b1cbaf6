"""Quotes: numbered in their own series when made (`D-{year}-{seq:05}` by default), then
draft → sent → accepted or declined; one still open past its validity reads "expired".
Accepting a prospect's quote makes the prospect a customer (recorded in its history); an
accepted quote becomes an invoice draft with the same lines. Each step is an entry on
the customer's timeline."""

from __future__ import annotations

import datetime as dt

from models import clock
from models.db import write_txn
from models.document_records import DocumentInput, DocumentRecord
from models.document_tables import Document
from models.documents import (
    create_document,
    find_document,
    get_document,
    prospect_becomes_customer,
    record_document_event,
    update_document,
)
from models.errors import ConflictError
from models.i18n import _
from models.numbering import next_number
from models.settings import load_settings

QUOTE = "quote"
# Stored statuses; "expired" is derived (models.documents.display_status).
OPEN = ("draft", "sent")


def create_quote(data: DocumentInput, operator: str) -> DocumentRecord:
    """A new draft quote under the next number of the quote series."""
    with write_txn():
        settings = load_settings()
        # The number is taken inside the same transaction as the rows: a refused quote
        # gives it back, so the series has no holes.
        date = _date_of(data)
        number = next_number(QUOTE, settings.quote_number_pattern, date)
        record = create_document(QUOTE, data, operator, number=number)
        record_document_event(record, operator, "quote_created")
    return record


def _date_of(data: DocumentInput) -> dt.date:
    from models.validation import parse_date

    return parse_date("date", data.date) or clock.today()


def update_quote(
    number: str, data: DocumentInput, expected_version: int, operator: str
) -> DocumentRecord:
    """Saves an edit of a draft quote (a sent one is what the customer has: it stays)."""
    with write_txn():
        quote = find_document(QUOTE, number)
        return update_document(quote.id, data, expected_version, operator)


def send_quote(number: str, operator: str) -> DocumentRecord:
    """Marks a draft as sent to the customer: from now on it no longer changes."""
    with write_txn():
        quote = find_document(QUOTE, number)
        _refuse_unless(quote, ("draft",), _("Only a draft can be marked as sent."))
        if quote.status == "expired":
            raise ConflictError(
                _("{number} expired on {date}: give it a later validity date first.").format(
                    number=quote.number, date=quote.valid_until
                )
            )
        return _set_status(quote, "sent", operator, "quote_sent")


def accept_quote(number: str, operator: str) -> DocumentRecord:
    """The customer said yes. A prospect's accepted quote makes it a customer."""
    with write_txn():
        quote = find_document(QUOTE, number)
        if quote.status == "expired":
            raise ConflictError(
                _(
                    "{number} expired on {date}: make a new quote, or ask for a fresh one to be "
                    "accepted."
                ).format(number=quote.number, date=quote.valid_until)
            )
        _refuse_unless(quote, OPEN, _("Only a draft or sent quote can be accepted."))
        accepted = _set_status(quote, "accepted", operator, "quote_accepted")
        prospect_becomes_customer(
            quote.customer, operator, _("quote {number} accepted").format(number=quote.number)
        )
        return get_document(accepted.id)


def decline_quote(number: str, operator: str) -> DocumentRecord:
    """The customer said no (an expired quote may still be declined, for the record)."""
    with write_txn():
        quote = find_document(QUOTE, number)
        _refuse_unless(quote, OPEN, _("Only a draft or sent quote can be declined."))
        return _set_status(quote, "declined", operator, "quote_declined")


def quote_to_invoice(number: str, operator: str) -> DocumentRecord:
    """An invoice draft from an accepted quote: the same customer, billing data, terms and
    lines at the same prices, dated today. Returns the draft (unnumbered until issued)."""
    with write_txn():
        quote = find_document(QUOTE, number)
        if quote.stored_status != "accepted":
            raise ConflictError(
                _("{number} is not accepted: only an accepted quote becomes an invoice.").format(
                    number=quote.number
                )
            )
        if quote.derived:
            raise ConflictError(
                _("{number} was already made into invoice draft #{id}.").format(
                    number=quote.number, id=quote.derived[0]
                )
            )
        draft = create_document(
            "invoice", _same_document(quote), operator, source=quote.id, lines=quote.lines
        )
        # The lines keep the quote's prices: the draft names the contract that priced
        # them, not whichever is in force on the day it is made.
        Document.update(contract=quote.contract_id).where(Document.id == draft.id).execute()
        record_document_event(
            quote,
            operator,
            "quote_invoiced",
            _("{number} → invoice draft #{id}").format(number=quote.number, id=draft.id),
        )
        return get_document(draft.id)


def _same_document(quote: DocumentRecord) -> DocumentInput:
    """The quote's header as input (its lines are copied as they are, not repriced)."""
    return DocumentInput(
        customer=quote.customer,
        currency=quote.currency,
        language=quote.language,
        price_list=quote.price_list if _usable(quote.price_list, quote.currency) else "",
        terms=quote.terms,
        payment_method=quote.payment_method,
        tax_treatment=quote.tax_treatment,
        reference=quote.reference,
        notes=quote.notes,
        billing=quote.billing,
    )


def _usable(price_list: str, currency: str) -> bool:
    """Whether a quote's list can still name the invoice's (the lines are copied, not
    priced again: a list retired since only leaves the invoice without one)."""
    from models.errors import NotFound
    from models.price_lists import get_price_list

    if not price_list:
        return False
    try:
        found = get_price_list(price_list)
    except NotFound:
        return False
    return found.active and found.currency == currency


def _refuse_unless(quote: DocumentRecord, allowed: tuple[str, ...], reason: str) -> None:
    if quote.stored_status not in allowed:
        raise ConflictError(f"{quote.number}: {reason}")


def _set_status(quote: DocumentRecord, status: str, operator: str, event: str) -> DocumentRecord:
    Document.update(
        status=status, updated_at=clock.utc_now(), updated_by=operator, version=Document.version + 1
    ).where(Document.id == quote.id).execute()
    changed = get_document(quote.id)
    record_document_event(changed, operator, event)
    return changed
