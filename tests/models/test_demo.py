"""The demo generator: valid data through the same checks the form uses, deterministic,
numbered by the counter, searchable, and never poured into a database in use; its invoices
and credit notes issued as the services would have issued them."""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
import json
import re
import shutil
from collections import defaultdict
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import phonenumbers
import pytest
from peewee import JOIN, Database
from stdnum.eu import vat as eu_vat
from stdnum.fr import siren as fr_siren
from stdnum.fr import siret as fr_siret

from models import clock, demo, demo_quotes
from models.balances import all_balances, customer_balances
from models.catalog import ItemInput, create_item, item_code, price, search_items
from models.catalog_tables import Contract, ContractItem, Item, PriceListItem
from models.contracts import customer_contracts
from models.credit_notes import credit_invoice, creditable_amount
from models.customer_account import customer_account
from models.customer_records import CustomerInput
from models.customers import create_customer, get_customer, input_from_record, validate_customer
from models.db import database
from models.document_lists import list_documents
from models.document_records import DocumentInput, DocumentRecord, LineInput
from models.document_tables import Allocation, Document, DocumentLine, ExchangeRate, Payment
from models.documents import (
    billing_from,
    document_context,
    find_document,
    get_document,
    total_text,
)
from models.due_dates import due_from_terms
from models.errors import ConflictError
from models.exchange_rates import list_exchange_rates, rate_on
from models.i18n import translator
from models.invoices import create_invoice, issue_invoice
from models.issuing import seller_of
from models.migrations import open_database
from models.money import from_minor, minor_to_text, to_minor
from models.payment_records import get_payment
from models.payments import _payment_summary as payment_summary
from models.payments import _refund_summary as refund_summary
from models.payments import reverse_payment
from models.price_lists import list_price_lists, list_prices
from models.pricing import CATALOG, FREE_TEXT, MANUAL, PRICE_LIST
from models.quotes import create_quote
from models.receivables import INVOICE_STATUSES, status_sql
from models.search import search_customers
from models.settings import list_reps, load_settings
from models.tables import Contact, Counter, Customer, CustomerEvent, PriceList
from models.totals import compute_totals, line_net, vat_on
from models.vat_rates import checked_rate
from models.verification import verify

COUNT = 300
INVOICES = 2 * COUNT
# Invoices go back eighteen months from today: frozen, so a seed makes the same ones.
TODAY = dt.date(2026, 12, 2)


@pytest.fixture(scope="module")
def demo_file(
    tmp_path_factory: pytest.TempPathFactory, empty_database: Path
) -> tuple[Path, list[tuple[int, int]]]:
    """The demo made once for the module, and the progress it reported: each test gets a
    copy (making it again for each test took most of this file's time)."""
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    shutil.copyfile(empty_database, path)
    calls: list[tuple[int, int]] = []
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(demo, "BATCH", 128)
        patch.setattr(clock, "today", lambda: TODAY)
        open_database(str(path))
        try:
            demo.generate_demo(COUNT, seed=3, invoices=INVOICES,
                               progress=lambda *done: calls.append(done))  # fmt: skip
            database.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            database.close()
    return path, calls


