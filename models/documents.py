"""Documents of every kind — quotes now, invoices and credit notes next — through one set
of services: a document is filled from its customer (billing data, terms, payment method,
price list, currency, language), its lines are priced by models.pricing and totalled by
models.totals, and it is stored with its lines in one transaction.

`DocumentContext` is what the editor prices lines with while the operator types; saving
prices every line again the same way, so the screen and the stored document agree.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

from models import clock
from models import validation as check
from models.catalog import ItemRecord, get_item, price
from models.customer_records import CustomerRecord
from models.customers import _record_event, get_customer
from models.db import write_txn
from models.document_records import (
    Billing,
    DocumentInput,
    DocumentLineRecord,
    DocumentRecord,
    LineInput,
    Seller,
)
from models.document_tables import Document, DocumentLine
from models.due_dates import due_from_terms
from models.errors import ConflictError, NotFound, ValidationError
from models.fields import QUANTITY_PLACES
from models.i18n import _
from models.money import minor_to_text
from models.price_lists import get_price_list, price_list_by_id
from models.pricing import FREE_TEXT, MANUAL, NO_PRICE, PriceBook
from models.receivables import allocated_amounts, status_of
from models.settings import Settings, load_settings
from models.tax_treatments import NEEDS_BOTH_VAT_NUMBERS, TREATMENTS
from models.totals import compute_totals, line_net
from models.vat_rates import checked_rate, list_rates

MAX_QUANTITY = Decimal("1000000")


def billing_from(customer: CustomerRecord) -> Billing:
    return Billing(
        customer.name,
        customer.street,
        customer.postal_code,
        customer.city,
        customer.country,
        customer.vat,
        customer.siren,
        customer.delivery_street,
        customer.delivery_postal_code,
        customer.delivery_city,
        customer.delivery_country,
    )


def document_customer(number: str) -> CustomerRecord:
    """The customer a document may be made for (a merged number leads to its survivor);
    an inactive or anonymised customer gets none."""
    customer = get_customer(number)
    if customer.anonymised_at is not None:
        raise ConflictError(
            _("{number} is anonymised: no new document can name it.").format(number=customer.number)
        )
    if not customer.is_active:
        raise ConflictError(
            _("{number} is inactive: reactivate it to make a document.").format(
                number=customer.number
            )
        )
    return customer


@dataclass(frozen=True)
class Header:
    """A document's validated header, everything but its lines."""

    date: dt.date
    valid_until: dt.date | None
    due_date: dt.date | None
    service_date: dt.date | None
    currency: str
    language: str
    price_list: tuple[int, str] | None
    terms: str
    payment_method: str
    reference: str
    notes: str
    billing: Billing


