"""When an invoice falls due, from its payment terms, and whether that respects the French
cap on B2B terms (Code de commerce L441-10): at most 60 days after the invoice date, or
45 days end of month when agreed.

"N days end of month" has two readings the administration accepts: N days, then to the end
of that month (the usual one); or to the end of the month, then N days. The shop chooses
its reading (setting `end_of_month_reading`); due dates are computed and the 45-days-end-
of-month cap is checked with that same reading, so terms computed by Comptoir are never
flagged against another reading than the one they follow."""

from __future__ import annotations

import calendar
import datetime as dt

from models.i18n import _

CAP_DAYS = 60
CAP_EOM_DAYS = 45
DAYS_THEN_MONTH_END = "days_then_month_end"
MONTH_END_THEN_DAYS = "month_end_then_days"
READINGS = (DAYS_THEN_MONTH_END, MONTH_END_THEN_DAYS)


def end_of_month(day: dt.date) -> dt.date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def _reading(reading: str | None) -> str:
    if reading is not None:
        return reading
    from models.settings import load_settings

    return load_settings().end_of_month_reading


def days_end_of_month(date: dt.date, days: int, reading: str | None = None) -> dt.date:
    """`days` days end of month after `date`, by the shop's reading unless one is given."""
    if _reading(reading) == MONTH_END_THEN_DAYS:
        return end_of_month(date) + dt.timedelta(days=days)
    return end_of_month(date + dt.timedelta(days=days))


def due_from_terms(terms: str, date: dt.date, reading: str | None = None) -> dt.date:
    """`receipt` → the date itself; `30d` → 30 days later; `45eom` → 45 days end of month
    (by default 45 days later, then the end of that month). `terms` is already validated
    (models.validation.terms)."""
    if terms.endswith("eom"):
        return days_end_of_month(date, int(terms[:-3]), reading)
    if terms.endswith("d"):
        return date + dt.timedelta(days=int(terms[:-1]))
    return date


def latest_lawful_due_date(date: dt.date, reading: str | None = None) -> dt.date:
    """The latest due date French law allows between businesses for an invoice of
    `date`: the later of 60 days and 45 days end of month (by the shop's reading)."""
    return max(date + dt.timedelta(days=CAP_DAYS), days_end_of_month(date, CAP_EOM_DAYS, reading))


def due_date_warning(
    date: dt.date,
    due: dt.date | None,
    customer_kind: str,
    seller_country: str,
    reading: str | None = None,
) -> str:
    """A warning when a French seller's invoice to a business falls due later than the
    law allows; "" otherwise (the due date is the operator's choice, not refused)."""
    if due is None or seller_country != "FR" or customer_kind != "company":
        return ""
    latest = latest_lawful_due_date(date, reading)
    if due <= latest:
        return ""
    return _(
        "French law caps terms between businesses at 60 days, or 45 days end of month: "
        "due by {latest} at the latest."
    ).format(latest=latest.isoformat())
