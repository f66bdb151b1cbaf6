"""What each customer owes: the issued invoices in the customer's currency less its credit
notes (payments join them with the payments release). Computed from the totals stored at
issue, never kept as a running figure; the CLI, the exports and the screens all ask here."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from peewee import Case, fn

from models.document_tables import Document
from models.money import minor_to_text
from models.tables import Customer

# SQLite bounds the number of parameters of one statement.
_CHUNK = 500


def customer_balances(numbers: list[str]) -> dict[str, Decimal]:
    """What each customer owes (positive = owed to the shop, negative = credit), at its
    currency's decimals (`0.00` in EUR). A number that does not exist is left out."""
    wanted = list(dict.fromkeys(numbers))
    signed = Case(Document.kind, (("credit_note", Document.total * -1),), Document.total)
    owed = (
        Document.select(fn.COALESCE(fn.SUM(signed), 0))
        .where(
            (Document.customer == Customer.id)
            & (Document.status == "issued")
            & (Document.currency == Customer.currency)
        )
        .alias("owed")
    )
    balances: dict[str, Decimal] = {}
    for start in range(0, len(wanted), _CHUNK):
        query = Customer.select(Customer.number, Customer.currency, owed).where(
            Customer.number.in_(wanted[start : start + _CHUNK])
        )
        # Peewee's stubs type .tuples() as model rows; they are (number, currency, owed).
        rows: Iterable[tuple[str, str, int]] = query.tuples()  # type: ignore[assignment]
        for number, currency, minor in rows:
            balances[number] = Decimal(minor_to_text(int(minor or 0), currency))
    return balances
