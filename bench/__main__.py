"""`python -m bench`: builds (or reuses) a demo database at BENCH_CUSTOMERS customers and
prints one JSON object per line for every figure the benchmark modules return.

A benchmark module is any module in `MODULES` that exists and has
`run(db_path: Path, customers: int) -> list[dict]`; each dict holds at least `bench`, and
either `runs`/`median_ms`/`p95_ms` or a single `value`. `customers` and `invoices` are
filled in here when a module leaves them out.

The demo has one invoice per customer unless a module asks for more with a module-level
`INVOICES_PER_CUSTOMER` (bench.balances: 10, so a million invoices at the default 100,000
customers); `BENCH_INVOICES` sets the invoices of every module. Each scale's database is
made once and cached.
"""

from __future__ import annotations

import hashlib
import importlib
import importlib.util
import json
import os
import sys
import time
from pathlib import Path
from typing import Any, Protocol, cast

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
# A cached database is reused only while the code that made it is unchanged.
MADE_BY = ("models/demo.py", "models/demo_data.py", "models/search_index.py",
           "models/search_text.py", "models/migrations.py", "models/duplicate_keys.py",
           "models/name_keys.py", "models/demo_sales.py", "models/demo_catalog_data.py",
           "models/demo_contracts.py", "models/demo_quotes.py", "models/demo_quote_rows.py",
           "models/demo_invoices.py", "models/demo_invoice_plans.py",
           "models/demo_invoice_rows.py", "models/demo_credit_notes.py",
           "models/demo_payments.py", "models/demo_payment_rows.py",
           "models/pricing.py", "models/totals.py", "models/hash_chain.py",
           "models/issuing.py", "models/due_dates.py", "models/payment_reference.py")  # fmt: skip
MODULES = ("bench.customer_search", "bench.duplicate_check", "bench.tui_figures",
           "bench.pdf_document", "bench.pdf_invoice", "bench.issue_invoices",
           "bench.balances")  # fmt: skip
SEED = 1


class BenchModule(Protocol):
    def run(self, db_path: Path, customers: int) -> list[dict[str, Any]]: ...


def demo_database(customers: int, invoices: int, seed: int = SEED) -> Path:
    """The cached demo database for this scale, seed and generator, built on first use.
    Built under a temporary name and renamed at the end, so an interrupted build is never
    reused."""
    digest = hashlib.sha256(b"".join((ROOT / name).read_bytes() for name in MADE_BY))
    path = OUT / f"demo-{customers}-{invoices}inv-seed{seed}-{digest.hexdigest()[:10]}.db"
    if path.exists():
        return path
    from models.db import database
    from models.demo import generate_demo
    from models.migrations import open_database

    OUT.mkdir(parents=True, exist_ok=True)
    # Databases made by an older generator at this scale and seed are of no more use; those
    # of another number of invoices still are (another module reads them).
    for leftover in OUT.glob(f"demo-{customers}-{invoices}inv-seed{seed}-*"):
        leftover.unlink()
    partial = path.with_name(path.name + ".partial")
    started = time.perf_counter()
    db = open_database(str(partial))

    def report(done: int, total: int) -> None:
        print(f"\rdemo database: {done}/{total} customers", end="", file=sys.stderr)

    generate_demo(customers, seed=seed, progress=report, invoices=invoices)
    seconds = time.perf_counter() - started
    print(file=sys.stderr)
    db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    database.close()
    partial.rename(path)
    emit({"bench": "demo_generate", "customers": customers, "invoices": invoices,
          "value": round(seconds, 2), "unit": "s"})  # fmt: skip
    return path


def emit(figure: dict[str, Any]) -> None:
    print(json.dumps(figure, ensure_ascii=False), flush=True)


def available_modules() -> list[BenchModule]:
    found = []
    for name in MODULES:
        if importlib.util.find_spec(name) is not None:
            found.append(cast(BenchModule, importlib.import_module(name)))
    return found


def invoices_for(module: BenchModule, customers: int) -> int:
    """BENCH_INVOICES, else the module's INVOICES_PER_CUSTOMER, else one invoice per
    customer as `comptoir demo` makes by default."""
    if "BENCH_INVOICES" in os.environ:
        return int(os.environ["BENCH_INVOICES"])
    return customers * int(getattr(module, "INVOICES_PER_CUSTOMER", 1))


def main() -> int:
    customers = int(os.environ.get("BENCH_CUSTOMERS", "100000"))
    for module in available_modules():
        invoices = invoices_for(module, customers)
        db_path = demo_database(customers, invoices)
        for figure in module.run(db_path, customers):
            emit({"bench": figure["bench"], "customers": customers, "invoices": invoices,
                  **figure})  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
