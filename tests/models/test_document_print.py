"""What a document prints (models.document_print.document_view): its number, dates and
totals written for the customer's language, the labels in that language whatever the
operator's, the parties with their VAT numbers, and the legal mentions."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

import pytest
from peewee import Database
from sales_fixtures import (
    OPERATOR,
    add_customer,
    add_item,
    issued_invoice,
    line,
    make_invoice,
    make_quote,
    open_shop,
)

from models import i18n
from models.contracts import ContractInput, add_contract
from models.credit_notes import CreditLine, credit_invoice
from models.document_print import document_view
from models.document_records import DocumentRecord, LineInput
from models.document_view import Party, PaymentBlock, TotalRow, VatRow
from models.documents import get_document
from models.invoices import issue_invoice
from models.quotes import accept_quote, quote_to_invoice
from models.settings import Settings, load_settings, save_settings

NB = "\u00a0"  # no-break space: before € and % in French
NNB = "\u202f"  # narrow no-break space: French thousands

# The quote below: 1 × 1 234.50 (20 %) + 2.5 × 4.20 (5.5 %) + 12 × 0.0125 −10 % (20 %):
# nets 1 234.50, 10.50, 0.135 → 0.14; VAT 20 % on 1 234.64 = 246.928 → 246.93,
# 5.5 % on 10.50 = 0.5775 → 0.58; total 1 245.14 + 247.51 = 1 492.65.
EXPECTED = {
    "en": {
        "totals": (
            TotalRow("Total excl. VAT", "€1,245.14"),
            TotalRow("Total VAT", "€247.51"),
            TotalRow("Total incl. VAT", "€1,492.65", True),
        ),
        "vat_rows": (VatRow("20%", "€1,234.64", "€246.93"), VatRow("5.5%", "€10.50", "€0.58")),
        "cells": [
            ("1", "1,234.50", "", "20%", "1,234.50"),
            ("2.5", "4.20", "", "5.5%", "10.50"),
            ("12", "0.0125", "10%", "20%", "0.14"),
        ],
        "meta": (
            ("Date", "14 Mar 2026"),
            ("Valid until", "13 Apr 2026"),
            ("Customer number", "C000001"),
            ("Your reference", "BC-77"),
            ("Payment terms", "45 days end of month"),
        ),
        "valid_until": "13 Apr 2026",
    },
    "fr": {
        "totals": (
            TotalRow("Total excl. VAT", f"1{NNB}245,14{NB}€"),
            TotalRow("Total VAT", f"247,51{NB}€"),
            TotalRow("Total incl. VAT", f"1{NNB}492,65{NB}€", True),
        ),
        "vat_rows": (
            VatRow(f"20{NB}%", f"1{NNB}234,64{NB}€", f"246,93{NB}€"),
            VatRow(f"5,5{NB}%", f"10,50{NB}€", f"0,58{NB}€"),
        ),
        "cells": [
            ("1", f"1{NNB}234,50", "", f"20{NB}%", f"1{NNB}234,50"),
            ("2,5", "4,20", "", f"5,5{NB}%", "10,50"),
            ("12", "0,0125", f"10{NB}%", f"20{NB}%", "0,14"),
        ],
        "meta": (
            ("Date", "14/03/2026"),
            ("Valid until", "13/04/2026"),
            ("Customer number", "C000001"),
            ("Your reference", "BC-77"),
            ("Payment terms", "45 jours fin de mois"),
        ),
        "valid_until": "13/04/2026",
    },
}


@pytest.fixture
def shop(db: Database, monkeypatch: pytest.MonkeyPatch) -> Settings:
    settings = open_shop(monkeypatch)
    add_item("MACH", "1234.50", "20", name="Machine expresso", unit="pièce")
    add_item("CAF", "4.20", "5.5", name="Café moulu")
    add_item("ECR", "0.0125", "20", name="Écrou M4")
    return settings


def quote_in(speaking: str, customer: str = "", **header: object) -> DocumentRecord:
    """The quote above for `customer`, or for a new Lyon customer speaking `speaking`."""
    number = customer or add_customer(
        "Café de la Gare",
        language=speaking,
        terms="45eom",
        street="1 place de la Gare",
        postal_code="69002",
        city="Lyon",
    )
    return make_quote(
        number,
        line("MACH"),
        line("CAF", "2,5"),
        line("ECR", "12", discount="10"),
        reference="BC-77",
        **header,
    )


def translated(language: str) -> Callable[[str], str]:
    return i18n.translator(language)


@pytest.mark.parametrize("language", ["en", "fr"])
def test_figures_are_written_for_the_customers_language(shop: Settings, language: str) -> None:
    record = quote_in(language)
    view = document_view(record, shop)
    expected = EXPECTED[language]
    tr = translated(language)
    assert (view.kind, view.language, view.number) == ("quote", language, "D-2026-00001")
    assert view.title == tr("Quote")
    assert view.totals == tuple(
        dataclasses.replace(row, label=tr(row.label)) for row in expected["totals"]
    )
    assert view.vat_rows == expected["vat_rows"]
    assert [
        (ln.quantity, ln.unit_price, ln.discount, ln.vat_rate, ln.net) for ln in view.lines
    ] == expected["cells"]
    assert [(ln.code, ln.description, ln.unit) for ln in view.lines] == [
        ("MACH", "Machine expresso", "pièce"),
        ("CAF", "Café moulu", ""),
        ("ECR", "Écrou M4", ""),
    ]
    assert view.meta == tuple((tr(label), value) for label, value in expected["meta"])
    assert view.mentions[0] == tr("This quote is valid until {date}.").format(
        date=expected["valid_until"]
    )
    assert len(view.mentions) == 2  # the validity and the words of acceptance
    assert view.draft_label == ""


def test_labels_follow_the_customer_not_the_operator(
    shop: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A French-speaking operator prints an English customer's quote in English, and an
    English-speaking one a French customer's in French."""
    english = quote_in("en")
    french = quote_in("en", english.customer, language="fr")  # the language of this quote
    monkeypatch.setattr(i18n, "_translation", i18n._translation)
    monkeypatch.setattr(i18n, "_language", i18n._language)
    i18n.install("fr", i18n.LOCALE_DIR)
    english_view = document_view(english, shop)
    i18n.install("en", i18n.LOCALE_DIR)
    french_view = document_view(french, shop)
    assert dict(english_view.meta)["Payment terms"] == "45 days end of month"
    assert dict(french_view.meta)["Conditions de paiement"] == "45 jours fin de mois"
    assert ("VAT number", shop.company_vat) in english_view.seller.identifiers
    assert ("Numéro de TVA", shop.company_vat) in french_view.seller.identifiers
    assert ("Phone", shop.company_phone) in english_view.seller.identifiers
    assert ("Téléphone", shop.company_phone) in french_view.seller.identifiers
    tr = translated("fr")
    for msgid, printed in (
        ("Quote", french_view.title),
        ("Description", french_view.columns.description),
        ("Unit price excl. VAT", french_view.columns.unit_price),
        ("Taxable base", french_view.vat_columns[1]),
        ("Page {page} of {pages}", french_view.page_label),
    ):
        assert printed == tr(msgid)
    assert english_view.columns.unit_price == "Unit price excl. VAT"
    assert english_view.page_label == "Page {page} of {pages}"


