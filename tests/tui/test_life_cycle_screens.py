"""Duplicates, merging, deletion, anonymisation and retention, driven by keys at 80×24."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from form_pilot import type_text
from textual.app import App
from textual.pilot import Pilot
from tui_pilot import add_customer, app_for, screen_text, settle

from models.customer_records import CustomerInput
from models.customers import create_customer, customer_history, get_customer
from models.db import write_txn
from models.errors import NotFound
from models.tables import CustomerEvent

pytestmark = pytest.mark.usefixtures("company", "instant_search")


def twin(name: str, **fields: Any) -> str:
    """A second record of a customer already on file."""
    return create_customer(CustomerInput(name=name, **fields), "alice", force=True).number


async def open_customer(app: App[Any], pilot: Pilot[Any], search: str) -> None:
    await settle(app, pilot)
    await pilot.press(*search, "enter")
    await settle(app, pilot)
    assert type(app.screen).__name__ == "CustomerDetailScreen"


async def test_duplicates_listed_best_first_and_merged_by_keys(db_path: Path) -> None:
    keep = add_customer("Boulangerie Dupont SARL", phone="01 43 55 12 12", postal_code="75011")
    other = twin("SARL Boulangerie Dupond", phone="01 43 55 12 12", postal_code="75011",
                 city="Paris", email="compta@dupont.fr")  # fmt: skip
    add_customer("Garage Martin", postal_code="69003", city="Lyon")
    twin("Garage Martini", postal_code="69003", city="Lyon", phone="04 78 00 00 01")
    app = app_for(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("f7")
        await settle(app, pilot)
        shown = screen_text(app)
        assert "2 probable pairs" in shown
        assert shown.index(keep) < shown.index("Garage Martin")  # phone + name first
        assert "same phone" in shown
        await pilot.press("enter")
        await settle(app, pilot)
        assert type(app.screen).__name__ == "MergeScreen"
        shown = screen_text(app)
        assert "SARL Boulangerie Dupond" in shown and "compta@dupont.fr" in shown
        await pilot.press("down", "right")  # e-mail: take the other's
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        await pilot.press("y")
        await settle(app, pilot)
        assert type(app.screen).__name__ == "CustomerDetailScreen"
        assert "compta@dupont.fr" in screen_text(app)
        await pilot.press("escape")  # back to the duplicates, looked at again
        await settle(app, pilot)
        assert "1 probable pair." in screen_text(app)
    survivor = get_customer(other)
    assert (survivor.number, survivor.name, survivor.email) == (
        keep, "Boulangerie Dupont SARL", "compta@dupont.fr")  # fmt: skip
    assert customer_history(other)[0].operator == "alice"


async def test_a_merged_number_opens_its_survivor(db_path: Path) -> None:
    from models.merge import merge_customers

    keep = add_customer("Fleurs Lemoine", email="contact@lemoine.fr")
    other = twin("Lemoine Fleurs", email="contact@lemoine.fr")
    merge_customers(keep, other, (), "bob")
    app = app_for(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_customer(app, pilot, other)  # the number as printed on an old invoice
        assert app.screen.record.number == keep
        assert "Fleurs Lemoine" in screen_text(app)


async def test_a_prospect_is_deleted_after_a_confirmation(db_path: Path) -> None:
    number = add_customer("Salon Éphémère")
    app = app_for(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_customer(app, pilot, "ephemere")
        await pilot.press("x")
        await settle(app, pilot)
        assert "Delete" in screen_text(app) and number in screen_text(app)
        await pilot.press("n")  # thought better of it
        await settle(app, pilot)
        get_customer(number)
        await pilot.press("x")
        await settle(app, pilot)
        await pilot.press("y")
        await settle(app, pilot)
        assert type(app.screen).__name__ == "CustomerSearchScreen"
    with pytest.raises(NotFound):
        get_customer(number)


async def test_a_customer_cannot_be_deleted_and_is_told_why(db_path: Path) -> None:
    number = add_customer("Client Fidèle", status="customer")
    app = app_for(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_customer(app, pilot, "fidele")
        await pilot.press("x")
        await settle(app, pilot)
        assert any("Only a prospect" in n.message for n in app._notifications)
        assert type(app.screen).__name__ == "CustomerDetailScreen"
    assert get_customer(number).name == "Client Fidèle"


async def test_anonymising_needs_both_confirmations(db_path: Path) -> None:
    number = add_customer("Jeanne Morel", kind="individual", phone="06 12 34 56 78",
                          email="jeanne@morel.fr")  # fmt: skip
    app = app_for(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_customer(app, pilot, "morel")
        await pilot.press("a")
        await settle(app, pilot)
        await pilot.press("escape")  # no at the first question
        await settle(app, pilot)
        await pilot.press("a")
        await settle(app, pilot)
        await pilot.press("y")
        await settle(app, pilot)
        assert f"Type the customer number {number}" in screen_text(app)
        await type_text(pilot, "C000999")
        await pilot.press("enter")
        await settle(app, pilot)
        assert f"Type {number} exactly" in screen_text(app)
        await pilot.press("escape")  # no at the second
        await settle(app, pilot)
        assert get_customer(number).phone == "06 12 34 56 78"
        await pilot.press("a")
        await settle(app, pilot)
        await pilot.press("y")
        await settle(app, pilot)
        await type_text(pilot, number.lower())
        await pilot.press("enter")
        await settle(app, pilot)
        shown = screen_text(app)
        assert "anonymised on" in shown and "06 12 34 56 78" not in shown
        footer = shown.splitlines()[-1]  # what is left is only read
        assert "Edit" not in footer and "Merge" not in footer and "activate" not in footer
        await pilot.press("e", "m")
        await settle(app, pilot)
        assert type(app.screen).__name__ == "CustomerDetailScreen"
    record = get_customer(number)
    assert (record.phone, record.email, record.name) == ("", "", "—")


async def test_retention_marks_and_anonymises_in_bulk(db_path: Path) -> None:
    old = [add_customer(name) for name in ("Ancien Un", "Vieux Deux", "Passé Trois")]
    recent = add_customer("Client Récent")
    with write_txn():
        CustomerEvent.update(at="2012-05-01 10:00:00").where(
            CustomerEvent.customer.in_([get_customer(n).id for n in old])).execute()  # fmt: skip
    app = app_for(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("ctrl+p")
        await type_text(pilot, "Retention")
        await pilot.press("enter")
        await settle(app, pilot)
        shown = screen_text(app)
        assert "3 customers past the retention period" in shown and recent not in shown
        await pilot.press("space", "space")  # the first two
        assert screen_text(app).count("[x]") == 2 and "2 marked" in screen_text(app)
        await pilot.press("x")
        await settle(app, pilot)
        await pilot.press("y")
        await settle(app, pilot)
        await type_text(pilot, "ANONYMISE")
        await pilot.press("enter")
        await settle(app, pilot)
        await settle(app, pilot)
        assert "1 customer past the retention period" in screen_text(app)
        assert any(n.message == "2 customers anonymised." for n in app._notifications)
    assert [get_customer(n).anonymised_at is not None for n in old] == [True, True, False]
