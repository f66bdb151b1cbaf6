"""The one way untrusted text (names, notes, imported data) reaches the terminal.

Textual strips only a few control characters: an ESC sequence, a C1 code or a bidi
override in a customer name would otherwise reach the operator's terminal. Widgets show
the result with markup disabled (or as `Text`/`Content`), so brackets print as typed.
"""

from __future__ import annotations

import unicodedata

# Bidi embeddings, overrides and isolates reorder what follows them on screen.
_BIDI_CONTROLS = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f")


def _visible(char: str, keep_newlines: bool) -> str:
    if char == "\n" and keep_newlines:
        return char
    if char == "\t":
        return " "
    if char in _BIDI_CONTROLS:
        return "\ufffd"
    category = unicodedata.category(char)
    if category == "Cc":
        # C0 and C1 controls (ESC included) become the visible replacement character.
        return "\ufffd"
    return char


def display_safe(text: object, keep_newlines: bool = False) -> str:
    """`text` with every control, C1 and bidi-control character replaced by U+FFFD (and
    newlines by spaces unless `keep_newlines`), to be shown literally, never as markup."""
    if text is None:
        return ""
    value = str(text)
    if not keep_newlines:
        value = value.replace("\r\n", " ").replace("\n", " ").replace("\r", " ")
    return "".join(_visible(c, keep_newlines) for c in value)
