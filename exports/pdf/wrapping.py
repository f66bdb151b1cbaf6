"""Line breaking for the PDF: text into lines no wider than a column.

fpdf2's own `multi_cell(dry_run=True)` breaks lines too, but it cost ~0.8 ms a call here
against ~0.02 ms to measure a word, and a document wraps dozens of cells; widths add up
exactly (fpdf2 applies no kerning without text shaping), so measuring each word once is
enough.
"""

from __future__ import annotations

from collections.abc import Callable

Measure = Callable[[str], float]

# A line never starts with these, nor ends with an opening guillemet: French sets a space
# before : ; ! ? » and after «, and data typed with plain spaces there ("taux de 20 %",
# "« Confort »") would otherwise leave a lone sign at a line's start or end.
_CLOSING = frozenset({":", ";", "!", "?", "»", "›", "%", "‰", "€", "$", "£", "—", "–"})
_OPENING = frozenset({"«", "‹"})


def wrap(text: str, width: float, measure: Measure, indent: float = 0.0) -> list[str]:
    """The lines `text` takes in `width`, the first one starting `indent` further right
    (after an item code, say): breaks at newlines and at ASCII spaces only (so no-break
    spaces keep "1 234,50 €" or "n° 12" whole), and inside a word only when the word alone
    is wider than the line. Never returns an empty list: "" is one empty line."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        lines.extend(_wrap_paragraph(paragraph, width, measure, 0.0 if lines else indent))
    return lines


def _wrap_paragraph(paragraph: str, width: float, measure: Measure, indent: float) -> list[str]:
    if measure(paragraph) <= width - indent:
        return [paragraph]
    space = measure(" ")
    lines: list[str] = []
    current, current_width = "", 0.0
    for word in _glued(paragraph.split(" ")):
        room = width if lines else width - indent
        word_width = measure(word)
        if current and current_width + space + word_width <= room:
            current, current_width = f"{current} {word}", current_width + space + word_width
            continue
        if current:
            lines.append(current)
            room = width
        elif word_width > room and word_width <= width:
            # Too wide beside the lead, not for a line of its own: leave the lead alone.
            lines.append("")
            room = width
        while word_width > room and len(word) > 1:
            cut = _longest_fitting_prefix(word, room, measure)
            lines.append(word[:cut])
            word = word[cut:]
            word_width = measure(word)
            room = width
        current, current_width = word, word_width
    lines.append(current)
    return lines


def _glued(words: list[str]) -> list[str]:
    """`words` with each lone closing sign joined to the word before it and each lone
    opening guillemet to the word after it, by the space that separated them."""
    glued: list[str] = []
    opening = False
    for word in words:
        if glued and (opening or word in _CLOSING):
            glued[-1] = f"{glued[-1]} {word}"
        else:
            glued.append(word)
        opening = word in _OPENING
    return glued


def _longest_fitting_prefix(word: str, width: float, measure: Measure) -> int:
    """How many leading characters of `word` fit in `width`: at least one, so a column
    narrower than a single letter still makes progress."""
    low, high = 1, len(word)
    while low < high:
        middle = (low + high + 1) // 2
        if measure(word[:middle]) <= width:
            low = middle
        else:
            high = middle - 1
    return low