def test_a_language_without_document_texts_prints_in_english(shop: Settings) -> None:
    """A Greek customer reads its quote in English; its name and address print as typed."""
    number = add_customer(
        "Παπαδόπουλος Α.Ε.",
        country="GR",
        postal_code="54621",
        city="Θεσσαλονίκη",
        street="Οδός Εγνατίας 15",
        language="el",
        vat="EL094259216",
    )
    view = document_view(quote_in("el", number), shop)
    assert view.language == "en" and view.title == "Quote"
    assert view.buyer == Party(
        "Παπαδόπουλος Α.Ε.",
        ("Οδός Εγνατίας 15", "546 21 Θεσσαλονίκη", "Greece"),
        (("VAT number", "EL094259216"),),
    )
    # The seller's country prints for a buyer abroad.
    assert view.seller.address == ("18 rue des Petites Écuries", "75010 Paris", "France")
    assert view.totals[-1].value == "€1,492.65"


def test_a_french_buyer_reads_no_country(shop: Settings) -> None:
    view = document_view(quote_in("fr"), shop)
    assert view.buyer.address == ("1 place de la Gare", "69002 Lyon")
    assert view.seller == Party(
        "Comptoir Démo SAS",
        ("18 rue des Petites Écuries", "75010 Paris"),
        (
            ("SIREN", shop.company_siren),
            ("Numéro de TVA", shop.company_vat),
            ("Téléphone", shop.company_phone),
            (translated("fr")("E-mail"), shop.company_email),
        ),
    )
    assert shop.company_siren in view.footer and shop.company_vat in view.footer
    assert view.footer.startswith("Comptoir Démo SAS")


