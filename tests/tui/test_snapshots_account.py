"""SVG snapshot of the customer's Transactions tab at 80×24, named after the state the
operator sees. Fixed data (account_fixtures.py), frozen clock (2026-03-14), no cursor
blink (tests/tui/conftest.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from account_fixtures import seed_account
from textual.pilot import Pilot
from tui_pilot import app_for, settle

pytestmark = pytest.mark.usefixtures("instant_search")


async def on_the_late_invoice(pilot: Pilot[Any]) -> None:
    await settle(pilot.app, pilot)
    await pilot.press(*"martin", "enter")
    await settle(pilot.app, pilot)
    await pilot.press("5")
    await settle(pilot.app, pilot)
    # Up from the closing balance to the first line, the invoice past due, said in words
    # under the table.
    await pilot.press(*["up"] * 6)
    await settle(pilot.app, pilot)


def test_transactions_with_an_invoice_past_due(
    snap_compare: Any, db: object, db_path: Path
) -> None:
    seed_account()
    assert snap_compare(app_for(db_path), terminal_size=(80, 24), run_before=on_the_late_invoice)