class DocumentContext:
    """Everything needed to price the lines of one document: the customer, its header and
    the price book (contract in force on the document's date, price list, currency)."""

    def __init__(
        self,
        kind: str,
        customer: CustomerRecord,
        header: Header,
        settings: Settings,
        tax_treatment: str | None,
    ) -> None:
        self.kind = kind
        self.customer = customer
        self.header = header
        self.settings = settings
        self.book = PriceBook(
            customer.id, header.date, header.currency, header.price_list, settings.company_currency
        )
        self.tax_treatment = tax_treatment or self.book.tax_treatment
        rates = list_rates(settings.company_country)
        self.standard_rate = rates[0].rate if rates else Decimal(0)

    def price_line(self, line: LineInput, index: int) -> DocumentLineRecord:
        """The line priced and checked; a ValidationError names `lines.INDEX.field`."""
        prefix = f"lines.{index}."
        errors: dict[str, str] = {}
        item = self._item(line, prefix, errors)
        quantity = _quantity(prefix + "quantity", line.quantity, errors)
        typed_price = _typed(lambda: price(prefix + "unit_price", line.unit_price), errors)
        typed_discount = _typed(
            lambda: check.percentage(prefix + "discount", line.discount), errors
        )
        typed_rate = None
        if line.vat_rate.strip():
            typed_rate = _typed(
                lambda: checked_rate(
                    prefix + "vat_rate", line.vat_rate, self.settings.company_country
                ),
                errors,
            )
        # An unknown item code is reported at `item` alone, not as a missing description.
        if not line.item.strip() and not line.description.strip():
            errors.setdefault(prefix + "description", _("Describe the line, or give an item."))
        if errors:
            raise ValidationError(errors)
        rule, detail = (MANUAL, "") if item is not None else (FREE_TEXT, "")
        unit_price, discount = typed_price, typed_discount
        if item is not None:
            pricing = self.book.price(item)
            if typed_price is None and typed_discount is None:
                rule, detail = pricing.rule, pricing.detail
            if unit_price is None:
                unit_price = pricing.unit_price
            if discount is None:
                discount = pricing.discount if typed_price is None else Decimal(0)
        if unit_price is None:
            raise ValidationError.single(
                prefix + "unit_price",
                _("No price for this item in {currency}: type one.").format(
                    currency=self.header.currency
                )
                if item is not None and rule == NO_PRICE
                else _("The price is required."),
            )
        discount = discount or Decimal(0)
        rate = (
            typed_rate
            if typed_rate is not None
            else (item.vat_rate if item is not None else self.standard_rate)
        )
        assert quantity is not None
        return DocumentLineRecord(
            item.id if item else None,
            item.code if item else "",
            line.description.strip() or _item_text(item),
            line.unit.strip() or (item.unit if item else ""),
            quantity,
            unit_price,
            discount,
            rate,
            line_net(quantity, unit_price, discount, self.header.currency),
            rule,
            detail,
        )

    def _item(self, line: LineInput, prefix: str, errors: dict[str, str]) -> ItemRecord | None:
        if not line.item.strip():
            return None
        try:
            item = get_item(line.item)
        except NotFound as exc:
            errors[prefix + "item"] = str(exc)
            return None
        if not item.active:
            errors[prefix + "item"] = _("{code} is no longer sold.").format(code=item.code)
        return item

    def price_lines(self, lines: Sequence[LineInput]) -> list[DocumentLineRecord]:
        """Every line priced; one ValidationError naming every bad field."""
        errors: dict[str, str] = {}
        priced = []
        for index, line in enumerate(lines):
            try:
                priced.append(self.price_line(line, index))
            except ValidationError as exc:
                errors.update(exc.errors)
        if not lines:
            errors["lines"] = _("A document needs at least one line.")
        if errors:
            raise ValidationError(errors)
        return priced


def line_as_input(line: DocumentLineRecord) -> LineInput:
    """A stored line as the operator would have typed it: a line priced by the rules
    comes back without price or discount, so it follows them again; one priced by hand
    keeps what was typed."""
    quantity = f"{line.quantity.normalize():f}"
    if line.rule in (MANUAL, FREE_TEXT) or not line.code:
        discount = f"{line.discount.normalize():f}" if line.discount else ""
        return LineInput(
            line.code,
            line.description if not line.code else "",
            quantity,
            line.unit,
            f"{line.unit_price.normalize():f}",
            discount,
            f"{line.vat_rate.normalize():f}",
        )
    return LineInput(line.code, "", quantity)


def document_as_input(record: DocumentRecord) -> DocumentInput:
    """A stored document as the operator would have typed it, to edit it again: its
    lines as line_as_input gives them, and its tax treatment left to the contract when a
    contract chose it (or when it is plain VAT)."""

    def day(value: dt.date | None) -> str:
        return value.isoformat() if value else ""

    chosen = None if record.contract_id or record.tax_treatment == "standard" else (
        record.tax_treatment)  # fmt: skip
    return DocumentInput(
        customer=record.customer, date=record.date.isoformat(),
        valid_until=day(record.valid_until), due_date=day(record.due_date),
        service_date=day(record.service_date), currency=record.currency,
        language=record.language, price_list=record.price_list, terms=record.terms,
        payment_method=record.payment_method, tax_treatment=chosen,
        reference=record.reference, notes=record.notes, billing=record.billing,
        lines=tuple(line_as_input(line) for line in record.lines),
    )  # fmt: skip


def _typed(parse: Any, errors: dict[str, str]) -> Any:
    try:
        return parse()
    except ValidationError as exc:
        errors.update(exc.errors)
        return None


def _quantity(field: str, text: str, errors: dict[str, str]) -> Decimal | None:
    try:
        value = check.decimal_number(field, text, QUANTITY_PLACES, -MAX_QUANTITY, MAX_QUANTITY)
    except ValidationError as exc:
        errors.update(exc.errors)
        return None
    if not value:
        errors[field] = _("A quantity other than 0.")
        return None
    return value


def _item_text(item: ItemRecord | None) -> str:
    if item is None:
        return ""
    return "\n".join(part for part in (item.name, item.description) if part)


