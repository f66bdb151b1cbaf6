"""The printed invoice and credit note, read back as their reader would (pypdf): every
mention French law asks of a B2B invoice, in the customer's French or English, for a
French customer and a Greek one, and the seller as it was when the invoice was issued."""

from __future__ import annotations

import dataclasses

import pytest
from peewee import Database

from models.contracts import ContractInput, add_contract
from models.credit_notes import CreditLine, credit_invoice
from models.documents import get_document
from models.settings import Settings, load_settings, save_settings
from tests.exports.invoice_fixtures import (
    SELLER_SIREN,
    SELLER_VAT,
    french_company,
    greek_company,
    pdf_text,
    printed,
    set_up_shop,
)
from tests.models.sales_fixtures import OPERATOR, add_customer, issued_invoice, line, make_invoice

# 1 × 1 234.50 at 20 % + 2.5 × 4.20 at 5.5 %: nets 1 234.50 and 10.50, VAT 246.90 and
# 0.58 (0.5775 rounded), total 1 245.00 + 247.48 = 1 492.48.
LABELS = {
    "fr": {
        "title": "Facture F-2026-00001",
        "seller_vat": f"Numéro de TVA {SELLER_VAT}",
        "footer": f"Comptoir Démo SAS · capital de 10 000 € · RCS Paris {SELLER_SIREN} · TVA"
        f" {SELLER_VAT}",
        "issued": "Date 14/03/2026",
        "service": "Date de la vente ou de la prestation",
        "due": "Échéance",
        "terms": "Conditions de paiement",
        "method": "Mode de règlement virement",
        "columns": "Description Qté Unité Prix unitaire HT TVA Montant HT",
        "lines": (
            "MACH Machine expresso 1 pièce 1 234,50 20 % 1 234,50",
            "CAF Café moulu 2,5 4,20 5,5 % 10,50",
        ),
        "vat_rows": (
            "Taux de TVA Base HT Montant TVA",
            "20 % 1 234,50 € 246,90 €",
            "5,5 % 10,50 € 0,58 €",
        ),
        "totals": ("Total HT 1 245,00 €", "Total TVA 247,48 €", "Total TTC 1 492,48 €"),
        "penalty": "Pénalités de retard : taux de refinancement de la BCE majoré de 10 points"
        " de pourcentage",
        "indemnity": "Indemnité forfaitaire pour frais de recouvrement : 40 €",
        "discount": "Escompte pour paiement anticipé : néant",
        "page": "Page 1 sur 1",
    },
    "en": {
        "title": "Invoice F-2026-00001",
        "seller_vat": f"VAT number {SELLER_VAT}",
        "footer": f"Comptoir Démo SAS · capital 10 000 € · RCS Paris {SELLER_SIREN} · VAT"
        f" {SELLER_VAT}",
        "issued": "Date 14 Mar 2026",
        "service": "Date of sale or service",
        "due": "Due date",
        "terms": "Payment terms",
        "method": "Payment method bank transfer",
        "columns": "Description Qty Unit Unit price excl. VAT VAT Net excl. VAT",
        "lines": (
            "MACH Machine expresso 1 pièce 1,234.50 20% 1,234.50",
            "CAF Café moulu 2.5 4.20 5.5% 10.50",
        ),
        "vat_rows": (
            "VAT rate Taxable base VAT amount",
            "20% €1,234.50 €246.90",
            "5.5% €10.50 €0.58",
        ),
        "totals": ("Total excl. VAT €1,245.00", "Total VAT €247.48", "Total incl. VAT €1,492.48"),
        "penalty": "Late payment penalties: ECB refinancing rate plus 10 percentage points",
        "indemnity": "Fixed indemnity for recovery costs: €40",
        "discount": "Early payment discount: none",
        "page": "Page 1 of 1",
    },
}
CUSTOMERS = {
    # (who, language): the buyer block as printed, the dates printed after their labels
    ("french", "fr"): ("Café de la Gare 1 place de la Gare 69002 Lyon SIREN 552100554 Numéro"
                       " de TVA FR96552100554", "02/03/2026", "30/04/2026",
                       "45 jours fin de mois"),
    ("french", "en"): ("Café de la Gare 1 place de la Gare 69002 Lyon SIREN 552100554 VAT"
                       " number FR96552100554", "2 Mar 2026", "30 Apr 2026",
                       "45 days end of month"),
    ("greek", "fr"): ("Παπαδόπουλος Α.Ε. Οδός Ερμού 15 105 63 Αθήνα Grèce Numéro de TVA"
                      " EL094259216", "14/03/2026", "13/04/2026", "30 jours"),
    ("greek", "en"): ("Παπαδόπουλος Α.Ε. Οδός Ερμού 15 105 63 Αθήνα Greece VAT number"
                      " EL094259216", "14 Mar 2026", "13 Apr 2026", "30 days"),
}  # fmt: skip
# The invoice's second line, all of it: 10.50 + 0.58 VAT = 11.08 given back.
COFFEE = CreditLine(1, "2.5")


