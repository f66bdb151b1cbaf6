"""What each customer owes. Receivables arrive with the invoices release: until documents
exist, no customer can owe anything, so every balance is zero. This is the one place the
invoices release replaces; the CLI, the exports and the screens all ask here."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from models.money import minor_to_text
from models.tables import Customer

# SQLite bounds the number of parameters of one statement.
_CHUNK = 500


def customer_balances(numbers: list[str]) -> dict[str, Decimal]:
    """What each customer owes (positive = owed to the shop, negative = credit), at its
    currency's decimals (`0.00` in EUR). No document exists before the invoices release,
    so every balance is zero. A number that does not exist is left out."""
    wanted = list(dict.fromkeys(numbers))
    balances: dict[str, Decimal] = {}
    for start in range(0, len(wanted), _CHUNK):
        query = Customer.select(Customer.number, Customer.currency).where(
            Customer.number.in_(wanted[start : start + _CHUNK])
        )
        # Peewee's stubs type .tuples() as model rows; they are (number, currency).
        rows: Iterable[tuple[str, str]] = query.tuples()  # type: ignore[assignment]
        for number, currency in rows:
            balances[number] = Decimal(minor_to_text(0, currency))
    return balances
