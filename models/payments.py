"""Recording money received and paid back, and setting it against what is owed.

Every operation runs in one write transaction that takes the lock first and reads the
open amounts again inside it: two operators paying the same invoice or spending the same
credit at once queue, and the second is told the amount is no longer there (a
ConflictError) instead of over-allocating. Nothing is ever changed or deleted: a payment
entered in error is undone by a reversing entry, an allocation by one of opposite sign."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from models import clock
from models import validation as check
from models.customers import _record_event, get_customer
from models.db import write_txn
from models.document_tables import Document, Payment
from models.errors import ConflictError, NotFound, ValidationError
from models.exchange_rates import document_rate, rate_on
from models.i18n import _
from models.ledger import (
    Entry,
    allocate,
    between,
    credits,
    debits,
    open_credits,
    open_debits,
    payment_reference,
    settle_oldest_first,
)
from models.money import minor_to_text, to_minor
from models.payment_records import PaymentRecord, find_payment, get_payment
from models.settings import load_settings
from models.tables import Customer
from models.validation import method_words


@dataclass(frozen=True)
class PaymentInput:
    """A payment as typed. `allocations` pairs an invoice number with an amount ("" =
    as much as it still asks); None spreads the amount over the oldest open debits."""

    customer: str
    amount: str
    date: str = ""
    currency: str = ""
    method: str = ""
    reference: str = ""
    note: str = ""
    exchange_rate: str = ""
    allocations: Sequence[tuple[str, str]] | None = None


def _money(field: str, text: str, currency: str) -> int:
    value = check.amount(field, text)
    minor = 0 if value is None else to_minor(value, currency)
    if minor <= 0:
        raise ValidationError.single(field, _("An amount above 0."))
    return minor


def _text(amount: int, currency: str) -> str:
    return f"{minor_to_text(amount, currency)} {currency}"


def _day(text: str, field: str = "date") -> dt.date:
    return check.past_date(field, text, clock.today()) or clock.today()


def _day_check(field: str, text: str) -> dt.date:
    return _day(text, field)


def _rate(currency: str, day: dt.date, typed: str) -> Decimal | None:
    base = load_settings().company_currency
    return None if currency == base else document_rate(currency, base, day, typed)


def _debit_by_number(customer_id: int, currency: str, number: str, field: str) -> Entry:
    wanted = number.strip().upper()
    for entry in debits(customer_id, currency):
        if entry.reference.upper() == wanted:
            return entry
    other = Document.get_or_none((Document.kind == "invoice") & (Document.number == wanted))
    if other is None or other.status != "issued":
        raise ValidationError.single(field, _("No issued invoice {number}.").format(number=wanted))
    if other.customer_id != customer_id:
        raise ValidationError.single(
            field, _("{number} is another customer's invoice.").format(number=wanted)
        )
    raise ValidationError.single(
        field, _("{number} is in {currency}: a payment settles invoices in its own currency.")
        .format(number=wanted, currency=other.currency)
    )  # fmt: skip


def _no_longer_open(entry: Entry, wanted: int) -> ConflictError:
    return ConflictError(
        # Said the same whether the amount was typed too high or the invoice was paid
        # meanwhile by someone else: both read the open amount now.
        _("{number} has only {open} left to pay, not {wanted}.").format(
            number=entry.reference, open=_text(max(entry.open_amount, 0), entry.currency),
            wanted=_text(wanted, entry.currency),
        )
    )  # fmt: skip


def _already_paid(entry: Entry) -> ConflictError:
    return ConflictError(_("{number} is already paid.").format(number=entry.reference))


def _manual_plan(
    customer_id: int, currency: str, amount: int, wanted: Sequence[tuple[str, str]]
) -> list[tuple[Entry, int]]:
    plan: list[tuple[Entry, int]] = []
    errors: dict[str, str] = {}
    left = amount
    for index, (number, text) in enumerate(wanted):
        try:
            entry = _debit_by_number(customer_id, currency, number, f"allocations.{index}.invoice")
            part = (
                min(entry.open_amount, left) if not text.strip()
                else _money(f"allocations.{index}.amount", text, currency)
            )  # fmt: skip
        except ValidationError as exc:
            errors.update(exc.errors)
            continue
        if any(chosen.id == entry.id and chosen.kind == entry.kind for chosen, _n in plan):
            errors[f"allocations.{index}.invoice"] = _("This invoice is listed twice.")
            continue
        if entry.open_amount <= 0:
            # Named on purpose: paid meanwhile by someone else, the money must not
            # silently become credit.
            raise _already_paid(entry)
        if part > entry.open_amount:
            raise _no_longer_open(entry, part)
        if part > 0:
            plan.append((entry, part))
            left -= part
    if left < 0:
        errors["amount"] = _("The allocations add up to more than the payment.")
    if errors:
        raise ValidationError(errors)
    return plan


def record_payment(data: PaymentInput, operator: str) -> PaymentRecord:
    """Records money received from a customer and sets it against open invoices (oldest
    due first, or as `data.allocations` say); what is left is the customer's credit."""
    with write_txn():
        customer = get_customer(data.customer)
        checks = check.FieldChecks()
        currency = checks.run("currency", check.currency, data.currency or customer.currency)
        day = checks.run("date", _day_check, data.date)
        method = checks.run("method", check.payment_method, data.method or customer.payment_method)
        amount = checks.run("amount", _money, data.amount, currency) if currency else 0
        if checks.errors:
            raise ValidationError(checks.errors)
        rate = _rate(currency, day, data.exchange_rate)
        if data.allocations is None:
            plan = settle_oldest_first(open_debits(customer.id, currency), amount)
        else:
            plan = _manual_plan(customer.id, currency, amount, data.allocations)
        row = Payment.create(
            customer=customer.id, direction="in", kind="payment", date=day, amount=amount,
            currency=currency, exchange_rate=rate, method=method,
            reference=" ".join(data.reference.split()), note=data.note.strip(),
            created_at=clock.utc_now(), created_by=operator,
        )  # fmt: skip
        credit = _entry(row)
        for debit, part in plan:
            allocate(debit, credit, part, operator, day)
        record = get_payment(row.id)
        _event(customer.id, operator, "payment_recorded", _payment_summary(record))
        return record