@pytest.fixture
def shop(db: Database, monkeypatch: pytest.MonkeyPatch) -> Settings:
    return set_up_shop(monkeypatch)


def invoice_for(who: str, language: str) -> str:
    """The printed text of the invoice of the table above, issued to `who`."""
    if who == "french":
        # Delivered on 2 March, invoiced on the 14th: both dates print.
        record = issued_invoice(french_company(language), line("MACH"), line("CAF", "2.5"),
                                service_date="2026-03-02")  # fmt: skip
    else:
        record = issued_invoice(greek_company(language), line("MACH"), line("CAF", "2.5"))
    return pdf_text(printed(record))


@pytest.mark.parametrize(("who", "language"), sorted(CUSTOMERS))
def test_an_issued_invoice_prints_every_mention_of_a_b2b_invoice(
    shop: Settings, who: str, language: str
) -> None:
    text = invoice_for(who, language)
    expected = LABELS[language]
    buyer, service_date, due_date, terms = CUSTOMERS[who, language]
    seller = ("Comptoir Démo SAS 18 rue des Petites Écuries 75010 Paris"
              + (" France" if who == "greek" else "") + f" SIREN {SELLER_SIREN}")  # fmt: skip
    for mention in (
        expected["title"],
        seller,
        expected["seller_vat"],
        buyer,
        expected["issued"],
        f"{expected['service']} {service_date}",
        f"{expected['due']} {due_date}",
        f"{expected['terms']} {terms}",
        expected["method"],
        expected["columns"],
        *expected["lines"],
        *expected["vat_rows"],
        *expected["totals"],
        expected["penalty"],
        expected["indemnity"],
        expected["discount"],
        expected["footer"],
        expected["page"],
    ):
        assert mention in text, mention


@pytest.mark.parametrize("language", ["fr", "en"])
def test_a_delivery_address_that_differs_prints(shop: Settings, language: str) -> None:
    text = invoice_for("french", language)
    heading = {"fr": "Adresse de livraison", "en": "Delivery address"}[language]
    assert f"{heading} Café de la Gare Quai Rambaud 4 69002 Lyon" in text


@pytest.mark.parametrize(
    ("language", "mention"),
    [("fr", "Exonération de TVA, article 262 ter I du CGI"),
     ("en", "VAT exemption, article 262 ter I of the CGI")],
)  # fmt: skip
def test_an_intra_eu_supply_prints_its_exemption_and_both_vat_numbers(
    shop: Settings, language: str, mention: str
) -> None:
    customer = greek_company(language)
    add_contract(customer, ContractInput(valid_from="2026-01-01", tax_treatment="intra-eu"),
                 OPERATOR)  # fmt: skip
    text = pdf_text(printed(issued_invoice(customer, line("MACH"))))
    assert mention in text
    assert SELLER_VAT in text and "EL094259216" in text
    assert ("1 234,50 € 0,00 €" if language == "fr" else "€1,234.50 €0.00") in text


@pytest.mark.parametrize(
    ("language", "clauses"),
    [("fr", ("Pénalités de retard : 12,5 % par an",
             "Escompte pour paiement anticipé : 2 % pour paiement sous 10 jours")),
     ("en", ("Late payment penalties: 12.5% per year",
             "Early payment discount: 2 % pour paiement sous 10 jours"))],
)  # fmt: skip
def test_the_sellers_own_penalty_rate_and_discount_print(
    shop: Settings, language: str, clauses: tuple[str, str]
) -> None:
    clauses_set = {"late_penalty_rate": "12.5",
                   "early_payment_discount": "2 % pour paiement sous 10 jours"}  # fmt: skip
    save_settings(dataclasses.replace(shop, **clauses_set))
    text = pdf_text(printed(issued_invoice(french_company(language), line("CAF"))))
    for clause in clauses:
        assert clause in text
    assert "BCE" not in text and "ECB" not in text


