"""Is this customer already on file? The check before a save, the suggestions while a
name is typed, and the list of probable duplicate pairs across the whole file.

Candidates come from the blocking keys (models.duplicate_keys): customers sharing a phone,
an e-mail, a SIREN or an address, or a name word's first letters. Only those are scored,
so one check reads a few hundred rows, not the whole file. Name similarity alone misses
real duplicates (merged words, dropped legal forms, a new trading name), so identity
matches count on their own and add up with the name.

This module loads rapidfuzz; it is itself imported only where a check runs, never at
start-up.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, NamedTuple

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein

from models import validation as check
from models.customer_records import CustomerInput
from models.db import database
from models.duplicate_keys import IDENTITY_KINDS, KeySource, keys_for
from models.errors import ValidationError
from models.i18n import N_, _
from models.name_keys import name_tokens, postcode_key
from models.search_text import digits
from models.settings import Settings, load_settings

# A name alone must be this similar; with the same postcode, less.
NAME_ALONE = 88
NAME_WITH_POSTCODE = 80
SUGGEST_FROM = 70
# Candidates read per check: keys shared by more customers than this are combined or cut.
_BUDGET = 200
_NAMESAKES = 50
_PAIR_BLOCK = 60
_RARE_WORD_BLOCK = 8
_IDENTITY = {
    "s": ("siren", N_("same SIREN"), 95),
    "e": ("email", N_("same e-mail"), 90),
    "p": ("phone", N_("same phone"), 85),
    "a": ("address", N_("same address"), 75),
}


@dataclass(frozen=True)
class DuplicateMatch:
    number: str
    name: str
    city: str
    phone: str
    status: str
    score: int
    reasons: tuple[str, ...]
    checks: tuple[str, ...]
    blocking: bool


@dataclass(frozen=True)
class DuplicatePair:
    first: DuplicateMatch
    second: DuplicateMatch
    score: int
    reasons: tuple[str, ...]


class _Profile(NamedTuple):
    """One customer as the comparison sees it."""

    id: int
    number: str
    name: str
    city: str
    phone: str
    status: str
    postcode: str
    sorted_name: str  # name words sorted (the `k:` key)
    glued: str  # the same, glued (the `j:` key)
    identity: frozenset[str]  # p:/e:/s:/a: keys


class _Verdict(NamedTuple):
    score: int
    reasons: tuple[str, ...]
    checks: tuple[str, ...]


def name_similarity(a_sorted: str, a_glued: str, b_sorted: str, b_glued: str) -> int:
    """0–100: the better of the word-order-free and the glued comparison; one typo in a
    name of five letters or more counts as 90 (`Dupond`/`Dupont`, but not `Martin`/
    `Martinez`). Names whose numbers differ (`Pharmacie 3`, `Pharmacie 4`) are branches,
    not typos: they never reach the threshold of a name alone."""
    score = max(fuzz.ratio(a_sorted, b_sorted), fuzz.ratio(a_glued, b_glued))
    # A shared trade word makes `Boulangerie Martinez` and `Boulangerie Faure` look 81%
    # alike: what tells them apart is the rest, which must be alike too.
    a_words, b_words = a_sorted.split(), b_sorted.split()
    a_rest = [w for w in a_words if w not in b_words]
    b_rest = [w for w in b_words if w not in a_words]
    if a_rest and b_rest and len(a_rest) < len(a_words):
        score = min(score, fuzz.ratio(" ".join(a_rest), " ".join(b_rest)) + 10)
    if digits(a_glued) != digits(b_glued):
        return min(round(score), NAME_WITH_POSTCODE - 1)
    if min(len(a_glued), len(b_glued)) >= 5 and Levenshtein.distance(a_glued, b_glued) <= 1:
        score = max(score, 90)
    return round(score)


def _compare(a: _Profile, b: _Profile) -> _Verdict | None:
    parts: list[tuple[int, str, str]] = []  # (score, check, reason)
    shared = {key[0] for key in a.identity & b.identity}
    for kind in IDENTITY_KINDS:
        if kind in shared:
            name, reason, score = _IDENTITY[kind]
            parts.append((score, name, _(reason)))
    similarity = name_similarity(a.sorted_name, a.glued, b.sorted_name, b.glued)
    same_postcode = bool(a.postcode) and a.postcode == b.postcode
    if same_postcode and similarity >= NAME_WITH_POSTCODE:
        reason = _("similar name ({percent}%) + same postcode").format(percent=similarity)
        parts.append((round(similarity * 0.9), "name", reason))
    elif similarity >= NAME_ALONE:
        reason = _("similar name ({percent}%)").format(percent=similarity)
        parts.append((round(similarity * 0.8), "name", reason))
    if not parts:
        return None
    parts.sort(reverse=True)
    score = min(100, parts[0][0] + 5 * (len(parts) - 1))
    return _Verdict(score, tuple(p[2] for p in parts), tuple(p[1] for p in parts))


def _match(profile: _Profile, verdict: _Verdict, settings: Settings) -> DuplicateMatch:
    blocking = any(settings.duplicate_mode(c) == "block" for c in verdict.checks)
    return DuplicateMatch(
        profile.number, profile.name, profile.city, profile.phone, profile.status,
        verdict.score, verdict.reasons, verdict.checks, blocking,
    )  # fmt: skip


def _run(sql: str, params: Sequence[object] = ()) -> list[tuple[Any, ...]]:
    return list(database.execute_sql(sql, tuple(params)).fetchall())


def _marks(values: Sequence[object]) -> str:
    return ",".join("?" * len(values))


def _query_profile(data: CustomerInput) -> tuple[_Profile, list[str]]:
    """The typed customer as a profile, and its keys. Fields that do not parse (a phone
    that is not a number yet) just give no key: the form reports them elsewhere."""
    country = (data.country or "FR").strip().upper()
    phones = [_e164(data.phone, country), *(_e164(c.phone, country) for c in data.contacts)]
    emails = (data.email, *(c.email for c in data.contacts))
    keys = keys_for(
        KeySource(data.name, tuple(phones), emails, data.siren, data.street, data.postal_code)
    )
    return _profile_from_keys(0, "", data.name, data.city, data.phone, "", data.postal_code,
                              keys), keys  # fmt: skip


def _e164(phone: str, country: str) -> str:
    if not phone.strip():
        return ""
    try:
        return check.phone("phone", phone, country)[1]
    except ValidationError:
        return ""


def _profile_from_keys(
    id_: int, number: str, name: str, city: str, phone: str, status: str, postal_code: str,
    keys: Iterable[str],
) -> _Profile:  # fmt: skip
    sorted_name = glued = ""
    identity = set()
    for key in keys:
        kind = key[0]
        if kind == "k":
            sorted_name = key[2:]
        elif kind == "j":
            glued = key[2:]
        elif kind in IDENTITY_KINDS:
            identity.add(key)
    return _Profile(id_, number, name, city, phone, status, postcode_key(postal_code),
                    sorted_name, glued, frozenset(identity))  # fmt: skip


def _columns(row: tuple[Any, ...]) -> tuple[int, str, str, str, str, str, str]:
    """A `_PROFILE_COLUMNS` row, typed."""
    id_, number, name, city, phone, status, postal_code = row
    return int(id_), number, name, city, phone, status, postal_code


def _profiles(candidates: dict[int, set[str]]) -> list[_Profile]:
    """The candidates' profiles; their identity keys are those they share with the query
    (found with them), their name keys are made from the name here, which costs less than
    reading every key of every candidate."""
    if not candidates:
        return []
    ids = list(candidates)
    rows = _run(
        "SELECT id, number, name, city, phone, status, postal_code FROM customer"
        f" WHERE id IN ({_marks(ids)}) AND merged_into_id IS NULL AND anonymised_at IS NULL",
        ids,
    )
    profiles = []
    for row in rows:
        id_, number, name, city, phone, status, postal_code = _columns(row)
        words = _sorted_words(name)
        profiles.append(_Profile(id_, number, name, city, phone, status,
                                 postcode_key(postal_code), " ".join(words), "".join(words),
                                 frozenset(candidates[id_])))  # fmt: skip
    return profiles


@lru_cache(maxsize=20_000)
def _sorted_words(name: str) -> list[str]:
    """Cached: the same candidates come back keystroke after keystroke."""
    return sorted(name_tokens(name))


def _candidate_ids(keys: list[str]) -> dict[int, set[str]]:
    """Customers sharing an identity key (with the keys they share) or the glued name,
    plus those sharing the rarest name words, up to a budget; when every name word is
    common, those sharing two."""
    found: dict[int, set[str]] = {}
    identity = [k for k in keys if k[0] in IDENTITY_KINDS]
    # Fifty namesakes are as telling as five hundred, and cost a tenth.
    same_name = [k for k in keys if k[0] in "jk"]
    for wanted, most in ((identity, _BUDGET), (same_name, _NAMESAKES)):
        if not wanted:
            continue
        sql = f'SELECT customer_id, key FROM "duplicate_key" WHERE key IN ({_marks(wanted)})'
        for customer_id, key in _run(sql + " LIMIT ?", [*wanted, most]):
            shared = found.setdefault(customer_id, set())
            if key[0] in IDENTITY_KINDS:
                shared.add(key)
    # A word key covers its first four letters; a shorter word (still being typed) covers
    # every key it begins.
    words = [(k, k[:-1] + chr(ord(k[-1]) + 1)) for k in keys if k[0] == "n"]
    counts = {
        word: _run('SELECT count(*) FROM "duplicate_key" WHERE key >= ? AND key < ?', word)[0][0]
        for word in words
    }
    words = sorted((w for w in words if counts[w]), key=lambda w: counts[w])
    chosen: list[tuple[str, str]] = []
    total = 0
    for word in words:
        if chosen and total + counts[word] > _BUDGET:
            break
        chosen.append(word)
        total += counts[word]
    pairs = [k for k in keys if k[0] == "b"]
    if total > _BUDGET and pairs and all(len(w[0]) == 6 for w in words):
        # Every word is common: customers with two of them, from the pair keys.
        rows = _run(f'SELECT customer_id FROM "duplicate_key" WHERE key IN ({_marks(pairs)})'
                    " LIMIT ?", [*pairs, _BUDGET])  # fmt: skip
    elif total > _BUDGET and len(words) >= 2:
        # A word still being typed has no pair key: intersect the two rarest ranges.
        one = 'SELECT customer_id FROM "duplicate_key" WHERE key >= ? AND key < ?'
        rows = _run(f"{one} INTERSECT {one} LIMIT ?", [*words[0], *words[1], _BUDGET])
    elif chosen:
        ranges = " OR ".join(["(key >= ? AND key < ?)"] * len(chosen))
        sql = f'SELECT customer_id FROM "duplicate_key" WHERE {ranges} LIMIT ?'
        rows = _run(sql, [*(bound for w in chosen for bound in w), _BUDGET])
    else:
        rows = []
    for (customer_id,) in rows:
        found.setdefault(customer_id, set())
    return found


def _customer_id(number: str | None) -> int | None:
    if not number:
        return None
    rows = _run("SELECT id FROM customer WHERE number = ?", [number.strip().upper()])
    return int(rows[0][0]) if rows else None


def find_duplicates(
    data: CustomerInput,
    *,
    exclude_number: str | None = None,
    settings: Settings | None = None,
    limit: int = 20,
    harder: bool = False,
) -> list[DuplicateMatch]:
    """Customers on file that may be the one typed, most likely first. `harder` also
    compares the name with every name on file (slower: for the operator who asks)."""
    settings = settings or load_settings()
    query, keys = _query_profile(data)
    if not query.sorted_name and not query.identity:
        return []
    candidates = _candidate_ids(keys)
    if harder and query.sorted_name:
        for customer_id in _names_close_to(query, limit=200):
            candidates.setdefault(customer_id, set())
    candidates.pop(_customer_id(exclude_number) or 0, None)
    found = []
    for profile in _profiles(candidates):
        verdict = _compare(query, profile)
        if verdict is not None:
            found.append(_match(profile, verdict, settings))
    found.sort(key=lambda m: (-m.score, m.number))
    return found[:limit]


class RowsNotYetSaved:
    """The duplicate check among rows that are not in the database yet (the earlier lines
    of a file being imported): the same keys and scoring, held in memory."""

    def __init__(self) -> None:
        self._by_key: dict[str, list[tuple[str, _Profile]]] = {}

    def check(self, data: CustomerInput) -> list[DuplicateMatch]:
        """The rows added so far that `data` looks like, labelled as they were added."""
        query, keys = _query_profile(data)
        settings = load_settings()
        seen: dict[str, _Profile] = {}
        for key in keys:
            seen.update(self._by_key.get(key, ()))
        found = []
        for label, profile in seen.items():
            verdict = _compare(query, profile)
            if verdict is not None:
                found.append(_match(profile._replace(number=label), verdict, settings))
        return sorted(found, key=lambda m: -m.score)

    def add(self, label: str, data: CustomerInput) -> None:
        profile, keys = _query_profile(data)
        for key in keys:
            self._by_key.setdefault(key, []).append((label, profile))


def _names_close_to(query: _Profile, limit: int) -> list[int]:
    """Brute force: the query's name against every name key on file."""
    rows = _run("SELECT customer_id, substr(key, 3) FROM \"duplicate_key\""
                " WHERE key >= 'k:' AND key < 'k;'")  # fmt: skip
    names = {customer_id: name for customer_id, name in rows}
    best = process.extract(
        query.sorted_name, names, scorer=fuzz.ratio, score_cutoff=SUGGEST_FROM, limit=limit
    )
    return [int(customer_id) for _name, _score, customer_id in best]


