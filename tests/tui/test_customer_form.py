"""The customer form driven by keys only, as the operator would, at 80×24."""

from __future__ import annotations

from typing import Any

from peewee import Database
from textual.app import App
from textual.widgets import Input

from models.customer_records import ContactInput, CustomerInput
from models.customers import create_customer, customer_history, get_customer, update_customer
from models.settings import Settings
from screens.customer_form import CustomerFormScreen

NOT_DISMISSED = object()


class FormApp(App[None]):
    def __init__(self, number: str | None = None) -> None:
        super().__init__()
        self.number = number
        self.result: Any = NOT_DISMISSED

    def on_mount(self) -> None:
        self.push_screen(CustomerFormScreen("alice", self.number), self._store)

    def _store(self, result: str | None) -> None:
        self.result = result


async def type_text(pilot: Any, text: str) -> None:
    await pilot.press(*["space" if c == " " else c for c in text])


def input_of(app: App[Any], key: str) -> Input:
    return app.screen.query_one(f"#field-{key} Input", Input)


async def go_to(pilot: Any, app: App[Any], key: str) -> None:
    """Tabs forward until the field `key` has the focus (as the operator would)."""
    for _ in range(40):
        if (
            app.focused is not None
            and app.focused.parent is not None
            and any(ancestor.id == f"field-{key}" for ancestor in app.focused.ancestors)
        ):
            return
        await pilot.press("tab")
    raise AssertionError(f"never reached {key}")


async def test_new_customer_typed_and_saved(db: Database, company: Settings) -> None:
    app = FormApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await go_to(pilot, app, "name")
        await type_text(pilot, "Boulangerie Martin")
        await go_to(pilot, app, "email")
        await type_text(pilot, "contact@martin.fr")
        await go_to(pilot, app, "postal_code")
        await type_text(pilot, "75011")
        await pilot.press("tab")
        await type_text(pilot, "Paris")
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert app.result == "C00001" or isinstance(app.result, str)
    saved = get_customer(app.result)
    assert saved.name == "Boulangerie Martin"
    assert saved.email == "contact@martin.fr"
    assert (saved.postal_code, saved.city) == ("75011", "Paris")
    assert saved.created_by == "alice"


async def test_bad_postcode_is_explained_under_its_field(db: Database, company: Settings) -> None:
    app = FormApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await go_to(pilot, app, "name")
        await type_text(pilot, "Martin")
        await go_to(pilot, app, "postal_code")
        await type_text(pilot, "7501")
        await pilot.press("tab")
        await type_text(pilot, "Paris")
        await pilot.press("ctrl+s")
        await pilot.pause()
        error = app.screen.query_one("#field-postal_code .field-error")
        assert error.display and str(error.render()).strip()
        assert app.focused is input_of(app, "postal_code")
        assert app.result is NOT_DISMISSED
    from models.tables import Customer

    assert Customer.select().count() == 0


async def test_edit_is_saved_and_recorded(db: Database, company: Settings) -> None:
    record = create_customer(CustomerInput(name="Martin"), "bob")
    app = FormApp(record.number)
    async with app.run_test(size=(80, 24)) as pilot:
        await go_to(pilot, app, "city")
        await type_text(pilot, "Lyon")
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert app.result == record.number
    assert get_customer(record.number).city == "Lyon"
    latest = customer_history(record.number)
    changes = {c.field: c.new for entry in latest for c in entry.changes}
    assert changes.get("city") == "Lyon"
    assert any(entry.operator == "alice" for entry in latest)


async def test_conflict_keeps_the_form_and_the_typed_values(
    db: Database, company: Settings
) -> None:
    record = create_customer(CustomerInput(name="Martin"), "bob")
    app = FormApp(record.number)
    async with app.run_test(size=(80, 24)) as pilot:
        update_customer(record.number, CustomerInput(name="Martin SA"), record.version, "bob")
        await go_to(pilot, app, "city")
        await type_text(pilot, "Lyon")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.result is NOT_DISMISSED
        assert isinstance(app.screen, CustomerFormScreen)
        messages = [str(n.message) for n in app._notifications]
        assert any("changed by" in m for m in messages)
        assert input_of(app, "city").value == "Lyon"
    assert get_customer(record.number).city == ""


async def test_escape_on_a_changed_form_asks(db: Database, company: Settings) -> None:
    app = FormApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await go_to(pilot, app, "name")
        await type_text(pilot, "X")
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, CustomerFormScreen)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, CustomerFormScreen)
        assert app.result is NOT_DISMISSED
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert app.result is None


async def test_escape_on_an_untouched_form_leaves(db: Database, company: Settings) -> None:
    app = FormApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("escape")
        await pilot.pause()
        assert app.result is None


async def test_contacts_added_and_removed_by_keys(db: Database, company: Settings) -> None:
    app = FormApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await go_to(pilot, app, "name")
        await type_text(pilot, "Martin")
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
        await pilot.press("ctrl+s")
        await pilot.pause()
    saved = get_customer(app.result)
    assert [(c.name, c.role) for c in saved.contacts] == [("Anne", "boss"), ("Paul", "")]
    assert ContactInput  # the row values are ContactInput, as the service takes them
