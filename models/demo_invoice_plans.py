"""When the demo's invoices and credit notes were issued, and to whom, drawn before any is
made so that they can be numbered and chained in the order they were issued:

- invoices over the HISTORY_DAYS up to today, on working days, each after its customer
  was first entered; companies, and customers with a contract or a price list, buy more
  often (as they ask for more quotes);
- most quotes accepted in that period were invoiced within two weeks (at most one
  invoice in four comes from a quote), the others straight from an order;
- about CREDITED of the invoices were corrected by a credit note within six weeks;
- the rates of the franc, recorded every Monday.

Only customers get invoices: a prospect's accepted quote made it one before its invoice.
"""

from __future__ import annotations

import datetime as dt
import itertools
import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import NamedTuple

from models import demo_catalog_data as data
from models.db import database
from models.demo_credit_notes import WAY_WEIGHTS, WAYS
from models.demo_invoice_rows import DemoDocument
from models.demo_quotes import office_hours
from models.demo_sales import Buyer, Sales
from models.document_records import Billing, DocumentLineRecord
from models.document_tables import DocumentLine

HISTORY_DAYS = 548  # eighteen months
CREDITED = 0.03
_FROM_QUOTES = 0.85  # of the quotes accepted in the period
_QUOTE_SHARE = 4  # at most one invoice in that many comes from a quote
_INVOICED_WITHIN = 14  # days after the quote's acceptance
_CREDITED_WITHIN = (2, 45)  # days after the invoice
_ROUNDS = 3
_CHUNK = 500  # ids per query: SQLite bounds the parameters of one statement
_RATE_STEP = 40  # at most this many ten-thousandths of a franc's change in a week
_RATE_BOUNDS = (Decimal("1.0200"), Decimal("1.1000"))


class QuoteCopy(NamedTuple):
    """An accepted quote as its invoice copies it (models.quotes.quote_to_invoice)."""

    id: int
    number: str
    customer_id: int
    accepted_at: dt.datetime
    price_list: tuple[int, str] | None
    contract_id: int | None
    treatment: str
    currency: str
    language: str
    terms: str
    payment_method: str
    reference: str
    notes: str
    billing: Billing
    lines: tuple[DocumentLineRecord, ...]


@dataclass
class PlannedInvoice:
    at: dt.datetime  # issued
    buyer: Buyer
    quote: QuoteCopy | None = None
    credited: bool = False
    # Kept once made, until the credit note planned after it has copied it.
    made: DemoDocument | None = field(default=None, repr=False)


@dataclass(frozen=True)
class PlannedCredit:
    at: dt.datetime  # issued
    invoice: PlannedInvoice
    way: str  # models.demo_credit_notes.WAYS


@dataclass(frozen=True)
class Period:
    first: dt.date
    today: dt.date

    @staticmethod
    def until(today: dt.date) -> Period:
        return Period(today - dt.timedelta(days=HISTORY_DAYS), today)


def plan_documents(
    rng: random.Random, sales: Sales, count: int, period: Period
) -> list[PlannedInvoice | PlannedCredit]:
    """`count` invoices (fewer only if no customer could have had one) and their credit
    notes, in the order they were issued."""
    invoices = _from_quotes(rng, sales, count, period)
    for _round in range(_ROUNDS):
        # A customer entered on the last Friday has no working day left: draw another.
        for buyer in invoice_buyers(rng, sales, period, count - len(invoices)):
            known = dt.datetime.fromisoformat(buyer.created_at).date() + dt.timedelta(days=1)
            day = working_day(rng, max(period.first, known), None, period.today)
            if day is not None:
                invoices.append(PlannedInvoice(office_hours(rng, day), buyer))
    planned: list[PlannedInvoice | PlannedCredit] = [*invoices, *_credits(rng, invoices, period)]
    planned.sort(key=lambda p: p.at)  # stable: two issued the same second keep their order
    return planned


