"""The payment list and the payment detail driven by keys at 80×24: the list, its filters
and sums; a payment opened, reversed, and the invoice it paid open again; a credit paid
back in part, applied to an invoice, moved to another, and the refusal to reverse it
when another operator did meanwhile. The clock is frozen at 2026-03-14
(tests/tui/conftest.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from form_pilot import type_text
from textual.app import App
from textual.pilot import Pilot
from tui_pilot import app_for, screen_text, settle

from models.demo import demo_settings
from models.document_records import LineInput
from models.payments import PaymentInput, record_payment, reverse_payment
from models.settings import save_settings
from tests.models.sales_fixtures import OPERATOR, add_customer, issued_invoice


@pytest.fixture(autouse=True)
def instant_list(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each keystroke in the search reads the list at once: tests wait for workers."""
    import screens.customers
    import screens.period_filter_bar

    monkeypatch.setattr(screens.customers, "THROTTLE_S", 0)
    monkeypatch.setattr(screens.period_filter_bar, "THROTTLE_S", 0)


def service(price: str) -> LineInput:
    return LineInput(description="Prestation", unit_price=price, vat_rate="20")


@pytest.fixture
def shop(db: object) -> dict[str, str]:
    """Martin: F-2026-00001 (120) paid by #1, 150 by card, 30 left. Garage: F-2026-00002
    (240) paid by #2 (transfer VIR 0042); F-2026-00003 (60) by #3 (100 by cheque, 40
    left); F-2026-00004 (48) issued after, open."""
    save_settings(demo_settings())
    martin = add_customer("Boulangerie Martin", status="customer")
    garage = add_customer("Garage Dupuis", city="Nantes")
    issued_invoice(martin, service("100"), date="2026-02-01")
    issued_invoice(garage, service("200"), date="2026-02-20")
    issued_invoice(garage, service("50"), date="2026-03-01")
    record_payment(PaymentInput(martin, "150", date="2026-03-02", method="card"), OPERATOR)
    record_payment(
        PaymentInput(garage, "240", date="2026-03-05", method="transfer", reference="VIR 0042"),
        OPERATOR,
    )
    record_payment(PaymentInput(garage, "100", date="2026-03-06", method="cheque"), OPERATOR)
    issued_invoice(garage, service("40"), date="2026-03-10")
    return {"martin": martin, "garage": garage}


def rows(app: App[Any]) -> dict[str, str]:
    """The list's rows by their number (#id)."""
    return {
        line.split()[0]: line for line in screen_text(app).splitlines() if line.startswith(" #")
    }


async def open_detail(app: App[Any], pilot: Pilot[Any], payment_id: int) -> None:
    from screens.payment_detail import PaymentDetailScreen

    await settle(app, pilot)
    app.push_screen(PaymentDetailScreen(payment_id))
    await settle(app, pilot)


async def test_the_list_its_filters_and_a_reversal(db_path: Path, shop: dict) -> None:
    app = app_for(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("ctrl+p", *"Paym", "enter")
        await settle(app, pilot)
        assert type(app.screen).__name__ == "PaymentsScreen"
        listed = rows(app)
        assert list(listed) == ["#3", "#2", "#1"]
        assert "Garage Dupuis" in listed["#3"] and "€100.00" in listed["#3"]
        assert listed["#3"].rstrip().endswith("€40.00")  # credit left
        assert listed["#2"].rstrip().endswith("€240.00")  # all of it allocated
        shown = screen_text(app)
        assert "3 entries · in €490.00 · out €0.00 · credit left €70.00" in shown
        # The highlighted one in full, under the list.
        assert f"payment (money in) · cheque · {shop['garage']} Garage Dupuis" in shown

        await type_text(pilot, "vir 00")  # the bank's reference
        await settle(app, pilot)
        assert list(rows(app)) == ["#2"]
        await pilot.press("ctrl+u")
        await type_text(pilot, "gar")
        await settle(app, pilot)
        assert list(rows(app)) == ["#3", "#2"]
        await pilot.press("ctrl+o")  # by bank transfer
        await settle(app, pilot)
        assert list(rows(app)) == ["#2"]
        assert "every kind (Ctrl+T) · by bank transfer (Ctrl+O)" in screen_text(app)

        await pilot.press("enter")  # on to the list
        await pilot.press("enter")  # opens #2
        await settle(app, pilot)
        detail = screen_text(app)
        assert "#2  payment · money in" in detail
        assert "VIR 0042" in detail and "bank transfer" in detail
        assert "F-2026-00002" in detail and "€240.00 · credit left €0.00" in detail

        await pilot.press("x")
        await settle(app, pilot)
        assert "Reverse #2?" in screen_text(app)
        await type_text(pilot, "error")
        await pilot.press("enter")
        await settle(app, pilot)
        detail = screen_text(app)
        assert "✗ reversed by #4" in detail
        assert "-€240.00  reversal of #2" in detail
        assert "x Reverse" not in detail  # nothing more to do with it

        await pilot.press("escape")  # back to the list, read again
        await settle(app, pilot)
        listed = rows(app)
        assert list(listed) == ["#4", "#2"]
        assert "reversal" in listed["#4"] and "-€240.00" in listed["#4"]
        assert listed["#4"].rstrip().endswith("reverses #2")
        assert listed["#2"].rstrip().endswith("reversed")

        await pilot.press("f3")  # the invoice it paid is open again
        await settle(app, pilot)
        invoice = next(line for line in screen_text(app).splitlines() if "F-2026-00002" in line)
        assert invoice.rstrip().endswith("open") and "€240.00" in invoice


async def test_a_credit_refunded_applied_moved_then_reversed_meanwhile(
    db_path: Path, shop: dict
) -> None:
    app = app_for(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_detail(app, pilot, 3)
        assert "€60.00 · credit left €40.00" in screen_text(app)

        await pilot.press("r")  # part of the credit paid back
        await settle(app, pilot)
        assert "credit left on #3: €40.00" in screen_text(app)
        await type_text(pilot, "1O")  # a letter O: refused at the field
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert "⚠ Not an amount." in screen_text(app)
        await pilot.press("backspace", "0")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        detail = screen_text(app)
        assert "€70.00 · credit left €30.00" in detail
        assert "#4 refund" in detail

        await pilot.press("a")  # the rest to the open invoice
        await settle(app, pilot)
        dialog = screen_text(app)
        assert "F-2026-00004" in dialog and "open €48.00" in dialog
        assert "F-2026-00003" not in dialog  # paid: not offered
        await pilot.press("enter", "enter")  # the invoice, then the amount: 30
        await settle(app, pilot)
        detail = screen_text(app)
        assert "€100.00 · credit left €0.00" in detail
        assert "F-2026-00004" in detail
        assert "r Refund" not in detail and "a Apply" not in detail

        await pilot.press("m")  # what it paid on F-2026-00003 onto F-2026-00004
        await settle(app, pilot)
        assert "€60.00 from #3" in screen_text(app)
        await pilot.press("ctrl+s")  # all that fits: the 18 still open on it
        await settle(app, pilot)
        detail = screen_text(app)
        assert "-€18.00  moved from F-2026-00003 to" in detail
        assert " €18.00  moved from F-2026-00003 to" in detail

        # Another operator reverses it while the dialog is open: the dialog says so.
        await pilot.press("x")
        await settle(app, pilot)
        reverse_payment("#3", "bob")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert "⚠ #3 was already reversed by #5." in screen_text(app)
        await pilot.press("escape")
        await settle(app, pilot)
        assert "✗ reversed by #5" in screen_text(app)
