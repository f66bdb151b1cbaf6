"""Postcode and city completion for the address fields.

Two sources, merged: the official lists shipped in `models/places/` (France: every
postcode and its communes; the Netherlands: 4-digit postcode → place), and the
postcode/city pairs already in the customer file, for every country — the places this
shop's customers really live in come first, spelt the official way when the list knows
them. Merged customers are left out (their pair counts once, on the survivor).

A shipped list is read once, on the first lookup for its country (a worker thread calls
this; nothing here runs at start-up): gunzip and one `split`, with no per-line Python
work, so the first lookup stays fast. The lines are stored sorted by folded name
(`place_key`), which `bisect` searches directly; the postcode order is one C-level sort of
the same lines, since each begins with its postcode.
"""

from __future__ import annotations

import gzip
import re
import threading
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

from peewee import SQL, fn

from models.db import database
from models.search_text import normalise
from models.tables import Customer

OFFICIAL = "official"
FILE = "file"


@dataclass(frozen=True)
class Place:
    postal_code: str
    city: str
    source: str  # OFFICIAL (a shipped list) or FILE (pairs typed into the customer file)


# Country → shipped list, and the shape of a postcode being typed there: the part the list
# holds, then what may follow it (the two letters of a Dutch postcode).
_SHIPPED = {
    "FR": ("FR.tsv.gz", re.compile(r"(\d{1,5})()")),
    "NL": ("NL.tsv.gz", re.compile(r"(\d{1,4})([A-Z]{0,2})")),
}
# Abbreviations in French place names, expanded on both sides (`St-Étienne`).
_FRENCH_WORDS = {"st": "saint", "ste": "sainte", "sts": "saints", "stes": "saintes"}


@lru_cache(maxsize=65536)
def place_key(city: str, country: str = "") -> str:
    """What city names are compared by: folded (accents, case, hyphens and apostrophes
    ignored, Greek in Latin letters) and, in France, `St`/`Ste` written out. The shipped
    lists are sorted by it (models/places/build.py)."""
    key = normalise(city)
    if country == "FR":
        key = " ".join(_FRENCH_WORDS.get(word, word) for word in key.split())
    return key


def _typed_key(text: str, country: str) -> str:
    """`place_key` of a name being typed: its last word may be unfinished (`st` on the way
    to `Strasbourg`), so it is only expanded once a space follows it."""
    key = normalise(text)
    if country != "FR" or not key:
        return key
    words = key.split()
    last = words.pop() if not text[-1:].isspace() else ""
    return " ".join([*(_FRENCH_WORDS.get(w, w) for w in words), last]).strip()


class _ShippedList:
    """One country's official list: lines `postcode TAB place`, sorted by place key."""

    def __init__(self, text: str, country: str) -> None:
        self.country = country
        self.by_name = text.rstrip("\n").split("\n")
        self.by_code = sorted(self.by_name)
        self.code_length = len(self.by_code[0].partition("\t")[0])

    def _key(self, line: str) -> str:
        return place_key(line.partition("\t")[2], self.country)

    def for_postcode(self, prefix: str) -> Iterator[tuple[str, str]]:
        lines = self.by_code
        for index in range(bisect_left(lines, prefix), len(lines)):
            if not lines[index].startswith(prefix):
                return
            code, _tab, name = lines[index].partition("\t")
            yield code, name

    def for_city(self, key: str) -> Iterator[tuple[str, str]]:
        lines = self.by_name
        for index in range(bisect_left(lines, key, key=self._key), len(lines)):
            if not self._key(lines[index]).startswith(key):
                return
            code, _tab, name = lines[index].partition("\t")
            yield code, name


_loaded: dict[str, _ShippedList] = {}
_loading = threading.Lock()


def _shipped(country: str) -> _ShippedList | None:
    if country not in _SHIPPED:
        return None
    with _loading:
        if country not in _loaded:
            resource = files("models.places").joinpath(_SHIPPED[country][0])
            text = gzip.decompress(resource.read_bytes()).decode("utf-8")
            _loaded[country] = _ShippedList(text, country)
        return _loaded[country]


# ---- the customer file ----------------------------------------------------------------


def _stored_form(country: str, typed: str) -> str:
    """A typed postcode (or its beginning) written the way the customer file stores it
    (models.validation.postcode): `1011AB` → `1011 AB`, `10557` → `105 57`."""
    compact = re.sub(r"\s+", "", typed).upper()
    split = {"NL": 4, "GR": 3}.get(country)
    if split is not None and len(compact) > split:
        return f"{compact[:split]} {compact[split:]}"
    return compact if country in _SHIPPED or split else typed.strip()


def _next_prefix(prefix: str) -> str:
    """The smallest string above every string starting with `prefix` (binary order)."""
    return prefix[:-1] + chr(ord(prefix[-1]) + 1)


