"""Postcode and city completion: the shipped French and Dutch lists, and the pairs the
customer file has learned, for any country."""

from __future__ import annotations

import gzip
from importlib.resources import files

import pytest
from peewee import Database

from models.customer_records import CustomerInput
from models.customers import create_customer
from models.merge import merge_customers
from models.postcodes import FILE, OFFICIAL, Place, place_key, places_for_city, places_for_postcode


def cities(places: list[Place]) -> list[str]:
    return [p.city for p in places]


def pairs(places: list[Place]) -> list[tuple[str, str]]:
    return [(p.postal_code, p.city) for p in places]


def add(name: str, postal_code: str, city: str, country: str = "FR") -> str:
    data = CustomerInput(name=name, postal_code=postal_code, city=city, country=country)
    return create_customer(data, "alice", force=True).number


@pytest.mark.parametrize(
    ("postcode", "city"),
    [
        ("75011", "Paris"),  # an arrondissement is written as its city
        ("13001", "Marseille"),
        ("69003", "Lyon"),
        ("42000", "Saint-Étienne"),  # proper case, accents kept
        ("20000", "Ajaccio"),  # Corsica: 2A in INSEE codes, 20 in postcodes
        ("97400", "Saint-Denis"),  # La Réunion
    ],
)
def test_a_french_postcode_gives_its_commune(db: Database, postcode: str, city: str) -> None:
    found = places_for_postcode("FR", postcode)
    assert found[0] == Place(postcode, city, OFFICIAL)


def test_a_postcode_shared_by_several_communes_lists_them_all(db: Database) -> None:
    found = places_for_postcode("FR", "01400", limit=50)
    assert cities(found) == [
        "Chanoz-Châtenay", "Châtillon-sur-Chalaronne", "Condeissiat",
        "Dompierre-sur-Chalaronne", "L'Abergement-Clémenciat", "Neuville-les-Dames", "Romans",
        "Saint-Georges-sur-Renon", "Sandrans", "Sulignat",
    ]  # fmt: skip
    assert {p.postal_code for p in found} == {"01400"}
    # Marseille 13013 covers three arrondissements: one city, once.
    assert pairs(places_for_postcode("FR", "13013")) == [("13013", "Marseille")]


def test_a_postcode_being_typed_lists_the_postcodes_it_begins(db: Database) -> None:
    found = places_for_postcode("FR", "7501", limit=30)
    codes = [p.postal_code for p in found]
    assert codes == sorted(codes)
    assert set(codes) == {f"750{n}" for n in range(10, 20)}
    # Some streets of Issy-les-Moulineaux have a Paris postcode.
    assert pairs(found)[5:7] == [("75015", "Issy-les-Moulineaux"), ("75015", "Paris")]
    assert len(places_for_postcode("FR", "4", limit=7)) == 7
    # Not a French postcode: nothing, and no error.
    assert places_for_postcode("FR", "750111") == []
    assert places_for_postcode("FR", "SW1A") == []
    assert places_for_postcode("FR", " ") == []


@pytest.mark.parametrize(
    "typed", ["saint etienne", "Saint-Étienne", "SAINT ETIENNE", "st etienne", "St-Étienne"]
)
def test_a_commune_name_gives_its_postcodes_accents_and_case_ignored(
    db: Database, typed: str
) -> None:
    found = places_for_city("FR", typed)
    assert pairs(found)[:3] == [
        ("42000", "Saint-Étienne"), ("42100", "Saint-Étienne"), ("42230", "Saint-Étienne"),
    ]  # fmt: skip
    # Then the communes whose name goes on (`Saint-Étienne-au-Mont`…), by name.
    assert all(place_key(p.city, "FR").startswith("saint etienne") for p in found)
    assert len(found) == 10


def test_a_name_being_typed_matches_names_that_begin_with_it(db: Database) -> None:
    assert cities(places_for_city("FR", "l'aberg")) == [
        "L'Abergement-Clémenciat", "L'Abergement-de-Cuisery", "L'Abergement-de-Varey",
        "L'Abergement-Sainte-Colombe",
    ]  # fmt: skip
    # `st` on its own is the start of a word, not yet an abbreviation.
    assert cities(places_for_city("FR", "stras"))[0] == "Strasbourg"
    assert all(name.startswith("St") for name in cities(places_for_city("FR", "st")))
    assert places_for_city("FR", "zzzz") == []
    assert places_for_city("FR", "  ") == []


