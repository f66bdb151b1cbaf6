"""Random sequences of everything an operator does to a ledger — invoices, credit notes,
payments (spread or allocated by hand, short or over), mark paid, reversals, refunds,
credit applied, allocations moved, days passing, dates typed in the past — over a small
shop: two customers in euros and one in dollars. After every step the ledger, read from
its raw rows by an independent reckoning, must add up on every day seen: no invoice or
credit used beyond its amount or below nothing, each balance the open debits less the
open credits, no issued total changed, `verify()` clean; a refused operation leaves no
row behind. At the end the services (balances, ledger entries, the customer's account)
must agree with that reckoning on those days."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st

from models import clock
from models.balances import customer_balances
from models.credit_notes import credit_invoice
from models.customer_account import customer_account
from models.db import database
from models.errors import ConflictError, NotFound, ValidationError
from models.exchange_rates import set_rate
from models.invoices import issue_invoice
from models.ledger import credits, debits
from models.migrations import open_database
from models.payments import (
    PaymentInput,
    apply_credit,
    mark_paid,
    move_allocation,
    record_payment,
    refund,
    reverse_payment,
)
from models.verification import verify
from tests.models.sales_fixtures import OPERATOR, add_customer, line, make_invoice, open_shop

NUMBERS = ("C000001", "C000002", "C000003")
CURRENCY = {"C000001": "EUR", "C000002": "EUR", "C000003": "USD"}
START = dt.date(2026, 3, 14)
DOMAIN_ERRORS = (ValidationError, ConflictError, NotFound)
# A few dozen short sequences in the suite; `make invariants` (run by CI after it) plays
# thousands of longer ones.
EXAMPLES = int(os.environ.get("COMPTOIR_LEDGER_EXAMPLES", "60"))
LONGEST = int(os.environ.get("COMPTOIR_LEDGER_STEPS", "5"))


def _issue(customer: str, lines: list[tuple[int, int, str]], currency: str = "") -> None:
    typed = [line(description="Article", quantity=str(q), unit_price=_text(p), vat_rate=rate)
             for q, p, rate in lines]  # fmt: skip
    draft = make_invoice(customer, *typed, **({"currency": currency} if currency else {}))
    issue_invoice(draft.id, OPERATOR)


@pytest.fixture(scope="module")
def template(empty_database: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The shop every sequence starts from, made once: invoices issued on three days
    (issuing is the slowest operation, so most sequences build on these)."""
    path = tmp_path_factory.mktemp("ledger") / "template.db"
    shutil.copyfile(empty_database, path)
    open_database(str(path))
    with pytest.MonkeyPatch.context() as patch:
        open_shop(patch, dt.date(2026, 1, 5))
        for number in NUMBERS:
            add_customer(f"Client {number}", status="customer", currency=CURRENCY[number])
        set_rate("USD", "2026-01-01", "0.9", OPERATOR)
        _issue("C000001", [(2, 5000, "20")])
        _issue("C000002", [(1, 12345, "5.5")])
        patch.setattr(clock, "today", lambda: dt.date(2026, 2, 1))
        _issue("C000001", [(3, 1999, "10"), (1, 800, "20")])
        _issue("C000003", [(1, 30000, "20")])
        _issue("C000001", [(1, 10000, "20")], currency="USD")
        patch.setattr(clock, "today", lambda: dt.date(2026, 3, 1))
        _issue("C000001", [(1, 4200, "20")])
        _issue("C000002", [(4, 2500, "20")])
    database.close()
    yield path


def _text(cents: int) -> str:
    return f"{cents // 100}.{cents % 100:02d}"


@dataclass(frozen=True)
class Entry:
    customer: int
    currency: str
    total: int
    date: str
    is_debit: bool
    reference: str


@dataclass
class Ledger:
    """The raw rows read back, and the sums on any day worked out from them alone."""

    entries: dict[tuple[str, int], Entry]
    allocations: list[tuple[tuple[str, int], tuple[str, int], int, str]]
    customers: dict[int, tuple[str, str]]  # id -> (number, currency)
    fingerprints: dict[int, tuple[Any, ...]]

    def allocated(self, day: str) -> dict[tuple[str, int], int]:
        found: dict[tuple[str, int], int] = {}
        for debit, credit, amount, when in self.allocations:
            if when <= day:
                found[debit] = found.get(debit, 0) + amount
                found[credit] = found.get(credit, 0) + amount
        return found

    def open_on(self, day: str) -> dict[tuple[str, int], int]:
        allocated = self.allocated(day)
        return {key: e.total - allocated.get(key, 0) for key, e in self.entries.items()
                if e.date <= day}  # fmt: skip

    def balances_on(self, day: str) -> dict[str, int]:
        """Each customer's open debits less its open credits, in its own currency."""
        owed = {number: 0 for number, _c in self.customers.values()}
        for key, open_amount in self.open_on(day).items():
            entry = self.entries[key]
            number, currency = self.customers[entry.customer]
            if entry.currency == currency:
                owed[number] += open_amount if entry.is_debit else -open_amount
        return owed


