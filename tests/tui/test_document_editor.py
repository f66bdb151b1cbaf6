"""A quote entered by keys alone: the customer found by typing, lines from items and free
text priced by the customer's contract, live totals, saved, its status changed, its PDF
saved; and the refusals a user meets on the way."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from form_pilot import type_text
from textual.app import App
from textual.pilot import Pilot
from tui_pilot import OPERATOR, add_customer, app_for, screen_text, settle

from models.catalog import ItemInput, create_item
from models.contracts import ContractInput, ContractItemInput, add_contract
from models.customers import get_customer
from models.document_lists import list_documents
from models.documents import get_document

pytestmark = pytest.mark.usefixtures("company", "instant_search")


@pytest.fixture
def catalog(db: object) -> str:
    """Two items, and a prospect whose contract gives one of them a special price."""
    create_item(ItemInput("CAF-250", "Café moulu 250 g", "", "paquet", "4.20", "5.5"), OPERATOR)
    create_item(ItemInput("MACH", "Machine expresso", "", "", "899", "20"), OPERATOR)
    number = add_customer("Boulangerie Fernandez")
    add_contract(
        number,
        ContractInput(
            name="Accord 2026",
            valid_from="2026-01-01",
            items=(ContractItemInput("CAF-250", "3.90"),),
        ),
        OPERATOR,
    )
    return number


async def new_quote_for(app: App[Any], pilot: Pilot[Any], search: str) -> None:
    await settle(app, pilot)
    await pilot.press("f5")
    await settle(app, pilot)
    await pilot.press("ctrl+n")
    await settle(app, pilot)
    await type_text(pilot, search)
    await settle(app, pilot)
    await pilot.press("enter")
    await settle(app, pilot)


async def add_line(app: App[Any], pilot: Pilot[Any], text: str, *then: str) -> None:
    await type_text(pilot, text)
    await settle(app, pilot)
    await pilot.press("enter")
    await settle(app, pilot)
    for keys in then:
        await type_text(pilot, keys)
        await pilot.press("enter")
        await settle(app, pilot)


async def test_a_quote_entered_by_keys_alone(db_path: Path, catalog: str) -> None:
    app = app_for(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await new_quote_for(app, pilot, "fernan")
        assert "Boulangerie Fernandez" in screen_text(app)
        assert "contract Accord 2026" in screen_text(app)
        await add_line(app, pilot, "caf", "10")  # the contract's 3.90 × 10
        await add_line(app, pilot, "Livraison express", "15")  # free text, its price
        await add_line(app, pilot, "mach", "2")
        shown = screen_text(app)
        assert "CAF-250 Café moulu 250 g" in shown and "39.00" in shown
        assert "Livraison express" in shown and "15.00" in shown
        assert "1,798.00" in shown
        # 39.00 at 5.5 % → 2.15; 1,813.00 at 20 % → 362.60; total 2,216.75.
        assert "Total €2,216.75" in shown
        assert "5.5%: €2.15 on €39.00" in shown
        await pilot.press("ctrl+l")
        await settle(app, pilot)
        assert "Line 3 · priced by: catalog price" in screen_text(app)
        await pilot.press("up", "up")
        await settle(app, pilot)
        assert "Line 1 · priced by: contract price (Accord 2026)" in screen_text(app)
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        [quote] = list_documents("quote")
        assert quote.number == "D-2026-00001"
        assert quote.totals.total == 221675
        assert "D-2026-00001" in screen_text(app)


async def test_status_changes_and_the_prospect_becomes_a_customer(
    db_path: Path, catalog: str
) -> None:
    app = app_for(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await new_quote_for(app, pilot, "fernan")
        await add_line(app, pilot, "mach", "1")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        await pilot.press("ctrl+t")
        await settle(app, pilot)
        assert "The customer accepted it" in screen_text(app)
        await pilot.press("a")
        await settle(app, pilot)
        assert get_customer(catalog).status == "customer"
        assert "accepted" in screen_text(app)
        await pilot.press("ctrl+t", "i")  # made into an invoice draft, opened at once
        await settle(app, pilot)
        [draft] = list_documents("invoice")
        assert get_document(draft.id).lines[0].unit_price == 899
        assert "Invoice draft" in screen_text(app) or "invoice draft" in screen_text(app)


async def test_a_refused_quantity_is_explained_and_nothing_is_added(
    db_path: Path, catalog: str
) -> None:
    app = app_for(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await new_quote_for(app, pilot, "fernan")
        await add_line(app, pilot, "caf", "x")
        assert "Not a number." in screen_text(app)
        assert "No line yet." in screen_text(app)


async def test_the_pdf_is_saved_from_the_quote(db_path: Path, catalog: str, tmp_path: Path) -> None:
    app = app_for(db_path)
    target = tmp_path / "devis.pdf"
    async with app.run_test(size=(80, 24)) as pilot:
        await new_quote_for(app, pilot, "fernan")
        await add_line(app, pilot, "caf", "3")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        await pilot.press("ctrl+r")
        await settle(app, pilot)
        # The customer speaks French: the document does, whatever the operator speaks.
        assert "Devis  D-2026-00001" in screen_text(app)
        await pilot.press("ctrl+a", "ctrl+k")
        await type_text(pilot, str(target))
        await pilot.press("enter")
        await settle(app, pilot)
        assert target.exists()
        # The line under the path says where it went (read whole: a long path wraps).
        status = app.screen.query_one("#save-status")
        assert str(status.render()).strip() == f"Saved: {target}"


async def test_a_customer_nobody_matches_is_said_so(db_path: Path, catalog: str) -> None:
    app = app_for(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await new_quote_for(app, pilot, "zzqx")
        assert "No customer found for “zzqx”" in screen_text(app)
        await pilot.press(*["backspace"] * 4)
        await type_text(pilot, "fernandez")
        await settle(app, pilot)
        await pilot.press("enter")
        await settle(app, pilot)
        assert "C000001  Boulangerie Fernandez" in screen_text(app)
