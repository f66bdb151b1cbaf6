"""The database itself refuses to change or delete a payment or an allocation, whoever
asks — here a plain `sqlite3` connection to the file, as a script or a hand-run shell
would — while a payment may still follow its customer into a merge."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from peewee import Database

from models.immutability import LEDGER_MESSAGE, PAYMENT_COLUMNS
from models.payments import PaymentInput, record_payment
from models.verification import verify
from tests.models.sales_fixtures import OPERATOR, add_customer, issued_invoice, line, open_shop


@pytest.fixture
def raw(
    db: Database, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[sqlite3.Connection]:
    """A paid invoice and a second customer, then a raw connection to the file."""
    open_shop(monkeypatch)
    customer = add_customer("Boulangerie Martin", status="customer")
    add_customer("Café Lumière", status="customer")
    issued_invoice(customer, line(description="Pain", unit_price="100", vat_rate="20"))
    record_payment(PaymentInput(customer, "150"), OPERATOR)
    connection = sqlite3.connect(db_path, timeout=5)
    yield connection
    connection.close()


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE payment SET amount = 1",
        "DELETE FROM payment",
        "UPDATE allocation SET amount = 1",
        "UPDATE allocation SET invoice_id = NULL",
        "DELETE FROM allocation",
    ],
)
def test_a_payment_or_an_allocation_cannot_be_changed_behind_comptoirs_back(
    raw: sqlite3.Connection, statement: str
) -> None:
    with pytest.raises(sqlite3.DatabaseError, match=LEDGER_MESSAGE):
        raw.execute(statement)
    raw.rollback()
    assert raw.execute("SELECT amount FROM payment").fetchall() == [(15000,)]
    assert raw.execute("SELECT amount FROM allocation").fetchall() == [(12000,)]


def test_no_column_of_a_payment_but_its_customer_can_change(raw: sqlite3.Connection) -> None:
    for column in PAYMENT_COLUMNS:
        with pytest.raises(sqlite3.DatabaseError, match=LEDGER_MESSAGE):
            raw.execute(f'UPDATE payment SET "{column}" = "{column}"')
    raw.rollback()
    # A merge moves the payment to the survivor.
    raw.execute("UPDATE payment SET customer_id = (SELECT id FROM customer WHERE number = ?)",
                ("C000002",))  # fmt: skip
    raw.commit()
    assert raw.execute("SELECT c.number FROM payment p JOIN customer c ON c.id = p.customer_id"
                       ).fetchall() == [("C000002",)]  # fmt: skip
    # The allocation now pairs two customers: `comptoir verify` says so.
    assert not verify().ok
