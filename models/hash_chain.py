"""The hash chain of issued documents. Each invoice or credit note, when issued, takes the
next `chain_position` and stores SHA-256(previous hash, what was issued): its number,
dates, parties, seller, amounts and every line, read back exactly as the database stores
them. Editing any of it afterwards — even with the triggers dropped — breaks the link,
and `verify_chain()` names the first document whose content no longer matches."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from models.db import database

GENESIS = "0" * 64

# What was issued: everything printed or computed on it, not the bookkeeping of its
# editing (version, updated_*) nor internal links that may move (customer_id on a merge).
DOCUMENT_COLUMNS = (
    "kind", "number", "date", "valid_until", "due_date", "service_date", "currency",
    "language", "terms", "payment_method", "tax_treatment", "billing_name", "billing_street",
    "billing_postal_code", "billing_city", "billing_country", "customer_vat",
    "customer_siren", "delivery_street", "delivery_postal_code", "delivery_city",
    "delivery_country", "reference", "notes", "source_id", "issued_at", "issued_by",
    "customer_kind", "seller", "total_excl", "total_tax", "total", "exchange_rate",
    "chain_position",
)  # fmt: skip
LINE_COLUMNS = (
    "position", "code", "description", "unit", "quantity", "unit_price", "discount",
    "vat_rate", "net", "credited_line_id",
)  # fmt: skip
_BATCH = 500


def link(previous: str, document: Sequence[Any], lines: Sequence[Sequence[Any]]) -> str:
    """The hash of one document given the previous one's: canonical JSON of the stored
    values (ints, text, NULLs, as SQLite hands them back), so Python and the file agree."""
    payload = json.dumps([list(document), [list(row) for row in lines]], ensure_ascii=False,
                         separators=(",", ":"), default=str)  # fmt: skip
    return hashlib.sha256(f"{previous}\n{payload}".encode()).hexdigest()


def _columns(names: Sequence[str], table: str) -> str:
    return ", ".join(f'{table}."{name}"' for name in names)


@dataclass(frozen=True)
class Link:
    position: int
    document_id: int
    number: str
    stored_hash: str
    document: tuple[Any, ...]
    lines: tuple[tuple[Any, ...], ...]


def links(after_position: int = 0, ids: Sequence[int] | None = None) -> Iterator[Link]:
    """The chained documents in chain order (or just `ids`), with what their hashes cover,
    a batch of documents and their lines per query."""
    doc_sql = (
        f'SELECT d."id", d."chain_position", d."number", d."hash", '
        f'{_columns(DOCUMENT_COLUMNS, "d")} FROM "document" d '
    )
    line_sql = (
        f'SELECT l."document_id", {_columns(LINE_COLUMNS, "l")} FROM "document_line" l '
        'WHERE l."document_id" IN ({marks}) ORDER BY l."document_id", l."position"'
    )
    position = after_position
    while True:
        if ids is not None:
            marks = ", ".join("?" for _ in ids)
            rows = database.execute_sql(doc_sql + f'WHERE d."id" IN ({marks})', list(ids))
        else:
            rows = database.execute_sql(
                doc_sql + 'WHERE d."chain_position" > ? ORDER BY d."chain_position" LIMIT ?',
                (position, _BATCH),
            )
        batch = [tuple(row) for row in rows]
        if not batch:
            return
        by_document: dict[int, list[tuple[Any, ...]]] = {row[0]: [] for row in batch}
        found = database.execute_sql(
            line_sql.format(marks=", ".join("?" for _ in batch)), list(by_document)
        )
        for row in found:
            by_document[row[0]].append(tuple(row[1:]))
        for row in batch:
            yield Link(row[1] or 0, row[0], row[2] or "", row[3], row[4:],
                       tuple(by_document[row[0]]))  # fmt: skip
        if ids is not None:
            return
        position = batch[-1][1]


def last_link() -> tuple[int, str]:
    """(position, hash) of the newest chained document; (0, GENESIS) before the first."""
    row = database.execute_sql(
        'SELECT "chain_position", "hash" FROM "document" WHERE "chain_position" IS NOT NULL '
        'ORDER BY "chain_position" DESC LIMIT 1'
    ).fetchone()
    return (int(row[0]), row[1]) if row else (0, GENESIS)


def hash_of(document_id: int, previous: str) -> str:
    """The hash the document `document_id` must store, chained after `previous`."""
    found = next(links(ids=[document_id]))
    return link(previous, found.document, found.lines)


@dataclass(frozen=True)
class ChainReport:
    checked: int
    broken_at: str  # the number of the first document that does not match, "" if none
    reason: str


def verify_chain() -> ChainReport:
    """Walks the whole chain: positions follow 1, 2, 3…, and each stored hash is the one
    its content and its predecessor's hash give."""
    from models.i18n import _

    previous, expected, checked = GENESIS, 1, 0
    for found in links():
        if found.position != expected:
            return ChainReport(
                checked,
                found.number,
                _(
                    "{number} follows position {expected} at {position}: a document is "
                    "missing from the chain."
                ).format(  # fmt: skip
                    number=found.number, expected=expected - 1, position=found.position
                ),
            )
        if link(previous, found.document, found.lines) != found.stored_hash:
            return ChainReport(
                checked,
                found.number,
                _(
                    "{number} was altered after it was issued: its content no longer "
                    "matches its hash."
                ).format(number=found.number),  # fmt: skip
            )
        previous, expected, checked = found.stored_hash, expected + 1, checked + 1
    return ChainReport(checked, "", "")
