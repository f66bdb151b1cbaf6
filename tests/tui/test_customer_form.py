"""The customer form driven by keys only, as the operator would, at 80×24."""

from __future__ import annotations

from typing import Any

from form_pilot import NOT_DISMISSED, FormHost, error_under, go_to, type_text
from peewee import Database
from textual.pilot import Pilot
from textual.widgets import Input

from models.customer_records import CustomerInput
from models.customers import create_customer, customer_history, get_customer, update_customer
from models.settings import Settings
from models.tables import Customer
from screens.customer_form import CustomerFormScreen


def form_app(number: str | None = None) -> FormHost:
    return FormHost(lambda: CustomerFormScreen("alice", number))


async def type_name(pilot: Pilot[Any], app: FormHost, name: str) -> None:
    await go_to(pilot, app, "field-name")
    await type_text(pilot, name)


def input_of(app: FormHost, key: str) -> Input:
    return app.screen.query_one(f"#field-{key} Input", Input)


async def test_new_customer_typed_and_saved(db: Database, company: Settings) -> None:
    app = form_app()
    async with app.run_test(size=(80, 24)) as pilot:
        assert app.screen.title == "New customer"
        await go_to(pilot, app, "field-name")
        await type_text(pilot, "Bio Sud")
        await go_to(pilot, app, "field-email")
        await type_text(pilot, "a@sud.fr")
        await go_to(pilot, app, "field-postal_code")
        await type_text(pilot, "75011")
        await pilot.press("tab")
        await type_text(pilot, "Paris")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert any(n.message == f"Saved {app.result}" for n in app._notifications)
    assert app.result == "C000001"
    saved = get_customer(app.result)
    assert (saved.name, saved.email) == ("Bio Sud", "a@sud.fr")
    assert (saved.postal_code, saved.city) == ("75011", "Paris")
    assert saved.created_by == "alice"


async def test_bad_postcode_and_phone_are_explained_under_their_fields(
    db: Database, company: Settings
) -> None:
    app = form_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await type_name(pilot, app, "Martin")
        await go_to(pilot, app, "field-phone")
        await type_text(pilot, "12")
        await go_to(pilot, app, "field-postal_code")
        await type_text(pilot, "7501")
        await pilot.press("f2")  # the other save key, for terminals that eat Ctrl+S
        await pilot.pause()
        assert error_under(app, "field-postal_code")
        assert error_under(app, "field-phone")
        assert error_under(app, "field-name") == ""
        # The first refused field in form order takes the focus.
        assert app.focused is input_of(app, "phone")
        assert app.result is NOT_DISMISSED
        # Corrected, the form saves and the reasons go away with it.
        # Entering a field selects its text, so typing replaces it.
        await go_to(pilot, app, "field-postal_code")
        await type_text(pilot, "75011")
        await pilot.press("tab")
        await type_text(pilot, "Paris")
        await pilot.press("shift+tab", "shift+tab", "shift+tab")  # back over the street
        assert app.focused is input_of(app, "phone")
        await pilot.press("backspace")
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert get_customer(app.result).postal_code == "75011"


async def test_refused_form_saves_nothing(db: Database, company: Settings) -> None:
    app = form_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+s")  # no name
        await pilot.pause()
        assert error_under(app, "field-name")
        assert app.focused is input_of(app, "name")
    assert Customer.select().count() == 0


async def test_edit_is_saved_and_recorded(db: Database, company: Settings) -> None:
    record = create_customer(CustomerInput(name="Martin"), "bob")
    app = form_app(record.number)
    async with app.run_test(size=(80, 24)) as pilot:
        assert app.screen.title == f"Edit {record.number} — Martin"
        await go_to(pilot, app, "field-city")
        await type_text(pilot, "Lyon")
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert app.result == record.number
    assert get_customer(record.number).city == "Lyon"
    history = customer_history(record.number)
    edits = [entry for entry in history if entry.operator == "alice"]
    assert [(c.field, c.old, c.new) for entry in edits for c in entry.changes] == [
        ("city", "", "Lyon")
    ]


async def test_conflict_keeps_the_form_and_the_typed_values(
    db: Database, company: Settings
) -> None:
    record = create_customer(CustomerInput(name="Martin"), "bob")
    app = form_app(record.number)
    async with app.run_test(size=(80, 24)) as pilot:
        update_customer(record.number, CustomerInput(name="Martin SA"), record.version, "bob")
        await go_to(pilot, app, "field-city")
        await type_text(pilot, "Lyon")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.result is NOT_DISMISSED
        assert isinstance(app.screen, CustomerFormScreen)
        errors = [n for n in app._notifications if n.severity == "error"]
        assert any("changed by bob" in n.message for n in errors)
        assert input_of(app, "city").value == "Lyon"
        assert input_of(app, "name").value == "Martin"
    assert get_customer(record.number).city == ""