def document_context(
    kind: str, data: DocumentInput, settings: Settings | None = None
) -> DocumentContext:
    """Validates the header of `data` against its customer's defaults; raises one
    ValidationError naming every bad header field."""
    settings = settings or load_settings()
    try:
        customer = document_customer(data.customer)
    except NotFound as exc:
        raise ValidationError.single("customer", str(exc)) from None
    header = _header(kind, data, customer, settings)
    treatment = data.tax_treatment
    if treatment is not None:
        treatment = check.choice("tax_treatment", treatment, TREATMENTS)
    return DocumentContext(kind, customer, header, settings, treatment)


def _header(kind: str, data: DocumentInput, customer: CustomerRecord, settings: Settings) -> Header:
    checks = check.FieldChecks()
    errors, run = checks.errors, checks.run
    date: dt.date = run("date", check.parse_date, data.date) or clock.today()
    valid_until = due_date = service_date = None
    if kind == "quote":
        valid_until = run("valid_until", check.parse_date, data.valid_until) or (
            date + dt.timedelta(days=settings.quote_validity)
        )
        if valid_until < date:
            errors["valid_until"] = _("The validity ends before the quote's date.")
    else:
        due_date = run("due_date", check.parse_date, data.due_date)
        if due_date is not None and due_date < date:
            errors["due_date"] = _("The due date comes before the document's date.")
        service_date = run("service_date", check.parse_date, data.service_date)
    currency = run("currency", check.currency, _or(data.currency, customer.currency))
    language = run("language", check.language, _or(data.language, customer.language))
    terms = run("terms", check.terms, _or(data.terms, customer.terms))
    if kind != "quote" and due_date is None and terms:
        # No due date typed: the terms say when (and follow the date if it changes).
        due_date = due_from_terms(terms, date, settings.end_of_month_reading)
    method = run(
        "payment_method", check.payment_method, _or(data.payment_method, customer.payment_method)
    )
    price_list = _price_list(data.price_list, customer, currency, errors)
    billing = _billing(data.billing or billing_from(customer), errors)
    if errors:
        raise ValidationError(errors)
    return Header(
        date,
        valid_until,
        due_date,
        service_date,
        currency,
        language,
        price_list,
        terms,
        method,
        data.reference.strip(),
        data.notes.strip(),
        billing,
    )


def _or(value: str | None, default: str) -> str:
    return default if value is None else value


def _price_list(
    name: str | None, customer: CustomerRecord, currency: str | None, errors: dict[str, str]
) -> tuple[int, str] | None:
    """The document's price list. One named for the document must be usable; the
    customer's default is simply left out when retired or in another currency."""
    default = name is None
    name = customer.price_list if name is None else name
    if not name.strip():
        return None
    try:
        record = get_price_list(name)
    except NotFound as exc:
        errors["price_list"] = str(exc)
        return None
    if not record.active:
        if default:
            return None
        errors["price_list"] = _("The price list {name} is no longer used.").format(
            name=record.name
        )
    elif currency and record.currency != currency:
        if default:
            return None
        errors["price_list"] = _(
            "The price list {name} is in {list}, the document in {document}."
        ).format(name=record.name, list=record.currency, document=currency)
    return record.id, record.name


def _billing(billing: Billing, errors: dict[str, str]) -> Billing:
    fields: dict[str, str] = {}
    for field, fn, args in (
        ("name", check.required, ()),
        ("country", check.country, ()),
        ("vat", check.vat_number, ()),
    ):
        try:
            fields[field] = fn(f"billing.{field}", getattr(billing, field), *args)
        except ValidationError as exc:
            errors.update(exc.errors)
    country = fields.get("country", billing.country)
    try:
        fields["postal_code"] = check.postcode("billing.postal_code", billing.postal_code, country)
    except ValidationError as exc:
        errors.update(exc.errors)
    return replace(billing, **fields)


def _check_tax_treatment(context: DocumentContext) -> None:
    """What a treatment other than standard VAT requires: both VAT numbers for a reverse
    charge or an intra-EU supply, a buyer in another EU state for the latter, a delivery
    outside the EU for an export."""
    treatment, billing = context.tax_treatment, context.header.billing
    errors = {}
    if treatment in NEEDS_BOTH_VAT_NUMBERS:
        if not billing.vat:
            errors["billing.vat"] = _("This tax treatment needs the customer's VAT number.")
        if not context.settings.company_vat:
            errors["tax_treatment"] = _("This tax treatment needs your own VAT number "
                                        "(Settings).")  # fmt: skip
    seller = context.settings.company_country
    if treatment == "intra-eu" and (not in_eu(billing.country) or billing.country == seller):
        errors["tax_treatment"] = _("An intra-EU supply goes to a customer in another EU "
                                    "country.")  # fmt: skip
    destination = billing.delivery_country or billing.country
    if treatment == "export" and in_eu(destination):
        errors["tax_treatment"] = _("An export is delivered outside the EU (check the "
                                    "delivery country).")  # fmt: skip
    if errors:
        raise ValidationError(errors)


