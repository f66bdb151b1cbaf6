"""Schema upgrades in place, and refusal of a database from a newer Comptoir."""

from __future__ import annotations

from pathlib import Path

import pytest

from models.db import bind, database, write_txn
from models.errors import DatabaseSetupError
from models.migrations import LATEST, current_version, open_database, upgrade


def test_a_database_made_by_the_first_schema_upgrades_and_keeps_its_customers(
    db_path: Path,
) -> None:
    old = bind(str(db_path))
    assert upgrade(old, target=1) == 1
    with write_txn():
        old.execute_sql(
            "INSERT INTO customer (number, kind, name, siren, vat, email, phone, phone_e164,"
            " street, postal_code, city, country, delivery_street, delivery_postal_code,"
            " delivery_city, delivery_country, status, terms, payment_method, currency,"
            " language, notes, created_at, created_by, updated_at, updated_by, version)"
            " VALUES ('C000001', 'company', 'Boulangerie Martin', '', '', '', '', '', '',"
            " '75011', 'Paris', 'FR', '', '', '', '', 'customer', '30d', 'transfer', 'EUR',"
            " 'fr', '', '2024-01-01', 'v1', '2024-01-01', 'v1', 1)"
        )
    database.close()

    upgraded = open_database(str(db_path))
    assert current_version(upgraded) == LATEST
    from models.search import search_customers

    assert [hit.number for hit in search_customers("boulang")] == ["C000001"]
    assert db_path.with_name(db_path.name + ".schema-1.bak").exists()
    database.close()


def test_a_database_from_a_newer_comptoir_is_refused(db_path: Path) -> None:
    newer = open_database(str(db_path))
    with write_txn():
        newer.execute_sql('UPDATE "schema_version" SET "version" = ?', (LATEST + 1,))
    database.close()
    with pytest.raises(DatabaseSetupError, match="newer Comptoir"):
        open_database(str(db_path))
    database.close()


def test_opening_twice_changes_nothing(db_path: Path) -> None:
    open_database(str(db_path))
    database.close()
    assert current_version(open_database(str(db_path))) == LATEST
    assert not list(db_path.parent.glob("*.bak"))
    database.close()


def test_a_schema_3_database_gains_the_catalog_with_the_vat_rates_seeded(db_path: Path) -> None:
    old = bind(str(db_path))
    assert upgrade(old, target=3) == 3
    database.close()
    open_database(str(db_path))
    from models.vat_rates import list_rates, rate_text

    assert [rate_text(r.rate) for r in list_rates("FR")] == ["20", "10", "5.5", "2.1"]
    assert [r.label for r in list_rates("NL")] == ["Algemeen tarief", "Verlaagd tarief",
                                                   "Nultarief"]  # fmt: skip
    assert [rate_text(r.rate) for r in list_rates("GR")] == ["24", "13", "6"]
    assert db_path.with_name(db_path.name + ".schema-3.bak").exists()
    database.close()


def test_a_schema_4_database_keeps_its_quotes_and_gains_invoices(db_path: Path) -> None:
    from models.documents import get_document
    from tests.models.sales_fixtures import add_customer, line, make_quote

    open_database(str(db_path))
    quote = make_quote(add_customer("Fleurs Lemoine"), line(description="Bouquet", unit_price="30"))
    from tests.old_schemas import undo_schema_5, undo_schema_6

    with write_txn():
        undo_schema_6(database)
        undo_schema_5(database)
        database.execute_sql('UPDATE "schema_version" SET "version" = 4')
    database.close()
    upgraded = open_database(str(db_path))
    assert current_version(upgraded) == LATEST
    assert get_document(quote.id).number == quote.number
    assert db_path.with_name(db_path.name + ".schema-4.bak").exists()
    database.close()


def test_a_schema_5_database_keeps_its_credit_allocations_and_gains_payments(
    db_path: Path,
) -> None:
    from models.credit_notes import credit_invoice
    from models.demo import demo_settings
    from models.payments import PaymentInput, record_payment
    from models.receivables import allocated_amounts
    from models.settings import save_settings
    from tests.models.sales_fixtures import add_customer, issued_invoice, line

    open_database(str(db_path))
    save_settings(demo_settings())
    customer = add_customer("Fleurs Lemoine")
    invoice = issued_invoice(customer, line(description="Bouquet", unit_price="100"))
    credit_invoice(invoice.number, "tester", amount="20")
    from tests.old_schemas import undo_schema_6

    with write_txn():
        undo_schema_6(database)
        database.execute_sql('UPDATE "schema_version" SET "version" = 5')
    database.close()
    open_database(str(db_path))
    assert allocated_amounts("invoice", [invoice.id]) == {invoice.id: 2000}
    record_payment(PaymentInput(customer, "100"), "tester")
    assert allocated_amounts("invoice", [invoice.id]) == {invoice.id: invoice.totals.total}
    assert db_path.with_name(db_path.name + ".schema-5.bak").exists()
    database.close()
