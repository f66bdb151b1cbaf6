"""The credit-note dialog, by keys: the whole invoice (opened from the issued invoice with
Ctrl+K) settles it; a line credited beyond what is left is refused at that line; an amount
including VAT credits part of it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from form_pilot import type_text
from textual.app import App
from textual.pilot import Pilot
from tui_pilot import OPERATOR, add_customer, app_for, screen_text, settle

from models.catalog import ItemInput, create_item
from models.demo import demo_settings
from models.document_lists import list_documents
from models.document_records import DocumentInput, DocumentRecord, LineInput
from models.documents import get_document
from models.invoices import create_invoice, issue_invoice
from models.settings import save_settings
from screens.credit_note import CreditNoteScreen
from screens.document_editor import DocumentEditorScreen

pytestmark = pytest.mark.usefixtures("instant_search")


@pytest.fixture
def invoice(db: object) -> DocumentRecord:
    """F-2026-00001: 10 × 12.40 at 5.5 % and 5 × 8.00 at 20 %, €178.82 in all."""
    save_settings(demo_settings())
    create_item(ItemInput("CAF-250", "Café moulu 250 g", "", "", "12.40", "5.5"), OPERATOR)
    create_item(ItemInput("TAS-01", "Tasse", "", "", "8.00", "20"), OPERATOR)
    customer = add_customer("Boulangerie Martin")
    lines = (LineInput("CAF-250", quantity="10"), LineInput("TAS-01", quantity="5"))
    draft = create_invoice(DocumentInput(customer, lines=lines), OPERATOR)
    return issue_invoice(draft.id, OPERATOR)


async def open_dialog(app: App[Any], pilot: Pilot[Any], number: str, mode_steps: int) -> None:
    """The dialog over the customer list, its mode chosen `mode_steps` down the list."""
    await settle(app, pilot)
    app.push_screen(CreditNoteScreen(number))
    await settle(app, pilot)
    await pilot.press("enter", *["down"] * mode_steps, "enter")
    await settle(app, pilot)


async def test_a_whole_credit_note_settles_the_invoice(
    db_path: Path, invoice: DocumentRecord
) -> None:
    app = app_for(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        app.push_screen(DocumentEditorScreen("invoice", invoice.id))
        await settle(app, pilot)
        await pilot.press("ctrl+k")
        await settle(app, pilot)
        assert "Credit note total €178.82" in screen_text(app)
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert get_document(invoice.id).status == "paid"
        assert "open amount €0.00" in screen_text(app)
        [note] = list_documents("credit_note")
        assert note.number == "A-2026-00001"


async def test_a_quantity_above_what_is_left_is_refused_at_its_line(
    db_path: Path, invoice: DocumentRecord
) -> None:
    app = app_for(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_dialog(app, pilot, invoice.number, 1)
        await pilot.press("tab")
        await type_text(pilot, "11")
        await pilot.press("tab")
        await type_text(pilot, "2")
        await settle(app, pilot)
        assert "Credit note total €163.10" in screen_text(app)  # 136.40 + 7.50, 16.00 + 3.20
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert "⚠ At most 10 of this line is left to credit." in screen_text(app)
        assert list_documents("credit_note") == []
        assert isinstance(app.screen, CreditNoteScreen)


async def test_an_amount_credits_part_of_the_invoice(
    db_path: Path, invoice: DocumentRecord
) -> None:
    app = app_for(db_path)
    numbers: list[str | None] = []
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        app.push_screen(CreditNoteScreen(invoice.number), numbers.append)
        await settle(app, pilot)
        await pilot.press("enter", "down", "down", "enter", "tab")
        await type_text(pilot, "30.82")
        await pilot.press("tab")
        await type_text(pilot, "Geste commercial")
        await settle(app, pilot)
        assert "Credit note total €30.82" in screen_text(app)
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert numbers == ["A-2026-00001"]
        [note] = list_documents("credit_note")
        assert get_document(note.id).totals.total == 3082
        assert get_document(note.id).notes == "Geste commercial"
        assert get_document(invoice.id).status == "partial"
