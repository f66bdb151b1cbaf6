"""The demo's payments, made after its invoices and credit notes (models.demo_invoices): the
receivables book a shop has on the day the demo is made (models.clock), as if each
payment, refund and reversal had been recorded with models.payments on its day.

Each customer has a habit: prompt (pays before the due date), on time (around it), late
(weeks after it) or a bad payer (months after it, often in two parts, some invoices never).
Then for each issued invoice, by the customer's payment method:

- card and cash are paid at the counter when the invoice is issued, a direct debit is
  collected on the due date, a transfer or a cheque comes by the habit, on a working day;
- an invoice with a credit note is paid after it, for what the credit note left;
- some are paid in two instalments, a few are still open (overdue when older than their
  terms), and whatever would be paid after today is still open;
- a few transfers pay too much (rounded up, or the same transfer twice): the credit is
  set against the customer's next invoice on its date, or refunded by transfer;
- a few cheques bounce: reversed a few days later as models.payments.reverse_payment
  records it (the invoice open again, the reversal covered by the cheque), then paid
  again by transfer.

Nothing is read back while it is made: invoices are read a chunk at a time in the order
they were issued, and what is still to come (a payment on its day, a refund, a bounce)
waits in a queue by time, so ids follow the order things happened and only the invoices
not yet settled are held in memory.
"""

from __future__ import annotations

import datetime as dt
import functools
import heapq
import itertools
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import NamedTuple

from models.db import database, write_txn
from models.demo_invoice_rows import Rates
from models.demo_payment_rows import (
    PaymentRows,
    applied,
    received,
    refunded,
    release_note,
    reversed_text,
)
from models.demo_quotes import office_hours
from models.demo_sales import Sales
from models.money import exponent
from models.payment_reference import creditor_reference
from models.settings import load_settings


class Habit(NamedTuple):
    delay: tuple[int, int]  # days from the due date a transfer or cheque arrives
    unpaid: float  # chance an invoice is never paid
    instalments: float  # chance it is paid in two parts
    overpaid: float  # chance a transfer pays too much
    bounced: float  # chance a cheque bounces


PROMPT = Habit((-12, -1), 0.01, 0.02, 0.02, 0.03)
ON_TIME = Habit((-3, 6), 0.03, 0.04, 0.03, 0.05)
LATE = Habit((4, 45), 0.09, 0.08, 0.02, 0.1)
BAD_PAYER = Habit((30, 120), 0.4, 0.35, 0.0, 0.4)
HABITS = (PROMPT, ON_TIME, LATE, BAD_PAYER)
HABIT_WEIGHTS = (35, 40, 20, 5)
REFUNDED = 0.4  # of the credits overpayments leave; the others go to the next invoice
_CHUNK = 5000  # invoices read at once
_WRITE_EVERY = 20000  # rows waiting before they are written
_AT_THE_COUNTER = ("card", "cash")
# What the bank writes on a cheque it returns unpaid.
_REVERSAL_REASONS = (
    "Chèque impayé : provision insuffisante",
    "Chèque rejeté : signature absente",
    "Chèque impayé : compte clôturé",
    "Chèque rejeté : montant illisible",
)
_AUTH = "0123456789ABCDEFGHJKLMNPQRSTUVWXYZ"


@dataclass
class _Invoice:
    id: int
    number: str
    customer_id: int
    issued_at: dt.datetime
    date: dt.date
    due: dt.date
    currency: str
    method: str
    credited_on: dt.date | None  # the day its credit notes were set against it
    payable: int  # its total less its credit notes and the credit applied to it


@dataclass
class _Credit:
    payment_id: int
    currency: str
    left: int


@dataclass
class _Account:
    habit: Habit
    number: str
    cheque: int  # the number of the customer's next cheque
    credits: list[_Credit] = field(default_factory=list)  # oldest first


class PaymentSummary(NamedTuple):
    payments: int  # rows: payments received, refunds and reversals


