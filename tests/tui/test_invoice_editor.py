"""Invoices in the document editor, by keys: a new one with its due date from the terms,
saved as a draft and reopened; the warning on terms longer than French law allows; issuing
(the number, then nothing can change), its refusals, a foreign currency's rate; deleting a
draft."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from decimal import Decimal
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
from models.document_records import DocumentInput, LineInput
from models.documents import get_document
from models.invoices import create_invoice
from models.settings import save_settings
from screens.document_editor import DocumentEditorScreen

pytestmark = pytest.mark.usefixtures("instant_search")


@pytest.fixture
def shop(db: object) -> str:
    """The demo company (its SIREN and address set) and a French business customer."""
    save_settings(demo_settings())
    create_item(ItemInput("MACH", "Machine expresso", "", "", "899", "20"), OPERATOR)
    return add_customer("Boulangerie Fernandez")


def draft_for(customer: str, *lines: LineInput, **header: Any) -> int:
    lines = lines or (LineInput("MACH"),)
    return create_invoice(DocumentInput(customer, lines=lines, **header), OPERATOR).id


async def open_editor(app: App[Any], pilot: Pilot[Any], *args: Any) -> None:
    await settle(app, pilot)
    app.push_screen(DocumentEditorScreen("invoice", *args))
    await settle(app, pilot)


async def keys(app: App[Any], pilot: Pilot[Any], *typed: str) -> None:
    """Each text typed then Enter; `!key` presses a key instead."""
    for text in typed:
        if text.startswith("!"):
            await pilot.press(text[1:])
        else:
            await type_text(pilot, text)
            await settle(app, pilot)
            await pilot.press("enter")
        await settle(app, pilot)


async def test_a_new_invoice_is_saved_as_a_draft_and_reopens_editable(
    db_path: Path, shop: str
) -> None:
    app = app_for(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_editor(app, pilot)
        await keys(app, pilot, "fernan")
        # 30 days from 14 March, the customer's terms: shown before anything is saved.
        assert "From the terms (30 days): 13/04/2026" in screen_text(app)
        await keys(app, pilot, "mach", "2")
        assert "Total €2,157.60" in screen_text(app)
        await keys(app, pilot, "!ctrl+s")
        [draft] = list_documents("invoice")
        assert draft.number == "" and draft.due_date == dt.date(2026, 4, 13)
        assert "Invoice draft #1" in screen_text(app)
        await keys(app, pilot, "!escape")
        await open_editor(app, pilot, draft.id)
        await keys(app, pilot, "Port", "15", "!ctrl+s")
        assert [line.net for line in get_document(draft.id).lines] == [179800, 1500]


async def test_terms_beyond_the_legal_cap_are_warned_of_not_refused(
    db_path: Path, shop: str
) -> None:
    slow = add_customer("Minoterie Lente", terms="90d")
    app = app_for(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_editor(app, pilot, None, slow)
        assert "French law caps terms between businesses at 60 days" in screen_text(app)
        await keys(app, pilot, "mach", "1", "!ctrl+s")
        [draft] = list_documents("invoice")
        assert draft.due_date == dt.date(2026, 6, 12)


async def test_an_issued_invoice_is_numbered_and_cannot_be_typed_into(
    db_path: Path, shop: str
) -> None:
    draft = draft_for(shop)
    app = app_for(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_editor(app, pilot, draft)
        await keys(app, pilot, "!ctrl+e")
        asked = screen_text(app)
        assert "Issue invoice draft #1?" in asked and "€1,078.80" in asked
        assert "Due date  13 Apr 2026" in asked and "only a credit note corrects it" in asked
        await keys(app, pilot, "!enter")
        shown = screen_text(app)
        assert "F-2026-00001 · issued 14/03/2026 by alice · open amount €1,078.80" in shown
        issued = get_document(draft)
        await keys(app, pilot, "!x", "!delete", "!enter", "!ctrl+s", "!ctrl+d", "!ctrl+e")
        assert get_document(draft) == issued
        footer = screen_text(app).splitlines()[-1]
        assert "Save" not in footer and "Issue" not in footer and "Credit note" in footer


async def test_issuing_without_the_siren_says_where_to_set_it(db_path: Path, shop: str) -> None:
    save_settings(replace(demo_settings(), company_siren=""))
    draft = draft_for(shop)
    app = app_for(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_editor(app, pilot, draft)
        await keys(app, pilot, "!ctrl+e")
        assert "A French invoice shows your SIREN. Set it in Settings (F9)." in screen_text(app)
        assert get_document(draft).stored_status == "draft"
        assert get_document(draft).number == ""


async def test_a_foreign_currency_asks_for_the_rate(db_path: Path, shop: str) -> None:
    swiss = add_customer("Confiserie Berner", country="CH", postal_code="3011", city="Bern",
                         currency="CHF")  # fmt: skip
    draft = draft_for(swiss, LineInput(description="Installation", unit_price="120"))
    app = app_for(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_editor(app, pilot, draft)
        await keys(app, pilot, "!ctrl+e")
        assert "No CHF rate is recorded" in screen_text(app)
        await keys(app, pilot, "1,o5")
        assert "Not a number." in screen_text(app)
        await keys(app, pilot, "!backspace", "!backspace", "05")
        assert get_document(draft).exchange_rate == Decimal("1.05")
        assert "F-2026-00001" in screen_text(app)


async def test_a_draft_is_deleted_after_a_confirmation(db_path: Path, shop: str) -> None:
    draft = draft_for(shop)
    app = app_for(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_editor(app, pilot, draft)
        await keys(app, pilot, "!ctrl+d")
        assert "Delete invoice draft #1?" in screen_text(app)
        await keys(app, pilot, "!y")
        assert list_documents("invoice") == []
        assert not isinstance(app.screen, DocumentEditorScreen)
