"""Duplicates in the customer form, by keys alone at 80×24: the panel while the name is
typed, and the warning on save (open the existing customer, or create anyway)."""

from __future__ import annotations

from typing import Any

from form_pilot import NOT_DISMISSED, FormHost, go_to, type_text
from peewee import Database
from textual.pilot import Pilot
from tui_pilot import screen_text, settle

from models.customer_records import CustomerInput
from models.customers import create_customer, customer_history, get_customer
from models.settings import Settings
from models.tables import Customer
from screens.confirm import ConfirmScreen
from screens.customer_detail import CustomerDetailScreen
from screens.customer_form import CustomerFormScreen
from screens.duplicate_warning import DuplicateWarningScreen


def on_file(name: str, **fields: Any) -> str:
    """A customer on file, however much it looks like the others."""
    data = CustomerInput(name=name, city="Paris", **fields)
    return create_customer(data, "alice", force=True).number


def form_app(number: str | None = None) -> FormHost:
    return FormHost(lambda: CustomerFormScreen("bob", number))


async def type_name(pilot: Pilot[Any], app: FormHost, name: str) -> None:
    await go_to(pilot, app, "field-name")
    await type_text(pilot, name)
    await settle(app, pilot)


async def press(pilot: Pilot[Any], app: FormHost, *keys: str) -> None:
    """Presses the keys and waits for what they started (a lookup, a save, a screen)."""
    await pilot.press(*keys)
    await settle(app, pilot)


async def save_with(pilot: Pilot[Any], app: FormHost, **typed: str) -> None:
    """Types each value into its (empty) field, then Ctrl+S."""
    for key, text in typed.items():
        await go_to(pilot, app, f"field-{key}")
        await type_text(pilot, text)
    await press(pilot, app, "ctrl+s")


def footer(app: FormHost) -> str:
    return screen_text(app).splitlines()[-1]


def warning_text(app: FormHost) -> str:
    options = app.screen.query_one("#duplicate-list")._options
    return " ".join(str(o.prompt) for o in options)


def panel_text(app: FormHost) -> str:
    panel = app.screen.query_one("#name-suggestions")
    if not panel.display or "shown" not in panel.classes:
        return ""
    return " ".join(str(o.prompt) for o in panel.query_one("#suggestion-list")._options)


async def test_similar_names_appear_while_typing_and_f3_opens_one(
    db: Database, company: Settings
) -> None:
    dupont = on_file("Boulangerie Dupont SARL", phone="01 43 55 12 12")
    on_file("Garage Martin")
    app = form_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await type_name(pilot, app, "Bo")
        assert panel_text(app) == ""  # too short to look up
        await type_text(pilot, "ulangerie Dupond")
        await settle(app, pilot)
        shown = panel_text(app)
        assert dupont in shown and "Boulangerie Dupont SARL" in shown and "01 43 55 12 12" in shown
        assert "Garage Martin" not in shown
        await press(pilot, app, "f3", "enter")
        assert isinstance(app.screen, CustomerDetailScreen) and app.screen.number == dupont
    assert app.result is None
    assert Customer.select().count() == 2


async def test_save_warns_and_create_anyway_is_recorded(db: Database, company: Settings) -> None:
    dupont = on_file("Boulangerie Dupont SARL", phone="01 43 55 12 12")
    app = form_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await type_name(pilot, app, "Dupont Boulangerie")
        await save_with(pilot, app, phone="+33143551212")
        warning = app.screen
        assert isinstance(warning, DuplicateWarningScreen)
        text = " ".join(str(o.prompt) for o in warning.query_one("#duplicate-list")._options)
        assert dupont in text and "same phone" in text and "%" in text
        assert Customer.select().count() == 1  # nothing written yet
        await pilot.press("c")  # phone only warns: no second question
        await settle(app, pilot)
    assert app.result == "C000002"
    event = customer_history("C000002")[0]
    assert (event.kind, event.operator) == ("created_anyway", "bob")
    assert dupont in event.summary


async def test_enter_opens_the_existing_customer_and_creates_nothing(
    db: Database, company: Settings
) -> None:
    existing = on_file("Fleurs Lemoine", email="contact@lemoine.fr")
    app = form_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await type_name(pilot, app, "Lemoine")
        await save_with(pilot, app, email="CONTACT@lemoine.fr")
        assert isinstance(app.screen, DuplicateWarningScreen)
        await press(pilot, app, "enter")
        assert isinstance(app.screen, CustomerDetailScreen) and app.screen.number == existing
    assert Customer.select().count() == 1


