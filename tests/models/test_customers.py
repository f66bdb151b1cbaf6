"""The customer file through its services: numbering, validation, versions, history."""

from __future__ import annotations

import dataclasses

import pytest
from peewee import Database

from models.customer_records import ContactInput, CustomerInput
from models.customers import (
    create_customer,
    customer_history,
    get_customer,
    input_from_record,
    set_active,
    update_customer,
)
from models.errors import ConflictError, NotFound, ValidationError
from models.settings import Settings, load_settings, save_rep, save_settings
from models.tables import Contact, Customer, CustomerEvent

MARTIN = CustomerInput(
    name="Boulangerie Martin",
    phone="06 12 34 56 78",
    email="contact@boulangerie-martin.fr",
    street="12 rue de la Roquette",
    postal_code="75011",
    city="Paris",
    siren="732 829 320",
    vat="FR44732829320",
    contacts=(ContactInput("Jean Martin", "gérant", "06 12 34 56 79", "jean@martin.fr"),),
)


def test_numbers_follow_each_other_and_fields_are_cleaned(db: Database) -> None:
    first = create_customer(MARTIN, "alice")
    second = create_customer(dataclasses.replace(MARTIN, name="Épicerie Durand"), "alice",
                             force=True)  # fmt: skip
    assert (first.number, second.number) == ("C000001", "C000002")
    assert first.phone == "06 12 34 56 78" and first.phone_e164 == "+33612345678"
    assert first.siren == "732829320"
    assert first.status == "prospect"
    assert first.created_by == first.updated_by == "alice"
    assert first.contacts[0].phone_e164 == "+33612345679"


def test_invalid_input_names_every_bad_field_and_saves_nothing(db: Database) -> None:
    bad = dataclasses.replace(
        MARTIN, name=" ", postal_code="7501", phone="12", email="x@", siren="732829321",
        contacts=(ContactInput("", "", "", "nobody@"),),
    )  # fmt: skip
    with pytest.raises(ValidationError) as caught:
        create_customer(bad, "alice")
    assert set(caught.value.errors) == {
        "name", "postal_code", "phone", "email", "siren", "contacts.0.name", "contacts.0.email",
    }  # fmt: skip
    assert Customer.select().count() == 0 and Contact.select().count() == 0


def test_vat_of_another_siren_refused(db: Database) -> None:
    with pytest.raises(ValidationError) as caught:
        create_customer(dataclasses.replace(MARTIN, siren="356000000"), "alice")
    assert "SIREN" in caught.value.errors["vat"]


def test_email_mandatory_switch(db: Database) -> None:
    save_settings(Settings(company_name="Shop", email_mandatory=True))
    with pytest.raises(ValidationError) as caught:
        create_customer(dataclasses.replace(MARTIN, email=""), "alice")
    assert "required" in caught.value.errors["email"]


def test_unknown_sales_rep_refused_known_one_shown_by_name(db: Database) -> None:
    with pytest.raises(ValidationError, match="rep"):
        create_customer(dataclasses.replace(MARTIN, rep="ZZ"), "alice")
    save_rep("ml", "Marie Leroy")
    record = create_customer(dataclasses.replace(MARTIN, rep="ML"), "alice")
    assert (record.rep, record.rep_name) == ("ML", "Marie Leroy")


def test_edit_records_each_changed_field_old_to_new(db: Database) -> None:
    record = create_customer(MARTIN, "alice")
    edited = dataclasses.replace(
        input_from_record(record), city="Lyon", postal_code="69001", credit_limit="1 500,50"
    )
    after = update_customer(record.number, edited, record.version, "bob")
    assert after.version == record.version + 1
    assert after.credit_limit == 150050 and after.updated_by == "bob"
    latest = customer_history(record.number)[0]
    assert (latest.kind, latest.operator) == ("edited", "bob")
    assert {(c.field, c.old, c.new) for c in latest.changes} == {
        ("postal_code", "75011", "69001"),
        ("city", "Paris", "Lyon"),
        ("credit_limit", "", "1500.50"),
    }


def test_saving_over_a_newer_version_is_refused_with_who_and_when(db: Database) -> None:
    record = create_customer(MARTIN, "alice")
    update_customer(record.number, dataclasses.replace(input_from_record(record), city="Lyon",
                    postal_code="69001"), record.version, "bob")  # fmt: skip
    stale = dataclasses.replace(input_from_record(record), notes="called back")
    with pytest.raises(ConflictError, match="changed by bob"):
        update_customer(record.number, stale, record.version, "carol")
    assert get_customer(record.number).notes == ""


def test_unchanged_save_adds_no_history(db: Database) -> None:
    record = create_customer(MARTIN, "alice")
    update_customer(record.number, input_from_record(record), record.version, "bob")
    assert [e.kind for e in customer_history(record.number)] == ["created"]


def test_deactivate_and_reactivate_restore_the_status(db: Database) -> None:
    record = create_customer(dataclasses.replace(MARTIN, status="customer"), "alice")
    assert set_active(record.number, False, "bob").status == "inactive"
    assert set_active(record.number, True, "bob").status == "customer"
    kinds = [(e.kind, e.changes[0].old, e.changes[0].new) for e in customer_history(record.number)]
    assert kinds[:2] == [("reactivated", "inactive", "customer"),
                         ("deactivated", "customer", "inactive")]  # fmt: skip


def test_contacts_are_replaced_and_their_change_recorded(db: Database) -> None:
    record = create_customer(MARTIN, "alice")
    edited = dataclasses.replace(input_from_record(record), contacts=(
        ContactInput("Paul Martin", "comptable", "", "paul@martin.fr"),))  # fmt: skip
    after = update_customer(record.number, edited, record.version, "bob")
    assert [c.name for c in after.contacts] == ["Paul Martin"]
    change = customer_history(record.number)[0].changes[0]
    assert change.field == "contacts" and "Jean Martin" in change.old and "Paul" in change.new


def test_creation_history_lists_the_initial_values(db: Database) -> None:
    record = create_customer(MARTIN, "alice")
    created = customer_history(record.number)[0]
    assert created.kind == "created" and created.operator == "alice"
    assert ("name", "", "Boulangerie Martin") in {(c.field, c.old, c.new) for c in created.changes}
    assert CustomerEvent.select().count() == 1


def test_unknown_number(db: Database) -> None:
    with pytest.raises(NotFound, match="C999999"):
        get_customer("c999999")


def test_settings_round_trip_and_clean_identifiers(db: Database) -> None:
    saved = save_settings(Settings(company_name="Comptoir SAS", company_siren="732 829 320",
                                   company_iban="fr76 3000 6000 0112 3456 7890 189",
                                   ask_birth_date=True))  # fmt: skip
    loaded = load_settings()
    assert loaded == saved
    assert loaded.company_siren == "732829320" and loaded.ask_birth_date is True
    assert loaded.company_iban == "FR7630006000011234567890189"
    with pytest.raises(ValidationError) as caught:
        save_settings(Settings(company_name="", company_iban="FR00"))
    assert set(caught.value.errors) == {"company_name", "company_iban"}