def _read() -> Ledger:
    sql: Callable[[str], list[tuple[Any, ...]]] = lambda q: database.execute_sql(q).fetchall()  # noqa: E731
    entries: dict[tuple[str, int], Entry] = {}
    fingerprints = {}
    for ident, kind, customer, currency, total, day, number, *rest in sql(
        "SELECT id, kind, customer_id, currency, total, date, number, total_excl, total_tax, hash"
        " FROM document WHERE status = 'issued' AND kind IN ('invoice', 'credit_note')"
    ):
        entries[("d", ident)] = Entry(customer, currency, total, day, kind == "invoice", number)
        fingerprints[ident] = (kind, total, day, number, *rest)
    for ident, customer, direction, currency, amount, day in sql(
        "SELECT id, customer_id, direction, currency, amount, date FROM payment"
    ):
        entries[("p", ident)] = Entry(customer, currency, amount, day, direction == "out",
                                      f"#{ident}")  # fmt: skip
    allocations = [
        (("d", invoice) if invoice else ("p", paid_out), ("d", note) if note else ("p", paid_in),
         amount, day)
        for invoice, paid_out, note, paid_in, amount, day in sql(
            "SELECT invoice_id, refund_id, credit_note_id, payment_id, amount, date FROM allocation"
        )
    ]  # fmt: skip
    customers = {i: (n, c) for i, n, c in sql("SELECT id, number, currency FROM customer")}
    return Ledger(entries, allocations, customers, fingerprints)


def _row_counts() -> tuple[int, ...]:
    return tuple(database.execute_sql(
        "SELECT (SELECT COUNT(*) FROM payment), (SELECT COUNT(*) FROM allocation),"
        " (SELECT COUNT(*) FROM document), (SELECT COUNT(*) FROM customer_event)"
    ).fetchone())  # fmt: skip


@dataclass
class Sequence:
    """One random sequence played on a fresh copy of the template."""

    today: dt.date = START
    days: set[str] = field(
        default_factory=lambda: {"2026-01-05", "2026-02-01", "2026-03-01", START.isoformat()}
    )
    touched: set[str] = field(default_factory=set)
    issued: dict[int, tuple[Any, ...]] = field(default_factory=dict)
    ledger: Ledger | None = None

    def date(self, back: int) -> str:
        if not back:
            return ""
        day = (self.today - dt.timedelta(days=back)).isoformat()
        self.days.add(day)
        return day

    def check(self) -> None:
        ledger = self.ledger = _read()
        for ident, fingerprint in self.issued.items():
            assert ledger.fingerprints.get(ident) == fingerprint, "an issued document changed"
        self.issued.update(ledger.fingerprints)
        entries = ledger.entries
        for debit, credit, _amount, when in ledger.allocations:
            assert entries[debit].is_debit and not entries[credit].is_debit
            assert (entries[debit].customer, entries[debit].currency) == (
                entries[credit].customer, entries[credit].currency)  # fmt: skip
            assert when >= max(entries[debit].date, entries[credit].date)
        for day in sorted(self.days):
            for key, open_amount in ledger.open_on(day).items():
                assert 0 <= open_amount <= entries[key].total, (day, entries[key], open_amount)
            signed = {number: 0 for number in NUMBERS}
            for entry in entries.values():
                number, currency = ledger.customers[entry.customer]
                if entry.date <= day and entry.currency == currency:
                    signed[number] += entry.total if entry.is_debit else -entry.total
            assert ledger.balances_on(day) == signed, day
        report = verify()
        assert report.ok, report.problems
        today = self.today.isoformat()
        assert customer_balances(list(NUMBERS)) == _decimals(ledger.balances_on(today))

    def check_services(self) -> None:
        """The services' own figures against the reckoning from the rows."""
        ledger = self.ledger or _read()
        days = sorted(self.days)
        for day in days:
            expected = _decimals(ledger.balances_on(day))
            assert customer_balances(list(NUMBERS), dt.date.fromisoformat(day)) == expected, day
        for number in sorted(self.touched):
            customer_id = next(i for i, (n, _c) in ledger.customers.items() if n == number)
            opened = ledger.open_on(self.today.isoformat())
            for entry in debits(customer_id) + credits(customer_id):
                assert entry.open_amount == opened[("d" if entry.is_document else "p", entry.id)]
            first, last = dt.date.fromisoformat(days[1]), self.today
            account = customer_account(number, first, last)
            balances = ledger.balances_on
            assert account.opening == balances((first - dt.timedelta(days=1)).isoformat())[number]
            assert account.closing == balances(last.isoformat())[number]
            running = account.opening
            for row in account.lines:
                running += row.debit - row.credit
                assert row.balance == running
            assert running == account.closing
            items = {(i.reference, i.open_amount) for i in account.open_items}
            currency = CURRENCY[number]
            assert items == {
                (e.reference, opened[key]) for key, e in ledger.entries.items()
                if e.is_debit and opened.get(key, 0) > 0 and e.currency == currency
                and ledger.customers[e.customer][0] == number
            }  # fmt: skip