def _file_pairs(country: str, prefix: str = "") -> Counter[tuple[str, str]]:
    """(postcode, city) → how many live customers have it, off the customer_place index;
    with `prefix`, only postcodes starting with it."""
    place = (Customer.postal_code, Customer.city)
    live = (Customer.country == country) & (Customer.city != "")
    if prefix:
        live &= (Customer.postal_code >= prefix) & (Customer.postal_code < _next_prefix(prefix))
    count = fn.COUNT(SQL("*"))
    query = Customer.select(*place, count).where(live).group_by(*place)
    # The raw cursor: Peewee's per-row conversion cost 10 times the query at 9,000 pairs.
    rows: list[tuple[str, str, int]] = database.execute(query).fetchall()
    pairs: Counter[tuple[str, str]] = Counter({(code, city): n for code, city, n in rows})
    # Merged customers are few and have their own index: subtracted rather than filtered,
    # which would make the query read every customer row instead of the index alone.
    merged = Customer.select(Customer.country, *place).where(Customer.merged_into > 0)
    for row_country, code, city in database.execute(merged).fetchall():
        if row_country == country and (code, city) in pairs:
            pairs[(code, city)] -= 1
    return +pairs


def _ranked(country: str, pairs: Counter[tuple[str, str]]) -> list[tuple[str, str]]:
    """One pair per place (`PARIS` and `Paris` count together, under the spelling typed
    most), the most used first."""
    places: dict[tuple[str, str], Counter[str]] = {}
    for (code, city), count in pairs.items():
        places.setdefault((code, place_key(city, country)), Counter())[city] += count
    ranked = sorted(places.items(), key=lambda item: (-item[1].total(), item[0]))
    return [(code, spellings.most_common(1)[0][0]) for (code, _key), spellings in ranked]


# ---- merging --------------------------------------------------------------------------


def _country(country: str) -> str:
    return country.strip().upper()


def _official_spelling(country: str, shipped: _ShippedList, code: str, city: str) -> str | None:
    """The shipped list's name for a pair typed into the file (`PARIS` → `Paris`)."""
    compact = code.replace(" ", "")
    key = place_key(city, country)
    for official_code, name in shipped.for_postcode(compact[: shipped.code_length]):
        if compact.startswith(official_code) and place_key(name, country) == key:
            return name
    return None


def _place_code(country: str, shipped: _ShippedList | None, code: str) -> str:
    """The part of a postcode the shipped list knows (`1012 KR` → `1012`), else itself."""
    found = _SHIPPED[country][1].fullmatch(code.replace(" ", "").upper()) if shipped else None
    if shipped is None or found is None or len(found.group(1)) != shipped.code_length:
        return code
    return str(found.group(1))


def _merge(
    country: str, learned: list[tuple[str, str]], official: Iterator[tuple[str, str]], limit: int
) -> list[Place]:
    """Learned pairs first (most used first, in the official spelling when the shipped list
    has the same place), then the official ones not listed yet."""
    shipped = _shipped(country)
    out: list[Place] = []
    seen: set[tuple[str, str]] = set()
    for code, city in learned:
        key = (code, place_key(city, country))
        if key in seen:
            continue
        seen.add(key)
        spelt = _official_spelling(country, shipped, code, city) if shipped else None
        out.append(Place(code, spelt, OFFICIAL) if spelt else Place(code, city, FILE))
    for code, city in official:
        key = (code, place_key(city, country))
        if key not in seen:
            seen.add(key)
            out.append(Place(code, city, OFFICIAL))
        if len(out) >= limit:
            break
    return out[:limit]


def _official_for_postcode(country: str, typed: str) -> Iterator[tuple[str, str]]:
    shipped = _shipped(country)
    found = _SHIPPED[country][1].fullmatch(typed) if shipped else None
    if shipped is None or found is None:
        return
    digits, rest = found.groups()
    if rest and len(digits) < shipped.code_length:
        return
    for code, city in shipped.for_postcode(digits):
        # What was typed past the part the list knows stays (`1011 AB`).
        yield (_stored_form(country, code + rest) if rest else code), city


def places_for_postcode(country: str, prefix: str, limit: int = 10) -> list[Place]:
    """The places whose postcode starts with `prefix` (a whole postcode: its communes)."""
    country = _country(country)
    stored = _stored_form(country, prefix)
    if not country or not stored:
        return []
    learned = _ranked(country, _file_pairs(country, stored))
    typed = re.sub(r"\s+", "", prefix).upper()
    return _merge(country, learned[:limit], _official_for_postcode(country, typed), limit)


def places_for_city(country: str, text: str, limit: int = 10) -> list[Place]:
    """The places whose name starts with `text` (accents, case and punctuation ignored),
    with their postcodes."""
    country = _country(country)
    key = _typed_key(text, country)
    if not country or not key:
        return []
    shipped = _shipped(country)
    learned: Counter[tuple[str, str]] = Counter()
    for (code, city), count in _file_pairs(country).items():
        if place_key(city, country).startswith(key):
            # `1012 KR` names a street, not Amsterdam: a name is offered with the part of
            # the postcode that goes with the place alone.
            learned[(_place_code(country, shipped, code), city)] += count
    official = shipped.for_city(key) if shipped else iter(())
    return _merge(country, _ranked(country, learned)[:limit], official, limit)


def places_in_postcode(country: str, postcode: str, text: str, limit: int = 10) -> list[Place]:
    """The places of `postcode` whose name starts with `text`: a city typed after its
    postcode is completed among that postcode's places only."""
    key = _typed_key(text, _country(country))
    found = places_for_postcode(country, postcode, limit=200)
    return [p for p in found if place_key(p.city, _country(country)).startswith(key)][:limit]
