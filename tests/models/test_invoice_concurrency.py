"""Eight operators (processes, not threads) issuing invoices at the same moment on one
database file: every invoice gets a number, no two the same, and the series has no gap."""

from __future__ import annotations

import multiprocessing
from pathlib import Path

import pytest
from peewee import Database

from models.document_tables import Document
from models.verification import verify
from tests.models.sales_fixtures import add_customer, line, make_invoice, open_shop

PROCESSES = 8
INVOICES_PER_PROCESS = 6


def _operator(db_path: str, drafts: list[int], results: multiprocessing.Queue) -> None:  # type: ignore[type-arg]
    from models.invoices import issue_invoice
    from models.migrations import open_database

    open_database(db_path)
    try:
        numbers = [issue_invoice(draft, f"op{drafts[0]}").number for draft in drafts]
        results.put(("ok", numbers))
    except Exception as exc:  # reported to the parent, which fails the test with it
        results.put(("error", repr(exc)))


def test_concurrent_issuing_numbers_one_to_n_without_gap_or_repeat(
    db: Database, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    open_shop(monkeypatch)
    customer = add_customer("Boulangerie Martin", status="customer")
    drafts = [
        make_invoice(customer, line(description=f"Livraison {n}", unit_price="10")).id
        for n in range(PROCESSES * INVOICES_PER_PROCESS)
    ]
    context = multiprocessing.get_context("spawn")
    results = context.Queue()
    workers = [
        context.Process(
            target=_operator,
            args=(str(db_path), drafts[w::PROCESSES], results),
        )
        for w in range(PROCESSES)
    ]
    for process in workers:
        process.start()
    outcomes = [results.get(timeout=180) for _ in workers]
    for process in workers:
        process.join(timeout=30)

    assert [o for o in outcomes if o[0] != "ok"] == []
    handed_out = sorted(number for _ok, numbers in outcomes for number in numbers)
    total = PROCESSES * INVOICES_PER_PROCESS
    assert handed_out == [f"F-2026-{n:05}" for n in range(1, total + 1)]
    stored = sorted(d.number for d in Document.select().where(Document.kind == "invoice"))
    assert stored == handed_out
    assert verify().ok and verify().documents == total