def _entry(row: Payment) -> Entry:
    debit = row.direction == "out"
    return Entry(
        row.kind, row.id, payment_reference(row.id), debit, row.date, None, row.currency,
        row.amount, row.amount,
    )  # fmt: skip


def _payment_summary(record: PaymentRecord) -> str:
    parts = [
        f"{a.reference} {minor_to_text(a.amount, record.currency)}" for a in record.allocations
    ]
    text = _("{reference} · {amount} by {method}").format(
        reference=record.reference_text, amount=_text(record.amount, record.currency),
        method=method_words(record.method),
    )  # fmt: skip
    if parts:
        text += " · " + ", ".join(parts)
    if record.direction == "in" and record.unallocated > 0:
        text += " · " + _("credit {amount}").format(
            amount=minor_to_text(record.unallocated, record.currency)
        )
    return text


def _event(customer_id: int, operator: str, kind: str, summary: str) -> None:
    _record_event(customer_id, operator, kind, [], summary)


def mark_paid(
    invoice_number: str, operator: str, *, date: str = "", method: str = ""
) -> PaymentRecord:
    """Records a payment of all that `invoice_number` still asks, set against it."""
    with write_txn():
        row = Document.get_or_none(
            (Document.kind == "invoice") & (Document.number == invoice_number.strip().upper())
        )
        if row is None or row.status != "issued":
            raise NotFound(_("No issued invoice {number}.").format(number=invoice_number.strip()))
        entry = _invoice_entry(row)
        if entry.open_amount <= 0:
            raise _already_paid(entry)
        day = _day(date)
        rate = ""
        if row.exchange_rate is not None and rate_on(row.currency, day) is None:
            # No rate recorded for the day: the invoice's own, so no exchange difference.
            rate = f"{row.exchange_rate:f}"
        customer = Customer.get_by_id(row.customer_id)
        settings = load_settings()
        return record_payment(
            PaymentInput(
                customer.number, minor_to_text(entry.open_amount, row.currency),
                date=day.isoformat(), currency=row.currency,
                method=method or settings.default_payment_method, exchange_rate=rate,
                allocations=[(entry.reference, "")],
            ),
            operator,
        )  # fmt: skip


