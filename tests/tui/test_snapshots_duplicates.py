"""What the operator sees of the duplicate check at 80×24: the panel of similar names
under the new-customer form, and the warning on save."""

from __future__ import annotations

from typing import Any

import pytest
from form_pilot import FormHost, go_to, type_text
from peewee import Database
from textual.pilot import Pilot
from tui_pilot import settle

from models.customer_records import CustomerInput
from models.customers import create_customer
from models.settings import Settings
from screens.customer_form import CustomerFormScreen


async def _typing(pilot: Pilot[Any]) -> None:
    await go_to(pilot, pilot.app, "field-name")
    await type_text(pilot, "Boulangerie Dupond")
    await settle(pilot.app, pilot)


async def _saved(pilot: Pilot[Any]) -> None:
    await _typing(pilot)
    await go_to(pilot, pilot.app, "field-phone")
    await type_text(pilot, "01 43 55 12 12")
    await go_to(pilot, pilot.app, "field-email")
    await type_text(pilot, "contact@dupuis.fr")
    await pilot.press("ctrl+s")
    await settle(pilot.app, pilot)


async def _create_anyway(pilot: Pilot[Any]) -> None:
    await _saved(pilot)
    await pilot.press("c")  # the e-mail blocks: asked a second time
    await settle(pilot.app, pilot)


@pytest.mark.parametrize(
    ("run_before", "size"),
    [
        pytest.param(_typing, (80, 24), id="similar names under the form"),
        pytest.param(_typing, (120, 30), id="similar names beside the form"),
        pytest.param(_saved, (80, 24), id="warning on save"),
        pytest.param(_create_anyway, (80, 24), id="create anyway asked twice"),
    ],
)
def test_duplicates_in_the_form(
    snap_compare: Any, db: Database, company: Settings, run_before: Any, size: tuple[int, int]
) -> None:
    for name, phone, city, email in (
        ("Boulangerie Dupont SARL", "01 43 55 12 12", "Paris", ""),
        ("Boulangerie Dupuis", "04 78 00 11 22", "Lyon", "contact@dupuis.fr"),
    ):
        create_customer(CustomerInput(name=name, phone=phone, city=city, email=email), "alice")
    app = FormHost(lambda: CustomerFormScreen("alice"))
    assert snap_compare(app, terminal_size=size, run_before=run_before)


async def _duplicates(pilot: Pilot[Any]) -> None:
    await settle(pilot.app, pilot)
    await pilot.press("f7")
    await settle(pilot.app, pilot)


async def _merge(pilot: Pilot[Any]) -> None:
    await _duplicates(pilot)
    await pilot.press("down", "enter")  # the bakery, second after the Greek pair
    await settle(pilot.app, pilot)
    await pilot.press("down", "right")


@pytest.mark.parametrize(
    "run_before",
    [
        pytest.param(_duplicates, id="duplicate pairs"),
        pytest.param(_merge, id="merge, e-mail taken from the other"),
    ],
)
def test_duplicates_and_merge_screens(
    snap_compare: Any, db_path: Any, company: Settings, run_before: Any, instant_search: None
) -> None:
    from tui_pilot import app_for

    for name, phone, email in (("Boulangerie Dupont SARL", "01 43 55 12 12", ""),
                               ("SARL Boulangerie Dupond", "01 43 55 12 12", "compta@dupont.fr"),
                               ("Παπαδόπουλος Α.Ε.", "", "info@papadopoulos.gr"),
                               ("Papadopoulos AE", "", "info@papadopoulos.gr")):  # fmt: skip
        create_customer(CustomerInput(name=name, phone=phone, email=email, city="Paris"),
                        "alice", force=True)  # fmt: skip
    assert snap_compare(app_for(db_path), terminal_size=(80, 24), run_before=run_before)
