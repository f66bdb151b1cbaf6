"""Builds what a document prints (models.document_view) from a stored document: every
label in the document's language (the customer's, English for a language whose catalog
is not complete), every figure from models.totals, formatted for that language, and the
legal mentions the document must carry.

An issued invoice or credit note prints the seller as it was when it was issued (its
`seller` snapshot), never today's settings; quotes and drafts print the settings."""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal, InvalidOperation

from models import formatting as fmt
from models.document_records import Billing, DocumentLineRecord, DocumentRecord, Seller
from models.document_view import (
    DocumentView,
    LineColumns,
    Party,
    PaymentBlock,
    PaymentQR,
    TotalRow,
    VatRow,
    ViewLine,
)
from models.i18n import N_, document_language, translator
from models.payment_reference import AMOUNT_MAX, creditor_reference, epc_payload, formatted
from models.settings import Settings, load_settings
from models.tax_treatments import mention
from models.totals import effective_rate
from models.validation import METHOD_WORDS

Translate = Callable[[str], str]

_TITLES = {
    ("quote", False): N_("Quote"),
    ("invoice", False): N_("Invoice"),
    ("invoice", True): N_("Invoice draft"),
    ("credit_note", False): N_("Credit note"),
    ("credit_note", True): N_("Credit note draft"),
}
_TERMS = re.compile(r"^(\d{1,3})(d|eom)$")
# Code de commerce L441-10 and D441-5: the fixed indemnity a business customer owes for
# recovery costs when it pays late, printed as the amount itself.
RECOVERY_INDEMNITY_EUROS = 40


def document_view(record: DocumentRecord, settings: Settings | None = None) -> DocumentView:
    settings = settings or load_settings()
    language = document_language(record.language)
    tr = translator(language)
    # A quote is numbered when made and goes out as it is; an invoice is a draft until
    # it is issued (and numbered).
    draft = record.kind != "quote" and not record.number
    seller = printed_seller(record, settings)
    return DocumentView(
        kind=record.kind,
        language=language,
        title=tr(_TITLES[(record.kind, draft)]),
        number=record.number,
        meta=_meta(record, tr, language),
        seller=_seller(seller, tr, language, record.billing.country),
        buyer=_buyer(record.billing, tr, language, seller.country),
        delivery=_delivery(record.billing, tr, language, seller.country),
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
        mentions=_mentions(record, seller, tr, language),
        notes=record.notes,
        footer=_footer(seller, tr),
        page_label=tr(N_("Page {page} of {pages}")),
        draft_label=tr(N_("DRAFT")) if draft else "",
        logo_path=settings.company_logo,
        subtitle=_subtitle(record, tr, language),
        payment=_payment(record, seller, tr),
    )


def printed_seller(record: DocumentRecord, settings: Settings) -> Seller:
    """The seller a document prints: an issued document's snapshot, else the settings."""
    if record.is_issued and record.seller is not None:
        return record.seller
    return Seller.from_settings(settings)


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
    """The dated facts. An invoice or credit note also gives the date of the sale or
    service (CGI ann. II art. 242 nonies A), the issue date when none was typed; what a
    credit note's customer would pay with is not its business."""
    rows = [(tr(N_("Date")), fmt.date(record.date, language))]
    if record.kind != "quote":
        service = record.service_date or record.date
        rows.append((tr(N_("Date of sale or service")), fmt.date(service, language)))
    if record.valid_until is not None:
        rows.append((tr(N_("Valid until")), fmt.date(record.valid_until, language)))
    if record.due_date is not None:
        rows.append((tr(N_("Due date")), fmt.date(record.due_date, language)))
    rows.append((tr(N_("Customer number")), record.customer))
    if record.reference:
        rows.append((tr(N_("Your reference")), record.reference))
    if record.kind != "credit_note":
        rows.append((tr(N_("Payment terms")), terms_words(record.terms, tr)))
    if record.kind == "invoice":
        method = METHOD_WORDS.get(record.payment_method)
        rows.append((tr(N_("Payment method")), tr(method) if method else record.payment_method))
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


def _full_name(seller: Seller) -> str:
    return " ".join(p for p in (seller.name, seller.legal_form) if p)


def _seller(seller: Seller, tr: Translate, language: str, buyer_country: str) -> Party:
    """The seller's country prints only for a buyer abroad."""
    identifiers = []
    if seller.siren:
        identifiers.append(("KvK" if seller.country == "NL" else "SIREN", seller.siren))
    if seller.vat:
        identifiers.append((tr(N_("VAT number")), seller.vat))
    if seller.phone:
        identifiers.append((tr(N_("Phone")), seller.phone))
    if seller.email:
        identifiers.append((tr(N_("E-mail")), seller.email))
    address = _address(
        seller.street, seller.postal_code, seller.city, seller.country, language, buyer_country
    )
    return Party(_full_name(seller), address, tuple(identifiers))


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
    """The totals; an issued invoice of which part is already credited (or paid) then
    says what was settled and, emphasised instead of the total, the amount still due."""
    t, currency = record.totals, record.currency
    settled = t.total - record.open_amount
    partly = record.kind == "invoice" and record.is_issued and settled != 0
    rows = [
        TotalRow(tr(N_("Total excl. VAT")), fmt.money(t.net, currency, language)),
        TotalRow(tr(N_("Total VAT")), fmt.money(t.tax, currency, language)),
        TotalRow(tr(N_("Total incl. VAT")), fmt.money(t.total, currency, language), not partly),
    ]
    if partly:
        rows.append(TotalRow(tr(N_("Already paid or credited")),
                             fmt.money(-settled, currency, language)))  # fmt: skip
        rows.append(TotalRow(tr(N_("Amount due")),
                             fmt.money(record.open_amount, currency, language), True))  # fmt: skip
    return tuple(rows)