@pytest.fixture
def made(
    demo_file: tuple[Path, list[tuple[int, int]]], db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[list[tuple[int, int]]]:
    monkeypatch.setattr(demo, "BATCH", 128)
    monkeypatch.setattr(clock, "today", lambda: TODAY)
    shutil.copyfile(demo_file[0], db_path)
    db_path.chmod(0o600)
    open_database(str(db_path))
    yield demo_file[1]
    database.close()


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
    tables = (Customer, Contact, CustomerEvent, Item, PriceList, PriceListItem, Contract,
              ContractItem, Document, DocumentLine, Payment, Allocation, ExchangeRate,
              Counter)  # fmt: skip
    rows = [list(table.select().order_by(*table._meta.get_primary_keys()).tuples())
            for table in tables]  # fmt: skip
    return [*rows, load_settings()]


def test_same_seed_same_data(made: list[tuple[int, int]], tmp_path: Path) -> None:
    first = _snapshot()
    database.close()
    open_database(str(tmp_path / "again.db"))
    demo.generate_demo(COUNT, seed=3, invoices=INVOICES)
    assert _snapshot() == first
    database.close()
    open_database(str(tmp_path / "other.db"))
    demo.generate_demo(COUNT, seed=4, invoices=INVOICES)
    assert _snapshot() != first


def test_refuses_a_database_with_customers(db: Database) -> None:
    create_customer(CustomerInput(name="Déjà là"), "alice")
    with pytest.raises(ConflictError):
        demo.generate_demo(10)
    assert Customer.select().count() == 1


def test_refuses_a_database_with_a_catalog(db: Database) -> None:
    create_item(ItemInput(code="X-1", name="Déjà là", unit_price="1", vat_rate="20"), "alice")
    with pytest.raises(ConflictError):
        demo.generate_demo(10)
    assert Customer.select().count() == 0


def test_catalog_items_are_valid_and_varied(made: list[tuple[int, int]]) -> None:
    items = search_items("", limit=500, include_inactive=True)
    assert 55 <= len(items) <= 80 and 3 <= sum(not i.active for i in items) <= 8
    for item in items:
        assert item_code(item.code) == item.code
        assert price("unit_price", str(item.unit_price)) == item.unit_price
        assert checked_rate("vat_rate", str(item.vat_rate), "FR") == item.vat_rate
    assert {i.vat_rate for i in items} == {Decimal("5.5"), Decimal(10), Decimal(20)}
    assert {i.unit for i in items} >= {"kg", "pièce", "paquet", "heure", "forfait"}
    assert any(i.unit_price != i.unit_price.quantize(Decimal("0.01")) for i in items)
    assert "CAF-MOU-250" in [i.code for i in search_items("cafe moulu")]


def test_price_lists_and_the_customers_on_them(made: list[tuple[int, int]]) -> None:
    lists = {p.name: p for p in list_price_lists()}
    assert {(p.name, p.currency) for p in lists.values()} == {
        ("Revendeurs", "EUR"), ("Grands comptes", "EUR"), ("Export CHF", "CHF")}  # fmt: skip
    assert 0.08 * COUNT <= sum(p.customers for p in lists.values()) <= 0.25 * COUNT
    assert lists["Export CHF"].customers >= 1
    resellers = list_prices("Revendeurs", limit=500)
    on_list = [p for p in resellers if p.list_price is not None]
    assert len(on_list) > 0.7 * len(resellers)
    for listed in on_list:
        assert listed.list_price is not None
        assert Decimal("0.84") <= listed.list_price / listed.catalog_price <= Decimal("0.91")
    for (number,) in Customer.select(Customer.number).where(Customer.price_list.is_null(False)
                                                           ).tuples():  # fmt: skip
        record = get_customer(number)
        assert record.kind == "company" and record.currency == lists[record.price_list].currency


def test_contracts_never_overlap_and_grant_every_kind(made: list[tuple[int, int]]) -> None:
    contracts = list(Contract.select())
    holders = {c.customer_id for c in contracts}
    assert 0.03 * COUNT <= len(holders) <= 0.08 * COUNT
    for customer_id in holders:
        customer = get_customer(Customer.get_by_id(customer_id).number)
        records = customer_contracts(customer.number)
        for a, b in itertools.combinations(records, 2):
            assert (a.valid_to is not None and a.valid_to < b.valid_from) or (
                b.valid_to is not None and b.valid_to < a.valid_from)  # fmt: skip
        for record in records:
            assert record.currency == customer.currency
            assert customer.created_at.date() < record.valid_from
            if record.tax_treatment == "intra-eu":
                assert customer.country in ("NL", "GR") and customer.vat
            if record.tax_treatment == "export":
                assert customer.delivery_country == "CH" and customer.currency == "CHF"
    assert {c.tax_treatment for c in contracts} == {"standard", "intra-eu", "export"}
    ended = [c for c in contracts if c.valid_to and c.valid_to < demo_quotes.MADE_AT.date()]
    assert ended and len(ended) < len(contracts)
    assert any(c.discount is not None for c in contracts)
    rules = list(ContractItem.select())
    assert any(r.unit_price is not None for r in rules)
    assert any(r.discount is not None for r in rules)
    added = CustomerEvent.select().where(CustomerEvent.kind == "contract_added")
    assert added.count() == len(contracts)


def _as_typed(record: DocumentRecord) -> DocumentInput:
    """The quote or invoice as an operator would type it: items and quantities, a price or
    discount where the line says it was typed by hand; the contract, if any, picks the
    treatment; an invoice's due date left to the terms."""
    lines = []
    for line in record.lines:
        quantity = str(line.quantity)
        if line.rule == FREE_TEXT:
            typed = LineInput(description=line.description, quantity=quantity,
                              unit_price=str(line.unit_price))  # fmt: skip
        elif line.rule == MANUAL and line.discount:
            typed = LineInput(item=line.code, quantity=quantity, discount=str(line.discount))
        elif line.rule == MANUAL:
            typed = LineInput(item=line.code, quantity=quantity, unit_price=str(line.unit_price))
        else:
            typed = LineInput(item=line.code, quantity=quantity)
        lines.append(typed)
    return DocumentInput(
        customer=record.customer, date=record.date.isoformat(),
        valid_until=record.valid_until.isoformat() if record.valid_until else "",
        tax_treatment=None if record.contract_id else record.tax_treatment,
        reference=record.reference, notes=record.notes, lines=tuple(lines),
    )  # fmt: skip


def test_quotes_are_priced_and_totalled_as_the_editor_would(made: list[tuple[int, int]]) -> None:
    listed = {s.id: s for s in list_documents("quote", limit=1000)}
    assert len(listed) == COUNT // 4
    rules, currencies = set(), set()
    for doc_id in listed:
        record = get_document(doc_id)
        typed = _as_typed(record)
        context = document_context("quote", typed)
        assert context.price_lines(typed.lines) == list(record.lines), record.number
        customer = get_customer(record.customer)
        assert context.header.billing == record.billing == billing_from(customer)
        assert (context.book.contract.id if context.book.contract else None) == record.contract_id
        assert context.tax_treatment == record.tax_treatment
        assert (record.currency, record.price_list, record.terms) == (
            customer.currency, customer.price_list, customer.terms)  # fmt: skip
        assert 1 <= len(record.lines) <= 8
        for line in record.lines:
            assert line.net == line_net(line.quantity, line.unit_price, line.discount,
                                        record.currency)  # fmt: skip
        totals = record.totals
        assert totals.net == sum(line.net for line in record.lines)
        assert totals.tax == sum(vat_on(g.base, g.rate, record.currency)
                                 for g in totals.vat_groups)  # fmt: skip
        assert totals.total == totals.net + totals.tax and listed[doc_id].totals == totals
        if record.tax_treatment != "standard":
            assert totals.tax == 0 and record.billing.vat
        rules.update(line.rule for line in record.lines)
        currencies.add(record.currency)
    assert rules >= {CATALOG, PRICE_LIST, FREE_TEXT, MANUAL}
    assert rules & {"contract_price", "contract_item_discount", "contract_discount"}
    assert currencies == {"EUR", "CHF"}


def test_quote_numbers_follow_the_dates_and_continue(made: list[tuple[int, int]]) -> None:
    rows = list(Document.select(Document.number, Document.date).where(Document.kind == "quote")
                .order_by(Document.created_at, Document.id).tuples())  # fmt: skip
    assert [date for _n, date in rows] == sorted(date for _n, date in rows)
    by_year: dict[int, list[str]] = defaultdict(list)
    for number, date in rows:
        by_year[date.year].append(number)
    assert set(by_year) == {2024, 2025, 2026}
    for year, numbers in by_year.items():
        assert numbers == [f"D-{year}-{seq:05}" for seq in range(1, len(numbers) + 1)]
        assert Counter.get_by_id(f"quote:{year}").value == len(numbers)
    buyer = Customer.get((Customer.status == "customer") & (Customer.currency == "EUR"))
    line = LineInput(item="CAF-MOU-250", quantity="2")
    quote = create_quote(DocumentInput(buyer.number, date="2026-12-02", lines=(line,)), "alice")
    assert quote.number == f"D-2026-{len(by_year[2026]) + 1:05}"


def test_quote_life_cycles_and_the_customers_timeline(made: list[tuple[int, int]]) -> None:
    quotes = Document.select().where(Document.kind == "quote")
    stored = {status for (status,) in quotes.select(Document.status).tuples()}
    assert stored == {"draft", "sent", "accepted", "declined"}
    shown = {s.status for s in list_documents("quote", limit=1000,
                                              today=demo_quotes.MADE_AT.date())}  # fmt: skip
    assert "expired" in shown and shown & {"draft", "sent"}
    events = defaultdict(list)
    for customer_id, kind, summary, changes in CustomerEvent.select(
        CustomerEvent.customer, CustomerEvent.kind, CustomerEvent.summary, CustomerEvent.changes
    ).tuples():
        events[customer_id].append((kind, summary, changes))
    expected = {"draft": ["quote_created"], "sent": ["quote_created", "quote_sent"]}
    expected["accepted"] = [*expected["sent"], "quote_accepted"]
    expected["declined"] = [*expected["sent"], "quote_declined"]
    for row in quotes:
        record = get_document(row.id)
        assert row.created_at > Customer.get_by_id(row.customer_id).created_at
        summary = f"{record.reference_text} · {total_text(record)}"
        mine = [kind for kind, text, _c in events[row.customer_id] if text == summary]
        assert mine == expected[row.status]
        if row.status == "accepted":
            assert record.customer_status == "customer"
    became = [e for found in events.values() for e in found if e[0] == "became_customer"]
    assert became and all(json.loads(e[2]) == [["status", "prospect", "customer"]]
                          for e in became)  # fmt: skip
    accepted_by = {r.customer_id for r in quotes.where(Document.status == "accepted")}
    prospects = {c.id for c in Customer.select().where(Customer.status == "prospect")}
    assert prospects and not prospects & accepted_by
    ordered = CustomerEvent.select(CustomerEvent.customer, CustomerEvent.at).order_by(
        CustomerEvent.customer, CustomerEvent.id).tuples()  # fmt: skip
    for _customer, group in itertools.groupby(ordered, key=lambda e: e[0]):
        times = [at for _c, at in group]
        assert times == sorted(times) and all(isinstance(at, dt.datetime) for at in times)


def _issued(kind: str) -> list[tuple[str, dt.date, int]]:
    query = Document.select(Document.number, Document.date, Document.chain_position).where(
        (Document.kind == kind) & (Document.status == "issued"))  # fmt: skip
    return list(query.order_by(Document.chain_position).tuples())


def test_invoices_are_issued_in_the_asked_number_and_numbered_per_year_without_gaps(
    made: list[tuple[int, int]],
) -> None:
    invoices, notes = _issued("invoice"), _issued("credit_note")
    assert len(invoices) == INVOICES
    for kind, rows, prefix in (("invoice", invoices, "F"), ("credit_note", notes, "A")):
        assert [date for _n, date, _p in rows] == sorted(date for _n, date, _p in rows)
        by_year: dict[int, list[str]] = defaultdict(list)
        for number, date, _position in rows:
            by_year[date.year].append(number)
        for year, numbers in by_year.items():
            assert numbers == [f"{prefix}-{year}-{seq:05}" for seq in range(1, len(numbers) + 1)]
            assert Counter.get_by_id(f"{kind}:{year}").value == len(numbers)
    assert {date.year for _n, date, _p in invoices} == {2025, 2026}
    first = TODAY - dt.timedelta(days=548)
    assert first <= invoices[0][1] < first + dt.timedelta(days=15)
    assert TODAY - dt.timedelta(days=15) < invoices[-1][1] <= TODAY
    assert all(date.weekday() < 5 for _n, date, _p in invoices + notes)
    positions = sorted(position for _n, _d, position in invoices + notes)
    assert positions == list(range(1, len(positions) + 1))
    drafts = Document.select().where((Document.kind == "invoice") & (Document.status == "draft"))
    assert 1 <= drafts.count() <= 10
    assert all(d.number is None and d.chain_position is None and d.date == TODAY for d in drafts)


def test_the_demo_documents_pass_verify(made: list[tuple[int, int]]) -> None:
    found = verify()
    assert found.ok, found.problems
    assert found.documents == len(_issued("invoice")) + len(_issued("credit_note"))


def test_invoices_are_dated_and_snapshotted_as_issuing_would(made: list[tuple[int, int]]) -> None:
    seller = json.dumps(dataclasses.asdict(seller_of(load_settings())), ensure_ascii=False,
                        sort_keys=True)  # fmt: skip
    customers = {c.id: c for c in Customer.select()}
    nets: dict[int, list[tuple[int, Decimal]]] = defaultdict(list)
    for doc_id, net, rate in DocumentLine.select(
        DocumentLine.document, DocumentLine.net, DocumentLine.vat_rate
    ).tuples():
        nets[doc_id].append((net, rate))
    currencies = set()
    for row in Document.select().where(Document.kind == "invoice"):
        customer = customers[row.customer_id]
        assert row.due_date == due_from_terms(row.terms, row.date)
        assert (row.currency, row.language) == (customer.currency, customer.language)
        if row.status == "draft":
            assert (row.number, row.total, row.seller, row.hash) == (None, None, "", "")
            continue
        totals = compute_totals(nets[row.id], row.tax_treatment, row.currency)
        assert (row.total_excl, row.total_tax, row.total) == (totals.net, totals.tax, totals.total)
        assert (row.seller, row.customer_kind, row.issued_by) == (seller, customer.kind, "demo")
        assert row.created_at < row.issued_at and row.issued_at.date() == row.date
        assert row.service_date <= row.date and row.version == 2
        rate = Decimal(1) if row.currency == "EUR" else rate_on("CHF", row.date)
        assert row.exchange_rate == rate
        assert customer.status == "customer"
        currencies.add(row.currency)
    assert currencies == {"EUR", "CHF"}
    weeks = list_exchange_rates("CHF")
    assert weeks[-1].date <= TODAY - dt.timedelta(days=548) < weeks[-1].date + dt.timedelta(7)
    assert TODAY - dt.timedelta(days=7) < weeks[0].date <= TODAY


def test_invoices_are_priced_as_the_editor_would_or_copy_their_quote(
    made: list[tuple[int, int]],
) -> None:
    rules, copied = set(), 0
    invoices = Document.select(Document.id, Document.source).where(Document.kind == "invoice")
    # Every quote copied, and one invoice in four typed again: the editor is slow to replay.
    for index, (doc_id, source_id) in enumerate(invoices.order_by(Document.id).tuples()):
        if source_id is None and index % 4:
            continue
        record = get_document(doc_id)
        if record.source:
            quote = find_document("quote", record.source)
            assert quote.stored_status == "accepted" and quote.customer == record.customer
            assert quote.updated_at < record.created_at and quote.derived == (record.id,)
            assert record.lines == quote.lines and record.billing == quote.billing
            assert (record.tax_treatment, record.contract_id) == (quote.tax_treatment,
                                                                  quote.contract_id)  # fmt: skip
            copied += 1
            continue
        typed = _as_typed(record)
        context = document_context("invoice", typed)
        assert context.price_lines(typed.lines) == list(record.lines), record.reference_text
        customer = get_customer(record.customer)
        assert context.header.billing == record.billing == billing_from(customer)
        assert (context.book.contract.id if context.book.contract else None) == record.contract_id
        assert context.tax_treatment == record.tax_treatment
        rules.update(line.rule for line in record.lines)
    assert rules >= {CATALOG, PRICE_LIST, FREE_TEXT, MANUAL}
    assert rules & {"contract_price", "contract_item_discount", "contract_discount"}
    assert copied > 0


def test_credit_notes_correct_a_few_invoices_and_are_set_against_them(
    made: list[tuple[int, int]],
) -> None:
    issued = len(_issued("invoice"))
    notes = [get_document(doc_id) for (doc_id,) in Document.select(Document.id)
             .where(Document.kind == "credit_note").tuples()]  # fmt: skip
    assert 0.015 * issued <= len(notes) <= 0.05 * issued
    ways: dict[str, int] = defaultdict(int)
    for note in notes:
        invoice = find_document("invoice", note.source)
        assert invoice.date < note.date and note.customer == invoice.customer
        copied = ("billing", "tax_treatment", "exchange_rate", "currency", "language")
        assert [getattr(note, f) for f in copied] == [getattr(invoice, f) for f in copied]
        allocations = Allocation.select().where(Allocation.credit_note == note.id)
        assert [(a.invoice_id, a.amount, a.date) for a in allocations] == [
            (invoice.id, note.totals.total, note.date)]  # fmt: skip
        assert note.status == "applied" and note.notes
        left = invoice.totals.total - note.totals.total
        # Payments only ever cover what the credit note left.
        assert 0 <= left == creditable_amount(invoice) and 0 <= invoice.open_amount <= left
        by_id = {line.id: line for line in invoice.lines}
        if all(line.credited_line_id for line in note.lines):
            for line in note.lines:
                assert line.credited_line_id is not None
                credited = by_id[line.credited_line_id]
                assert (line.code, line.unit_price) == (credited.code, credited.unit_price)
                assert 0 < line.quantity <= credited.quantity
            ways["whole" if left == 0 else "lines"] += 1
        else:
            assert {line.description for line in note.lines} == {
                translator(invoice.language)("Credit on invoice {number}").format(
                    number=invoice.number)}  # fmt: skip
            assert left > 0
            ways["amount"] += 1
        if left == 0:
            assert invoice.status == "paid"
    assert set(ways) == {"whole", "lines", "amount"}


def test_balances_owe_the_invoices_less_their_credit_notes_and_payments(
    made: list[tuple[int, int]],
) -> None:
    owed: dict[int, int] = defaultdict(int)
    for customer_id, kind, total in (
        Document.select(Document.customer, Document.kind, Document.total)
        .where(Document.status == "issued")
        .tuples()
    ):
        owed[customer_id] += -total if kind == "credit_note" else total
    for customer_id, direction, amount in Payment.select(
        Payment.customer, Payment.direction, Payment.amount
    ).tuples():
        owed[customer_id] += -amount if direction == "in" else amount
    customers = {c.number: (c.id, c.currency) for c in Customer.select()}
    balances = customer_balances(list(customers))
    for number, (customer_id, currency) in customers.items():
        assert balances[number] == from_minor(owed[customer_id], currency)
    assert sum(1 for balance in balances.values() if balance > 0) > COUNT / 10
    # Overpayments not yet refunded nor used: credit.
    assert any(balance < 0 for balance in balances.values())
    assert [(b.number, b.balance) for b in all_balances(nonzero=True)] == sorted(
        (n, to_minor(b, customers[n][1])) for n, b in balances.items() if b
    )


def test_invoices_and_credit_notes_are_on_their_customers_timelines(
    made: list[tuple[int, int]],
) -> None:
    events = {(cid, kind, summary): at for cid, kind, summary, at in CustomerEvent.select(
        CustomerEvent.customer, CustomerEvent.kind, CustomerEvent.summary, CustomerEvent.at
    ).where(CustomerEvent.kind.in_(("invoice_issued", "credit_note_issued", "quote_invoiced"))
            ).tuples()}  # fmt: skip
    source = Document.alias()
    issued = (
        Document.select(Document.id, Document.customer, Document.kind, Document.number,
                        Document.total, Document.currency, Document.issued_at,
                        Document.created_at, source.number)
        .join(source, JOIN.LEFT_OUTER, on=(Document.source == source.id))
        .where(Document.status == "issued")
        .tuples()
    )  # fmt: skip
    expected = {}
    for doc_id, cid, kind, number, total, currency, issued_at, created_at, of in issued:
        amount = f"{minor_to_text(total, currency)} {currency}"
        if kind == "credit_note":
            expected[cid, "credit_note_issued", f"{number} credits {of} · {amount}"] = issued_at
            continue
        expected[cid, "invoice_issued", f"{number} · {amount}"] = issued_at
        if of is not None:
            expected[cid, "quote_invoiced", f"{of} → invoice draft #{doc_id}"] = created_at
    assert events == expected


def test_documents_issued_after_the_demo_continue_the_series_and_the_chain(
    made: list[tuple[int, int]],
) -> None:
    year = TODAY.year
    invoices = Counter.get_by_id(f"invoice:{year}").value
    notes = Counter.get_by_id(f"credit_note:{year}").value
    draft = Document.get((Document.kind == "invoice") & (Document.status == "draft"))
    assert issue_invoice(draft.id, "alice").number == f"F-{year}-{invoices + 1:05}"
    buyer = Customer.get((Customer.status == "customer") & (Customer.currency == "EUR"))
    typed = DocumentInput(buyer.number, lines=(LineInput(item="CAF-MOU-250", quantity="2"),))
    made_now = issue_invoice(create_invoice(typed, "alice").id, "alice")
    assert made_now.number == f"F-{year}-{invoices + 2:05}"
    note = credit_invoice(made_now.number, "alice", amount="1")
    assert note.number == f"A-{year}-{notes + 1:05}"
    found = verify()
    assert found.ok and found.documents == len(_issued("invoice")) + len(_issued("credit_note"))


def test_by_default_each_customer_has_been_invoiced_once(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(clock, "today", lambda: TODAY)
    made = demo.generate_demo(40, seed=2, quotes=0)
    assert made.invoices == 40 * demo.INVOICES_PER_CUSTOMER == len(_issued("invoice"))
    assert made.quotes == 0 and made.drafts == 1
    assert made.credit_notes == len(_issued("credit_note"))
    assert verify().ok


def _reference_pattern(method: str) -> str:
    number = r"F-\d{4}-\d{5}"
    return {
        "transfer": rf"VIR (SEPA|INST) ({number}|RF\d\dF\d{{9}})( [12]/2)?",
        "cheque": r"CHQ \d{7}",
        "card": r"CB AUTH [0-9A-Z]{6}",
        "direct_debit": rf"PRLV SEPA {number}",
        "cash": "",
    }[method]


def test_payments_settle_most_invoices_by_the_customers_habits(
    made: list[tuple[int, int]],
) -> None:
    invoice = (Document.kind == "invoice") & (Document.status == "issued")
    counts = {status: Document.select().where((Document.kind == "invoice")
                                              & status_sql(status, TODAY)).count()
              for status in INVOICE_STATUSES}  # fmt: skip
    assert all(counts.values()), counts
    older = invoice & (Document.due_date < TODAY - dt.timedelta(days=30))
    old = Document.select().where(older).count()
    assert Document.select().where(older & status_sql("paid", TODAY)).count() >= 0.9 * old
    assert 0.02 * old <= Document.select().where(older & status_sql("overdue", TODAY)).count()
    assert Document.select().where(older & status_sql("overdue", TODAY)).count() <= 0.07 * old
    recent = invoice & (Document.date > TODAY - dt.timedelta(days=10))
    waiting = Document.select().where(recent & Document.payment_method.in_(("transfer", "cheque")))
    assert waiting.where(status_sql("open", TODAY)).count() > waiting.count() / 2
    invoices = {row.id: row for row in Document.select().where(invoice)}
    settled: dict[int, list[Allocation]] = defaultdict(list)
    for allocation in Allocation.select().where(
        Allocation.payment.is_null(False) & Allocation.invoice.is_null(False)
    ):
        settled[allocation.payment_id].append(allocation)
    payments = list(Payment.select().order_by(Payment.id))
    assert [p.created_at for p in payments] == sorted(p.created_at for p in payments)
    bounced = {p.reverses_id for p in payments if p.reverses_id}
    bounced_invoices = {a.invoice_id for p in bounced if p for a in settled[p]}
    methods: set[str] = set()
    for payment in (p for p in payments if p.kind == "payment"):
        assert payment.direction == "in" and 0 < payment.amount and payment.date <= TODAY
        assert re.fullmatch(_reference_pattern(payment.method), payment.reference), payment
        if payment.currency == "EUR":
            assert payment.exchange_rate is None
        else:
            assert payment.exchange_rate == rate_on(payment.currency, payment.date)
        if payment.method in ("transfer", "cheque", "direct_debit"):
            assert payment.date.weekday() < 5
        # What it settled when it came in (credit it left may settle a later invoice).
        own = [a for a in settled[payment.id] if a.date == payment.date]
        paid = invoices[own[0].invoice_id] if own else None
        if paid is not None:
            assert paid.date <= payment.date and paid.currency == payment.currency
            # A bounced cheque is paid again by transfer.
            assert payment.method == paid.payment_method or paid.id in bounced_invoices
        methods.add(payment.method)
    assert methods == {"transfer", "cheque", "card", "direct_debit", "cash"}
    assert {p.currency for p in payments} == {"EUR", "CHF"}
    assert any(p.reference.endswith(" 2/2") for p in payments)
    events = set(CustomerEvent.select(CustomerEvent.customer, CustomerEvent.summary)
                 .where(CustomerEvent.kind == "payment_recorded").tuples())  # fmt: skip
    for payment in payments[::3]:
        if payment.kind == "payment" and payment.id not in bounced and all(
            a.date == payment.date for a in Allocation.select().where(
                (Allocation.payment == payment.id) | (Allocation.refund == payment.id))
        ):  # fmt: skip
            wording = payment_summary(get_payment(payment.id))
            assert (payment.customer_id, wording) in events


def _shape(payment_id: int) -> list[tuple[bool, int | None, int, str]]:
    query = Allocation.select().where(Allocation.payment == payment_id).order_by(Allocation.id)
    return [(a.invoice_id is not None, a.refund_id, a.amount, a.note) for a in query]


def _reversal_text(reversal: Payment, number: str) -> str:
    amount = minor_to_text(reversal.amount, reversal.currency)
    return (f"#{reversal.id} reverses #{reversal.reverses_id} · {amount} {reversal.currency}"
            f" · {number} {amount} · {reversal.note}")  # fmt: skip


def test_overpaid_credit_is_applied_or_refunded_and_bounced_cheques_reversed(
    made: list[tuple[int, int]],
) -> None:
    payments = {p.id: p for p in Payment.select()}
    allocations = list(Allocation.select().order_by(Allocation.id))
    events = set(CustomerEvent.select(CustomerEvent.customer, CustomerEvent.kind,
                                      CustomerEvent.summary).tuples())  # fmt: skip
    refunds = [p for p in payments.values() if p.kind == "refund"]
    assert refunds
    for refund_row in refunds:
        covered = [a for a in allocations if a.refund_id == refund_row.id]
        assert [(a.amount, a.date) for a in covered] == [(refund_row.amount, refund_row.date)]
        source = get_payment(covered[0].payment_id)
        assert source.date < refund_row.date and source.unallocated == 0
        assert source.customer == get_payment(refund_row.id).customer
        wording = refund_summary(get_payment(refund_row.id))
        assert (refund_row.customer_id, "refund_recorded", wording) in events
    invoices = {d.id: d for d in Document.select().where(Document.kind == "invoice")}
    applied = [a for a in allocations if a.invoice_id and a.payment_id
               and payments[a.payment_id].date < invoices[a.invoice_id].date]  # fmt: skip
    assert applied and all(a.date == invoices[a.invoice_id].date for a in applied)
    assert any(kind == "credit_applied" for _c, kind, _s in events)
    reversals = [p for p in payments.values() if p.kind == "reversal"]
    assert reversals
    for reversal in reversals:
        cheque = payments[reversal.reverses_id]
        same = ("amount", "currency", "exchange_rate", "method", "reference", "customer_id")
        assert [getattr(reversal, f) for f in same] == [getattr(cheque, f) for f in same]
        assert (reversal.direction, cheque.method) == ("out", "cheque")
        assert reversal.note and reversal.date > cheque.date
        amount = cheque.amount
        assert _shape(cheque.id) == [(True, None, amount, ""),
                                     (True, None, -amount, f"reversal of #{cheque.id}"),
                                     (False, reversal.id, amount, "")]  # fmt: skip
        paid = invoices[next(a.invoice_id for a in allocations if a.payment_id == cheque.id)]
        text = _reversal_text(reversal, paid.number)
        assert (reversal.customer_id, "payment_reversed", text) in events
    # The service reverses another cheque the same way.
    other = next(p for p in payments.values() if p.method == "cheque" and p.kind == "payment"
                 and p.id not in {r.reverses_id for r in reversals}
                 and len(_shape(p.id)) == 1)  # fmt: skip
    paid = invoices[next(a.invoice_id for a in allocations if a.payment_id == other.id)]
    made_now = reverse_payment(f"#{other.id}", "alice", reason="Chèque impayé")
    amount = other.amount
    assert made_now.id == max(payments) + 1
    assert _shape(other.id) == [(True, None, amount, ""),
                                (True, None, -amount, f"reversal of #{other.id}"),
                                (False, made_now.id, amount, "")]  # fmt: skip
    last = CustomerEvent.select().order_by(CustomerEvent.id.desc()).first()
    assert last.summary == _reversal_text(Payment.get_by_id(made_now.id), paid.number)
    account = customer_account(get_payment(reversals[0].id).customer)
    assert {"invoice", "payment", "reversal", "allocation"} <= {line.kind for line in account.lines}
    assert verify().ok
