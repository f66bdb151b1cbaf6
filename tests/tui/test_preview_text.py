"""The PDF preview says what the PDF prints: the credited invoice under a credit note's
title, the bank details and payment reference of an invoice, French colons in French."""

from __future__ import annotations

import pytest
from peewee import Database

from models.credit_notes import credit_invoice
from models.document_print import document_view
from models.settings import load_settings
from screens.document_preview import view_text
from tests.models.sales_fixtures import OPERATOR, add_customer, issued_invoice, line, open_shop


def test_the_preview_shows_the_payment_block_and_the_credited_invoice(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    open_shop(monkeypatch)
    customer = add_customer("Boulangerie Martin", status="customer", language="fr")
    invoice = issued_invoice(customer, line(description="Pain", unit_price="100", vat_rate="5.5"))
    shown = view_text(document_view(invoice, load_settings())).plain
    assert "Coordonnées bancaires" in shown and "IBAN : FR76" in shown
    assert "Payer en scannant" in shown and "Référence de paiement : RF" in shown
    note = credit_invoice(invoice.number, OPERATOR, amount="10")
    shown = view_text(document_view(note, load_settings())).plain
    assert f"Rectifie la facture {invoice.number} du 14/03/2026" in shown
    assert "Payer en scannant" not in shown
