"""Amounts, prices, quantities, rates and dates written the way a reader of a language
expects (`1 234,50 €` in French, `€1,234.50` in English), for screens and documents
alike. Babel is imported on first use, never at start-up."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from functools import lru_cache
from typing import Any

from models.money import exponent, from_minor

# European usage for each interface and document language.
_LOCALES = {"en": "en_GB", "fr": "fr_FR", "nl": "nl_NL", "el": "el_GR"}
_DATE_PATTERNS = {"fr": "dd/MM/yyyy", "el": "dd/MM/yyyy", "nl": "dd-MM-yyyy"}


def locale_for(language: str) -> str:
    return _LOCALES.get(language, "en_GB")


@lru_cache(maxsize=8)
def _numbers() -> Any:
    import babel.numbers

    return babel.numbers


def money(minor: int, currency: str, language: str) -> str:
    """An amount in minor units with its currency sign: `1 234,50 €`."""
    return str(
        _numbers().format_currency(
            from_minor(minor, currency), currency, locale=locale_for(language)
        )
    )


def amount(minor: int, currency: str, language: str) -> str:
    """An amount without its currency (table columns that say it once): `1 234,50`."""
    places = exponent(currency)
    pattern = "#,##0" + ("." + "0" * places if places else "")
    return str(
        _numbers().format_decimal(
            from_minor(minor, currency), format=pattern, locale=locale_for(language)
        )
    )


def price(value: Decimal, currency: str, language: str) -> str:
    """A unit price: the currency's decimals, more only when the price has them
    (`4,20`, `0,0125`)."""
    places = exponent(currency)
    pattern = "#,##0" + ("." + "0" * places + "##" if places else ".####")
    return str(_numbers().format_decimal(value, format=pattern, locale=locale_for(language)))


def number(value: Decimal, language: str) -> str:
    """A quantity or a rate with only the decimals it has: `3`, `1,5`, `5,5`."""
    return str(_numbers().format_decimal(value, format="#,##0.###", locale=locale_for(language)))


def percent(value: Decimal, language: str) -> str:
    """A rate or discount in percent: `5,5 %`, `20 %`."""
    sign = "\u00a0%" if language in ("fr", "nl", "el") else "%"
    return number(value, language) + sign


def date(day: dt.date | None, language: str) -> str:
    """A calendar date, unambiguous in every language: `14/03/2026` (fr), `14 Mar 2026`."""
    if day is None:
        return ""
    import babel.dates

    pattern = _DATE_PATTERNS.get(language, "d MMM yyyy")
    return str(babel.dates.format_date(day, pattern, locale=locale_for(language)))


def short_date(day: dt.date | None, language: str) -> str:
    """A date in ten characters, for narrow columns: `14/03/2026` (`14-03-2026` in Dutch)."""
    if day is None:
        return ""
    return day.strftime("%d-%m-%Y" if language == "nl" else "%d/%m/%Y")
