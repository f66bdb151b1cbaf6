"""What the customer services hand out and take in: frozen dataclasses, never Peewee rows,
so screens and the CLI cannot write behind the services' back."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

STATUSES = ("prospect", "customer", "inactive")

# Editable customer fields in form order; the history names changes by these keys.
EDITABLE_FIELDS = (
    "kind", "name", "siren", "vat", "email", "phone",
    "street", "postal_code", "city", "country",
    "delivery_street", "delivery_postal_code", "delivery_city", "delivery_country",
    "status", "rep", "terms", "payment_method", "price_list", "currency", "credit_limit",
    "language", "birth_date", "notes",
)  # fmt: skip


@dataclass(frozen=True)
class ContactInput:
    name: str = ""
    role: str = ""
    phone: str = ""
    email: str = ""


@dataclass(frozen=True)
class CustomerInput:
    """A customer as typed in the form, the CLI or an import row: every field is text."""

    name: str = ""
    kind: str = "company"
    siren: str = ""
    vat: str = ""
    email: str = ""
    phone: str = ""
    street: str = ""
    postal_code: str = ""
    city: str = ""
    country: str = "FR"
    delivery_street: str = ""
    delivery_postal_code: str = ""
    delivery_city: str = ""
    delivery_country: str = ""
    status: str = "prospect"
    rep: str = ""
    terms: str = "30d"
    payment_method: str = "transfer"
    price_list: str = ""
    currency: str = "EUR"
    credit_limit: str = ""
    language: str = "fr"
    birth_date: str = ""
    notes: str = ""
    contacts: tuple[ContactInput, ...] = ()


@dataclass(frozen=True)
class Contact:
    name: str
    role: str
    phone: str
    phone_e164: str
    email: str


@dataclass(frozen=True)
class CustomerRecord:
    id: int
    number: str
    kind: str
    name: str
    siren: str
    vat: str
    email: str
    phone: str
    phone_e164: str
    street: str
    postal_code: str
    city: str
    country: str
    delivery_street: str
    delivery_postal_code: str
    delivery_city: str
    delivery_country: str
    status: str
    rep: str
    rep_name: str
    terms: str
    payment_method: str
    currency: str
    credit_limit: int | None
    language: str
    birth_date: dt.date | None
    notes: str
    created_at: dt.datetime
    created_by: str
    updated_at: dt.datetime
    updated_by: str
    version: int
    contacts: tuple[Contact, ...] = field(default=())
    price_list: str = ""  # the name of the customer's default price list
    merged_into: int | None = None
    anonymised_at: dt.datetime | None = None

    @property
    def is_active(self) -> bool:
        return self.status != "inactive"


@dataclass(frozen=True)
class FieldChange:
    field: str
    old: str
    new: str


@dataclass(frozen=True)
class HistoryEntry:
    at: dt.datetime
    operator: str
    kind: str
    summary: str
    changes: tuple[FieldChange, ...]
