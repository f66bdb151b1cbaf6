"""When an invoice falls due, from its payment terms, and whether that respects the French
cap on B2B terms (Code de commerce L441-10): at most 60 days after the invoice date, or
45 days end of month when agreed.

"N days end of month" has two accepted readings: N days, then to the end of that month
(the usual one, used to compute due dates); or to the end of the month, then N days. The
cap check takes the stricter (earlier) of the two for 45 days end of month."""

from __future__ import annotations

import calendar
import datetime as dt

from models.i18n import _

CAP_DAYS = 60
CAP_EOM_DAYS = 45


def end_of_month(day: dt.date) -> dt.date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def due_from_terms(terms: str, date: dt.date) -> dt.date:
    """`receipt` → the date itself; `30d` → 30 days later; `45eom` → 45 days later, then
    the end of that month. `terms` is already validated (models.validation.terms)."""
    if terms.endswith("eom"):
        return end_of_month(date + dt.timedelta(days=int(terms[:-3])))
    if terms.endswith("d"):
        return date + dt.timedelta(days=int(terms[:-1]))
    return date


def latest_lawful_due_date(date: dt.date) -> dt.date:
    """The latest due date French law allows between businesses for an invoice of
    `date`: the later of 60 days and the stricter reading of 45 days end of month."""
    eom_after = end_of_month(date + dt.timedelta(days=CAP_EOM_DAYS))
    after_eom = end_of_month(date) + dt.timedelta(days=CAP_EOM_DAYS)
    return max(date + dt.timedelta(days=CAP_DAYS), min(eom_after, after_eom))


def due_date_warning(
    date: dt.date, due: dt.date | None, customer_kind: str, seller_country: str
) -> str:
    """A warning when a French seller's invoice to a business falls due later than the
    law allows; "" otherwise (the due date is the operator's choice, not refused)."""
    if due is None or seller_country != "FR" or customer_kind != "company":
        return ""
    latest = latest_lawful_due_date(date)
    if due <= latest:
        return ""
    return _(
        "French law caps terms between businesses at 60 days, or 45 days end of month: "
        "due by {latest} at the latest."
    ).format(latest=latest.isoformat())