def _subtitle(record: DocumentRecord, tr: Translate, language: str) -> str:
    """A credit note names the invoice it corrects (CGI art. 289-I-5)."""
    if record.kind != "credit_note" or not record.source or record.source_date is None:
        return ""
    return tr(N_("Corrects invoice {number} of {date}")).format(
        number=record.source, date=fmt.date(record.source_date, language)
    )


def _mentions(
    record: DocumentRecord, seller: Seller, tr: Translate, language: str
) -> tuple[str, ...]:
    found = []
    legal = mention(record.tax_treatment, seller.country)
    if legal:
        found.append(tr(legal))
    if record.kind != "quote":
        found.extend(_payment_clauses(record, seller, tr, language))
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


def _payment_clauses(
    record: DocumentRecord, seller: Seller, tr: Translate, language: str
) -> list[str]:
    """What French law has every invoice (and so its credit notes) say about paying late
    or early (Code de commerce L441-9): the penalty rate, the recovery indemnity owed by
    a business customer only, and the early-payment discount or that there is none."""
    rate = seller.late_penalty_rate.strip()
    clauses = [
        tr(N_("Late payment penalties: {rate} per year")).format(rate=_rate(rate, language))
        if rate
        else tr(N_("Late payment penalties: ECB refinancing rate plus 10 percentage points"))
    ]
    if record.customer_kind == "company":
        amount = whole_money(RECOVERY_INDEMNITY_EUROS, "EUR", language)
        clauses.append(tr(N_("Fixed indemnity for recovery costs: {amount}")).format(amount=amount))
    discount = seller.early_payment_discount.strip()
    clauses.append(
        tr(N_("Early payment discount: {terms}")).format(terms=discount)
        if discount
        else tr(N_("Early payment discount: none"))
    )
    return clauses


def _rate(text: str, language: str) -> str:
    try:
        return fmt.percent(Decimal(text), language)
    except InvalidOperation:
        return text


def whole_money(units: int, currency: str, language: str) -> str:
    """A whole amount with its currency sign and no decimals, as the law states one:
    "40 €" in French, "€40" in English."""
    from babel import Locale, numbers

    locale = fmt.locale_for(language)
    pattern = Locale.parse(locale).currency_formats["standard"].pattern
    return str(numbers.format_currency(Decimal(units), currency, format=pattern.replace(".00", ""),
                                       locale=locale, currency_digits=False))  # fmt: skip


def _payment(record: DocumentRecord, seller: Seller, tr: Translate) -> PaymentBlock | None:
    """An invoice's bank details when the seller has an IBAN. An issued invoice in euros
    with something still due gets the EPC payment QR code for that amount, with the
    creditor reference of its number (no QR code when the number is too long to make
    one); otherwise the reference, if any, prints among the details."""
    if record.kind != "invoice" or not seller.iban:
        return None
    from stdnum import iban

    rows = [("IBAN", iban.format(seller.iban))]
    if seller.bic:
        rows.append(("BIC", seller.bic))
    reference = creditor_reference(record.number) if record.number else ""
    payable = record.is_issued and record.currency == "EUR" and 0 < record.open_amount
    if not (reference and payable and record.open_amount <= AMOUNT_MAX):
        if reference:
            rows.append((tr(N_("Payment reference")), formatted(reference)))
        return PaymentBlock(tr(N_("Bank details")), tuple(rows))
    payload = epc_payload(_full_name(seller), seller.iban, seller.bic, record.open_amount,
                          reference)  # fmt: skip
    qr = PaymentQR(
        payload,
        tr(N_("Pay by scanning")),
        tr(N_("Payment reference: {reference}")).format(reference=formatted(reference)),
    )
    return PaymentBlock(tr(N_("Bank details")), tuple(rows), qr)


def _footer(seller: Seller, tr: Translate) -> str:
    """The seller's legal line: name, legal form and capital, register, SIREN, VAT."""
    parts = [_full_name(seller)]
    if seller.capital:
        parts.append(tr(N_("capital {amount}")).format(amount=seller.capital))
    register = " ".join(p for p in (seller.registry, seller.siren) if p)
    if register:
        parts.append(register)
    if seller.vat:
        parts.append(tr(N_("VAT {number}")).format(number=seller.vat))
    return " · ".join(p for p in parts if p)
