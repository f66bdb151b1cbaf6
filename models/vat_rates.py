"""VAT rates per country with their legal labels: seeded for FR, NL and GR by schema 4,
editable (a label, a rate retired, a new rate). Items and lines take their rate from the
rates of the company's country."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from models import validation as check
from models.catalog_tables import VatRate
from models.db import write_txn
from models.errors import ValidationError
from models.i18n import _


@dataclass(frozen=True)
class Rate:
    country: str
    rate: Decimal
    label: str
    active: bool


def rate_text(rate: Decimal) -> str:
    """`20`, `5.5`, `2.1`: a rate as people write it."""
    return f"{rate.normalize():f}"


def list_rates(country: str | None = None, include_inactive: bool = False) -> list[Rate]:
    """Rates by country, then from the highest down."""
    query = VatRate.select().order_by(VatRate.country, VatRate.rate.desc())
    if country:
        query = query.where(VatRate.country == country.upper())
    if not include_inactive:
        query = query.where(VatRate.active == True)  # noqa: E712
    return [Rate(r.country, r.rate, r.label, r.active) for r in query]


def save_rate(country: str, rate: str, label: str, active: bool = True) -> Rate:
    """Adds a rate or changes the label / active flag of an existing one."""
    errors: dict[str, str] = {}
    code = value = None
    try:
        code = check.country("country", country)
    except ValidationError as exc:
        errors.update(exc.errors)
    try:
        value = check.percentage("rate", rate)
        if value is None:
            errors["rate"] = _("This field is required.")
    except ValidationError as exc:
        errors.update(exc.errors)
    if not label.strip():
        errors["label"] = _("This field is required.")
    if errors or code is None or value is None:
        raise ValidationError(errors)
    with write_txn():
        VatRate.insert(country=code, rate=value, label=label.strip(), active=active).on_conflict(
            conflict_target=[VatRate.country, VatRate.rate],
            update={VatRate.label: label.strip(), VatRate.active: active},
        ).execute()
    return Rate(code, value, label.strip(), active)


def checked_rate(field: str, text: str, country: str) -> Decimal:
    """The rate typed for `field`, which must be an active rate of `country` when that
    country has rates on file (any percentage otherwise)."""
    value = check.percentage(field, text)
    if value is None:
        raise ValidationError.single(field, _("The VAT rate is required (e.g. 20)."))
    known = [r.rate for r in list_rates(country)]
    if known and value not in known:
        raise ValidationError.single(
            field,
            _("No VAT rate of {rate} % in {country}; rates: {rates}.").format(
                rate=rate_text(value),
                country=country,
                rates=", ".join(rate_text(r) for r in known),
            ),
        )
    return value


def rate_label(rate: Decimal, country: str) -> str:
    """The legal label of a rate of `country`, "" when not on file."""
    row = VatRate.get_or_none((VatRate.country == country) & (VatRate.rate == rate))
    return "" if row is None else str(row.label)
