"""Whether a new invoice would take a customer's balance over its credit limit: a warning
given before issuing, never a refusal (the shop decides whether to extend more credit)."""

from __future__ import annotations

from dataclasses import dataclass

from models.balances import balance_of
from models.customer_records import CustomerRecord


@dataclass(frozen=True)
class OverLimit:
    """What the customer owes now and would owe with the invoice, against its limit; minor
    units of the customer's currency (a negative balance is credit)."""

    currency: str
    balance: int
    balance_after: int
    limit: int

    @property
    def excess(self) -> int:
        """By how much the balance after the invoice exceeds the limit (above 0)."""
        return self.balance_after - self.limit


def over_credit_limit(customer: CustomerRecord, amount: int, currency: str) -> OverLimit | None:
    """The figures when an invoice adding `amount` (minor units of `currency`) would take
    the customer's balance above its credit limit; None when it stays within it (reaching
    the limit exactly is within), or the customer has no limit.

    An invoice in another currency than the customer's is never warned of: the customer's
    balance counts its own currency only (models.balances), so such an invoice does not
    move the figure the limit is compared with on the customer's account; converting it
    would warn of an amount owed that the account never shows."""
    if customer.credit_limit is None or currency != customer.currency:
        return None
    balance = balance_of(customer.id)
    after = balance + amount
    if after <= customer.credit_limit:
        return None
    return OverLimit(customer.currency, balance, after, customer.credit_limit)
