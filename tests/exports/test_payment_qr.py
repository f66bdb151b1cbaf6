"""The EPC069-12 payment QR code on an invoice, read as a banking app would: the page
rendered to pixels (pypdfium2, 200 dpi) and decoded by a real decoder (zxing-cpp), every
field of the transfer checked; and no code where there is nothing to pay by it."""

from __future__ import annotations

import dataclasses
import io

import pypdfium2 as pdfium
import pytest
import zxingcpp
from hypothesis import given
from hypothesis import strategies as st
from peewee import Database
from stdnum import iso11649

from exports.pdf.payment_qr import boxes
from models.credit_notes import CreditLine, credit_invoice
from models.document_print import document_view
from models.documents import get_document
from models.exchange_rates import set_rate
from models.payment_reference import creditor_reference, epc_payload, formatted
from models.settings import Settings, save_settings
from tests.exports.invoice_fixtures import BIC, IBAN, french_company, pdf_text, printed, set_up_shop
from tests.models.sales_fixtures import OPERATOR, issued_invoice, line

DPI = 200
MM_PER_INCH = 25.4


@pytest.fixture
def shop(db: Database, monkeypatch: pytest.MonkeyPatch) -> Settings:
    return set_up_shop(monkeypatch)


def scanned(pdf: bytes) -> list[zxingcpp.Barcode]:
    """The QR codes a decoder finds on the first page rendered at 200 dpi."""
    page = pdfium.PdfDocument(io.BytesIO(pdf))[0]
    image = page.render(scale=DPI / 72).to_pil()
    return zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)


def test_the_code_decodes_to_a_transfer_of_what_is_still_due(shop: Settings) -> None:
    invoice = issued_invoice(french_company("fr"), line("MACH"), line("CAF", "2.5"))
    # 11.08 of the 1 492.48 credited: the code asks for the 1 481.40 left.
    credit_invoice(invoice.number, OPERATOR, lines=[CreditLine(1, "2.5")])
    invoice = get_document(invoice.id)
    assert (invoice.totals.total, invoice.open_amount) == (149248, 148140)
    [code] = scanned(printed(invoice))
    assert code.ec_level == "M"
    fields = code.bytes.decode("utf-8").split("\n")
    reference = fields[9]
    assert fields[:9] == ["BCD", "002", "1", "SCT", BIC, "Comptoir Démo SAS", IBAN,
                          "EUR1481.40", ""]  # fmt: skip
    assert iso11649.is_valid(reference) and reference == "RF36F202600001"
    # A structured reference, so no free text: the fields after it are absent or empty.
    assert all(field == "" for field in fields[10:])
    assert "Référence de paiement : RF36 F202 6000 01" in pdf_text(printed(invoice))


def test_the_code_is_at_least_25_mm_wide_with_its_quiet_zone(shop: Settings) -> None:
    [code] = scanned(printed(issued_invoice(french_company("en"), line("MACH"))))
    modules = 17 + 4 * int(code.extra["Version"])
    corners = code.position
    width_px = corners.top_right.x - corners.top_left.x + 1
    with_quiet_zone = width_px * (modules + 8) / modules * MM_PER_INCH / DPI
    assert with_quiet_zone >= 25


def test_no_code_without_an_iban(shop: Settings) -> None:
    save_settings(dataclasses.replace(shop, company_iban="", company_bic=""))
    invoice = issued_invoice(french_company("fr"), line("MACH"))
    pdf = printed(invoice)
    assert scanned(pdf) == []
    assert "IBAN" not in pdf_text(pdf) and document_view(invoice).payment is None


def test_no_code_on_a_credit_note(shop: Settings) -> None:
    invoice = issued_invoice(french_company("fr"), line("MACH"))
    note = credit_invoice(invoice.number, OPERATOR, lines=[CreditLine(0, "1")])
    assert scanned(printed(note)) == []


def test_no_code_for_an_invoice_in_swiss_francs(shop: Settings) -> None:
    set_rate("CHF", "2026-03-01", "1.0642", OPERATOR)
    invoice = issued_invoice(french_company("fr"), line("MACH", unit_price="1300"), currency="CHF")
    pdf = printed(invoice)
    assert scanned(pdf) == []
    # The bank details still print, with the reference to quote on the transfer.
    assert "FR76 3000 6000 0112 3456 7890 189" in pdf_text(pdf)
    assert "Référence de paiement RF36 F202 6000 01" in pdf_text(pdf)


def test_no_code_once_nothing_is_owed(shop: Settings) -> None:
    invoice = issued_invoice(french_company("fr"), line("MACH"))
    credit_invoice(invoice.number, OPERATOR)
    paid = get_document(invoice.id)
    assert paid.open_amount == 0
    assert scanned(printed(paid)) == []


def test_no_code_on_a_draft(shop: Settings) -> None:
    from tests.models.sales_fixtures import make_invoice

    draft = make_invoice(french_company("fr"), line("MACH"))
    assert scanned(printed(draft)) == []


@pytest.mark.parametrize(
    ("number", "reference"),
    [("F-2026-00012", "RF30F202600012"), ("A-2026-00001", "RF67A202600001"),
     ("f/2026/7", "RF91F20267"), ("F-" + "9" * 21, ""), ("---", "")],
)  # fmt: skip
def test_creditor_references_come_from_the_number(number: str, reference: str) -> None:
    assert creditor_reference(number) == reference
    assert reference == "" or iso11649.is_valid(reference)


@given(st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-/", min_size=1, max_size=30))
def test_every_reference_made_passes_the_iso_11649_check(number: str) -> None:
    reference = creditor_reference(number)
    body = "".join(c for c in number if c.isalnum())
    if body and len(body) <= 21:
        assert iso11649.is_valid(reference) and reference.endswith(body)
    else:
        assert reference == ""


def test_a_reference_prints_in_groups_of_four() -> None:
    assert formatted("RF30F202600012") == "RF30 F202 6000 12"
    assert iso11649.format("RF30F202600012") == formatted("RF30F202600012")


def test_the_payload_keeps_to_the_epc_limits() -> None:
    name = "Société Coopérative Ouvrière de Production des Boulangers " * 2
    spaced_iban = "FR76 3000 6000 0112 3456 7890 189"
    payload = epc_payload(name, spaced_iban, "agrifrpp", 5, "RF30F202600012")
    fields = payload.split("\n")
    assert len(fields[5]) == 70 and name.startswith(fields[5])
    assert fields[4:8] == ["AGRIFRPP", fields[5], IBAN, "EUR0.05"]
    for amount in (0, -100, 100_000_000_000):
        with pytest.raises(ValueError):
            epc_payload("Comptoir", IBAN, "", amount, "RF30F202600012")


@given(st.lists(st.lists(st.integers(0, 1), min_size=9, max_size=9), min_size=1, max_size=9))
def test_the_rectangles_cover_exactly_the_dark_modules(matrix: list[list[int]]) -> None:
    covered: list[tuple[int, int]] = []
    for column, row, width, height in boxes(matrix):
        covered += [(x, y) for x in range(column, column + width) for y in range(row, row + height)]
    dark = [(x, y) for y, cells in enumerate(matrix) for x, cell in enumerate(cells) if cell]
    assert sorted(covered) == sorted(dark)  # each dark module once: no gap, no overlap
