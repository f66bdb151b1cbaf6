"""The last look before issuing an invoice, by keys: the warning when it takes the customer
over its credit limit, and the customer's credit offered to settle it — ticked, so Enter
issues and applies it; unticked with Space, it is left alone; spent meanwhile by someone
else, the invoice is issued all the same and the operator is told."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.app import App
from textual.pilot import Pilot
from tui_pilot import OPERATOR, add_customer, app_for, screen_text, settle

from models.balances import available_credit
from models.catalog import ItemInput, create_item
from models.customers import get_customer
from models.demo import demo_settings
from models.document_records import DocumentInput, LineInput
from models.documents import get_document
from models.invoices import create_invoice, issue_invoice
from models.payments import PaymentInput, apply_credit, record_payment
from models.settings import save_settings
from screens.document_editor import DocumentEditorScreen
from screens.issue_invoice import IssueInvoiceScreen

pytestmark = pytest.mark.usefixtures("instant_search")


@pytest.fixture
def shop(db: object) -> None:
    """The demo company and MACH, 899.00 + 20 % VAT: an invoice of €1,078.80."""
    save_settings(demo_settings())
    create_item(ItemInput("MACH", "Machine expresso", "", "", "899", "20"), OPERATOR)


def draft_for(customer: str) -> int:
    return create_invoice(DocumentInput(customer, lines=(LineInput("MACH"),)), OPERATOR).id


def with_credit(amount: str) -> str:
    """A customer who paid `amount` with nothing to pay: all of it is its credit."""
    customer = add_customer("Boulangerie Fernandez", status="customer")
    record_payment(PaymentInput(customer, amount), OPERATOR)
    return customer


async def ask_to_issue(app: App[Any], pilot: Pilot[Any], draft: int) -> str:
    """Opens the draft, presses Ctrl+E; returns what the confirmation shows."""
    await settle(app, pilot)
    app.push_screen(DocumentEditorScreen("invoice", draft))
    await settle(app, pilot)
    await pilot.press("ctrl+e")
    await settle(app, pilot)
    assert isinstance(app.screen, IssueInvoiceScreen)
    return screen_text(app)


async def press(app: App[Any], pilot: Pilot[Any], *keys: str) -> None:
    for key in keys:
        await pilot.press(key)
        await settle(app, pilot)


def notices(app: App[Any]) -> list[str]:
    return [n.message for n in app._notifications]


async def test_going_over_the_credit_limit_is_warned_of_and_still_issued(
    db_path: Path, shop: None
) -> None:
    customer = add_customer("Minoterie Prudente", status="customer", credit_limit="1000")
    draft = draft_for(customer)
    app = app_for(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        asked = await ask_to_issue(app, pilot, draft)
        assert "⚠ Owed after this invoice: €1,078.80, over the credit limit of" in asked
        assert "€1,000.00" in asked
        assert "Settle it with the customer's credit" not in asked
        await press(app, pilot, "enter")
        assert "F-2026-00001 · issued 14/03/2026 by alice" in screen_text(app)
        assert get_document(draft).number == "F-2026-00001"


async def test_within_the_credit_limit_nothing_is_warned(db_path: Path, shop: None) -> None:
    customer = add_customer("Minoterie Prudente", status="customer", credit_limit="1078.80")
    app = app_for(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        asked = await ask_to_issue(app, pilot, draft_for(customer))
        assert "credit limit" not in asked and "⚠" not in asked


async def test_the_credit_offered_is_applied_on_enter(db_path: Path, shop: None) -> None:
    customer = with_credit("500")
    draft = draft_for(customer)
    app = app_for(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        asked = await ask_to_issue(app, pilot, draft)
        assert "Settle it with the customer's credit (€500.00 available)" in asked
        await press(app, pilot, "enter")
        assert "F-2026-00001 · issued 14/03/2026 by alice · open amount €578.80" in (
            screen_text(app))  # fmt: skip
        assert ("Issued: invoice F-2026-00001 · €1,078.80 · €500.00 of credit applied, "
                "€578.80 left to pay.") in notices(app)  # fmt: skip
    invoice = get_document(draft)
    assert (invoice.status, invoice.open_amount) == ("partial", 57880)
    assert available_credit(get_customer(customer).id, "EUR") == 0


async def test_more_credit_than_the_invoice_pays_it_and_keeps_the_rest(
    db_path: Path, shop: None
) -> None:
    customer = with_credit("1500")
    draft = draft_for(customer)
    app = app_for(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await ask_to_issue(app, pilot, draft)
        await press(app, pilot, "enter")
        assert "open amount €0.00" in screen_text(app)
    assert get_document(draft).status == "paid"
    assert available_credit(get_customer(customer).id, "EUR") == 150000 - 107880


async def test_unticked_the_credit_is_left_untouched(db_path: Path, shop: None) -> None:
    customer = with_credit("500")
    draft = draft_for(customer)
    app = app_for(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await ask_to_issue(app, pilot, draft)
        await press(app, pilot, "space", "enter")
        assert "open amount €1,078.80" in screen_text(app)
    assert get_document(draft).open_amount == 107880
    assert available_credit(get_customer(customer).id, "EUR") == 50000


async def test_credit_spent_meanwhile_leaves_the_invoice_issued_and_says_so(
    db_path: Path, shop: None
) -> None:
    customer = with_credit("500")
    draft = draft_for(customer)
    app = app_for(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await ask_to_issue(app, pilot, draft)
        # Another operator spends the credit on another invoice while the dialog is open.
        other = issue_invoice(draft_for(customer), "bob")
        assert apply_credit(other.number, "bob") == 50000
        await press(app, pilot, "enter")
        assert "F-2026-00002 · issued 14/03/2026" in screen_text(app)
        assert any(n.startswith("The credit was not applied: ") for n in notices(app))
    assert get_document(draft).open_amount == 107880
