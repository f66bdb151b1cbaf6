"""The contacts block of the customer form: one row of name/role/phone/email per contact.
Ctrl+O adds a row, Ctrl+D removes the row holding the focus (handled by the form, which
owns the bindings); a refused contact field is explained on the line under its row."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Input, Static

from models.customer_records import ContactInput
from models.i18n import N_, _
from tui.widgets.row_list import RowList

# Order of the inputs in a row; also the keys of `contacts.N.<field>` errors.
CONTACT_FIELDS = (
    ("name", N_("Name")),
    ("role", N_("Role")),
    ("phone", N_("Phone")),
    ("email", N_("E-mail")),
)


class ContactRow(Vertical):
    DEFAULT_CSS = """
    ContactRow { height: auto; width: 100%; }
    ContactRow > .contact-inputs { height: auto; width: 100%; }
    ContactRow > .contact-inputs > Input { width: 1fr; margin-right: 1; }
    ContactRow > .contact-error { color: $text-error; }
    """

    def __init__(self, contact: ContactInput) -> None:
        super().__init__(classes="contact-row")
        self.contact = contact

    def compose(self) -> ComposeResult:
        with Horizontal(classes="contact-inputs"):
            for key, label in CONTACT_FIELDS:
                yield Input(
                    getattr(self.contact, key),
                    placeholder=_(label),
                    compact=True,
                    classes=f"contact-{key}",
                )
        error = Static("", markup=False, classes="contact-error")
        error.display = False
        yield error

    def input(self, key: str) -> Input:
        return self.query_one(f".contact-{key}", Input)

    def value(self) -> ContactInput:
        return ContactInput(**{key: self.input(key).value for key, _label in CONTACT_FIELDS})

    def set_errors(self, errors: dict[str, str]) -> None:
        labels = dict(CONTACT_FIELDS)
        text = "; ".join(
            _("{field}: {reason}").format(field=_(labels.get(key, key)), reason=reason)
            for key, reason in errors.items()
        )
        error = self.query_one(".contact-error", Static)
        error.update(text)
        error.display = bool(text)


class ContactList(RowList[ContactRow]):
    row_type = ContactRow
    first_input = "name"
    DEFAULT_CSS = """
    ContactList { height: auto; width: 100%; }
    ContactList > .rows-empty { color: $text-muted; }
    """

    def __init__(self, contacts: tuple[ContactInput, ...]) -> None:
        super().__init__(id="contacts")
        self.initial = contacts

    def compose(self) -> ComposeResult:
        yield Static(_("No contact. Ctrl+O adds one."), classes="rows-empty")
        for contact in self.initial:
            yield ContactRow(contact)

    def blank_row(self) -> ContactRow:
        return ContactRow(ContactInput())

    def values(self) -> tuple[ContactInput, ...]:
        return tuple(row.value() for row in self.rows())

    def clear_errors(self) -> None:
        for row in self.rows():
            row.set_errors({})
