"""Demo contracts: about one customer in twenty has had agreements, one after another and
never two at once, from 2024 on (some long ended, some open-ended). Each grants a
discount on everything, special prices or discounts on a few items, or a mix; most Dutch
and Greek companies with a VAT number get an intra-EU supply instead, and one customer
billed in francs, delivered in Geneva, an export. Each is on its customer's timeline
(`contract_added`, described as models.contracts describes it)."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from models import demo_catalog_data as data
from models.catalog import ItemRecord
from models.catalog_tables import Contract, ContractItem
from models.contracts import ContractItemRule, ContractRecord, _describe
from models.db import database
from models.demo import OPERATOR, _insert
from models.demo_sales import Buyer, Event, Sales, chf_price, francs_like, like, scaled

_SHARE = 0.05
# Contracts go to customers known for a while before the first contract period.
_KNOWN_BEFORE = dt.datetime(2023, 11, 1)
_STARTS = (dt.date(2024, 1, 1), dt.date(2024, 7, 1), dt.date(2025, 1, 1), dt.date(2025, 4, 1),
           dt.date(2025, 9, 1), dt.date(2026, 1, 1))  # fmt: skip
_LAST_START = dt.date(2026, 9, 1)
_REGULAR = (data.COFFEE, data.TEA, data.PASTRY, data.PACKAGING, data.EQUIPMENT)
_COLUMNS = ("id", "customer_id", "name", "valid_from", "valid_to", "currency", "discount",
            "tax_treatment", "notes", "version", "created_at", "created_by", "updated_at",
            "updated_by")  # fmt: skip


def write_contracts(rng: random.Random, sales: Sales) -> None:
    """Writes the contracts and their items, and records them in `sales.contracts` (each
    customer's latest first, as models.contracts lists them) and `sales.events`."""
    candidates = [b for b in sales.buyers if b.kind == "company" and b.status == "customer"
                  and dt.datetime.fromisoformat(b.created_at) < _KNOWN_BEFORE]  # fmt: skip
    share = min(1.0, _SHARE * len(sales.buyers) / max(1, len(candidates)))
    chosen = [b for b in candidates if rng.random() < share]
    francs = [b for b in sales.buyers if b.currency == data.EXPORT[1] and b.status == "customer"]
    exporter = _deliver_to_switzerland(sales, rng.choice(francs)) if francs else None
    if exporter is not None:
        chosen = [b for b in chosen if b.id != exporter.id] + [exporter]
    records: list[ContractRecord] = []
    rows: list[tuple[object, ...]] = []
    for buyer in chosen:
        export = buyer is exporter
        for start, end in [_export_period(buyer)] if export else _periods(rng):
            record = _contract(rng, sales, buyer, len(records) + 1, (start, end), export)
            records.append(record)
            sales.contracts.setdefault(buyer.id, []).insert(0, record)
            signed = start - dt.timedelta(days=rng.randint(3, 30))
            signed -= dt.timedelta(days=max(0, signed.weekday() - 4))  # on a working day
            at = dt.datetime.combine(signed, dt.time(7)) + dt.timedelta(minutes=rng.randrange(540))
            sales.events.append(Event(at, buyer.id, "contract_added", _describe(record)))
            rows.append((record.id, buyer.id, record.name, str(start), end and str(end),
                         record.currency, scaled(Contract.discount, record.discount),
                         record.tax_treatment, record.notes, 1, str(at), OPERATOR, str(at),
                         OPERATOR))  # fmt: skip
    _insert("contract", _COLUMNS, rows)
    _insert("contract_item", ("contract_id", "item_id", "unit_price", "discount"),
            [(record.id, rule.item_id, scaled(ContractItem.unit_price, rule.unit_price),
              scaled(ContractItem.discount, rule.discount))
             for record in records for rule in record.items])  # fmt: skip


def _deliver_to_switzerland(sales: Sales, buyer: Buyer) -> Buyer:
    """The export customer has its goods delivered to its shop in Geneva."""
    street, postcode, city, country = data.SWISS_DELIVERY
    moved = buyer._replace(delivery_street=street, delivery_postal_code=postcode,
                           delivery_city=city, delivery_country=country)  # fmt: skip
    sales.buyers[sales.buyers.index(buyer)] = moved
    mark = database.param
    database.execute_sql(
        f"UPDATE customer SET delivery_street = {mark}, delivery_postal_code = {mark}, "
        f"delivery_city = {mark}, delivery_country = {mark} WHERE id = {mark}",
        (street, postcode, city, country, buyer.id),
    )
    return moved


def months_later(day: dt.date, months: int) -> dt.date:
    """The first of the month `months` after `day`'s."""
    index = day.month - 1 + months
    return dt.date(day.year + index // 12, index % 12 + 1, 1)


def _periods(rng: random.Random) -> list[tuple[dt.date, dt.date | None]]:
    """One period, or two in a row (the second starting after the first ended): a year,
    two years, or open-ended."""
    start = rng.choice(_STARTS)
    periods: list[tuple[dt.date, dt.date | None]] = []
    for _round in range(2 if rng.random() < 0.25 else 1):
        months = rng.choice((12, 12, 12, 24, 0))
        end = months_later(start, months) - dt.timedelta(days=1) if months else None
        periods.append((start, end))
        if end is None:
            break
        start = months_later(end, rng.choice((1, 1, 2, 4)))
        if start > _LAST_START:
            break
    return periods


def _export_period(buyer: Buyer) -> tuple[dt.date, dt.date | None]:
    """Open-ended from 2025, or from two months after the customer was entered."""
    created = dt.datetime.fromisoformat(buyer.created_at).date()
    return max(dt.date(2025, 1, 1), months_later(created, 2)), None


def _contract(
    rng: random.Random,
    sales: Sales,
    buyer: Buyer,
    contract_id: int,
    period: tuple[dt.date, dt.date | None],
    export: bool,
) -> ContractRecord:
    """What the agreement grants, in the customer's currency."""
    start, end = period
    discount: Decimal | None = None
    prices: list[ItemRecord] = []
    item_discounts: list[ItemRecord] = []
    treatment = "standard"
    years = f"{start.year}–{end.year}" if end and end.year != start.year else str(start.year)
    name = rng.choice(data.CONTRACT_NAMES).format(years=years)
    regular = [i for i in sales.items if i.active and sales.groups[i.id] in _REGULAR]
    if export:
        name, treatment = data.EXPORT_NAME, "export"
        on_list = sales.lists[sales.list_of[buyer.id]].prices
        prices = rng.sample([i for i in regular if i.id in on_list], 3)
    elif buyer.country in ("NL", "GR") and buyer.vat and rng.random() < 0.7:
        name, treatment = rng.choice(data.INTRA_EU_NAMES), "intra-eu"
        discount = Decimal(5) if rng.random() < 0.5 else None
    else:
        kinds = ("discount", "prices", "items", "mixed", "both")
        kind = rng.choices(kinds, (30, 25, 20, 15, 10))[0]
        if kind in ("discount", "mixed", "both"):
            discount = Decimal(rng.choice(("5", "7.5", "10", "12", "15")))
        if kind in ("prices", "mixed"):
            prices = rng.sample(regular, rng.randint(2, 5) if kind == "prices" else 2)
        if kind in ("items", "both"):
            item_discounts = rng.sample(regular, rng.randint(1, 4))
    rules = [ContractItemRule(i.id, i.code, i.name, _special_price(rng, sales, buyer, i), None)
             for i in prices]  # fmt: skip
    rules += [ContractItemRule(i.id, i.code, i.name, None,
                               Decimal(rng.choice(("10", "15", "20", "25"))))
              for i in item_discounts if i not in prices]  # fmt: skip
    notes = rng.choice(data.CONTRACT_NOTES) if rng.random() < 0.3 else ""
    # By code, as models.contracts reads a contract's items back.
    ordered = tuple(sorted(rules, key=lambda r: r.code))
    return ContractRecord(contract_id, buyer.number, name, start, end, buyer.currency, discount,
                          treatment, notes, ordered, 1)  # fmt: skip


def _special_price(rng: random.Random, sales: Sales, buyer: Buyer, item: ItemRecord) -> Decimal:
    """8 to 18 % under what the customer would pay otherwise, in its currency."""
    own = sales.lists.get(sales.list_of.get(buyer.id, 0))
    base = own.prices.get(item.id) if own else None
    francs = buyer.currency == data.EXPORT[1]
    if base is None:
        base = chf_price(item.unit_price) if francs else item.unit_price
    cut = (100 - Decimal(rng.choice((8, 10, 12, 15, 18)))) / 100
    return francs_like(base * cut, base) if francs else like(base * cut, base)
