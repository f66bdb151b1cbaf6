"""The statements batch dialog, opened from the command palette, by keys: Esc leaves
before anything is written; a period ending in the future is refused under its field;
Ctrl+S then writes one PDF per customer with a balance into the folder offered, and says
how many."""

from __future__ import annotations

from pathlib import Path

import pytest
from peewee import Database
from textual.widgets import Input, Static

from screens import statement_batch
from screens.statement_batch import StatementBatchScreen
from tests.models.sales_fixtures import add_customer, add_item, issued_invoice, line, open_shop
from tests.tui.form_pilot import type_text
from tests.tui.tui_pilot import app_for, screen_text, settle


async def test_the_batch_writes_every_statement_with_a_balance_and_says_how_many(
    db: Database, db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    open_shop(monkeypatch)
    add_item("CAF", "4.20", "5.5")
    for name in ("Café de la Gare", "Παπαδόπουλος Α.Ε."):
        issued_invoice(add_customer(name, language="fr"), line("CAF"))
    add_customer("Nothing Owed Ltd")
    folder = tmp_path / "statements"
    # The folder offered is where the quote and invoice PDFs go; here, the test's own.
    assert statement_batch.default_folder().name == "Comptoir"
    monkeypatch.setattr(statement_batch, "default_folder", lambda: folder)
    app = app_for(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("ctrl+p", *"Statements of", "enter")
        await settle(app, pilot)
        shown = screen_text(app)
        assert "Statements of account" in shown
        assert "2026-01-01" in shown and "2026-03-14" in shown

        assert app.screen.query_one("#batch-folder", Input).value == str(folder)
        await pilot.press("escape")
        await settle(app, pilot)
        assert not isinstance(app.screen, StatementBatchScreen)

        app.push_screen(StatementBatchScreen())
        await settle(app, pilot)
        await pilot.press("tab", "tab", "end", "ctrl+u")
        await type_text(pilot, "2026-04-01")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert "⚠ This date is in the future." in screen_text(app)
        assert not folder.exists()

        await pilot.press("ctrl+u")
        await type_text(pilot, "2026-03-14")
        await pilot.press("enter")
        await settle(app, pilot)
        status = str(app.screen.query_one("#batch-status", Static).render())
        assert status == f"2 statements written to {folder}"
        assert sorted(path.name for path in folder.iterdir()) == [
            "C000001-cafe-de-la-gare.pdf", "C000002-παπαδοπουλος-α-ε.pdf"
        ]  # fmt: skip
        assert "Close" in screen_text(app)
        await pilot.press("escape")
        await settle(app, pilot)
        assert not isinstance(app.screen, StatementBatchScreen)
