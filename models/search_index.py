"""The customer search index: SQLite-only (FTS5), kept behind this module so a PostgreSQL
backend replaces one file.

Three tables, all keyed by the customer id:

- `search_words`: FTS5, one row per customer. Column `name`: the name's words; `ids`:
  identifiers as single tokens (number, SIREN/SIRET, VAT, phone digit forms, e-mails
  compacted), matched whole for the "exact match first" rank and as prefixes like any
  word; `body`: contact names, postcode, city, e-mail words, notes. Contentless (the text
  lives in `customer`) with `contentless_delete` so a row can be replaced. The `ascii`
  tokenizer because the text is already folded and split in Python (models.search_text):
  every quoted query word is then exactly one index token, so `detail=column` (smaller,
  faster) never meets a phrase. Prefix indexes up to 6 characters: a 4-digit phone prefix
  matched 13,000 distinct numbers and took 6 ms to merge without one, 0.6 ms with it.
- `search_names`: FTS5 trigram over the name's words, for any part of a word (`langer`
  finds `Boulangerie Martin`). Trigram needs `detail=full`.
- `search_sort`: the folded name, number, active flag and the name's indexed words (with
  a leading space): ordering, keyset paging and the inactive filter without touching the
  wide `customer` rows, and name matches checked on the row itself while walking the
  list in name order (see models.search).

Exact identifiers first lived in a plain (key, customer) table; filling it took 60% of a
100,000-customer bulk load, the `ids` column costs next to nothing.
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
    indexed_words,
    phone_forms,
    sort_name,
)

WORDS = "search_words"
NAMES = "search_names"
SORT = "search_sort"

_DDL = [
    f"CREATE VIRTUAL TABLE {WORDS} USING fts5(name, ids, body, tokenize='ascii', detail=column,"
    " content='', contentless_delete=1, prefix='1 2 3 4 5 6')",
    f"CREATE VIRTUAL TABLE {NAMES} USING fts5(name, tokenize='trigram', detail=full,"
    " content='', contentless_delete=1)",
    f"CREATE TABLE {SORT} (customer_id INTEGER NOT NULL PRIMARY KEY,"
    " sort_name TEXT NOT NULL, number TEXT NOT NULL, active INTEGER NOT NULL,"
    " name_words TEXT NOT NULL)",
    # Covering: walking the list in name order reads this index alone.
    f"CREATE INDEX {SORT}_order ON {SORT} (sort_name, number, active, name_words)",
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
    ids: str
    body: str
    sort_name: str
    number: str
    active: bool


def _run(db: Database, sql: str, params: Sequence[object] = ()) -> list[tuple[Any, ...]]:
    rows = db.execute_sql(sql, tuple(params)).fetchall()  # type: ignore[no-untyped-call]
    return list(rows)


def _run_many(db: Database, sql: str, rows: Sequence[tuple[object, ...]]) -> None:
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
    for table in (WORDS, NAMES, SORT):
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


def write_documents(db: Database, rows: list[IndexRow]) -> None:
    """Adds index rows for customers that have none yet (a bulk loader's new customers);
    inside the caller's write transaction."""
    words = [(r.customer_id, r.name, r.ids, r.body) for r in rows]
    _run_many(db, f"INSERT INTO {WORDS}(rowid, name, ids, body) VALUES (?, ?, ?, ?)", words)
    names = [(r.customer_id, r.name) for r in rows]
    _run_many(db, f"INSERT INTO {NAMES}(rowid, name) VALUES (?, ?)", names)
    order = [(r.customer_id, r.sort_name, r.number, int(r.active), f" {r.name}") for r in rows]
    _run_many(db, f"INSERT INTO {SORT}(customer_id, sort_name, number, active, name_words)"
              " VALUES (?, ?, ?, ?, ?)", order)  # fmt: skip


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
    merged: dict[int, list[str]] = {}
    for survivor, number in _run(
        db, f"SELECT merged_into_id, number FROM customer WHERE merged_into_id IN ({marks})", ids
    ):
        merged.setdefault(survivor, []).append(number)
    # A merged customer leaves the index: its number is found through its survivor's row.
    for row in _run(db, f"SELECT {_CUSTOMER_COLUMNS} FROM customer WHERE id IN ({marks})"
                    " AND merged_into_id IS NULL", ids):  # fmt: skip
        yield document(CustomerText(*row), contacts.get(row[0], ()), merged.get(row[0], ()))


def document(
    customer: CustomerText, contacts: Sequence[ContactText], merged: Sequence[str] = ()
) -> IndexRow:
    """The index row of one customer (`merged`: the numbers merged into it). Public so a
    bulk loader can index the rows it already holds in memory instead of reading them
    back."""
    ids = [customer.number, *merged, *_identifiers(customer.siren, customer.vat)]
    ids += phone_forms(customer.phone, customer.phone_e164)
    # Folding is word by word, so the body is folded in one call: folding field by field
    # took a third of a bulk load.
    body = [customer.postal_code, exact_key(customer.postal_code), customer.city]
    for contact in contacts:
        body += [contact.name, contact.email]
        ids += [exact_key(contact.email), *phone_forms(contact.phone, contact.phone_e164)]
    body += [customer.email, customer.notes]
    ids.append(exact_key(customer.email))
    return IndexRow(
        customer_id=customer.id,
        name=indexed_words(customer.name),
        ids=" ".join(dict.fromkeys(exact_key(i) for i in ids if i)),
        body=indexed_words(" ".join(body)),
        sort_name=sort_name(customer.name),
        number=customer.number,
        active=customer.status != "inactive",
    )


def _identifiers(siren: str, vat: str) -> list[str]:
    """SIREN/SIRET (and the SIREN inside a SIRET), the VAT number, and a Greek VAT number
    without its `EL` too: the AFM is usually typed bare."""
    found = [siren, vat]
    compact = digits(siren)
    if len(compact) == 14:
        found.append(compact[:9])
    if vat[:2].upper() == "EL":
        found.append(vat[2:])
    return found