def in_eu(country: str) -> bool:
    from stdnum.eu.vat import MEMBER_STATES

    # stdnum lists Greece as GR (its VAT prefix is EL): both name it.
    return country.lower() in MEMBER_STATES or country.upper() == "EL"


def _row_values(context: DocumentContext) -> dict[str, Any]:
    h, b = context.header, context.header.billing
    contract = context.book.contract
    return dict(
        customer=context.customer.id,
        date=h.date,
        valid_until=h.valid_until,
        due_date=h.due_date,
        service_date=h.service_date,
        currency=h.currency,
        language=h.language,
        price_list=h.price_list[0] if h.price_list else None,
        terms=h.terms,
        payment_method=h.payment_method,
        tax_treatment=context.tax_treatment,
        contract=contract.id if contract else None,
        billing_name=b.name,
        billing_street=b.street,
        billing_postal_code=b.postal_code,
        billing_city=b.city,
        billing_country=b.country,
        customer_vat=b.vat,
        customer_siren=b.siren,
        delivery_street=b.delivery_street,
        delivery_postal_code=b.delivery_postal_code,
        delivery_city=b.delivery_city,
        delivery_country=b.delivery_country,
        reference=h.reference,
        notes=h.notes,
    )


def write_lines(document_id: int, lines: Sequence[DocumentLineRecord]) -> None:
    DocumentLine.delete().where(DocumentLine.document == document_id).execute()
    for position, line in enumerate(lines):
        DocumentLine.create(
            document=document_id,
            position=position,
            item=line.item_id,
            code=line.code,
            description=line.description,
            unit=line.unit,
            quantity=line.quantity,
            unit_price=line.unit_price,
            discount=line.discount,
            vat_rate=line.vat_rate,
            net=line.net,
            rule=line.rule,
            rule_detail=line.rule_detail,
            credited_line=line.credited_line_id,
        )


def create_document(
    kind: str,
    data: DocumentInput,
    operator: str,
    *,
    number: str | None = None,
    source: int | None = None,
    lines: Sequence[DocumentLineRecord] | None = None,
) -> DocumentRecord:
    """Validates, prices and stores a new document (numbered `number` if given) with its
    lines; returns it. `lines` already priced (a quote made into an invoice keeps its
    prices) are stored as they are instead of `data.lines`."""
    with write_txn():
        context = document_context(kind, data)
        priced = list(lines) if lines is not None else context.price_lines(data.lines)
        _check_tax_treatment(context)
        now = clock.utc_now()
        row = Document.create(
            kind=kind,
            number=number,
            status="draft",
            source=source,
            version=1,
            created_at=now,
            created_by=operator,
            updated_at=now,
            updated_by=operator,
            **_row_values(context),
        )
        write_lines(row.id, priced)
        return get_document(row.id)


def update_document(
    document_id: int, data: DocumentInput, expected_version: int, operator: str
) -> DocumentRecord:
    """Saves an edit of a draft unless someone saved it since it was opened; the lines
    are priced again by today's rules for the document's date."""
    with write_txn():
        before = get_document(document_id)
        if before.stored_status != "draft":
            raise ConflictError(
                _("{document} is no longer a draft: it cannot change.").format(
                    document=before.reference_text
                )
            )
        if before.version != expected_version:
            raise ConflictError(
                _(
                    "{document} was changed by {operator} at {time} after you opened it; reopen "
                    "it to see their changes."
                ).format(
                    document=before.reference_text,
                    operator=before.updated_by,
                    time=_local(before.updated_at),
                )
            )
        context = document_context(before.kind, data)
        lines = context.price_lines(data.lines)
        _check_tax_treatment(context)
        Document.update(
            updated_at=clock.utc_now(),
            updated_by=operator,
            version=Document.version + 1,
            **_row_values(context),
        ).where(Document.id == document_id).execute()
        write_lines(document_id, lines)
        return get_document(document_id)


def _local(at: dt.datetime) -> str:
    return at.replace(tzinfo=dt.UTC).astimezone().strftime("%Y-%m-%d %H:%M")


def display_status(
    kind: str, stored: str, valid_until: dt.date | None, today: dt.date | None = None
) -> str:
    """What the operator reads: a quote still open past its validity is "expired"."""
    today = today or clock.today()
    if kind == "quote" and stored in ("draft", "sent") and valid_until and valid_until < today:
        return "expired"
    return stored


