"""Builds what a document prints (models.document_view) from a stored document: every
label in the document's language (the customer's, English for a language whose catalog
is not complete), every figure from models.totals, formatted for that language, and the
legal mentions the document must carry."""

from __future__ import annotations

import re
from collections.abc import Callable

from models import formatting as fmt
from models.document_records import Billing, DocumentLineRecord, DocumentRecord
from models.document_view import DocumentView, LineColumns, Party, TotalRow, VatRow, ViewLine
from models.i18n import N_, document_language, translator
from models.settings import Settings, load_settings
from models.tax_treatments import mention
from models.totals import effective_rate

Translate = Callable[[str], str]

_TITLES = {
    ("quote", False): N_("Quote"),
    ("invoice", False): N_("Invoice"),
    ("invoice", True): N_("Invoice draft"),
    ("credit_note", False): N_("Credit note"),
    ("credit_note", True): N_("Credit note draft"),
}
_TERMS = re.compile(r"^(\d{1,3})(d|eom)$")


def document_view(record: DocumentRecord, settings: Settings | None = None) -> DocumentView:
    settings = settings or load_settings()
    language = document_language(record.language)
    tr = translator(language)
    # A quote is numbered when made and goes out as it is; an invoice is a draft until
    # it is issued (and numbered).
    draft = record.kind != "quote" and not record.number
    return DocumentView(
        kind=record.kind,
        language=language,
        title=tr(_TITLES[(record.kind, draft)]),
        number=record.number,
        meta=_meta(record, tr, language),
        seller=_seller(settings, tr, language, record.billing.country),
        buyer=_buyer(record.billing, tr, language, settings.company_country),
        delivery=_delivery(record.billing, tr, language, settings.company_country),
        columns=LineColumns(
            description=tr(N_("Description")),
            quantity=tr(N_("Qty")),
            unit=tr(N_("Unit")),
            unit_price=tr(N_("Unit price excl. VAT")),
            discount=tr(N_("Discount")),
            vat_rate=tr(N_("VAT")),
            net=tr(N_("Net excl. VAT")),
        ),
        lines=tuple(_line(line, record, language) for line in record.lines),
        vat_columns=(tr(N_("VAT rate")), tr(N_("Taxable base")), tr(N_("VAT amount"))),
        vat_rows=tuple(
            VatRow(
                fmt.percent(group.rate, language),
                fmt.money(group.base, record.currency, language),
                fmt.money(group.vat, record.currency, language),
            )
            for group in record.totals.vat_groups
        ),
        totals=_totals(record, tr, language),
        mentions=_mentions(record, settings, tr, language),
        notes=record.notes,
        footer=_footer(settings, tr),
        page_label=tr(N_("Page {page} of {pages}")),
        draft_label=tr(N_("DRAFT")) if draft else "",
        logo_path=settings.company_logo,
    )


def terms_words(code: str, tr: Translate) -> str:
    """Payment terms in words: "30 days", "45 days end of month", "on receipt"."""
    if code == "receipt":
        return tr(N_("on receipt"))
    match = _TERMS.match(code)
    if match is None:
        return code
    days, unit = match.groups()
    if unit == "eom":
        return tr(N_("{days} days end of month")).format(days=days)
    return tr(N_("{days} days")).format(days=days)


def _meta(record: DocumentRecord, tr: Translate, language: str) -> tuple[tuple[str, str], ...]:
    rows = [(tr(N_("Date")), fmt.date(record.date, language))]
    if record.valid_until is not None:
        rows.append((tr(N_("Valid until")), fmt.date(record.valid_until, language)))
    if record.due_date is not None:
        rows.append((tr(N_("Due date")), fmt.date(record.due_date, language)))
    rows.append((tr(N_("Customer number")), record.customer))
    if record.reference:
        rows.append((tr(N_("Your reference")), record.reference))
    rows.append((tr(N_("Payment terms")), terms_words(record.terms, tr)))
    return tuple(rows)


def _country(code: str, language: str) -> str:
    from babel import Locale

    return str(Locale.parse(fmt.locale_for(language)).territories.get(code, code))


