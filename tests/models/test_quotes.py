"""Quotes through their services: numbering, the customer's defaults, the life cycle
(draft → sent → accepted / declined / expired), a prospect becoming a customer, the
invoice draft made from an accepted quote, and what merging and erasing customers does
to their quotes."""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal

import pytest
from peewee import Database
from sales_fixtures import OPERATOR, TODAY, add_customer, add_item, line, make_quote, open_shop

from models import clock
from models.catalog import ItemInput, update_item
from models.contracts import ContractInput, ContractItemInput, add_contract, customer_contracts
from models.customers import customer_history, get_customer
from models.document_lists import list_documents
from models.document_records import Billing, DocumentInput
from models.documents import find_document, get_document
from models.erasure import ERASED_NAME, anonymise_customer, delete_prospect, deletion_refused
from models.errors import ConflictError, ValidationError
from models.merge import merge_customers
from models.price_lists import save_price_list, set_list_price
from models.pricing import CATALOG, CONTRACT_PRICE, PRICE_LIST
from models.quotes import (
    accept_quote,
    create_quote,
    decline_quote,
    quote_to_invoice,
    send_quote,
    update_quote,
)
from models.search import search_customers
from models.settings import load_settings, save_settings

D = Decimal


@pytest.fixture
def prospect(db: Database, monkeypatch: pytest.MonkeyPatch) -> str:
    """The demo company on 14 March 2026, two items and a prospect."""
    open_shop(monkeypatch)
    add_item("CAF", "4.20", "5.5", name="Café moulu")
    add_item("MACH", "899", "20", name="Machine expresso")
    return add_customer(
        "Boulangerie Martin", street="12 rue de la Roquette", postal_code="75011", city="Paris"
    )


def on_day(monkeypatch: pytest.MonkeyPatch, day: str) -> None:
    monkeypatch.setattr(clock, "today", lambda: dt.date.fromisoformat(day))


def kinds(customer: str) -> list[str]:
    return [entry.kind for entry in customer_history(customer)]


# --- numbering --------------------------------------------------------------------------


def test_numbers_follow_each_other_and_restart_each_year(prospect: str) -> None:
    numbers = [
        make_quote(prospect, line("CAF")).number,
        make_quote(prospect, line("CAF"), date="2026-12-31").number,
        make_quote(prospect, line("CAF"), date="2027-01-01").number,
        make_quote(prospect, line("CAF"), date="2026-06-01").number,
        make_quote(prospect, line("CAF"), date="02/01/2027").number,
    ]
    assert numbers == [
        "D-2026-00001",
        "D-2026-00002",
        "D-2027-00001",
        "D-2026-00003",
        "D-2027-00002",
    ]


def test_a_refused_quote_leaves_no_hole(prospect: str) -> None:
    """Refused on a line, on the header, or late (the tax treatment needs the customer's
    VAT number, checked after the number was drawn): the next quote takes the number."""
    first = make_quote(prospect, line("CAF"))
    with pytest.raises(ValidationError) as caught:
        make_quote(prospect, line("CAF", "0"), line("NOPE"))
    assert set(caught.value.errors) == {"lines.0.quantity", "lines.1.item"}
    with pytest.raises(ValidationError):
        make_quote(prospect, line("CAF"), currency="euro")
    with pytest.raises(ValidationError) as late:
        make_quote(prospect, line("CAF"), tax_treatment="intra-eu")
    # A French prospect without a VAT number: neither is an intra-EU supply.
    assert set(late.value.errors) == {"billing.vat", "tax_treatment"}
    second = make_quote(prospect, line("CAF"))
    assert (first.number, second.number) == ("D-2026-00001", "D-2026-00002")
    assert len(list_documents("quote")) == 2


def test_the_pattern_comes_from_the_settings(prospect: str) -> None:
    save_settings(dataclasses.replace(load_settings(), quote_number_pattern="DEV{seq:04}"))
    assert make_quote(prospect, line("CAF")).number == "DEV0001"
    assert make_quote(prospect, line("CAF"), date="2027-03-01").number == "DEV0002"