async def test_escape_on_a_changed_form_asks(db: Database, company: Settings) -> None:
    app = form_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await go_to(pilot, app, "field-name")
        await type_text(pilot, "X")
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, CustomerFormScreen)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, CustomerFormScreen)
        assert input_of(app, "name").value == "X"
        assert app.result is NOT_DISMISSED
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert app.result is None
    assert Customer.select().count() == 0


async def test_escape_on_an_untouched_edit_leaves_at_once(db: Database, company: Settings) -> None:
    two_lines = CustomerInput(name="Martin", street="1 rue A\n2e étage", city="Paris")
    record = create_customer(two_lines, "bob")
    app = form_app(record.number)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("escape")
        await pilot.pause()
        assert app.result is None


async def test_contacts_added_and_removed_by_keys(db: Database, company: Settings) -> None:
    app = form_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await type_name(pilot, app, "Martin")
        await pilot.press("ctrl+o")
        await type_text(pilot, "Anne")
        await pilot.press("tab")
        await type_text(pilot, "boss")
        await pilot.press("ctrl+o")
        await type_text(pilot, "Paul")
        await pilot.press("ctrl+o")
        await type_text(pilot, "Gone")
        await pilot.press("ctrl+d")
        await pilot.pause()
        # The focus moves to the row before; outside the contacts Ctrl+D is the Input's.
        assert isinstance(app.focused, Input) and app.focused.value == "Paul"
        await pilot.press("ctrl+s")
        await pilot.pause()
    saved = get_customer(app.result)
    assert [(c.name, c.role) for c in saved.contacts] == [("Anne", "boss"), ("Paul", "")]


async def test_bad_contact_email_is_explained_under_its_row(
    db: Database, company: Settings
) -> None:
    app = form_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await type_name(pilot, app, "Martin")
        await pilot.press("ctrl+o")
        await type_text(pilot, "Anne")
        await pilot.press("tab", "tab", "tab")
        await type_text(pilot, "anne@")
        await pilot.press("ctrl+s")
        await pilot.pause()
        error = app.screen.query_one(".contact-error")
        assert error.display and "E-mail" in str(error.render())
        assert app.result is NOT_DISMISSED
    assert Customer.select().count() == 0


async def test_birth_date_shown_only_when_asked(db: Database, company: Settings) -> None:
    from models.settings import save_settings

    app = form_app()
    async with app.run_test(size=(80, 24)):
        assert not app.screen.query("#field-birth_date")
    save_settings(Settings(company_name="Comptoir Test", ask_birth_date=True))
    app = form_app()
    async with app.run_test(size=(80, 24)):
        assert app.screen.query("#field-birth_date")


async def test_mandatory_email_is_marked_and_explained_at_its_field(db: Database) -> None:
    from models.settings import save_settings

    save_settings(Settings(company_name="Comptoir Test", email_mandatory=True))
    app = form_app()
    async with app.run_test(size=(80, 24)) as pilot:
        label = app.screen.query_one("#field-email .field-label")
        assert str(label.render()).strip() == "E-mail *"
        await type_name(pilot, app, "Martin")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "e-mail address is required" in error_under(app, "field-email")
        assert app.focused is input_of(app, "email")
        await type_text(pilot, "contact@martin.fr")
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert app.result == "C000001"
    assert get_customer("C000001").email == "contact@martin.fr"


async def test_email_is_not_marked_when_optional(db: Database, company: Settings) -> None:
    app = form_app()
    async with app.run_test(size=(80, 24)):
        label = app.screen.query_one("#field-email .field-label")
        assert str(label.render()).strip() == "E-mail"


async def test_a_birth_date_on_file_stays_shown_when_not_asked(
    db: Database, company: Settings
) -> None:
    dated = create_customer(CustomerInput(name="Jeanne Morel", kind="individual",
                                          birth_date="1980-02-03"), "bob").number  # fmt: skip
    app = form_app(dated)
    async with app.run_test(size=(80, 24)) as pilot:
        assert input_of(app, "birth_date").value == "1980-02-03"
        await go_to(pilot, app, "field-city")
        await type_text(pilot, "Lyon")
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert str(get_customer(dated).birth_date) == "1980-02-03"
    undated = create_customer(CustomerInput(name="Paul Morel"), "bob").number
    app = form_app(undated)
    async with app.run_test(size=(80, 24)) as pilot:
        assert not app.screen.query("#field-birth_date")
        await go_to(pilot, app, "field-city")
        await type_text(pilot, "Lyon")
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert get_customer(undated).birth_date is None
