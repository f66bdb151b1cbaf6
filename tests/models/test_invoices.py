"""Invoices: drafts, due dates from the terms, issuing (numbers, snapshots, chronology),
the database refusing changes to what was issued, and derived statuses."""

from __future__ import annotations

import datetime as dt
import sqlite3
from decimal import Decimal
from pathlib import Path

import pytest
from peewee import Database

from models.db import write_txn
from models.document_lists import list_documents, sum_documents
from models.document_records import DocumentInput
from models.documents import get_document, update_document
from models.due_dates import due_date_warning, due_from_terms, latest_lawful_due_date
from models.errors import ConflictError, ValidationError
from models.invoices import delete_draft, issue_invoice
from models.settings import load_settings, save_settings
from tests.models.sales_fixtures import (
    OPERATOR,
    TODAY,
    add_customer,
    add_item,
    issued_invoice,
    line,
    make_invoice,
    open_shop,
)


@pytest.fixture
def shop(db: Database, monkeypatch: pytest.MonkeyPatch) -> str:
    open_shop(monkeypatch)
    add_item("CAF-250", "12.40", "5.5", name="Café moulu 250 g")
    return add_customer("Boulangerie Martin", status="customer", terms="30d",
                        street="3 rue Oberkampf", postal_code="75011", city="Paris")  # fmt: skip


@pytest.mark.parametrize(
    ("terms", "date", "due"),
    [
        ("receipt", dt.date(2026, 3, 14), dt.date(2026, 3, 14)),
        ("30d", dt.date(2026, 3, 14), dt.date(2026, 4, 13)),
        ("45eom", dt.date(2026, 3, 14), dt.date(2026, 4, 30)),
        ("30eom", dt.date(2026, 1, 31), dt.date(2026, 3, 31)),
    ],
)
def test_the_terms_give_the_due_date(db: Database, terms: str, date: dt.date, due: dt.date) -> None:
    assert due_from_terms(terms, date) == due


def test_45_days_end_of_month_follows_the_shops_reading_and_is_never_flagged_by_it(
    db: Database,
) -> None:
    from models.due_dates import MONTH_END_THEN_DAYS

    end_of_november = dt.date(2026, 11, 30)
    due = due_from_terms("45eom", end_of_november)
    assert due == dt.date(2027, 1, 31)  # 62 days, but lawful as 45 days end of month
    assert due_date_warning(end_of_november, due, "company", "FR") == ""
    later = due_from_terms("45eom", end_of_november, MONTH_END_THEN_DAYS)
    assert later == dt.date(2027, 1, 14)
    # Counted the other way, 31 January is beyond both 60 days and 45 days end of month.
    assert "2027-01-29" in due_date_warning(
        end_of_november, due, "company", "FR", MONTH_END_THEN_DAYS
    )


def test_a_due_date_beyond_the_french_cap_is_warned_for_businesses_only(db: Database) -> None:
    date = dt.date(2026, 1, 1)
    # 60 days (2 March) or 45 days end of month (15 Feb → 28 Feb): 2 March.
    assert latest_lawful_due_date(date) == dt.date(2026, 3, 2)
    assert due_date_warning(date, dt.date(2026, 3, 2), "company", "FR") == ""
    assert "60 days" in due_date_warning(date, dt.date(2026, 3, 3), "company", "FR")
    assert due_date_warning(date, dt.date(2026, 6, 1), "individual", "FR") == ""
    assert due_date_warning(date, dt.date(2026, 6, 1), "company", "NL") == ""


def test_a_draft_has_no_number_a_due_date_from_the_terms_and_can_be_deleted(shop: str) -> None:
    draft = make_invoice(shop, line("CAF-250", "10"))
    assert draft.number == "" and draft.status == "draft"
    assert draft.due_date == TODAY + dt.timedelta(days=30)
    edited = update_document(
        draft.id, DocumentInput(shop, lines=(line("CAF-250", "2"),)), draft.version, OPERATOR
    )
    assert edited.totals.net == 2480
    delete_draft(edited.id, edited.version)
    assert list_documents("invoice") == []