def write_payments(
    rng: random.Random, sales: Sales, rates: Rates, today: dt.date
) -> PaymentSummary:
    """Records the payments of every issued invoice up to `today`, their refunds and
    reversals; their events join `sales.events`."""
    cashier = _Cashier(rng, sales, rates, today)
    for chunk in _issued_invoices():
        for invoice in chunk:
            cashier.until(invoice.issued_at)
            cashier.issued(invoice)
        cashier.write(_WRITE_EVERY)
    cashier.until(None)
    cashier.write(0)
    return PaymentSummary(cashier.rows.written)


def _issued_invoices() -> Iterator[list[_Invoice]]:
    """Issued invoices in the order of the chain, with what their credit notes took off."""
    after, mark = 0, database.param
    while True:
        rows = database.execute_sql(
            "SELECT d.chain_position, d.id, d.number, d.customer_id, d.issued_at, d.date,"
            " d.due_date, d.currency, d.payment_method, d.total, COALESCE(SUM(a.amount), 0),"
            " MAX(a.date) FROM document d LEFT JOIN allocation a ON a.invoice_id = d.id"
            f" AND a.credit_note_id IS NOT NULL WHERE d.chain_position > {mark}"
            " AND d.kind = 'invoice' AND d.status = 'issued'"
            f" GROUP BY d.id ORDER BY d.chain_position LIMIT {mark}",
            (after, _CHUNK),
        ).fetchall()
        if not rows:
            return
        after = rows[-1][0]
        yield [
            _Invoice(doc_id, number, customer_id, dt.datetime.fromisoformat(at),
                     dt.date.fromisoformat(day), dt.date.fromisoformat(due or day), currency,
                     method, dt.date.fromisoformat(on) if on else None, total - credited)
            for _p, doc_id, number, customer_id, at, day, due, currency, method, total,
            credited, on in rows
        ]  # fmt: skip


def _working(day: dt.date) -> dt.date:
    """Banks credit on working days: a weekend moves to the Monday."""
    return day + dt.timedelta(days=7 - day.weekday()) if day.weekday() >= 5 else day


