"""New and edit customer. Every field of CustomerInput as text, Ctrl+S (or F2) saves, a
refused value is explained under its field, Esc asks before throwing changes away.
Saving over someone else's newer save is refused by the service: the form then says who
changed the customer and when, and keeps everything typed.

While a new customer's name is typed, a panel lists customers on file with a similar name
(looked up in a worker; an answer for a name no longer in the box is dropped). A save that
looks like a duplicate shows the matches first (screens.duplicate_warning)."""

from __future__ import annotations

import dataclasses

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.events import Resize
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Header, Input, OptionList, Static
from textual.worker import get_current_worker

from models.customer_records import ContactInput, CustomerInput, CustomerRecord
from models.customers import (
    create_customer,
    get_customer,
    input_from_record,
    new_customer_input,
    update_customer,
)
from models.db import database
from models.duplicates import DuplicateMatch, similar_names
from models.errors import ConflictError, DuplicatesFound, ValidationError
from models.i18n import N_, _
from models.price_lists import list_price_lists
from models.settings import list_reps, load_settings
from screens.customer_form_contacts import ContactList
from screens.customer_form_places import PlaceCompletion
from screens.customer_text import (
    KINDS,
    PAYMENT_METHODS,
    field_label,
    language_choices,
    status_text,
)
from screens.duplicate_warning import Choice, DuplicateWarningScreen
from screens.name_suggestions import NameSuggestions, SuggestionList
from tui.safe_text import display_safe
from tui.widgets.field import Field, choice_select, text_area, text_input
from tui.widgets.footer import Footer
from tui.widgets.form import FieldFormScreen

# From this width on the suggestions sit beside the form instead of under it.
_SIDE_PANEL_FROM = 100
# Address fields after each street, in form order.
_ADDRESS = ("postal_code", "city", "country")
_DELIVERY = ("delivery_street", "delivery_postal_code", "delivery_city", "delivery_country")