# --- the customer's defaults ------------------------------------------------------------


@pytest.fixture
def regular(prospect: str) -> str:
    """A customer with a price list, terms, method and language of its own."""
    save_price_list("Revendeurs", "EUR", OPERATOR)
    set_list_price("Revendeurs", "CAF", "3.80", OPERATOR)
    return add_customer(
        "Café de la Gare",
        status="customer",
        price_list="Revendeurs",
        terms="45eom",
        payment_method="cheque",
        language="en",
        street="1 place de la Gare",
        postal_code="69002",
        city="Lyon",
        vat="FR44732829320",
        siren="732829320",
    )


def test_the_customer_fills_a_new_quote(regular: str) -> None:
    quote = make_quote(regular, line("CAF", "10"))
    assert (
        quote.price_list,
        quote.terms,
        quote.payment_method,
        quote.currency,
        quote.language,
    ) == ("Revendeurs", "45eom", "cheque", "EUR", "en")
    assert quote.billing == Billing(
        "Café de la Gare", "1 place de la Gare", "69002", "Lyon", "FR", "FR44732829320", "732829320"
    )
    assert (quote.date, quote.valid_until) == (TODAY, TODAY + dt.timedelta(days=30))
    assert (quote.lines[0].unit_price, quote.lines[0].rule) == (D("3.80"), PRICE_LIST)
    assert (quote.status, quote.customer, quote.created_by) == ("draft", regular, OPERATOR)
    swiss = add_customer("Chocolaterie Suisse", country="CH", currency="CHF", terms="10d")
    in_francs = make_quote(swiss, line("CAF", unit_price="5.10"))
    assert (in_francs.currency, in_francs.terms, in_francs.language) == ("CHF", "10d", "fr")


def test_every_default_can_be_overridden(regular: str) -> None:
    save_price_list("Export USD", "USD", OPERATOR)
    set_list_price("Export USD", "CAF", "4.90", OPERATOR)
    billing = Billing("Café de la Gare — comptabilité", "BP 12", "69001", "Lyon", "FR")
    quote = make_quote(
        regular,
        line("CAF", "10"),
        price_list="Export USD",
        terms="receipt",
        payment_method="card",
        currency="usd",
        language="fr",
        valid_until="2026-04-30",
        billing=billing,
        reference="Appel d'offres 7",
    )
    assert (
        quote.price_list,
        quote.terms,
        quote.payment_method,
        quote.currency,
        quote.language,
    ) == ("Export USD", "receipt", "card", "USD", "fr")
    assert quote.billing == billing and quote.valid_until == dt.date(2026, 4, 30)
    assert (quote.lines[0].unit_price, quote.reference) == (D("4.90"), "Appel d'offres 7")
    no_list = make_quote(regular, line("CAF"), price_list="")
    assert (no_list.price_list, no_list.lines[0].unit_price) == ("", D("4.20"))
    assert no_list.lines[0].rule == CATALOG


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ({"price_list": "Grossistes"}, "price_list"),
        ({"currency": "USD", "price_list": "Revendeurs"}, "price_list"),
        ({"terms": "90 jours"}, "terms"),
        ({"payment_method": "bitcoin"}, "payment_method"),
        ({"language": "de"}, "language"),
        ({"valid_until": "2026-03-13"}, "valid_until"),
        ({"billing": Billing("")}, "billing.name"),
        ({"customer": "C999999"}, "customer"),
    ],
)
def test_bad_headers_refused_at_the_field(
    regular: str, header: dict[str, object], field: str
) -> None:
    data = DocumentInput(regular, lines=(line("CAF"),))
    with pytest.raises(ValidationError) as caught:
        create_quote(dataclasses.replace(data, **header), OPERATOR)  # type: ignore[arg-type]
    assert field in caught.value.errors
    assert list_documents("quote") == []


# --- the life cycle ---------------------------------------------------------------------