def reverse_payment(
    reference: str, operator: str, *, date: str = "", reason: str = ""
) -> PaymentRecord:
    """Undoes a payment or a refund entered in error with a reversing entry of the same
    amount: what it settled is open again, and both stay in the account. Returns the
    reversal."""
    with write_txn():
        original = find_payment(reference)
        if original.kind == "reversal":
            raise ConflictError(
                _("{reference} is itself a reversal.").format(reference=original.reference_text)
            )
        if original.reversed_by is not None:
            raise ConflictError(
                _("{reference} was already reversed by {reversal}.").format(
                    reference=original.reference_text,
                    reversal=payment_reference(original.reversed_by),
                )
            )
        day = _day(date)
        if day < original.date:
            raise ValidationError.single("date", _("A reversal cannot be dated before the entry."))
        row = Payment.get_by_id(original.id)
        customer_id = row.customer_id
        own = _entry(row)
        reversal = Payment.create(
            customer=customer_id, direction="in" if own.is_debit else "out", kind="reversal",
            date=day, amount=original.amount, currency=original.currency,
            exchange_rate=original.exchange_rate, method=original.method,
            reference=original.reference, note=" ".join(reason.split()), reverses=original.id,
            created_at=clock.utc_now(), created_by=operator,
        )  # fmt: skip
        released = _release(own, customer_id, operator, day, original.reference_text)
        own = _fresh(own, customer_id)
        if own.open_amount > 0:
            against = _entry(reversal)
            if own.is_debit:
                allocate(own, against, own.open_amount, operator, day)
            else:
                allocate(against, own, own.open_amount, operator, day)
        record = get_payment(reversal.id)
        _event(
            customer_id, operator, "payment_reversed",
            _("{reversal} reverses {reference} · {amount}{released}").format(
                reversal=record.reference_text, reference=original.reference_text,
                amount=_text(original.amount, original.currency),
                released="".join(f" · {r}" for r in released),
            ) + (f" · {reason.strip()}" if reason.strip() else ""),
        )  # fmt: skip
        return record


def _invoice_entry(row: Document) -> Entry:
    return next(
        e for e in debits(row.customer_id, row.currency) if e.kind == "invoice" and e.id == row.id
    )


def _fresh(entry: Entry, customer_id: int) -> Entry:
    side = debits if entry.is_debit else credits
    return next(
        e for e in side(customer_id, entry.currency) if e.kind == entry.kind and e.id == entry.id
    )


def _release(own: Entry, customer_id: int, operator: str, day: dt.date, label: str) -> list[str]:
    """Takes back what `own` set against entries of the other side, except money that
    really moved the other way (a refund paid out of a payment stays paid)."""
    released = []
    others = (
        credits(customer_id, own.currency) if own.is_debit else debits(customer_id, own.currency)
    )
    for other in others:
        if not own.is_debit and not other.is_document:
            continue
        pair = (own, other) if own.is_debit else (other, own)
        net = between(*pair)
        if net > 0:
            allocate(
                *pair,
                -net,
                operator,
                day,
                note=_("reversal of {reference}").format(reference=label),
            )
            released.append(f"{other.reference} {minor_to_text(net, own.currency)}")
    return released


