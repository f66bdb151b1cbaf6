"""What the payment entry screen reads about the customer who paid, in one go (in its
worker): the record, the company's currency, the customer's balance and its open debits
in the payment's currency, and, when the screen was opened for an invoice, that invoice's
currency or why it cannot be paid."""

from __future__ import annotations

from dataclasses import dataclass

from textual.content import Content

from models.balances import balance_of
from models.customer_records import CustomerRecord
from models.customers import get_customer
from models.documents import find_document
from models.errors import NotFound
from models.i18n import _
from models.ledger import Entry, open_debits
from models.settings import load_settings
from screens.customer_card import balance_words
from tui.safe_text import display_safe


@dataclass(frozen=True)
class CustomerFacts:
    customer: CustomerRecord
    base: str  # the company's currency
    currency: str  # the payment's
    debits: list[Entry]
    balance: int  # in the customer's currency; negative: its credit
    invoice_note: str = ""  # why the invoice asked for is not among the debits


def customer_facts(number: str, currency: str = "", invoice: str = "") -> CustomerFacts:
    """`currency` "" is the invoice's (when `invoice` is given) or the customer's own."""
    customer = get_customer(number)
    note = ""
    if invoice and not currency:
        try:
            document = find_document("invoice", invoice)
        except NotFound as exc:
            note = str(exc)
        else:
            currency = document.currency
            if document.customer != customer.number:
                note = _("{number} is another customer's invoice.").format(number=invoice)
            elif not document.is_issued:
                note = _("{number} is not issued: nothing is owed on it yet.").format(
                    number=invoice
                )
            elif document.open_amount <= 0:
                note = _("{number} is already paid.").format(number=invoice)
    currency = currency or customer.currency
    return CustomerFacts(
        customer, load_settings().company_currency, currency,
        open_debits(customer.id, currency), balance_of(customer.id), note,
    )  # fmt: skip


def facts_text(facts: CustomerFacts) -> Content:
    """Under the customer: where it is, and what it owes or has as credit."""
    customer = facts.customer
    place = " ".join(p for p in (customer.postal_code, customer.city) if p)
    parts = [display_safe(place)] if place else []
    parts.append(balance_words(facts.balance, customer.currency))
    return Content(" · ".join(parts)).stylize("dim")