async def test_a_blocking_match_needs_a_second_confirmation(
    db: Database, company: Settings
) -> None:
    on_file("Fleurs Lemoine", email="contact@lemoine.fr")  # e-mail blocks by default
    app = form_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await type_name(pilot, app, "Lemoine et Fils")
        await save_with(pilot, app, email="contact@lemoine.fr")
        await press(pilot, app, "c")
        assert isinstance(app.screen, ConfirmScreen)
        assert "same e-mail" in app.screen.question
        await pilot.press("n")  # not sure after all
        await settle(app, pilot)
        assert isinstance(app.screen, DuplicateWarningScreen)
        assert Customer.select().count() == 1
        await pilot.press("escape")  # back to the form, everything still typed
        await settle(app, pilot)
        assert isinstance(app.screen, CustomerFormScreen)
        assert app.screen.fields["name"].value == "Lemoine et Fils"
        await press(pilot, app, "ctrl+s")
        await press(pilot, app, "c")
        await press(pilot, app, "y")
    assert app.result == "C000002"
    assert app.result is not NOT_DISMISSED


async def test_f3_is_offered_only_while_something_similar_is_listed(
    db: Database, company: Settings
) -> None:
    on_file("Boulangerie Dupont SARL")
    app = form_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await type_name(pilot, app, "Garage")
        assert "Open existing" not in footer(app)
        await pilot.press("f3")  # nothing to open: the name keeps the focus
        assert app.focused is app.screen.fields["name"].widget
        await pilot.press(*["backspace"] * 6)
        await type_text(pilot, "Boulangerie Dupond")
        await settle(app, pilot)
        assert "f3 Open existing" in footer(app)
        await press(pilot, app, *["backspace"] * 18)
        assert panel_text(app) == "" and "Open existing" not in footer(app)


async def test_a_late_answer_for_an_older_name_is_dropped(db: Database, company: Settings) -> None:
    from models.duplicates import similar_names

    dupont = on_file("Boulangerie Dupont SARL")
    app = form_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await type_name(pilot, app, "Garage Martin")
        stale = similar_names("Boulangerie Dupond")
        assert [m.number for m in stale] == [dupont]
        app.screen.post_message(CustomerFormScreen.Suggested("Boulangerie Dupond", stale))
        await settle(app, pilot)
        assert panel_text(app) == ""


async def test_under_the_form_at_80_columns_one_line_per_customer_above_the_footer(
    db: Database, company: Settings
) -> None:
    numbers = [on_file(name, phone=phone) for name, phone in (
        ("Boulangerie Dupont SARL", "01 43 55 12 12"),
        ("Boulangerie Dupond", "01 43 55 12 13"),
        ("Boulangerie Dupuy", "01 43 55 12 14"),
    )]  # fmt: skip
    app = form_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await type_name(pilot, app, "Boulangerie Dupon")
        lines = screen_text(app).splitlines()
        for number in numbers:
            [line] = [line for line in lines if number in line]
            assert "Paris" in line  # number, name, city and phone on one line
        assert "Save" in lines[-1]  # the footer is still whole
        assert "Name" in lines[2] and "Boulangerie Dupon" in lines[2]  # the name stays put


async def test_beside_the_form_on_a_wide_terminal(db: Database, company: Settings) -> None:
    dupont = on_file("Boulangerie Dupont SARL", phone="01 43 55 12 12")
    app = form_app()
    async with app.run_test(size=(120, 30)) as pilot:
        await type_name(pilot, app, "Boulangerie Dupond")
        panel = app.screen.query_one("#name-suggestions")
        assert panel.region.x >= 80 and panel.region.y == 1  # under the header, beside
        assert app.screen.query_one("#field-name").region.right <= panel.region.x
        lines = screen_text(app).splitlines()
        [at] = [i for i, line in enumerate(lines) if dupont in line]
        assert "Paris · 01 43 55 12 12" in lines[at + 1]
        assert "New customer" in lines[0] and "Already on file" not in lines[0]


