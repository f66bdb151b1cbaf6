"""The catalog: items with their price excluding VAT (in the company's currency), VAT
rate, unit and description. Codes are unique (case ignored) and never reused for another
item: an item no longer sold is deactivated, so old documents keep pointing at it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from models import clock
from models import validation as check
from models.catalog_tables import Item
from models.db import write_txn
from models.errors import ConflictError, NotFound, ValidationError
from models.fields import PRICE_PLACES
from models.i18n import _
from models.search_text import normalise
from models.settings import load_settings
from models.vat_rates import checked_rate

MAX_PRICE = Decimal("1000000000")
_CODE_CHARS = set("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./")


@dataclass(frozen=True)
class ItemInput:
    """An item as typed: every field is text."""

    code: str = ""
    name: str = ""
    description: str = ""
    unit: str = ""
    unit_price: str = ""
    vat_rate: str = ""
    active: bool = True


@dataclass(frozen=True)
class ItemRecord:
    id: int
    code: str
    name: str
    description: str
    unit: str
    unit_price: Decimal
    vat_rate: Decimal
    active: bool
    version: int
    updated_at: dt.datetime
    updated_by: str


def item_code(text: str) -> str:
    return text.strip().upper()


def price(field: str, text: str) -> Decimal | None:
    """A unit price excluding VAT: not negative, at most 4 decimals."""
    return check.decimal_number(field, text, PRICE_PLACES, Decimal(0), MAX_PRICE)


def _validate(data: ItemInput) -> dict[str, object]:
    errors: dict[str, str] = {}
    values: dict[str, object] = {}
    code = item_code(data.code)
    if not code:
        errors["code"] = _("This field is required.")
    elif len(code) > 30 or not set(code) <= _CODE_CHARS:
        errors["code"] = _("Up to 30 letters, digits and - _ . /")
    values["code"] = code
    name = data.name.strip()
    if not name:
        errors["name"] = _("This field is required.")
    values["name"] = name
    values["description"] = data.description.strip()
    values["unit"] = data.unit.strip()
    try:
        unit_price = price("unit_price", data.unit_price)
        if unit_price is None:
            errors["unit_price"] = _("The price is required (0 for a free item).")
        values["unit_price"] = unit_price
    except ValidationError as exc:
        errors.update(exc.errors)
    try:
        values["vat_rate"] = checked_rate(
            "vat_rate", data.vat_rate, load_settings().company_country
        )
    except ValidationError as exc:
        errors.update(exc.errors)
    values["active"] = data.active
    if errors:
        raise ValidationError(errors)
    values["search_text"] = normalise(" ".join((code, name, values["description"])))  # type: ignore[arg-type]
    return values


def create_item(data: ItemInput, operator: str) -> ItemRecord:
    values = _validate(data)
    with write_txn():
        if Item.select().where(Item.code == values["code"]).exists():
            raise ValidationError.single("code", _("An item with this code exists."))
        now = clock.utc_now()
        Item.create(
            created_at=now,
            created_by=operator,
            updated_at=now,
            updated_by=operator,
            version=1,
            **values,
        )
        return get_item(str(values["code"]))


def update_item(code: str, data: ItemInput, expected_version: int, operator: str) -> ItemRecord:
    """Saves an edit unless someone saved the item since it was opened. The code may
    change (to a code no other item has); documents keep the code they printed."""
    values = _validate(data)
    with write_txn():
        current = get_item(code)
        if current.version != expected_version:
            raise ConflictError(
                _(
                    "{code} was changed by {operator} at {time} after you opened it; reopen "
                    "it to see their changes."
                ).format(
                    code=current.code, operator=current.updated_by, time=_local(current.updated_at)
                )
            )
        clash = Item.select().where((Item.code == values["code"]) & (Item.id != current.id))
        if clash.exists():
            raise ValidationError.single("code", _("An item with this code exists."))
        Item.update(
            updated_at=clock.utc_now(), updated_by=operator, version=Item.version + 1, **values
        ).where(Item.id == current.id).execute()
        return get_item(str(values["code"]))


def _local(at: dt.datetime) -> str:
    return at.replace(tzinfo=dt.UTC).astimezone().strftime("%Y-%m-%d %H:%M")


def _record(row: Item) -> ItemRecord:
    return ItemRecord(
        row.id,
        row.code,
        row.name,
        row.description,
        row.unit,
        row.unit_price,
        row.vat_rate,
        row.active,
        row.version,
        row.updated_at,
        row.updated_by,
    )


def get_item(code: str) -> ItemRecord:
    row = Item.get_or_none(Item.code == item_code(code))
    if row is None:
        raise NotFound(_("No item {code}.").format(code=item_code(code)))
    return _record(row)


def item_by_id(item_id: int) -> ItemRecord:
    return _record(Item.get_by_id(item_id))


def search_items(
    text: str = "", limit: int = 50, include_inactive: bool = False
) -> list[ItemRecord]:
    """Items whose code or name matches every word typed (case and accents ignored);
    an exact code first, then codes that begin so, then by code."""
    query = Item.select()
    if not include_inactive:
        query = query.where(Item.active == True)  # noqa: E712
    for word in normalise(text).split():
        query = query.where(Item.search_text.contains(word))
    code = item_code(text)
    if code:
        exact = Item.code == code
        begins = Item.code.startswith(code)
        query = query.order_by(exact.desc(), begins.desc(), Item.code)
    else:
        query = query.order_by(Item.code)
    return [_record(row) for row in query.limit(limit)]