@pytest.mark.parametrize("language", ["fr", "en"])
def test_an_individual_customer_gets_no_recovery_indemnity(shop: Settings, language: str) -> None:
    address = {"street": "3 rue Oberkampf", "postal_code": "75011", "city": "Paris"}
    customer = add_customer("Jeanne Martin", kind="individual", language=language, **address)
    text = pdf_text(printed(issued_invoice(customer, line("CAF"))))
    for indemnity in ("recouvrement", "recovery", "40 €", "€40"):
        assert indemnity not in text
    assert LABELS[language]["penalty"] in text and LABELS[language]["discount"] in text


@pytest.mark.parametrize(
    ("language", "expected"),
    [("fr", ("Avoir A-2026-00001", "Rectifie la facture F-2026-00001 du 14/03/2026",
             "Café moulu 2,5 4,20 5,5 % 10,50", "Total TTC 11,08 €")),
     ("en", ("Credit note A-2026-00001", "Corrects invoice F-2026-00001 of 14 Mar 2026",
             "Café moulu 2.5 4.20 5.5% 10.50", "Total incl. VAT €11.08"))],
)  # fmt: skip
def test_a_credit_note_names_the_invoice_it_corrects(
    shop: Settings, language: str, expected: tuple[str, ...]
) -> None:
    invoice = issued_invoice(french_company(language), line("MACH"), line("CAF", "2.5"))
    note = credit_invoice(invoice.number, OPERATOR, lines=[COFFEE])
    text = pdf_text(printed(note))
    for mention in expected:
        assert mention in text
    assert LABELS[language]["indemnity"] in text
    # Nothing to pay on a credit note: no terms, no bank details, no QR code label.
    assert LABELS[language]["terms"] not in text and "IBAN" not in text


@pytest.mark.parametrize(
    ("language", "expected"),
    [("fr", ("Total TTC 1 492,48 €", "Déjà réglé ou crédité -11,08 €",
             "Net à payer 1 481,40 €")),
     ("en", ("Total incl. VAT €1,492.48", "Already paid or credited -€11.08",
             "Amount due €1,481.40"))],
)  # fmt: skip
def test_an_invoice_partly_credited_prints_what_is_still_due(
    shop: Settings, language: str, expected: tuple[str, ...]
) -> None:
    invoice = issued_invoice(french_company(language), line("MACH"), line("CAF", "2.5"))
    before = pdf_text(printed(invoice))
    assert expected[1] not in before and expected[2] not in before
    credit_invoice(invoice.number, OPERATOR, lines=[COFFEE])
    after = pdf_text(printed(get_document(invoice.id)))
    for row in expected:
        assert row in after


def test_a_later_change_of_settings_leaves_an_issued_invoice_as_issued(shop: Settings) -> None:
    customer = french_company("fr")
    invoice = issued_invoice(customer, line("CAF"))
    save_settings(dataclasses.replace(
        shop, company_name="Nouveau Nom", company_legal_form="SARL",
        company_street="2 avenue de la Gare", company_postal_code="33000",
        company_city="Bordeaux", company_capital="50 000 €", company_registry="RCS Bordeaux",
        company_iban="FR1420041010050500013M02606", company_bic="PSSTFRPPBOR",
        late_penalty_rate="15", early_payment_discount="1 % à 8 jours"))  # fmt: skip
    text = pdf_text(printed(get_document(invoice.id), load_settings()))
    for issued_with in (
        "Comptoir Démo SAS 18 rue des Petites Écuries 75010 Paris",
        "capital de 10 000 € · RCS Paris",
        "FR76 3000 6000 0112 3456 7890 189",
        "taux de refinancement de la BCE",
        "paiement anticipé : néant",
    ):
        assert issued_with in text
    for later in ("Nouveau Nom", "Bordeaux", "50 000", "FR14", "15 %", "1 % à 8 jours"):
        assert later not in text
    # A draft is not issued yet: it prints the settings of today, and says it is a draft.
    draft = pdf_text(printed(make_invoice(customer, line("CAF")), load_settings()))
    assert "Nouveau Nom SARL 2 avenue de la Gare 33000 Bordeaux" in draft
    assert "Facture (brouillon)" in draft and "BROUILLON" in draft
    assert "Pénalités de retard : 15 % par an" in draft
