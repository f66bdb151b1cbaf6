"""The demo's payments as stored (models.demo_payments draws them): rows of "payment" and
"allocation" gathered in memory and written in bulk, and the lines models.payments writes
on the customer's timeline for each, worded exactly as it words them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal

from models.demo import OPERATOR, _insert
from models.demo_sales import Event, scaled
from models.document_tables import Payment
from models.i18n import _
from models.ledger import payment_reference
from models.money import minor_to_text
from models.validation import method_words

_PAYMENT_COLUMNS = (
    "id", "customer_id", "direction", "kind", "date", "amount", "currency", "exchange_rate",
    "method", "reference", "note", "reverses_id", "created_at", "created_by",
)  # fmt: skip
_ALLOCATION_COLUMNS = ("invoice_id", "refund_id", "payment_id", "amount", "date", "note",
                       "created_at", "created_by")  # fmt: skip
# What was set against what: (a document number or payment `#id`, minor units).
Parts = Sequence[tuple[str, int]]


class PaymentRows:
    """Payments, refunds and reversals and their allocations waiting to be written, with
    the ids they will have; their timeline lines go to `events`."""

    def __init__(self, first_id: int, events: list[Event]) -> None:
        self.next_id = first_id
        self.events = events
        self.payments: list[tuple[object, ...]] = []
        self.allocations: list[tuple[object, ...]] = []
        self.written = 0
        self._rate = Payment._meta.fields["exchange_rate"]

    def __len__(self) -> int:
        return len(self.payments) + len(self.allocations)

    def payment(
        self, customer_id: int, direction: str, kind: str, day: dt.date, amount: int,
        currency: str, rate: Decimal | None, method: str, reference: str, at: dt.datetime,
        *, note: str = "", reverses: int | None = None,
    ) -> int:  # fmt: skip
        """A payment row as models.payments creates it; returns its id."""
        made = self.next_id
        self.next_id += 1
        self.payments.append((
            made, customer_id, direction, kind, str(day), amount, currency,
            scaled(self._rate, rate), method, reference, note, reverses, str(at), OPERATOR,
        ))  # fmt: skip
        return made

    def allocate(
        self, payment_id: int, amount: int, day: dt.date, at: dt.datetime, *,
        invoice: int | None = None, refund: int | None = None, note: str = "",
    ) -> None:  # fmt: skip
        """`amount` of payment `payment_id` (money in) set against an invoice or against
        money out (`refund`: a refund or a reversal)."""
        self.allocations.append(
            (invoice, refund, payment_id, amount, str(day), note, str(at), OPERATOR)
        )

    def event(self, at: dt.datetime, customer_id: int, kind: str, summary: str) -> None:
        self.events.append(Event(at, customer_id, kind, summary))

    def flush(self) -> None:
        """Writes what is waiting; call inside `write_txn()`. Payments first: allocations
        name them, and the foreign keys are checked."""
        _insert("payment", _PAYMENT_COLUMNS, self.payments)
        _insert("allocation", _ALLOCATION_COLUMNS, self.allocations)
        self.written += len(self.payments)
        self.payments, self.allocations = [], []


def _text(amount: int, currency: str) -> str:
    return f"{minor_to_text(amount, currency)} {currency}"


def _parts(parts: Parts, currency: str) -> str:
    return ", ".join(
        f"{reference} {minor_to_text(amount, currency)}" for reference, amount in parts
    )


def received(
    payment_id: int, amount: int, currency: str, method: str, parts: Parts, credit: int
) -> str:
    """A payment recorded (models.payments._payment_summary): what it settled, and the
    credit it leaves."""
    text = _("{reference} · {amount} by {method}").format(
        reference=payment_reference(payment_id), amount=_text(amount, currency),
        method=method_words(method),
    )
    if parts:
        text += " · " + _parts(parts, currency)
    if credit > 0:
        text += " · " + _("credit {amount}").format(amount=minor_to_text(credit, currency))
    return text


def reversed_text(
    reversal_id: int, payment_id: int, amount: int, currency: str, released: Parts, reason: str
) -> str:
    """A payment reversed (models.payments.reverse_payment): what it no longer settles."""
    text = _("{reversal} reverses {reference} · {amount}{released}").format(
        reversal=payment_reference(reversal_id), reference=payment_reference(payment_id),
        amount=_text(amount, currency),
        released="".join(f" · {r} {minor_to_text(a, currency)}" for r, a in released),
    )  # fmt: skip
    return text + (f" · {reason}" if reason else "")


def release_note(payment_id: int) -> str:
    """The note of the allocation a reversal takes back."""
    return _("reversal of {reference}").format(reference=payment_reference(payment_id))


def refunded(
    refund_id: int, amount: int, currency: str, method: str, sources: Sequence[int]
) -> str:
    """A refund paid (models.payments._refund_summary) out of the payments `sources`."""
    return _("{reference} · refund of {amount} by {method} · from {sources}").format(
        reference=payment_reference(refund_id), amount=_text(amount, currency),
        method=method_words(method),
        sources=", ".join(payment_reference(source) for source in sources),
    )  # fmt: skip


def applied(number: str, parts: Parts, currency: str) -> str:
    """Credit set against an invoice (models.payments.apply_credit)."""
    return _("{number} settled by credit: {parts}").format(
        number=number, parts=_parts(parts, currency)
    )
