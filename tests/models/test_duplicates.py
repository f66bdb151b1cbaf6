"""The duplicate check: who is proposed, with which reasons, and what the save does."""

from __future__ import annotations

import dataclasses

import pytest
from peewee import Database

from models.customer_records import ContactInput, CustomerInput
from models.customers import create_customer, customer_history, get_customer, update_customer
from models.db import write_txn
from models.duplicates import duplicate_pairs, find_duplicates, similar_names
from models.errors import DuplicatesFound
from models.migrations import open_database
from models.settings import load_settings, save_settings
from models.tables import Customer
from tests.old_schemas import undo_schema_4, undo_schema_5, undo_schema_6

ON_FILE = {
    "dupont": CustomerInput(name="Boulangerie Dupont SARL", postal_code="75011", city="Paris",
                            street="12 rue de la Roquette", phone="01 43 55 12 12"),
    "vries": CustomerInput(name="Bakkerij de Vries B.V.", country="NL", postal_code="2578 LJ",
                           city="Den Haag", phone="070 345 6789"),
    "papa": CustomerInput(name="Παπαδόπουλος Α.Ε.", country="GR", postal_code="546 21",
                          city="Θεσσαλονίκη", email="info@papadopoulos.gr"),
    "siren": CustomerInput(name="Garage du Centre", siren="732829320", postal_code="69003",
                           city="Lyon"),
    "mail": CustomerInput(name="Fleurs Lemoine", email="Contact@Fleurs-Lemoine.fr"),
    "phone": CustomerInput(name="Jeanne Morel", kind="individual", phone="+33 6 12 34 56 78"),
    "martin": CustomerInput(name="Martin", postal_code="33000", city="Bordeaux"),
    "contact": CustomerInput(name="Menuiserie Roux", contacts=(
        ContactInput("Luc Roux", "gérant", "06 98 76 54 32", "luc@roux.fr"),)),
    "pharma": CustomerInput(name="Pharmacie 3", postal_code="13001", city="Marseille"),
}  # fmt: skip

# (case, typed customer, the one it must find or None, a reason it must give)
CASES = [
    ("FR legal form moved, typo", CustomerInput(name="SARL Boulangerie Dupond"), "dupont",
     "name"),
    ("FR same postcode, shorter name", CustomerInput(name="Boulangerie Dupont", postal_code="75011",
                                                     city="Paris"), "dupont", "postcode"),
    ("FR same address written short",
     CustomerInput(name="Le Fournil", street="12, r. de la Roquette", postal_code="75011",
                   city="Paris"), "dupont", "same address"),
    ("FR phone typed another way", CustomerInput(name="Dupont", phone="+33143551212"), "dupont",
     "same phone"),
    ("NL word order, no B.V.", CustomerInput(name="de Vries Bakkerij", country="NL"), "vries",
     "name"),
    ("NL dotted legal form", CustomerInput(name="Bakkerij De Vries BV", country="NL"), "vries",
     "name"),
    ("GR Latin spelling", CustomerInput(name="Papadopoulos AE", country="GR"), "papa", "name"),
    ("GR accents and case", CustomerInput(name="ΠΑΠΑΔΟΠΟΥΛΟΣ", country="GR"), "papa", "name"),
    ("SIRET holds the SIREN", CustomerInput(name="Autre nom", siren="73282932000074"), "siren",
     "same SIREN"),
    ("e-mail in another case", CustomerInput(name="Lemoine", email="contact@fleurs-lemoine.FR"),
     "mail", "same e-mail"),
    ("contact's phone is the new customer's", CustomerInput(name="Atelier Bois",
                                                           phone="06 98 76 54 32"),
     "contact", "same phone"),
    ("merged words", CustomerInput(name="BoulangerieDupont"), "dupont", "name"),
    ("not Martinez", CustomerInput(name="Martinez", postal_code="69003", city="Lyon"), None, ""),
    ("other shop, same postcode", CustomerInput(name="Épicerie Karim", postal_code="75011",
                                                city="Paris"), None, ""),
    ("another branch", CustomerInput(name="Pharmacie 4", postal_code="13002",
                                     city="Marseille"), None, ""),
    ("other Greek company", CustomerInput(name="Γεωργίου Ε.Π.Ε.", country="GR"), None, ""),
    ("other Dutch company", CustomerInput(name="Slagerij Jansen B.V.", country="NL"), None, ""),
]  # fmt: skip


@pytest.fixture
def on_file(db: Database) -> dict[str, str]:
    return {key: create_customer(data, "alice").number for key, data in ON_FILE.items()}


@pytest.mark.parametrize(("case", "typed", "expected", "reason"), CASES,
                         ids=[c[0] for c in CASES])  # fmt: skip
def test_duplicate_cases(
    on_file: dict[str, str], case: str, typed: CustomerInput, expected: str | None, reason: str
) -> None:
    matches = find_duplicates(typed)
    if expected is None:
        assert matches == [], case
        return
    assert matches, case
    best = matches[0]
    assert best.number == on_file[expected], case
    assert any(reason in r for r in best.reasons), (case, best.reasons)
    assert 0 < best.score <= 100


def test_reasons_add_up_and_the_score_says_which_is_likelier(on_file: dict[str, str]) -> None:
    both = find_duplicates(CustomerInput(name="Boulangerie Dupont", phone="01 43 55 12 12",
                                         postal_code="75011", city="Paris"))[0]  # fmt: skip
    name_only = find_duplicates(CustomerInput(name="Boulangerie Dupond"))[0]
    assert set(both.checks) >= {"phone", "name", "address"} - {"address"}
    assert both.score > name_only.score
    assert "similar name (100%) + same postcode" in both.reasons