def test_dutch_postcodes_from_the_shipped_list(db: Database) -> None:
    assert pairs(places_for_postcode("NL", "1011")) == [("1011", "Amsterdam")]
    # A whole Dutch postcode keeps its letters.
    assert pairs(places_for_postcode("NL", "1011ab")) == [("1011 AB", "Amsterdam")]
    assert pairs(places_for_postcode("nl", "2511 CV")) == [("2511 CV", "'s-Gravenhage")]
    assert ("9711", "Groningen") in pairs(places_for_city("NL", "gron"))


def test_pairs_in_the_customer_file_are_learned_for_any_country(db: Database) -> None:
    add("Kafeneio", "105 57", "Αθήνα", "GR")
    add("Taverna", "10557", "Αθήνα", "GR")
    add("Fournos", "546 21", "Θεσσαλονίκη", "GR")
    add("Bakkerij", "1001 AB", "Ons Dorp", "NL")  # not a place the shipped list knows
    assert places_for_postcode("GR", "105") == [Place("105 57", "Αθήνα", FILE)]
    assert places_for_postcode("GR", "10557") == [Place("105 57", "Αθήνα", FILE)]
    # Greek typed with or without accents, or in Latin letters.
    for typed in ("αθηνα", "ΑΘΉ", "ath"):
        assert places_for_city("GR", typed) == [Place("105 57", "Αθήνα", FILE)], typed
    assert pairs(places_for_city("GR", "thess")) == [("546 21", "Θεσσαλονίκη")]
    assert places_for_postcode("NL", "1001") == [Place("1001 AB", "Ons Dorp", FILE)]
    # By name, a Dutch postcode is offered without the letters that name the street.
    assert places_for_city("NL", "ons d") == [Place("1001", "Ons Dorp", FILE)]
    # Other countries' pairs stay theirs.
    assert FILE not in {p.source for p in places_for_postcode("FR", "105", limit=50)}
    assert places_for_city("BE", "ath") == []


def test_the_places_customers_live_in_come_first_spelt_the_official_way(db: Database) -> None:
    add("Dupont", "51300", "VITRY LE FRANCOIS")
    add("Martin", "51300", "Vitry-le-François")
    add("Durand", "51300", "Le Hameau du Moulin")  # a lieu-dit: not in the official list
    found = places_for_postcode("FR", "51300", limit=50)
    assert found[0] == Place("51300", "Vitry-le-François", OFFICIAL)
    assert found[1] == Place("51300", "Le Hameau du Moulin", FILE)
    assert cities(found).count("Vitry-le-François") == 1
    assert len(found) == 47  # the 46 communes of 51300, plus the lieu-dit
    assert places_for_city("FR", "vitry-le")[0] == Place("51300", "Vitry-le-François", OFFICIAL)


def test_merged_customers_pairs_are_not_listed(db: Database) -> None:
    keep = add("Bakker Jansen", "1002 ZZ", "Nergensdorp", "NL")
    other = add("Jansen Bakker", "1003 ZZ", "Ergensdorp", "NL")
    assert pairs(places_for_postcode("NL", "100")) == [
        ("1002 ZZ", "Nergensdorp"), ("1003 ZZ", "Ergensdorp"),
    ]  # fmt: skip
    merge_customers(keep, other, (), "alice")
    assert pairs(places_for_postcode("NL", "100")) == [("1002 ZZ", "Nergensdorp")]
    assert places_for_city("NL", "ergens") == []


def test_the_shipped_lists_are_sorted_the_way_they_are_searched() -> None:
    """If the folding changes, `python -m models.places.build` must be run again."""
    for country in ("FR", "NL"):
        resource = files("models.places").joinpath(f"{country}.tsv.gz")
        lines = gzip.decompress(resource.read_bytes()).decode("utf-8").splitlines()
        keys = [(place_key(line.split("\t")[1], country), line) for line in lines]
        assert keys == sorted(keys), country
        assert all(line.count("\t") == 1 for line in lines)
    assert len(lines) > 4000
