"""One customer's account with a little of everything, for the Transactions tab's tests
and snapshot: an invoice past due and partly paid, one not yet due and partly credited,
a payment set against the first, a credit note against the second. The clock is frozen
at 2026-03-14 (tests/tui/conftest.py)."""

from __future__ import annotations

from models.credit_notes import credit_invoice
from models.demo import demo_settings
from models.document_records import LineInput
from models.payments import PaymentInput, record_payment
from models.settings import save_settings
from tests.models.sales_fixtures import OPERATOR, add_customer, issued_invoice

# What the account reads on 2026-03-14, line by line.
LATE = "F-2026-00001"  # 10 Jan, 120.00, due 9 Feb: 20.00 still due, 33 days late
LATER = "F-2026-00002"  # 20 Feb, 60.00, due 22 Mar: 50.00 still due
NOTE = "A-2026-00001"  # 1 Mar, 10.00 off the second invoice
PAYMENT = "#1"  # 1 Feb, 100.00 set against the first invoice
BALANCE = "70.00"
BALANCE_ON_15_FEB = "20.00"  # before the second invoice and the credit note


def service(price: str) -> LineInput:
    return LineInput(description="Prestation", unit_price=price, vat_rate="20")


def seed_account(**fields: str) -> str:
    """The company, the customer (with `fields` besides) and its account; returns the
    customer's number."""
    save_settings(demo_settings())
    fields = {"status": "customer", "terms": "30d", **fields}
    martin = add_customer("Boulangerie Martin [SARL]", **fields)
    issued_invoice(martin, service("100"), date="2026-01-10")
    record_payment(PaymentInput(martin, "100", date="2026-02-01", method="transfer"), OPERATOR)
    issued_invoice(martin, service("50"), date="2026-02-20")
    credit_invoice(LATER, OPERATOR, amount="10", date="2026-03-01", reason="casse")
    return martin
