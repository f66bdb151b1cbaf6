"""SVG snapshots of the document editor (a quote, an invoice being typed, an issued one) and
the quote list at 80×24, named after the state the operator sees. Fixed data, frozen clock
(2026-03-14), no cursor blink."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from form_pilot import type_text
from textual.pilot import Pilot
from tui_pilot import OPERATOR, add_customer, app_for, settle

from models.catalog import ItemInput, create_item
from models.contracts import ContractInput, ContractItemInput, add_contract
from models.document_records import DocumentInput, LineInput
from models.quotes import accept_quote, create_quote, decline_quote

pytestmark = pytest.mark.usefixtures("company", "instant_search")


def seed() -> None:
    create_item(ItemInput("CAF-250", "Café moulu 250 g", "", "paquet", "4.20", "5.5"), OPERATOR)
    create_item(ItemInput("MACH", "Machine expresso", "", "", "899", "20"), OPERATOR)
    fernandez = add_customer("Boulangerie Fernandez [SARL]")
    papadopoulos = add_customer("Φούρνος Παπαδόπουλος", city="Αθήνα", country="GR")
    add_contract(
        fernandez,
        ContractInput(
            name="Accord 2026",
            valid_from="2026-01-01",
            items=(ContractItemInput("CAF-250", "3.90"),),
        ),
        OPERATOR,
    )
    for number, lines in (
        (fernandez, (LineInput("MACH"),)),
        (papadopoulos, (LineInput("CAF-250", quantity="40"),)),
        (fernandez, (LineInput(description="Installation", unit_price="120", vat_rate="20"),)),
    ):
        create_quote(DocumentInput(customer=number, lines=lines), OPERATOR)
    accept_quote("D-2026-00001", OPERATOR)
    decline_quote("D-2026-00002", OPERATOR)


def quote_typed(pilot_keys: tuple[str, ...]) -> Callable[[Pilot[Any]], Awaitable[None]]:
    async def run_before(pilot: Pilot[Any]) -> None:
        app = pilot.app
        await settle(app, pilot)
        await pilot.press("f5")
        await settle(app, pilot)
        for keys in pilot_keys:
            if keys.startswith("!"):
                await pilot.press(keys[1:])
            else:
                await type_text(pilot, keys)
            await settle(app, pilot)

    return run_before


@pytest.mark.parametrize(
    "keys",
    [
        pytest.param((), id="Quote list, every status"),
        pytest.param(
            (
                "!ctrl+n",
                "fernan",
                "!enter",
                "caf",
                "!enter",
                "10",
                "!enter",
                "Livraison",
                "!enter",
                "15",
                "!enter",
                "mach",
            ),
            id="New quote, two lines and an item being chosen",
        ),
    ],
)
def test_documents(snap_compare: Any, db_path: Path, keys: tuple[str, ...]) -> None:
    seed()
    assert snap_compare(app_for(db_path), terminal_size=(80, 24), run_before=quote_typed(keys))


def editor_opened(document: int | None, customer: str | None, keys: tuple[str, ...]) -> Any:
    async def run_before(pilot: Pilot[Any]) -> None:
        from screens.document_editor import DocumentEditorScreen

        app = pilot.app
        await settle(app, pilot)
        app.push_screen(DocumentEditorScreen("invoice", document, customer))
        await settle(app, pilot)
        for text in keys:
            await type_text(pilot, text)
            await settle(app, pilot)
            await pilot.press("enter")
            await settle(app, pilot)

    return run_before


def test_invoice_being_typed(snap_compare: Any, db_path: Path) -> None:
    """A new invoice with two lines, its due date from the terms."""
    seed()
    run_before = editor_opened(None, "C000001", ("caf", "10", "Livraison", "15"))
    assert snap_compare(app_for(db_path), terminal_size=(80, 24), run_before=run_before)


def test_issued_invoice_read_only(snap_compare: Any, db_path: Path) -> None:
    """An issued invoice: its number, who issued it and what it still owes; no input."""
    from dataclasses import replace

    from models.demo import demo_settings
    from models.invoices import create_invoice, issue_invoice
    from models.settings import load_settings, save_settings

    seed()
    siren = demo_settings().company_siren
    save_settings(replace(load_settings(), company_street="4 rue Oberkampf", company_siren=siren))
    lines = (LineInput("CAF-250", quantity="10"), LineInput("MACH"))
    draft = create_invoice(DocumentInput(customer="C000001", lines=lines), OPERATOR)
    issue_invoice(draft.id, OPERATOR)
    run_before = editor_opened(draft.id, None, ())
    assert snap_compare(app_for(db_path), terminal_size=(80, 24), run_before=run_before)
