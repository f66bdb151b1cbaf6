"""`balances`: what every customer owes, at the size of a shop a few years on: 100,000
customers and 1,000,000 invoices (INVOICES_PER_CUSTOMER, which bench.__main__ reads;
BENCH_INVOICES still overrides it), with the demo's credit notes, payments, refunds and
reversals.

Read only, on the cached demo database. Figures:
- `balances`: models.balances.all_balances(), every customer's balance as of now;
- `balances_past_date`: all_balances(as_of) half a year before the demo's last day, so
  that entries and allocations after it are left out;
- `customer_account`: models.customer_account.customer_account() over the whole history
  of the customer with the most entries (invoices, credit notes, payments), allocations
  included, as the Transactions tab and the statement read it; `entries` says how many.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench.timing import summary

INVOICES_PER_CUSTOMER = 10
RUNS = 7
ACCOUNT_RUNS = 30
PAST = dt.timedelta(days=182)


def run(db_path: Path, customers: int) -> list[dict[str, Any]]:
    from models.balances import all_balances
    from models.customer_account import customer_account
    from models.db import database
    from models.migrations import open_database

    open_database(str(db_path))
    try:
        row = database.execute_sql('SELECT MAX("date") FROM "document"').fetchone()
        as_of = dt.date.fromisoformat(row[0]) - PAST
        now = _timed(lambda: all_balances(), RUNS)
        past = _timed(lambda: all_balances(as_of), RUNS)
        number, entries = _busiest_customer()
        account = _timed(lambda: customer_account(number), ACCOUNT_RUNS)
    finally:
        database.close()
    return [
        summary("balances", now),
        summary("balances_past_date", past),
        {**summary("customer_account", account), "entries": entries},
    ]


def _timed(call: Callable[[], object], runs: int) -> list[float]:
    samples = []
    for _ in range(runs):
        began = time.perf_counter_ns()
        call()
        samples.append((time.perf_counter_ns() - began) / 1e6)
    return samples


def _busiest_customer() -> tuple[str, int]:
    """The number of the customer with the most issued documents and payments, and how
    many it has."""
    from models.db import database

    row = database.execute_sql(
        'SELECT c."number", n.entries FROM "customer" c JOIN ('
        " SELECT customer_id, COUNT(*) AS entries FROM ("
        '  SELECT customer_id FROM "document" WHERE "status" = \'issued\''
        '  UNION ALL SELECT customer_id FROM "payment")'
        " GROUP BY customer_id ORDER BY entries DESC, customer_id LIMIT 1"
        ') n ON n.customer_id = c."id"'
    ).fetchone()
    return str(row[0]), int(row[1])


if __name__ == "__main__":
    for figure in run(Path(sys.argv[1]), 0):
        print(json.dumps(figure, ensure_ascii=False))
