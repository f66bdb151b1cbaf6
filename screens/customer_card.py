"""A customer record and its history as read-only text for the detail screen. Built as
Content from parts, never from markup, so whatever the record holds shows literally."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal

from textual.content import Content

from models.customer_records import CustomerRecord, FieldChange, HistoryEntry
from models.i18n import _
from models.money import minor_to_text, to_minor
from screens.customer_text import (
    event_text,
    field_label,
    kind_text,
    language_text,
    local_time,
    method_text,
    status_text,
    terms_text,
)
from screens.document_text import money_text
from tui.safe_text import display_safe

_LABEL_WIDTH = 18


def _row(label: str, value: str) -> Content:
    return Content.assemble((label.ljust(_LABEL_WIDTH), "bold"), display_safe(value))


def _heading(text: str) -> Content:
    return Content.styled(text, "bold underline")


def _address(street: str, postal_code: str, city: str, country: str) -> str:
    place = " ".join(p for p in (postal_code, city) if p)
    return ", ".join(p for p in (street, place, country) if p)


def _lines(parts: Iterable[Content]) -> Content:
    return Content("\n").join(parts)


def balance_words(minor: int, currency: str) -> str:
    """What the customer owes, or the credit it has, in words."""
    if minor > 0:
        return _("owes {amount}").format(amount=money_text(minor, currency))
    if minor < 0:
        return _("has {amount} of credit").format(amount=money_text(-minor, currency))
    return _("owes nothing")


def balance_row(balance: Decimal, currency: str) -> Content:
    """What the customer owes, or the credit it has (models.balances)."""
    text = balance_words(to_minor(balance, currency), currency)
    return Content.assemble((_("Balance").ljust(_LABEL_WIDTH), "bold"), text)


def credit_rows(balance: Decimal, credit: int, limit: int | None, currency: str) -> list[Content]:
    """The credit not yet set against an invoice (models.balances.available_credit)
    when invoices are open beside it, and how much of the credit limit the balance uses —
    over it said in words."""
    rows = []
    owed = to_minor(balance, currency)
    # All the balance is that credit: the balance row has said it already.
    if credit > 0 and credit != -owed:
        # "Credit" alone is the verb of crediting an invoice elsewhere.
        label = (_("Unapplied credit").ljust(_LABEL_WIDTH), "bold")
        rows.append(Content.assemble(label, money_text(credit, currency)))
    if limit is not None:
        used = max(owed, 0)
        amounts = {"used": money_text(used, currency), "limit": money_text(limit, currency)}
        label = (field_label("credit_limit").ljust(_LABEL_WIDTH), "bold")
        if used > limit:
            # The label says "credit limit" already: short enough for one line at 80.
            text = _("exceeded: {used} owed, {limit} allowed").format(**amounts)
            rows.append(Content.assemble(label, ("⚠ " + text, "bold reverse")))
        else:
            rows.append(Content.assemble(label, _("{used} of {limit} used").format(**amounts)))
    return rows


def customer_card(r: CustomerRecord, balance: Decimal | None = None, credit: int = 0) -> Content:
    """The balance, the credit and the credit limit used (when the balance is given),
    identity, addresses, contacts, commercial terms, notes and who touched it last."""
    status = status_text(r.status)
    if not r.is_active:
        status = "✗ " + status
    if r.anonymised_at is not None:
        local = r.anonymised_at.replace(tzinfo=dt.UTC).astimezone()
        status += " · " + _("anonymised on {date}").format(date=local.strftime("%Y-%m-%d"))
    billing = _address(r.street, r.postal_code, r.city, r.country)
    delivery = _address(
        r.delivery_street, r.delivery_postal_code, r.delivery_city, r.delivery_country
    ) or _("same as billing")
    limit = minor_to_text(r.credit_limit, r.currency) if r.credit_limit is not None else "—"
    rep = " ".join(p for p in (r.rep, r.rep_name) if p) or "—"
    parts: list[Content] = []
    if balance is not None:
        parts.append(balance_row(balance, r.currency))
        parts += credit_rows(balance, credit, r.credit_limit, r.currency)
    parts += [
        Content.assemble((f"{r.number}  ", "bold"), (display_safe(r.name), "bold")),
        _row(_("Status"), f"{status} · {kind_text(r.kind)}"),
        _row(field_label("siren"), r.siren or "—"),
        _row(field_label("vat"), r.vat or "—"),
        _row(field_label("phone"), r.phone or "—"),
        _row(field_label("email"), r.email or "—"),
        Content(""),
        _heading(_("Addresses")),
        _row(_("Billing"), billing or "—"),
        _row(_("Delivery"), delivery),
        Content(""),
        _heading(_("Contacts")),
    ]
    if not r.contacts:
        parts.append(Content(_("No contact.")))
    for contact in r.contacts:
        details = " · ".join(p for p in (contact.role, contact.phone, contact.email) if p)
        parts.append(
            Content.assemble(
                ("• ", "bold"),
                display_safe(contact.name),
                ("  " + display_safe(details)) if details else "",
            )
        )
    parts += [
        Content(""),
        _heading(_("Terms")),
        _row(field_label("terms"), terms_text(r.terms)),
        _row(field_label("payment_method"), method_text(r.payment_method)),
        _row(field_label("price_list"), r.price_list or "—"),
        _row(field_label("currency"), r.currency),
        _row(field_label("credit_limit"), limit),
        _row(field_label("rep"), rep),
        _row(field_label("language"), language_text(r.language)),
    ]
    if r.birth_date is not None:
        parts.append(_row(field_label("birth_date"), r.birth_date.isoformat()))
    parts += [Content(""), _heading(field_label("notes"))]
    notes = display_safe(r.notes, keep_newlines=True).strip()
    parts.append(Content(notes or "—"))
    parts += [
        Content(""),
        Content.styled(
            _("Created {time} by {operator}").format(
                time=local_time(r.created_at), operator=display_safe(r.created_by)
            ),
            "dim",
        ),
        Content.styled(
            _("Updated {time} by {operator}").format(
                time=local_time(r.updated_at), operator=display_safe(r.updated_by)
            ),
            "dim",
        ),
    ]
    return _lines(parts)


# Coded fields read in the history as in the overview ("30 days", not "30d").
_READABLE = {
    "terms": terms_text,
    "payment_method": method_text,
    "status": status_text,
    "kind": kind_text,
    "language": language_text,
}


def _readable(field: str, value: str) -> str:
    if not value:
        return _("(empty)")
    return display_safe(_READABLE.get(field, str)(value))


def _change(change: FieldChange) -> Content:
    old = _readable(change.field, change.old)
    new = _readable(change.field, change.new)
    return Content.assemble(
        "    ", (field_label(change.field) + ": ", "bold"), old, (" → ", "bold"), new
    )


def history_lines(history: list[HistoryEntry]) -> Content:
    """Newest first: when (local time), who, what kind, then each field old → new."""
    if not history:
        return Content(_("No change recorded."))
    parts: list[Content] = []
    for entry in history:
        parts.append(
            Content.assemble(
                (local_time(entry.at), "bold"),
                "  ",
                display_safe(entry.operator),
                "  ",
                (event_text(entry.kind), "underline"),
                ("  " + display_safe(entry.summary)) if entry.summary else "",
            )
        )
        parts += [_change(change) for change in entry.changes]
        parts.append(Content(""))
    return _lines(parts)
