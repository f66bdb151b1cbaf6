"""The demo generator: valid data through the same checks the form uses, deterministic,
numbered by the counter, searchable, and never poured into a database in use."""

from __future__ import annotations

from pathlib import Path

import phonenumbers
import pytest
from peewee import Database
from stdnum.eu import vat as eu_vat
from stdnum.fr import siren as fr_siren
from stdnum.fr import siret as fr_siret

from models import demo
from models.customer_records import CustomerInput
from models.customers import create_customer, get_customer, input_from_record, validate_customer
from models.db import database
from models.errors import ConflictError
from models.migrations import open_database
from models.search import search_customers
from models.settings import list_reps, load_settings
from models.tables import Contact, Counter, Customer, CustomerEvent

COUNT = 300


@pytest.fixture
def made(db: Database, monkeypatch: pytest.MonkeyPatch) -> list[tuple[int, int]]:
    monkeypatch.setattr(demo, "BATCH", 128)
    calls: list[tuple[int, int]] = []
    demo.generate_demo(COUNT, seed=3, progress=lambda done, total: calls.append((done, total)))
    return calls


def test_every_customer_passes_the_form_validation(made: list[tuple[int, int]]) -> None:
    settings = load_settings()
    for (number,) in Customer.select(Customer.number).tuples():
        record = get_customer(number)
        validate_customer(input_from_record(record), settings)
        for contact in record.contacts:
            if contact.phone_e164:
                assert phonenumbers.is_valid_number(phonenumbers.parse(contact.phone_e164))


def test_identifiers_are_valid(made: list[tuple[int, int]]) -> None:
    rows = list(Customer.select(Customer.country, Customer.siren, Customer.vat,
                                Customer.phone, Customer.phone_e164).tuples())  # fmt: skip
    for country, siren, vat, phone, e164 in rows:
        if country == "FR" and siren:
            assert fr_siren.is_valid(siren) or fr_siret.is_valid(siren), siren
        if vat:
            assert eu_vat.is_valid(vat), vat
        parsed = phonenumbers.parse(phone, country)
        assert phonenumbers.is_valid_number(parsed), phone
        assert phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164) == e164
    countries = {row[0] for row in rows}
    assert countries == {"FR", "NL", "GR"}
    assert sum(1 for row in rows if row[1] and row[0] == "FR") > 50


def test_company_settings_reps_counter_events_progress(made: list[tuple[int, int]]) -> None:
    settings = load_settings()
    assert settings.is_configured and settings.company_iban.startswith("FR76")
    assert settings.company_vat.endswith(settings.company_siren)
    assert len(list_reps()) == len(demo.REPS)
    assert Counter.get_by_id("customer").value == Customer.select().count() == COUNT
    numbers = [n for (n,) in Customer.select(Customer.number).order_by(Customer.id).tuples()]
    assert numbers == [f"C{i:06d}" for i in range(1, COUNT + 1)]
    events = CustomerEvent.select().where(
        (CustomerEvent.kind == "created") & (CustomerEvent.operator == "demo"))  # fmt: skip
    assert events.count() == COUNT
    assert made == [(128, COUNT), (256, COUNT), (COUNT, COUNT)]
    assert Contact.select().count() > 0
    assert Customer.select().where(Customer.status == "inactive").count() > 0


def test_customers_made_after_the_demo_continue_the_numbers(made: list[tuple[int, int]]) -> None:
    record = create_customer(CustomerInput(name="Après la démo"), "alice")
    assert record.number == f"C{COUNT + 1:06d}"


def test_demo_customers_are_searchable(made: list[tuple[int, int]]) -> None:
    greek = Customer.select().where(Customer.country == "GR").first()
    assert [h.number for h in search_customers(greek.number)] == [greek.number]
    assert greek.number in [
        h.number for h in search_customers(greek.name, limit=500, include_inactive=True)
    ]
    assert len(search_customers("", limit=COUNT)) == Customer.select().where(
        Customer.status != "inactive").count()  # fmt: skip


def _snapshot() -> list[object]:
    customers = list(Customer.select().order_by(Customer.id).tuples())
    contacts = list(Contact.select().order_by(Contact.id).tuples())
    return [customers, contacts, load_settings()]


def test_same_seed_same_data(made: list[tuple[int, int]], tmp_path: Path) -> None:
    first = _snapshot()
    database.close()
    open_database(str(tmp_path / "again.db"))
    demo.generate_demo(COUNT, seed=3)
    assert _snapshot() == first
    database.close()
    open_database(str(tmp_path / "other.db"))
    demo.generate_demo(COUNT, seed=4)
    assert _snapshot() != first


def test_refuses_a_database_with_customers(db: Database) -> None:
    create_customer(CustomerInput(name="Déjà là"), "alice")
    with pytest.raises(ConflictError):
        demo.generate_demo(10)
    assert Customer.select().count() == 1