async def test_open_from_the_panel_asks_when_more_than_the_name_was_typed(
    db: Database, company: Settings
) -> None:
    dupont = on_file("Boulangerie Dupont SARL")
    app = form_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await type_name(pilot, app, "Boulangerie Dupond")
        await go_to(pilot, app, "field-phone")
        await type_text(pilot, "0143551212")
        await pilot.press("f3")
        assert "Esc goes back" in screen_text(app)
        assert "Back to the name" in footer(app)
        await pilot.press("escape")  # back to typing: the name field
        assert app.focused is app.screen.fields["name"].widget
        await press(pilot, app, "f3", "enter")
        assert isinstance(app.screen, ConfirmScreen) and dupont in app.screen.question
        await press(pilot, app, "n")
        assert isinstance(app.screen, CustomerFormScreen)
        assert app.screen.fields["phone"].value == "0143551212"
        await press(pilot, app, "f3", "enter")
        await press(pilot, app, "y")
        assert isinstance(app.screen, CustomerDetailScreen) and app.screen.number == dupont
    assert Customer.select().count() == 1


async def test_a_duplicate_created_while_the_form_was_open_is_caught(
    db: Database, company: Settings
) -> None:
    app = form_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await type_name(pilot, app, "Atelier Morel")
        assert panel_text(app) == ""
        await go_to(pilot, app, "field-email")
        await type_text(pilot, "atelier@morel.fr")
        meanwhile = on_file("Morel Atelier", email="atelier@morel.fr")  # another operator
        await press(pilot, app, "ctrl+s")
        assert isinstance(app.screen, DuplicateWarningScreen)
        assert meanwhile in warning_text(app) and "same e-mail" in warning_text(app)
        assert "(confirm twice)" in warning_text(app)  # e-mail blocks by default
    assert Customer.select().count() == 1


async def test_search_harder_finds_what_the_quick_check_missed(
    db: Database, company: Settings
) -> None:
    bakery = on_file("Boulangerie Bonnet SAS")
    garage = on_file("Garage Martin", phone="01 43 55 12 12")
    app = form_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await type_name(pilot, app, "Poulangerie Ponnet")
        await save_with(pilot, app, phone="0143551212")
        assert garage in warning_text(app) and bakery not in warning_text(app)
        assert "Search harder" in footer(app)
        await press(pilot, app, "h")
        assert garage in warning_text(app) and bakery in warning_text(app)
        assert "A harder search found 2 possible matches" in screen_text(app)
        assert "Search harder" not in footer(app)  # once is all there is


async def test_an_edit_that_looks_like_another_customer_warns_and_saves_anyway(
    db: Database, company: Settings
) -> None:
    dupont = on_file("Boulangerie Dupont SARL", phone="01 43 55 12 12")
    mine = on_file("Boulangerie Dupond")  # similar name, kept apart on purpose
    app = form_app(mine)
    async with app.run_test(size=(80, 24)) as pilot:
        assert not app.screen.query("#name-suggestions")  # no panel while editing
        await save_with(pilot, app, phone="0143551212")
        assert isinstance(app.screen, DuplicateWarningScreen)
        assert dupont in warning_text(app) and mine not in warning_text(app)
        assert "c Save anyway" in footer(app)
        await press(pilot, app, "c")
    assert app.result == mine and get_customer(mine).phone == "0143551212"


async def test_an_edit_leaving_the_name_phone_and_mails_alone_is_not_checked(
    db: Database, company: Settings
) -> None:
    on_file("Boulangerie Dupont SARL")
    mine = on_file("Boulangerie Dupond")
    app = form_app(mine)
    async with app.run_test(size=(80, 24)) as pilot:
        await save_with(pilot, app, city="Lyon")
    assert app.result == mine and get_customer(mine).city == "Lyon"


async def test_opening_the_other_customer_from_an_edit_asks_first(
    db: Database, company: Settings
) -> None:
    dupont = on_file("Boulangerie Dupont SARL", phone="01 43 55 12 12")
    mine = on_file("Garage Martin")
    app = form_app(mine)
    async with app.run_test(size=(80, 24)) as pilot:
        await save_with(pilot, app, phone="0143551212")
        await press(pilot, app, "enter")
        assert isinstance(app.screen, ConfirmScreen)
        assert "Leave your changes" in app.screen.question
        await press(pilot, app, "y")
        assert isinstance(app.screen, CustomerDetailScreen) and app.screen.number == dupont
    assert get_customer(mine).phone == ""
