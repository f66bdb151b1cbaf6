"""How to pay, under the totals: the payment QR code (its label above, the reference in
words below) at the left, the bank details beside it; kept together on one page."""

from __future__ import annotations

from dataclasses import dataclass

from exports.pdf.page import BODY, CONTENT_WIDTH, LEFT, DocumentPDF, Style, TextLine
from exports.pdf.payment_qr import QUIET_MODULES, draw_symbol, symbol
from models.document_view import PaymentBlock, PaymentQR

# EPC guidance: at least 2.5 cm a side, quiet zone included, for a phone camera to focus.
QR_SIDE = 30.0
QR_COLUMN = 68.0
QR_LABEL = Style(8.5, bold=True)
REFERENCE = Style(8, grey=40)
DETAILS_HEADING = Style(7.5, grey=110)
DETAIL_LABEL = Style(7.5, bold=True, grey=60)
LABEL_GAP = 3.0
SPACE_BEFORE = 6.0


@dataclass(frozen=True)
class _Code:
    """The QR column, measured: label lines, module matrix and size, reference lines."""

    label: list[TextLine]
    matrix: tuple[tuple[int, ...], ...]
    module: float
    reference: list[TextLine]

    @property
    def height(self) -> float:
        return _height(self.label) + QR_SIDE + _height(self.reference)


@dataclass(frozen=True)
class _Details:
    """The bank details, measured: heading lines, then (label, value) lines per row,
    values starting after the widest label."""

    heading: list[TextLine]
    rows: list[tuple[list[TextLine], list[TextLine]]]
    label_width: float

    @property
    def height(self) -> float:
        rows = sum(max(_height(label), _height(value)) for label, value in self.rows)
        return _height(self.heading) + rows


def draw_payment(pdf: DocumentPDF) -> None:
    """Prints `pdf.view.payment` (nothing when there is none) from below `pdf.y`."""
    block = pdf.view.payment
    if block is None:
        return
    code = _code(pdf, block.qr) if block.qr is not None else None
    details_x = LEFT + QR_COLUMN if code else LEFT
    details = _details(pdf, block, CONTENT_WIDTH - (details_x - LEFT))
    height = max(details.height, code.height if code else 0.0)
    if SPACE_BEFORE + height > pdf.room():
        pdf.new_page()
    else:
        pdf.set_y(pdf.y + SPACE_BEFORE)
    top = pdf.y
    if code is not None:
        symbol_top = pdf.put_lines(LEFT, top, QR_COLUMN, code.label)
        # The dark modules line up with the text's left edge; the quiet zone lies in the
        # margin, painted as white as the paper.
        quiet = QUIET_MODULES * code.module
        draw_symbol(pdf, code.matrix, LEFT, symbol_top + quiet, code.module)
        pdf.put_lines(LEFT, symbol_top + QR_SIDE, QR_COLUMN, code.reference)
    _draw_details(pdf, details, details_x, top)
    pdf.set_y(top + height)


def _code(pdf: DocumentPDF, qr: PaymentQR) -> _Code:
    matrix = symbol(qr.payload)
    return _Code(
        pdf.lines(qr.label, QR_LABEL, QR_COLUMN - LABEL_GAP),
        matrix,
        QR_SIDE / (len(matrix) + 2 * QUIET_MODULES),
        pdf.lines(qr.reference, REFERENCE, QR_COLUMN - LABEL_GAP),
    )


def _details(pdf: DocumentPDF, block: PaymentBlock, width: float) -> _Details:
    widest = max((pdf.width_of(pdf.clean(label), DETAIL_LABEL) for label, _ in block.rows),
                 default=0.0)  # fmt: skip
    label_width = min(widest, width / 3)
    value_width = width - label_width - LABEL_GAP
    rows = [(pdf.lines(label, DETAIL_LABEL, label_width), pdf.lines(value, BODY, value_width))
            for label, value in block.rows]  # fmt: skip
    return _Details(pdf.lines(block.heading, DETAILS_HEADING, width), rows, label_width)


def _height(lines: list[TextLine]) -> float:
    return sum(line.style.line_height for line in lines)


def _draw_details(pdf: DocumentPDF, details: _Details, x: float, top: float) -> None:
    top = pdf.put_lines(x, top, CONTENT_WIDTH, details.heading)
    # A label shares its value's baseline, though it is set smaller.
    offset = (BODY.line_height - DETAIL_LABEL.line_height) / 2
    for label, value in details.rows:
        label_end = pdf.put_lines(x, top + offset, details.label_width, label)
        value_end = pdf.put_lines(x + details.label_width + LABEL_GAP, top, CONTENT_WIDTH, value)
        top = max(label_end, value_end)