class _Cashier:
    """Receives the money as the days go by."""

    def __init__(self, rng: random.Random, sales: Sales, rates: Rates, today: dt.date) -> None:
        self.rng = rng
        self.rates = rates
        self.today = today
        self.base = load_settings().company_currency
        self.numbers = {buyer.id: buyer.number for buyer in sales.buyers}
        self.accounts: dict[int, _Account] = {}
        self.queue: list[tuple[dt.datetime, int, Callable[[], None]]] = []
        self.order = itertools.count()
        row = database.execute_sql('SELECT COALESCE(MAX("id"), 0) + 1 FROM "payment"').fetchone()
        self.rows = PaymentRows(int(row[0]), sales.events)

    def until(self, moment: dt.datetime | None) -> None:
        """Does what was due before `moment` (None: everything)."""
        while self.queue and (moment is None or self.queue[0][0] < moment):
            heapq.heappop(self.queue)[2]()

    def write(self, waiting: int) -> None:
        if len(self.rows) > waiting:
            with write_txn():
                self.rows.flush()

    def issued(self, invoice: _Invoice) -> None:
        """Plans how `invoice` will be paid, once any credit of the customer is set
        against it."""
        rng, account = self.rng, self._account(invoice.customer_id)
        self._apply_credit(account, invoice)
        if invoice.payable <= 0:
            return
        habit, method = account.habit, invoice.method
        if method in _AT_THE_COUNTER and invoice.credited_on is None:
            at = invoice.issued_at + dt.timedelta(minutes=rng.randint(1, 12))
            self._later(at, self._receive, invoice, invoice.payable, method)
            return
        if method == "direct_debit":
            day = invoice.due
        elif method in _AT_THE_COUNTER:
            day = invoice.date  # paid when the credit note settled the dispute
        else:
            day = max(invoice.date + dt.timedelta(days=1),
                      invoice.due + dt.timedelta(days=rng.randint(*habit.delay)))  # fmt: skip
        if invoice.credited_on is not None:
            day = max(day, invoice.credited_on + dt.timedelta(days=rng.randint(1, 10)))
        day = _working(day)
        if (method != "direct_debit" and rng.random() < habit.unpaid) or day > self.today:
            return
        unit = 10 ** exponent(invoice.currency)
        if method in ("transfer", "cheque") and rng.random() < habit.instalments:
            first = invoice.payable * rng.randint(30, 70) // 100 // unit * unit
            if 0 < first < invoice.payable:
                self._instalments(invoice, day, first)
                return
        if method == "transfer" and rng.random() < habit.overpaid:
            self._overpaid(invoice, day, unit)
            return
        bounces = method == "cheque" and rng.random() < habit.bounced
        self._later(
            self._at(day, invoice), self._receive, invoice, invoice.payable, method, bounces=bounces
        )

    def _instalments(self, invoice: _Invoice, day: dt.date, first: int) -> None:
        method = invoice.method
        self._later(self._at(day, invoice), self._receive, invoice, first, method, part="1/2")
        second = _working(day + dt.timedelta(days=self.rng.randint(14, 45)))
        if second <= self.today:
            rest = invoice.payable - first
            self._later(self._at(second, invoice), self._receive, invoice, rest, method, part="2/2")

    def _overpaid(self, invoice: _Invoice, day: dt.date, unit: int) -> None:
        """Rounded up to the next ten, or the same transfer sent twice."""
        rng, amount = self.rng, invoice.payable
        if rng.random() < 0.5:
            extra = 10 * unit - amount % (10 * unit)
            self._later(
                self._at(day, invoice), self._receive, invoice, amount, "transfer", extra=extra
            )
            return
        self._later(self._at(day, invoice), self._receive, invoice, amount, "transfer")
        again = _working(day + dt.timedelta(days=rng.randint(1, 6)))
        if again <= self.today:
            self._later(
                self._at(again, invoice), self._receive, invoice, 0, "transfer", extra=amount
            )

    def _receive(
        self, invoice: _Invoice, amount: int, method: str, *, extra: int = 0,
        bounces: bool = False, part: str = "", at: dt.datetime,
    ) -> None:  # fmt: skip
        """Money in: `amount` set against `invoice`, `extra` left as the customer's credit."""
        rows, day, currency = self.rows, at.date(), invoice.currency
        account = self.accounts[invoice.customer_id]
        reference = self._reference(account, invoice, method, part)
        total = amount + extra
        rate = self._rate(currency, day)
        paid = rows.payment(invoice.customer_id, "in", "payment", day, total, currency, rate,
                            method, reference, at)  # fmt: skip
        parts = [(invoice.number, amount)] if amount else []
        if amount:
            rows.allocate(paid, amount, day, at, invoice=invoice.id)
        rows.event(at, invoice.customer_id, "payment_recorded",
                   received(paid, total, currency, method, parts, extra))  # fmt: skip
        if extra:
            self._credit_left(account, invoice, paid, extra, day)
        if bounces:
            back = _working(day + dt.timedelta(days=self.rng.randint(3, 10)))
            if back <= self.today:
                self._later(
                    self._at(back, invoice), self._bounce, invoice, paid, amount, rate, reference
                )

    def _bounce(
        self, invoice: _Invoice, paid: int, amount: int, rate: Decimal | None, reference: str, *,
        at: dt.datetime,
    ) -> None:  # fmt: skip
        """The cheque comes back unpaid: reversed, the invoice open again, paid later."""
        rng, rows, day, currency = self.rng, self.rows, at.date(), invoice.currency
        reason = rng.choice(_REVERSAL_REASONS)
        reversal = rows.payment(
            invoice.customer_id, "out", "reversal", day, amount, currency,
            rate, "cheque", reference, at,
            note=reason, reverses=paid,
        )  # fmt: skip
        rows.allocate(paid, -amount, day, at, invoice=invoice.id, note=release_note(paid))
        rows.allocate(paid, amount, day, at, refund=reversal)
        rows.event(at, invoice.customer_id, "payment_reversed",
                   reversed_text(reversal, paid, amount, currency, [(invoice.number, amount)],
                                 reason))  # fmt: skip
        again = _working(day + dt.timedelta(days=rng.randint(5, 25)))
        if again <= self.today and rng.random() >= self.accounts[invoice.customer_id].habit.unpaid:
            self._later(self._at(again, invoice), self._receive, invoice, amount, "transfer")

    def _credit_left(
        self, account: _Account, invoice: _Invoice, paid: int, left: int, day: dt.date
    ) -> None:
        """Refunded a few weeks later, or kept for the customer's next invoice."""
        back = _working(day + dt.timedelta(days=self.rng.randint(7, 30)))
        if self.rng.random() < REFUNDED and back <= self.today:
            self._later(self._at(back, invoice), self._refund, invoice, paid, left)
            return
        account.credits.append(_Credit(paid, invoice.currency, left))

    def _refund(self, invoice: _Invoice, paid: int, amount: int, *, at: dt.datetime) -> None:
        rows, day, currency = self.rows, at.date(), invoice.currency
        account = self.accounts[invoice.customer_id]
        method = "cash" if invoice.method == "cash" else "transfer"
        reference = f"VIR SEPA REMBOURSEMENT {account.number}" if method == "transfer" else ""
        rate = self._rate(currency, day)
        refund = rows.payment(invoice.customer_id, "out", "refund", day, amount, currency, rate,
                              method, reference, at)  # fmt: skip
        rows.allocate(paid, amount, day, at, refund=refund)
        rows.event(at, invoice.customer_id, "refund_recorded",
                   refunded(refund, amount, currency, method, [paid]))  # fmt: skip

    def _apply_credit(self, account: _Account, invoice: _Invoice) -> None:
        """The customer's credit set against the invoice on its date, as an operator
        does when issuing it (models.payments.apply_credit)."""
        parts = []
        at = invoice.issued_at + dt.timedelta(minutes=self.rng.randint(2, 30))
        for credit in account.credits:
            part = min(credit.left, invoice.payable)
            if credit.currency != invoice.currency or part <= 0:
                continue
            self.rows.allocate(credit.payment_id, part, invoice.date, at, invoice=invoice.id)
            credit.left -= part
            invoice.payable -= part
            parts.append((f"#{credit.payment_id}", part))
        if parts:
            account.credits = [credit for credit in account.credits if credit.left > 0]
            self.rows.event(at, invoice.customer_id, "credit_applied",
                            applied(invoice.number, parts, invoice.currency))  # fmt: skip

    def _account(self, customer_id: int) -> _Account:
        found = self.accounts.get(customer_id)
        if found is None:
            rng = self.rng
            habit = rng.choices(HABITS, HABIT_WEIGHTS)[0]
            found = _Account(habit, self.numbers[customer_id], rng.randint(1_000_000, 9_900_000))
            self.accounts[customer_id] = found
        return found

    def _reference(self, account: _Account, invoice: _Invoice, method: str, part: str) -> str:
        """What the bank statement or the counter's receipt says."""
        rng, number = self.rng, invoice.number
        if method == "cheque":
            account.cheque += 1
            return f"CHQ {account.cheque:07d}"
        if method == "card":
            return f"CB AUTH {''.join(rng.choices(_AUTH, k=6))}"
        if method == "direct_debit":
            return f"PRLV SEPA {number}"
        if method == "cash":
            return ""
        draw = rng.random()
        if draw < 0.25 and creditor_reference(number):
            text = f"VIR SEPA {creditor_reference(number)}"
        elif draw < 0.35:
            text = f"VIR INST {number}"
        else:
            text = f"VIR SEPA {number}"
        return f"{text} {part}" if part else text

    def _rate(self, currency: str, day: dt.date) -> Decimal | None:
        """As models.payments stores it: none in the company's currency."""
        return None if currency == self.base else self.rates.on(currency, day)

    def _at(self, day: dt.date, invoice: _Invoice) -> dt.datetime:
        """A time on `day` the shop is open, after `invoice` was issued."""
        return max(office_hours(self.rng, day), invoice.issued_at + dt.timedelta(minutes=20))

    def _later(self, at: dt.datetime, step: Callable[..., None], *args: object,
               **kwargs: object) -> None:  # fmt: skip
        """Queues `step(*args, at=at, **kwargs)` for `at`; two steps of one time keep the
        order they were queued in."""
        then: Callable[[], None] = functools.partial(step, *args, at=at, **kwargs)
        heapq.heappush(self.queue, (at, next(self.order), then))
