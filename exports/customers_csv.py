"""The customer file as CSV: UTF-8 with a byte-order mark (so Excel reads the accents),
comma-separated, with the CLI's JSON keys plus every other editable field, so that
`customers import` reads back everything it writes."""

from __future__ import annotations

import csv
import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from exports.customer_fields import EXPORT_KEYS, customer_fields, flat_fields
from models.balances import customer_balances
from models.errors import ValidationError
from models.i18n import _
from models.tables import Contact, Customer

# Rows per query: memory stays flat whatever the size of the customer file.
PAGE = 1000


def export_customers_csv(path: Path, progress: Callable[[int, int], None] | None = None) -> int:
    """Writes every customer, inactive ones included, to `path`, a new file readable by
    its owner alone (a customer file is personal data); returns how many were written."""
    path = path.expanduser()
    total = Customer.select().count()
    try:
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    except FileExistsError:
        raise ValidationError.single("output", _("{path} already exists.").format(
            path=path)) from None  # fmt: skip
    except OSError as exc:
        raise ValidationError.single("output", _("Cannot create {path}: {reason}").format(
            path=path, reason=exc.strerror)) from exc  # fmt: skip
    written = 0
    with open(fd, "w", encoding="utf-8-sig", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=EXPORT_KEYS)
        writer.writeheader()
        for page in _pages():
            writer.writerows(_page_rows(page))
            written += len(page)
            if progress is not None:
                progress(written, total)
    return written


def _pages() -> Iterator[list[dict[str, Any]]]:
    """Every customer in number order, a page at a time (keyset on the unique number)."""
    last = ""
    while True:
        query = Customer.select().where(Customer.number > last).order_by(Customer.number)
        # Peewee's stubs type .dicts() as model rows; they are plain dicts.
        rows: Iterable[dict[str, Any]] = query.limit(PAGE).dicts()  # type: ignore[assignment]
        page = list(rows)
        if not page:
            return
        yield page
        last = str(page[-1]["number"])


def _page_rows(page: list[dict[str, Any]]) -> Iterator[dict[str, str]]:
    ids = [row["id"] for row in page]
    contacts: dict[int, list[dict[str, str]]] = {}
    query = (
        Contact.select(Contact.customer, Contact.name, Contact.role, Contact.phone, Contact.email)
        .where(Contact.customer.in_(ids))
        .order_by(Contact.customer, Contact.position)
    )
    found: Iterable[tuple[Any, ...]] = query.tuples()  # type: ignore[assignment]
    for customer_id, *parts in found:
        contact = dict(zip(("name", "role", "phone", "email"), map(str, parts), strict=True))
        contacts.setdefault(int(customer_id), []).append(contact)
    balances = customer_balances([str(row["number"]) for row in page])
    for row in page:
        fields = customer_fields(row, contacts.get(row["id"], []), balances[row["number"]])
        yield flat_fields(fields)
