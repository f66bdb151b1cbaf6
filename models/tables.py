"""Peewee table declarations. Services in the other modules query them; screens never do.

Money columns are integer minor units; timestamps are naive UTC; dates are ISO dates.
"""

from __future__ import annotations

from peewee import (
    AutoField,
    BooleanField,
    CharField,
    DateField,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
    Model,
    TextField,
)

from models.db import database


class BaseModel(Model):
    class Meta:
        database = database
        legacy_table_names = False


class SchemaVersion(BaseModel):
    version = IntegerField()


class Counter(BaseModel):
    """Number series (customers now, documents later): incremented inside `write_txn()`,
    so numbers are never reused and never skipped."""

    name = CharField(primary_key=True)
    value = IntegerField(default=0)


class Setting(BaseModel):
    key = CharField(primary_key=True)
    value = TextField()


class SalesRep(BaseModel):
    code = CharField(primary_key=True)
    name = CharField()
    active = BooleanField(default=True)


class PriceList(BaseModel):
    """Prices per item for a group of customers (resellers, a currency…); a customer's
    default list prices its documents unless a contract says otherwise."""

    id = AutoField()
    name = CharField(unique=True)
    currency = CharField(default="EUR")
    active = BooleanField(default=True)
    version = IntegerField(default=1)
    updated_at = DateTimeField()
    updated_by = CharField()


class Customer(BaseModel):
    id = AutoField()
    number = CharField(unique=True)
    kind = CharField(default="company")
    name = CharField(index=True)
    siren = CharField(default="")
    vat = CharField(default="")
    email = CharField(default="")
    phone = CharField(default="")
    phone_e164 = CharField(default="", index=True)
    street = TextField(default="")
    postal_code = CharField(default="")
    city = CharField(default="")
    country = CharField(default="FR")
    delivery_street = TextField(default="")
    delivery_postal_code = CharField(default="")
    delivery_city = CharField(default="")
    delivery_country = CharField(default="")
    status = CharField(default="prospect", index=True)
    rep = ForeignKeyField(SalesRep, null=True, column_name="rep_code", on_delete="SET NULL")
    terms = CharField(default="30d")
    payment_method = CharField(default="transfer")
    price_list = ForeignKeyField(
        PriceList, null=True, column_name="price_list_id", on_delete="SET NULL"
    )
    currency = CharField(default="EUR")
    credit_limit = IntegerField(null=True)
    language = CharField(default="fr")
    birth_date = DateField(null=True)
    notes = TextField(default="")
    created_at = DateTimeField()
    created_by = CharField()
    updated_at = DateTimeField()
    updated_by = CharField()
    version = IntegerField(default=1)
    # Set when this customer was merged into another: the row stays so its number keeps
    # resolving (search, `show`, documents printed before the merge) to the survivor.
    merged_into = ForeignKeyField(
        "self", null=True, column_name="merged_into_id", backref="merged_from",
        on_delete="RESTRICT",
    )  # fmt: skip
    anonymised_at = DateTimeField(null=True)
    price_list_id: int | None


class DuplicateKey(BaseModel):
    """Blocking keys of the duplicate check (normalised phone, e-mail, SIREN, address,
    name tokens…), one row per key per customer; kept by models.duplicate_keys."""

    key = CharField(index=True)
    customer = ForeignKeyField(Customer, on_delete="CASCADE")

    class Meta:
        primary_key = False


class Contact(BaseModel):
    id = AutoField()
    customer = ForeignKeyField(Customer, backref="contacts", on_delete="CASCADE")
    position = IntegerField(default=0)
    name = CharField()
    role = CharField(default="")
    phone = CharField(default="")
    phone_e164 = CharField(default="")
    email = CharField(default="")


class CustomerEvent(BaseModel):
    """One entry on a customer's timeline; `changes` is JSON [[field, old, new], ...]."""

    id = AutoField()
    customer = ForeignKeyField(Customer, backref="events", on_delete="CASCADE")
    at = DateTimeField(index=True)
    operator = CharField()
    kind = CharField()
    summary = TextField(default="")
    changes = TextField(default="[]")


CORE_TABLES = [
    SchemaVersion, Counter, Setting, SalesRep, PriceList, Customer, Contact, CustomerEvent,
    DuplicateKey,
]  # fmt: skip
