"""The demo company's sales, made after the demo customers (models.demo): its catalog,
three price lists, customers' agreements (contracts) and the quotes made from them
(models.demo_quotes).

Like the customers, everything is written straight to the tables in bulk, with fixed
dates and no clock. The generator is seeded apart from the customers' one, so a seed
draws the same customers it drew before sales existed (the sales then give some a price
list, francs, a delivery address or the customer status), and the same sales every time.
A few facts shape the data:

- About one customer in seven has a default price list: resellers and key accounts
  (companies), and a few shops of the towns on the Swiss border billed in francs.
- About one customer in twenty has had contracts (never two at once): a discount on
  everything, special prices or discounts on some items; Dutch and Greek companies with a
  VAT number mostly get an intra-EU supply; one franc customer delivered in Geneva gets
  an export contract.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, NamedTuple

from models import demo_catalog_data as data
from models.catalog import ItemRecord
from models.catalog_tables import Item, PriceListItem
from models.contracts import ContractRecord
from models.db import database, write_txn
from models.demo import OPERATOR, Progress, _insert
from models.document_tables import Document
from models.errors import ConflictError
from models.i18n import _
from models.search_text import normalise
from models.tables import PriceList

# When the shop typed its catalog and lists in, for their rows' timestamps.
_CATALOG_AT = dt.datetime(2023, 9, 4, 8, 30)
_BUYER_COLUMNS = (
    "id", "number", "kind", "name", "status", "country", "vat", "siren", "street",
    "postal_code", "city", "delivery_street", "delivery_postal_code", "delivery_city",
    "delivery_country", "terms", "payment_method", "currency", "language", "created_at",
)  # fmt: skip
_EVENT_COLUMNS = ("customer_id", "at", "operator", "kind", "summary", "changes")
_ITEM_COLUMNS = ("id", "code", "name", "description", "unit", "unit_price", "vat_rate", "active",
                 "search_text", "version", "created_at", "created_by", "updated_at",
                 "updated_by")  # fmt: skip


class Buyer(NamedTuple):
    """A demo customer as the sales need it (columns of `_BUYER_COLUMNS`)."""

    id: int
    number: str
    kind: str
    name: str
    status: str
    country: str
    vat: str
    siren: str
    street: str
    postal_code: str
    city: str
    delivery_street: str
    delivery_postal_code: str
    delivery_city: str
    delivery_country: str
    terms: str
    payment_method: str
    currency: str
    language: str
    created_at: str


@dataclass(frozen=True)
class ListPrices:
    id: int
    name: str
    currency: str
    prices: dict[int, Decimal]  # by item id


@dataclass(frozen=True)
class Event:
    """A line of a customer's timeline, written once every part of the demo is made so
    that each customer's events are stored in the order they happened."""

    at: dt.datetime
    customer_id: int
    kind: str
    summary: str
    changes: str = "[]"

    def row(self) -> tuple[object, ...]:
        return (self.customer_id, str(self.at), OPERATOR, self.kind, self.summary, self.changes)


@dataclass
class Sales:
    """What the quotes are made from, held in memory so pricing a line reads no table."""

    buyers: list[Buyer]
    items: list[ItemRecord]
    groups: dict[int, str]  # item id → group (demo_catalog_data)
    lists: dict[int, ListPrices]
    list_of: dict[int, int]  # customer id → price list id
    contracts: dict[int, list[ContractRecord]]  # customer id → contracts, latest first
    events: list[Event] = field(default_factory=list)


@dataclass(frozen=True)
class SalesSummary:
    items: int
    price_lists: int
    contracts: int
    quotes: int
    invoices: int = 0
    credit_notes: int = 0
    drafts: int = 0
    payments: int = 0  # payments received, refunds and reversals


def refuse_unless_empty() -> None:
    """The demo writes ids and numbers from 1: it needs a catalog and documents untouched."""
    if Item.select().exists() or PriceList.select().exists() or Document.select().exists():
        raise ConflictError(
            _("This database already has items or documents: the demo needs an empty database.")
        )


def generate_sales(
    seed: int,
    quotes: int,
    progress: Progress | None = None,
    *,
    invoices: int = 0,
    invoice_progress: Progress | None = None,
) -> SalesSummary:
    """Adds the catalog, price lists, contracts, `quotes` quotes and `invoices` issued
    invoices (models.demo_invoices) for the customers on file; `progress(done, total)` is
    called as quotes are written, `invoice_progress` as invoices are."""
    # Those modules build on the records declared here.
    from models.demo_contracts import write_contracts
    from models.demo_invoices import write_invoices
    from models.demo_quotes import write_quotes

    rng = random.Random(f"sales-{seed}")
    query = f"SELECT {', '.join(_BUYER_COLUMNS)} FROM customer ORDER BY id"
    buyers = [Buyer(*row) for row in database.execute_sql(query)]
    with write_txn():
        items, groups = _write_items()
        lists = _write_price_lists(rng, items, groups)
        buyers, list_of = _assign_lists(rng, buyers, lists)
        sales = Sales(buyers, items, groups, lists, list_of, {})
        write_contracts(rng, sales)
    made = write_quotes(rng, sales, quotes, progress)
    # Seeded apart, so the quotes of a seed stay what they were before invoices existed.
    billed = write_invoices(random.Random(f"invoices-{seed}"), sales, invoices, invoice_progress)
    with write_txn():
        # Stable: an event stays after the one it follows when both share a time.
        events = sorted(sales.events, key=lambda e: e.at)
        _insert("customer_event", _EVENT_COLUMNS, [e.row() for e in events])
    contracts = sum(len(c) for c in sales.contracts.values())
    return SalesSummary(
        len(items), len(lists), contracts, made, billed.invoices, billed.credit_notes,
        billed.drafts, billed.payments,
    )  # fmt: skip


