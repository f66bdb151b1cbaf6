"""Price lists: a name, a currency and a price per item. A customer's default list prices
the lines of its documents in that currency, unless a contract says otherwise; an item
missing from the list keeps its catalog price (in the company's currency only)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from peewee import fn

from models import clock
from models import validation as check
from models.catalog import get_item, price
from models.catalog_tables import PriceListItem
from models.db import write_txn
from models.errors import ConflictError, NotFound, ValidationError
from models.i18n import _
from models.tables import Customer, PriceList


@dataclass(frozen=True)
class PriceListRecord:
    id: int
    name: str
    currency: str
    active: bool
    version: int
    items: int
    customers: int


@dataclass(frozen=True)
class ListPrice:
    """One item of a list: its catalog price beside the list's (None: not on the list)."""

    code: str
    name: str
    catalog_price: Decimal
    list_price: Decimal | None


def list_price_lists(include_inactive: bool = False) -> list[PriceListRecord]:
    items = PriceListItem.select(fn.COUNT(PriceListItem.item)).where(
        PriceListItem.price_list == PriceList.id
    )
    customers = Customer.select(fn.COUNT(Customer.id)).where(Customer.price_list == PriceList.id)
    query = PriceList.select(
        PriceList, items.alias("item_count"), customers.alias("customer_count")
    ).order_by(PriceList.name)
    if not include_inactive:
        query = query.where(PriceList.active == True)  # noqa: E712
    # Peewee's stubs type .dicts() as model rows.
    rows: Iterable[dict[str, Any]] = query.dicts()  # type: ignore[assignment]
    return [
        PriceListRecord(r["id"], r["name"], r["currency"], r["active"], r["version"],
                        r["item_count"], r["customer_count"])
        for r in rows
    ]


def get_price_list(name: str) -> PriceListRecord:
    for record in list_price_lists(include_inactive=True):
        if record.name.casefold() == name.strip().casefold():
            return record
    raise NotFound(_("No price list {name}.").format(name=name.strip()))


def price_list_by_id(list_id: int) -> PriceListRecord:
    row = PriceList.get_by_id(list_id)
    return get_price_list(row.name)


def save_price_list(
    name: str,
    currency: str,
    operator: str,
    *,
    active: bool = True,
    existing: str | None = None,
    expected_version: int | None = None,
) -> PriceListRecord:
    """Creates a list, or (with `existing`, its current name) renames / changes it unless
    someone saved it since `expected_version`."""
    errors: dict[str, str] = {}
    clean_name = name.strip()
    if not clean_name:
        errors["name"] = _("This field is required.")
    try:
        code = check.currency("currency", currency)
    except ValidationError as exc:
        errors.update(exc.errors)
    if errors:
        raise ValidationError(errors)
    with write_txn():
        current = get_price_list(existing) if existing else None
        for other in list_price_lists(include_inactive=True):
            same = other.name.casefold() == clean_name.casefold()
            if same and (current is None or other.id != current.id):
                raise ValidationError.single("name", _("A price list with this name exists."))
        now = clock.utc_now()
        if current is None:
            PriceList.create(
                name=clean_name,
                currency=code,
                active=active,
                version=1,
                updated_at=now,
                updated_by=operator,
            )
        else:
            if expected_version is not None and current.version != expected_version:
                raise ConflictError(
                    _(
                        "The price list {name} was changed by someone else after you opened it."
                    ).format(name=current.name)
                )
            if code != current.currency and current.items:
                raise ValidationError.single(
                    "currency",
                    _(
                        "The list holds prices in {currency}: empty it before changing its "
                        "currency."
                    ).format(currency=current.currency),
                )
            PriceList.update(
                name=clean_name,
                currency=code,
                active=active,
                updated_at=now,
                updated_by=operator,
                version=PriceList.version + 1,
            ).where(PriceList.id == current.id).execute()
        return get_price_list(clean_name)


def set_list_price(list_name: str, code: str, text: str, operator: str) -> Decimal | None:
    """Sets the item's price on the list; an empty text takes the item off the list."""
    value = price("price", text)
    with write_txn():
        record = get_price_list(list_name)
        item = get_item(code)
        condition = (PriceListItem.price_list == record.id) & (PriceListItem.item == item.id)
        if value is None:
            PriceListItem.delete().where(condition).execute()
        else:
            PriceListItem.insert(price_list=record.id, item=item.id, unit_price=value).on_conflict(
                conflict_target=[PriceListItem.price_list, PriceListItem.item],
                update={PriceListItem.unit_price: value},
            ).execute()
        PriceList.update(
            updated_at=clock.utc_now(), updated_by=operator, version=PriceList.version + 1
        ).where(PriceList.id == record.id).execute()
    return value


def list_prices(list_name: str, text: str = "", limit: int = 200) -> list[ListPrice]:
    """Active items (matching `text`), each with its price on the list if any."""
    from models.catalog import search_items

    record = get_price_list(list_name)
    items = search_items(text, limit=limit)
    query = PriceListItem.select(PriceListItem.item, PriceListItem.unit_price).where(
        (PriceListItem.price_list == record.id) & PriceListItem.item.in_([i.id for i in items])
    )
    # Peewee's stubs type .tuples() as model rows; they are (item id, price).
    rows: Iterable[tuple[int, Decimal]] = query.tuples()  # type: ignore[assignment]
    prices = dict(rows)
    return [ListPrice(i.code, i.name, i.unit_price, prices.get(i.id)) for i in items]


def list_price(list_id: int, item_id: int) -> Decimal | None:
    row = PriceListItem.get_or_none(
        (PriceListItem.price_list == list_id) & (PriceListItem.item == item_id)
    )
    return None if row is None else row.unit_price
