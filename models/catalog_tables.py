"""Peewee declarations of the catalog: VAT rates, items, the prices of price lists, and
contracts (a customer's special agreements). Prices and rates are exact decimals stored as
scaled integers (models.fields); the services in models.catalog, models.price_lists and
models.contracts query them."""

from __future__ import annotations

from peewee import (
    AutoField,
    BooleanField,
    CharField,
    CompositeKey,
    DateField,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
    TextField,
)

from models.fields import PERCENT_PLACES, PRICE_PLACES, ScaledDecimalField
from models.tables import BaseModel, Customer, PriceList


class VatRate(BaseModel):
    """A VAT rate of a country with its legal label ("Taux réduit", "Verlaagd tarief")."""

    id = AutoField()
    country = CharField()
    rate = ScaledDecimalField(PERCENT_PLACES)
    label = CharField()
    active = BooleanField(default=True)

    class Meta:
        indexes = ((("country", "rate"), True),)


class Item(BaseModel):
    """Something the shop sells; `unit_price` excludes VAT, in the company's currency."""

    id = AutoField()
    code = CharField(unique=True)
    name = CharField()
    description = TextField(default="")
    unit = CharField(default="")
    unit_price = ScaledDecimalField(PRICE_PLACES)
    vat_rate = ScaledDecimalField(PERCENT_PLACES)
    active = BooleanField(default=True)
    # Code, name and description folded (models.search_text) for search-as-you-type.
    search_text = TextField(default="")
    version = IntegerField(default=1)
    created_at = DateTimeField()
    created_by = CharField()
    updated_at = DateTimeField()
    updated_by = CharField()


class PriceListItem(BaseModel):
    price_list = ForeignKeyField(PriceList, on_delete="CASCADE")
    item = ForeignKeyField(Item, on_delete="CASCADE")
    unit_price = ScaledDecimalField(PRICE_PLACES)

    class Meta:
        primary_key = CompositeKey("price_list", "item")


class Contract(BaseModel):
    """A customer's special agreement for a validity period (`valid_to` None: open-ended).
    Its prices are in `currency` and apply to documents in that currency."""

    id = AutoField()
    customer = ForeignKeyField(Customer, backref="contracts", on_delete="CASCADE")
    name = CharField(default="")
    valid_from = DateField()
    valid_to = DateField(null=True)
    currency = CharField(default="EUR")
    discount = ScaledDecimalField(PERCENT_PLACES, null=True)
    tax_treatment = CharField(default="standard")
    notes = TextField(default="")
    version = IntegerField(default=1)
    created_at = DateTimeField()
    created_by = CharField()
    updated_at = DateTimeField()
    updated_by = CharField()
    customer_id: int


class ContractItem(BaseModel):
    """A special price or a discount on one item; exactly one of the two is set."""

    contract = ForeignKeyField(Contract, backref="items", on_delete="CASCADE")
    item = ForeignKeyField(Item, on_delete="RESTRICT")
    unit_price = ScaledDecimalField(PRICE_PLACES, null=True)
    discount = ScaledDecimalField(PERCENT_PLACES, null=True)

    class Meta:
        primary_key = CompositeKey("contract", "item")