def scaled(column: Any, value: Decimal | None) -> object:
    """`value` as a ScaledDecimalField column stores it (models.fields)."""
    return column.db_value(value)


def _write_items() -> tuple[list[ItemRecord], dict[int, str]]:
    items, groups = [], {}
    rows: list[tuple[object, ...]] = []
    at = str(_CATALOG_AT)
    for index, (code, name, text, unit, price, rate, active, group) in enumerate(data.ITEMS):
        item = ItemRecord(index + 1, code, name, text, unit, Decimal(price), Decimal(rate),
                          active, 1, _CATALOG_AT, OPERATOR)  # fmt: skip
        items.append(item)
        groups[item.id] = group
        folded = normalise(" ".join((code, name, text)))
        rows.append((item.id, code, name, text, unit, scaled(Item.unit_price, item.unit_price),
                     scaled(Item.vat_rate, item.vat_rate), int(active), folded, 1, at, OPERATOR,
                     at, OPERATOR))  # fmt: skip
    _insert("item", _ITEM_COLUMNS, rows)
    return items, groups


def like(value: Decimal, model: Decimal) -> Decimal:
    """`value` rounded to the decimals of the price it was made from (at least cents): a
    price by the gram keeps its four."""
    exponent = model.as_tuple().exponent
    places = max(2, -exponent if isinstance(exponent, int) else 2)
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def chf_price(euros: Decimal) -> Decimal:
    """A euro price in Swiss francs, to 5 centimes as Swiss shelves show (by the gram: to
    the decimals of the euro price)."""
    return francs_like(euros * Decimal(data.CHF_PER_EUR), euros)


def francs_like(francs: Decimal, model: Decimal) -> Decimal:
    """Francs to 5 centimes; under a franc (a price by the gram), to `model`'s decimals."""
    if francs < 1:
        return like(francs, model)
    return (francs * 20).quantize(Decimal(1), rounding=ROUND_HALF_UP) / 20


def _write_price_lists(
    rng: random.Random, items: Sequence[ItemRecord], groups: dict[int, str]
) -> dict[int, ListPrices]:
    """Resellers: 10 to 15 % off most of the catalog; key accounts: 5 to 8 % off coffee,
    equipment and services; the export list: francs for what travels well."""
    sold = [item for item in items if item.active]

    def off(item: ItemRecord, percents: tuple[str, ...]) -> Decimal:
        cut = 1 - Decimal(rng.choice(percents)) / 100
        return like(item.unit_price * cut, item.unit_price)

    resellers = {
        i.id: off(i, ("10", "12", "12.5", "15"))
        for i in sold
        if rng.random() < (0.5 if groups[i.id] == data.SERVICE else 0.9)
    }
    key_groups = (data.COFFEE, data.EQUIPMENT, data.MACHINE, data.SERVICE)
    key_accounts = {
        i.id: off(i, ("5", "6", "7.5", "8"))
        for i in sold
        if groups[i.id] in key_groups and rng.random() < 0.75
    }
    export_groups = (data.COFFEE, data.TEA, data.EQUIPMENT, data.MACHINE)
    export = {i.id: chf_price(i.unit_price) for i in sold
              if groups[i.id] in export_groups and rng.random() < 0.8}  # fmt: skip
    made = {
        list_id: ListPrices(list_id, name, currency, prices)
        for list_id, ((name, currency), prices) in enumerate(
            ((data.RESELLERS, resellers), (data.KEY_ACCOUNTS, key_accounts), (data.EXPORT, export)),
            start=1,
        )
    }
    _insert("price_list", ("id", "name", "currency", "active", "version", "updated_at",
                           "updated_by"),
            [(p.id, p.name, p.currency, 1, 1, str(_CATALOG_AT), OPERATOR)
             for p in made.values()])  # fmt: skip
    _insert("price_list_item", ("price_list_id", "item_id", "unit_price"),
            [(p.id, item_id, scaled(PriceListItem.unit_price, value))
             for p in made.values() for item_id, value in p.prices.items()])  # fmt: skip
    return made


def _assign_lists(
    rng: random.Random, buyers: list[Buyer], lists: dict[int, ListPrices]
) -> tuple[list[Buyer], dict[int, int]]:
    """Default lists for companies; franc customers are billed in francs. One UPDATE per
    customer by its key in a single executemany: 15,000 of them take a few tens of ms."""
    by_name = {p.name: p.id for p in lists.values()}
    list_of: dict[int, int] = {}
    for index, buyer in enumerate(buyers):
        if buyer.kind != "company":
            continue
        if buyer.country == "FR" and buyer.city in data.BORDER_TOWNS and rng.random() < 0.3:
            list_of[buyer.id] = by_name[data.EXPORT[0]]
            buyers[index] = buyer._replace(currency=data.EXPORT[1])
            continue
        draw = rng.random()
        if draw < 0.15:
            list_of[buyer.id] = by_name[data.RESELLERS[0]]
        elif draw < 0.2:
            list_of[buyer.id] = by_name[data.KEY_ACCOUNTS[0]]
    currencies = {buyer.id: buyer.currency for buyer in buyers if buyer.id in list_of}
    mark = database.param
    database.cursor().executemany(
        f"UPDATE customer SET price_list_id = {mark}, currency = {mark} WHERE id = {mark}",
        [(list_id, currencies[cid], cid) for cid, list_id in list_of.items()],
    )
    return buyers, list_of


def status_change(at: dt.datetime, customer_id: int, number: str) -> Event:
    """A prospect's first accepted quote makes it a customer, as models.quotes records it."""
    summary = _("quote {number} accepted").format(number=number)
    changes = json.dumps([["status", "prospect", "customer"]])
    return Event(at, customer_id, "became_customer", summary, changes)
