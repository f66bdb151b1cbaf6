"""Merging two records of one customer: every related row moves, both histories tell it,
the merged number keeps leading to the survivor."""

from __future__ import annotations

import pytest
from peewee import Database

from models.customer_records import ContactInput, CustomerInput
from models.customers import create_customer, customer_history, get_customer
from models.duplicates import duplicate_pairs
from models.errors import ConflictError, ValidationError
from models.merge import merge_customers, merge_preview, resolve_number
from models.search import search_customers
from models.tables import Contact, Customer, CustomerEvent, DuplicateKey


@pytest.fixture
def pair(db: Database) -> tuple[str, str]:
    keep = create_customer(CustomerInput(
        name="Boulangerie Dupont", phone="01 43 55 12 12", postal_code="75011", city="Paris",
        contacts=(ContactInput("Marc Dupont", "gérant", "06 11 22 33 44"),)), "alice")  # fmt: skip
    other = create_customer(CustomerInput(
        name="SARL Boulangerie Dupond", email="compta@dupont.fr", phone="01 43 55 12 12",
        status="customer", notes="Livrer avant 7h",
        contacts=(ContactInput("Marc Dupont", "gérant", "06 11 22 33 44"),
                  ContactInput("Léa Petit", "comptable", "", "lea@dupont.fr"))), "bob",
        force=True)  # fmt: skip
    return keep.number, other.number


def test_preview_lists_only_the_fields_that_differ(pair: tuple[str, str]) -> None:
    fields = {f.field: (f.keep_value, f.other_value) for f in merge_preview(*pair)}
    assert fields["name"] == ("Boulangerie Dupont", "SARL Boulangerie Dupond")
    assert fields["email"] == ("", "compta@dupont.fr")
    assert "phone" not in fields and "status" not in fields


def test_merge_moves_everything_and_both_histories_record_it(pair: tuple[str, str]) -> None:
    keep, other = pair
    other_id = get_customer(other).id
    events_before = CustomerEvent.select().where(CustomerEvent.customer == other_id).count()
    survivor = merge_customers(keep, other, {"email", "notes"}, "carol")
    assert (survivor.number, survivor.name) == (keep, "Boulangerie Dupont")
    assert (survivor.email, survivor.notes) == ("compta@dupont.fr", "Livrer avant 7h")
    assert survivor.status == "customer"  # the other was a customer already
    assert [c.name for c in survivor.contacts] == ["Marc Dupont", "Léa Petit"]
    assert Contact.select().where(Contact.customer == other_id).count() == 0
    moved = CustomerEvent.select().where(CustomerEvent.customer == survivor.id).count()
    assert moved == 1 + events_before + 1  # its creation, the other's events, the merge
    merged = customer_history(keep)[0]
    assert (merged.kind, merged.operator) == ("merged", "carol") and other in merged.summary
    assert {c.field for c in merged.changes} >= {"email", "notes", "status", "contacts"}
    tombstone = customer_history(other)
    assert [(e.kind, e.operator) for e in tombstone] == [("merged_into", "carol")]
    assert keep in tombstone[0].summary
    row = Customer.get_by_id(other_id)
    assert (row.status, row.merged_into_id, row.email, row.notes) == ("merged", survivor.id,
                                                                       "", "")  # fmt: skip


def test_the_merged_number_leads_to_the_survivor(pair: tuple[str, str]) -> None:
    keep, other = pair
    merge_customers(keep, other, (), "carol")
    assert resolve_number(other) == keep
    assert get_customer(other).number == keep
    assert [h.number for h in search_customers(other)] == [keep]
    assert [h.number for h in search_customers(str(int(other[1:])))] == [keep]
    assert [h.number for h in search_customers("dupond")] == []  # the old name went away
    assert duplicate_pairs() == []


def test_chains_resolve_to_the_last_survivor(pair: tuple[str, str]) -> None:
    keep, other = pair
    third = create_customer(CustomerInput(name="Dupont Boulangerie", phone="01 43 55 12 12"),
                            "alice", force=True).number  # fmt: skip
    merge_customers(keep, other, (), "carol")
    merge_customers(third, keep, (), "carol")
    assert resolve_number(other) == third
    assert sorted(h.number for h in search_customers(other)) == [third]


def test_refusals(pair: tuple[str, str]) -> None:
    keep, other = pair
    with pytest.raises(ValidationError):
        merge_customers(keep, keep, (), "carol")
    with pytest.raises(ValidationError):
        merge_customers(keep, other, {"no_such_field"}, "carol")
    with pytest.raises(ConflictError, match="changed by"):
        merge_customers(keep, other, (), "carol", expected_versions=(1, 99))
    merge_customers(keep, other, (), "carol")
    with pytest.raises(ConflictError, match="already merged"):
        merge_customers(keep, other, (), "carol")


