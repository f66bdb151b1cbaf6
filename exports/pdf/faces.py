"""Comptoir Sans's faces, parsed once per process and handed to each new document.

`FPDF.add_font()` parses the font file for every document (~10 ms a face here, half the
time left in a one-page quote). A parsed fpdf2 `TTFFont` cannot simply be shared: when a
document is output, fpdf2 subsets the face's fontTools `TTFont` in place and closes it,
and the face records which glyphs that document used. So each document gets a shallow
copy of a face parsed once: what parsing produced (widths, code points, glyph ids, names)
is shared, read-only, as fpdf2's own `TTFFont.__deepcopy__` shares it; the parts a
document changes (its index, subset map, missing glyphs, font descriptor, and a fontTools
font opened afresh from bytes held in memory) are its own.

This relies on `TTFFont`'s attributes, which are not fpdf2's public API: the copy is made
only when they are exactly those of the fpdf2 this was written against (2.8.9); with any
other, `add_face` falls back on `add_font()` — slower, never wrong.
"""

from __future__ import annotations

import copy
import io
import threading
from dataclasses import dataclass
from pathlib import Path

from fontTools.ttLib import TTFont
from fpdf import FPDF
from fpdf.fonts import SubsetMap, TTFFont

_KNOWN_SLOTS = frozenset({
    "i", "type", "name", "desc", "glyph_ids", "_hbfont", "sp", "ss", "up", "ut", "cw",
    "ttffile", "fontkey", "emphasis", "scale", "subset", "cmap", "ttfont", "missing_glyphs",
    "biggest_size_pt", "color_font", "unicode_range", "palette_index", "is_compressed",
    "is_cff", "is_cid_keyed", "is_symbol", "cff_ros", "collection_font_number",
})  # fmt: skip


@dataclass(frozen=True)
class _ParsedFace:
    face: TTFFont
    data: bytes


_parsed: dict[tuple[str, Path], _ParsedFace] = {}
_lock = threading.Lock()


def reusable() -> bool:
    """Whether the installed fpdf2's faces can be copied as this module does."""
    return frozenset(getattr(TTFFont, "__slots__", ())) == _KNOWN_SLOTS


def add_face(pdf: FPDF, family: str, style: str, path: Path) -> TTFFont:
    """Makes `path` the `style` ("" or "B") face of `family` in `pdf`, as
    `pdf.add_font(family, style, path)` does, and returns it."""
    key = family.lower() + style
    if not reusable():
        pdf.add_font(family, style, path)
        face = pdf.fonts[key]
        assert isinstance(face, TTFFont)
    else:
        face = _document_copy(_parse(pdf, key, style, path), len(pdf.fonts) + 1)
        pdf.fonts[key] = face
    # fontTools recomputes the bounding boxes and maxima of the subset it embeds by
    # decoding and re-encoding every glyph outline: 40% of a one-page document's time
    # here. The font's own values bound any subset of it, and they are the ones fpdf2
    # writes in the PDF's font descriptor anyway.
    face.ttfont.recalcBBoxes = False
    return face


def _parse(pdf: FPDF, key: str, style: str, path: Path) -> _ParsedFace:
    with _lock:
        parsed = _parsed.get((key, path))
        if parsed is None:
            face = TTFFont(pdf, path, key, style)
            # Parsed tables stay in memory; the file handle need not.
            face.ttfont.close()
            parsed = _parsed[key, path] = _ParsedFace(face, path.read_bytes())
        return parsed


def _document_copy(parsed: _ParsedFace, index: int) -> TTFFont:
    face = copy.copy(parsed.face)
    face.i = index
    face.ttfont = TTFont(io.BytesIO(parsed.data), lazy=True, recalcTimestamp=False)
    face.desc = copy.copy(parsed.face.desc)
    face.missing_glyphs = []
    face.biggest_size_pt = 0
    face.subset = SubsetMap(face)
    return face
