"""Deleting a prospect, anonymising a customer (nothing left in the file) and the
retention list."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest
from peewee import Database

from models.customer_records import ContactInput, CustomerInput
from models.customers import (
    create_customer,
    customer_history,
    get_customer,
    input_from_record,
    update_customer,
)
from models.db import database, write_txn
from models.duplicates import find_duplicates
from models.erasure import (
    ERASED_NAME,
    anonymise_customer,
    anonymise_many,
    delete_prospect,
    deletion_refused,
    retention_due,
)
from models.errors import ConflictError, NotFound
from models.merge import merge_customers
from models.search import search_customers
from models.settings import load_settings, save_settings
from models.tables import CustomerEvent

JEANNE = CustomerInput(
    name="Jeanne Quiberon-Mallard", kind="individual", phone="06 71 82 93 04",
    email="jeanne.qm@exemple.fr", street="17 impasse des Glycines", postal_code="29900",
    city="Concarneau", birth_date="1971-03-14", notes="Allergique aux noisettes",
    contacts=(ContactInput("Yannick Mallard", "conjoint", "06 55 44 33 22", "yannick@exemple.fr"),),
)  # fmt: skip
# How the old values could sit in the file: as typed, folded, as phone digits.
TRACES = ["Quiberon", "quiberon", "Mallard", "mallard", "jeanne.qm", "Glycines", "glycines",
          "noisettes", "Yannick", "yannick", "0671829304", "33671829304", "671829304",
          "0655443322", "1971-03-14"]  # fmt: skip


def test_anonymised_data_is_nowhere_in_the_file(db: Database, db_path: Path) -> None:
    record = create_customer(JEANNE, "alice")
    edited = dataclasses.replace(input_from_record(record), street="18 impasse des Glycines",
                                 notes="Allergique aux noisettes, rappeler")  # fmt: skip
    update_customer(record.number, edited, record.version, "alice")
    twin = create_customer(dataclasses.replace(JEANNE, name="Jeanne Mallard"), "bob", force=True)
    merge_customers(record.number, twin.number, ("name",), "bob")
    create_customer(CustomerInput(name="Boulangerie Voisine", city="Concarneau"), "alice")
    anonymised = anonymise_customer(record.number, "carol")
    assert anonymised.anonymised_at is not None and anonymised.name == ERASED_NAME
    assert (anonymised.phone, anonymised.email, anonymised.street, anonymised.notes) == (
        "", "", "", "")  # fmt: skip
    assert anonymised.contacts == () and anonymised.birth_date is None
    assert customer_history(record.number)[0].kind == "anonymised"
    database.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    database.execute_sql("VACUUM")
    database.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    database.close()
    content = b"".join(p.read_bytes() for p in db_path.parent.glob(db_path.name + "*"))
    left = [t for t in TRACES if t.encode() in content]
    assert left == []
    assert b"Boulangerie Voisine" in content  # the file was readable all along


def test_anonymised_customer_is_not_found_by_its_old_data(db: Database) -> None:
    record = create_customer(JEANNE, "alice")
    anonymise_customer(record.number, "carol")
    for query in ("quiberon", "06 71 82", "jeanne.qm", "yannick"):
        assert search_customers(query, include_inactive=True) == [], query
    assert find_duplicates(JEANNE) == []
    assert [h.number for h in search_customers(record.number, include_inactive=True)] == [
        record.number]  # fmt: skip
    with pytest.raises(ConflictError, match="already anonymised"):
        anonymise_customer(record.number, "carol")


def test_a_company_keeps_its_name_and_identifiers(db: Database) -> None:
    record = create_customer(CustomerInput(
        name="Garage du Port SARL", siren="732829320", email="patron@garage.fr",
        contacts=(ContactInput("Loïc Le Goff", "gérant"),)), "alice")  # fmt: skip
    after = anonymise_customer(record.number, "carol")
    assert (after.name, after.siren, after.email, after.contacts) == (
        "Garage du Port SARL", "732829320", "", ())  # fmt: skip


def test_only_a_prospect_without_documents_can_be_deleted(db: Database) -> None:
    prospect = create_customer(CustomerInput(name="Prospect Salon"), "alice")
    customer = create_customer(CustomerInput(name="Client Fidèle", status="customer"), "alice")
    assert deletion_refused(prospect.number) is None
    assert "Only a prospect" in (deletion_refused(customer.number) or "")
    with pytest.raises(ConflictError, match="Only a prospect"):
        delete_prospect(customer.number, "carol")
    delete_prospect(prospect.number, "carol")
    with pytest.raises(NotFound):
        get_customer(prospect.number)
    assert CustomerEvent.select().where(CustomerEvent.customer == prospect.id).count() == 0
    assert create_customer(CustomerInput(name="Suivant"), "alice").number == "C000003"


def _backdate(number: str, when: str) -> None:
    with write_txn():
        CustomerEvent.update(at=when).where(
            CustomerEvent.customer == get_customer(number).id).execute()  # fmt: skip


def test_retention_lists_customers_past_their_period(db: Database) -> None:
    old = create_customer(CustomerInput(name="Ancien Client", city="Brest"), "alice").number
    recent = create_customer(CustomerInput(name="Client Récent"), "alice").number
    _backdate(old, "2015-06-30 10:00:00")
    _backdate(recent, "2020-01-10 10:00:00")
    due = retention_due(dt.date(2026, 11, 23))
    assert [(r.number, r.last_activity, r.due_since) for r in due] == [
        (old, dt.date(2015, 6, 30), dt.date(2025, 6, 30))]  # fmt: skip
    assert retention_due(dt.date(2025, 6, 30)) == []
    save_settings(dataclasses.replace(load_settings(), company_name="Shop", retention_years="5"))
    assert [r.number for r in retention_due(dt.date(2026, 11, 23))] == [old, recent]
    seen: list[tuple[int, int]] = []
    assert anonymise_many([old, recent], "carol", progress=lambda d, t: seen.append((d, t))) == 2
    assert seen == [(1, 2), (2, 2)]
    assert retention_due(dt.date(2026, 11, 23)) == []
