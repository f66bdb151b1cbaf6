"""Document number series. Each series counts in a Counter row incremented inside the
caller's `write_txn()`, so two operators never get the same number and a rolled-back
transaction gives its number back: the series stays gap-free. A pattern with `{year}`
restarts at 1 each year (a continuous sequence per year, as French law allows)."""

from __future__ import annotations

import datetime as dt

from models.db import in_write_txn
from models.tables import Counter


def next_number(series: str, pattern: str, on: dt.date) -> str:
    """The next number of `series` for a document dated `on`, formatted by `pattern`
    (e.g. `D-{year}-{seq:05}` → `D-2026-00042`). Must run inside `write_txn()`."""
    if not in_write_txn():
        raise RuntimeError("next_number must run inside write_txn()")
    name = f"{series}:{on.year}" if "{year" in pattern else series
    Counter.insert(name=name, value=0).on_conflict_ignore().execute()
    Counter.update(value=Counter.value + 1).where(Counter.name == name).execute()
    value = Counter.get_by_id(name).value
    return pattern.format(year=on.year, seq=value)
