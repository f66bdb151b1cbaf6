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
from models.tables import Contact, Customer, CustomerEvent


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
