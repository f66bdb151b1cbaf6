"""The customer search index: SQLite-only (FTS5), kept behind this module so a PostgreSQL
backend replaces one file.

Four tables, all keyed by the customer id:

- `search_words`: FTS5, one row per customer, column `name` (the name's words) and
  `body` (number, contact names, postcode with and without its space, city, phone and
  e-mail forms, SIREN/SIRET, VAT, notes). Contentless (the text lives in `customer`) with
  `contentless_delete` so a row can be replaced; the `ascii` tokenizer because the text is
  already folded and split in Python (models.search_text), so every quoted query word is
  exactly one index token and `detail=column` never meets a phrase; prefix indexes for the
  1–3 letter prefixes people type first.
- `search_names`: FTS5 trigram over the name, for any part of a word (`langer` finds
  `Boulangerie Martin`). Trigram needs `detail=full`.
- `search_sort`: the folded name and number, active flag: ordering, keyset paging and the
  inactive filter without touching the wide `customer` rows.
- `search_key`: exact identifiers (number, SIREN, VAT, phone, e-mail) for the
  "exact match first" rank; a plain table.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

from peewee import Database

from models.db import database
from models.search_text import (
    digits,
    exact_key,
    name_words,
    normalise,
    phone_forms,
    sort_name,
)

WORDS = "search_words"
NAMES = "search_names"
SORT = "search_sort"
KEYS = "search_key"

_DDL = [
    f"CREATE VIRTUAL TABLE {WORDS} USING fts5(name, body, tokenize='ascii', detail=column,"
    " content='', contentless_delete=1, prefix='1 2 3')",
    f"CREATE VIRTUAL TABLE {NAMES} USING fts5(name, tokenize='trigram', detail=full,"
    " content='', contentless_delete=1)",
    f"CREATE TABLE {SORT} (customer_id INTEGER NOT NULL PRIMARY KEY,"
    " sort_name TEXT NOT NULL, number TEXT NOT NULL, active INTEGER NOT NULL)",
    # Covering: a page in name order is read from the index alone.
    f"CREATE INDEX {SORT}_order ON {SORT} (sort_name, number, active)",
    f"CREATE TABLE {KEYS} (key TEXT NOT NULL, customer_id INTEGER NOT NULL,"
    " PRIMARY KEY (key, customer_id)) WITHOUT ROWID",
    f"CREATE INDEX {KEYS}_customer ON {KEYS} (customer_id)",
]

_BATCH = 500


class CustomerText(NamedTuple):
    """The customer columns the index is made from, in `_CUSTOMER_COLUMNS` order."""

    id: int
    number: str
    name: str
    status: str
    postal_code: str
    city: str
    phone: str
    phone_e164: str
    email: str
    siren: str
    vat: str
    notes: str


class ContactText(NamedTuple):
    name: str
    phone: str
    phone_e164: str
    email: str


_CUSTOMER_COLUMNS = ", ".join(CustomerText._fields)


@dataclass(frozen=True)
class IndexRow:
    """What the index holds for one customer."""

    customer_id: int
    name: str
    body: str
    trigram_name: str
    sort_name: str
    number: str
    active: bool
    keys: frozenset[str]


def _run(db: Database, sql: str, params: Sequence[object] = ()) -> list[tuple[Any, ...]]:
    rows = db.execute_sql(sql, tuple(params)).fetchall()  # type: ignore[no-untyped-call]
    return list(rows)


def _run_many(db: Database, sql: str, rows: list[tuple[object, ...]]) -> None:
    if rows:
        db.cursor().executemany(sql, rows)  # type: ignore[no-untyped-call]


def create(db: Database) -> None:
    """Creates the index tables (schema step 2)."""
    for statement in _DDL:
        _run(db, statement)


def rebuild(db: Database) -> None:
    """Empties and refills the whole index, then merges FTS5's segments into one so the
    first queries after a bulk load are as fast as later ones. Runs inside the caller's
    write transaction."""
    for table in (WORDS, NAMES):
        _run(db, f"DELETE FROM {table}")
    for table in (SORT, KEYS):
        _run(db, f"DELETE FROM {table}")
    last = 0
    while True:
        ids = [
            row[0]
            for row in _run(
                db, "SELECT id FROM customer WHERE id > ? ORDER BY id LIMIT ?", (last, _BATCH * 4)
            )
        ]
        if not ids:
            break
        write_documents(db, list(_documents(db, ids)))
        last = ids[-1]
    optimise(db)


def optimise(db: Database) -> None:
    """Merges the FTS5 segments (a few seconds at 100k customers); worth it after a bulk
    load, pointless after a single edit."""
    for table in (WORDS, NAMES):
        _run(db, f"INSERT INTO {table}({table}) VALUES ('optimize')")


def index_customer(customer_id: int) -> None:
    """Refreshes one customer's index rows; call inside the write transaction that changed
    the customer so the index can never lag behind it."""
    index_customers([customer_id])


def index_customers(ids: Iterable[int]) -> None:
    """Refreshes the index rows of these customers (a removed id loses its rows)."""
    db = database.obj
    wanted = list(dict.fromkeys(ids))
    for start in range(0, len(wanted), _BATCH):
        chunk = wanted[start : start + _BATCH]
        documents = list(_documents(db, chunk))
        _delete(db, chunk)
        write_documents(db, documents)


def _delete(db: Database, ids: Sequence[int]) -> None:
    marks = ",".join("?" * len(ids))
    for table in (WORDS, NAMES):
        _run(db, f"DELETE FROM {table} WHERE rowid IN ({marks})", ids)
    _run(db, f"DELETE FROM {SORT} WHERE customer_id IN ({marks})", ids)
    _run(db, f"DELETE FROM {KEYS} WHERE customer_id IN ({marks})", ids)


def write_documents(db: Database, rows: list[IndexRow]) -> None:
    """Adds index rows for customers that have none yet (a bulk loader's new customers);
    inside the caller's write transaction."""
    _run_many(
        db,
        f"INSERT INTO {WORDS}(rowid, name, body) VALUES (?, ?, ?)",
        [(r.customer_id, r.name, r.body) for r in rows],
    )
    _run_many(
        db,
        f"INSERT INTO {NAMES}(rowid, name) VALUES (?, ?)",
        [(r.customer_id, r.trigram_name) for r in rows],
    )
    _run_many(
        db,
        f"INSERT INTO {SORT}(customer_id, sort_name, number, active) VALUES (?,?,?,?)",
        [(r.customer_id, r.sort_name, r.number, int(r.active)) for r in rows],
    )
    _run_many(db, f"INSERT OR IGNORE INTO {KEYS}(key, customer_id) VALUES (?, ?)",
              [(key, r.customer_id) for r in rows for key in sorted(r.keys)])  # fmt: skip


def _documents(db: Database, ids: Sequence[int]) -> Iterator[IndexRow]:
    marks = ",".join("?" * len(ids))
    contacts: dict[int, list[ContactText]] = {}
    for customer_id, *contact in _run(
        db,
        f"SELECT customer_id, {', '.join(ContactText._fields)} FROM contact"
        f" WHERE customer_id IN ({marks}) ORDER BY customer_id, position",
        ids,
    ):
        contacts.setdefault(customer_id, []).append(ContactText(*contact))
    for row in _run(db, f"SELECT {_CUSTOMER_COLUMNS} FROM customer WHERE id IN ({marks})", ids):
        yield document(CustomerText(*row), contacts.get(row[0], ()))


def document(customer: CustomerText, contacts: Sequence[ContactText]) -> IndexRow:
    """The index row of one customer. Public so a bulk loader can index the rows it
    already holds in memory instead of reading them back."""
    number = customer.number
    body: list[str] = [number.casefold()]
    keys = {number.casefold()}
    for contact in contacts:
        body.append(name_words(contact.name))
        forms = phone_forms(contact.phone, contact.phone_e164)
        body.extend(forms)
        keys.update(forms)
        if contact.email:
            body.append(normalise(contact.email))
            keys.add(exact_key(contact.email))
    if customer.postal_code:
        body.extend([normalise(customer.postal_code), exact_key(customer.postal_code)])
    body.append(normalise(customer.city))
    forms = phone_forms(customer.phone, customer.phone_e164)
    body.extend(forms)
    keys.update(forms)
    if customer.email:
        body.append(normalise(customer.email))
        keys.add(exact_key(customer.email))
    for identifier in _identifiers(customer.siren, customer.vat):
        body.append(identifier)
        keys.add(identifier)
    body.append(normalise(customer.notes))
    return IndexRow(
        customer_id=customer.id,
        name=name_words(customer.name),
        body=" ".join(part for part in body if part),
        trigram_name=normalise(customer.name),
        sort_name=sort_name(customer.name),
        number=number,
        active=customer.status != "inactive",
        keys=frozenset(k for k in keys if k),
    )


def _identifiers(siren: str, vat: str) -> list[str]:
    """SIREN/SIRET (and the SIREN inside a SIRET), VAT with and without its country
    prefix (a Greek AFM is often typed bare)."""
    found: list[str] = []
    compact = exact_key(siren)
    if compact:
        found.append(compact)
        if len(compact) == 14 and compact.isdigit():
            found.append(compact[:9])
    vat_key = exact_key(vat)
    if vat_key:
        found.append(vat_key)
        rest = vat_key[2:]
        if rest and digits(rest):
            found.append(rest)
    return found
