"""What a printed business document says, ready to lay out: every text already in the
document's language, every amount already computed (models.totals) and formatted for
that language. The PDF writer (exports.pdf) only places these strings; it never
translates, computes or formats, so quotes, invoices and credit notes share one layout.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Party:
    """The seller or the buyer as printed: name, address lines, then identifiers as
    (label, value), e.g. ("SIREN", "912345674"), ("VAT", "FR32912345674")."""

    name: str
    address: tuple[str, ...] = ()
    identifiers: tuple[tuple[str, str], ...] = ()
    heading: str = ""


@dataclass(frozen=True)
class LineColumns:
    """Column titles of the lines table, in the document's language."""

    description: str
    quantity: str
    unit: str
    unit_price: str
    discount: str
    vat_rate: str
    net: str


@dataclass(frozen=True)
class ViewLine:
    """One line as printed. `description` may be long or hold newlines: it wraps inside
    its column. `code` is the item code ("" for free text); `note` a smaller second line
    (e.g. which contract priced it), "" for none."""

    description: str
    quantity: str
    unit: str
    unit_price: str
    discount: str
    vat_rate: str
    net: str
    code: str = ""
    note: str = ""


@dataclass(frozen=True)
class VatRow:
    """One row of the VAT breakdown: the rate's label, taxable base, VAT."""

    rate: str
    base: str
    vat: str


@dataclass(frozen=True)
class TotalRow:
    label: str
    value: str
    emphasis: bool = False


@dataclass(frozen=True)
class PaymentQR:
    """The EPC069-12 payment QR code: the text it encodes, the label printed above it
    ("Pay by scanning") and the line below it ("Payment reference: RF30 F202 6000 12")."""

    payload: str
    label: str
    reference: str


@dataclass(frozen=True)
class PaymentBlock:
    """How to pay by transfer, printed after the totals: a heading, (label, value) rows
    (IBAN, BIC, the reference when no QR code carries it), and the QR code, if any."""

    heading: str
    rows: tuple[tuple[str, str], ...] = ()
    qr: PaymentQR | None = None


@dataclass(frozen=True)
class DocumentView:
    kind: str  # "quote", "invoice", "credit_note"
    language: str
    title: str  # "Quote" / "Devis"
    number: str  # "" for a draft
    meta: tuple[tuple[str, str], ...]  # (label, value): date, validity, customer number…
    seller: Party
    buyer: Party
    columns: LineColumns
    lines: tuple[ViewLine, ...]
    vat_columns: tuple[str, str, str]  # titles of the breakdown: rate, base, VAT
    vat_rows: tuple[VatRow, ...]
    totals: tuple[TotalRow, ...]
    mentions: tuple[str, ...] = ()  # legal mentions, each its own paragraph
    notes: str = ""
    footer: str = ""  # the seller's legal line, on every page
    page_label: str = "{page} / {pages}"  # "Page {page} of {pages}"
    draft_label: str = ""  # printed across the page when the document is a draft
    delivery: Party | None = None
    logo_path: str = ""
    subtitle: str = ""  # under the title: "Corrects invoice F-2026-00012 of 14/03/2026"
    payment: PaymentBlock | None = None
