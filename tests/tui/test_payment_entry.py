"""Recording payments by keys at 80×24: a partial payment from the invoice list, an
overpayment that becomes credit, a manual allocation and the refusals at their fields, a
payment refused because the invoice was paid meanwhile, and mark paid then undo. The clock
is frozen at 2026-03-14 (tests/tui/conftest.py)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from form_pilot import FormHost, type_text
from textual.app import App
from textual.pilot import Pilot
from tui_pilot import app_for, screen_text, settle

from models.balances import customer_balances
from models.customers import customer_history
from models.demo import demo_settings
from models.document_records import LineInput
from models.document_tables import Allocation, Payment
from models.payment_records import get_payment
from models.payments import mark_paid
from models.settings import save_settings
from screens.payment_entry import PaymentEntryScreen
from tests.models.sales_fixtures import OPERATOR, add_customer, issued_invoice


@pytest.fixture(autouse=True)
def instant_list(monkeypatch: pytest.MonkeyPatch) -> None:
    import screens.customers
    import screens.period_filter_bar

    monkeypatch.setattr(screens.customers, "THROTTLE_S", 0)
    monkeypatch.setattr(screens.period_filter_bar, "THROTTLE_S", 0)


def service(price: str) -> LineInput:
    return LineInput(description="Prestation", unit_price=price, vat_rate="20")


@pytest.fixture
def one_invoice(db: object) -> str:
    """One invoice of 120.00, due 31 March: not yet due on the frozen 14 March."""
    save_settings(demo_settings())
    martin = add_customer("Boulangerie Martin", status="customer", terms="30d")
    issued_invoice(martin, service("100"), date="2026-03-01")
    return martin


@pytest.fixture
def two_invoices(db: object) -> str:
    """Invoices of 100.00 (due first) and 50.00."""
    save_settings(demo_settings())
    garage = add_customer("Garage Dupuis", status="customer", terms="30d")
    issued_invoice(garage, service("83.33"), date="2026-02-10")
    issued_invoice(garage, service("41.67"), date="2026-03-02")
    return garage


def row_of(app: App[Any], number: str) -> str:
    """The line of the list (of invoices, or of open debits) that starts with `number`."""
    return next(line for line in screen_text(app).splitlines() if line.split()[:1] == [number])


def notices(app: App[Any]) -> list[str]:
    return [n.message for n in app._notifications]


async def to_invoice_list(app: App[Any], pilot: Pilot[Any]) -> None:
    await settle(app, pilot)
    await pilot.press("f3")
    await settle(app, pilot)
    await pilot.press("down")  # to the list
    await settle(app, pilot)


async def test_a_partial_payment_from_the_invoice_list(db_path: Path, one_invoice: str) -> None:
    app = app_for(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await to_invoice_list(app, pilot)
        await pilot.press("p")
        await settle(app, pilot)
        assert isinstance(app.screen, PaymentEntryScreen)
        shown = screen_text(app)
        assert "Boulangerie Martin" in shown and "owes €120.00" in shown
        # Opened for the invoice: its open amount, set against it.
        assert "120.00" in app.screen.query_one("#pay-amount").value
        await type_text(pilot, "50")  # over it
        await settle(app, pilot)
        row = row_of(app, "F-2026-00001").split()
        assert row[-3:] == ["120.00", "50.00", "70.00"]
        assert "Allocated 50.00 of 50.00 EUR · nothing left over" in screen_text(app)
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert type(app.screen).__name__ == "InvoicesScreen"
        assert "Payment #1 recorded · 50.00 EUR" in notices(app)
        row = row_of(app, "F-2026-00001")
        assert "partly paid" in row and "€70.00" in row


async def test_an_overpayment_becomes_the_customers_credit(
    db_path: Path, two_invoices: str
) -> None:
    app = FormHost(lambda: PaymentEntryScreen())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        # Opened without a customer (from the payments list): found by typing.
        await type_text(pilot, "garage")
        await settle(app, pilot)
        await pilot.press("enter")
        await settle(app, pilot)
        assert "allocated oldest due first" in screen_text(app)
        await type_text(pilot, "200")
        await settle(app, pilot)
        assert row_of(app, "F-2026-00001").split()[-3:] == ["100.00", "100.00", "0.00"]
        assert row_of(app, "F-2026-00002").split()[-3:] == ["50.00", "50.00", "0.00"]
        shown = screen_text(app)
        assert "Allocated 150.00 of 200.00 EUR" in shown
        assert "Left over: 50.00 EUR — becomes the customer's credit" in shown
        await pilot.press("escape")  # something was typed: asked first
        await settle(app, pilot)
        assert "Leave without recording this payment?" in screen_text(app)
        await pilot.press("n")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
    assert "Payment #1 recorded · 200.00 EUR · credit 50.00" in notices(app)
    assert app.result == 1
    assert customer_balances([two_invoices]) == {two_invoices: Decimal("-50.00")}


async def test_a_manual_allocation_and_what_is_refused(db_path: Path, two_invoices: str) -> None:
    app = FormHost(lambda: PaymentEntryScreen(two_invoices))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await type_text(pilot, "40")
        await settle(app, pilot)
        first, second = app.screen.query(".allocation-input").results()
        assert (first.value, second.value) == ("40.00", "")
        # Typing into a row: manual; the first invoice is cleared, the second takes 50.
        first.focus()
        await pilot.press("ctrl+u")
        second.focus()
        await type_text(pilot, "50")
        await settle(app, pilot)
        shown = screen_text(app)
        assert "manual allocation" in shown
        assert "Amount: Allocated 50.00 EUR, 10.00 more than the payment." in shown
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert "Nothing saved: see what is marked ⚠." in notices(app)
        assert Payment.select().count() == 0
        # More than the invoice still asks: said at its row.
        await pilot.press("ctrl+u")
        await type_text(pilot, "60")
        await settle(app, pilot)
        assert "More than the 50.00 still due." in screen_text(app)
        await pilot.press("ctrl+u")
        await type_text(pilot, "40")
        # Meanwhile someone marks the second invoice paid: refused, the rows read again.
        mark_paid("F-2026-00002", OPERATOR)
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        shown = screen_text(app)
        assert "⚠ Nothing saved: F-2026-00002" in shown
        assert "F-2026-00002" not in shown.split("Left after")[1]
        assert Payment.select().count() == 1
        # Ctrl+O: oldest first again, onto what is still open.
        await pilot.press("ctrl+o")
        await settle(app, pilot)
        assert row_of(app, "F-2026-00001").split()[-3:] == ["100.00", "40.00", "60.00"]
        await pilot.press("ctrl+s")
        await settle(app, pilot)
    record = get_payment(app.result)
    assert [(a.reference, a.amount) for a in record.allocations] == [("F-2026-00001", 4000)]


async def test_mark_paid_then_undo_from_the_invoice_list(db_path: Path, one_invoice: str) -> None:
    app = app_for(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await to_invoice_list(app, pilot)
        assert "open" in row_of(app, "F-2026-00001")
        await pilot.press("m")
        await settle(app, pilot)
        assert "F-2026-00001 marked paid · 120.00 EUR · Undo: Ctrl+Z" in notices(app)
        assert "paid" in row_of(app, "F-2026-00001").split()
        footer = screen_text(app).splitlines()[-1]
        assert "Undo" in footer and "Mark paid" not in footer
        await pilot.press("u")
        await settle(app, pilot)
        assert "open" in row_of(app, "F-2026-00001").split()
        assert "Undo" not in screen_text(app).splitlines()[-1]
        assert "Undone: payment #1 reversed by #2; F-2026-00001 is owed again." in notices(app)
    # Nothing deleted: the payment and its reversal; the allocation to the invoice, its
    # taking back, and the reversal set against the payment.
    assert [(p.kind, p.amount) for p in Payment.select().order_by(Payment.id)] == [
        ("payment", 12000),
        ("reversal", 12000),
    ]
    allocations = Allocation.select().order_by(Allocation.id)
    assert [a.amount for a in allocations] == [12000, -12000, 12000]
    reversal = customer_history(one_invoice)[0]
    assert reversal.kind == "payment_reversed" and "undo" in reversal.summary
