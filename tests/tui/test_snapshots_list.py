"""What the operator sees at 80×24: the customer list on fixed data, as an SVG snapshot
(update with `pytest --snapshot-update` after a deliberate change of the screen)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from tui_pilot import add_customer, app_for, settle

pytestmark = pytest.mark.usefixtures("company", "instant_search")

CUSTOMERS = (
    ("Fournil Martin", "Paris", "01 43 00 00 01", "contact@fournil.fr"),
    ("Épicerie Durand", "Lyon", "04 72 00 00 02", ""),
    ("Garage Dupuis", "Nantes", "", "atelier@dupuis.fr"),
    ("Dupont [SARL]", "Lille", "03 20 00 00 04", ""),
    ("Bakkerij Jansen", "Utrecht", "", ""),
)


def test_customer_list_at_80x24(db_path: Path, snap_compare: Any) -> None:
    for name, city, phone, email in CUSTOMERS:
        add_customer(name, city=city, phone=phone, email=email)
    app = app_for(db_path)

    async def loaded(pilot: Pilot[Any]) -> None:
        await settle(app, pilot)

    assert snap_compare(app, terminal_size=(80, 24), run_before=loaded)
