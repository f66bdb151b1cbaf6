"""The probable duplicates (F7), driven by keys at 80×24: pairs best first with score and
reasons, Enter on a pair compares it, the cursor keeps its place when coming back."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.app import App
from textual.pilot import Pilot
from tui_pilot import add_customer, app_for, screen_text, settle

from models.customer_records import CustomerInput
from models.customers import create_customer

pytestmark = pytest.mark.usefixtures("company", "instant_search")


def twin(name: str, **fields: Any) -> str:
    """A second record of a customer already on file."""
    fields.setdefault("city", "Paris")
    return create_customer(CustomerInput(name=name, **fields), "alice", force=True).number


def three_pairs() -> list[tuple[str, str]]:
    """Three pairs, from the most to the least likely."""
    return [
        (add_customer("Boulangerie Dupont SARL", phone="01 43 55 12 12", postal_code="75011",
                      email="contact@dupont.fr", siren="732829320"),
         twin("SARL Boulangerie Dupond", phone="01 43 55 12 12", postal_code="75011",
              email="contact@dupont.fr", siren="732829320")),
        (add_customer("Fleurs Lemoine", email="bonjour@lemoine.fr"),
         twin("Lemoine Fleurs", email="bonjour@lemoine.fr")),
        (add_customer("Garage Martin", postal_code="69003", city="Lyon"),
         twin("Garage Martini", postal_code="69003", city="Lyon")),
    ]  # fmt: skip


async def open_duplicates(app: App[Any], pilot: Pilot[Any]) -> None:
    await settle(app, pilot)
    await pilot.press("f7")
    await settle(app, pilot)
    assert type(app.screen).__name__ == "DuplicatesScreen"


async def compare_second_pair(app: App[Any], pilot: Pilot[Any]) -> None:
    await pilot.press("down", "enter")
    await settle(app, pilot)
    assert type(app.screen).__name__ == "MergeScreen"


async def test_pairs_are_listed_best_first_with_score_and_reasons(db_path: Path) -> None:
    pairs = three_pairs()
    app = app_for(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_duplicates(app, pilot)
        shown = screen_text(app)
        assert "3 probable pairs, most likely first" in shown
        firsts = [shown.index(first) for first, _other in pairs]
        assert firsts == sorted(firsts)  # most likely first
        for first, other in pairs:  # both numbers of each pair, with why
            assert first in shown and other in shown
        assert "same phone" in shown and "same e-mail" in shown
        assert "100%" in shown.splitlines()[2]
        assert "Compare and merge" in shown.splitlines()[-1]  # Enter, in the footer


async def test_enter_opens_the_merge_of_the_pair_under_the_cursor(db_path: Path) -> None:
    pairs = three_pairs()
    app = app_for(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_duplicates(app, pilot)
        await compare_second_pair(app, pilot)
        assert {app.screen.keep_number, app.screen.other_number} == set(pairs[1])
        assert "Lemoine Fleurs" in screen_text(app)
        await pilot.press("escape")  # nothing merged: the same list, the same pair
        await settle(app, pilot)
        assert type(app.screen).__name__ == "DuplicatesScreen"
        assert app.screen.query_one("#pair-list").highlighted == 1
        assert "3 probable pairs" in screen_text(app)


async def test_a_merged_pair_leaves_the_list_and_the_cursor_stays(db_path: Path) -> None:
    pairs = three_pairs()
    app = app_for(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_duplicates(app, pilot)
        await compare_second_pair(app, pilot)
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        await pilot.press("y")
        await settle(app, pilot)
        assert type(app.screen).__name__ == "CustomerDetailScreen"  # the survivor
        assert app.screen.record.number == pairs[1][0]
        await pilot.press("escape")
        await settle(app, pilot)
        shown = screen_text(app)
        assert "2 probable pairs" in shown
        assert pairs[1][1] not in shown
        assert app.screen.query_one("#pair-list").highlighted == 1  # now the Garage pair
        await pilot.press("enter")
        await settle(app, pilot)
        assert {app.screen.keep_number, app.screen.other_number} == set(pairs[2])


async def test_a_clean_file_says_so_and_r_looks_again(db_path: Path) -> None:
    add_customer("Boulangerie Dupont SARL", phone="01 43 55 12 12")
    add_customer("Garage Martin", postal_code="69003", city="Lyon")
    app = app_for(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_duplicates(app, pilot)
        assert "No probable duplicates in the file." in screen_text(app)
        twin("Garage Martin", postal_code="69003", city="Lyon")  # typed again meanwhile
        await pilot.press("r")
        await settle(app, pilot)
        assert "1 probable pair." in screen_text(app)


async def test_the_palette_opens_the_duplicates(db_path: Path) -> None:
    three_pairs()
    app = app_for(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("ctrl+p", *"Duplicates", "enter")
        await settle(app, pilot)
        assert type(app.screen).__name__ == "DuplicatesScreen"
        assert "3 probable pairs" in screen_text(app)


async def test_a_full_list_says_there_may_be_more(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import screens.duplicates

    monkeypatch.setattr(screens.duplicates, "MOST_PAIRS", 2)
    three_pairs()
    app = app_for(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_duplicates(app, pilot)
        assert "The 2 most likely pairs, there may be more." in screen_text(app)