def _decimals(owed: dict[str, int]) -> dict[str, Decimal]:
    return {number: Decimal(minor).scaleb(-2) for number, minor in owed.items()}


# What an operation names is drawn as an index into what exists when it runs, and its
# amount either as cents or relative to what is open there ("open" exactly, a cent
# over, half), so that exact settlements and near misses come up often.
PICK = st.integers(0, 99)
AMOUNT = st.integers(1, 40000) | st.sampled_from(["open", "open+1", "half"])
BACK = st.sampled_from([0, 0, 0, 1, 3, 10, 40])
CUSTOMER = st.sampled_from(NUMBERS)
OPERATIONS = st.one_of(
    st.tuples(st.just("advance"), st.integers(1, 45)),
    st.tuples(
        st.just("invoice"),
        CUSTOMER,
        st.lists(
            st.tuples(
                st.integers(1, 4), st.integers(1, 20000), st.sampled_from(["20", "10", "5.5"])
            ),
            min_size=1,
            max_size=2,
        ),
        st.booleans(),
    ),  # fmt: skip
    st.tuples(st.just("credit"), PICK, st.none() | AMOUNT, BACK),
    *[
        st.tuples(
            st.just("pay"),
            CUSTOMER,
            AMOUNT,
            st.booleans(),
            st.none() | st.lists(st.tuples(PICK, st.none() | AMOUNT), min_size=1, max_size=3),
            BACK,
        )
    ]
    * 3,  # fmt: skip
    st.tuples(st.just("mark_paid"), PICK, BACK),
    *[st.tuples(st.just("reverse"), PICK, BACK)] * 2,
    st.tuples(st.just("refund"), CUSTOMER, AMOUNT, st.lists(PICK, max_size=2), BACK),
    *[st.tuples(st.just("apply"), PICK, st.none() | AMOUNT, st.lists(PICK, max_size=2), BACK)] * 2,
    st.tuples(st.just("move"), PICK, PICK, st.none() | AMOUNT, BACK),
)


def _amount(spec: int | str | None, open_amount: int) -> str:
    if spec is None:
        return ""
    cents = {"open": open_amount, "open+1": open_amount + 1, "half": open_amount // 2}.get(
        str(spec), spec if isinstance(spec, int) else 0
    )
    return _text(max(int(cents), 1))


