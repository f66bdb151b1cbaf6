"""Issuing an invoice or a credit note: the one step that turns a draft into a document
the law keeps. Inside one write transaction (the lock is taken up front, so two operators
issuing at once queue instead of colliding) it

- checks the date keeps the series chronological and is not in the future,
- takes the next number of the kind's series (gap-free: a refusal gives it back),
- snapshots the seller's identity and clauses, the customer's kind, every total and the
  exchange rate into the row,
- chains the document's hash to the previous issued one,

and from then on the database's triggers (models.immutability) refuse any change."""

from __future__ import annotations

import dataclasses
import json

from models import clock
from models.db import write_txn
from models.document_records import Seller
from models.document_tables import Document, DocumentLine
from models.errors import ConflictError, ValidationError
from models.exchange_rates import document_rate
from models.hash_chain import hash_of, last_link
from models.i18n import _
from models.numbering import next_number
from models.settings import Settings, load_settings
from models.tables import Customer
from models.totals import compute_totals

SERIES_PATTERN = {
    "invoice": "invoice_number_pattern",
    "credit_note": "credit_note_number_pattern",
}


def seller_of(settings: Settings) -> Seller:
    """The seller as the settings describe it; a ValidationError names (as `settings.FIELD`)
    what an invoice cannot lawfully go without."""
    errors = {}
    needed = [("company_name", _("Your company's name is needed on an invoice.")),
              ("company_street", _("Your company's address is needed on an invoice.")),
              ("company_city", _("Your company's address is needed on an invoice."))]  # fmt: skip
    if settings.company_country == "FR":
        needed.append(("company_siren", _("A French invoice shows your SIREN.")))
    for field, message in needed:
        if not getattr(settings, field).strip():
            errors[f"settings.{field}"] = message
    if errors:
        raise ValidationError(errors)
    return Seller.from_settings(settings)


def issue(document_id: int, operator: str, exchange_rate: str = "") -> str:
    """Issues the draft `document_id` (an invoice or a credit note); returns its number.
    `exchange_rate` is a rate typed for this document (else the rates table's)."""
    with write_txn():
        row = Document.get_by_id(document_id)
        if row.status != "draft" or row.kind not in SERIES_PATTERN:
            raise ConflictError(
                _("{document} is already issued.").format(document=row.number or f"#{row.id}")
            )
        settings = load_settings()
        seller = seller_of(settings)
        _check_date(row)
        rate = document_rate(row.currency, settings.company_currency, row.date, exchange_rate)
        lines = DocumentLine.select(DocumentLine.net, DocumentLine.vat_rate).where(
            DocumentLine.document == document_id
        )
        totals = compute_totals(
            ((line.net, line.vat_rate) for line in lines), row.tax_treatment, row.currency
        )
        number = next_number(row.kind, getattr(settings, SERIES_PATTERN[row.kind]), row.date)
        position, previous = last_link()
        now = clock.utc_now()
        Document.update(
            number=number,
            service_date=row.service_date or row.date,
            issued_at=now,
            issued_by=operator,
            customer_kind=Customer.get_by_id(row.customer_id).kind,
            seller=json.dumps(dataclasses.asdict(seller), ensure_ascii=False, sort_keys=True),
            total_excl=totals.net,
            total_tax=totals.tax,
            total=totals.total,
            exchange_rate=rate,
            chain_position=position + 1,
            updated_at=now,
            updated_by=operator,
            version=Document.version + 1,
        ).where(Document.id == document_id).execute()
        # The hash covers the row as stored, so it is computed from what was just written;
        # setting "issued" with it is the last change the row accepts.
        Document.update(status="issued", hash=hash_of(document_id, previous)).where(
            Document.id == document_id
        ).execute()
        return number


def _check_date(row: Document) -> None:
    """Numbering is chronological: no document of the series dated before the last one
    issued, and none dated after today."""
    today = clock.today()
    if row.date > today:
        raise ValidationError.single(
            "date",
            _("A document is issued on or before today ({today}).").format(today=today.isoformat()),
        )
    newest = (
        Document.select(Document.date)
        .where((Document.kind == row.kind) & (Document.status == "issued"))
        .order_by(Document.date.desc())
        .first()
    )
    last = newest.date if newest else None
    if last is not None and row.date < last:
        raise ValidationError.single(
            "date",
            _(
                "The last one was issued on {date}: numbering is chronological, date this one "
                "on or after it."
            ).format(date=last.isoformat()),  # fmt: skip
        )
