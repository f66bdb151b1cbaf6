"""gettext for every layer. The catalogs live in tui/locale; the TUI or CLI installs the
language at start with `install()`. Until then (services under test) text stays English."""

from __future__ import annotations

import gettext as _gettext
import os
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

LANGUAGES = ("en", "fr", "nl", "el")
DOMAIN = "comptoir"

_translation: _gettext.NullTranslations = _gettext.NullTranslations()
_language = "en"
# The catalogs ship inside the tui package (data only: nothing of tui is imported).
LOCALE_DIR = Path(__file__).resolve().parent.parent / "tui" / "locale"
# Documents print in the customer's language, whatever the operator's: these are the
# languages whose document catalogs are complete; any other prints in English.
DOCUMENT_LANGUAGES = ("en", "fr")


def gettext(message: str) -> str:
    return _translation.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _translation.ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Marks a string for extraction; it is translated later, where it is shown."""
    return message


_ = gettext


def language_from_environment() -> str:
    """The first supported language named by LANGUAGE, LC_ALL, LC_MESSAGES or LANG."""
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "")
        for part in value.split(":"):
            code = part.split(".")[0].split("_")[0].lower()
            if code in LANGUAGES:
                return code
    return "en"


def install(language: str, localedir: Path) -> str:
    """Switches every later `_()` to `language` (falls back to English); returns it."""
    global _translation, _language
    language = language if language in LANGUAGES else "en"
    _translation = _gettext.translation(
        DOMAIN, localedir=str(localedir), languages=[language], fallback=True
    )
    _language = language
    return language


def current_language() -> str:
    return _language


def document_language(language: str) -> str:
    """The language a document for a customer speaking `language` prints in."""
    return language if language in DOCUMENT_LANGUAGES else "en"


@lru_cache(maxsize=8)
def translator(language: str) -> Callable[[str], str]:
    """gettext for one language, independent of the interface's: documents and letters
    speak the customer's language while the screens speak the operator's."""
    translation = _gettext.translation(
        DOMAIN, localedir=str(LOCALE_DIR), languages=[language], fallback=True
    )
    return translation.gettext