def _play(seq: Sequence, operation: tuple[Any, ...]) -> None:
    ledger = seq.ledger or _read()
    opened = ledger.open_on(seq.today.isoformat())
    number_of = {ident: number for ident, (number, _c) in ledger.customers.items()}
    keys = sorted(ledger.entries)

    def of_kind(debit: bool, document: bool, number: str = "", currency: str = "") -> list[Any]:
        return [k for k in keys if ledger.entries[k].is_debit == debit and (k[0] == "d") == document
                and (not number or number_of[ledger.entries[k].customer] == number)
                and (not currency or ledger.entries[k].currency == currency)]  # fmt: skip

    def pick(found: list[Any], index: int) -> Any:
        return found[index % len(found)] if found else None

    kind, *args = operation
    if kind == "advance":
        seq.today += dt.timedelta(days=args[0])
        seq.days.add(seq.today.isoformat())
        return
    if kind == "invoice":
        number, lines, foreign = args
        seq.touched.add(number)
        _issue(number, lines, "USD" if foreign else "")
        return
    invoices = of_kind(True, True)
    if kind in ("credit", "mark_paid", "apply"):
        key = pick(invoices, args[0])
        entry = ledger.entries[key]
        seq.touched.add(number_of[entry.customer])
        if kind == "credit":
            spec, back = args[1:]
            amount = "" if spec is None else _amount(spec, entry.total)
            credit_invoice(entry.reference, OPERATOR, amount=amount, date=seq.date(back))
        elif kind == "mark_paid":
            mark_paid(entry.reference, OPERATOR, date=seq.date(args[1]))
        else:
            spec, sources, back = args[1:]
            credit_keys = [k for k in of_kind(False, True) + of_kind(False, False)
                           if opened[k] > 0 and ledger.entries[k].customer == entry.customer
                           and ledger.entries[k].currency == entry.currency]  # fmt: skip
            named = [ledger.entries[pick(credit_keys, s)].reference for s in sources if credit_keys]
            apply_credit(entry.reference, OPERATOR, amount=_amount(spec, opened[key]),
                         sources=named, date=seq.date(back))  # fmt: skip
        return
    if kind == "pay":
        number, spec, foreign, wanted, back = args
        seq.touched.add(number)
        currency = CURRENCY[number] if not foreign else {"EUR": "USD", "USD": "EUR"}[
            CURRENCY[number]]  # fmt: skip
        own = of_kind(True, True, number, currency)
        owed = sum(max(opened[k], 0) for k in own)
        allocations = None if wanted is None or not own else [
            (ledger.entries[pick(own, i)].reference, _amount(s, opened[pick(own, i)]))
            for i, s in wanted
        ]  # fmt: skip
        rate = "0.95" if currency == "USD" and foreign else ""
        record_payment(PaymentInput(number, _amount(spec, owed), date=seq.date(back),
                                    currency=currency, exchange_rate=rate,
                                    allocations=allocations), OPERATOR)  # fmt: skip
        return
    if kind == "reverse":
        payments = [k for k in keys if k[0] == "p"]
        if payments:
            key = pick(payments, args[0])
            seq.touched.add(number_of[ledger.entries[key].customer])
            reverse_payment(ledger.entries[key].reference, OPERATOR, date=seq.date(args[1]))
        return
    if kind == "refund":
        number, spec, sources, back = args
        seq.touched.add(number)
        own = [k for k in of_kind(False, True, number, CURRENCY[number])
               + of_kind(False, False, number, CURRENCY[number]) if opened[k] > 0]  # fmt: skip
        named = [ledger.entries[pick(own, s)].reference for s in sources if own]
        room = sum(opened[k] for k in (own if not named else {pick(own, s) for s in sources}))
        refund(number, _amount(spec, room), OPERATOR, sources=named, date=seq.date(back))
        return
    credit_index, target, spec, back = args
    moved = sorted({(d, c) for d, c, _a, _w in ledger.allocations if d[0] == "d"})
    if not moved:
        return
    debit_key, credit_key = pick(moved, credit_index)
    source = ledger.entries[credit_key]
    seq.touched.add(number_of[source.customer])
    there = sum(a for d, c, a, _w in ledger.allocations if (d, c) == (debit_key, credit_key))
    others = of_kind(True, True, number_of[source.customer], source.currency)
    move_allocation(source.reference, ledger.entries[debit_key].reference,
                    ledger.entries[pick(others, target)].reference, OPERATOR,
                    amount=_amount(spec, there), date=seq.date(back))  # fmt: skip


@pytest.fixture
def fresh(
    template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Callable[[], Sequence]]:
    """Starts each example on its own copy of the template, clock at START."""
    path = tmp_path / "ledger.db"
    current: list[Sequence] = []
    monkeypatch.setattr(clock, "today", lambda: current[-1].today)

    def start() -> Sequence:
        database.close()
        for suffix in ("-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        shutil.copyfile(template, path)
        open_database(str(path))
        # Durability is not what is tested: no fsync at each commit.
        database.execute_sql("PRAGMA synchronous = OFF")
        current.append(Sequence())
        return current[-1]

    yield start
    database.close()


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[
    HealthCheck.function_scoped_fixture, HealthCheck.too_slow])  # fmt: skip
@given(operations=st.lists(OPERATIONS, min_size=1, max_size=LONGEST))
# Found by `make invariants`: a credit note dated before the reversal of the payment that
# had settled its invoice was set against it on its own date, paying the invoice twice
# on that day.
@example(operations=[("mark_paid", 38, 0), ("advance", 1), ("reverse", 0, 0),
                     ("credit", 80, None, 1)])  # fmt: skip
def test_the_ledger_adds_up_after_any_sequence(
    fresh: Callable[[], Sequence], operations: list[tuple[Any, ...]]
) -> None:
    seq = fresh()
    seq.check()
    for operation in operations:
        before = _row_counts()
        try:
            _play(seq, operation)
            event(f"{operation[0]}: done")
        except DOMAIN_ERRORS as refused:
            event(f"{operation[0]}: {type(refused).__name__}")
            assert _row_counts() == before, f"{operation} was refused but left rows behind"
        seq.check()
    seq.check_services()
