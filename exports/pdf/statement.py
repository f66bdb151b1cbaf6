"""Statements of account as PDF: `render_statement` lays out a Statement (every string
already translated and formatted by models.statements), `write_statement` prints one
customer's for a period and saves it.

Importing this module is cheap: fpdf2 is loaded on the first print (see
exports.pdf.document)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from exports.pdf.document import write_private
from models.statements import Statement, statement


def render_statement(printed: Statement) -> bytes:
    """The complete PDF of `printed`: the page, fonts and heading of our invoices, then
    the movements, the open items and the total due."""
    from exports.pdf.statement_layout import lay_out_statement

    return lay_out_statement(printed)


def write_statement(
    number: str, path: Path, date_from: dt.date | None = None, date_to: dt.date | None = None
) -> Path:
    """Writes the statement of customer `number` for the period (models.statements:
    by default the last three months up to today) to `path` and returns the path.
    Raises NotFound for an unknown customer, ValidationError for a period that ends
    before it starts or in the future."""
    return save_statement(statement(number, date_from, date_to), path)


def save_statement(printed: Statement, path: Path) -> Path:
    """Writes the PDF of `printed` to `path` (replacing a file already there), readable by
    its owner alone, as a document is: complete or absent, never half a file."""
    return write_private(render_statement(printed), path)