class CustomerFormScreen(FieldFormScreen[str | None]):
    """Dismisses with the saved customer's number, or None when left without saving."""

    CSS_PATH = "forms.tcss"
    BINDINGS = [
        # Ctrl+O and Ctrl+D reach every terminal; Alt chords and Ctrl+Enter do not over SSH.
        Binding("ctrl+o", "add_contact", N_("Add contact"), priority=True),
        # Input binds ctrl+d to "delete right"; check_action hands it back outside contacts.
        Binding("ctrl+d", "remove_contact", N_("Remove contact"), priority=True),
        Binding("f3", "suggestions", N_("Open existing"), priority=True),
    ]

    class Suggested(Message):
        def __init__(self, name: str, matches: list[DuplicateMatch]) -> None:
            super().__init__()
            self.name = name
            self.matches = matches

    def __init__(self, operator: str, number: str | None = None) -> None:
        super().__init__()
        self.operator = operator
        self.number = number
        self.settings = load_settings()
        self.record: CustomerRecord | None = get_customer(number) if number else None
        self.start = (
            input_from_record(self.record) if self.record else new_customer_input(self.settings)
        )
        self.initial = self.start
        self.places = PlaceCompletion(self)

    # ---- building -------------------------------------------------------------------

    def _field(self, key: str, widget: Widget) -> Field:
        label = field_label(key)
        if key == "email" and self.settings.email_mandatory:
            label = _("{label} *").format(label=label)  # required, as the settings ask
        return self.field(key, label, widget)

    def _widgets(self) -> list[Field]:
        data = self.start
        kinds = [(_(label), code) for code, label in KINDS]
        methods = [(_(label), code) for code, label in PAYMENT_METHODS]
        reps = [(f"{rep.code} — {display_safe(rep.name)}", rep.code) for rep in list_reps()]
        # Lists in any currency: the service says so if the customer's is another.
        lists = [(f"{display_safe(r.name)} ({r.currency})", r.name) for r in list_price_lists()]
        out = [
            self._field("kind", choice_select(kinds, data.kind)),
            self._field("name", text_input(data.name)),
            self._field("siren", text_input(data.siren)),
            self._field("vat", text_input(data.vat)),
            self._field("email", text_input(data.email)),
            self._field("phone", text_input(data.phone)),
            self._field("street", text_area(data.street)),
        ]
        out += [self._field(key, self.places.input(key, getattr(data, key))) for key in _ADDRESS]
        out.append(self._field(_DELIVERY[0], text_area(data.delivery_street)))
        out += [self._field(key, self.places.input(key, getattr(data, key)))
                for key in _DELIVERY[1:]]  # fmt: skip
        if data.status == "inactive":
            # Deactivating is its own action on the detail screen, never a form edit.
            shown = Static(Content(status_text(data.status)), classes="read-only")
            out.append(self._field("status", shown))
        else:
            statuses = [(status_text(code), code) for code in ("prospect", "customer")]
            out.append(self._field("status", choice_select(statuses, data.status)))
        out += [
            self._field("rep", choice_select(reps, data.rep, allow_blank=True)),
            self._field("terms", text_input(data.terms, _("receipt, 30d, 45eom"))),
            self._field("payment_method", choice_select(methods, data.payment_method)),
            self._field("price_list", choice_select(lists, data.price_list, allow_blank=True)),
            self._field("currency", text_input(data.currency)),
            self._field("credit_limit", text_input(data.credit_limit)),
            self._field("language", choice_select(language_choices(), data.language)),
        ]
        if self.settings.ask_birth_date or data.birth_date:
            out.append(self._field("birth_date", text_input(data.birth_date, _("YYYY-MM-DD"))))
        out.append(self._field("notes", text_area(data.notes)))
        return out

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="form-body"):
            yield from self._widgets()
            yield Static(Content(field_label("contacts")), classes="form-section")
            yield ContactList(self.start.contacts)
        if self.record is None:
            # After the form: under it on a narrow terminal, docked beside it otherwise.
            yield NameSuggestions()
        yield Footer()

    def on_mount(self) -> None:
        if self.record is None:
            self.title = _("New customer")
        else:
            self.title = _("Edit {number} — {name}").format(
                number=self.record.number, name=display_safe(self.record.name)
            )
        # What the widgets really hold (a TextArea may normalise line ends), so that
        # opening and leaving untouched never asks.
        self.initial = self.collect()
        self.fields["kind"].focus_input()

    # ---- reading --------------------------------------------------------------------

    def collect(self) -> CustomerInput:
        """The form as the services take it; hidden or read-only fields keep their value."""
        values: dict[str, str] = {}
        for key, field in self.fields.items():
            if isinstance(field.widget, Static):
                continue
            values[key] = str(field.value)
        for key in ("status", "birth_date"):
            values.setdefault(key, getattr(self.start, key))
        contacts: tuple[ContactInput, ...] = self.query_one(ContactList).values()
        return CustomerInput(**values, contacts=contacts)

    @property
    def changed(self) -> bool:
        return self.collect() != self.initial

    # ---- saving ---------------------------------------------------------------------

    def action_save(self) -> None:
        self._save(force=False)

    def _save(self, force: bool) -> None:
        data = self.collect()
        self.clear_errors()
        self.query_one(ContactList).clear_errors()
        try:
            if self.record is None:
                saved = create_customer(data, self.operator, force=force)
            else:
                saved = update_customer(self.record.number, data, self.record.version,
                                        self.operator, force=force)  # fmt: skip
        except ValidationError as exc:
            self._show_errors(exc.errors)
            return
        except DuplicatesFound as exc:
            number = self.record.number if self.record else None
            self.app.push_screen(DuplicateWarningScreen(data, exc.matches, number),
                                 self._duplicate_answer)  # fmt: skip
            return
        except ConflictError as exc:
            # markup=False: the message names an operator, which is typed text.
            self.notify(display_safe(str(exc)), severity="error", timeout=10, markup=False)
            return
        self.notify(_("Saved {number}").format(number=saved.number), markup=False)
        self.dismiss(saved.number)

    def _show_errors(self, errors: dict[str, str]) -> None:
        first = self.show_errors(errors)
        unplaced: list[str] = []
        rows = self.query_one(ContactList).rows()
        for index, row in enumerate(rows):
            prefix = f"contacts.{index}."
            mine = {k[len(prefix) :]: v for k, v in errors.items() if k.startswith(prefix)}
            if mine:
                row.set_errors(mine)
                first = first or row.input(next(iter(mine)))
        for key, reason in errors.items():
            if key not in self.fields and not key.startswith("contacts."):
                unplaced.append(f"{field_label(key)}: {reason}")
        if unplaced:
            self.notify("\n".join(unplaced), severity="error", timeout=10, markup=False)
        self.bring_to_operator(first)

    def _duplicate_answer(self, choice: Choice) -> None:
        if choice is None:
            return
        action, number = choice
        if action == "create":
            self._save(force=True)
        else:
            # A new customer's details were typed to find this one; an edit's changes
            # would be lost: ask about those.
            self._open_existing(number, ask=self.record is not None)

    # ---- suggestions while the name is typed ----------------------------------------

    def on_resize(self, event: Resize) -> None:
        if self.record is None:
            self.query_one(NameSuggestions).set_side(event.size.width >= _SIDE_PANEL_FROM)

    @on(Input.Changed)
    def _name_typed(self, event: Input.Changed) -> None:
        if self.record is None and event.input is self.fields["name"].widget:
            side = self.query_one(NameSuggestions).side
            self._suggest(event.value, limit=8 if side else 5)  # 5 fit under it at 80×24

    @work(thread=True, exclusive=True, group="name-suggestions")
    def _suggest(self, name: str, limit: int) -> None:
        with database.connection_context():
            found = similar_names(name, limit=limit)
        if not get_current_worker().is_cancelled:
            self.post_message(self.Suggested(name, found))

    def on_customer_form_screen_suggested(self, message: Suggested) -> None:
        if message.name != self.fields["name"].value:
            return  # typed on since: a newer lookup is on its way
        self.query_one(NameSuggestions).show(message.matches)
        self.refresh_bindings()  # F3 is offered only while there is something to open

    def action_suggestions(self) -> None:
        if self.record is None and self.query_one(NameSuggestions).matches:
            self.query_one(SuggestionList).focus()

    @on(SuggestionList.Leave)
    def _back_to_name(self) -> None:
        self.fields["name"].focus_input()

    @on(OptionList.OptionSelected, "#suggestion-list")
    def _suggestion_chosen(self) -> None:
        number = self.query_one(NameSuggestions).highlighted
        if number:
            self._open_existing(number, ask=True)

    def _open_existing(self, number: str, ask: bool) -> None:
        """Leaves the form for the customer on file, asking first if more than a name
        was typed (or, editing, if anything was changed)."""
        from screens.customer_detail import CustomerDetailScreen

        app = self.app

        def go() -> None:
            self.dismiss(None)
            app.call_later(app.push_screen, CustomerDetailScreen(number))

        typed = self.collect()
        if self.record is not None:
            if ask and typed != self.initial:
                question = _("Leave your changes to {this} and open {number}?")
                self.ask(question.format(this=self.record.number, number=number), go)
                return
        elif ask and typed != dataclasses.replace(self.initial, name=typed.name):
            self.ask(_("Leave this new customer and open {number}?").format(number=number), go)
            return
        go()

    # ---- leaving --------------------------------------------------------------------

    def action_leave(self) -> None:
        self.leave_with(None, self.changed)

    # ---- contacts -------------------------------------------------------------------

    async def action_add_contact(self) -> None:
        row = await self.query_one(ContactList).add_row()
        row.input("name").focus()
        # The new row has no size until the next refresh, so scroll to it only then.
        self.call_after_refresh(row.scroll_visible)

    async def action_remove_contact(self) -> None:
        contacts = self.query_one(ContactList)
        row = contacts.row_of(self.focused)
        if row is None:
            return
        target = await contacts.remove_row(row)
        if target is not None:
            target.focus()
        else:
            self.fields["notes"].focus_input()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "suggestions":
            # Offered while there is something to open, and not from inside the list.
            panels = self.query(NameSuggestions)
            inside = isinstance(self.focused, SuggestionList)
            return bool(panels) and bool(panels.first().matches) and not inside
        if action == "remove_contact":
            # False, not None: the key then goes on to the focused Input (delete right).
            return self.query_one(ContactList).row_of(self.focused) is not None
        return True