def test_a_prospect_accepting_its_first_quote_becomes_a_customer(prospect: str) -> None:
    first = make_quote(prospect, line("CAF"))
    second = make_quote(prospect, line("MACH"))
    assert search_customers("Martin")[0].status == "prospect"
    accepted = accept_quote(first.number, "bob")
    assert (accepted.status, accepted.customer_status) == ("accepted", "customer")
    record = get_customer(prospect)
    assert (record.status, record.updated_by) == ("customer", "bob")
    event = customer_history(prospect)[0]
    assert (event.kind, event.operator) == ("became_customer", "bob")
    assert [(c.field, c.old, c.new) for c in event.changes] == [("status", "prospect", "customer")]
    assert first.number in event.summary
    [hit] = search_customers("boulangerie martin")
    assert (hit.number, hit.status) == (prospect, "customer")
    accept_quote(second.number, OPERATOR)  # already a customer: no second event
    assert kinds(prospect).count("became_customer") == 1


def test_a_customer_accepting_stays_a_customer(regular: str) -> None:
    accept_quote(make_quote(regular, line("CAF")).number, OPERATOR)
    assert "became_customer" not in kinds(regular)
    assert get_customer(regular).status == "customer"


def test_send_then_accept_each_recorded(prospect: str) -> None:
    quote = make_quote(prospect, line("CAF"))
    sent = send_quote(quote.number.lower(), "bob")
    assert (sent.status, sent.version, sent.updated_by) == ("sent", 2, "bob")
    accepted = accept_quote(quote.number, OPERATOR)
    assert accepted.stored_status == "accepted"
    assert kinds(prospect)[:4] == [
        "became_customer",
        "quote_accepted",
        "quote_sent",
        "quote_created",
    ]
    assert quote.number in customer_history(prospect)[1].summary


@pytest.mark.parametrize(
    ("steps", "refused"),
    [
        ((send_quote,), send_quote),
        ((accept_quote,), accept_quote),
        ((accept_quote,), decline_quote),
        ((accept_quote,), send_quote),
        ((decline_quote,), accept_quote),
        ((decline_quote,), decline_quote),
        ((send_quote, decline_quote), send_quote),
    ],
    ids=lambda v: v.__name__ if callable(v) else "-".join(f.__name__ for f in v),
)
def test_refused_transitions(prospect: str, steps: tuple[object, ...], refused: object) -> None:
    number = make_quote(prospect, line("CAF")).number
    for step in steps:
        step(number, OPERATOR)  # type: ignore[operator]
    before = find_document("quote", number)
    with pytest.raises(ConflictError, match=number):
        refused(number, OPERATOR)  # type: ignore[operator]
    assert find_document("quote", number) == before


