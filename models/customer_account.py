"""A customer's account read as a bank statement: the opening balance, every movement by
date (invoices, credit notes, payments, refunds, reversals) with the running balance,
the allocations between them, and what is still open. The Transactions tab, the
statement PDF and the CLI all read it here; any past date can be asked."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from models import clock
from models.balances import balance_of
from models.customers import get_customer
from models.document_tables import Allocation, Document, Payment
from models.ledger import Entry, credits, debits, payment_reference


@dataclass(frozen=True)
class AccountLine:
    """One line of the account. A movement has a `debit` (the customer owes more) or a
    `credit` (less) and the `balance` after it; an allocation (`kind` "allocation")
    leaves the balance as it was and names the credit in `reference` and the debit in
    `against`, with `allocated`
    (negative when taken back). `open_amount` is what a movement still leaves open on
    the account's closing date."""

    date: dt.date
    kind: str
    reference: str
    debit: int
    credit: int
    balance: int
    open_amount: int | None = None
    due_date: dt.date | None = None
    against: str = ""
    allocated: int = 0
    note: str = ""


@dataclass(frozen=True)
class OpenItem:
    reference: str
    kind: str
    date: dt.date
    due_date: dt.date | None
    total: int
    open_amount: int
    days_overdue: int


@dataclass(frozen=True)
class Account:
    customer: str
    name: str
    currency: str
    date_from: dt.date | None
    date_to: dt.date | None
    opening: int
    closing: int
    lines: tuple[AccountLine, ...]
    open_items: tuple[OpenItem, ...]


def customer_account(
    number: str,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    *,
    today: dt.date | None = None,
    with_allocations: bool = True,
) -> Account:
    """The account of customer `number` in its currency, between two dates (both
    included; open-ended when None). Open amounts and overdue days are as of `date_to`
    (else `today`)."""
    customer = get_customer(number)
    currency = customer.currency
    opening = 0 if date_from is None else balance_of(customer.id, date_from - dt.timedelta(days=1))
    closing_day = date_to
    entries = debits(customer.id, currency, closing_day) + credits(
        customer.id, currency, closing_day
    )
    labels = {(e.kind, e.is_debit, e.id): e.reference for e in entries}
    movements = [e for e in entries if date_from is None or e.date >= date_from]
    rows = _allocations(customer.id, currency, date_from, date_to) if with_allocations else []
    # One day's entries and allocations in the order they were recorded.
    timeline: list[tuple[dt.date, dt.datetime, int, int, Entry | _Row]] = [
        (e.date, e.recorded_at or dt.datetime.min, 0, e.id, e) for e in movements
    ]
    timeline += [(row[0], row[8], 1, row[1], row) for row in rows]
    timeline.sort(key=lambda item: item[:4])
    lines: list[AccountLine] = []
    balance = opening
    for *_order, item in timeline:
        if isinstance(item, Entry):
            signed = item.total if item.is_debit else -item.total
            balance += signed
            lines.append(
                AccountLine(
                    item.date,
                    item.kind,
                    item.reference,
                    max(signed, 0),
                    max(-signed, 0),
                    balance,
                    item.open_amount,
                    item.due_date,
                )  # fmt: skip
            )
        else:
            lines.append(_allocation_line(item, labels, balance))
    as_of = date_to or today or clock.today()
    return Account(
        customer.number, customer.name, currency, date_from, date_to, opening, balance,
        tuple(lines), tuple(_open_items(entries, as_of)),
    )  # fmt: skip


def _open_items(entries: list[Entry], as_of: dt.date) -> list[OpenItem]:
    found = []
    for entry in entries:
        if not entry.is_debit or entry.open_amount <= 0:
            continue
        due = entry.due_date or entry.date
        found.append(
            OpenItem(
                entry.reference,
                entry.kind,
                entry.date,
                entry.due_date,
                entry.total,
                entry.open_amount,
                max((as_of - due).days, 0),
            )  # fmt: skip
        )
    return sorted(found, key=lambda item: (item.due_date or item.date, item.reference))


_Row = tuple[dt.date, int, int | None, int | None, int | None, int | None, int, str, dt.datetime]


def _allocations(
    customer_id: int, currency: str, date_from: dt.date | None, date_to: dt.date | None
) -> list[_Row]:
    """The allocations between the customer's entries in `currency`, by date."""
    # Found from the customer's debits through the allocation's indexes: a join on both
    # sides with an OR between them read every allocation on file (a second per account
    # at a million invoices).
    invoices = Document.select(Document.id).where(
        (Document.customer == customer_id) & (Document.currency == currency)
    )
    refunds = Payment.select(Payment.id).where(
        (Payment.customer == customer_id) & (Payment.currency == currency)
    )
    query = (
        Allocation.select(
            Allocation.date,
            Allocation.id,
            Allocation.invoice,
            Allocation.refund,
            Allocation.credit_note,
            Allocation.payment,
            Allocation.amount,
            Allocation.note,
            Allocation.created_at,
        )  # fmt: skip
        .where(Allocation.invoice.in_(invoices) | Allocation.refund.in_(refunds))
        .order_by(Allocation.date, Allocation.id)
    )
    if date_from is not None:
        query = query.where(Allocation.date >= date_from)
    if date_to is not None:
        query = query.where(Allocation.date <= date_to)
    return list(query.tuples())  # type: ignore[arg-type]


def _allocation_line(
    row: _Row, labels: dict[tuple[str, bool, int], str], balance: int
) -> AccountLine:
    day, _id, invoice_id, refund_id, note_id, payment_id, amount, note, _at = row
    debit = _label(labels, "invoice", True, invoice_id) or _payment_label(refund_id)
    credit = _label(labels, "credit_note", False, note_id) or _payment_label(payment_id)
    return AccountLine(
        day, "allocation", credit, 0, 0, balance, against=debit, allocated=amount, note=note
    )


def _label(
    labels: dict[tuple[str, bool, int], str], kind: str, debit: bool, ident: int | None
) -> str:
    if ident is None:
        return ""
    return labels.get((kind, debit, ident)) or str(
        Document.get_by_id(ident).number if kind in ("invoice", "credit_note") else ident
    )


def _payment_label(ident: int | None) -> str:
    return payment_reference(ident) if ident is not None else ""
