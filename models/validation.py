"""Field checks shared by the customer file, the settings and the import. Each returns the
clean value or raises ValidationError naming the field and the reason; identifiers are
checked with python-stdnum and phonenumbers, never re-implemented."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from models.errors import ValidationError
from models.i18n import LANGUAGES, N_, _
from models.money import parse_amount

PAYMENT_METHODS = ("transfer", "card", "cash", "cheque", "direct_debit")
# How each method reads, on the screens, the documents and in a customer's history.
METHOD_WORDS = {
    "transfer": N_("bank transfer"),
    "card": N_("card"),
    "cash": N_("cash"),
    "cheque": N_("cheque"),
    "direct_debit": N_("direct debit"),
}
KINDS = ("company", "individual")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]{2,}$")
_TERMS = re.compile(r"^(receipt|(\d{1,3})d|(\d{1,3})eom)$")
_CURRENCY = re.compile(r"^[A-Z]{3}$")
_POSTCODES = {
    "FR": (re.compile(r"^\d{5}$"), N_("5 digits, e.g. 75011")),
    "GR": (re.compile(r"^\d{5}$"), N_("5 digits, e.g. 546 21")),
    "NL": (re.compile(r"^\d{4}[A-Z]{2}$"), N_("4 digits and 2 letters, e.g. 2578 LJ")),
}


class FieldChecks:
    """Runs the checks of a form's fields one after the other and keeps every refusal,
    so that one ValidationError names each bad field at once (`errors`), beside the clean
    values of the others (`values`)."""

    def __init__(self, values: dict[str, Any] | None = None) -> None:
        self.errors: dict[str, str] = {}
        self.values: dict[str, Any] = dict(values or {})

    def run(self, field: str, check: Callable[..., Any], *args: Any) -> Any:
        """`check(field, *args)`'s clean value, stored under `field`; None if refused."""
        try:
            self.values[field] = check(field, *args)
        except ValidationError as exc:
            self.errors.update(exc.errors)
        return self.values.get(field)


def required(field: str, value: str) -> str:
    value = value.strip()
    if not value:
        raise ValidationError.single(field, _("This field is required."))
    return value


def email(field: str, value: str) -> str:
    value = value.strip()
    if value and not _EMAIL.match(value):
        raise ValidationError.single(
            field, _("Not a valid e-mail address (expected name@domain.tld).")
        )
    return value


def country(field: str, value: str) -> str:
    code = value.strip().upper()
    if not re.fullmatch(r"[A-Z]{2}", code):
        raise ValidationError.single(field, _("Use the two-letter country code (FR, NL, GR…)."))
    return code


def phone(field: str, value: str, country_code: str) -> tuple[str, str]:
    """Returns (as typed, E.164); a number without a + is read for `country_code`."""
    import phonenumbers

    typed = value.strip()
    if not typed:
        return "", ""
    region = "GR" if country_code == "EL" else country_code
    try:
        parsed = phonenumbers.parse(typed, region or None)
    except phonenumbers.NumberParseException:
        parsed = None
    if parsed is None or not phonenumbers.is_valid_number(parsed):
        raise ValidationError.single(
            field,
            _("Not a valid phone number for {country}.").format(country=country_code or "?"),
        )
    e164 = phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)
    return typed, e164


def postcode(field: str, value: str, country_code: str) -> str:
    """Checks the format for FR, NL and GR and writes it the usual way there."""
    compact = re.sub(r"\s+", "", value).upper()
    if not compact:
        return ""
    rule = _POSTCODES.get(country_code)
    if rule is None:
        return value.strip()
    pattern, example = rule
    if not pattern.match(compact):
        raise ValidationError.single(
            field, _("Postcode for {country}: {example}.").format(
                country=country_code, example=_(example)
            )
        )
    if country_code == "NL":
        return f"{compact[:4]} {compact[4:]}"
    if country_code == "GR":
        return f"{compact[:3]} {compact[3:]}"
    return compact


def siren(field: str, value: str, country_code: str) -> str:
    """SIREN (9 digits) or SIRET (14) for French companies; for others the registration
    number is kept as typed (KvK for NL is 8 digits)."""
    compact = re.sub(r"[\s.-]", "", value)
    if not compact:
        return ""
    if country_code == "NL":
        if not re.fullmatch(r"\d{8}", compact):
            raise ValidationError.single(field, _("A KvK number has 8 digits."))
        return compact
    if country_code != "FR":
        return value.strip()
    from stdnum.fr import siren as stdnum_siren
    from stdnum.fr import siret as stdnum_siret

    if len(compact) == 9 and stdnum_siren.is_valid(compact):
        return compact
    if len(compact) == 14 and stdnum_siret.is_valid(compact):
        return compact
    if len(compact) not in (9, 14) or not compact.isdigit():
        raise ValidationError.single(field, _("A SIREN has 9 digits, a SIRET 14."))
    raise ValidationError.single(field, _("Check digit wrong: this SIREN/SIRET does not exist."))


