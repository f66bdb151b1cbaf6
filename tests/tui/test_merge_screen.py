"""Merging from a customer's detail ("Merge with…", m), driven by keys at 80×24: pick the
other by search, choose values field by field, swap the survivor, and a change made by
someone else meanwhile stopping the merge."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pytest
from form_pilot import type_text
from textual.app import App
from textual.pilot import Pilot
from tui_pilot import add_customer, app_for, screen_text, settle

from models.customer_records import ContactInput, CustomerInput
from models.customers import (
    create_customer,
    customer_history,
    get_customer,
    input_from_record,
    update_customer,
)

pytestmark = pytest.mark.usefixtures("company", "instant_search")


def dupont_twice() -> tuple[str, str]:
    """The same bakery typed twice: the second record has the e-mail, the first not."""
    first = add_customer("Boulangerie Dupont SARL", phone="01 43 55 12 12")
    other = create_customer(
        CustomerInput(name="SARL Boulangerie Dupond", phone="01 43 55 12 12", city="Paris",
                      email="compta@dupont.fr",
                      contacts=(ContactInput("Paul Dupond", "gérant", "", ""),)),
        "alice", force=True).number  # fmt: skip
    return first, other


async def open_customer(app: App[Any], pilot: Pilot[Any], search: str) -> None:
    await settle(app, pilot)
    await pilot.press(*search, "enter")
    await settle(app, pilot)
    assert type(app.screen).__name__ == "CustomerDetailScreen"


async def merge_with(app: App[Any], pilot: Pilot[Any], search: str) -> None:
    """m on the detail, the other customer searched and picked with Enter."""
    await pilot.press("m")
    await settle(app, pilot)
    assert "with which customer?" in screen_text(app)
    await type_text(pilot, search)
    await pilot.press("enter")
    await settle(app, pilot)
    assert type(app.screen).__name__ == "MergeScreen"


async def confirm_merge(app: App[Any], pilot: Pilot[Any]) -> None:
    await pilot.press("ctrl+s")
    await settle(app, pilot)
    assert "cannot be undone" in screen_text(app)
    await pilot.press("y")
    await settle(app, pilot)


async def test_a_value_taken_from_the_other_is_kept_and_its_number_leads_here(
    db_path: Path,
) -> None:
    first, other = dupont_twice()
    app = app_for(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_customer(app, pilot, first)
        await merge_with(app, pilot, "dupond")
        shown = screen_text(app)
        assert f"{first} (stays)" in shown and "compta@dupont.fr" in shown
        assert "SARL Boulangerie Dupond" in shown
        assert "Both histories and the 1 contact are kept." in " ".join(shown.split())
        await pilot.press("down", "right")  # the e-mail: the other's
        await confirm_merge(app, pilot)
        assert type(app.screen).__name__ == "CustomerDetailScreen"  # back where it began
        shown = screen_text(app)
        assert "compta@dupont.fr" in shown and "Boulangerie Dupont SARL" in shown
        assert "Paul Dupond" in shown  # the other's contact, now here
        await pilot.press("escape")
        await settle(app, pilot)
        await pilot.press("escape", "escape")  # the search box, emptied
        await open_customer(app, pilot, other)  # the merged number, as on an old invoice
        shown = screen_text(app)
        assert f"{other} was merged into {first}" in shown
        assert "compta@dupont.fr" in shown
    survivor = get_customer(other)
    assert (survivor.number, survivor.name, survivor.email) == (
        first, "Boulangerie Dupont SARL", "compta@dupont.fr")  # fmt: skip
    assert customer_history(first)[0].operator == "alice"


async def test_swapping_the_survivor_keeps_the_values_chosen(db_path: Path) -> None:
    first, other = dupont_twice()
    app = app_for(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_customer(app, pilot, first)
        await merge_with(app, pilot, other)
        await pilot.press("down", "right")  # the other's e-mail
        await pilot.press("s")  # the other record stays; the values chosen do not change
        await settle(app, pilot)
        assert f"{other} (stays)" in screen_text(app)
        await confirm_merge(app, pilot)
        shown = screen_text(app)  # the detail of the number asked for: its survivor
        assert f"{first} was merged into {other}" in shown
    survivor = get_customer(first)
    assert (survivor.number, survivor.name, survivor.email) == (
        other, "Boulangerie Dupont SARL", "compta@dupont.fr")  # fmt: skip


async def test_a_change_made_meanwhile_stops_the_merge_and_says_so(db_path: Path) -> None:
    first, other = dupont_twice()
    app = app_for(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_customer(app, pilot, first)
        await merge_with(app, pilot, other)
        await pilot.press("down", "right")
        record = get_customer(other)  # bob adds a note from another terminal
        changed = dataclasses.replace(input_from_record(record), notes="Livrer avant 7h")
        update_customer(other, changed, record.version, "bob")
        await confirm_merge(app, pilot)
        assert type(app.screen).__name__ == "MergeScreen"
        shown = screen_text(app)
        assert "Not merged" in shown and "changed by bob" in shown
        assert "Livrer avant 7h" in shown  # the records as they are now
        assert get_customer(other).number == other  # nothing merged
        await confirm_merge(app, pilot)  # checked, merged again: the e-mail still chosen
        assert type(app.screen).__name__ == "CustomerDetailScreen"
    assert get_customer(other).number == first
    assert get_customer(first).email == "compta@dupont.fr"


async def test_the_picker_offers_the_others_only_and_esc_merges_nothing(db_path: Path) -> None:
    first, other = dupont_twice()
    app = app_for(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_customer(app, pilot, first)
        await pilot.press("m")
        await settle(app, pilot)
        await type_text(pilot, "boulangerie")
        await settle(app, pilot)
        shown = screen_text(app).split("with which customer?")[1]
        assert other in shown and first not in shown
        await pilot.press("escape")
        await settle(app, pilot)
        assert type(app.screen).__name__ == "CustomerDetailScreen"
        await merge_with(app, pilot, other)
        await pilot.press("escape")  # compared, not merged
        await settle(app, pilot)
        assert type(app.screen).__name__ == "CustomerDetailScreen"
    assert get_customer(other).number == other


async def test_two_identical_records_say_so_and_merge(db_path: Path) -> None:
    first = add_customer("Fleurs Lemoine", email="bonjour@lemoine.fr")
    other = create_customer(CustomerInput(name="Fleurs Lemoine", email="bonjour@lemoine.fr",
                                          city="Paris"), "alice", force=True).number  # fmt: skip
    app = app_for(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_customer(app, pilot, first)
        await merge_with(app, pilot, other)
        assert "Both records hold the same values" in " ".join(screen_text(app).split())
        await confirm_merge(app, pilot)
        assert type(app.screen).__name__ == "CustomerDetailScreen"
    assert get_customer(other).number == first
