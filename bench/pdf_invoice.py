"""`pdf_invoice` and `pdf_invoice_batch`: printing issued invoices, with their payment QR
code, from a demo database.

- `pdf_invoice`: median / p95 of RUNS prints of one issued invoice (the one with the most
  lines among the first few, up to 12), from its record to the finished PDF: the printed
  view built (models.document_print) and laid out (exports.pdf), after a warm-up print;
- `pdf_invoice_batch`: BATCH invoices written to a folder by exports.pdf.batch with two
  worker processes, start-up of the workers included (`value` in seconds).

The demo may hold no issued invoice yet: then BATCH of them are made, in a copy of the
database, through models.invoices (create_invoice, issue_invoice), dated today, with 3 to
12 catalog lines each for customers billed in euros. The copy is kept in bench/out and
reused while the demo database it was made from is the same.
"""

from __future__ import annotations

import json
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.timing import summary

RUNS = 60
BATCH = 1000
PROCESSES = 2
SEED = 5
ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"


def run(db_path: Path, customers: int) -> list[dict[str, Any]]:
    from models.db import database
    from models.migrations import open_database

    prepared = invoice_database(db_path)
    open_database(str(prepared))
    try:
        ids = issued_invoice_ids(BATCH)
        figures = [print_one(ids[:50]), print_batch(ids, prepared)]
    finally:
        database.close()
    for figure in figures:
        figure["invoices"] = len(ids)
    return figures


def invoice_database(db_path: Path) -> Path:
    """`db_path` itself when it holds BATCH issued invoices, else its copy with them."""
    from models.db import database
    from models.migrations import open_database

    open_database(str(db_path))
    try:
        enough = len(issued_invoice_ids(BATCH)) >= BATCH
    finally:
        database.close()
    if enough:
        return db_path
    copy = OUT / f"{db_path.stem}-invoices{BATCH}.db"
    if copy.exists():
        return copy
    OUT.mkdir(parents=True, exist_ok=True)
    partial = copy.with_name(copy.name + ".partial")
    shutil.copyfile(db_path, partial)
    started = time.perf_counter()
    open_database(str(partial))
    try:
        made = make_invoices(BATCH - len(issued_invoice_ids(BATCH)))
        database.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        database.close()
    partial.rename(copy)
    seconds = round(time.perf_counter() - started, 1)
    print(f"pdf_invoice: {made} invoices issued in {seconds} s", file=sys.stderr)
    return copy


def issued_invoice_ids(limit: int) -> list[int]:
    from models.document_tables import Document

    query = (
        Document.select(Document.id)
        .where((Document.kind == "invoice") & (Document.status == "issued"))
        .order_by(Document.id)
        .limit(limit)
    )
    return [row.id for row in query]


def make_invoices(count: int) -> int:
    """`count` invoices issued today to customers billed in euros, round robin; returns
    how many were made (a customer the services refuse is skipped)."""
    from models.catalog import search_items
    from models.db import write_txn
    from models.document_records import DocumentInput, LineInput
    from models.errors import ComptoirError
    from models.invoices import create_invoice, issue_invoice
    from models.tables import Customer

    rng = random.Random(SEED)
    items = [item.code for item in search_items(limit=500)]
    buyers = [
        row.number
        for row in Customer.select(Customer.number)
        .where((Customer.currency == "EUR") & (Customer.status != "inactive"))
        .order_by(Customer.number)
        .limit(count)
    ]
    made = 0
    with write_txn():
        for index in range(count * 2):
            if made == count or not buyers:
                break
            lines = tuple(
                LineInput(item=rng.choice(items), quantity=str(rng.randint(1, 5)))
                for _ in range(rng.randint(3, 12))
            )
            data = DocumentInput(buyers[index % len(buyers)], lines=lines)
            try:
                issue_invoice(create_invoice(data, "bench").id, "bench")
            except ComptoirError:
                continue
            made += 1
    return made


def print_one(candidates: list[int]) -> dict[str, Any]:
    from exports.pdf.document import render_document
    from models.document_print import document_view
    from models.documents import get_document
    from models.settings import load_settings

    settings = load_settings()
    records = [get_document(document_id) for document_id in candidates]
    payable = [r for r in records if r.currency == "EUR" and r.open_amount > 0] or records
    record = max(payable, key=lambda r: (min(len(r.lines), 12), -r.id))
    view = document_view(record, settings)
    render_document(view)
    samples = []
    for _ in range(RUNS):
        started = time.perf_counter_ns()
        render_document(document_view(record, settings))
        samples.append((time.perf_counter_ns() - started) / 1e6)
    figure = summary("pdf_invoice", samples)
    figure.update(lines=len(record.lines), qr_code=view.payment is not None
                  and view.payment.qr is not None)  # fmt: skip
    return figure


def print_batch(ids: list[int], db_path: Path) -> dict[str, Any]:
    from exports.pdf.batch import write_documents

    with tempfile.TemporaryDirectory(prefix="comptoir-bench-") as folder:
        started = time.perf_counter()
        written = write_documents(ids, Path(folder) / "pdf", str(db_path), processes=PROCESSES)
        seconds = time.perf_counter() - started
    return {
        "bench": "pdf_invoice_batch",
        "value": round(seconds, 2),
        "unit": "s",
        "documents": len(written),
        "processes": PROCESSES,
        "ms_per_document": round(seconds * 1000 / max(1, len(written)), 1),
    }


if __name__ == "__main__":
    from bench.__main__ import demo_database

    source = Path(sys.argv[1]) if len(sys.argv) > 1 else demo_database(2000, 2000)
    for result in run(source, 0):
        print(json.dumps(result, ensure_ascii=False))
