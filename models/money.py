"""Money: Decimal in Python, integer minor units in the database, never float."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

# ISO 4217 exponents that differ from 2 among currencies a European shop may meet.
_EXPONENTS = {"JPY": 0, "KRW": 0, "ISK": 0, "HUF": 2, "BHD": 3, "KWD": 3, "TND": 3}


def exponent(currency: str) -> int:
    return _EXPONENTS.get(currency.upper(), 2)


def parse_amount(text: str) -> Decimal:
    """Reads an amount as typed (`1 234,50`, `1234.5`, `1,234.50`); raises ValueError."""
    cleaned = text.strip().replace("\u00a0", "").replace("\u202f", "").replace(" ", "")
    cleaned = cleaned.replace("€", "").replace("EUR", "")
    if "," in cleaned and "." in cleaned:
        # The separator that comes last is the decimal one.
        if cleaned.rfind(",") > cleaned.rfind("."):
            cleaned = cleaned.replace(".", "").replace(",", ".")
        else:
            cleaned = cleaned.replace(",", "")
    else:
        cleaned = cleaned.replace(",", ".")
    try:
        value = Decimal(cleaned)
    except InvalidOperation as exc:
        raise ValueError(text) from exc
    if not value.is_finite():
        raise ValueError(text)
    return value


def to_minor(amount: Decimal, currency: str) -> int:
    """Rounds half-up to the currency's exponent and returns integer minor units."""
    exp = exponent(currency)
    quantum = Decimal(1).scaleb(-exp)
    return int(amount.quantize(quantum, rounding=ROUND_HALF_UP).scaleb(exp))


def from_minor(minor: int, currency: str) -> Decimal:
    return Decimal(minor).scaleb(-exponent(currency))


def minor_to_text(minor: int, currency: str) -> str:
    """Plain text with the currency's decimals (`"1234.50"`), as in JSON and CSV."""
    exp = exponent(currency)
    return f"{from_minor(minor, currency):.{exp}f}"
