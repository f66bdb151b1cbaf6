"""Two operators (processes, not threads) spending the same money or paying the same
invoice at the same moment, each from what their screen showed before the other acted:
one of them lands, the other is told why it cannot (a ConflictError naming the invoice),
and nothing is ever allocated twice — every invoice's open amount stays at or above
nothing, no payment gives more than it holds, and `verify` finds the ledger sound.

Both processes wait at a barrier, then call the service. Each holds its write
transaction a while between reading the open amounts and writing the allocation: were the
lock taken only at the first write, both would read the same open amounts and both would
write."""

from __future__ import annotations

import multiprocessing
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from peewee import Database

from models.documents import get_document
from models.payment_records import find_payment
from models.payments import PaymentInput, record_payment
from models.verification import verify
from tests.models.sales_fixtures import (
    OPERATOR,
    TODAY,
    add_customer,
    issued_invoice,
    line,
    open_shop,
)

# A function of models.payments by name, its arguments before the operator, and after.
Call = tuple[str, tuple[Any, ...], dict[str, Any]]
# Long enough that the other process is surely waiting for the lock meanwhile.
HOLD_S = 0.4


def _operator(
    db_path: str,
    who: str,
    call: Call,
    start: Any,
    results: Any,
) -> None:
    """Opens the database, waits for the other operator, then runs `call` and reports
    what came of it."""
    import time

    from models import clock
    from models import payments as service
    from models.errors import ConflictError
    from models.migrations import open_database

    clock.today = lambda: TODAY  # the parent's frozen calendar does not cross processes
    allocate = service.allocate

    def slow_allocate(*args: Any, **kwargs: Any) -> Any:
        time.sleep(HOLD_S)  # read done, write not yet: the window a race would use
        return allocate(*args, **kwargs)

    service.allocate = slow_allocate  # type: ignore[assignment]
    open_database(db_path)
    name, args, kwargs = call
    start.wait(timeout=60)
    try:
        result = getattr(service, name)(*args, OPERATOR + who, **kwargs)
        results.put((who, "ok", getattr(result, "reference_text", result)))
    except ConflictError as exc:
        results.put((who, "conflict", str(exc)))
    except Exception as exc:  # reported to the parent, which fails the test with it
        results.put((who, "error", repr(exc)))


def at_once(db_path: Path, calls: dict[str, Call]) -> dict[str, tuple[str, Any]]:
    """Runs each operator's call in a process of its own, all released together; returns
    {operator: (outcome, result or message)}."""
    context = multiprocessing.get_context("spawn")
    start, results = context.Barrier(len(calls)), context.Queue()
    workers = [
        context.Process(target=_operator, args=(str(db_path), who, call, start, results))
        for who, call in calls.items()
    ]
    for process in workers:
        process.start()
    outcomes = [results.get(timeout=120) for _ in workers]
    for process in workers:
        process.join(timeout=30)
    return {who: (outcome, value) for who, outcome, value in outcomes}


def winner_and_loser(outcomes: dict[str, tuple[str, Any]]) -> tuple[str, str]:
    """The operator whose call landed and the one refused with a conflict."""
    assert sorted(outcome for outcome, _value in outcomes.values()) == ["conflict", "ok"], outcomes
    won = next(who for who, (outcome, _v) in outcomes.items() if outcome == "ok")
    lost = next(who for who in outcomes if who != won)
    return won, lost


def assert_never_over_allocated(invoices: Sequence[int], payments: Sequence[str]) -> None:
    for document_id in invoices:
        assert get_document(document_id).open_amount >= 0
    for reference in payments:
        paid = find_payment(reference)
        assert 0 <= paid.allocated <= paid.amount
    assert verify().ok, verify().problems


@pytest.fixture
def shop(db: Database, monkeypatch: pytest.MonkeyPatch) -> str:
    open_shop(monkeypatch)
    return add_customer("Boulangerie Martin", status="customer")


def invoice(customer: str) -> Any:
    """An issued invoice of 120.00 (100 + 20 % VAT)."""
    return issued_invoice(customer, line(description="Livraison", unit_price="100", vat_rate="20"))


