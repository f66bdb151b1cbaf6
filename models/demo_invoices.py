"""Demo invoices and credit notes, made after the demo quotes (models.demo_sales): the
eighteen months of billing up to today (models.clock) that a shop of that size has on
file, as if each had been issued with models.invoices.issue_invoice in its turn.

- Invoices are priced like the demo quotes (the contract in force on their date, the
  customer's price list and currency, the catalog; models.demo_quotes' `_Maker`), fall
  due by the customer's terms (models.due_dates), and snapshot the seller, the
  customer's kind, their totals and the exchange rate, francs at the week's rate from the
  rates table. Some copy an accepted quote (their source); a few drafts wait to be issued.
- About 3 % were corrected by a credit note (the whole invoice, some lines, or an
  amount; models.demo_credit_notes), set against the invoice.
- Invoices and credit notes are numbered per year in the order they were issued, each
  series' counter left at its last number, and chained: each batch is written, then
  hashed from the rows as stored and set issued (models.demo_invoice_rows.seal), so the
  result passes `comptoir verify` and a document issued afterwards continues the series
  and the chain.

Plans first (models.demo_invoice_plans), then made and written a batch at a time, like
the quotes: 200,000 invoices never sit in memory at once.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import random
from dataclasses import dataclass

from models import clock
from models import demo_catalog_data as data
from models.db import database, write_txn
from models.demo import Progress
from models.demo_credit_notes import CreditNoteMaker
from models.demo_invoice_plans import (
    Period,
    PlannedCredit,
    PlannedInvoice,
    franc_rates,
    invoice_buyers,
    plan_documents,
)
from models.demo_invoice_rows import DemoDocument, Rates, document_events, seal, write_rows
from models.demo_payments import write_payments
from models.demo_quote_rows import set_counters
from models.demo_quotes import _Maker, billing, office_hours
from models.demo_sales import Buyer, Sales
from models.document_records import DocumentLineRecord
from models.documents import Header
from models.due_dates import due_from_terms
from models.hash_chain import GENESIS
from models.issuing import SERIES_PATTERN, seller_of
from models.totals import compute_totals

_BATCH = 2500
# Drafts waiting on the day the demo is made: one per this many invoices, at most _DRAFTS.
_DRAFT_EVERY, _DRAFTS = 200, 50


@dataclass(frozen=True)
class InvoiceSummary:
    invoices: int
    credit_notes: int
    drafts: int
    payments: int = 0  # payments received, refunds and reversals


def write_invoices(
    rng: random.Random, sales: Sales, count: int, progress: Progress | None = None
) -> InvoiceSummary:
    """Records the franc's rates, then issues `count` invoices (fewer only when no
    customer could have had one) and their credit notes, and leaves a few drafts; their
    events join `sales.events`; then the payments of the invoices up to today
    (models.demo_payments). `progress(done, total)` counts documents issued."""
    period = Period.until(clock.today())
    rates = Rates(data.EXPORT[1], franc_rates(rng, period))
    with write_txn():
        rates.write()
    if count <= 0:
        return InvoiceSummary(0, 0, 0)
    planned = plan_documents(rng, sales, count, period)
    maker = _Invoicer(rng, sales, rates)
    previous = GENESIS
    for start in range(0, len(planned), _BATCH):
        after = maker.position
        batch = maker.make(planned[start : start + _BATCH])
        with write_txn():
            write_rows(batch, maker.seller)
            previous = seal(after, previous)
        document_events(batch, sales.events)
        if progress is not None:
            progress(min(start + _BATCH, len(planned)), len(planned))
    set_counters(maker.counts)
    waiting = min(_DRAFTS, 1 + count // _DRAFT_EVERY)
    drafts = [maker.draft(buyer, period.today)
              for buyer in invoice_buyers(rng, sales, period, waiting)]  # fmt: skip
    with write_txn():
        write_rows(drafts, maker.seller)
    # Seeded from the invoices' generator once they are all drawn, so that they stay
    # what they were before payments existed.
    paid = write_payments(random.Random(rng.getrandbits(64)), sales, rates, period.today)
    return InvoiceSummary(maker.issued["invoice"], maker.issued["credit_note"], len(drafts),
                          paid.payments)  # fmt: skip


class _Invoicer(_Maker):
    """Makes each planned document in the order of issue: its lines, totals, number,
    row ids and place in the chain."""

    def __init__(self, rng: random.Random, sales: Sales, rates: Rates) -> None:
        super().__init__(rng, sales)
        self.rates = rates
        # As models.issuing snapshots it.
        self.seller = json.dumps(dataclasses.asdict(seller_of(self.settings)),
                                 ensure_ascii=False, sort_keys=True)  # fmt: skip
        self.credits = CreditNoteMaker(rng)
        self.counts: dict[str, int] = {}
        self.issued = {kind: 0 for kind in SERIES_PATTERN}
        self.next_id = _next_id("document")
        self.next_line = _next_id("document_line")
        self.position = 0

    def make(self, planned: list[PlannedInvoice | PlannedCredit]) -> list[DemoDocument]:
        made = []
        for plan in planned:
            if isinstance(plan, PlannedCredit):
                doc = self._credit_note(plan)
            else:
                doc = self._invoice(plan)
            if doc is not None:
                made.append(doc)
                self.issued[doc.kind] += 1
        return made

    def draft(self, buyer: Buyer, today: dt.date) -> DemoDocument:
        """An invoice being prepared today, unnumbered and unchained."""
        header, treatment, contract_id, lines = self._ordered(buyer, today, service_date=None)
        doc_id, first_line = self._ids(len(lines))
        totals = compute_totals(((n.net, n.vat_rate) for n in lines), treatment, header.currency)
        return DemoDocument(doc_id, "invoice", "", buyer, office_hours(self.rng, today), None,
                            header, treatment, contract_id, None, lines, first_line, totals,
                            None, None)  # fmt: skip

    def _invoice(self, plan: PlannedInvoice) -> DemoDocument:
        rng, day, quote = self.rng, plan.at.date(), plan.quote
        created = plan.at - dt.timedelta(minutes=rng.randint(3, 90))
        if quote is None:
            known = dt.datetime.fromisoformat(plan.buyer.created_at).date()
            served = self._served(day, known + dt.timedelta(days=1))
            header, treatment, contract_id, lines = self._ordered(plan.buyer, day, served)
            source = None
        else:
            # As models.quotes.quote_to_invoice copies it: the quote's prices and parties.
            served = self._served(day, quote.accepted_at.date())
            header = Header(day, None, self._due(quote.terms, day), served,
                            quote.currency, quote.language, quote.price_list, quote.terms,
                            quote.payment_method, quote.reference, quote.notes,
                            quote.billing)  # fmt: skip
            treatment, contract_id, lines = quote.treatment, quote.contract_id, list(quote.lines)
            source = (quote.id, quote.number)
            created = max(created, quote.accepted_at + dt.timedelta(minutes=5))
        doc_id, first_line = self._ids(len(lines))
        totals = compute_totals(((n.net, n.vat_rate) for n in lines), treatment, header.currency)
        self.position += 1
        doc = DemoDocument(doc_id, "invoice", self._number("invoice", day), plan.buyer, created,
                           plan.at, header, treatment, contract_id, source, lines, first_line,
                           totals, self.rates.on(header.currency, day),
                           self.position)  # fmt: skip
        if plan.credited:
            plan.made = doc
        return doc

    def _credit_note(self, plan: PlannedCredit) -> DemoDocument | None:
        invoice = plan.invoice.made
        plan.invoice.made = None
        assert invoice is not None  # a credit note is planned after its invoice
        credit = self.credits.credit(invoice, plan.way)
        if credit is None:
            return None
        doc_id, first_line = self._ids(len(credit.lines))
        self.position += 1
        number = self._number("credit_note", plan.at.date())
        return self.credits.credit_note(invoice, credit, plan.at,
                                        (doc_id, first_line, self.position), number)  # fmt: skip

    def _ordered(
        self, buyer: Buyer, day: dt.date, service_date: dt.date | None
    ) -> tuple[Header, str, int | None, list[DocumentLineRecord]]:
        """An invoice straight from an order: its header from the customer, its lines
        drawn and priced as a quote's of that day; with its treatment and contract."""
        price_list, book, treatment = self.book_for(buyer, day)
        header = Header(day, None, self._due(buyer.terms, day), service_date,
                        buyer.currency, buyer.language, price_list, buyer.terms,
                        buyer.payment_method, self._reference(day), self._notes(),
                        billing(buyer))  # fmt: skip
        lines = self.price("invoice", header, book, treatment, self._lines(buyer, book))
        return header, treatment, book.contract.id if book.contract else None, lines

    def _due(self, terms: str, day: dt.date) -> dt.date:
        # The shop's reading of "end of month" given: left out, each due date read the
        # settings again, a third of the time a million invoices took.
        return due_from_terms(terms, day, self.settings.end_of_month_reading)

    def _served(self, day: dt.date, earliest: dt.date) -> dt.date:
        """When the goods went out: mostly the invoice's day, now and then the days
        before, never before `earliest` (models.issuing stores the invoice's date when
        none is given)."""
        if self.rng.random() < 0.25:
            return max(earliest, day - dt.timedelta(days=self.rng.randint(1, 10)))
        return day

    def _reference(self, date: dt.date) -> str:
        rng = self.rng
        if rng.random() >= 0.3:
            return ""
        ordered = date - dt.timedelta(days=rng.randint(1, 10))
        return rng.choice(data.INVOICE_REFERENCES).format(
            day=ordered.strftime("%d/%m/%Y"), year=date.year, n=rng.randint(1, 9999)
        )

    def _notes(self) -> str:
        return self.rng.choice(data.INVOICE_NOTES) if self.rng.random() < 0.05 else ""

    def _ids(self, lines: int) -> tuple[int, int]:
        """The next document id and the first of `lines` line ids, taken."""
        ids = self.next_id, self.next_line
        self.next_id += 1
        self.next_line += lines
        return ids

    def _number(self, kind: str, day: dt.date) -> str:
        """The next number of the kind's series, as models.numbering gives it."""
        pattern = getattr(self.settings, SERIES_PATTERN[kind])
        series = f"{kind}:{day.year}" if "{year" in pattern else kind
        self.counts[series] = self.counts.get(series, 0) + 1
        return str(pattern.format(year=day.year, seq=self.counts[series]))


def _next_id(table: str) -> int:
    row = database.execute_sql(f'SELECT COALESCE(MAX("id"), 0) + 1 FROM "{table}"').fetchone()
    return int(row[0])
