"""What the document services take in and hand out: frozen dataclasses, never Peewee
rows. Input is text as typed (form, CLI); records hold exact values and their totals."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

from models.totals import Totals

if TYPE_CHECKING:
    from models.settings import Settings

KINDS = ("quote", "invoice", "credit_note")


@dataclass(frozen=True)
class LineInput:
    """A line as typed. `item` is an item code, "" for a free-text line. An empty price,
    discount, VAT rate, description or unit is taken from the item and the pricing rules;
    a price or discount typed here overrides them (the line then says "typed by hand")."""

    item: str = ""
    description: str = ""
    quantity: str = "1"
    unit: str = ""
    unit_price: str = ""
    discount: str = ""
    vat_rate: str = ""


@dataclass(frozen=True)
class Billing:
    """Who the document is addressed to: copied from the customer, overridable."""

    name: str
    street: str = ""
    postal_code: str = ""
    city: str = ""
    country: str = ""
    vat: str = ""
    siren: str = ""
    delivery_street: str = ""
    delivery_postal_code: str = ""
    delivery_city: str = ""
    delivery_country: str = ""


@dataclass(frozen=True)
class DocumentInput:
    """A document as typed. None means "the customer's default" (currency, language,
    price list, terms, payment method, billing data), or the contract's tax treatment;
    an empty `price_list` means none. Empty dates: today, and the default validity."""

    customer: str
    date: str = ""
    valid_until: str = ""
    due_date: str = ""
    service_date: str = ""
    currency: str | None = None
    language: str | None = None
    price_list: str | None = None
    terms: str | None = None
    payment_method: str | None = None
    tax_treatment: str | None = None
    reference: str = ""
    notes: str = ""
    billing: Billing | None = None
    lines: tuple[LineInput, ...] = ()


@dataclass(frozen=True)
class DocumentLineRecord:
    item_id: int | None
    code: str
    description: str
    unit: str
    quantity: Decimal
    unit_price: Decimal
    discount: Decimal
    vat_rate: Decimal
    net: int
    rule: str
    rule_detail: str = ""
    # Stored lines only: the row's id (not part of what the line says, so left out of
    # comparisons), and on a credit note the invoice line it credits.
    id: int | None = field(default=None, compare=False)
    credited_line_id: int | None = None


@dataclass(frozen=True)
class Seller:
    """The seller's identity and invoice clauses as they were when a document was issued
    (the settings may change later; an issued document prints what it was issued with)."""

    name: str
    legal_form: str = ""
    street: str = ""
    postal_code: str = ""
    city: str = ""
    country: str = ""
    siren: str = ""
    vat: str = ""
    capital: str = ""
    registry: str = ""
    iban: str = ""
    bic: str = ""
    phone: str = ""
    email: str = ""
    late_penalty_rate: str = ""
    early_payment_discount: str = ""

    @classmethod
    def from_settings(cls, settings: Settings) -> Seller:
        """The seller as the settings describe it today."""
        return cls(
            settings.company_name,
            settings.company_legal_form,
            settings.company_street,
            settings.company_postal_code,
            settings.company_city,
            settings.company_country,
            settings.company_siren,
            settings.company_vat,
            settings.company_capital,
            settings.company_registry,
            settings.company_iban,
            settings.company_bic,
            settings.company_phone,
            settings.company_email,
            settings.late_penalty_rate,
            settings.early_payment_discount,
        )


@dataclass(frozen=True)
class DocumentRecord:
    id: int
    kind: str
    number: str
    status: str  # derived: "expired" for a quote past its validity
    stored_status: str
    customer: str  # the customer's number
    customer_status: str
    date: dt.date
    valid_until: dt.date | None
    due_date: dt.date | None
    currency: str
    language: str
    price_list: str
    terms: str
    payment_method: str
    tax_treatment: str
    contract_id: int | None
    contract_label: str
    billing: Billing
    reference: str
    notes: str
    source: str  # the quote an invoice was made from, the invoice a credit note corrects
    derived: tuple[int, ...]  # ids of invoices made from this quote, credit notes of this invoice
    lines: tuple[DocumentLineRecord, ...]
    totals: Totals
    version: int
    created_at: dt.datetime
    created_by: str
    updated_at: dt.datetime
    updated_by: str
    service_date: dt.date | None = None
    issued_at: dt.datetime | None = None
    issued_by: str = ""
    customer_kind: str = ""
    seller: Seller | None = None
    exchange_rate: Decimal | None = None
    # An invoice's amount still due; a credit note's credit not yet set against an invoice.
    open_amount: int = 0
    source_date: dt.date | None = None
    hash: str = ""

    @property
    def reference_text(self) -> str:
        """How the operator names it: its number, or "draft #id"."""
        return self.number or f"#{self.id}"

    @property
    def is_issued(self) -> bool:
        return self.stored_status == "issued"


@dataclass(frozen=True)
class DocumentSummary:
    """A row of a document list."""

    id: int
    kind: str
    number: str
    status: str
    date: dt.date
    valid_until: dt.date | None
    due_date: dt.date | None
    customer: str
    name: str
    currency: str
    totals: Totals
    open_amount: int = 0