def test_spending_the_same_credit_on_two_invoices_spends_it_once(shop: str, db_path: Path) -> None:
    """100.00 of credit; each operator applies 80.00 of it to a different invoice."""
    first, second = invoice(shop), invoice(shop)
    credit = record_payment(PaymentInput(shop, "100", allocations=[]), OPERATOR)
    assert credit.unallocated == 10000
    source = [credit.reference_text]
    outcomes = at_once(db_path, {
        "a": ("apply_credit", (first.number,), {"amount": "80", "sources": source}),
        "b": ("apply_credit", (second.number,), {"amount": "80", "sources": source}),
    })  # fmt: skip

    won, lost = winner_and_loser(outcomes)
    assert outcomes[won][1] == 8000
    refused = outcomes[lost][1]
    assert (second if lost == "b" else first).number in refused
    assert credit.reference_text in refused and "20.00" in refused
    assert find_payment(credit.reference_text).unallocated == 2000
    open_amounts = sorted(get_document(d.id).open_amount for d in (first, second))
    assert open_amounts == [4000, 12000]  # the loser's invoice untouched
    assert_never_over_allocated([first.id, second.id], [credit.reference_text])


def test_spending_all_of_a_used_up_credit_is_refused(shop: str, db_path: Path) -> None:
    """Each operator sets the whole credit (100.00) against its own invoice."""
    first, second = invoice(shop), invoice(shop)
    credit = record_payment(PaymentInput(shop, "100", allocations=[]), OPERATOR)
    source = [credit.reference_text]
    outcomes = at_once(db_path, {
        "a": ("apply_credit", (first.number,), {"sources": source}),
        "b": ("apply_credit", (second.number,), {"sources": source}),
    })  # fmt: skip

    won, lost = winner_and_loser(outcomes)
    assert outcomes[won][1] == 10000
    refused = outcomes[lost][1]
    assert (second if lost == "b" else first).number in refused
    assert credit.reference_text in refused
    assert find_payment(credit.reference_text).unallocated == 0
    assert_never_over_allocated([first.id, second.id], [credit.reference_text])


def test_moving_the_same_allocation_twice_moves_it_once(shop: str, db_path: Path) -> None:
    """A payment of 100.00 set against the wrong invoice; each operator moves all of it
    onto a different one."""
    wrong, right, other = invoice(shop), invoice(shop), invoice(shop)
    paid = record_payment(PaymentInput(shop, "100", allocations=[(wrong.number, "")]), OPERATOR)
    reference = paid.reference_text
    outcomes = at_once(db_path, {
        "a": ("move_allocation", (reference, wrong.number, right.number), {}),
        "b": ("move_allocation", (reference, wrong.number, other.number), {}),
    })  # fmt: skip

    _won, lost = winner_and_loser(outcomes)
    assert wrong.number in outcomes[lost][1]  # nothing of it left there to move
    assert get_document(wrong.id).open_amount == 12000
    assert sorted(get_document(d.id).open_amount for d in (right, other)) == [2000, 12000]
    assert find_payment(reference).allocated == 10000
    assert_never_over_allocated([wrong.id, right.id, other.id], [reference])


def test_two_payments_of_the_same_invoice_by_hand_record_one(shop: str, db_path: Path) -> None:
    """Both operators receive 120.00 and set all of it against the same invoice."""
    billed = invoice(shop)
    by_hand = {"allocations": [(billed.number, "120")]}
    outcomes = at_once(db_path, {
        "a": ("record_payment", (PaymentInput(shop, "120", **by_hand),), {}),  # type: ignore[arg-type]
        "b": ("record_payment", (PaymentInput(shop, "120", **by_hand),), {}),  # type: ignore[arg-type]
    })  # fmt: skip

    won, lost = winner_and_loser(outcomes)
    assert billed.number in outcomes[lost][1] and "already paid" in outcomes[lost][1]
    assert get_document(billed.id).open_amount == 0
    assert find_payment(outcomes[won][1]).allocated == 12000
    with pytest.raises(Exception, match="No payment"):
        find_payment("#2")  # the refused payment wrote nothing
    assert_never_over_allocated([billed.id], [outcomes[won][1]])


def test_marking_the_same_invoice_paid_twice_pays_it_once(shop: str, db_path: Path) -> None:
    billed = invoice(shop)
    outcomes = at_once(db_path, {
        "a": ("mark_paid", (billed.number,), {}),
        "b": ("mark_paid", (billed.number,), {}),
    })  # fmt: skip

    won, lost = winner_and_loser(outcomes)
    assert outcomes[lost][1] == f"{billed.number} is already paid."
    assert get_document(billed.id).open_amount == 0
    assert find_payment(outcomes[won][1]).amount == 12000
    assert_never_over_allocated([billed.id], [outcomes[won][1]])
