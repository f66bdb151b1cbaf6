"""SVG snapshot of the payment entry at 80×24, named after the state the operator sees.
Fixed data, frozen clock (2026-03-14), no cursor blink (tests/tui/conftest.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from form_pilot import type_text
from textual.pilot import Pilot
from tui_pilot import app_for, settle

from models.demo import demo_settings
from models.document_records import LineInput
from models.settings import save_settings
from screens.payment_entry import PaymentEntryScreen
from tests.models.sales_fixtures import add_customer, issued_invoice


def seed() -> str:
    """Two open invoices, the first overdue; a name that would be markup."""
    save_settings(demo_settings())
    dupont = add_customer("Dupont [SARL]", terms="30d")

    def service(price: str) -> LineInput:
        return LineInput(description="Prestation", unit_price=price, vat_rate="20")

    issued_invoice(dupont, service("100"), date="2026-01-12")
    issued_invoice(dupont, service("250"), date="2026-03-02")
    return dupont


def test_payment_entry_amount_typed_with_credit_left_over(
    snap_compare: Any, db: object, db_path: Path
) -> None:
    number = seed()

    async def type_amount(pilot: Pilot[Any]) -> None:
        await settle(pilot.app, pilot)
        pilot.app.push_screen(PaymentEntryScreen(number))
        await settle(pilot.app, pilot)
        await type_text(pilot, "450")
        await settle(pilot.app, pilot)

    assert snap_compare(app_for(db_path), terminal_size=(80, 24), run_before=type_amount)
