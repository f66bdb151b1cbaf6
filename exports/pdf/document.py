"""Business documents as PDF: `render_document` lays out a DocumentView (every string
already translated and formatted by models/), `write_document` saves it.

Importing this module is cheap: fpdf2 costs 140–300 ms to import, so it is loaded on the
first print, never at start-up.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from models.document_view import DocumentView


def render_document(view: DocumentView) -> bytes:
    """The complete PDF of `view`: A4, the bundled Unicode font embedded as a subset, the
    same layout for quotes, invoices and credit notes. Any text prints: characters the
    font lacks show as �, never as an error."""
    from exports.pdf.layout import lay_out

    return lay_out(view)


def write_document(view: DocumentView, path: Path) -> Path:
    """Writes the PDF of `view` to `path` (replacing a file already there) and returns
    the path. The file is readable by its owner alone, since documents hold personal
    data; it is written beside its final name and renamed once complete, so a failed
    print never leaves half a file, nor a stray temporary one."""
    return write_private(render_document(view), path)


def write_private(content: bytes, path: Path) -> Path:
    """Writes `content` to `path` readable by its owner alone (PDFs hold personal data),
    beside its final name then renamed: complete or absent, never half a file."""
    path = path.expanduser()
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.",
                                             suffix=".partial")  # fmt: skip
    try:
        # mkstemp creates the file 0600 whatever the umask.
        with os.fdopen(descriptor, "wb") as out:
            out.write(content)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise
    return path
