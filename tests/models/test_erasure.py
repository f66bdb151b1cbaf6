"""Deleting a prospect, anonymising a customer (nothing left in the file) and the
retention list."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest
from peewee import Database

from models import erasure
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
    anonymisation_refused,
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
from models.tables import Contact, Customer, CustomerEvent, DuplicateKey

JEANNE = CustomerInput(
    name="Jeanne Quiberon-Mallard", kind="individual", phone="06 71 82 93 04",
    email="jeanne.qm@exemple.fr", street="17 impasse des Glycines", postal_code="29900",
    city="Concarneau", delivery_street="Ferme de Kerhiboux", delivery_postal_code="29910",
    delivery_city="Trégunc", birth_date="1971-03-14", notes="Allergique aux noisettes",
    contacts=(ContactInput("Yannick Mallard", "conjoint", "06 55 44 33 22", "yannick@exemple.fr"),),
)  # fmt: skip
# How the old values could sit in the file: as typed, folded, as phone digits.
TRACES = ["Quiberon", "quiberon", "Mallard", "mallard", "jeanne.qm", "Glycines", "glycines",
          "Kerhiboux", "kerhiboux", "Trégunc", "tregunc", "noisettes", "Yannick", "yannick",
          "06 71 82 93 04", "+33671829304", "0671829304", "33671829304", "671829304",
          "06 55 44 33 22", "0655443322", "1971-03-14"]  # fmt: skip


def _file_bytes(db_path: Path) -> bytes:
    """The database file and its WAL, as they lie on disk."""
    return b"".join(p.read_bytes() for p in db_path.parent.glob(db_path.name + "*"))


def _jeanne_with_a_past() -> str:
    """Jeanne, edited once (old street and notes in her history), merged with her own
    duplicate (a tombstone naming her, its history moved to her)."""
    record = create_customer(JEANNE, "alice")
    edited = dataclasses.replace(input_from_record(record), street="18 impasse des Glycines",
                                 notes="Allergique aux noisettes, rappeler")  # fmt: skip
    update_customer(record.number, edited, record.version, "alice")
    twin = create_customer(dataclasses.replace(JEANNE, name="Jeanne Mallard"), "bob", force=True)
    merge_customers(record.number, twin.number, ("name",), "bob")
    for n in range(40):  # neighbours: the index has more than Jeanne's segment to merge
        create_customer(CustomerInput(name=f"Boulangerie Voisine {n}", city="Concarneau"),
                        "alice", force=True)  # fmt: skip
    return record.number


def test_anonymised_data_is_nowhere_in_the_file(db: Database, db_path: Path) -> None:
    number = _jeanne_with_a_past()
    anonymised = anonymise_customer(number, "carol")
    assert anonymised.anonymised_at is not None and anonymised.name == ERASED_NAME
    assert (anonymised.phone, anonymised.email, anonymised.street, anonymised.notes) == (
        "", "", "", "")  # fmt: skip
    assert (anonymised.delivery_street, anonymised.postal_code, anonymised.city) == ("", "", "")
    assert anonymised.contacts == () and anonymised.birth_date is None
    assert anonymised.status == "inactive"
    database.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    database.execute_sql("VACUUM")
    database.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    database.close()
    content = _file_bytes(db_path)
    assert [t for t in TRACES if t.encode() in content] == []
    assert b"Boulangerie Voisine" in content  # the file was readable all along


def test_nothing_is_left_even_before_any_vacuum(db: Database, db_path: Path) -> None:
    """What an operator's disk holds right after anonymising, the database still open:
    freed pages zeroed, the full-text segments merged, the WAL emptied."""
    number = _jeanne_with_a_past()
    assert any(t.encode() in _file_bytes(db_path) for t in TRACES)  # the test can see them
    anonymise_customer(number, "carol")
    content = _file_bytes(db_path)
    assert [t for t in TRACES if t.encode() in content] == []
    assert b"Boulangerie Voisine" in content


def test_history_keeps_the_events_without_the_erased_values(db: Database) -> None:
    number = _jeanne_with_a_past()
    anonymise_customer(number, "carol")
    history = customer_history(number)
    assert [e.kind for e in history][:2] == ["anonymised", "merged"]
    assert history[0].operator == "carol"
    assert [(c.field, c.old, c.new) for c in history[0].changes] == [
        ("status", "prospect", "inactive")]  # fmt: skip
    text = repr(history)
    assert [t for t in TRACES if t in text] == []
    assert "Jeanne" not in text
    edited = next(e for e in history if e.kind == "edited")
    assert {c.field for c in edited.changes} == {"street", "notes"}  # what changed, not to what
    tombstone = Customer.get(Customer.merged_into == get_customer(number).id)
    assert tombstone.name == ERASED_NAME
    assert "Jeanne" not in repr(customer_history(tombstone.number))


def test_anonymised_customer_is_not_found_by_its_old_data(db: Database) -> None:
    record = create_customer(JEANNE, "alice")
    anonymise_customer(record.number, "carol")
    for query in (
        "quiberon",
        "06 71 82",
        "0671829304",
        "jeanne.qm@exemple.fr",
        "yannick",
        "glycines",
        "noisettes",
    ):
        assert search_customers(query, include_inactive=True) == [], query
    assert find_duplicates(JEANNE) == []
    assert [h.number for h in search_customers(record.number, include_inactive=True)] == [
        record.number]  # fmt: skip
    with pytest.raises(ConflictError, match="already anonymised"):
        anonymise_customer(record.number, "carol")
    assert DuplicateKey.select().where(DuplicateKey.customer == record.id).count() == 0


def test_anonymising_refuses_a_merged_number_and_a_stale_version(db: Database) -> None:
    keep = create_customer(CustomerInput(name="Jeanne Morel", kind="individual"), "alice")
    other = create_customer(CustomerInput(name="Jeanne Morel", kind="individual"), "bob",
                            force=True)  # fmt: skip
    with pytest.raises(ConflictError, match="changed by"):
        anonymise_customer(keep.number, "carol", expected_version=keep.version + 1)
    merge_customers(keep.number, other.number, (), "carol")
    assert "merged into another customer" in (anonymisation_refused(other.number) or "")
    with pytest.raises(ConflictError, match="merged into another customer"):
        anonymise_customer(other.number, "carol")
    assert anonymisation_refused(keep.number) is None


def test_a_company_keeps_its_name_and_identifiers(db: Database) -> None:
    record = create_customer(CustomerInput(
        name="Garage du Port SARL", siren="732829320", email="patron@garage.fr",
        contacts=(ContactInput("Loïc Le Goff", "gérant"),)), "alice")  # fmt: skip
    after = anonymise_customer(record.number, "carol")
    assert (after.name, after.siren, after.email, after.contacts) == (
        "Garage du Port SARL", "732829320", "", ())  # fmt: skip
    assert [h.number for h in search_customers("garage port", include_inactive=True)] == [
        record.number]  # fmt: skip
    assert search_customers("goff", include_inactive=True) == []


def test_only_a_prospect_without_documents_can_be_deleted(db: Database) -> None:
    prospect = create_customer(CustomerInput(
        name="Prospect Salon", phone="01 43 55 12 12",
        contacts=(ContactInput("Inès Salon", "gérante"),)), "alice")  # fmt: skip
    customer = create_customer(CustomerInput(name="Client Fidèle", status="customer"), "alice")
    assert deletion_refused(prospect.number) is None
    assert "Only a prospect" in (deletion_refused(customer.number) or "")
    with pytest.raises(ConflictError, match="Only a prospect"):
        delete_prospect(customer.number, "carol")
    with pytest.raises(ConflictError, match="changed by"):
        delete_prospect(prospect.number, "carol", expected_version=prospect.version + 1)
    delete_prospect(prospect.number, "carol", expected_version=prospect.version)
    with pytest.raises(NotFound):
        get_customer(prospect.number)
    for table in (CustomerEvent, Contact, DuplicateKey):
        assert table.select().where(table.customer == prospect.id).count() == 0
    sort_rows = database.execute_sql(
        "SELECT count(*) FROM search_sort WHERE customer_id = ?", (prospect.id,)
    ).fetchone()
    assert sort_rows == (0,)
    assert search_customers("salon", include_inactive=True) == []
    # Numbers are never given again.
    assert create_customer(CustomerInput(name="Suivant"), "alice").number == "C000003"


def test_a_deactivated_prospect_can_be_deleted(db: Database) -> None:
    from models.customers import set_active

    prospect = create_customer(CustomerInput(name="Prospect Endormi"), "alice")
    set_active(prospect.number, False, "alice")
    assert deletion_refused(prospect.number) is None
    customer = create_customer(CustomerInput(name="Client Parti", status="customer"), "alice")
    set_active(customer.number, False, "alice")
    assert "Only a prospect" in (deletion_refused(customer.number) or "")
    anonymised = create_customer(CustomerInput(name="Prospect Effacé"), "alice")
    anonymise_customer(anonymised.number, "carol")
    assert "anonymised" in (deletion_refused(anonymised.number) or "")


def test_merged_numbers_keep_both_records(db: Database) -> None:
    keep = create_customer(CustomerInput(name="Salon Lina"), "alice").number
    other = create_customer(CustomerInput(name="Salon Lina"), "alice", force=True).number
    merge_customers(keep, other, (), "carol")
    assert "merged into another customer" in (deletion_refused(other) or "")
    assert "Other numbers were merged" in (deletion_refused(keep) or "")


def test_documents_forbid_deletion(db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    """Issues 4–6 list their documents and payments in KEPT_BY; a contact stands in for
    them here."""
    monkeypatch.setattr(erasure, "KEPT_BY", [(Contact, Contact.customer)])
    with_rows = create_customer(CustomerInput(
        name="Prospect Facturé", contacts=(ContactInput("Paul"),)), "alice")  # fmt: skip
    without = create_customer(CustomerInput(name="Prospect Neuf"), "alice")
    assert "documents or payments" in (deletion_refused(with_rows.number) or "")
    assert deletion_refused(without.number) is None


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
    assert [(r.number, r.name, r.city, r.last_activity, r.due_since) for r in due] == [
        (old, "Ancien Client", "Brest", dt.date(2015, 6, 30), dt.date(2025, 7, 1))]  # fmt: skip
    # Listed from the day it is *older* than ten years, the day it says.
    assert retention_due(dt.date(2025, 6, 30)) == []
    assert [r.number for r in retention_due(dt.date(2025, 7, 1))] == [old]
    save_settings(dataclasses.replace(load_settings(), company_name="Shop", retention_years="5"))
    assert [r.number for r in retention_due(dt.date(2026, 11, 23))] == [old, recent]
    seen: list[tuple[int, int]] = []
    assert anonymise_many([old, recent], "carol", progress=lambda d, t: seen.append((d, t))) == 2
    assert seen == [(1, 2), (2, 2)]
    assert retention_due(dt.date(2026, 11, 23)) == []


@pytest.mark.parametrize(
    ("last", "first_listed"),
    [("2016-02-29", "2026-03-01"), ("2016-02-28", "2026-03-01"), ("2018-02-28", "2028-02-29"),
     ("2018-03-01", "2028-03-02"), ("2019-12-31", "2030-01-01")],
)  # fmt: skip
def test_retention_dates_around_leap_days(db: Database, last: str, first_listed: str) -> None:
    number = create_customer(CustomerInput(name="Client Bissextile"), "alice").number
    _backdate(number, f"{last} 23:59:59")
    first = dt.date.fromisoformat(first_listed)
    assert retention_due(first - dt.timedelta(days=1)) == []
    [row] = retention_due(first)
    assert (row.last_activity, row.due_since) == (dt.date.fromisoformat(last), first)


def test_retention_order_and_who_is_left_out(db: Database) -> None:
    numbers = [create_customer(CustomerInput(name=f"Client {n}"), "alice", force=True).number
               for n in range(5)]  # fmt: skip
    for number, year in zip(numbers, (2012, 2008, 2010, 2009, 2011), strict=True):
        _backdate(number, f"{year}-05-01 10:00:00")
    merge_customers(numbers[3], numbers[4], (), "carol")  # the survivor is active today
    anonymise_customer(numbers[2], "carol")
    due = retention_due(dt.date(2026, 1, 1))
    assert [r.number for r in due] == [numbers[1], numbers[0]]  # longest overdue first


def test_bulk_anonymisation_passes_over_those_done_meanwhile(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    numbers = [create_customer(CustomerInput(name=f"Client {n}"), "alice", force=True).number
               for n in range(3)]  # fmt: skip
    anonymise_customer(numbers[1], "bob")  # another operator, while the list was shown
    seen: list[tuple[int, int]] = []
    assert anonymise_many(numbers + ["C999999"], "carol", progress=lambda d, t: seen.append(
        (d, t))) == 2  # fmt: skip
    assert seen[-1] == (4, 4)
    assert all(get_customer(n).anonymised_at is not None for n in numbers)
    # A failure stops the batch but what was done stays done, and the index is merged.
    more = [create_customer(CustomerInput(name=f"Autre {n}"), "alice", force=True).number
            for n in range(2)]  # fmt: skip
    merged: list[bool] = []
    monkeypatch.setattr(erasure, "_forget_freed_text", lambda: merged.append(True))
    real = erasure._anonymise

    def fail_second(number: str, operator: str, version: int | None) -> object:
        if number == more[1]:
            raise ConflictError("The database is busy with another operator's work; try again.")
        return real(number, operator, version)

    monkeypatch.setattr(erasure, "_anonymise", fail_second)
    with pytest.raises(ConflictError, match="busy"):
        anonymise_many(more, "carol")
    assert merged == [True]
    assert [get_customer(n).anonymised_at is not None for n in more] == [True, False]


def test_a_person_merged_into_a_company_loses_their_name_too(db: Database) -> None:
    company = create_customer(CustomerInput(name="Garage du Port SARL"), "alice").number
    person = create_customer(CustomerInput(name="Loïc Le Goff", kind="individual",
                                           phone="06 12 34 56 78"), "alice").number  # fmt: skip
    merge_customers(company, person, ("phone",), "carol")
    anonymise_customer(company, "carol")
    assert get_customer(person, follow_merge=False).name == ERASED_NAME
    assert get_customer(company).name == "Garage du Port SARL"
    text = repr(customer_history(company)) + repr(customer_history(person))
    assert "Goff" not in text and "06 12 34 56 78" not in text


def test_an_anonymised_customer_can_no_longer_be_changed(db: Database) -> None:
    """Irreversible: the personal data cannot be typed back in, nor the record revived."""
    from models.customers import set_active

    record = create_customer(JEANNE, "alice")
    anonymised = anonymise_customer(record.number, "carol")
    typed_back = dataclasses.replace(input_from_record(anonymised), name="Jeanne Quiberon")
    with pytest.raises(ConflictError, match="no longer changed"):
        update_customer(record.number, typed_back, anonymised.version, "bob")
    with pytest.raises(ConflictError, match="no longer changed"):
        set_active(record.number, True, "bob")
    assert get_customer(record.number) == anonymised