def test_issuing_numbers_snapshots_and_makes_the_prospect_a_customer(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    open_shop(monkeypatch)
    prospect = add_customer("Fleurs Lemoine", siren="732829320")
    first = issued_invoice(prospect, line(description="Bouquet", unit_price="100", vat_rate="20"))
    second = issued_invoice(prospect, line(description="Vase", unit_price="10", vat_rate="20"))
    assert (first.number, second.number) == ("F-2026-00001", "F-2026-00002")
    assert first.status == "open" and first.open_amount == 12000
    assert first.seller is not None and first.seller.siren == load_settings().company_siren
    assert first.customer_kind == "company" and first.service_date == TODAY
    assert first.exchange_rate == Decimal(1)
    assert first.issued_by == OPERATOR and first.hash and first.hash != second.hash
    from models.customers import get_customer

    assert get_customer(prospect).status == "customer"


def test_settings_changed_later_do_not_change_an_issued_invoice(shop: str) -> None:
    invoice = issued_invoice(shop, line("CAF-250"))
    settings = load_settings()
    from dataclasses import replace

    save_settings(replace(settings, company_name="Autre Nom SAS"))
    assert get_document(invoice.id).seller.name == settings.company_name  # type: ignore[union-attr]


def test_an_invoice_cannot_be_issued_twice_or_dated_before_the_last_one(shop: str) -> None:
    invoice = issued_invoice(shop, line("CAF-250"))
    with pytest.raises(ConflictError):
        issue_invoice(invoice.id, OPERATOR)
    earlier = make_invoice(shop, line("CAF-250"), date="2026-03-01")
    with pytest.raises(ValidationError) as refused:
        issue_invoice(earlier.id, OPERATOR)
    assert "2026-03-14" in refused.value.errors["date"]
    # The refusal gave the number back: the next one issued takes it.
    later = issued_invoice(shop, line("CAF-250"))
    assert later.number == "F-2026-00002"


def test_an_invoice_needs_the_sellers_identity(shop: str) -> None:
    from dataclasses import replace

    save_settings(replace(load_settings(), company_siren=""))
    draft = make_invoice(shop, line("CAF-250"))
    with pytest.raises(ValidationError) as refused:
        issue_invoice(draft.id, OPERATOR)
    assert "settings.company_siren" in refused.value.errors
    assert get_document(draft.id).number == ""


def test_an_issued_invoice_cannot_be_edited_or_deleted_through_the_services(shop: str) -> None:
    invoice = issued_invoice(shop, line("CAF-250"))
    with pytest.raises(ConflictError):
        update_document(invoice.id, DocumentInput(shop, lines=(line("CAF-250", "9"),)),
                        invoice.version, OPERATOR)  # fmt: skip
    with pytest.raises(ConflictError):
        delete_draft(invoice.id, invoice.version)


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE document SET billing_name = 'Someone else' WHERE kind = 'invoice'",
        "UPDATE document SET total = 1 WHERE kind = 'invoice'",
        "DELETE FROM document WHERE kind = 'invoice'",
        "UPDATE document_line SET quantity = 99000",
        "DELETE FROM document_line",
        "INSERT INTO document_line (document_id, position, code, description, unit, quantity,"
        " unit_price, discount, vat_rate, net, rule, rule_detail)"
        " SELECT id, 9, '', 'extra', '', 1000, 10000, 0, 2000, 100, 'manual', '' FROM document",
    ],
)
def test_the_database_itself_refuses_to_change_an_issued_invoice(
    shop: str, db_path: Path, statement: str
) -> None:
    invoice = issued_invoice(shop, line("CAF-250"))
    raw = sqlite3.connect(db_path)
    with pytest.raises(sqlite3.DatabaseError, match="credit note"):
        raw.execute(statement)
    raw.close()
    assert get_document(invoice.id).lines == invoice.lines


