"""Shared set-up of the invoice PDF tests: the demo company (with its capital and trade
register), its catalog, a French and a Greek business customer, and the printed text of
a document as pypdf reads it back."""

from __future__ import annotations

import dataclasses
import io

import pytest
from pypdf import PdfReader

from exports.pdf import render_document
from models.document_print import document_view
from models.document_records import DocumentRecord
from models.settings import Settings, save_settings
from tests.models.sales_fixtures import add_customer, add_item, open_shop

# Comptoir Démo SAS as models.demo.demo_settings() makes it.
SELLER_SIREN = "912345675"
SELLER_VAT = "FR65912345675"
IBAN = "FR7630006000011234567890189"
BIC = "AGRIFRPP"


def set_up_shop(monkeypatch: pytest.MonkeyPatch, **changes: str) -> Settings:
    """The demo company on 14 March 2026, with `changes` to its settings, and two items:
    1 234.50 at 20 % and 4.20 at 5.5 %."""
    settings = open_shop(monkeypatch)
    settings = dataclasses.replace(
        settings, company_capital="10 000 €", company_registry="RCS Paris", **changes
    )
    save_settings(settings)
    add_item("MACH", "1234.50", "20", name="Machine expresso", unit="pièce")
    add_item("CAF", "4.20", "5.5", name="Café moulu")
    return settings


def french_company(language: str, **fields: str) -> str:
    """A Lyon café with its SIREN and VAT number, delivered at another address."""
    values = {
        "kind": "company",
        "language": language,
        "street": "1 place de la Gare",
        "postal_code": "69002",
        "city": "Lyon",
        "siren": "552100554",
        "vat": "FR96552100554",
        "terms": "45eom",
        "delivery_street": "Quai Rambaud 4",
        "delivery_postal_code": "69002",
        "delivery_city": "Lyon",
        **fields,
    }
    return add_customer("Café de la Gare", **values)


def greek_company(language: str, **fields: str) -> str:
    """An Athens company, name and address in Greek letters, with its EL VAT number."""
    values = {
        "kind": "company",
        "language": language,
        "country": "GR",
        "street": "Οδός Ερμού 15",
        "postal_code": "10563",
        "city": "Αθήνα",
        "vat": "EL094259216",
        "terms": "30d",
        **fields,
    }
    return add_customer("Παπαδόπουλος Α.Ε.", **values)


def printed(record: DocumentRecord, settings: Settings | None = None) -> bytes:
    return render_document(document_view(record, settings))


def pdf_text(pdf: bytes) -> str:
    """Every page's text, spacing evened out (no-break spaces, line breaks), so phrases
    that wrap or hold a narrow no-break space compare as typed."""
    pages = PdfReader(io.BytesIO(pdf)).pages
    return flat(" ".join(page.extract_text() for page in pages))


def flat(text: str) -> str:
    return " ".join(text.split())
