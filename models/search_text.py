"""How customer text and typed queries are folded before they meet the search index.

The same folding runs on both sides, so it is the one place that decides what matches:
NFKD with combining marks dropped (`École` → `ecole`, Greek tonos gone), casefold (`ς` is
`σ`), a few letters NFKD leaves alone (`œ`, `ø`, `ł`…), and Greek spelt in Latin letters.
FTS5's own unicode61 tokenizer folds neither Greek accents nor the final sigma, and cannot
match `papad` to `Παπαδόπουλος`; folding in Python can.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_MARKS = re.compile(r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]+")
_NOT_WORD = re.compile(r"[\W_]+")
_GREEK = re.compile(r"[\u0370-\u03ff\u1f00-\u1fff]")
_DIGITS = re.compile(r"\D+")

# Letters that NFKD does not decompose but that people type without their stroke.
_LATIN_EXTRA = str.maketrans(
    {"œ": "oe", "æ": "ae", "ø": "o", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "ı": "i"}
)

# ELOT 743 letter by letter. Only the vowel+υ pairs look behind (ου → ou, αυ → av,
# ευ → ev); nothing looks ahead, so a query typed one Greek letter at a time stays a
# prefix of the indexed spelling.
_GREEK_LETTERS = str.maketrans(
    {
        "α": "a", "β": "v", "γ": "g", "δ": "d", "ε": "e", "ζ": "z", "η": "i", "θ": "th",
        "ι": "i", "κ": "k", "λ": "l", "μ": "m", "ν": "n", "ξ": "x", "ο": "o", "π": "p",
        "ρ": "r", "σ": "s", "ς": "s", "τ": "t", "υ": "y", "φ": "f", "χ": "ch", "ψ": "ps",
        "ω": "o", "ϐ": "v", "ϑ": "th", "ϕ": "f", "ϖ": "p", "ϱ": "r", "ϲ": "s",
    }
)  # fmt: skip
_GREEK_DIPHTHONGS = (("ου", "ou"), ("αυ", "av"), ("ευ", "ev"), ("ηυ", "iv"))

# Common passport spellings that the letter-by-letter form misses (`Μπακάλης` is usually
# written Bakalis, `Χατζής` Hatzis): indexed as extra words, never applied to queries.
_GREEK_POPULAR = (
    (re.compile(r"\bμπ"), "b"), (re.compile(r"\bντ"), "d"), (re.compile(r"\bγκ"), "g"),
    (re.compile(r"γγ"), "ng"), (re.compile(r"χ"), "h"),
)  # fmt: skip


def _fold(text: str) -> str:
    """NFKD, marks dropped, casefolded, but still in its own script."""
    if text.isascii():
        return text.lower()
    text = _MARKS.sub("", unicodedata.normalize("NFKD", text)).casefold()
    return text.translate(_LATIN_EXTRA)


def _words(folded: str) -> str:
    return " ".join(_NOT_WORD.sub(" ", folded).split())


def _greek_to_latin(folded: str) -> str:
    for greek, latin in _GREEK_DIPHTHONGS:
        folded = folded.replace(greek, latin)
    return folded.translate(_GREEK_LETTERS)


def normalise(text: str) -> str:
    """The searchable form of `text`: folded, Greek in Latin letters, words separated by
    single spaces (punctuation is a separator). Used for the index and for queries."""
    folded = _fold(text)
    if _GREEK.search(folded):
        folded = _greek_to_latin(folded)
    return _words(folded)


def sort_name(name: str) -> str:
    """The key names sort by: folded but kept in its script, so Greek names sort in Greek
    alphabetical order after the Latin ones instead of by their transliteration."""
    return _words(_fold(name))


def indexed_words(text: str) -> str:
    """Text as the index holds it: `normalise(text)` plus, for Greek words, their
    popular Latin spellings as extra words."""
    folded = _fold(text)
    if not _GREEK.search(folded):
        return _words(folded)
    words = _words(_greek_to_latin(folded))
    popular = folded
    for pattern, latin in _GREEK_POPULAR:
        popular = pattern.sub(latin, popular)
    extra = set(_words(_greek_to_latin(popular)).split()) - set(words.split())
    return " ".join([words, *sorted(extra)]) if extra else words


def digits(text: str) -> str:
    return _DIGITS.sub("", text)


@lru_cache(maxsize=256)
def _country_prefix(e164_digits: str) -> tuple[str, str]:
    """(country calling code, national trunk prefix) of an E.164 number, from the
    phonenumbers metadata; ('', '') when no code fits."""
    import phonenumbers

    for size in (1, 2, 3):
        code = e164_digits[:size]
        regions = phonenumbers.COUNTRY_CODE_TO_REGION_CODE.get(int(code or "0"))
        if regions:
            metadata = phonenumbers.PhoneMetadata.metadata_for_region(regions[0])
            trunk = (metadata.national_prefix or "") if metadata else ""
            return code, trunk
    return "", ""


def phone_forms(typed: str, e164: str) -> list[str]:
    """Every digit string a phone number is looked up by: E.164 without `+`, the national
    form with its trunk prefix (`0612345678`), the national significant number, and the
    digits as typed. A query's digit groups are joined before matching (`06 12 34` →
    `061234`), so prefixes of these forms are enough."""
    forms: list[str] = []
    full = digits(e164)
    if full:
        forms.append(full)
        code, trunk = _country_prefix(full[:3])
        if code:
            national = full[len(code) :]
            forms.extend([trunk + national, national])
    as_typed = digits(typed)
    if as_typed:
        forms.append(as_typed)
    return list(dict.fromkeys(f for f in forms if f))


def query_tokens(text: str, max_tokens: int = 8, max_length: int = 64) -> list[str]:
    """The words of a typed query. Consecutive digit-only words are joined (`06 12 34`,
    `546 21`) because the index holds phone numbers and postcodes as one digit string as
    well as in groups. Repeats are dropped; very long input is cut, which only widens the
    search (every token is a prefix)."""
    tokens: list[str] = []
    for word in normalise(text).split():
        if word.isdigit() and tokens and tokens[-1].isdigit():
            tokens[-1] += word
        else:
            tokens.append(word)
    unique = list(dict.fromkeys(t[:max_length] for t in tokens))
    return unique[:max_tokens]


def exact_key(text: str) -> str:
    """An identifier as one token: normalised with the separators people type inside
    numbers and addresses removed (`+33 6 12…` → `33612…`, `a.b@c.fr` → `abcfr`)."""
    return normalise(text).replace(" ", "")
