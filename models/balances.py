"""What each customer owes, on any date: issued invoices and money paid out to it, less
its credit notes and the money it paid, in the customer's currency. Computed from the
dated entries, never kept as a running figure; the CLI, the exports and the screens all
ask here."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from peewee import Case, fn

from models.document_tables import Document, Payment
from models.ledger import open_credits
from models.money import minor_to_text
from models.tables import Customer

# SQLite bounds the number of parameters of one statement.
_CHUNK = 500


@dataclass(frozen=True)
class BalanceRow:
    number: str
    name: str
    currency: str
    balance: int  # minor units; negative = the customer's credit


def _owed_by_customer(as_of: dt.date | None, customer_ids: list[int] | None) -> dict[int, int]:
    """Signed sums per customer id of issued documents and payments in its currency."""
    signed_document = Case(Document.kind, (("credit_note", Document.total * -1),), Document.total)
    documents = (
        Document.select(Document.customer, fn.SUM(signed_document))
        .join(Customer, on=(Document.customer == Customer.id))
        .where((Document.status == "issued") & (Document.currency == Customer.currency))
        .group_by(Document.customer)
    )
    signed_payment = Case(Payment.direction, (("in", Payment.amount * -1),), Payment.amount)
    payments = (
        Payment.select(Payment.customer, fn.SUM(signed_payment))
        .join(Customer, on=(Payment.customer == Customer.id))
        .where(Payment.currency == Customer.currency)
        .group_by(Payment.customer)
    )
    if as_of is not None:
        documents = documents.where(Document.date <= as_of)
        payments = payments.where(Payment.date <= as_of)
    owed: dict[int, int] = {}
    for query, column in ((documents, Document.customer), (payments, Payment.customer)):
        parts = [None] if customer_ids is None else [
            customer_ids[i : i + _CHUNK] for i in range(0, len(customer_ids), _CHUNK)
        ]  # fmt: skip
        for part in parts:
            chunk = query if part is None else query.where(column.in_(part))
            # Peewee's stubs type .tuples() as model rows; they are (customer id, sum).
            rows: Iterable[tuple[int, int]] = chunk.tuples()  # type: ignore[assignment]
            for customer_id, total in rows:
                owed[customer_id] = owed.get(customer_id, 0) + int(total or 0)
    return owed


def balances_minor(numbers: list[str], as_of: dt.date | None = None) -> dict[str, tuple[int, str]]:
    """(minor units, currency) of what each customer owes on `as_of`; a number that does
    not exist is left out."""
    wanted = list(dict.fromkeys(numbers))
    customers: list[tuple[int, str, str]] = []
    for start in range(0, len(wanted), _CHUNK):
        query = Customer.select(Customer.id, Customer.number, Customer.currency).where(
            Customer.number.in_(wanted[start : start + _CHUNK])
        )
        customers += list(query.tuples())  # type: ignore[arg-type]
    owed = _owed_by_customer(as_of, [row[0] for row in customers])
    return {
        number: (owed.get(customer_id, 0), currency) for customer_id, number, currency in customers
    }


def customer_balances(numbers: list[str], as_of: dt.date | None = None) -> dict[str, Decimal]:
    """What each customer owes (positive = owed to the shop, negative = credit) on
    `as_of` (default: everything recorded), at its currency's decimals (`0.00` in EUR).
    A number that does not exist is left out."""
    return {
        number: Decimal(minor_to_text(minor, currency))
        for number, (minor, currency) in balances_minor(numbers, as_of).items()
    }


def balance_of(customer_id: int, as_of: dt.date | None = None) -> int:
    """One customer's balance in minor units of its currency."""
    return _owed_by_customer(as_of, [customer_id]).get(customer_id, 0)


def all_balances(as_of: dt.date | None = None, *, nonzero: bool = False) -> list[BalanceRow]:
    """Every customer's balance on `as_of`, by number (only those not at zero when
    `nonzero`): one pass over the ledger, not a query per customer."""
    owed = _owed_by_customer(as_of, None)
    query = Customer.select(Customer.id, Customer.number, Customer.name, Customer.currency)
    rows: Iterable[tuple[int, str, str, str]] = query.order_by(Customer.number).tuples()  # type: ignore[assignment]
    return [
        BalanceRow(number, name, currency, owed.get(customer_id, 0))
        for customer_id, number, name, currency in rows
        if not nonzero or owed.get(customer_id, 0)
    ]


def available_credit(customer_id: int, currency: str) -> int:
    """Credit notes and payments of the customer in `currency` not yet set against a
    debit: what can be applied to an invoice or paid back."""
    return sum(entry.open_amount for entry in open_credits(customer_id, currency))
