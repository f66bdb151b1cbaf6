"""Exchange rates to the company's currency. An invoice in another currency stores the rate
of its issue date — typed for that invoice, or the latest one on or before that date from
this table — so reports can total in the company's currency whatever rates do later."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from models import clock
from models import validation as check
from models.db import write_txn
from models.document_tables import ExchangeRate
from models.errors import ValidationError
from models.fields import EXCHANGE_RATE_PLACES
from models.i18n import _

MAX_RATE = Decimal("1000000")


@dataclass(frozen=True)
class RateRecord:
    currency: str
    date: dt.date
    rate: Decimal
    updated_by: str


def parse_rate(field: str, text: str) -> Decimal:
    rate = check.decimal_number(field, text, EXCHANGE_RATE_PLACES, Decimal(0), MAX_RATE)
    if not rate:
        raise ValidationError.single(field, _("A rate above 0, e.g. 1.0842."))
    return rate


def set_rate(currency: str, date: str, rate: str, operator: str) -> RateRecord:
    """Records (or corrects) the rate of `currency` from `date` (empty: today)."""
    checks = check.FieldChecks()
    code = checks.run("currency", check.currency, currency)
    day = checks.run("date", check.parse_date, date) or clock.today()
    value = checks.run("rate", parse_rate, rate)
    if checks.errors:
        raise ValidationError(checks.errors)
    with write_txn():
        ExchangeRate.insert(
            currency=code, date=day, rate=value, updated_at=clock.utc_now(), updated_by=operator
        ).on_conflict(
            conflict_target=[ExchangeRate.currency, ExchangeRate.date],
            update={
                ExchangeRate.rate: value,
                ExchangeRate.updated_at: clock.utc_now(),
                ExchangeRate.updated_by: operator,
            },
        ).execute()
    return RateRecord(code, day, value, operator)


def list_exchange_rates(currency: str = "") -> list[RateRecord]:
    query = ExchangeRate.select().order_by(ExchangeRate.currency, ExchangeRate.date.desc())
    if currency.strip():
        query = query.where(ExchangeRate.currency == currency.strip().upper())
    return [RateRecord(r.currency, r.date, r.rate, r.updated_by) for r in query]


def rate_on(currency: str, day: dt.date) -> Decimal | None:
    """The latest recorded rate of `currency` on or before `day`."""
    row = (
        ExchangeRate.select(ExchangeRate.rate)
        .where((ExchangeRate.currency == currency) & (ExchangeRate.date <= day))
        .order_by(ExchangeRate.date.desc())
        .first()
    )
    return row.rate if row else None


def document_rate(currency: str, base: str, day: dt.date, typed: str = "") -> Decimal:
    """The rate a document in `currency` is issued with: 1 in the company's own currency,
    else the typed one, else the table's for `day`; a ValidationError at `exchange_rate`
    names what is missing."""
    if currency == base:
        return Decimal(1)
    if typed.strip():
        return parse_rate("exchange_rate", typed)
    found = rate_on(currency, day)
    if found is None:
        raise ValidationError.single(
            "exchange_rate",
            _("No {currency} → {base} rate on {date}: type one, or record it first.").format(
                currency=currency, base=base, date=day.isoformat()
            ),
        )
    return found


def to_base(minor: int, currency: str, rate: Decimal, base: str) -> int:
    """`minor` units of `currency` in minor units of the company's currency `base` at
    `rate` (rounded half-up once, per document), so reports can total across currencies."""
    from models.money import from_minor, to_minor

    return to_minor(from_minor(minor, currency) * rate, base)
