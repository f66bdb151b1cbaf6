"""Peewee declarations of business documents (quotes, invoices, credit notes) and their
lines, payments and refunds, the allocations that set credits against debits, and
exchange rates.
One table for every kind of document: the editor, the totals and the PDF serve them all.
Money is in minor units; prices, quantities and rates are exact scaled decimals."""

from __future__ import annotations

from peewee import (
    AutoField,
    CharField,
    CompositeKey,
    DateField,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
    TextField,
)

from models.catalog_tables import Contract, Item
from models.fields import (
    EXCHANGE_RATE_PLACES,
    PERCENT_PLACES,
    PRICE_PLACES,
    QUANTITY_PLACES,
    ScaledDecimalField,
)
from models.tables import BaseModel, Customer, PriceList


class Document(BaseModel):
    """`number` is set when the series numbers the document (a quote at creation, an
    invoice when issued). The billing and delivery fields are the document's own copy,
    filled from the customer and overridable. Stored `status` is what an operator did
    (a quote: draft, sent, accepted, declined; an invoice or credit note: draft, issued);
    "expired", "paid", "overdue"… are derived from dates and allocations.

    Issuing snapshots the seller (`seller`, JSON), the customer's kind and every total,
    and chains the document's `hash` to the one before it (`chain_position`). From then
    on database triggers (models.immutability) refuse any change to it or its lines."""

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
    # The quote an invoice was made from; the invoice a credit note corrects.
    source = ForeignKeyField("self", null=True, backref="derived", on_delete="RESTRICT")
    # The date of the sale or service, when it differs from the document's date.
    service_date = DateField(null=True)
    issued_at = DateTimeField(null=True)
    issued_by = CharField(null=True)
    customer_kind = CharField(default="")
    seller = TextField(default="")
    total_excl = IntegerField(null=True)
    total_tax = IntegerField(null=True)
    total = IntegerField(null=True)
    # Units of the company's currency for one unit of the document's, on the issue date.
    exchange_rate = ScaledDecimalField(EXCHANGE_RATE_PLACES, null=True)
    chain_position = IntegerField(null=True, unique=True)
    hash = CharField(default="")
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
        indexes = (
            (("kind", "number"), True),
            (("customer", "date"), False),
            (("kind", "date"), False),
            # Covers every column a balance reads (models.balances): summed from the
            # index alone, a million invoices take a tenth of the time (migration v6).
            (("customer", "status", "currency", "date", "kind", "total"), False),
        )


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
    # On a credit note: the invoice line it gives back (some or all of its quantity).
    credited_line = ForeignKeyField("self", null=True, on_delete="RESTRICT")
    item_id: int | None
    document_id: int
    credited_line_id: int | None


class Payment(BaseModel):
    """Money that moved between the shop and a customer, never changed nor deleted.
    `direction` "in" is a credit to the customer's account (a payment received, or the
    reversal of a refund), "out" a debit (a refund paid, or the reversal of a payment).
    A reversal names the entry it undoes in `reverses`. `amount` is positive, in minor
    units of `currency`; `exchange_rate` converts it to the company's currency on `date`."""

    id = AutoField()
    customer = ForeignKeyField(Customer, backref="payments", on_delete="RESTRICT")
    direction = CharField()
    kind = CharField()
    date = DateField()
    amount = IntegerField()
    currency = CharField()
    exchange_rate = ScaledDecimalField(EXCHANGE_RATE_PLACES, null=True)
    method = CharField()
    reference = CharField(default="")
    note = TextField(default="")
    reverses = ForeignKeyField("self", null=True, unique=True, on_delete="RESTRICT")
    created_at = DateTimeField()
    created_by = CharField()
    customer_id: int
    reverses_id: int | None

    class Meta:
        indexes = (
            (("customer", "date"), False),
            # Covers what a balance reads, as on documents.
            (("customer", "currency", "date", "direction", "amount"), False),
        )


class Allocation(BaseModel):
    """Part of a credit (a credit note, or money in) set against a debit (an invoice, or
    money out), on `date`. Rows are only ever added: undoing or moving one adds a row
    of the opposite sign, so what was allocated on any past date can still be read.
    A debit's open amount is its total less its allocations, a credit's unapplied
    amount is its total less what it allocated."""

    id = AutoField()
    invoice = ForeignKeyField(Document, null=True, backref="allocations", on_delete="RESTRICT")
    refund = ForeignKeyField(Payment, null=True, backref="covered_by", on_delete="RESTRICT")
    credit_note = ForeignKeyField(
        Document, null=True, backref="allocated", on_delete="RESTRICT"
    )
    payment = ForeignKeyField(Payment, null=True, backref="allocated", on_delete="RESTRICT")
    amount = IntegerField()
    date = DateField()
    note = TextField(default="")
    created_at = DateTimeField()
    created_by = CharField()
    invoice_id: int | None
    refund_id: int | None
    credit_note_id: int | None
    payment_id: int | None


class ExchangeRate(BaseModel):
    """Units of the company's currency for one unit of `currency`, from `date` on (the
    rate of a day is the latest one on or before it)."""

    currency = CharField()
    date = DateField()
    rate = ScaledDecimalField(EXCHANGE_RATE_PLACES)
    updated_at = DateTimeField()
    updated_by = CharField()

    class Meta:
        primary_key = CompositeKey("currency", "date")
