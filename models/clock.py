"""The time services stamp records with and the day documents are dated by default: one
place, so tests (and snapshots) freeze both."""

from __future__ import annotations

import datetime as dt


def utc_now() -> dt.datetime:
    """Naive UTC, as every timestamp is stored."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def today() -> dt.date:
    """The local calendar day: a quote made at 00:30 in Paris is dated that day."""
    return dt.date.today()
