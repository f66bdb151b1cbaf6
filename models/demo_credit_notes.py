"""What the demo's credit notes give back, computed as models.credit_notes computes it for
an operator: the whole invoice, some of its lines or quantities, or an amount VAT included
shared over the invoice's VAT rates. Each copies its invoice's parties, prices and
exchange rate; all of it is set against the invoice."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass, replace
from decimal import Decimal

from models import demo_catalog_data as data
from models.credit_notes import AMOUNT_LINE, amount_lines
from models.demo_invoice_rows import DemoDocument
from models.document_records import DocumentLineRecord
from models.documents import Header
from models.i18n import translator
from models.money import exponent
from models.totals import compute_totals, line_net

WHOLE, LINES, AMOUNT = "whole", "lines", "amount"
WAYS = (WHOLE, LINES, AMOUNT)
WAY_WEIGHTS = (35, 70, 100)  # cumulative
_GESTURES = (5, 10, 15, 20, 25)  # percent of the invoice given back as an amount
# Below this many currency units an invoice is credited whole or not at all: a share of
# it, in whole units, would be most of it.
_SMALLEST = 4


# An invoice line to credit: its row id, the line, the quantity to give back.
_Creditable = tuple[int, DocumentLineRecord, Decimal]


@dataclass(frozen=True)
class Credit:
    way: str  # WAYS
    lines: list[DocumentLineRecord]


class CreditNoteMaker:
    """Draws what each credit note gives back and why."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self._translators: dict[str, Callable[[str], str]] = {}

    def credit_note(
        self, invoice: DemoDocument, credit: Credit, at: dt.datetime, ids: tuple[int, int, int],
        number: str,
    ) -> DemoDocument:  # fmt: skip
        """The credit note `number` giving back `credit` (from `credit()`) of `invoice`,
        issued at `at`, with document id, first line id and chain position `ids`. Like
        models.credit_notes, it copies the invoice's parties and says why."""
        doc_id, first_line, position = ids
        lines = credit.lines
        h, day = invoice.header, at.date()
        reason = self.rng.choice(data.CREDIT_REASONS[credit.way])
        header = Header(day, None, None, day, h.currency, h.language, None, h.terms,
                        h.payment_method, h.reference, reason, h.billing)  # fmt: skip
        totals = compute_totals(((n.net, n.vat_rate) for n in lines), invoice.treatment,
                                h.currency)  # fmt: skip
        return DemoDocument(doc_id, "credit_note", number, invoice.buyer, at, at, header,
                            invoice.treatment, invoice.contract_id, (invoice.id, invoice.number),
                            lines, first_line, totals, invoice.exchange_rate,
                            position)  # fmt: skip

    def credit(self, invoice: DemoDocument, way: str) -> Credit | None:
        """What is given back, `way` if it can be. A line taken back (a negative quantity)
        is never credited (models.credit_notes credits what remains above 0), so such an
        invoice is credited an amount, which never exceeds what it totals; nor is a few
        euros' invoice credited a share of it. None: nothing can be credited."""
        taken_back = any(line.quantity < 0 for line in invoice.lines)
        small = invoice.totals.total < _SMALLEST * 10 ** exponent(invoice.header.currency)
        if taken_back and small:
            return None
        if taken_back or (way == AMOUNT and not small):
            return Credit(AMOUNT, self._amount_lines(invoice))
        if way == AMOUNT:
            way = WHOLE
        chosen = [(invoice.first_line + i, line, line.quantity)
                  for i, line in enumerate(invoice.lines)]  # fmt: skip
        if way == LINES:
            chosen = self._some(chosen)
        currency = invoice.header.currency
        return Credit(way, [
            replace(line, quantity=quantity, id=None, credited_line_id=line_id,
                    net=line_net(quantity, line.unit_price, line.discount, currency))
            for line_id, line, quantity in chosen
        ])  # fmt: skip

    def _some(self, lines: list[_Creditable]) -> list[_Creditable]:
        """Some lines, in their order; of a line sold by the unit, sometimes only a few."""
        rng = self.rng
        picked = set(rng.sample(range(len(lines)), rng.randint(1, max(1, len(lines) - 1))))
        some = []
        for index, (line_id, line, quantity) in enumerate(lines):
            if index not in picked:
                continue
            if quantity > 1 and quantity == quantity.to_integral_value() and rng.random() < 0.5:
                quantity = Decimal(rng.randint(1, int(quantity) - 1))
            some.append((line_id, line, quantity))
        return some

    def _amount_lines(self, invoice: DemoDocument) -> list[DocumentLineRecord]:
        """A share of the invoice in whole currency units, one line per VAT rate whose net
        and VAT add up to its part of that amount (models.credit_notes._amount_lines)."""
        currency, totals = invoice.header.currency, invoice.totals
        unit = 10 ** exponent(currency)
        wanted = totals.total * self.rng.choice(_GESTURES) // 100 // unit * unit
        target = min(totals.total, max(unit, wanted))
        text = self._translate(invoice.header.language)(AMOUNT_LINE).format(number=invoice.number)
        return amount_lines(totals, invoice.treatment, target, text)

    def _translate(self, language: str) -> Callable[[str], str]:
        found = self._translators.get(language)
        if found is None:
            found = self._translators[language] = translator(language)
        return found