def get_document(document_id: int) -> DocumentRecord:
    row = Document.get_or_none(Document.id == document_id)
    if row is None:
        raise NotFound(_("No document #{id}.").format(id=document_id))
    return _record(row)


def find_document(kind: str, number: str) -> DocumentRecord:
    """The document of `kind` numbered `number` (case and spaces ignored)."""
    row = Document.get_or_none(
        (Document.kind == kind) & (Document.number == number.strip().upper())
    )
    if row is None:
        raise NotFound(_("No document {number}.").format(number=number.strip()))
    return _record(row)


def _record(row: Document) -> DocumentRecord:
    from models.contracts import get_contract
    from models.tables import Customer

    lines = tuple(
        DocumentLineRecord(
            r.item_id,
            r.code,
            r.description,
            r.unit,
            r.quantity,
            r.unit_price,
            r.discount,
            r.vat_rate,
            r.net,
            r.rule,
            r.rule_detail,
            r.id,
            r.credited_line_id,
        )
        for r in DocumentLine.select()
        .where(DocumentLine.document == row.id)
        .order_by(DocumentLine.position)
    )
    customer = Customer.get_by_id(row.customer_id)
    source_row = Document.get_by_id(row.source_id) if row.source_id else None
    derived = tuple(d.id for d in Document.select(Document.id).where(Document.source == row.id))
    contract = get_contract(row.contract_id).label if row.contract_id else ""
    price_list = price_list_by_id(row.price_list_id).name if row.price_list_id else ""
    billing = Billing(
        row.billing_name,
        row.billing_street,
        row.billing_postal_code,
        row.billing_city,
        row.billing_country,
        row.customer_vat,
        row.customer_siren,
        row.delivery_street,
        row.delivery_postal_code,
        row.delivery_city,
        row.delivery_country,
    )
    totals = compute_totals(
        ((line.net, line.vat_rate) for line in lines), row.tax_treatment, row.currency
    )
    allocated = allocated_amounts(row.kind, [row.id]).get(row.id, 0)
    if row.kind == "quote":
        status = display_status(row.kind, row.status, row.valid_until)
    else:
        status = status_of(row.kind, row.status, row.total, allocated, row.due_date, clock.today())
    return DocumentRecord(
        row.id,
        row.kind,
        row.number or "",
        status,
        row.status,
        customer.number,
        customer.status,
        row.date,
        row.valid_until,
        row.due_date,
        row.currency,
        row.language,
        price_list,
        row.terms,
        row.payment_method,
        row.tax_treatment,
        row.contract_id,
        contract,
        billing,
        row.reference,
        row.notes,
        source_row.number or "" if source_row else "",
        derived,
        lines,
        totals,
        row.version,
        row.created_at,
        row.created_by,
        row.updated_at,
        row.updated_by,
        row.service_date,
        row.issued_at,
        row.issued_by or "",
        row.customer_kind or customer.kind,
        Seller(**json.loads(row.seller)) if row.seller else None,
        row.exchange_rate,
        (row.total or 0) - allocated if row.status == "issued" else 0,
        source_row.date if source_row else None,
        row.hash,
    )


def total_text(record: DocumentRecord) -> str:
    """ "1234.50 EUR": the total with VAT, for the history and messages."""
    return f"{minor_to_text(record.totals.total, record.currency)} {record.currency}"


def record_document_event(
    record: DocumentRecord, operator: str, kind: str, summary: str = ""
) -> None:
    """An entry on the customer's timeline about this document."""
    customer_id = Document.get_by_id(record.id).customer_id
    text = summary or f"{record.reference_text} · {total_text(record)}"
    _record_event(customer_id, operator, kind, [], text)


def prospect_becomes_customer(number: str, operator: str, reason: str) -> None:
    """A prospect that accepts a quote or is invoiced is a customer from now on (recorded
    in its history with `reason`)."""
    from models.customer_records import FieldChange
    from models.customers import _reindex
    from models.tables import Customer

    customer = Customer.get(Customer.number == number)
    if customer.status != "prospect":
        return
    Customer.update(
        status="customer",
        updated_at=clock.utc_now(),
        updated_by=operator,
        version=Customer.version + 1,
    ).where(Customer.id == customer.id).execute()
    _record_event(
        customer.id, operator, "became_customer", [FieldChange("status", "prospect", "customer")],
        reason,
    )  # fmt: skip
    _reindex(customer.id)
