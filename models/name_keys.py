"""How names and addresses are reduced before two customers are compared.

On top of the search folding (accents, case, punctuation, Greek in Latin letters), a
duplicate check must ignore legal forms (`SARL Dupont` is `Dupont`) wherever they stand and
however they are dotted (`B.V.`, `BV`, `Α.Ε.`), and word order. Dotted forms fold to runs
of one-letter words (`b v`), which are joined back (`bv`) before the forms are dropped.
"""

from __future__ import annotations

import re

from models.search_text import digits, normalise

# Folded and transliterated, as `normalise` leaves them (Α.Ε. → "a e" → "ae").
LEGAL_FORMS = frozenset(
    """
    sarl sas sasu eurl sa snc sci scp scop sca scs selarl selas sem gie ei eirl earl gaec
    ets etablissements societe ste cie
    bv nv vof cv bvba sprl eenmanszaak maatschap stichting vereniging
    ae epe ike oe ee mepe mike
    ltd llc inc plc gmbh ag kg srl spa sl
    """.split()
)
# Words too common to tell two customers apart; never a blocking key on their own.
_FILLERS = frozenset(
    "et and und en kai de du des la le les l d the van der den het een of".split()
)
_STREET_WORDS = {
    "r": "rue", "av": "avenue", "ave": "avenue", "bd": "boulevard", "bld": "boulevard",
    "blvd": "boulevard", "pl": "place", "rte": "route", "imp": "impasse", "ch": "chemin",
    "chem": "chemin", "all": "allee", "sq": "square", "fg": "faubourg", "str": "straat",
    "ln": "laan", "odos": "odos", "od": "odos", "leof": "leoforos", "st": "saint",
    "ste": "sainte",
}  # fmt: skip
_SINGLE_LETTER_RUN = re.compile(r"\b(?:[a-z] )+[a-z]\b")


def name_tokens(name: str) -> list[str]:
    """The words that identify a name: folded, dotted abbreviations joined, legal forms
    dropped. A name made only of a legal form keeps it rather than becoming empty."""
    folded = _SINGLE_LETTER_RUN.sub(lambda m: m.group(0).replace(" ", ""), normalise(name))
    words = folded.split()
    kept = [w for w in words if w not in LEGAL_FORMS]
    return kept or words


def name_key(name: str) -> str:
    """Word-order-free form of a name: its tokens sorted."""
    return " ".join(sorted(name_tokens(name)))


def block_words(tokens: list[str]) -> list[str]:
    """Tokens worth looking candidates up by: no fillers, no one- or two-letter words."""
    return [t for t in tokens if len(t) >= 3 and t not in _FILLERS]


def address_key(street: str, postal_code: str) -> str:
    """Street and postcode reduced so `12, r. de la Paix` and `12 Rue de la Paix` meet;
    empty when either part is missing."""
    code = normalise(postal_code).replace(" ", "")
    words = [_STREET_WORDS.get(w, w) for w in normalise(street).split()]
    words = [w for w in words if w not in _FILLERS]
    if not code or not words:
        return ""
    return f"{code} {' '.join(words)}"


def postcode_key(postal_code: str) -> str:
    return normalise(postal_code).replace(" ", "")


def siren_key(siren: str) -> str:
    """The SIREN of a SIREN or SIRET (a SIRET's first nine digits); KvK numbers as typed."""
    compact = digits(siren)
    return compact[:9] if len(compact) == 14 else compact
