"""Shared set-up of the sales tests (catalog, pricing, contracts, quotes, printing): the
demo company, items, customers and quotes made through the services, as a user would."""

from __future__ import annotations

import datetime as dt

import pytest

from models import clock
from models.catalog import ItemInput, ItemRecord, create_item
from models.customer_records import CustomerInput
from models.customers import create_customer
from models.demo import demo_settings
from models.document_records import DocumentInput, DocumentRecord, LineInput
from models.quotes import create_quote
from models.settings import Settings, load_settings, save_settings

OPERATOR = "alice"
TODAY = dt.date(2026, 3, 14)


def open_shop(monkeypatch: pytest.MonkeyPatch, today: dt.date = TODAY) -> Settings:
    """The demo company (Paris, EUR, French VAT rates) with the calendar frozen on
    `today`; returns its settings."""
    monkeypatch.setattr(clock, "today", lambda: today)
    save_settings(demo_settings())
    return load_settings()


def add_item(code: str, price: str, rate: str = "20", name: str = "", unit: str = "") -> ItemRecord:
    return create_item(ItemInput(code, name or f"Article {code}", "", unit, price, rate), OPERATOR)


def add_customer(name: str, **fields: str) -> str:
    """A new customer (a prospect unless `status` says otherwise); returns its number."""
    data = CustomerInput(name=name, **fields)  # type: ignore[arg-type]
    return create_customer(data, OPERATOR, force=True).number


def line(item: str = "", quantity: str = "1", **fields: str) -> LineInput:
    return LineInput(item=item, quantity=quantity, **fields)


def make_quote(customer: str, *lines: LineInput, **header: object) -> DocumentRecord:
    return create_quote(DocumentInput(customer, lines=tuple(lines), **header), OPERATOR)  # type: ignore[arg-type]


def make_invoice(customer: str, *lines: LineInput, **header: object) -> DocumentRecord:
    """An invoice draft (unnumbered)."""
    from models.invoices import create_invoice

    return create_invoice(DocumentInput(customer, lines=tuple(lines), **header), OPERATOR)  # type: ignore[arg-type]


def issued_invoice(customer: str, *lines: LineInput, **header: object) -> DocumentRecord:
    """An invoice made and issued at once."""
    from models.invoices import issue_invoice

    return issue_invoice(make_invoice(customer, *lines, **header).id, OPERATOR)