def _from_quotes(
    rng: random.Random, sales: Sales, count: int, period: Period
) -> list[PlannedInvoice]:
    by_id = {buyer.id: buyer for buyer in sales.buyers}
    chosen = [q for q in accepted_quotes(period) if rng.random() < _FROM_QUOTES]
    if len(chosen) > count // _QUOTE_SHARE:
        chosen = sorted(rng.sample(chosen, count // _QUOTE_SHARE), key=lambda q: q.accepted_at)
    invoices = []
    for quote in chosen:
        accepted = quote.accepted_at.date()
        wanted = accepted + dt.timedelta(days=rng.randint(0, _INVOICED_WITHIN))
        day = working_day(rng, accepted, wanted, period.today)
        if day is not None:
            at = max(office_hours(rng, day), quote.accepted_at + dt.timedelta(minutes=30))
            invoices.append(PlannedInvoice(at, by_id[quote.customer_id], quote))
    return invoices


def _credits(
    rng: random.Random, invoices: list[PlannedInvoice], period: Period
) -> list[PlannedCredit]:
    """Credit notes for about CREDITED of `invoices` (marking them `credited`)."""
    credits = []
    for invoice in invoices:
        if rng.random() >= CREDITED:
            continue
        issued = invoice.at.date()
        wanted = issued + dt.timedelta(days=rng.randint(*_CREDITED_WITHIN))
        day = working_day(rng, issued + dt.timedelta(days=1), wanted, period.today)
        if day is not None:
            invoice.credited = True
            way = rng.choices(WAYS, cum_weights=WAY_WEIGHTS)[0]
            credits.append(PlannedCredit(office_hours(rng, day), invoice, way))
    return credits


def invoice_buyers(rng: random.Random, sales: Sales, period: Period, count: int) -> list[Buyer]:
    """`count` customers drawn for invoices (several for some), weighted as the quotes'."""
    buyers = [b for b in sales.buyers if b.status == "customer"
              and dt.datetime.fromisoformat(b.created_at).date() < period.today]  # fmt: skip
    if count <= 0 or not buyers:
        return []
    weights = itertools.accumulate(
        (3 if b.kind == "company" else 1)
        * (3 if b.id in sales.contracts else 1)
        * (2 if b.id in sales.list_of else 1)
        for b in buyers
    )
    return rng.choices(buyers, cum_weights=list(weights), k=count)


def working_day(
    rng: random.Random, start: dt.date, fixed: dt.date | None, last: dt.date
) -> dt.date | None:
    """`fixed` (or a day drawn from `start` to `last`) moved off the weekend to the next
    Monday, or else the Friday before, within `start`..`last`; None when the range is
    empty or holds only a weekend."""
    if start > last:
        return None
    day = fixed or start + dt.timedelta(days=rng.randint(0, (last - start).days))
    if day.weekday() >= 5:
        monday = day + dt.timedelta(days=7 - day.weekday())
        day = monday if monday <= last else day - dt.timedelta(days=day.weekday() - 4)
    return day if start <= day <= last else None


def accepted_quotes(period: Period) -> list[QuoteCopy]:
    """The quotes accepted in the period before today, oldest acceptance first, with
    their lines."""
    columns = ("id", "number", "customer_id", "updated_at", "price_list_id", "contract_id",
               "tax_treatment", "currency", "language", "terms", "payment_method",
               "reference", "notes", "billing_name", "billing_street", "billing_postal_code",
               "billing_city", "billing_country", "customer_vat", "customer_siren",
               "delivery_street", "delivery_postal_code", "delivery_city",
               "delivery_country")  # fmt: skip
    mark = database.param
    rows = database.execute_sql(
        f"SELECT {', '.join(columns)} FROM document WHERE kind = 'quote' AND status = "
        f"'accepted' AND updated_at >= {mark} AND updated_at < {mark} ORDER BY updated_at, id",
        (str(period.first), str(period.today)),
    ).fetchall()
    lists = dict(database.execute_sql("SELECT id, name FROM price_list").fetchall())
    lines = _quote_lines([row[0] for row in rows])
    return [
        QuoteCopy(row[0], row[1], row[2], dt.datetime.fromisoformat(row[3]),
                  (row[4], lists[row[4]]) if row[4] else None, row[5], row[6], row[7], row[8],
                  row[9], row[10], row[11], row[12], Billing(*row[13:]),
                  lines.get(row[0], ()))
        for row in rows
    ]  # fmt: skip


def _quote_lines(ids: Sequence[int]) -> dict[int, tuple[DocumentLineRecord, ...]]:
    fields = DocumentLine._meta.fields
    quantity, price = fields["quantity"].python_value, fields["unit_price"].python_value
    discount, rate = fields["discount"].python_value, fields["vat_rate"].python_value
    found: dict[int, list[DocumentLineRecord]] = {}
    for start in range(0, len(ids), _CHUNK):
        chunk = list(ids[start : start + _CHUNK])
        marks = ", ".join([database.param] * len(chunk))
        rows = database.execute_sql(
            "SELECT document_id, item_id, code, description, unit, quantity, unit_price, "
            "discount, vat_rate, net, rule, rule_detail FROM document_line "
            f"WHERE document_id IN ({marks}) ORDER BY document_id, position",
            chunk,
        )
        for doc_id, item_id, code, text, unit, qty, unit_price, off, vat, net, rule, detail in rows:
            found.setdefault(doc_id, []).append(DocumentLineRecord(
                item_id, code, text, unit, quantity(qty), price(unit_price), discount(off),
                rate(vat), net, rule, detail,
            ))  # fmt: skip
    return {doc_id: tuple(lines) for doc_id, lines in found.items()}


def franc_rates(rng: random.Random, period: Period) -> list[tuple[dt.date, Decimal]]:
    """Euros for one franc every Monday from the one starting the period to today: a
    walk of a few ten-thousandths a week around the rate the export list was made at."""
    day = period.first - dt.timedelta(days=period.first.weekday())
    rate = (1 / Decimal(data.CHF_PER_EUR)).quantize(Decimal("0.0001"))
    low, high = _RATE_BOUNDS
    rates = []
    while day <= period.today:
        rates.append((day, rate))
        step = Decimal(rng.randint(-_RATE_STEP, _RATE_STEP)).scaleb(-4)
        rate = min(high, max(low, rate + step))
        day += dt.timedelta(days=7)
    return rates
