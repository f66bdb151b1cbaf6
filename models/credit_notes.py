"""Credit notes: the only correction of an issued invoice (CGI 289-I-5). One gives back the
whole invoice, chosen lines or quantities of them, or an amount; it copies the invoice's
parties and prices, is numbered in its own gap-free series, references the invoice, and is
issued (hashed, frozen) at once. Its amount is set against what the invoice still owes;
what is left over is the customer's credit."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal

from peewee import fn

from models import clock
from models import validation as check
from models.db import write_txn
from models.document_records import DocumentLineRecord, DocumentRecord
from models.document_tables import Document, DocumentLine
from models.documents import find_document, get_document, record_document_event, write_lines
from models.errors import ConflictError, ValidationError
from models.fields import QUANTITY_PLACES
from models.i18n import N_, _, translator
from models.issuing import issue
from models.ledger import allocate, credits, debits
from models.money import from_minor, minor_to_text, to_minor
from models.totals import Totals, VatGroup, compute_totals, effective_rate, line_net, vat_on

CREDIT_NOTE = "credit_note"
# The line of a credit note for an amount, in the invoice's language.
AMOUNT_LINE = N_("Credit on invoice {number}")


@dataclass(frozen=True)
class CreditLine:
    """Part of an invoice line to give back: its position on the invoice (0 = first) and
    the quantity as typed."""

    line: int
    quantity: str


@dataclass(frozen=True)
class Creditable:
    """An invoice line and how much of it may still be credited."""

    position: int
    line: DocumentLineRecord
    remaining: Decimal


def creditable_lines(invoice: DocumentRecord) -> list[Creditable]:
    credited = _credited_quantities([line.id for line in invoice.lines if line.id])
    return [
        Creditable(position, line, line.quantity - credited.get(line.id or 0, Decimal(0)))
        for position, line in enumerate(invoice.lines)
    ]


def creditable_amount(invoice: DocumentRecord) -> int:
    """What credit notes may still give back on `invoice`: its total less theirs."""
    credited = (
        Document.select(fn.SUM(Document.total))
        .where((Document.source == invoice.id) & (Document.kind == CREDIT_NOTE))
        .scalar()
    )
    return invoice.totals.total - int(credited or 0)


def _credited_quantities(line_ids: Sequence[int]) -> dict[int, Decimal]:
    if not line_ids:
        return {}
    query = (
        DocumentLine.select(DocumentLine.credited_line, fn.SUM(DocumentLine.quantity))
        .where(DocumentLine.credited_line.in_(list(line_ids)))
        .group_by(DocumentLine.credited_line)
    )
    # Peewee's stubs type .tuples() as model rows; they are (line id, sum of the scaled
    # integers the quantity column stores).
    rows: Iterable[tuple[int, int]] = query.tuples()  # type: ignore[assignment]
    return {line_id: Decimal(int(total)).scaleb(-QUANTITY_PLACES) for line_id, total in rows}


def credit_invoice(
    invoice_number: str,
    operator: str,
    *,
    lines: Sequence[CreditLine] = (),
    amount: str = "",
    date: str = "",
    reason: str = "",
) -> DocumentRecord:
    """Issues a credit note for `invoice_number`: the whole invoice when neither `lines` nor
    `amount` is given, else the lines' quantities, else `amount` including VAT (spread
    over the invoice's VAT rates in proportion). Returns the issued credit note."""
    with write_txn():
        invoice = find_document("invoice", invoice_number)
        if not invoice.is_issued:
            raise ConflictError(
                _("{document} is a draft: change it or delete it instead.").format(
                    document=invoice.reference_text
                )
            )
        day = check.parse_date("date", date) or clock.today()
        if day < invoice.date:
            raise ValidationError.single(
                "date", _("A credit note cannot be dated before its invoice.")
            )
        if amount.strip() and lines:
            raise ValidationError.single("amount", _("Credit either lines or an amount."))
        if amount.strip():
            credit = _amount_lines(invoice, amount)
        else:
            credit = _quantity_lines(invoice, lines)
        totals = compute_totals(
            ((line.net, line.vat_rate) for line in credit),
            invoice.tax_treatment,
            invoice.currency,
        )
        room = creditable_amount(invoice)
        if totals.total > room:
            raise ValidationError.single(
                "amount" if amount.strip() else "lines",
                _("At most {room} {currency} of {number} is left to credit.").format(
                    room=minor_to_text(room, invoice.currency),
                    currency=invoice.currency,
                    number=invoice.number,
                ),
            )
        note_id = _store(invoice, credit, day, reason, operator)
        issue(note_id, operator, _rate_text(invoice))
        note = get_document(note_id)
        applied = min(note.totals.total, invoice.open_amount)
        if applied > 0:
            # Through the ledger, which never dates it before a later allocation of the
            # invoice (a payment since reversed): the past days keep adding up.
            customer_id = Document.get_by_id(invoice.id).customer_id
            debit = next(e for e in debits(customer_id, invoice.currency)
                         if e.kind == "invoice" and e.id == invoice.id)  # fmt: skip
            given = next(e for e in credits(customer_id, invoice.currency)
                         if e.kind == "credit_note" and e.id == note_id)  # fmt: skip
            allocate(debit, given, applied, operator, day)
        note = get_document(note_id)
        record_document_event(
            note,
            operator,
            "credit_note_issued",
            _("{number} credits {invoice} · {total} {currency}").format(
                number=note.number,
                invoice=invoice.number,
                total=minor_to_text(note.totals.total, note.currency),
                currency=note.currency,
            ),
        )
        return note


def _rate_text(invoice: DocumentRecord) -> str:
    # A credit note converts at its invoice's rate: it gives back what was invoiced.
    return f"{invoice.exchange_rate:f}" if invoice.exchange_rate is not None else ""