def refund(
    customer: str,
    amount: str,
    operator: str,
    *,
    date: str = "",
    method: str = "",
    reference: str = "",
    note: str = "",
    currency: str = "",
    sources: Sequence[str] = (),
) -> PaymentRecord:
    """Pays back part of the customer's credit: money out, covered by the credit notes
    and payments named in `sources` (or the oldest credits first)."""
    with write_txn():
        record = get_customer(customer)
        checks = check.FieldChecks()
        cur = checks.run("currency", check.currency, currency or record.currency)
        day = checks.run("date", _day_check, date)
        how = checks.run("method", check.payment_method, method or record.payment_method)
        minor = checks.run("amount", _money, amount, cur) if cur else 0
        if checks.errors:
            raise ValidationError(checks.errors)
        available = _sources(record.id, cur, sources)
        room = sum(e.open_amount for e in available)
        if minor > room:
            raise ConflictError(
                _("{customer} has only {credit} of credit to pay back.").format(
                    customer=record.number, credit=_text(room, cur)
                )
            )
        row = Payment.create(
            customer=record.id, direction="out", kind="refund", date=day, amount=minor,
            currency=cur, exchange_rate=_rate(cur, day, ""), method=how,
            reference=" ".join(reference.split()), note=note.strip(),
            created_at=clock.utc_now(), created_by=operator,
        )  # fmt: skip
        debit, left = _entry(row), minor
        for credit in available:
            part = min(left, credit.open_amount)
            if part > 0:
                allocate(debit, credit, part, operator, day)
                left -= part
        result = get_payment(row.id)
        _event(record.id, operator, "refund_recorded", _refund_summary(result))
        return result


def _refund_summary(record: PaymentRecord) -> str:
    return _("{reference} · refund of {amount} by {method} · from {sources}").format(
        reference=record.reference_text, amount=_text(record.amount, record.currency),
        method=method_words(record.method),
        sources=", ".join(a.reference for a in record.allocations),
    )  # fmt: skip


def _sources(customer_id: int, currency: str, wanted: Sequence[str]) -> list[Entry]:
    """The credits named in `wanted`, or all those with money left. A named credit used
    up is kept (with nothing left): most often another operator spent it a moment ago,
    and the caller says so as a conflict rather than as a typing error."""
    if not wanted:
        return open_credits(customer_id, currency)
    known = credits(customer_id, currency)
    chosen: list[Entry] = []
    for index, text in enumerate(wanted):
        reference = text.strip().upper()
        reference = reference if not reference.isdigit() else payment_reference(int(reference))
        found = next((e for e in known if e.reference.upper() == reference), None)
        if found is None:
            raise ValidationError.single(
                f"sources.{index}",
                _("{reference} is not a credit of this customer.").format(reference=text.strip()),
            )
        if found in chosen:
            # Counted twice, its open amount would be spent twice.
            raise ValidationError.single(f"sources.{index}", _("This credit is listed twice."))
        chosen.append(found)
    return chosen


def apply_credit(
    invoice_number: str,
    operator: str,
    *,
    amount: str = "",
    sources: Sequence[str] = (),
    date: str = "",
) -> int:
    """Sets the customer's credit (the named credit notes and payments, or the oldest
    first) against `invoice_number`: `amount`, or as much as it still asks; returns the
    minor units applied (0 when the customer had no credit). An `amount` the credit no
    longer holds, or named credits with nothing left, are refused as a conflict: spent
    meanwhile by another operator, the rest must not be applied silently."""
    with write_txn():
        row = Document.get_or_none(
            (Document.kind == "invoice") & (Document.number == invoice_number.strip().upper())
        )
        if row is None or row.status != "issued":
            raise NotFound(_("No issued invoice {number}.").format(number=invoice_number.strip()))
        debit = _invoice_entry(row)
        if debit.open_amount <= 0:
            raise _already_paid(debit)
        wanted = _money("amount", amount, row.currency) if amount.strip() else debit.open_amount
        if wanted > debit.open_amount:
            raise _no_longer_open(debit, wanted)
        day = _day(date)
        available = _sources(row.customer_id, row.currency, sources)
        room = sum(credit.open_amount for credit in available)
        if (amount.strip() and room < wanted) or (sources and room <= 0):
            named = ", ".join(credit.reference for credit in available) if sources else ""
            raise _credit_spent(named or Customer.get_by_id(row.customer_id).number, room,
                                wanted, debit)  # fmt: skip
        applied, left = [], wanted
        for credit in available:
            part = min(left, credit.open_amount)
            if part > 0:
                allocate(debit, credit, part, operator, day)
                applied.append(f"{credit.reference} {minor_to_text(part, row.currency)}")
                left -= part
        if applied:
            _event(
                row.customer_id, operator, "credit_applied",
                _("{number} settled by credit: {parts}").format(
                    number=row.number, parts=", ".join(applied)
                ),
            )  # fmt: skip
        return wanted - left


