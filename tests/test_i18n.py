"""English and French stay complete: every string marked in the code has a French
translation, with the same placeholders, and the compiled catalog matches its source."""

from __future__ import annotations

import gettext
import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "tui" / "locale"
PACKAGES = ("tui", "models", "screens", "exports")
KEYWORDS = {"_": None, "N_": None, "gettext": None, "ngettext": (1, 2)}
PLACEHOLDER = re.compile(r"\{[a-z_]*\}")


def _source_messages() -> set[str | tuple[str, ...]]:
    found: set[str | tuple[str, ...]] = set()
    for package in PACKAGES:
        for _file, _line, message, _comments, _context in extract_from_dir(
            ROOT / package, method_map=[("**.py", "python")], keywords=KEYWORDS
        ):
            found.add(message if isinstance(message, str) else tuple(message))
    return found


@pytest.fixture(scope="module")
def french() -> dict[str, object]:
    with open(LOCALE / "fr" / "LC_MESSAGES" / "comptoir.po", "rb") as po:
        catalog = read_po(po)
    return {m.id if isinstance(m.id, str) else m.id[0]: m for m in catalog if m.id}


def test_every_marked_string_has_a_french_translation(french: dict[str, object]) -> None:
    missing = []
    for message in _source_messages():
        key = message if isinstance(message, str) else message[0]
        entry = french.get(key)
        strings = [] if entry is None else entry.string  # type: ignore[attr-defined]
        strings = [strings] if isinstance(strings, str) else list(strings)
        fuzzy = entry is not None and entry.fuzzy  # type: ignore[attr-defined]
        if not strings or not all(strings) or fuzzy:
            missing.append(key)
    assert sorted(missing) == []


def test_translations_keep_their_placeholders(french: dict[str, object]) -> None:
    wrong = []
    for key, entry in french.items():
        strings = entry.string  # type: ignore[attr-defined]
        for text in [strings] if isinstance(strings, str) else strings:
            if text and set(PLACEHOLDER.findall(text)) != set(PLACEHOLDER.findall(key)):
                wrong.append((key, text))
    assert wrong == []


def test_compiled_catalog_matches_the_source(french: dict[str, object]) -> None:
    with open(LOCALE / "fr" / "LC_MESSAGES" / "comptoir.mo", "rb") as mo:
        compiled = gettext.GNUTranslations(mo)
    stale = [
        key for key, entry in french.items()
        if isinstance(entry.string, str)  # type: ignore[attr-defined]
        and compiled.gettext(key) != entry.string  # type: ignore[attr-defined]
    ]  # fmt: skip
    assert stale == [], "run `make i18n` after editing the .po file"
