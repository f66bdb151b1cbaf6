"""How documents read on screen: kinds, statuses, tax treatments and pricing rules in the
operator's language, amounts and dates formatted for it. Shared by the quote and invoice
lists, the document editor and the customer's Documents tab."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from models import formatting
from models.document_records import DocumentRecord, DocumentSummary
from models.i18n import N_, _, current_language
from models.ledger import ENTRY_KINDS
from models.tax_treatments import NAMES

KINDS = {"quote": N_("quote"), "invoice": N_("invoice"), "credit_note": N_("credit note")}
STATUSES = {
    "draft": N_("draft"),
    "sent": N_("sent"),
    "accepted": N_("accepted"),
    "declined": N_("declined"),
    "expired": N_("expired"),
    # Invoices and credit notes (models.receivables): derived from what was allocated to
    # them and their due date, never stored.
    "issued": N_("issued"),
    "open": N_("open"),
    "partial": N_("partly paid"),
    "overdue": N_("overdue"),
    "paid": N_("paid"),
    "unapplied": N_("credit left"),
    "applied": N_("applied"),
}


def kind_text(kind: str) -> str:
    return _(KINDS.get(kind, kind))


def entry_kind_text(kind: str) -> str:
    """A ledger entry's kind in words: payment, refund, reversal, invoice…"""
    return _(ENTRY_KINDS.get(kind, kind))


def status_text(status: str) -> str:
    return _(STATUSES.get(status, status))


def treatment_text(treatment: str) -> str:
    return _(NAMES.get(treatment, treatment))


def money_text(minor: int, currency: str) -> str:
    return formatting.money(minor, currency, current_language())


def price_text(value: Decimal, currency: str) -> str:
    return formatting.price(value, currency, current_language())


def number_text(value: Decimal) -> str:
    return formatting.number(value, current_language())


def percent_text(value: Decimal) -> str:
    return formatting.percent(value, current_language())


def date_text(day: dt.date | None) -> str:
    return formatting.date(day, current_language())


def document_name(document: DocumentRecord | DocumentSummary) -> str:
    """ "quote D-2026-00012", "invoice draft #41"."""
    if document.number:
        return f"{kind_text(document.kind)} {document.number}"
    return _("{kind} draft #{id}").format(kind=kind_text(document.kind), id=document.id)


def short_date_text(day: dt.date | None) -> str:
    return formatting.short_date(day, current_language())


def compact_date_text(day: dt.date | None) -> str:
    """A date in eight characters, for lists with many columns at 80: `14/03/26`."""
    if day is None:
        return ""
    return day.strftime("%d-%m-%y" if current_language() == "nl" else "%d/%m/%y")


def reference_text(document: DocumentRecord | DocumentSummary) -> str:
    """ "F-2026-00012", or "draft #41" for a document not numbered yet."""
    return document.number or _("draft #{id}").format(id=document.id)
