"""Which language the interface speaks: --lang, else the setting, else the environment."""

from __future__ import annotations

from models import i18n
from models.i18n import LOCALE_DIR


def setup_language(cli_lang: str | None) -> str:
    """Installs and returns the language chosen by `--lang`, else the interface-language
    setting (once a database is open), else LANGUAGE/LC_ALL/LC_MESSAGES/LANG."""
    chosen = cli_lang or _setting() or i18n.language_from_environment()
    return i18n.install(chosen, LOCALE_DIR)


def _setting() -> str:
    from peewee import DatabaseError

    from models.db import database

    if database.obj is None:
        return ""
    from models.settings import load_settings

    try:
        return load_settings().interface_language
    except DatabaseError:
        # A database whose schema is not there yet has no setting to offer.
        return ""