def _address(
    street: str, postal_code: str, city: str, country: str, language: str, home: str
) -> tuple[str, ...]:
    """Street lines, postcode and city, and the country when it is not the seller's."""
    lines = [part.strip() for part in street.splitlines() if part.strip()]
    place = " ".join(p for p in (postal_code, city) if p)
    if place:
        lines.append(place)
    if country and country != home:
        lines.append(_country(country, language))
    return tuple(lines)


def _seller(settings: Settings, tr: Translate, language: str, buyer_country: str) -> Party:
    """The seller's country prints only for a buyer abroad."""
    name = " ".join(p for p in (settings.company_name, settings.company_legal_form) if p)
    identifiers = []
    if settings.company_siren:
        label = "KvK" if settings.company_country == "NL" else "SIREN"
        identifiers.append((label, settings.company_siren))
    if settings.company_vat:
        identifiers.append((tr(N_("VAT number")), settings.company_vat))
    if settings.company_phone:
        identifiers.append((tr(N_("Phone")), settings.company_phone))
    if settings.company_email:
        identifiers.append((tr(N_("E-mail")), settings.company_email))
    address = _address(
        settings.company_street,
        settings.company_postal_code,
        settings.company_city,
        settings.company_country,
        language,
        buyer_country,
    )
    return Party(name, address, tuple(identifiers))


def _buyer(billing: Billing, tr: Translate, language: str, home: str) -> Party:
    identifiers = []
    if billing.siren:
        identifiers.append(("KvK" if billing.country == "NL" else "SIREN", billing.siren))
    if billing.vat:
        identifiers.append((tr(N_("VAT number")), billing.vat))
    address = _address(
        billing.street, billing.postal_code, billing.city, billing.country, language, home
    )
    return Party(billing.name, address, tuple(identifiers))


def _delivery(billing: Billing, tr: Translate, language: str, home: str) -> Party | None:
    if not (billing.delivery_street or billing.delivery_city):
        return None
    address = _address(
        billing.delivery_street,
        billing.delivery_postal_code,
        billing.delivery_city,
        billing.delivery_country or billing.country,
        language,
        home,
    )
    return Party(billing.name, address, heading=tr(N_("Delivery address")))


def _line(line: DocumentLineRecord, record: DocumentRecord, language: str) -> ViewLine:
    rate = effective_rate(line.vat_rate, record.tax_treatment)
    return ViewLine(
        description=line.description,
        quantity=fmt.number(line.quantity, language),
        unit=line.unit,
        unit_price=fmt.price(line.unit_price, record.currency, language),
        discount=fmt.percent(line.discount, language) if line.discount else "",
        vat_rate=fmt.percent(rate, language),
        net=fmt.amount(line.net, record.currency, language),
        code=line.code,
    )


def _totals(record: DocumentRecord, tr: Translate, language: str) -> tuple[TotalRow, ...]:
    t, currency = record.totals, record.currency
    return (
        TotalRow(tr(N_("Total excl. VAT")), fmt.money(t.net, currency, language)),
        TotalRow(tr(N_("Total VAT")), fmt.money(t.tax, currency, language)),
        TotalRow(tr(N_("Total incl. VAT")), fmt.money(t.total, currency, language), True),
    )


def _mentions(
    record: DocumentRecord, settings: Settings, tr: Translate, language: str
) -> tuple[str, ...]:
    found = []
    legal = mention(record.tax_treatment, settings.company_country)
    if legal:
        found.append(tr(legal))
    if record.kind == "quote" and record.valid_until is not None:
        found.append(
            tr(N_("This quote is valid until {date}.")).format(
                date=fmt.date(record.valid_until, language)
            )
        )
        found.append(
            tr(N_('Accepted as it stands — date, signature and the words "good for agreement":'))
        )
    return tuple(found)


def _footer(settings: Settings, tr: Translate) -> str:
    """The seller's legal line: name, legal form and capital, register, SIREN, VAT."""
    parts = [" ".join(p for p in (settings.company_name, settings.company_legal_form) if p)]
    if settings.company_capital:
        parts.append(tr(N_("capital {amount}")).format(amount=settings.company_capital))
    register = " ".join(p for p in (settings.company_registry, settings.company_siren) if p)
    if register:
        parts.append(register)
    if settings.company_vat:
        parts.append(tr(N_("VAT {number}")).format(number=settings.company_vat))
    return " · ".join(p for p in parts if p)
