"""One layout for every business document (quotes, invoices, credit notes): the head of
the first page, the lines table, then amounts, notes and mentions. Imports fpdf2, so
`exports.pdf.document` imports this module only when something is printed."""

from __future__ import annotations

from exports.pdf.closing import draw_closing
from exports.pdf.heading import draw_heading
from exports.pdf.lines_table import draw_lines_table
from exports.pdf.page import DocumentPDF
from models.document_view import DocumentView


def lay_out(view: DocumentView) -> bytes:
    """The whole PDF of `view`."""
    pdf = DocumentPDF(view)
    pdf.new_page()
    draw_heading(pdf)
    draw_lines_table(pdf)
    draw_closing(pdf)
    return bytes(pdf.output())
