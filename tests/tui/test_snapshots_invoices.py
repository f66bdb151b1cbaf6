"""SVG snapshot of the invoice list at 80×24, named after the state the operator sees.
Fixed data, frozen clock (2026-03-14), no cursor blink (tests/tui/conftest.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from tui_pilot import app_for, settle

from models.credit_notes import credit_invoice
from models.demo import demo_settings
from models.document_records import LineInput
from models.settings import save_settings
from tests.models.sales_fixtures import OPERATOR, add_customer, issued_invoice, make_invoice


def seed() -> None:
    """Every status once: overdue, paid (credited in full), partly paid, open, credit
    notes applied, and a draft; names that would be markup or need Greek shown as typed."""
    save_settings(demo_settings())
    dupont = add_customer("Dupont [SARL]", terms="30d")
    fournos = add_customer("Φούρνος Παπαδόπουλος", city="Αθήνα", terms="30d")
    martin = add_customer("Boulangerie Martin", terms="30d")

    def service(price: str) -> LineInput:
        return LineInput(description="Prestation", unit_price=price, vat_rate="20")

    issued_invoice(dupont, service("1250"), date="2026-01-12", due_date="2026-02-11")
    issued_invoice(fournos, service("84.50"), date="2026-02-02")
    issued_invoice(martin, service("420"), date="2026-02-27")
    issued_invoice(dupont, service("96"), date="2026-03-09")
    credit_invoice("F-2026-00002", OPERATOR)
    credit_invoice("F-2026-00003", OPERATOR, amount="60")
    make_invoice(martin, service("33.25"), date="2026-03-13")


async def open_invoices(pilot: Pilot[Any]) -> None:
    await settle(pilot.app, pilot)
    await pilot.press("f3")
    await settle(pilot.app, pilot)
    await pilot.press("down", *["down"] * 6)  # to the list, then its last row: overdue
    await settle(pilot.app, pilot)


@pytest.fixture(autouse=True)
def instant_list(monkeypatch: pytest.MonkeyPatch) -> None:
    import screens.period_filter_bar

    monkeypatch.setattr(screens.period_filter_bar, "THROTTLE_S", 0)


def test_invoice_list_statuses_mixed(snap_compare: Any, db: object, db_path: Path) -> None:
    seed()
    assert snap_compare(app_for(db_path), terminal_size=(80, 24), run_before=open_invoices)
