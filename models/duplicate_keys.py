"""The duplicate check's blocking keys: for each customer, the short strings another
customer must share with it to be compared at all. One table, `duplicate_key(key,
customer_id)`, each key prefixed by its kind:

- `p:` phone in E.164 (customer and contacts), `e:` e-mail lowercased (customer and
  contacts), `s:` SIREN (a SIRET gives its SIREN), `a:` postcode + normalised street:
  identity — sharing one is a reason by itself;
- `n:` the first four letters of each name word (legal forms and fillers dropped): typos
  after the fourth letter (`Dupond`/`Dupont`) still meet;
- `b:` two such beginnings together (`b:fils|lefe`): when every word of a name is common
  (`Lefebvre et Fils`), one lookup instead of intersecting thousands of rows;
- `j:` the name's words sorted and glued (`BoulangerieMartin` meets `Martin Boulangerie`);
- `k:` the name key itself (sorted words): exact-name groups, and the list the
  "search harder" brute force reads without touching the wide customer rows.

Merged and anonymised customers have no keys, so they are never proposed.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from itertools import combinations
from typing import Any, NamedTuple

from peewee import Database

from models.db import database
from models.name_keys import address_key, block_words, name_tokens, siren_key

IDENTITY_KINDS = ("p", "e", "s", "a")
# Pairs of word beginnings are indexed for the first few words only (at most 6 pairs).
_PAIRED_WORDS = 4
_BATCH = 500


class KeySource(NamedTuple):
    """The columns keys are made from."""

    name: str
    phones: tuple[str, ...]  # E.164
    emails: tuple[str, ...]
    siren: str
    street: str
    postal_code: str


def keys_for(source: KeySource) -> list[str]:
    tokens = name_tokens(source.name)
    keys = [f"p:{p}" for p in source.phones if p]
    keys += [f"e:{e.strip().lower()}" for e in source.emails if e.strip()]
    siren = siren_key(source.siren)
    if siren:
        keys.append(f"s:{siren}")
    address = address_key(source.street, source.postal_code)
    if address:
        keys.append(f"a:{address}")
    starts = sorted({word[:4] for word in block_words(tokens)})
    keys += [f"n:{start}" for start in starts]
    keys += [f"b:{a}|{b}" for a, b in combinations(starts[:_PAIRED_WORDS], 2)]
    ordered = sorted(tokens)
    if ordered:
        keys += [f"j:{''.join(ordered)}", f"k:{' '.join(ordered)}"]
    return list(dict.fromkeys(keys))


def _run(db: Database, sql: str, params: Sequence[object] = ()) -> list[tuple[Any, ...]]:
    return list(db.execute_sql(sql, tuple(params)).fetchall())  # type: ignore[no-untyped-call]


def _sources(db: Database, ids: Sequence[int]) -> Iterator[tuple[int, KeySource]]:
    marks = ",".join("?" * len(ids))
    contacts: dict[int, tuple[list[str], list[str]]] = {}
    for customer_id, phone, email in _run(
        db, f"SELECT customer_id, phone_e164, email FROM contact WHERE customer_id IN ({marks})",
        ids,
    ):  # fmt: skip
        phones, emails = contacts.setdefault(customer_id, ([], []))
        phones.append(phone)
        emails.append(email)
    rows = _run(
        db,
        "SELECT id, name, phone_e164, email, siren, street, postal_code FROM customer"
        f" WHERE id IN ({marks}) AND merged_into_id IS NULL AND anonymised_at IS NULL",
        ids,
    )
    for customer_id, name, phone, email, siren, street, postal_code in rows:
        phones, emails = contacts.get(customer_id, ([], []))
        yield customer_id, KeySource(
            name, (phone, *phones), (email, *emails), siren, street, postal_code
        )


def write_keys(db: Database, sources: Iterable[tuple[int, KeySource]]) -> None:
    """Adds the keys of customers that have none yet; inside the caller's transaction."""
    rows = [(key, customer_id) for customer_id, source in sources for key in keys_for(source)]
    if rows:
        db.cursor().executemany(  # type: ignore[no-untyped-call]
            'INSERT INTO "duplicate_key" ("key", "customer_id") VALUES (?, ?)', rows
        )


def refresh(customer_ids: Iterable[int]) -> None:
    """Rewrites these customers' keys; call inside the write transaction that changed them."""
    db = database.obj
    wanted = list(dict.fromkeys(customer_ids))
    for start in range(0, len(wanted), _BATCH):
        chunk = wanted[start : start + _BATCH]
        marks = ",".join("?" * len(chunk))
        _run(db, f'DELETE FROM "duplicate_key" WHERE customer_id IN ({marks})', chunk)
        write_keys(db, list(_sources(db, chunk)))


def rebuild(db: Database) -> None:
    """Empties and refills the whole table (schema step 3); inside the caller's transaction."""
    _run(db, 'DELETE FROM "duplicate_key"')
    last = 0
    while True:
        ids = [row[0] for row in _run(
            db, "SELECT id FROM customer WHERE id > ? ORDER BY id LIMIT ?", (last, _BATCH * 4)
        )]  # fmt: skip
        if not ids:
            return
        write_keys(db, list(_sources(db, ids)))
        last = ids[-1]
