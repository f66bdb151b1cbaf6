"""Untrusted text made printable with the embedded font: whatever a customer's name or an
imported note holds, the PDF shows the characters it can and a visible mark for the rest,
and printing never fails on them.

fpdf2 silently drops characters its font lacks (and logs a warning at output), so a name
typed with an emoji or a CJK character would lose letters without anyone noticing; here
they become U+FFFD (�), which a reader sees.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Container

REPLACEMENT = "\ufffd"
# Line and paragraph separators (Zl, Zp) end a line like a newline does.
_NEWLINES = {"\r\n": "\n", "\r": "\n", "\u2028": "\n", "\u2029": "\n", "\x85": "\n"}


def printable(text: str, covered: Container[int], *, multiline: bool = False) -> str:
    """`text` with only characters of `covered` (the font's code points) and, when
    `multiline`, newlines. NFC first, so a letter typed as e + combining accent prints as
    the font's é. Tabs and unknown spaces become spaces; invisible format characters (zero
    widths, bidi controls, soft hyphens, byte-order marks) are dropped, since no shaping
    happens here they would change nothing but could hide text; other control characters
    and anything the font lacks become U+FFFD ("?" if the font had no U+FFFD either)."""
    if text.isascii() and text.isprintable():
        return text
    for old, new in _NEWLINES.items():
        text = text.replace(old, new)
    text = unicodedata.normalize("NFC", text)
    fallback = REPLACEMENT if ord(REPLACEMENT) in covered else "?"
    return "".join(_printable_char(char, covered, multiline, fallback) for char in text)


def _printable_char(char: str, covered: Container[int], multiline: bool, fallback: str) -> str:
    if char == "\n":
        return "\n" if multiline else " "
    if char == "\t":
        return " "
    category = unicodedata.category(char)
    if category == "Cf":
        return ""
    if category in ("Cc", "Cs"):
        return fallback
    if ord(char) in covered:
        return char
    if category == "Zs":
        return " "
    if category in ("Mn", "Me"):
        # A mark the font lacks (a variation selector after an emoji…): the base letter
        # before it still prints, which reads better than a replacement sign.
        return ""
    return fallback
