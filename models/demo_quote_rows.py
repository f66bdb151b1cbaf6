"""The demo quotes as stored (models.demo_quotes draws them): numbered in date order with
their series' counters set, each step on the customer's timeline, written in batches of
rows straight to the document tables."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from models.db import database, write_txn
from models.demo import OPERATOR, _insert
from models.demo_sales import Buyer, Event, status_change
from models.document_records import DocumentLineRecord
from models.document_tables import DocumentLine
from models.documents import Header
from models.money import minor_to_text
from models.tables import Counter
from models.totals import Totals

_DOCUMENT_COLUMNS = (
    "id", "kind", "number", "status", "customer_id", "date", "valid_until", "due_date",
    "currency", "language", "price_list_id", "terms", "payment_method", "tax_treatment",
    "contract_id", "billing_name", "billing_street", "billing_postal_code", "billing_city",
    "billing_country", "customer_vat", "customer_siren", "delivery_street",
    "delivery_postal_code", "delivery_city", "delivery_country", "reference", "notes",
    "source_id", "version", "created_at", "created_by", "updated_at", "updated_by",
)  # fmt: skip
_LINE_COLUMNS = ("document_id", "position", "item_id", "code", "description", "unit",
                 "quantity", "unit_price", "discount", "vat_rate", "net", "rule",
                 "rule_detail")  # fmt: skip


@dataclass(frozen=True)
class DemoQuote:
    buyer: Buyer
    number: str
    created: dt.datetime
    header: Header
    treatment: str
    contract_id: int | None
    lines: list[DocumentLineRecord]
    totals: Totals
    status: str
    steps: list[tuple[dt.datetime, str]]  # (when, event kind), the first one its creation


def number_quotes(dates: Sequence[dt.date], pattern: str) -> list[str]:
    """The numbers of quotes dated `dates` (in date order), restarting each year when the
    pattern has one; sets each series' counter as models.numbering would have left it."""
    yearly = "{year" in pattern
    counts: dict[str, int] = {}
    numbers = []
    for date in dates:
        series = f"quote:{date.year}" if yearly else "quote"
        counts[series] = counts.get(series, 0) + 1
        numbers.append(pattern.format(year=date.year, seq=counts[series]))
    set_counters(counts)
    return numbers


def set_counters(counts: dict[str, int]) -> None:
    """Leaves each series' counter (`quote:2026`…) where models.numbering would have left
    it after numbering that many documents."""
    with write_txn():
        for series, value in counts.items():
            Counter.insert(name=series, value=value).on_conflict(
                conflict_target=[Counter.name], update={Counter.value: value}
            ).execute()


def quote_events(
    quotes: Sequence[DemoQuote], events: list[Event], accepted: dict[int, tuple[dt.datetime, str]]
) -> None:
    """Each step of each quote, summarised as models.documents.record_document_event does;
    `accepted` keeps each prospect's first acceptance (when, quote number)."""
    for quote in quotes:
        currency = quote.header.currency
        summary = f"{quote.number} · {minor_to_text(quote.totals.total, currency)} {currency}"
        events.extend(Event(at, quote.buyer.id, kind, summary) for at, kind in quote.steps)
        if quote.status == "accepted" and quote.buyer.status == "prospect":
            at = quote.steps[-1][0]
            if quote.buyer.id not in accepted or at < accepted[quote.buyer.id][0]:
                accepted[quote.buyer.id] = (at, quote.number)


def became_customers(accepted: dict[int, tuple[dt.datetime, str]], events: list[Event]) -> None:
    """Each prospect with an accepted quote made a customer when it first accepted one,
    as models.quotes does: its status, and an event after the acceptance's."""
    # Listed after the acceptances: sorted stably by time, each stays after its acceptance.
    events.extend(status_change(at, cid, number) for cid, (at, number) in accepted.items())
    mark = database.param
    with write_txn():
        database.cursor().executemany(
            f"UPDATE customer SET status = 'customer', updated_at = {mark}, updated_by = {mark}, "
            f"version = version + 1 WHERE id = {mark}",
            [(str(at), OPERATOR, cid) for cid, (at, _number) in accepted.items()],
        )


def write_rows(quotes: Sequence[DemoQuote], first_id: int) -> None:
    """The quotes and their lines, ids from `first_id`; call inside `write_txn()`."""
    documents: list[tuple[object, ...]] = []
    lines: list[tuple[object, ...]] = []
    fields = DocumentLine._meta.fields
    quantity, price = fields["quantity"].db_value, fields["unit_price"].db_value
    discount, rate = fields["discount"].db_value, fields["vat_rate"].db_value
    for doc_id, quote in enumerate(quotes, start=first_id):
        h, b = quote.header, quote.header.billing
        documents.append((
            doc_id, "quote", quote.number, quote.status, quote.buyer.id, str(h.date),
            str(h.valid_until), None, h.currency, h.language,
            h.price_list[0] if h.price_list else None, h.terms, h.payment_method,
            quote.treatment, quote.contract_id, b.name, b.street, b.postal_code, b.city,
            b.country, b.vat, b.siren, b.delivery_street, b.delivery_postal_code,
            b.delivery_city, b.delivery_country, h.reference, h.notes, None, len(quote.steps),
            str(quote.created), OPERATOR, str(quote.steps[-1][0]), OPERATOR,
        ))  # fmt: skip
        lines.extend(
            (doc_id, position, line.item_id, line.code, line.description, line.unit,
             quantity(line.quantity), price(line.unit_price), discount(line.discount),
             rate(line.vat_rate), line.net, line.rule, line.rule_detail)
            for position, line in enumerate(quote.lines)
        )  # fmt: skip
    _insert("document", _DOCUMENT_COLUMNS, documents)
    _insert("document_line", _LINE_COLUMNS, lines)
