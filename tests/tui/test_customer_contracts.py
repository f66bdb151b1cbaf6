"""The customer detail's Contracts and Documents tabs driven by keys: a contract added
with a discount on everything and a special price (the item taken from the completion
list), refusals shown at their field, a contract that priced a quote kept, and the
customer's quotes listed with their total."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from form_pilot import error_under, type_text
from textual.app import App
from textual.pilot import Pilot
from tui_pilot import OPERATOR, add_customer, app_for, screen_text, settle

from models.catalog import ItemInput, create_item
from models.contracts import ContractInput, ContractItemInput, add_contract, customer_contracts
from models.document_records import DocumentInput, LineInput
from models.quotes import create_quote

pytestmark = pytest.mark.usefixtures("company", "instant_search")


def add_bread() -> None:
    create_item(ItemInput(code="PAIN-1", name="Pain de campagne", unit_price="2.40",
                          vat_rate="5.5"), OPERATOR)  # fmt: skip


async def open_tab(app: App[Any], pilot: Pilot[Any], search: str, tab: str) -> None:
    """From the customer list: the customer found by `search`, then tab key `tab`."""
    await settle(app, pilot)
    await type_text(pilot, search)
    await pilot.press("enter")
    await settle(app, pilot)
    assert type(app.screen).__name__ == "CustomerDetailScreen"
    await pilot.press(tab)
    await settle(app, pilot)


def rule_error(app: App[Any]) -> str:
    error = app.screen.query_one(".rule-error")
    return str(error.render()).strip() if error.display else ""


async def test_contract_added_by_keys_is_listed_in_force(db_path: Path) -> None:
    add_bread()
    number = add_customer("Fournil Martin")
    app = app_for(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_tab(app, pilot, "fournil", "3")
        assert "No contract. n adds one." in screen_text(app)
        await pilot.press("n")
        await settle(app, pilot)
        assert type(app.screen).__name__ == "ContractFormScreen"
        await type_text(pilot, "Tarif boulangers")
        # Valid from is today already; Valid to stays empty: open-ended.
        await pilot.press("tab", "tab", "tab")
        await type_text(pilot, "5")
        await pilot.press("ctrl+o")
        await type_text(pilot, "campagne")  # the item found by its name
        await settle(app, pilot)
        await pilot.press("tab")  # takes the one item offered, moves on to the price
        await type_text(pilot, "1,90")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert type(app.screen).__name__ == "CustomerDetailScreen"
        shown = screen_text(app)
        assert "[✓ in force] Tarif boulangers  14 Mar 2026 → open-ended" in shown
        assert "Discount on everything: −5%" in shown
        assert "PAIN-1  Pain de campagne  special price 1.90 EUR" in shown
    (contract,) = customer_contracts(number)
    assert (contract.discount, contract.items[0].unit_price) == (Decimal(5), Decimal("1.90"))


async def test_refusals_are_shown_at_their_field_and_keep_what_was_typed(
    db_path: Path,
) -> None:
    add_bread()
    number = add_customer("Fournil Martin")
    add_contract(number, ContractInput(name="Tarif 2026", valid_from="2026-01-01",
                                       discount="3"), OPERATOR)  # fmt: skip
    app = app_for(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_tab(app, pilot, "fournil", "3")
        await pilot.press("n")
        await settle(app, pilot)
        await type_text(pilot, "Tarif été")
        await pilot.press("ctrl+o")
        await type_text(pilot, "pain-1")
        await settle(app, pilot)
        await pilot.press("tab")
        await type_text(pilot, "2")
        await pilot.press("tab")
        await type_text(pilot, "10")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert "a special price or a discount, not both" in rule_error(app)
        # The focus is on the refused price: Tab, then the discount is cleared.
        await pilot.press("tab", "backspace", "ctrl+s")
        await settle(app, pilot)
        assert rule_error(app) == ""
        assert "overlaps the contract Tarif 2026" in error_under(app, "field-valid_from")
        assert app.screen.query_one("#field-name Input").value == "Tarif été"
        await pilot.press("escape")
        await settle(app, pilot)
        assert type(app.screen).__name__ == "ConfirmScreen"  # typed text is not lost unasked
    assert len(customer_contracts(number)) == 1


async def test_documents_tab_lists_quotes_and_a_contract_they_used_stays(
    db_path: Path,
) -> None:
    create_item(ItemInput(code="FOUR-1", name="Four à sole", unit_price="1100",
                          vat_rate="20"), OPERATOR)  # fmt: skip
    number = add_customer("Fournil Martin")
    rule = ContractItemInput("FOUR-1", unit_price="1028.75")
    add_contract(number, ContractInput(name="Tarif 2026", valid_from="2026-01-01",
                                       items=(rule,)), OPERATOR)  # fmt: skip
    quote = create_quote(DocumentInput(customer=number, lines=(LineInput(item="FOUR-1"),)),
                         OPERATOR)  # fmt: skip
    app = app_for(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_tab(app, pilot, "fournil", "2")
        shown = screen_text(app)
        assert "1 document; Enter opens it." in shown
        row = next(line for line in shown.splitlines() if quote.number in line)
        assert row.split()[:5] == ["quote", quote.number, "14", "Mar", "2026"]
        # The contract's 1,028.75 + 20 % VAT, in the interface language (English here).
        assert row.split()[-2:] == ["draft", "€1,234.50"]
        await pilot.press("3", "x")
        await settle(app, pilot)
        assert type(app.screen).__name__ == "ConfirmScreen"
        await pilot.press("y")
        await settle(app, pilot)
        assert any("give it an end date" in n.message for n in app._notifications)
        assert "Tarif 2026" in screen_text(app)
    assert len(customer_contracts(number)) == 1
