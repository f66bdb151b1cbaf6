"""The demo invoices and credit notes as stored (models.demo_invoices makes them): rows
written in batches straight to the document tables, each batch then sealed into the hash
chain as models.issuing would have issued it, their allocations, the exchange rates they
were converted at, and their entries on the customers' timelines."""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from models.db import database
from models.demo import OPERATOR, _insert
from models.demo_quote_rows import _DOCUMENT_COLUMNS, _LINE_COLUMNS
from models.demo_sales import Buyer, Event, scaled
from models.document_records import DocumentLineRecord
from models.document_tables import Document, DocumentLine, ExchangeRate
from models.documents import Header
from models.hash_chain import link, links
from models.i18n import _
from models.money import minor_to_text
from models.totals import Totals

_ISSUE_COLUMNS = (
    "service_date", "issued_at", "issued_by", "customer_kind", "seller", "total_excl",
    "total_tax", "total", "exchange_rate", "chain_position",
)  # fmt: skip
_ALLOCATION_COLUMNS = ("invoice_id", "credit_note_id", "amount", "date", "note",
                       "created_at", "created_by")  # fmt: skip


@dataclass(frozen=True)
class DemoDocument:
    """An invoice or credit note of the demo: issued (numbered, chained) or a draft."""

    id: int
    kind: str
    number: str  # "" for a draft
    buyer: Buyer
    created: dt.datetime
    issued_at: dt.datetime | None  # None for a draft
    header: Header
    treatment: str
    contract_id: int | None
    source: tuple[int, str] | None  # (id, number) of the quote invoiced, the invoice credited
    lines: list[DocumentLineRecord]
    first_line: int  # the row id of the first line, the next ones following
    totals: Totals
    exchange_rate: Decimal | None
    chain_position: int | None

    @property
    def summary(self) -> str:
        """How the timeline names it, as models.documents.record_document_event does."""
        currency = self.header.currency
        return f"{self.number} · {minor_to_text(self.totals.total, currency)} {currency}"


class Rates:
    """The franc's rate to the euro week by week, as the shop recorded it: the rate of a
    day is the latest one on or before it (models.exchange_rates.rate_on)."""

    def __init__(self, currency: str, weekly: Sequence[tuple[dt.date, Decimal]]) -> None:
        self.currency = currency
        self.weekly = list(weekly)
        self._days = [day for day, _rate in self.weekly]

    def on(self, currency: str, day: dt.date) -> Decimal:
        if currency != self.currency:
            return Decimal(1)
        return self.weekly[max(0, bisect.bisect_right(self._days, day) - 1)][1]

    def write(self) -> None:
        """The rates table; call inside `write_txn()`. Each rate was typed in the
        afternoon it was published."""
        rate = ExchangeRate._meta.fields["rate"]
        _insert("exchange_rate", ("currency", "date", "rate", "updated_at", "updated_by"),
                [(self.currency, str(day), scaled(rate, value),
                  str(dt.datetime.combine(day, dt.time(15, 10))), OPERATOR)
                 for day, value in self.weekly])  # fmt: skip


def write_rows(documents: Sequence[DemoDocument], seller: str) -> None:
    """The documents, their lines and the credit notes' allocations, issued ones stored
    as drafts with their chain positions until `seal` hashes them; call inside
    `write_txn()`. `seller` is the seller snapshot as models.issuing writes it."""
    fields = DocumentLine._meta.fields
    quantity, price = fields["quantity"].db_value, fields["unit_price"].db_value
    discount, rate = fields["discount"].db_value, fields["vat_rate"].db_value
    exchange = Document._meta.fields["exchange_rate"]
    rows: list[tuple[object, ...]] = []
    lines: list[tuple[object, ...]] = []
    allocations: list[tuple[object, ...]] = []
    for doc in documents:
        h, b = doc.header, doc.header.billing
        issued = doc.issued_at is not None
        updated = doc.issued_at or doc.created
        rows.append((
            doc.id, doc.kind, doc.number or None, "draft", doc.buyer.id, str(h.date), None,
            h.due_date and str(h.due_date), h.currency, h.language,
            h.price_list[0] if h.price_list else None, h.terms, h.payment_method,
            doc.treatment, doc.contract_id, b.name, b.street, b.postal_code, b.city,
            b.country, b.vat, b.siren, b.delivery_street, b.delivery_postal_code,
            b.delivery_city, b.delivery_country, h.reference, h.notes,
            doc.source[0] if doc.source else None, 2 if issued else 1, str(doc.created),
            OPERATOR, str(updated), OPERATOR,
            h.service_date and str(h.service_date), doc.issued_at and str(doc.issued_at),
            OPERATOR if issued else None, doc.buyer.kind if issued else "",
            seller if issued else "", *_totals(doc.totals, issued),
            scaled(exchange, doc.exchange_rate), doc.chain_position,
        ))  # fmt: skip
        lines.extend(
            (doc.first_line + position, doc.id, position, line.item_id, line.code,
             line.description, line.unit, quantity(line.quantity), price(line.unit_price),
             discount(line.discount), rate(line.vat_rate), line.net, line.rule,
             line.rule_detail, line.credited_line_id)
            for position, line in enumerate(doc.lines)
        )  # fmt: skip
        if doc.kind == "credit_note" and doc.source and doc.totals.total > 0:
            # One credit note per invoice: all of it is set against what the invoice owes.
            allocations.append((doc.source[0], doc.id, doc.totals.total, str(h.date), "",
                                str(doc.issued_at), OPERATOR))  # fmt: skip
    _insert("document", (*_DOCUMENT_COLUMNS, *_ISSUE_COLUMNS), rows)
    _insert("document_line", ("id", *_LINE_COLUMNS, "credited_line_id"), lines)
    _insert("allocation", _ALLOCATION_COLUMNS, allocations)


def _totals(totals: Totals, issued: bool) -> tuple[int | None, int | None, int | None]:
    # Snapshotted at issue; a draft is totalled from its lines.
    return (totals.net, totals.tax, totals.total) if issued else (None, None, None)


def seal(after_position: int, previous: str) -> str:
    """Issues every document chained after `after_position`: hashes each from the row as
    stored, as models.issuing does, and sets it `issued` with its hash (the triggers let
    a draft change). Returns the last hash; call inside `write_txn()`."""
    sealed: list[tuple[str, int]] = []
    for found in links(after_position):
        previous = link(previous, found.document, found.lines)
        sealed.append((previous, found.document_id))
    mark = database.param
    database.cursor().executemany(
        f'UPDATE "document" SET "status" = \'issued\', "hash" = {mark} WHERE "id" = {mark}',
        sealed,
    )
    return previous


def document_events(documents: Sequence[DemoDocument], events: list[Event]) -> None:
    """What issuing wrote on each customer's timeline: the quote made into an invoice
    draft (models.quotes.quote_to_invoice), the invoice issued, the credit note issued."""
    for doc in documents:
        if doc.issued_at is None:
            continue
        if doc.kind == "invoice":
            if doc.source is not None:
                text = _("{number} → invoice draft #{id}").format(number=doc.source[1], id=doc.id)
                events.append(Event(doc.created, doc.buyer.id, "quote_invoiced", text))
            events.append(Event(doc.issued_at, doc.buyer.id, "invoice_issued", doc.summary))
            continue
        assert doc.source is not None
        currency = doc.header.currency
        text = _("{number} credits {invoice} · {total} {currency}").format(
            number=doc.number, invoice=doc.source[1],
            total=minor_to_text(doc.totals.total, currency), currency=currency,
        )  # fmt: skip
        events.append(Event(doc.issued_at, doc.buyer.id, "credit_note_issued", text))