def test_an_intra_eu_supply_prints_its_mention_and_both_vat_numbers(shop: Settings) -> None:
    number = add_customer(
        "Brasserie Bruxelloise",
        country="BE",
        postal_code="1000",
        city="Bruxelles",
        vat="BE0403019261",
        language="en",
    )
    add_contract(number, ContractInput(valid_from="2026-01-01", tax_treatment="intra-eu"), OPERATOR)
    record = quote_in("en", number)
    assert record.tax_treatment == "intra-eu"
    view = document_view(record, shop)
    assert view.mentions[0] == "VAT exemption, article 262 ter I of the CGI"
    assert ("VAT number", "FR65912345675") in view.seller.identifiers
    assert ("VAT number", "BE0403019261") in view.buyer.identifiers
    assert view.buyer.address[-1] == "Belgium"
    assert [ln.vat_rate for ln in view.lines] == ["0%"] * 3
    assert view.vat_rows == (VatRow("0%", "€1,245.14", "€0.00"),)
    assert [row.value for row in view.totals] == ["€1,245.14", "€0.00", "€1,245.14"]


MENTIONS = [
    ("FR", "exempt", "VAT not applicable, art. 293 B of the CGI"),
    ("FR", "reverse-charge", "Reverse charge: VAT to be paid by the customer"),
    ("FR", "export", "VAT exemption, article 262 I of the CGI"),
    ("NL", "intra-eu", "Exempt intra-Community supply, article 138 of Directive 2006/112/EC"),
    ("NL", "export", "Exempt export outside the EU, article 146 of Directive 2006/112/EC"),
    (
        "GR",
        "reverse-charge",
        "Reverse charge: VAT to be paid by the customer, article 196 of Directive 2006/112/EC",
    ),
]


@pytest.mark.parametrize(("seller", "treatment", "expected"), MENTIONS)
def test_legal_mentions_per_seller_country(
    shop: Settings, seller: str, treatment: str, expected: str
) -> None:
    # An export goes outside the EU; the other treatments to a company in another state.
    abroad = (
        {"country": "CH", "postal_code": "1201", "city": "Genève"}
        if treatment == "export"
        else {"country": "BE", "postal_code": "1000", "city": "Bruxelles", "vat": "BE0403019261"}
    )
    number = add_customer("Brasserie Bruxelloise", language="en", **abroad)
    record = quote_in("en", number, tax_treatment=treatment)
    settings = dataclasses.replace(shop, company_country=seller)
    assert document_view(record, settings).mentions[0] == expected


def test_a_standard_quote_carries_only_its_validity(shop: Settings) -> None:
    view = document_view(quote_in("en"), shop)
    assert view.mentions[0] == "This quote is valid until 13 Apr 2026."
    assert "good for agreement" in view.mentions[1]


def test_an_invoice_draft_prints_as_a_draft_without_validity(shop: Settings) -> None:
    quote = quote_in("en")
    accept_quote(quote.number, OPERATOR)
    view = document_view(quote_to_invoice(quote.number, OPERATOR), shop)
    assert (view.kind, view.title, view.number, view.draft_label) == (
        "invoice",
        "Invoice draft",
        "",
        "DRAFT",
    )
    assert view.mentions == CLAUSES
    assert "Valid until" not in dict(view.meta)
    assert dict(view.meta)["Payment method"] == "bank transfer"
    assert view.totals[-1].value == "€1,492.65"
    # Not numbered yet: no reference to pay with, so no QR code; the bank details print.
    assert view.payment == PaymentBlock("Bank details", BANK_ROWS)


def test_a_delivery_address_prints_under_its_heading(shop: Settings) -> None:
    number = add_customer(
        "Café de la Gare",
        language="en",
        street="1 place de la Gare",
        postal_code="69002",
        city="Lyon",
        delivery_street="Quai 4",
        delivery_postal_code="69007",
        delivery_city="Lyon",
    )
    view = document_view(quote_in("en", number), shop)
    assert view.delivery == Party(
        "Café de la Gare", ("Quai 4", "69007 Lyon"), heading="Delivery address"
    )
    assert document_view(quote_in("en"), shop).delivery is None