def test_blocking_follows_the_settings(on_file: dict[str, str]) -> None:
    by_mail = find_duplicates(CustomerInput(name="X", email="contact@fleurs-lemoine.fr"))[0]
    by_phone = find_duplicates(CustomerInput(name="Y", phone="+33612345678"))[0]
    assert by_mail.blocking and not by_phone.blocking
    save_settings(dataclasses.replace(load_settings(), company_name="Shop",
                                      duplicate_phone="block", duplicate_email="warn"))  # fmt: skip
    assert not find_duplicates(CustomerInput(name="X", email="contact@fleurs-lemoine.fr"))[
        0
    ].blocking
    assert find_duplicates(CustomerInput(name="Y", phone="+33612345678"))[0].blocking


def test_save_refuses_a_duplicate_and_writes_nothing(on_file: dict[str, str]) -> None:
    before = Customer.select().count()
    with pytest.raises(DuplicatesFound) as raised:
        create_customer(CustomerInput(name="Boulangerie Dupond SAS"), "bob")
    assert raised.value.matches[0].number == on_file["dupont"]
    assert Customer.select().count() == before


def test_create_anyway_is_recorded_with_the_operator(on_file: dict[str, str]) -> None:
    record = create_customer(CustomerInput(name="Boulangerie Dupond SAS"), "bob", force=True)
    event = customer_history(record.number)[0]
    assert (event.kind, event.operator) == ("created_anyway", "bob")
    assert on_file["dupont"] in event.summary and "similar" in event.summary


def test_edit_checks_only_against_others_and_only_identity_changes(
    on_file: dict[str, str],
) -> None:
    from models.customers import input_from_record

    record = get_customer(on_file["martin"])
    same = dataclasses.replace(input_from_record(record), notes="Rappeler lundi")
    update_customer(record.number, same, record.version, "bob")  # itself is no duplicate
    record = get_customer(record.number)
    copy = dataclasses.replace(input_from_record(record), phone="01 43 55 12 12")
    with pytest.raises(DuplicatesFound):
        update_customer(record.number, copy, record.version, "bob")
    update_customer(record.number, copy, record.version, "bob", force=True)
    assert get_customer(record.number).phone_e164 == "+33143551212"


def test_merged_and_anonymised_customers_are_never_proposed(on_file: dict[str, str]) -> None:
    from models import duplicate_keys

    with write_txn():
        Customer.update(anonymised_at="2026-01-01 00:00:00").where(
            Customer.number == on_file["mail"]).execute()  # fmt: skip
        duplicate_keys.refresh([get_customer(on_file["mail"]).id])
    assert find_duplicates(CustomerInput(name="Z", email="contact@fleurs-lemoine.fr")) == []


def test_similar_names_while_typing(on_file: dict[str, str]) -> None:
    found = similar_names("boulangerie dup")
    assert found and found[0].number == on_file["dupont"]
    assert (found[0].city, found[0].phone) == ("Paris", "01 43 55 12 12")
    assert similar_names("Dupond")[0].number == on_file["dupont"]
    assert similar_names("Παπαδοπουλ")[0].number == on_file["papa"]
    assert similar_names("b") == []


def test_search_harder_reaches_typos_in_the_first_letters(on_file: dict[str, str]) -> None:
    typed = CustomerInput(name="Boulagnerie Dupont")
    assert on_file["dupont"] in [m.number for m in find_duplicates(typed, harder=True)]


def test_pairs_across_the_file_best_first(on_file: dict[str, str]) -> None:
    create_customer(CustomerInput(name="SARL Boulangerie Dupond", phone="01 43 55 12 12"),
                    "bob", force=True)  # fmt: skip
    create_customer(CustomerInput(name="Fleurs Lemoine SARL", email="contact@fleurs-lemoine.fr"),
                    "bob", force=True)  # fmt: skip
    pairs = duplicate_pairs()
    assert len(pairs) == 2
    assert pairs[0].score >= pairs[1].score
    numbers = {frozenset((p.first.number, p.second.number)) for p in pairs}
    assert frozenset((on_file["dupont"], "C000010")) in numbers
    assert frozenset((on_file["mail"], "C000011")) in numbers


def test_keys_are_rebuilt_by_the_upgrade(on_file: dict[str, str], db_path: object) -> None:
    from models.db import database

    with write_txn():  # back to schema 2, as a database from an earlier release
        undo_schema_6(database)
        undo_schema_5(database)
        undo_schema_4(database)
        database.execute_sql('UPDATE "schema_version" SET "version" = 2')
        database.execute_sql('DROP TABLE "duplicate_key"')
        database.execute_sql('DROP INDEX "customer_place"')
        database.execute_sql('DROP INDEX "customer_merged_into_id"')
        database.execute_sql('ALTER TABLE "customer" DROP COLUMN "merged_into_id"')
        database.execute_sql('ALTER TABLE "customer" DROP COLUMN "anonymised_at"')
    database.close()
    open_database(str(db_path))
    assert find_duplicates(CustomerInput(name="Boulangerie Dupond"))[0].number == on_file["dupont"]


def test_short_words_do_not_make_a_name_similar(db: Database) -> None:
    create_customer(CustomerInput(name="Boulangerie du Marché"), "alice")
    dupont = create_customer(CustomerInput(name="Boulangerie Dupont"), "alice").number
    assert [m.number for m in similar_names("Boulangerie Dupond")] == [dupont]
