"""What follows the lines: the VAT breakdown (left) beside the totals (right), kept
together on one page, how to pay (exports.pdf.payment_block), then the notes and the legal
mentions, printed in full, a paragraph each, breaking across pages between lines when they
must."""

from __future__ import annotations

from exports.pdf.lines_table import HEADER, HEADER_FILL, PAD_X, PAD_Y, RULE_GREY
from exports.pdf.page import (
    BODY,
    BODY_BOLD,
    CONTENT_WIDTH,
    LEFT,
    DocumentPDF,
    Style,
    TextLine,
)
from exports.pdf.payment_block import draw_payment

VAT_WIDTH = 92.0
TOTALS_WIDTH = 72.0
TOTALS_LEFT = LEFT + CONTENT_WIDTH - TOTALS_WIDTH
EMPHASIS = Style(10.5, bold=True)
EMPHASIS_FILL = 236
MENTION = Style(7.5, grey=60)
SPACE_BEFORE = 7.0
PARAGRAPH_GAP = 2.2


def draw_closing(pdf: DocumentPDF) -> None:
    draw_amounts(pdf)
    draw_payment(pdf)
    draw_paragraphs(pdf, [pdf.view.notes, *pdf.view.mentions], first_gap=SPACE_BEFORE)


def draw_amounts(pdf: DocumentPDF) -> None:
    """The VAT breakdown and the totals side by side, moved together to a new page when
    they do not fit under the table: a total never sits apart from its breakdown."""
    vat_rows = _vat_rows(pdf)
    total_rows = _total_rows(pdf)
    height = max(_block_height(vat_rows), _block_height(total_rows))
    if height == 0:
        return
    if SPACE_BEFORE + height > pdf.room():
        pdf.new_page()
    else:
        pdf.set_y(pdf.y + SPACE_BEFORE)
    top = pdf.y
    _draw_vat(pdf, vat_rows, top)
    _draw_totals(pdf, total_rows, top)
    pdf.set_y(top + height)


def _vat_rows(pdf: DocumentPDF) -> list[list[list[TextLine]]]:
    """Title row then one row per rate, each as three wrapped cells; [] when there are
    no rates (a VAT-exempt seller prints the mention instead)."""
    view = pdf.view
    if not view.vat_rows:
        return []
    width = VAT_WIDTH / 3 - 2 * PAD_X
    rows = [[pdf.lines(title, HEADER, width) for title in view.vat_columns]]
    for row in view.vat_rows:
        rows.append([pdf.lines(text, BODY, width) for text in (row.rate, row.base, row.vat)])
    return rows


def _total_rows(pdf: DocumentPDF) -> list[list[list[TextLine]]]:
    """Label and value per total; emphasised rows (the amount due) larger and bold."""
    label_width = TOTALS_WIDTH * 0.55 - 2 * PAD_X
    value_width = TOTALS_WIDTH * 0.45 - 2 * PAD_X
    rows = []
    for total in pdf.view.totals:
        style = EMPHASIS if total.emphasis else BODY
        label_style = EMPHASIS if total.emphasis else BODY_BOLD
        rows.append([pdf.lines(total.label, label_style, label_width),
                     pdf.lines(total.value, style, value_width)])  # fmt: skip
    return rows


def _row_height(row: list[list[TextLine]]) -> float:
    return max((sum(line.style.line_height for line in cell) for cell in row), default=0) + (
        2 * PAD_Y
    )


def _block_height(rows: list[list[list[TextLine]]]) -> float:
    return sum(_row_height(row) for row in rows)


def _draw_vat(pdf: DocumentPDF, rows: list[list[list[TextLine]]], top: float) -> None:
    column = VAT_WIDTH / 3
    for index, row in enumerate(rows):
        height = _row_height(row)
        if index == 0:
            pdf.set_fill_color(HEADER_FILL)
            pdf.rect(LEFT, top, VAT_WIDTH, height, style="F")
        for position, cell in enumerate(row):
            align = "L" if position == 0 else "R"
            x = LEFT + position * column + PAD_X
            pdf.put_lines(x, top + PAD_Y, column - 2 * PAD_X, cell, align)
        top += height
        _rule(pdf, LEFT, top, VAT_WIDTH)


def _draw_totals(pdf: DocumentPDF, rows: list[list[list[TextLine]]], top: float) -> None:
    label_width, value_width = TOTALS_WIDTH * 0.55, TOTALS_WIDTH * 0.45
    for row, total in zip(rows, pdf.view.totals, strict=True):
        height = _row_height(row)
        if total.emphasis:
            pdf.set_fill_color(EMPHASIS_FILL)
            pdf.rect(TOTALS_LEFT, top, TOTALS_WIDTH, height, style="F")
        label, value = row
        pdf.put_lines(TOTALS_LEFT + PAD_X, top + PAD_Y, label_width - 2 * PAD_X, label)
        pdf.put_lines(TOTALS_LEFT + label_width + PAD_X, top + PAD_Y, value_width - 2 * PAD_X,
                      value, "R")  # fmt: skip
        top += height
        _rule(pdf, TOTALS_LEFT, top, TOTALS_WIDTH)


def _rule(pdf: DocumentPDF, x: float, y: float, width: float) -> None:
    pdf.set_draw_color(RULE_GREY)
    pdf.set_line_width(0.15)
    pdf.line(x, y, x + width, y)


def draw_paragraphs(pdf: DocumentPDF, paragraphs: list[str], first_gap: float) -> None:
    """The notes (first, in the body style) then each mention, wrapped to the page width,
    every line printed: a page break falls between lines, never after a paragraph's first
    line alone."""
    gap = first_gap
    for index, paragraph in enumerate(paragraphs):
        lines = pdf.lines(paragraph, BODY if index == 0 else MENTION, CONTENT_WIDTH)
        if not lines:
            continue
        keep = sum(line.style.line_height for line in lines[:2])
        if gap + keep > pdf.room():
            pdf.new_page()
        else:
            pdf.set_y(pdf.y + gap)
        gap = PARAGRAPH_GAP
        for line in lines:
            if line.style.line_height > pdf.room():
                pdf.new_page()
            pdf.put(LEFT, pdf.y, CONTENT_WIDTH, line)
            pdf.set_y(pdf.y + line.style.line_height)