def _typed_similarity(typed: str, name: str) -> int:
    """How well a name still being typed fits `name`: every typed word (of three letters
    or more) must be found, whole or begun, among its words: `boulangerie dup` fits
    `Boulangerie Dupont` entirely, `boulangerie mar` fits `Boulangerie Faure` only half."""
    # Two-letter words (`du`, `la`) would be found inside any typed word.
    words = [w for w in name.split() if len(w) >= 3]
    typed_words = [t for t in typed.split() if len(t) >= 3]
    if not words or not typed_words:
        return 0
    return round(min(max(fuzz.partial_ratio(t, w) for w in words) for t in typed_words))


def similar_names(
    name: str, *, limit: int = 8, exclude_number: str | None = None
) -> list[DuplicateMatch]:
    """Customers whose name looks like `name`, most similar first: the panel beside the
    name field while a new customer is typed."""
    if len(name.strip()) < 3:
        return []
    query, keys = _query_profile(CustomerInput(name=name))
    excluded = _customer_id(exclude_number)
    settings = load_settings()
    found = []
    candidates = _candidate_ids(keys)
    candidates.pop(excluded or 0, None)
    for profile in _profiles(candidates):
        similarity = max(
            name_similarity(query.sorted_name, query.glued, profile.sorted_name, profile.glued),
            _typed_similarity(query.sorted_name, profile.sorted_name),
        )
        if similarity >= SUGGEST_FROM:
            reason = _("similar name ({percent}%)").format(percent=similarity)
            found.append(_match(profile, _Verdict(similarity, (reason,), ("name",)), settings))
    found.sort(key=lambda m: (-m.score, m.name, m.number))
    return found[:limit]


