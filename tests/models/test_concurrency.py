"""Several operators (processes, not threads) editing the same customers at once: every
edit lands or is refused as a conflict and retried; none is lost, and no one ever sees
"database is locked"."""

from __future__ import annotations

import dataclasses
import multiprocessing
from pathlib import Path

from peewee import Database

from models.customer_records import CustomerInput
from models.customers import create_customer, customer_history, get_customer

PROCESSES = 8
EDITS_PER_PROCESS = 20
CUSTOMERS = ("C000001", "C000002", "C000003")


def _operator(db_path: str, worker: int, results: multiprocessing.Queue) -> None:  # type: ignore[type-arg]
    from models.customers import get_customer, input_from_record, update_customer
    from models.errors import ConflictError
    from models.migrations import open_database

    open_database(db_path)
    conflicts = 0
    try:
        for edit in range(EDITS_PER_PROCESS):
            number = CUSTOMERS[(worker + edit) % len(CUSTOMERS)]
            token = f"w{worker}e{edit}"
            while True:
                record = get_customer(number)
                data = dataclasses.replace(
                    input_from_record(record), notes=f"{record.notes} {token}".strip()
                )
                try:
                    update_customer(number, data, record.version, f"op{worker}")
                    break
                except ConflictError:
                    conflicts += 1
        results.put(("ok", worker, conflicts))
    except Exception as exc:  # reported to the parent, which fails the test with it
        results.put(("error", worker, repr(exc)))


def test_no_lost_update_and_no_lock_error(db: Database, db_path: Path) -> None:
    for number in CUSTOMERS:
        created = create_customer(CustomerInput(name=f"Client {number}"), "setup")
        assert created.number == number

    context = multiprocessing.get_context("spawn")
    results = context.Queue()
    workers = [
        context.Process(target=_operator, args=(str(db_path), worker, results))
        for worker in range(PROCESSES)
    ]
    for process in workers:
        process.start()
    outcomes = [results.get(timeout=120) for _ in workers]
    for process in workers:
        process.join(timeout=30)

    assert [o for o in outcomes if o[0] != "ok"] == []
    tokens = set()
    for number in CUSTOMERS:
        record = get_customer(number)
        tokens.update(record.notes.split())
        edits = [e for e in customer_history(number) if e.kind == "edited"]
        assert record.version == 1 + len(edits)
    expected = {f"w{w}e{e}" for w in range(PROCESSES) for e in range(EDITS_PER_PROCESS)}
    assert tokens == expected
