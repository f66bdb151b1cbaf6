"""A customer as the CLI's JSON and CSV and the CSV export write it: plain text values
under the keys CLI.md fixes (money with the currency's decimals, dates YYYY-MM-DD)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from models.contact_text import contacts_to_text
from models.money import minor_to_text, to_minor
from models.search import CustomerHit

SEARCH_KEYS = ("number", "name", "status", "kind", "email", "phone", "street", "postal_code",
               "city", "country", "siren", "vat", "balance")  # fmt: skip
SHOW_KEYS = (*SEARCH_KEYS, "contacts", "terms", "rep", "notes")
# The export adds every other editable field, so that importing it loses nothing.
EXPORT_KEYS = (*SHOW_KEYS, "delivery_street", "delivery_postal_code", "delivery_city",
               "delivery_country", "payment_method", "currency", "credit_limit", "language",
               "birth_date")  # fmt: skip
CONTACT_KEYS = ("name", "role", "phone", "email")


def money_text(amount: Decimal) -> str:
    """An amount already at its currency's decimals, as plain text (`1234.50`)."""
    return format(amount, "f")


def hit_fields(hit: CustomerHit, balance: Decimal) -> dict[str, str]:
    """One search result under SEARCH_KEYS."""
    values = {key: str(getattr(hit, key)) for key in SEARCH_KEYS if key != "balance"}
    values["balance"] = money_text(balance)
    return {key: values[key] for key in SEARCH_KEYS}


def customer_fields(
    customer: Mapping[str, Any], contacts: Sequence[Mapping[str, str]], balance: Decimal
) -> dict[str, Any]:
    """Every EXPORT_KEYS value of a customer (its stored columns as a mapping, `rep`
    holding the rep's code); `contacts` is a list of {name, role, phone, email}."""
    currency = str(customer["currency"])
    values: dict[str, Any] = {}
    for key in EXPORT_KEYS:
        if key == "balance":
            values[key] = minor_to_text(to_minor(balance, currency), currency)
        elif key == "contacts":
            values[key] = [{k: str(c.get(k, "")) for k in CONTACT_KEYS} for c in contacts]
        elif key == "credit_limit":
            limit = customer[key]
            values[key] = "" if limit is None else minor_to_text(int(limit), currency)
        else:
            values[key] = _text(customer[key])
    return values


def flat_fields(values: Mapping[str, Any]) -> dict[str, str]:
    """`customer_fields` for a CSV row: the contacts as `NAME|ROLE|PHONE|EMAIL` lines."""
    flat = {key: value for key, value in values.items() if key != "contacts"}
    if "contacts" in values:
        flat["contacts"] = contacts_to_text(values["contacts"])
    return {key: flat[key] for key in values}


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.isoformat(timespec="seconds")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)
