"""Customer search: one box, any identifier or word, results in rank groups sorted by name.

Pure functions over the database (no Textual), used by the customer list and the CLI.
Ranking: exact number / SIREN / VAT / phone / e-mail first, then customers whose name
matches a word of the query, then the rest; by folded name and number within a group.
Pages are keyset-paged: pass the last hit of a page as `after` to get the next one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from models.db import database
from models.search_index import NAMES, SORT, WORDS
from models.search_text import exact_key, normalise, query_tokens

__all__ = ["CustomerHit", "build_match_query", "normalise", "search_customers"]

RANK_EXACT = 0
RANK_NAME = 1
RANK_OTHER = 2

# Under three characters the trigram index has nothing to offer (and returned nothing for
# Greek pairs when measured): such words go to the word-prefix index only.
_TRIGRAM_MIN = 3
# Rows of the name order walked before sorting the matches instead (see `_page`).
_WALK_WINDOW = 3000
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
    # What the customer owes (minor units, its currency), when the caller asked for it.
    balance: int | None = None
    currency: str = ""

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
    Blank `text` lists every customer by name. Inactive customers only on request."""
    if limit <= 0:
        return []
    page: list[tuple[int, int, str]] = []
    for group in _groups(text):
        if after is not None and group.rank < after.rank:
            continue
        keyset = after if after is not None and after.rank == group.rank else None
        rows = _page(group, include_inactive, keyset, limit - len(page))
        page += [(group.rank, cid, name) for cid, name in rows]
        if len(page) >= limit:
            break
    return _hits(page)


def with_balances(hits: list[CustomerHit]) -> list[CustomerHit]:
    """The hits with what each customer owes, for the customer list."""
    from models.balances import balances_minor

    found = balances_minor([hit.number for hit in hits])
    return [
        replace(hit, balance=found[hit.number][0], currency=found[hit.number][1])
        if hit.number in found else hit
        for hit in hits
    ]  # fmt: skip


@dataclass(frozen=True)
class _Matches:
    """Customers found by FTS5: the union of (table, MATCH expression) lookups."""

    lookups: tuple[tuple[str, str], ...]

    def sql(self) -> str:
        return " UNION ".join(f"SELECT rowid FROM {t} WHERE {t} MATCH ?" for t, _ in self.lookups)

    def params(self) -> list[object]:
        return [match for _table, match in self.lookups]


@dataclass(frozen=True)
class _Condition:
    """One requirement on a customer, as SQL over the `search_sort` row `s` (`check`), and
    when it can drive the query, the FTS5 matches it stands for (`matches`)."""

    check: str
    params: tuple[object, ...] = ()
    matches: _Matches | None = None


@dataclass(frozen=True)
class _Group:
    rank: int
    conditions: tuple[_Condition, ...] = ()


def _groups(text: str) -> list[_Group]:
    """Exact identifiers; then customers whose name matches a word; then the rest, all
    holding every word. A customer is in one group only."""
    if not text.strip():
        return [_Group(RANK_NAME)]
    groups = []
    exact = _exact_matches(text)
    not_exact: tuple[_Condition, ...] = ()
    if exact is not None:
        groups.append(_Group(RANK_EXACT, (_Condition(f"s.customer_id IN ({exact.sql()})",
                                                     tuple(exact.params()), exact),)))  # fmt: skip
        not_exact = (_Condition(f"s.customer_id NOT IN ({exact.sql()})", tuple(exact.params())),)
    tokens = query_tokens(text)
    if tokens:
        name_check, name_params = _name_check(tokens)
        name = _Condition(name_check, name_params, _name_matches(tokens))
        # With one word the name condition implies the word condition.
        every = tuple(_word_condition(t) for t in tokens) if len(tokens) > 1 else ()
        groups.append(_Group(RANK_NAME, (name, *every, *not_exact)))
        # Outside the name group no word matches inside the name, so every word must
        # match elsewhere as a word prefix: one FTS5 query for all of them.
        words = _Matches(((WORDS, build_match_query(text)),))
        rest = _Condition(f"s.customer_id IN ({words.sql()})", tuple(words.params()), words)
        groups.append(_Group(RANK_OTHER, (rest, _Condition(f"NOT {name_check}", name_params),
                                          *not_exact)))  # fmt: skip
    return groups


def _exact_matches(text: str) -> _Matches | None:
    """Customers with an identifier equal to `text` (a whole token of the `ids` column):
    as typed, the customer number for a bare `123`, E.164 for a `00`-prefixed number."""
    key = exact_key(text)
    if not key:
        return None
    keys = [key]
    if _BARE_NUMBER.match(text.strip()):
        keys.append(f"c{int(key):06d}")
    if key.startswith("00") and key.isdigit():
        keys.append(key[2:])
    match = "{ids} : (" + " OR ".join(_quote(k) for k in dict.fromkeys(keys)) + ")"
    return _Matches(((WORDS, match),))


def _name_check(tokens: list[str]) -> tuple[str, tuple[object, ...]]:
    """SQL true when the name matches at least one token: contains it (3+ characters, as
    the trigram index finds it) or has a word starting with it. Checked on the row, so
    walking the list costs no FTS5 lookup."""
    checks, params = [], []
    for token in tokens:
        checks.append("instr(s.name_words, ?) > 0")
        params.append(token if len(token) >= _TRIGRAM_MIN else " " + token)
    return "(" + " OR ".join(checks) + ")", tuple(params)