@pytest.mark.parametrize(
    ("keep", "taken", "refused"),
    [
        (CustomerInput(name="Garage du Port", siren="732829320", vat="FR44732829320"),
         {"siren"}, {"vat"}),  # the other's SIREN beside KEEP's VAT number
        (CustomerInput(name="Garage du Port", country="NL"),
         {"postal_code"}, {"postal_code"}),  # a French postcode in the Netherlands
        (CustomerInput(name="Garage du Port"), {"postal_code"}, {"city"}),  # no city
        (CustomerInput(name="Garage du Port", country="NL"), {"siren"}, {"siren"}),
    ],
)  # fmt: skip
def test_taken_values_must_fit_together(
    db: Database, keep: CustomerInput, taken: set[str], refused: set[str]
) -> None:
    """Values taken one by one that do not fit together are refused, naming the field,
    and nothing is written; taken together they merge."""
    first = create_customer(keep, "alice")
    other = create_customer(CustomerInput(
        name="Garage du Port SARL", siren="552100554", vat="FR96552100554",
        postal_code="75011", city="Paris"), "alice", force=True)  # fmt: skip
    with pytest.raises(ValidationError) as error:
        merge_customers(first.number, other.number, taken, "carol")
    assert set(error.value.errors) == refused
    assert get_customer(first.number).version == first.version
    assert get_customer(other.number, follow_merge=False).status == "prospect"
    whole = {"siren", "vat", "postal_code", "city", "country"}
    survivor = merge_customers(first.number, other.number, whole, "carol")
    assert (survivor.siren, survivor.vat, survivor.postal_code, survivor.country) == (
        "552100554", "FR96552100554", "75011", "FR")  # fmt: skip


def test_a_rule_made_stricter_since_does_not_stop_a_merge(db: Database) -> None:
    import dataclasses

    from models.settings import load_settings, save_settings

    keep = create_customer(CustomerInput(name="Salon Lina"), "alice").number
    other = create_customer(CustomerInput(name="Salon Lina", notes="x"), "alice", force=True)
    save_settings(dataclasses.replace(load_settings(), company_name="Shop", email_mandatory=True))
    assert merge_customers(keep, other.number, {"notes"}, "carol").notes == "x"


def test_the_survivor_is_as_alive_as_the_livelier_record(db: Database) -> None:
    from models.customers import set_active

    keep = create_customer(CustomerInput(name="Salon Lina", status="customer"), "alice").number
    other = create_customer(CustomerInput(name="Salon Lina"), "alice", force=True).number
    set_active(keep, False, "alice")
    survivor = merge_customers(keep, other, (), "carol")
    assert survivor.status == "prospect"
    assert [h.number for h in search_customers("salon lina")] == [keep]
    change = [c for c in customer_history(keep)[0].changes if c.field == "status"]
    assert [(c.old, c.new) for c in change] == [("inactive", "prospect")]


def test_index_and_keys_follow_the_survivor(pair: tuple[str, str], db: Database) -> None:
    keep, other = pair
    other_id = get_customer(other).id
    merge_customers(keep, other, {"email"}, "carol")
    tombstone = get_customer(other, follow_merge=False)
    assert (tombstone.number, tombstone.status, tombstone.name) == (
        other, "merged", "SARL Boulangerie Dupond")  # fmt: skip
    assert tombstone.merged_into == get_customer(keep).id
    rows = db.execute_sql("SELECT count(*) FROM search_sort WHERE customer_id = ?", (other_id,))
    assert rows.fetchone() == (0,)
    assert DuplicateKey.select().where(DuplicateKey.customer == other_id).count() == 0
    # The survivor is found by the other's number, its e-mail, the contact it brought.
    for query in (other, other.lower(), "compta@dupont.fr", "Léa Petit"):
        assert [h.number for h in search_customers(query)] == [keep], query


def test_an_anonymised_customer_cannot_be_merged(pair: tuple[str, str]) -> None:
    from models.erasure import anonymise_customer

    keep, other = pair
    anonymise_customer(other, "carol")
    for first, second in ((keep, other), (other, keep)):
        with pytest.raises(ConflictError, match="anonymised"):
            merge_customers(first, second, (), "carol")
    with pytest.raises(ConflictError, match="anonymised"):
        merge_preview(keep, other)


def test_a_form_opened_before_the_merge_cannot_save_over_the_survivor(
    pair: tuple[str, str],
) -> None:
    """The other record, opened in a form at the very version the survivor reaches by
    the merge: saving it is refused, naming the survivor, and the survivor is untouched."""
    import dataclasses

    from models.customers import input_from_record, set_active, update_customer

    keep, other = pair
    before = get_customer(other)
    edited = dataclasses.replace(input_from_record(before), notes="Livrer avant 8h")
    opened = update_customer(other, edited, before.version, "bob")
    assert opened.version == get_customer(keep).version + 1  # the merge gives keep +1
    merge_customers(keep, other, (), "carol")
    survivor = get_customer(keep)
    assert survivor.version == opened.version
    stale = dataclasses.replace(input_from_record(opened), notes="typed in the old form")
    with pytest.raises(ConflictError, match=f"merged into {keep}"):
        update_customer(opened.number, stale, opened.version, "bob")
    with pytest.raises(ConflictError, match=f"merged into {keep}"):
        set_active(opened.number, False, "bob", expected_version=opened.version)
    assert get_customer(keep) == survivor