def test_a_quote_past_its_validity_is_expired(
    prospect: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    quote = make_quote(prospect, line("CAF"), valid_until="2026-03-20")
    sent = make_quote(prospect, line("CAF"), valid_until="2026-03-20")
    send_quote(sent.number, OPERATOR)
    on_day(monkeypatch, "2026-03-20")  # the last day it is valid
    assert get_document(quote.id).status == "draft"
    on_day(monkeypatch, "2026-03-21")
    assert (get_document(quote.id).status, get_document(sent.id).status) == ("expired",) * 2
    assert get_document(quote.id).stored_status == "draft"
    with pytest.raises(ConflictError, match="expired"):
        accept_quote(sent.number, OPERATOR)
    assert get_customer(prospect).status == "prospect"
    declined = decline_quote(quote.number, OPERATOR)  # for the record
    assert declined.status == "declined"


def test_only_a_draft_may_be_edited(prospect: str) -> None:
    quote = make_quote(prospect, line("CAF"))
    data = DocumentInput(prospect, lines=(line("CAF", "3"), line("MACH")))
    edited = update_quote(quote.number, data, quote.version, "bob")
    assert (edited.number, edited.version, edited.updated_by) == (quote.number, 2, "bob")
    assert [(ln.code, ln.quantity) for ln in edited.lines] == [("CAF", 3), ("MACH", 1)]
    with pytest.raises(ConflictError, match="bob"):
        update_quote(quote.number, data, quote.version, OPERATOR)
    send_quote(quote.number, OPERATOR)
    with pytest.raises(ConflictError, match="no longer a draft"):
        update_quote(quote.number, data, 3, OPERATOR)
    assert len(get_document(quote.id).lines) == 2


# --- to invoice -------------------------------------------------------------------------


def test_an_accepted_quote_becomes_an_invoice_draft_at_its_prices(
    regular: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_contract(
        regular,
        ContractInput(
            name="Accord",
            valid_from="2026-01-01",
            valid_to="2026-03-31",
            items=(ContractItemInput("MACH", "850"),),
        ),
        OPERATOR,
    )
    quote = make_quote(
        regular,
        line("CAF", "10"),
        line("MACH", "1", discount="2"),
        line(description="Livraison", unit_price="25"),
        reference="BC 12",
    )
    with pytest.raises(ConflictError, match="not accepted"):
        quote_to_invoice(quote.number, OPERATOR)
    accept_quote(quote.number, OPERATOR)
    # Since then: the catalog, the list and the contract changed.
    update_item("CAF", ItemInput("CAF", "Café moulu", "", "", "5.00", "5.5"), 1, OPERATOR)
    set_list_price("Revendeurs", "CAF", "4.50", OPERATOR)
    on_day(monkeypatch, "2026-04-15")
    invoice = quote_to_invoice(quote.number, "bob")
    assert (invoice.kind, invoice.number, invoice.status, invoice.source) == (
        "invoice",
        "",
        "draft",
        quote.number,
    )
    assert invoice.lines == quote.lines
    assert invoice.totals == quote.totals
    assert (invoice.date, invoice.created_by) == (dt.date(2026, 4, 15), "bob")
    assert (invoice.billing, invoice.terms, invoice.payment_method, invoice.reference) == (
        quote.billing,
        quote.terms,
        quote.payment_method,
        quote.reference,
    )
    assert [(ln.rule, ln.unit_price) for ln in invoice.lines[:2]] == [
        (PRICE_LIST, D("3.80")),
        ("manual", D(850)),
    ]
    assert get_document(quote.id).derived == (invoice.id,)
    assert kinds(regular)[0] == "quote_invoiced"
    with pytest.raises(ConflictError, match="already"):
        quote_to_invoice(quote.number, OPERATOR)
    assert [s.id for s in list_documents("invoice")] == [invoice.id]


def test_the_invoice_names_the_contract_that_priced_its_lines(
    regular: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The lines keep the quote's prices, so the draft names the quote's contract, not
    whichever is in force on the day it is made."""
    spring = add_contract(
        regular,
        ContractInput(
            name="Printemps",
            valid_from="2026-03-01",
            valid_to="2026-03-31",
            items=(ContractItemInput("MACH", "850"),),
        ),
        OPERATOR,
    )
    add_contract(
        regular, ContractInput(name="Avril", valid_from="2026-04-01", discount="3"), OPERATOR
    )
    quote = make_quote(regular, line("MACH"))
    assert (quote.contract_label, quote.lines[0].rule) == ("Printemps", CONTRACT_PRICE)
    accept_quote(quote.number, OPERATOR)
    on_day(monkeypatch, "2026-04-02")
    invoice = quote_to_invoice(quote.number, OPERATOR)
    assert (invoice.contract_id, invoice.contract_label) == (spring.id, "Printemps")
    assert invoice.lines == quote.lines


# --- lists ------------------------------------------------------------------------------


def test_lists_filter_by_status_expired_included(
    prospect: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    draft = make_quote(prospect, line("CAF"))
    sent = send_quote(make_quote(prospect, line("CAF")).number, OPERATOR)
    declined = decline_quote(make_quote(prospect, line("CAF")).number, OPERATOR)
    old = make_quote(prospect, line("CAF"), date="2026-01-05")  # valid 30 days: expired
    on_day(monkeypatch, "2026-01-06")  # sent while still valid
    old_sent = send_quote(make_quote(prospect, line("CAF"), date="2026-01-06").number, OPERATOR)
    on_day(monkeypatch, "2026-03-14")
    accepted = accept_quote(make_quote(prospect, line("MACH")).number, OPERATOR)
    by_status = {
        status: [s.number for s in list_documents("quote", status=status)]
        for status in ("draft", "sent", "accepted", "declined", "expired")
    }
    assert by_status == {
        "draft": [draft.number],
        "sent": [sent.number],
        "accepted": [accepted.number],
        "declined": [declined.number],
        "expired": [old_sent.number, old.number],
    }
    assert {s.number: s.status for s in list_documents("quote")}[old.number] == "expired"
    on_day(monkeypatch, "2026-04-14")  # the first two are now past their validity too
    assert [s.number for s in list_documents("quote", status="expired")] == [
        sent.number,
        draft.number,
        old_sent.number,
        old.number,
    ]
    with pytest.raises(ValidationError) as caught:
        list_documents("quote", status="lost")
    assert "expired" in caught.value.errors["status"]


def test_lists_page_newest_first_and_per_customer(prospect: str) -> None:
    other = add_customer("Tabac Presse")
    made = [make_quote(prospect, line("CAF"), date=f"2026-03-{day:02}") for day in (1, 2, 2, 3)]
    theirs = make_quote(other, line("MACH"), date="2026-03-02")
    page = list_documents("quote", limit=2)
    assert [s.id for s in page] == [made[3].id, theirs.id]
    last = page[-1]
    rest = list_documents("quote", limit=10, before=(last.date, last.id))
    assert [s.id for s in rest] == [made[2].id, made[1].id, made[0].id]
    mine = list_documents("quote", customer=prospect)
    assert [s.id for s in mine] == [q.id for q in reversed(made)]
    assert {s.name for s in mine} == {"Boulangerie Martin"}
    assert mine[0].totals == made[3].totals


# --- merges and erasure -----------------------------------------------------------------


def test_merging_moves_quotes_and_contracts_to_the_survivor(prospect: str) -> None:
    other = add_customer("Boulangerie Martin SARL")
    kept_quote = make_quote(prospect, line("CAF"))
    moved_quote = make_quote(other, line("MACH"))
    contract = add_contract(other, ContractInput(valid_from="2026-01-01", discount="4"), OPERATOR)
    merge_customers(prospect, other, [], OPERATOR)
    assert find_document("quote", moved_quote.number).customer == prospect
    assert {s.number for s in list_documents("quote", customer=prospect)} == {
        kept_quote.number,
        moved_quote.number,
    }
    assert list_documents("quote", customer=other) == list_documents("quote", customer=prospect)
    assert [c.id for c in customer_contracts(prospect)] == [contract.id]
    # The moved contract now prices the survivor's lines.
    assert make_quote(prospect, line("CAF")).lines[0].discount == D(4)


def test_a_prospect_with_a_quote_is_no_longer_deleted(prospect: str) -> None:
    make_quote(prospect, line("CAF"))
    reason = deletion_refused(prospect)
    assert reason is not None and "documents" in reason
    with pytest.raises(ConflictError, match="documents"):
        delete_prospect(prospect, OPERATOR)
    assert get_customer(prospect).name == "Boulangerie Martin"


def test_anonymising_a_person_clears_what_its_quotes_copied(prospect: str) -> None:
    person = add_customer(
        "Jeanne Dupont",
        kind="individual",
        street="3 rue des Lilas",
        postal_code="75020",
        city="Paris",
    )
    quote = make_quote(person, line("CAF"), reference="Mariage Dupont", notes="Livrer le 3")
    company_quote = make_quote(prospect, line("CAF"))
    anonymise_customer(person, OPERATOR)
    cleared = get_document(quote.id)
    assert cleared.billing.name == ERASED_NAME
    assert (cleared.billing.street, cleared.billing.postal_code, cleared.billing.city) == (
        "",
        "",
        "",
    )
    assert (cleared.reference, cleared.notes) == ("", "")
    assert cleared.lines == quote.lines and cleared.totals == quote.totals
    assert get_document(company_quote.id).billing == company_quote.billing
    with pytest.raises(ConflictError, match="anonymised"):
        make_quote(person, line("CAF"))