def _name_matches(tokens: list[str]) -> _Matches:
    """The FTS5 lookups finding what `_name_check` accepts."""
    return _Matches(tuple(
        (NAMES, _quote(t)) if len(t) >= _TRIGRAM_MIN else (WORDS, "{name} : " + _quote(t) + "*")
        for t in tokens
    ))  # fmt: skip


def _word_condition(token: str) -> _Condition:
    """`token` as a word prefix anywhere, or (3+ characters) inside the name."""
    words = _Matches(((WORDS, _quote(token) + "*"),))
    check = f"s.customer_id IN ({words.sql()})"
    if len(token) < _TRIGRAM_MIN:
        return _Condition(check, (_quote(token) + "*",), words)
    both = _Matches((*words.lookups, (NAMES, _quote(token))))
    return _Condition(f"(instr(s.name_words, ?) > 0 OR {check})", (token, *words.params()), both)


def _page(
    group: _Group, include_inactive: bool, after: CustomerHit | None, limit: int
) -> list[tuple[int, str]]:
    """(customer id, sort name) of the next `limit` customers of `group`, in name order
    after `after`.

    Two plans, because SQLite cannot know how many customers a word matches. A word
    matching thousands (`sa`, `de`) is fastest walking the list in name order and checking
    each row (5.7 ms against 13.7 ms for `sa` at 100k customers); one matching a few is
    fastest sorting its matches. The walk covers a bounded window and is tried only when
    every FTS5 lookup of the group is dense enough to fill the page within it; otherwise,
    or when the matches lie further on (Greek names sort last), the smallest lookup
    drives and its matches are sorted."""
    checks = [c.check for c in group.conditions]
    params = [p for c in group.conditions for p in c.params]
    if not include_inactive:
        checks.append("s.active = 1")
    keyset, keyset_params = "", []
    if after is not None:
        keyset, keyset_params = "(sort_name, number) > (?, ?)", [after.sort_name, after.number]
    driving = [(c, c.matches) for c in group.conditions if c.matches is not None]
    dense = _dense_count(limit)
    sizes = [_size(matches, dense) for _condition, matches in driving]
    if all(size >= dense for size in sizes):
        walked = _rows(
            f"SELECT s.customer_id, s.sort_name FROM (SELECT * FROM {SORT}"
            f"{' WHERE ' + keyset if keyset else ''} ORDER BY sort_name, number"
            f"{f' LIMIT {_WALK_WINDOW}' if driving else ''}) s"
            f"{' WHERE ' + ' AND '.join(checks) if checks else ''} LIMIT ?",
            [*keyset_params, *params, limit],
        )
        if len(walked) >= limit or not driving:
            return walked
    driver, matches = driving[sizes.index(min(sizes))]
    rest = [c for c in group.conditions if c is not driver]
    where = [c.check for c in rest] + checks[len(group.conditions) :]
    if keyset:
        where.append("(s.sort_name, s.number) > (?, ?)")
    return _rows(
        f"SELECT s.customer_id, s.sort_name FROM ({matches.sql()}) m"
        f" CROSS JOIN {SORT} s ON s.customer_id = m.rowid"
        f"{' WHERE ' + ' AND '.join(where) if where else ''}"
        " ORDER BY s.sort_name, s.number LIMIT ?",
        [*matches.params(), *[p for c in rest for p in c.params], *keyset_params, limit],
    )


def _dense_count(limit: int) -> int:
    """Matches needed for `limit` of them to be expected within `_WALK_WINDOW` rows of
    the list (with a margin of two)."""
    span = database.execute_sql(f"SELECT max(customer_id) FROM {SORT}").fetchone()[0] or 0
    return max(1, 2 * limit * int(span) // _WALK_WINDOW)


def _size(matches: _Matches, cap: int) -> int:
    """How many customers the lookups find, counted up to `cap` only: a fraction of a
    millisecond however common the word."""
    row = database.execute_sql(
        f"SELECT count(*) FROM ({matches.sql()} LIMIT {int(cap)})", matches.params()
    ).fetchone()
    return int(row[0])


def _rows(sql: str, params: list[object]) -> list[tuple[int, str]]:
    """(customer id, sort name) pairs."""
    return [(int(r[0]), str(r[1])) for r in database.execute_sql(sql, params).fetchall()]


def _hits(page: list[tuple[int, int, str]]) -> list[CustomerHit]:
    """The display columns of the page's customers, in page order. Plain SQL: building
    the Peewee query cost as much as the search itself."""
    if not page:
        return []
    ids = [cid for _rank, cid, _name in page]
    marks = ", ".join([database.param] * len(ids))
    rows = database.execute_sql(
        f"SELECT id, {', '.join(_HIT_COLUMNS)} FROM customer WHERE id IN ({marks})", ids
    ).fetchall()
    columns = {row[0]: dict(zip(_HIT_COLUMNS, row[1:], strict=True)) for row in rows}
    return [
        CustomerHit(**columns[cid], rank=rank, sort_name=name)
        for rank, cid, name in page
        if cid in columns
    ]
