"""PDF writers. `render_document` / `write_document` print any business document from a
models.document_view.DocumentView; fpdf2 is imported only when one is printed."""

from __future__ import annotations

from exports.pdf.document import render_document, write_document

__all__ = ["render_document", "write_document"]
