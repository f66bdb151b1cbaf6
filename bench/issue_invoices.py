"""`issue_invoices`: issuing invoices one after another, as operators do all day, on top of
the demo's history (its invoices, credit notes and hash chain).

On a copy of the demo database (issuing writes; the cached one must stay as it was),
RUNS drafts of one to five catalog lines are made for random customers billed in euros
(not timed), then each is issued with models.invoices.issue_invoice and timed: the write
lock, the chronology check, the next number, the snapshots, the hash of the new link.
Figures: `issue_invoices` (median / p95 of one issue) and `issue_invoices_total` (the
seconds the RUNS issues took together).
"""

from __future__ import annotations

import json
import random
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.timing import summary

RUNS = 1000
SEED = 13
OPERATOR = "bench"


def run(db_path: Path, customers: int) -> list[dict[str, Any]]:
    from models.backup import backup_database
    from models.db import database
    from models.invoices import issue_invoice
    from models.migrations import open_database

    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / "issue.db"
        open_database(str(db_path))
        try:
            backup_database(copy)
        finally:
            database.close()
        open_database(str(copy))
        try:
            drafts = _drafts(RUNS, SEED)
            samples = []
            started = time.perf_counter()
            for draft in drafts:
                began = time.perf_counter_ns()
                issue_invoice(draft, OPERATOR)
                samples.append((time.perf_counter_ns() - began) / 1e6)
            total = time.perf_counter() - started
        finally:
            database.close()
    return [
        summary("issue_invoices", samples),
        {"bench": "issue_invoices_total", "value": round(total, 2), "unit": "s"},
    ]


def _drafts(count: int, seed: int) -> list[int]:
    """Ids of `count` invoice drafts dated today, for customers drawn at random."""
    from models.catalog_tables import Item
    from models.document_records import DocumentInput, LineInput
    from models.invoices import create_invoice
    from models.tables import Customer

    rng = random.Random(seed)
    buyers = [number for (number,) in Customer.select(Customer.number).where(
        (Customer.status == "customer") & (Customer.currency == "EUR")).tuples()]  # fmt: skip
    items = [code for (code,) in Item.select(Item.code).where(Item.active).tuples()]
    drafts = []
    for number in rng.choices(buyers, k=count):
        lines = tuple(
            LineInput(item=code, quantity=str(rng.randint(1, 12)))
            for code in rng.sample(items, rng.randint(1, 5))
        )
        drafts.append(create_invoice(DocumentInput(number, lines=lines), OPERATOR).id)
    return drafts


if __name__ == "__main__":
    for figure in run(Path(sys.argv[1]), 0):
        print(json.dumps(figure, ensure_ascii=False))
