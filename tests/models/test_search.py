"""Keyword search through the services: what finds whom, ranking, escaping, paging, and
the index following every edit."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from peewee import Database

from models import search_index
from models.customer_records import ContactInput, CustomerInput
from models.customers import create_customer, get_customer, input_from_record, set_active
from models.customers import update_customer as update
from models.db import database, write_txn
from models.search import (
    RANK_EXACT,
    RANK_NAME,
    RANK_OTHER,
    build_match_query,
    normalise,
    search_customers,
)
from models.search_index import WORDS
from models.tables import Customer

BAKERY = CustomerInput(
    name="Boulangerie Martin SARL",
    phone="06 12 34 56 78",
    email="contact@boulangerie-martin.fr",
    street="12 rue de la Roquette",
    postal_code="75011",
    city="Paris",
    siren="732 829 320",
    vat="FR44732829320",
    status="customer",
    notes="Livraison le mardi, sonner deux fois.",
    contacts=(ContactInput("Jeanne Lefèvre", "gérante", "06 98 76 54 32", "jeanne@lefevre.fr"),),
)
SCHOOL = CustomerInput(name="École Sainte-Thérèse", postal_code="69003", city="Lyon",
                       phone="04 78 12 34 56", email="secretariat@ecole-st.fr")  # fmt: skip
DUTCH = CustomerInput(name="Bakkerij de Vries B.V.", country="NL", postal_code="2578LJ",
                      city="Den Haag", phone="070 123 4567", vat="NL004495445B01",
                      language="nl")  # fmt: skip
GREEK = CustomerInput(name="Παπαδόπουλος Ι.Κ.Ε.", country="GR", postal_code="54621",
                      city="Θεσσαλονίκη", phone="2310 123456", language="el")  # fmt: skip


@pytest.fixture
def shop(db: Database) -> dict[str, str]:
    """Four customers, by nickname → number."""
    made = {nick: create_customer(data, "alice", force=True).number
            for nick, data in (("bakery", BAKERY), ("school", SCHOOL), ("dutch", DUTCH),
                               ("greek", GREEK))}  # fmt: skip
    return made


def numbers(text: str, **options: object) -> list[str]:
    return [hit.number for hit in search_customers(text, **options)]  # type: ignore[arg-type]


FINDS = [
    ("number", "C000001", "bakery"),
    ("number lower case", "c000002", "school"),
    ("bare number", "3", "dutch"),
    ("name word prefix", "boul", "bakery"),
    ("part of a word", "langer", "bakery"),
    ("contact name", "jeanne", "bakery"),
    ("contact name without accent", "lefevre", "bakery"),
    ("FR postcode", "75011", "bakery"),
    ("NL postcode without space", "2578LJ", "dutch"),
    ("NL postcode with space", "2578 LJ", "dutch"),
    ("GR postcode with space", "546 21", "greek"),
    ("GR postcode without space", "54621", "greek"),
    ("city", "lyon", "school"),
    ("city in Greek without tonos", "θεσσαλονικη", "greek"),
    ("phone in groups", "06 12 34", "bakery"),
    ("phone in E.164", "+33612", "bakery"),
    ("phone national digits", "0612", "bakery"),
    ("phone with dots", "06.12.34.56", "bakery"),
    ("contact phone", "0698", "bakery"),
    ("NL phone", "0701234", "dutch"),
    ("GR phone international", "+30 2310", "greek"),
    ("email", "contact@boulangerie-martin.fr", "bakery"),
    ("email prefix", "secretariat", "school"),
    ("SIREN", "732829320", "bakery"),
    ("SIREN with spaces", "732 829 320", "bakery"),
    ("VAT", "NL004495445B01", "dutch"),
    ("note word", "mardi", "bakery"),
    ("accents and case", "ecole", "school"),
    ("upper case with accents", "ÉCOLE SAINTE", "school"),
    ("Greek without tonos", "παπαδοπουλος", "greek"),
    ("Greek prefix", "Παπα", "greek"),
    ("Latin transliteration", "papad", "greek"),
    ("two-letter Greek", "πα", "greek"),
    ("several words narrow", "bakkerij haag", "dutch"),
]


@pytest.mark.parametrize(("case", "query", "expected"), FINDS, ids=[f[0] for f in FINDS])
def test_finds(shop: dict[str, str], case: str, query: str, expected: str) -> None:
    assert shop[expected] in numbers(query), case


NOT_FOUND = [
    ("words are ANDed", "boulangerie lyon"),
    ("two letters never match inside a word", "ng"),
    ("street is not searched", "roquette"),
    ("nothing", "zzzz"),
]


@pytest.mark.parametrize(("case", "query"), NOT_FOUND, ids=[n[0] for n in NOT_FOUND])
def test_does_not_find(shop: dict[str, str], case: str, query: str) -> None:
    assert numbers(query) == [], case


def test_exact_identifiers_rank_before_name_matches_before_the_rest(db: Database) -> None:
    other = create_customer(dataclasses.replace(
        BAKERY, name="Alpha Traiteur", siren="", vat="", phone="", email="",
        contacts=(ContactInput("Martin Durand"),)), "alice", force=True)  # fmt: skip
    named = create_customer(dataclasses.replace(
        BAKERY, name="Martin Frères", siren="", vat="", phone="", email="", contacts=()),
        "alice", force=True)  # fmt: skip
    bakery = create_customer(BAKERY, "alice", force=True)
    hits = search_customers("martin")
    assert [(h.number, h.rank) for h in hits] == [
        (bakery.number, RANK_NAME),
        (named.number, RANK_NAME),
        (other.number, RANK_OTHER),
    ]
    for identifier in ("0612345678", "+33 6 12 34 56 78", "732829320", bakery.number,
                       "CONTACT@boulangerie-martin.fr"):  # fmt: skip
        assert search_customers(identifier)[0].number == bakery.number, identifier
        assert search_customers(identifier)[0].rank == RANK_EXACT, identifier


def test_exact_number_listed_once_before_other_matches(db: Database) -> None:
    first = create_customer(dataclasses.replace(SCHOOL, name="Café 2"), "alice", force=True)
    second = create_customer(dataclasses.replace(SCHOOL, name="Bar 1"), "alice", force=True)
    hits = search_customers("1")
    assert [h.number for h in hits][:1] == [first.number]
    assert [h.number for h in hits].count(first.number) == 1
    assert second.number in [h.number for h in hits]


def test_inactive_hidden_unless_asked(shop: dict[str, str]) -> None:
    set_active(shop["school"], False, "bob")
    assert numbers("ecole") == [] and numbers(shop["school"]) == []
    assert numbers("ecole", include_inactive=True) == [shop["school"]]
    assert shop["school"] not in numbers("")
    assert shop["school"] in numbers("", include_inactive=True)
    set_active(shop["school"], True, "bob")
    assert numbers("ecole") == [shop["school"]]


def test_index_follows_edits(shop: dict[str, str]) -> None:
    record = get_customer(shop["bakery"])
    edited = dataclasses.replace(input_from_record(record), name="Pâtisserie Dubois",
                                 city="Marseille", email="", contacts=())  # fmt: skip
    update(shop["bakery"], edited, record.version, "bob")
    assert numbers("boulangerie") == [] and numbers("jeanne") == [] and numbers("langer") == []
    assert numbers("patisserie marseille") == [shop["bakery"]]
    assert numbers("bois") == [shop["bakery"]]


def test_empty_query_lists_everyone_by_name(shop: dict[str, str]) -> None:
    hits = search_customers("")
    assert [h.name for h in hits] == [
        "Bakkerij de Vries B.V.", "Boulangerie Martin SARL", "École Sainte-Thérèse",
        "Παπαδόπουλος Ι.Κ.Ε."]  # fmt: skip


def test_keyset_paging_returns_everyone_once_in_name_order(db: Database) -> None:
    names = [f"{prefix} {i}" for i, prefix in enumerate(["Martin", "martin", "Mártin",
             "Marty", "Αλφα", "Zèbre"] * 4)]  # fmt: skip
    made = {create_customer(dataclasses.replace(SCHOOL, name=n), "alice", force=True).number
            for n in names}  # fmt: skip
    for query in ("", "mar", "ma"):
        seen, after = [], None
        while page := search_customers(query, limit=5, after=after):
            seen += page
            after = page[-1]
        keys = [(h.rank, h.sort_name, h.number) for h in seen]
        assert keys == sorted(keys), query
        assert len({h.number for h in seen}) == len(seen), query
        if query == "":
            assert {h.number for h in seen} == made


def test_normalise_folds_case_accents_sigma_and_greek() -> None:
    assert normalise("École  Sainte-Thérèse") == "ecole sainte therese"
    assert normalise("ΟΔΟΣ") == normalise("οδός") == normalise("οδος") == "odos"
    assert normalise("Παπαδόπουλος") == "papadopoulos"
    assert normalise("Œuvre") == "oeuvre"


HOSTILE = ['"', '""', "*", "-", "AND", "NEAR(", "(", ")", "a OR b", "^x", "{name}:x",
           "NOT", "'", "\x00", "col:", "+", "a\"b*c", "NEAR(a b, 2)"]  # fmt: skip


@pytest.mark.parametrize("query", HOSTILE)
def test_syntax_is_searched_as_text(shop: dict[str, str], query: str) -> None:
    search_customers(query)
    search_customers(query + " boul")


SYNTAX = "\"*-()^:{}+'. aAnNdDoOrRtTeE1Σςé\x00"


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.text(st.sampled_from(list(SYNTAX)) | st.characters(), max_size=40))
def test_no_text_raises(shop: dict[str, str], text: str) -> None:
    match = build_match_query(text)
    if match:
        database.execute_sql(f"SELECT rowid FROM {WORDS} WHERE {WORDS} MATCH ?", (match,))
    search_customers(text)
    search_customers(text, include_inactive=True, limit=3)


def test_a_plus_means_a_phone_not_a_customer_number(shop: dict[str, str]) -> None:
    assert search_customers("3")[0].number == shop["dutch"]
    assert search_customers("3")[0].rank == RANK_EXACT
    assert all(hit.rank != RANK_EXACT for hit in search_customers("+3"))


PLAN_NAMES = ["Martin Dubois", "Martine Roux", "Boulangerie Martin", "Garage du Marché",
              "Παπαδόπουλος Α.Ε.", "Μαρτίνου Ελένη", "Bakkerij Martens B.V.", "Marchand SA",
              "Épicerie Maréchal", "Amar Traiteur"]  # fmt: skip


@pytest.mark.parametrize("query", ["", "mar", "ma", "m", "martin", "mar dub", "ar",
                                   "ρτι", "06 12", "+33", "75011", "c0000", "ma 75"])  # fmt: skip
def test_walking_and_sorting_plans_agree(
    db: Database, monkeypatch: pytest.MonkeyPatch, query: str
) -> None:
    """The two query plans of `_page` must return the same pages; force each in turn."""
    import models.search as search

    for index, name in enumerate(PLAN_NAMES * 3):
        create_customer(dataclasses.replace(BAKERY, name=f"{name} {index}",
                                            status="inactive" if index % 7 == 0 else "customer",
                                            siren="", vat=""), "alice", force=True)  # fmt: skip

    def all_pages(include_inactive: bool) -> list[tuple[int, str, str]]:
        seen: list[tuple[int, str, str]] = []
        after = None
        while page := search_customers(query, limit=4, after=after,
                                       include_inactive=include_inactive):  # fmt: skip
            seen += [(h.rank, h.sort_name, h.number) for h in page]
            after = page[-1]
        return seen

    results = []
    for window, dense in ((3000, 1), (2, 1), (3000, 10**9)):
        monkeypatch.setattr(search, "_WALK_WINDOW", window)
        monkeypatch.setattr(search, "_dense_count", lambda limit, dense=dense: dense)
        results.append((all_pages(False), all_pages(True)))
    assert results[0] == results[1] == results[2]
    active, everyone = results[0]
    assert active == sorted(active) and everyone == sorted(everyone)
    assert len(set(everyone)) == len(everyone) >= len(active)


def test_rebuild_and_batch_refresh_match_the_services(shop: dict[str, str]) -> None:
    queries = ["", "boul", "langer", "06 12 34", "546 21", "papad", "C000002", "ecole lyon"]
    before = {q: numbers(q, include_inactive=True) for q in queries}
    with write_txn():
        search_index.rebuild(database.obj)
    assert {q: numbers(q, include_inactive=True) for q in queries} == before
    bakery = Customer.get(Customer.number == shop["bakery"])
    with write_txn():
        Customer.update(name="Fromagerie Leduc").where(Customer.id == bakery.id).execute()
    assert numbers("fromagerie") == []
    with write_txn():
        search_index.index_customers([bakery.id])
    assert numbers("fromagerie") == numbers("leduc") == [shop["bakery"]]
    assert numbers("langer") == []
