"""SVG snapshots of the payment list and of one payment at 80×24, named after the state the
operator sees. Fixed data, frozen clock (2026-03-14), no cursor blink
(tests/tui/conftest.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from tui_pilot import app_for, settle

from models.demo import demo_settings
from models.document_records import LineInput
from models.payments import PaymentInput, record_payment, refund, reverse_payment
from models.settings import save_settings
from tests.models.sales_fixtures import OPERATOR, add_customer, issued_invoice


def seed() -> None:
    """Every kind once: payments (one with credit left, one reversed), a refund and a
    reversal; names that would be markup or need Greek shown as typed."""
    save_settings(demo_settings())
    dupont = add_customer("Dupont [SARL]")
    fournos = add_customer("Φούρνος Παπαδόπουλος", city="Αθήνα")
    martin = add_customer("Boulangerie Martin")

    def service(price: str) -> LineInput:
        return LineInput(description="Prestation", unit_price=price, vat_rate="20")

    issued_invoice(dupont, service("1250"), date="2026-01-12")
    issued_invoice(fournos, service("84.50"), date="2026-02-02")
    issued_invoice(martin, service("420"), date="2026-02-27")
    record_payment(
        PaymentInput(dupont, "1600", date="2026-02-10", method="transfer",
                     reference="VIR [SEPA] 0042"),
        OPERATOR,
    )  # fmt: skip
    record_payment(PaymentInput(fournos, "101.40", date="2026-02-20", method="cash"), OPERATOR)
    record_payment(PaymentInput(martin, "504", date="2026-03-02", method="cheque"), OPERATOR)
    refund(dupont, "50", OPERATOR, date="2026-03-05", method="transfer", sources=["#1"])
    reverse_payment("#3", OPERATOR, date="2026-03-09", reason="cheque returned")


@pytest.fixture(autouse=True)
def instant_list(monkeypatch: pytest.MonkeyPatch) -> None:
    import screens.period_filter_bar

    monkeypatch.setattr(screens.period_filter_bar, "THROTTLE_S", 0)


async def open_payments(pilot: Pilot[Any]) -> None:
    await settle(pilot.app, pilot)
    await pilot.press("ctrl+p", *"Paym", "enter")
    await settle(pilot.app, pilot)
    await pilot.press("down", "down", "down")  # to the list, on the reversed payment
    await settle(pilot.app, pilot)


async def open_payment(pilot: Pilot[Any]) -> None:
    from screens.payment_detail import PaymentDetailScreen

    await settle(pilot.app, pilot)
    pilot.app.push_screen(PaymentDetailScreen(1))
    await settle(pilot.app, pilot)


def test_payment_list_kinds_mixed(snap_compare: Any, db: object, db_path: Path) -> None:
    seed()
    assert snap_compare(app_for(db_path), terminal_size=(80, 24), run_before=open_payments)


def test_payment_with_credit_partly_refunded(snap_compare: Any, db: object, db_path: Path) -> None:
    seed()
    assert snap_compare(app_for(db_path), terminal_size=(80, 24), run_before=open_payment)