def _credit_spent(credit: str, room: int, wanted: int, debit: Entry) -> ConflictError:
    """`credit`: the credits named, or the customer's number when none was."""
    return ConflictError(
        _("{credit} has only {room} of credit left, not {wanted} for {number}.").format(
            credit=credit, room=_text(room, debit.currency), wanted=_text(wanted, debit.currency),
            number=debit.reference,
        )
    )  # fmt: skip


def move_allocation(
    source: str,
    from_invoice: str,
    to_invoice: str,
    operator: str,
    *,
    amount: str = "",
    date: str = "",
) -> int:
    """Moves what the credit `source` (a payment `#12` or a credit note number) set
    against `from_invoice` onto `to_invoice` (all of it, or `amount`), both allocations
    recorded; returns the minor units moved."""
    with write_txn():
        credit = _credit_by_reference(source)
        customer_id = _owner(credit)
        old = _debit_by_number(customer_id, credit.currency, from_invoice, "from_invoice")
        new = _debit_by_number(customer_id, credit.currency, to_invoice, "to_invoice")
        if (old.kind, old.id) == (new.kind, new.id):
            raise ValidationError.single("to_invoice", _("Choose another invoice."))
        there = between(old, credit)
        wanted = _money("amount", amount, credit.currency) if amount.strip() else there
        if there <= 0 or wanted > there:
            raise ConflictError(
                _("{source} has only {amount} on {number}.").format(
                    source=credit.reference, amount=_text(max(there, 0), credit.currency),
                    number=old.reference,
                )
            )  # fmt: skip
        if wanted > new.open_amount:
            raise _no_longer_open(new, wanted)
        day = _day(date)
        note = _("moved from {old} to {new}").format(old=old.reference, new=new.reference)
        allocate(old, credit, -wanted, operator, day, note)
        allocate(new, credit, wanted, operator, day, note)
        _event(
            customer_id,
            operator,
            "allocation_moved",
            f"{credit.reference} · {_text(wanted, credit.currency)} · {note}",
        )
        return wanted


def _credit_by_reference(text: str) -> Entry:
    reference = text.strip().upper()
    if reference.lstrip("#").isdigit():
        payment = Payment.get_or_none(Payment.id == int(reference.lstrip("#")))
        if payment is None or payment.direction != "in":
            raise NotFound(_("No payment {reference}.").format(reference=text.strip()))
        return _fresh(_entry(payment), payment.customer_id)
    note = Document.get_or_none((Document.kind == "credit_note") & (Document.number == reference))
    if note is None or note.status != "issued":
        raise NotFound(_("No credit note {number}.").format(number=text.strip()))
    return _fresh(Entry("credit_note", note.id, note.number or "", False, note.date, None,
                        note.currency, 0, 0), note.customer_id)  # fmt: skip


def _owner(entry: Entry) -> int:
    model = Document if entry.is_document else Payment
    return int(model.get_by_id(entry.id).customer_id)
