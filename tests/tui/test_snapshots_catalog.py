"""SVG snapshot of the catalog's item list at 80×24, named after what the operator sees.
Fixed data, frozen clock, no cursor blink (tests/tui/conftest.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from tui_pilot import OPERATOR, app_for, settle

from models.catalog import ItemInput, create_item
from screens.catalog import CatalogScreen

pytestmark = pytest.mark.usefixtures("company", "instant_catalog")

ITEMS = (
    ("CAF-250", "Café moulu 250 g", "paquet", "4.20", "5.5"),
    ("CAF-SPE-G", "Café de spécialité Geisha, au gramme, torréfié à la demande", "g",
     "0.0125", "5.5"),
    ("ACC-SUC-1000", "Sucre en bûchettes 4 g (×1 000)", "carton", "16.40", "5.5"),
    ("MUG-01", "Mug [grès] émaillé", "pièce", "12.50", "20"),
    ("REPAS", "Repas sur place", "", "14.50", "10"),
    ("LIV-H", "Livraison express", "h", "1250", "20"),
)  # fmt: skip


@pytest.fixture
def instant_catalog(monkeypatch: pytest.MonkeyPatch) -> None:
    import screens.catalog_search

    monkeypatch.setattr(screens.catalog_search, "THROTTLE_S", 0)


async def _catalog(pilot: Pilot[Any]) -> None:
    await settle(pilot.app, pilot)
    pilot.app.push_screen(CatalogScreen())
    await settle(pilot.app, pilot)


@pytest.mark.parametrize("state", ["Every item, search box focused"])
def test_item_list(snap_compare: Any, db_path: Path, state: str) -> None:
    for code, name, unit, price, vat in ITEMS:
        item = ItemInput(code=code, name=name, unit=unit, unit_price=price, vat_rate=vat)
        create_item(item, OPERATOR)
    assert snap_compare(app_for(db_path), terminal_size=(80, 24), run_before=_catalog)