def vat_number(field: str, value: str) -> str:
    """EU VAT number, country prefix included (FR…, NL…B.., EL…)."""
    compact = re.sub(r"[\s.-]", "", value).upper()
    if not compact:
        return ""
    from stdnum import exceptions as stdnum_errors
    from stdnum.eu import vat as eu_vat

    try:
        return str(eu_vat.validate(compact))
    except stdnum_errors.InvalidChecksum:
        raise ValidationError.single(
            field, _("Check digits wrong: this VAT number does not exist.")
        ) from None
    except stdnum_errors.ValidationError:
        raise ValidationError.single(
            field, _("Not a valid EU VAT number (country prefix, then the number).")
        ) from None


def vat_matches_siren(vat: str, siren_value: str) -> bool:
    """A French VAT number embeds the SIREN; a SIRET starts with it."""
    if not vat.startswith("FR") or len(siren_value) < 9 or len(vat) != 13:
        return True
    return vat[4:] == siren_value[:9]


def terms(field: str, value: str) -> str:
    code = value.strip().lower().replace(" ", "")
    if not _TERMS.match(code):
        raise ValidationError.single(
            field, _("Terms: receipt, Nd (N days) or Neom (N days end of month), e.g. 30d.")
        )
    return code


def number_pattern(field: str, value: str) -> str:
    """A document number pattern: `{seq}` (with a width such as `{seq:05}`) and optionally
    `{year}`, e.g. `F-{year}-{seq:05}`."""
    import string

    text = value.strip()
    try:
        names = {name for _lit, name, _spec, _conv in string.Formatter().parse(text) if name}
        text.format(year=2026, seq=1)
    except (ValueError, KeyError, IndexError):
        names = {""}
    if "seq" not in names or not names <= {"seq", "year"}:
        raise ValidationError.single(
            field, _("Use {seq} for the sequence and optionally {year}, e.g. F-{year}-{seq:05}.")
        )
    return text


def choice(field: str, value: str, allowed: tuple[str, ...]) -> str:
    value = value.strip().lower()
    if value not in allowed:
        raise ValidationError.single(
            field, _("Choose one of: {choices}.").format(choices=", ".join(allowed))
        )
    return value


def payment_method(field: str, value: str) -> str:
    return choice(field, value, PAYMENT_METHODS)


def language(field: str, value: str) -> str:
    return choice(field, value, LANGUAGES)


def currency(field: str, value: str) -> str:
    code = value.strip().upper()
    if not _CURRENCY.match(code):
        raise ValidationError.single(field, _("Use the three-letter currency code, e.g. EUR."))
    return code


def amount(field: str, value: str) -> Decimal | None:
    if not value.strip():
        return None
    try:
        result = parse_amount(value)
    except ValueError:
        raise ValidationError.single(field, _("Not an amount.")) from None
    if result < 0:
        raise ValidationError.single(field, _("Must not be negative."))
    return result


def parse_date(field: str, value: str) -> dt.date | None:
    """ISO `2024-03-31` or the European `31/03/2024`."""
    text = value.strip()
    if not text:
        return None
    for fmt in ("%Y-%m-%d", "%d/%m/%Y", "%d.%m.%Y", "%d-%m-%Y"):
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValidationError.single(field, _("Not a date (use YYYY-MM-DD or DD/MM/YYYY)."))


def past_date(field: str, value: str, today: dt.date) -> dt.date | None:
    result = parse_date(field, value)
    if result is not None and result > today:
        raise ValidationError.single(field, _("This date is in the future."))
    return result


def iban(field: str, value: str) -> str:
    compact = re.sub(r"\s", "", value).upper()
    if not compact:
        return ""
    from stdnum import iban as stdnum_iban

    if not stdnum_iban.is_valid(compact):
        raise ValidationError.single(field, _("Not a valid IBAN."))
    return compact


def bic(field: str, value: str) -> str:
    compact = re.sub(r"\s", "", value).upper()
    if not compact:
        return ""
    from stdnum import bic as stdnum_bic

    if not stdnum_bic.is_valid(compact):
        raise ValidationError.single(field, _("Not a valid BIC (8 or 11 characters)."))
    return compact


def decimal_number(
    field: str,
    value: str,
    places: int,
    minimum: Decimal | None = None,
    maximum: Decimal | None = None,
) -> Decimal | None:
    """An exact decimal as typed (`12,50`, `1 234.5`), with at most `places` decimals and
    within the bounds given; None when empty."""
    if not value.strip():
        return None
    try:
        result = parse_amount(value)
    except ValueError:
        raise ValidationError.single(field, _("Not a number.")) from None
    exponent = result.normalize().as_tuple().exponent
    if isinstance(exponent, int) and -exponent > places:
        raise ValidationError.single(
            field, _("At most {places} decimals.").format(places=places)
        )
    if minimum is not None and result < minimum:
        raise ValidationError.single(field, _("At least {minimum}.").format(minimum=minimum))
    if maximum is not None and result > maximum:
        raise ValidationError.single(field, _("At most {maximum}.").format(maximum=maximum))
    return result


def percentage(field: str, value: str) -> Decimal | None:
    """A percentage from 0 to 100 with at most 2 decimals (`5.5`, `12,75`)."""
    return decimal_number(field, value.replace("%", ""), 2, Decimal(0), Decimal(100))


def method_words(method: str) -> str:
    """The method in words in the current language; an unknown code as it is."""
    return _(METHOD_WORDS[method]) if method in METHOD_WORDS else method
