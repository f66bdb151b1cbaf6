"""Contacts written as text: `NAME|ROLE|PHONE|EMAIL`, one contact per line. The CLI's
`--contact` option, the CSV export's `contacts` column and the import all use this form,
so an export reads back as it was written."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from models.customer_records import ContactInput

SEPARATOR = "|"
_PARTS = ("name", "role", "phone", "email")


def contact_from_text(text: str) -> ContactInput:
    """`NAME|ROLE|PHONE|EMAIL`; missing trailing parts are empty, and a `|` beyond the
    fourth stays in the e-mail part, where validation reports it."""
    parts = [part.strip() for part in text.split(SEPARATOR, len(_PARTS) - 1)]
    parts += [""] * (len(_PARTS) - len(parts))
    return ContactInput(*parts)


def contacts_from_text(text: str) -> tuple[ContactInput, ...]:
    """One contact per non-blank line."""
    return tuple(contact_from_text(line) for line in text.splitlines() if line.strip())


def contact_to_text(contact: Mapping[str, str]) -> str:
    # A `|` or line break inside a part would split it on reading back.
    clean = [" ".join(contact.get(p, "").replace(SEPARATOR, "/").split()) for p in _PARTS]
    return SEPARATOR.join(clean).rstrip(SEPARATOR)


def contacts_to_text(contacts: Iterable[Mapping[str, str]]) -> str:
    return "\n".join(contact_to_text(contact) for contact in contacts)
