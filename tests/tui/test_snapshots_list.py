"""SVG snapshots of the customer list at 80×24, named after the state the operator sees.
Fixed data, frozen clock, no cursor blink (tests/tui/conftest.py)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from tui_pilot import add_customer, app_for, settle

pytestmark = pytest.mark.usefixtures("company", "instant_search")

CUSTOMERS = (
    ("Fournil Martin", "Paris", "01 43 55 12 34", "contact@fournil-martin.fr"),
    ("Épicerie Durand", "Lyon", "04 78 12 34 56", "durand@epicerie.fr"),
    ("Garage Dupuis", "Nantes", "02 40 12 34 56", "atelier@garage-dupuis.fr"),
    ("Dupont [SARL]", "Lille", "03 20 12 34 56", "compta@dupont.fr"),
    ("Bakkerij Jansen", "Utrecht", "030 123 4567", "info@bakkerij-jansen.nl"),
    ("Φούρνος Παπαδόπουλος", "Αθήνα", "210 123 4567", "info@fournos.gr"),
    ("Pharmacie du Port", "Marseille", "04 91 12 34 56", "accueil@pharmacie-port.fr"),
    ("Café de la Gare", "Rouen", "02 35 12 34 56", "bonjour@cafe-gare.fr"),
)


def seed() -> None:
    for name, city, phone, email in CUSTOMERS:
        country = {"Utrecht": "NL", "Αθήνα": "GR"}.get(city, "FR")
        add_customer(name, city=city, phone=phone, email=email, country=country)


def typing(text: str, *then: str) -> Callable[[Pilot[Any]], Awaitable[None]]:
    async def run_before(pilot: Pilot[Any]) -> None:
        await settle(pilot.app, pilot)
        if text:
            await pilot.press(*text)
        if then:
            await pilot.press(*then)
        await settle(pilot.app, pilot)

    return run_before


@pytest.mark.parametrize(
    ("keys", "then"),
    [
        pytest.param("", (), id="Every customer, search box focused"),
        pytest.param("lyon", (), id="Narrowed to one city"),
        pytest.param("", ("down", "down"), id="Cursor on the third row"),
    ],
)
def test_customer_list(snap_compare: Any, db_path: Path, keys: str, then: tuple[str, ...]) -> None:
    seed()
    assert snap_compare(app_for(db_path), terminal_size=(80, 24),
                        run_before=typing(keys, *then))  # fmt: skip
