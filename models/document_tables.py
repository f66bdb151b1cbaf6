"""Peewee declarations of business documents (quotes now; invoices and credit notes next)
and their lines. One table for every kind: the editor, the totals and the PDF serve them
all. Money is in minor units; prices, quantities and rates are exact scaled decimals."""

from __future__ import annotations

from peewee import (
    AutoField,
    CharField,
    DateField,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
    TextField,
)

from models.catalog_tables import Contract, Item
from models.fields import PERCENT_PLACES, PRICE_PLACES, QUANTITY_PLACES, ScaledDecimalField
from models.tables import BaseModel, Customer, PriceList


class Document(BaseModel):
    """`number` is set when the series numbers the document (a quote at creation, an
    invoice when issued). The billing and delivery fields are the document's own copy,
    filled from the customer and overridable. Stored `status` is what an operator did
    (draft, sent, accepted, declined); "expired" is derived from `valid_until`."""

    id = AutoField()
    kind = CharField()
    number = CharField(null=True)
    status = CharField(default="draft")
    customer = ForeignKeyField(Customer, backref="documents", on_delete="RESTRICT")
    date = DateField()
    valid_until = DateField(null=True)
    due_date = DateField(null=True)
    currency = CharField()
    language = CharField()
    price_list = ForeignKeyField(
        PriceList, null=True, column_name="price_list_id", on_delete="SET NULL"
    )
    terms = CharField()
    payment_method = CharField()
    tax_treatment = CharField(default="standard")
    contract = ForeignKeyField(Contract, null=True, on_delete="SET NULL")
    billing_name = CharField()
    billing_street = TextField(default="")
    billing_postal_code = CharField(default="")
    billing_city = CharField(default="")
    billing_country = CharField(default="")
    customer_vat = CharField(default="")
    customer_siren = CharField(default="")
    delivery_street = TextField(default="")
    delivery_postal_code = CharField(default="")
    delivery_city = CharField(default="")
    delivery_country = CharField(default="")
    reference = CharField(default="")
    notes = TextField(default="")
    # The quote an invoice was made from.
    source = ForeignKeyField("self", null=True, backref="derived", on_delete="RESTRICT")
    version = IntegerField(default=1)
    created_at = DateTimeField()
    created_by = CharField()
    updated_at = DateTimeField()
    updated_by = CharField()

    # The foreign keys' raw ids, which Peewee adds beside each field.
    customer_id: int
    price_list_id: int | None
    contract_id: int | None
    source_id: int | None

    class Meta:
        indexes = ((("kind", "number"), True), (("customer", "date"), False))


class DocumentLine(BaseModel):
    """One line. `net` is the line's net amount in minor units, rounded once when the line
    is written (EN 16931 BR-LIN); `rule` names what priced it (models.pricing)."""

    id = AutoField()
    document = ForeignKeyField(Document, backref="lines", on_delete="CASCADE")
    position = IntegerField()
    item = ForeignKeyField(Item, null=True, on_delete="SET NULL")
    code = CharField(default="")
    description = TextField()
    unit = CharField(default="")
    quantity = ScaledDecimalField(QUANTITY_PLACES)
    unit_price = ScaledDecimalField(PRICE_PLACES)
    discount = ScaledDecimalField(PERCENT_PLACES, default=0)
    vat_rate = ScaledDecimalField(PERCENT_PLACES)
    net = IntegerField()
    rule = CharField(default="manual")
    rule_detail = CharField(default="")
    item_id: int | None