# What the demo company's invoices say about paying (the legal defaults).
CLAUSES = (
    "Late payment penalties: ECB refinancing rate plus 10 percentage points",
    "Fixed indemnity for recovery costs: €40",
    "Early payment discount: none",
)
BANK_ROWS = (("IBAN", "FR76 3000 6000 0112 3456 7890 189"), ("BIC", "AGRIFRPP"))


def invoice_lines() -> tuple[LineInput, ...]:
    return (line("MACH"), line("CAF", "2,5"), line("ECR", "12", discount="10"))


def test_an_issued_invoice_prints_its_payment_facts_and_qr_code(shop: Settings) -> None:
    customer = add_customer("Café de la Gare", language="en", terms="45eom", city="Lyon",
                            postal_code="69002", street="1 place de la Gare")  # fmt: skip
    invoice = issued_invoice(customer, *invoice_lines(), service_date="2026-03-02")
    view = document_view(invoice, shop)
    assert (view.title, view.number, view.draft_label) == ("Invoice", "F-2026-00001", "")
    assert view.meta == (
        ("Date", "14 Mar 2026"),
        ("Date of sale or service", "2 Mar 2026"),
        ("Due date", "30 Apr 2026"),
        ("Customer number", customer),
        ("Payment terms", "45 days end of month"),
        ("Payment method", "bank transfer"),
    )
    assert view.mentions == CLAUSES
    assert view.payment is not None and view.payment.rows == BANK_ROWS
    assert view.payment.qr is not None
    assert view.payment.qr.label == "Pay by scanning"
    assert view.payment.qr.reference == "Payment reference: RF36 F202 6000 01"
    assert view.payment.qr.payload.split("\n") == [
        "BCD", "002", "1", "SCT", "AGRIFRPP", "Comptoir Démo SAS",
        "FR7630006000011234567890189", "EUR1492.65", "", "RF36F202600001",
    ]  # fmt: skip
    assert [row.emphasis for row in view.totals] == [False, False, True]


def test_a_credit_note_names_its_invoice_and_the_invoice_what_is_left(shop: Settings) -> None:
    customer = add_customer("Café de la Gare", language="fr", city="Lyon", postal_code="69002")
    invoice = issued_invoice(customer, *invoice_lines())
    note = credit_invoice(invoice.number, OPERATOR, lines=[CreditLine(1, "2.5")])
    note_view = document_view(note, shop)
    tr = translated("fr")
    assert note_view.title == tr("Credit note") and note_view.number == "A-2026-00001"
    assert note_view.subtitle == tr("Corrects invoice {number} of {date}").format(
        number="F-2026-00001", date="14/03/2026"
    )
    assert note_view.payment is None
    assert tr("Payment terms") not in dict(note_view.meta)
    again = document_view(get_document(invoice.id), shop)
    # 10.50 + 0.58 VAT credited of 1 492.65.
    assert again.totals[2:] == (
        TotalRow(tr("Total incl. VAT"), f"1{NNB}492,65{NB}€"),
        TotalRow(tr("Already paid or credited"), f"-11,08{NB}€"),
        TotalRow(tr("Amount due"), f"1{NNB}481,57{NB}€", True),
    )
    assert again.payment is not None and again.payment.qr is not None
    assert "EUR1481.57" in again.payment.qr.payload.split("\n")


def test_an_issued_invoice_keeps_the_seller_it_was_issued_with(shop: Settings) -> None:
    customer = add_customer("Café de la Gare", language="en", city="Lyon", postal_code="69002")
    draft = make_invoice(customer, line("CAF"))
    before = document_view(issue_invoice(draft.id, OPERATOR), shop)
    save_settings(dataclasses.replace(shop, company_name="Nouveau Nom", company_vat="",
                                      company_iban="", late_penalty_rate="15"))  # fmt: skip
    later = load_settings()
    after = document_view(get_document(draft.id), later)
    assert (after.seller, after.footer, after.mentions, after.payment) == (
        before.seller, before.footer, before.mentions, before.payment,
    )  # fmt: skip
    assert after.seller.name == "Comptoir Démo SAS"
    fresh = document_view(make_invoice(customer, line("CAF")), later)
    assert fresh.seller.name == "Nouveau Nom SAS" and fresh.payment is None
    assert fresh.mentions[0] == "Late payment penalties: 15% per year"


def test_an_individual_owes_no_recovery_indemnity(shop: Settings) -> None:
    customer = add_customer("Jeanne Martin", kind="individual", language="en")
    view = document_view(make_invoice(customer, line("CAF")), shop)
    assert view.mentions == (CLAUSES[0], CLAUSES[2])