def test_a_draft_stays_editable_in_sql_and_a_merge_may_move_an_issued_invoice(
    shop: str, db_path: Path
) -> None:
    draft = make_invoice(shop, line("CAF-250"))
    invoice = issued_invoice(shop, line("CAF-250"))
    other = add_customer("Boulangerie Martin bis", status="customer")
    from models.tables import Customer

    with write_txn():
        from models.document_tables import Document

        Document.update(notes="typed later").where(Document.id == draft.id).execute()
        Document.update(customer=Customer.get(Customer.number == other).id).where(
            Document.id == invoice.id
        ).execute()
    assert get_document(invoice.id).customer == other
    from models.verification import verify

    assert verify().ok


def test_statuses_are_derived_from_dates_and_allocations(
    shop: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    invoice = issued_invoice(shop, line("CAF-250", "10"))
    assert [d.status for d in list_documents("invoice")] == ["open"]
    assert list_documents("invoice", status="overdue", today=TODAY + dt.timedelta(days=31))
    assert not list_documents("invoice", status="open", today=TODAY + dt.timedelta(days=31))
    late = list_documents("invoice", today=TODAY + dt.timedelta(days=31))
    assert [(d.number, d.status, d.open_amount) for d in late] == [
        (invoice.number, "overdue", invoice.totals.total)
    ]
    draft = make_invoice(shop, line("CAF-250"))
    assert [d.id for d in list_documents("invoice", status="draft")] == [draft.id]
    (sums,) = sum_documents("invoice")
    assert (sums.count, sums.total) == (2, invoice.totals.total + draft.totals.total)
    assert sums.open_amount == invoice.totals.total


def test_an_invoice_in_another_currency_stores_its_exchange_rate(shop: str) -> None:
    from models.exchange_rates import set_rate

    draft = make_invoice(shop, line(description="Service", unit_price="100", vat_rate="20"),
                         currency="CHF")  # fmt: skip
    with pytest.raises(ValidationError) as refused:
        issue_invoice(draft.id, OPERATOR)
    assert "CHF" in refused.value.errors["exchange_rate"]
    set_rate("CHF", "2026-03-01", "1.0642", OPERATOR)
    issued = issue_invoice(draft.id, OPERATOR)
    assert issued.exchange_rate == Decimal("1.0642")
    typed = make_invoice(shop, line(description="Service", unit_price="100", vat_rate="20"),
                         currency="CHF")  # fmt: skip
    assert issue_invoice(typed.id, OPERATOR, "1.05").exchange_rate == Decimal("1.05")


def test_balances_sum_issued_invoices_less_credit_notes(shop: str) -> None:
    from models.balances import customer_balances
    from models.credit_notes import credit_invoice

    invoice = issued_invoice(shop, line("CAF-250", "10"))
    make_invoice(shop, line("CAF-250", "10"))  # a draft owes nothing
    assert customer_balances([shop]) == {shop: Decimal("130.82")}
    credit_invoice(invoice.number, OPERATOR, amount="30.82")
    assert customer_balances([shop]) == {shop: Decimal("100.00")}


def test_an_amount_converts_to_the_company_currency_at_the_stored_rate() -> None:
    from models.exchange_rates import to_base

    assert to_base(12000, "CHF", Decimal("1.0642"), "EUR") == 12770
    assert to_base(12000, "JPY", Decimal("0.0061"), "EUR") == 7320


def test_lists_sort_by_due_date_and_signed_total_with_the_undated_last(shop: str) -> None:
    from models.credit_notes import credit_invoice

    big = issued_invoice(shop, line("CAF-250", "10"), due_date="2026-05-30")
    small = issued_invoice(shop, line("CAF-250", "1"), due_date="2026-04-30")
    note = credit_invoice(big.number, OPERATOR, amount="5")
    kinds = ("invoice", "credit_note")
    by_due = list_documents(kinds, order="due_date", descending=False)
    assert [d.number for d in by_due] == [small.number, big.number, note.number]
    by_total = list_documents(kinds, order="total", descending=True)
    assert [d.number for d in by_total] == [big.number, small.number, note.number]