def duplicate_pairs(
    *, limit: int = 500, progress: Callable[[int, int], None] | None = None
) -> list[DuplicatePair]:
    """Probable duplicate pairs across the whole file, best first. Customers are grouped
    by each blocking key: those sharing a phone, e-mail, SIREN or address are compared;
    those sharing only a name word or the whole name are compared within one postcode,
    because across the file a name alone pairs every `Jean Martin` with every other (the
    check on save still warns about those). Groups larger than a few dozen are skipped."""
    settings = load_settings()
    groups: dict[str, list[int]] = {}
    for key, customer_id in _run('SELECT key, customer_id FROM "duplicate_key" ORDER BY key'):
        groups.setdefault(key, []).append(customer_id)
    profiles = {p.id: p for p in _all_profiles(groups)}
    pairs: set[tuple[int, int]] = set()
    for key, members in groups.items():
        for block in _blocks(key, members, profiles):
            if 2 <= len(block) <= _PAIR_BLOCK:
                unique = sorted(block)
                pairs.update((a, b) for i, a in enumerate(unique) for b in unique[i + 1 :])
    total = len(pairs)
    scored: list[tuple[int, int, int, _Verdict]] = []
    for done, (a, b) in enumerate(sorted(pairs), start=1):
        verdict = _compare(profiles[a], profiles[b])
        if verdict is not None:
            scored.append((verdict.score, -a, -b, verdict))
        if progress is not None and (done % 5000 == 0 or done == total):
            progress(done, total)
    best = heapq.nlargest(limit, scored, key=lambda s: s[:3])
    return [
        DuplicatePair(_match(profiles[-a], verdict, settings),
                      _match(profiles[-b], verdict, settings), score, verdict.reasons)
        for score, a, b, verdict in best
    ]  # fmt: skip


def _blocks(key: str, members: list[int], profiles: dict[int, _Profile]) -> list[set[int]]:
    """The groups of customers to compare pair by pair for one key."""
    present = [m for m in members if m in profiles]
    if key[0] in IDENTITY_KINDS:
        return [set(present)]
    # A single word beginning is shared by every bakery of a town: only a rare one counts.
    most = _RARE_WORD_BLOCK if key[0] == "n" else _PAIR_BLOCK
    by_place: dict[str, set[int]] = {}
    for member in present:
        place = profiles[member].postcode
        if place:
            by_place.setdefault(place, set()).add(member)
    return [block for block in by_place.values() if len(block) <= most]


def _all_profiles(groups: dict[str, list[int]]) -> Iterable[_Profile]:
    keys: dict[int, list[str]] = {}
    for key, members in groups.items():
        if key[0] in "jk" or key[0] in IDENTITY_KINDS:
            for customer_id in members:
                keys.setdefault(customer_id, []).append(key)
    for row in _run(
        "SELECT id, number, name, city, phone, status, postal_code FROM customer"
        " WHERE merged_into_id IS NULL AND anonymised_at IS NULL"
    ):
        yield _profile_from_keys(*_columns(row), keys.get(row[0], ()))