def _quantity_lines(
    invoice: DocumentRecord, wanted: Sequence[CreditLine]
) -> list[DocumentLineRecord]:
    creditable = creditable_lines(invoice)
    errors: dict[str, str] = {}
    chosen: list[tuple[Creditable, Decimal]] = []
    if not wanted:
        chosen = [(c, c.remaining) for c in creditable if c.remaining > 0]
        if not chosen:
            raise ConflictError(
                _("{number} is already credited in full.").format(number=invoice.number)
            )
    for index, part in enumerate(wanted):
        field = f"lines.{index}.quantity"
        if not 0 <= part.line < len(creditable):
            errors[f"lines.{index}.line"] = _("{number} has no line {line}.").format(
                number=invoice.number, line=part.line + 1
            )
            continue
        found = creditable[part.line]
        try:
            quantity = check.decimal_number(field, part.quantity, QUANTITY_PLACES, Decimal(0), None)
        except ValidationError as exc:
            errors.update(exc.errors)
            continue
        if not quantity:
            errors[field] = _("A quantity other than 0.")
        elif quantity > found.remaining:
            errors[field] = _("At most {remaining} of this line is left to credit.").format(
                remaining=f"{found.remaining.normalize():f}"
            )
        else:
            chosen.append((found, quantity))
    if errors:
        raise ValidationError(errors)
    return [
        replace(
            c.line,
            quantity=quantity,
            net=line_net(quantity, c.line.unit_price, c.line.discount, invoice.currency),
            id=None,
            credited_line_id=c.line.id,
        )
        for c, quantity in chosen
    ]


def _amount_lines(invoice: DocumentRecord, text: str) -> list[DocumentLineRecord]:
    """The lines giving back `text`, VAT included (amount_lines)."""
    wanted = check.amount("amount", text)
    if wanted is None or wanted <= 0:
        raise ValidationError.single("amount", _("An amount above 0, VAT included."))
    if not any(g.base + g.vat > 0 for g in invoice.totals.vat_groups):
        raise ConflictError(_("{number} has nothing to credit.").format(number=invoice.number))
    description = translator(invoice.language)(AMOUNT_LINE).format(number=invoice.number)
    target = to_minor(wanted, invoice.currency)
    return amount_lines(invoice.totals, invoice.tax_treatment, target, description)


def amount_lines(
    totals: Totals, tax_treatment: str, target: int, description: str
) -> list[DocumentLineRecord]:
    """One line per VAT rate of an invoice with `totals` whose nets plus VAT make exactly
    `target` minor units, shared in proportion to the invoice's amount at each rate.

    Each rate's VAT is rounded on its own, so a rate's share may be a cent out of reach:
    what each rate really reaches is carried to the next, and when the last still misses,
    an earlier one moves by a cent until the sum is exact."""
    currency = totals.currency
    groups = [g for g in totals.vat_groups if g.base + g.vat > 0]
    gross = sum(g.base + g.vat for g in groups)

    def gross_of(net: int, group: VatGroup) -> int:
        return net + vat_on(net, effective_rate(group.rate, tax_treatment), currency)

    def net_for(share: int, group: VatGroup) -> int:
        rate = effective_rate(group.rate, tax_treatment)
        net = int((Decimal(share) * 100 / (100 + rate)).to_integral_value())
        return next((n for n in (net, net - 1, net + 1) if gross_of(n, group) == share), net)

    def fill(fixed: list[int]) -> list[int]:
        nets = list(fixed)
        left = target - sum(gross_of(n, g) for n, g in zip(fixed, groups, strict=False))
        for index in range(len(fixed), len(groups)):
            group = groups[index]
            last = index == len(groups) - 1
            share = left if last else target * (group.base + group.vat) // gross
            nets.append(net_for(share, group))
            left -= gross_of(nets[-1], group)
        return nets

    def reaches(nets: list[int]) -> bool:
        return sum(gross_of(n, g) for n, g in zip(nets, groups, strict=True)) == target

    nets = fill([])
    tries = (fill([*nets[:i], nets[i] + step]) for i in range(len(groups) - 1)
             for step in (1, -1, 2, -2))  # fmt: skip
    if not reaches(nets):
        nets = next((moved for moved in tries if reaches(moved)), nets)
    return [
        DocumentLineRecord(
            None,
            "",
            description,
            "",
            Decimal(1),
            from_minor(net, currency),
            Decimal(0),
            group.rate,
            net,
            "manual",
        )  # fmt: skip
        for group, net in zip(groups, nets, strict=True)
    ]


def _store(
    invoice: DocumentRecord,
    lines: Sequence[DocumentLineRecord],
    day: dt.date,
    reason: str,
    operator: str,
) -> int:
    """The credit note as a draft row copying the invoice's parties, ready to issue."""
    source = Document.get_by_id(invoice.id)
    now = clock.utc_now()
    copied = {
        field: getattr(source, field)
        for field in (
            "currency",
            "language",
            "terms",
            "payment_method",
            "tax_treatment",
            "billing_name",
            "billing_street",
            "billing_postal_code",
            "billing_city",
            "billing_country",
            "customer_vat",
            "customer_siren",
            "delivery_street",
            "delivery_postal_code",
            "delivery_city",
            "delivery_country",
            "reference",
        )  # fmt: skip
    }
    row = Document.create(
        kind=CREDIT_NOTE,
        status="draft",
        customer=source.customer_id,
        contract=source.contract_id,
        date=day,
        source=invoice.id,
        notes=" ".join(reason.split()),
        version=1,
        created_at=now,
        created_by=operator,
        updated_at=now,
        updated_by=operator,
        **copied,
    )
    write_lines(row.id, lines)
    return int(row.id)
