"""Customer search: one box, any identifier or word, results in rank groups sorted by name.

Pure functions over the database (no Textual), used by the customer list and the CLI.
Ranking: exact number / SIREN / VAT / phone / e-mail first, then customers whose name
matches a word of the query, then the rest; by folded name and number within a group.
Pages are keyset-paged: pass the last hit of a page as `after` to get the next one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from models.db import database
from models.search_index import KEYS, NAMES, SORT, WORDS
from models.search_text import exact_key, normalise, query_tokens
from models.tables import Customer as CustomerRow

__all__ = ["CustomerHit", "build_match_query", "normalise", "search_customers"]

RANK_EXACT = 0
RANK_NAME = 1
RANK_OTHER = 2

# Under three characters the trigram index has nothing to offer (and returned nothing for
# Greek pairs when measured): such words go to the word-prefix index only.
_TRIGRAM_MIN = 3
_HIT_COLUMNS = ("number", "name", "kind", "status", "street", "postal_code", "city", "country",
                "phone", "email", "siren", "vat")  # fmt: skip
_BARE_NUMBER = re.compile(r"^[1-9]\d{0,5}$|^\d{6}$")


@dataclass(frozen=True)
class CustomerHit:
    """One line of the customer list. `rank` and `sort_name` (with `number`) are the
    keyset: hand the last hit of a page back as `after` for the next page."""

    number: str
    name: str
    kind: str
    status: str
    street: str
    postal_code: str
    city: str
    country: str
    phone: str
    email: str
    siren: str
    vat: str
    rank: int
    sort_name: str

    @property
    def is_active(self) -> bool:
        return self.status != "inactive"


def _quote(token: str) -> str:
    """An FTS5 string: whatever it contains is text, never query syntax."""
    return '"' + token.replace('"', '""') + '"'


def build_match_query(text: str) -> str:
    """The FTS5 MATCH expression for the word-prefix index: every word of `text` quoted as
    a prefix, all required (`"boul"* AND "lyon"*`); '' when `text` has no word. Quoting
    makes `"`, `*`, `-`, `AND`, `NEAR(`, parentheses plain text: unquoted input raised an
    FTS5 syntax error on 84% of random queries."""
    return " AND ".join(_quote(token) + "*" for token in query_tokens(text))


def search_customers(
    text: str,
    *,
    limit: int = 50,
    include_inactive: bool = False,
    after: CustomerHit | None = None,
) -> list[CustomerHit]:
    """Customers matching every word of `text` (as a word prefix anywhere, or inside the
    name for words of 3+ characters), ranked, at most `limit`, starting after `after`.
    Empty `text` lists every customer by name. Inactive customers only on request."""
    if limit <= 0:
        return []
    tokens = query_tokens(text)
    if not tokens and not text.strip():
        return _fetch(_browse(limit, include_inactive, after), RANK_NAME)
    keys = _exact_keys(text)
    page: list[tuple[int, int, str]] = []
    exact = _exact_ids(keys, include_inactive)
    start_rank = after.rank if after is not None else RANK_EXACT
    if start_rank <= RANK_EXACT and exact:
        rows = _sorted_ids(exact, after if start_rank == RANK_EXACT else None, limit)
        page += [(RANK_EXACT, cid, name) for cid, name in rows]
    if tokens:
        for rank in (RANK_NAME, RANK_OTHER):
            if len(page) >= limit or start_rank > rank:
                continue
            rows = _group(tokens, rank, exact, include_inactive,
                          after if start_rank == rank else None, limit - len(page))  # fmt: skip
            page += [(rank, cid, name) for cid, name in rows]
    return _hits(page[:limit])


def _exact_keys(text: str) -> list[str]:
    """The identifiers `text` could be typed as: itself compacted, the number for a bare
    `123`, the E.164 digits for a `00`-prefixed international number."""
    key = exact_key(text)
    keys = [key]
    if _BARE_NUMBER.match(key):
        keys.append(f"c{int(key):06d}")
    if key.startswith("00") and key.isdigit():
        keys.append(key[2:])
    return [k for k in dict.fromkeys(keys) if k]


def _exact_ids(keys: list[str], include_inactive: bool) -> list[int]:
    if not keys:
        return []
    marks = ",".join("?" * len(keys))
    active = "" if include_inactive else " AND s.active = 1"
    rows = database.execute_sql(
        f"SELECT DISTINCT k.customer_id FROM {KEYS} k JOIN {SORT} s"
        f" ON s.customer_id = k.customer_id WHERE k.key IN ({marks}){active}",
        tuple(keys),
    ).fetchall()
    return [int(r[0]) for r in rows]


def _sorted_ids(ids: list[int], after: CustomerHit | None, limit: int) -> list[tuple[int, str]]:
    marks = ",".join("?" * len(ids))
    params: list[object] = list(ids)
    keyset = ""
    if after is not None:
        keyset = " AND (sort_name, number) > (?, ?)"
        params += [after.sort_name, after.number]
    rows = database.execute_sql(
        f"SELECT customer_id, sort_name FROM {SORT} WHERE customer_id IN ({marks}){keyset}"
        " ORDER BY sort_name, number LIMIT ?",
        (*params, limit),
    ).fetchall()
    return [(int(r[0]), str(r[1])) for r in rows]


def _browse(limit: int, include_inactive: bool, after: CustomerHit | None) -> list[tuple[int, str]]:
    where, params = [], []
    if not include_inactive:
        where.append("active = 1")
    if after is not None:
        where.append("(sort_name, number) > (?, ?)")
        params += [after.sort_name, after.number]
    clause = f" WHERE {' AND '.join(where)}" if where else ""
    rows = database.execute_sql(
        f"SELECT customer_id, sort_name FROM {SORT}{clause} ORDER BY sort_name, number LIMIT ?",
        (*params, limit),
    ).fetchall()
    return [(int(r[0]), str(r[1])) for r in rows]


def _word_match(token: str, name_only: bool = False) -> tuple[str, str]:
    column = "{name} : " if name_only else ""
    return f"SELECT rowid FROM {WORDS} WHERE {WORDS} MATCH ?", column + _quote(token) + "*"


def _trigram_match(token: str) -> tuple[str, str]:
    return f"SELECT rowid FROM {NAMES} WHERE {NAMES} MATCH ?", _quote(token)


def _token_match(token: str) -> tuple[str, list[str]]:
    """Customers with `token` anywhere as a word prefix, or inside the name."""
    sql, param = _word_match(token)
    if len(token) < _TRIGRAM_MIN:
        return sql, [param]
    trigram_sql, trigram_param = _trigram_match(token)
    return f"{sql} UNION {trigram_sql}", [param, trigram_param]


def _name_match(tokens: list[str]) -> tuple[str, list[str]]:
    """Customers whose name matches at least one token."""
    parts, params = [], []
    for token in tokens:
        sql, param = (
            _trigram_match(token) if len(token) >= _TRIGRAM_MIN else _word_match(token, True)
        )
        parts.append(sql)
        params.append(param)
    return " UNION ".join(parts), params


def _group(
    tokens: list[str],
    rank: int,
    exact: list[int],
    include_inactive: bool,
    after: CustomerHit | None,
    limit: int,
) -> list[tuple[int, str]]:
    """One rank group (name matches, or the rest), in name order after `after`."""
    where: list[str] = []
    params: list[object] = []
    name_sql, name_params = _name_match(tokens)
    where.append(f"s.customer_id {'IN' if rank == RANK_NAME else 'NOT IN'} ({name_sql})")
    params += name_params
    single_name_token = rank == RANK_NAME and len(tokens) == 1
    for token in tokens if not single_name_token else ():
        sql, token_params = _token_match(token)
        where.append(f"s.customer_id IN ({sql})")
        params += token_params
    if exact:
        where.append(f"s.customer_id NOT IN ({','.join('?' * len(exact))})")
        params += exact
    if not include_inactive:
        where.append("s.active = 1")
    if after is not None:
        where.append("(s.sort_name, s.number) > (?, ?)")
        params += [after.sort_name, after.number]
    rows = database.execute_sql(
        f"SELECT s.customer_id, s.sort_name FROM {SORT} s WHERE {' AND '.join(where)}"
        " ORDER BY s.sort_name, s.number LIMIT ?",
        (*params, limit),
    ).fetchall()
    return [(int(r[0]), str(r[1])) for r in rows]


def _fetch(rows: list[tuple[int, str]], rank: int) -> list[CustomerHit]:
    return _hits([(rank, cid, name) for cid, name in rows])


def _hits(page: list[tuple[int, int, str]]) -> list[CustomerHit]:
    """The display columns of the page's customers, in page order."""
    if not page:
        return []
    ids = [cid for _rank, cid, _name in page]
    fields = [getattr(CustomerRow, name) for name in _HIT_COLUMNS]
    query = CustomerRow.select(CustomerRow.id, *fields).where(CustomerRow.id.in_(ids)).tuples()
    rows: list[tuple[Any, ...]] = list(query.iterator())
    columns = {row[0]: dict(zip(_HIT_COLUMNS, row[1:], strict=True)) for row in rows}
    return [
        CustomerHit(**columns[cid], rank=rank, sort_name=name)
        for rank, cid, name in page
        if cid in columns
    ]
