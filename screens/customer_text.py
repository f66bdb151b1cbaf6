"""How customer values read on screen: field labels, statuses, kinds, terms, methods and
languages, in the operator's language. Shared by the list, the detail and the form."""

from __future__ import annotations

import datetime as dt
import re

from models.i18n import N_, _
from models.validation import METHOD_WORDS, method_words

FIELD_LABELS = {
    "number": N_("Number"),
    "kind": N_("Kind"),
    "name": N_("Name"),
    "siren": N_("SIREN / SIRET"),
    "vat": N_("VAT number"),
    "email": N_("E-mail"),
    "phone": N_("Phone"),
    "street": N_("Street"),
    "postal_code": N_("Postcode"),
    "city": N_("City"),
    "country": N_("Country"),
    "delivery_street": N_("Delivery street"),
    "delivery_postal_code": N_("Delivery postcode"),
    "delivery_city": N_("Delivery city"),
    "delivery_country": N_("Delivery country"),
    "status": N_("Status"),
    "rep": N_("Sales rep"),
    "terms": N_("Payment terms"),
    "payment_method": N_("Payment method"),
    "price_list": N_("Price list"),
    "contract": N_("Contract"),
    "currency": N_("Currency"),
    "credit_limit": N_("Credit limit"),
    "language": N_("Language"),
    "birth_date": N_("Birth date"),
    "notes": N_("Notes"),
    "contacts": N_("Contacts"),
    "role": N_("Role"),
}

STATUSES = (
    ("prospect", N_("prospect")),
    ("customer", N_("customer")),
    ("inactive", N_("inactive")),
)
KINDS = (("company", N_("company")), ("individual", N_("individual")))
PAYMENT_METHODS = tuple(METHOD_WORDS.items())
# Each language named in itself, as a speaker looks for it.
LANGUAGES = (("en", "English"), ("fr", "Français"), ("nl", "Nederlands"), ("el", "Ελληνικά"))
EVENT_KINDS = {
    "created": N_("created"),
    "edited": N_("edited"),
    "deactivated": N_("deactivated"),
    "reactivated": N_("reactivated"),
    "created_anyway": N_("created despite possible duplicates"),
    "merged": N_("merged with another customer"),
    "merged_into": N_("merged into another customer"),
    "anonymised": N_("anonymised"),
    "quote_created": N_("quote made"),
    "quote_sent": N_("quote sent"),
    "quote_accepted": N_("quote accepted"),
    "quote_declined": N_("quote declined"),
    "quote_invoiced": N_("quote made into an invoice"),
    "became_customer": N_("became a customer"),
    "contract_added": N_("contract added"),
    "contract_changed": N_("contract changed"),
    "contract_deleted": N_("contract deleted"),
    "invoice_issued": N_("invoice issued"),
    "credit_note_issued": N_("credit note issued"),
    "payment_recorded": N_("payment recorded"),
    "payment_reversed": N_("payment reversed"),
    "refund_recorded": N_("refund paid"),
    "credit_applied": N_("credit applied"),
    "allocation_moved": N_("allocation moved"),
}
_TERMS = re.compile(r"^(\d{1,3})(d|eom)$")


def field_label(field: str) -> str:
    return _(FIELD_LABELS.get(field, field))


def status_text(status: str) -> str:
    return _(dict(STATUSES).get(status, status))


def kind_text(kind: str) -> str:
    return _(dict(KINDS).get(kind, kind))


def method_text(method: str) -> str:
    return method_words(method)


def language_text(code: str) -> str:
    return dict(LANGUAGES).get(code, code)


def event_text(kind: str) -> str:
    return _(EVENT_KINDS.get(kind, kind))


def terms_text(code: str) -> str:
    """`30d` → "30 days", `45eom` → "45 days end of month", `receipt` → "on receipt"."""
    if code == "receipt":
        return _("on receipt")
    match = _TERMS.match(code)
    if match is None:
        return code
    days, unit = match.groups()
    if unit == "eom":
        return _("{days} days end of month").format(days=days)
    return _("{days} days").format(days=days)


def local_time(at: dt.datetime) -> str:
    """A stored (naive UTC) timestamp in the machine's local time."""
    return at.replace(tzinfo=dt.UTC).astimezone().strftime("%Y-%m-%d %H:%M")


def language_choices() -> list[tuple[str, str]]:
    return [(name, code) for code, name in LANGUAGES]
