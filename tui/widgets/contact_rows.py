"""A customer's contacts in the form: one block per contact (name, role, phone, e-mail).
A block asks to be removed (Ctrl+R while a field of it has the focus); the form decides."""

from __future__ import annotations

from itertools import count

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Static

from models.customer_records import ContactInput
from models.i18n import N_, _
from screens.customer_text import field_label
from tui.widgets.form import FormField
from tui.widgets.translated import translate_bindings

_PARTS = ("name", "role", "phone", "email")
# Control ids must stay unique while blocks are removed and renumbered.
_serials = count(1)


class ContactBlock(Vertical):
    BINDINGS = [Binding("ctrl+r", "remove", N_("Remove contact"))]

    class RemoveRequested(Message):
        def __init__(self, block: ContactBlock) -> None:
            super().__init__()
            self.block = block

    def __init__(self, index: int, contact: ContactInput) -> None:
        super().__init__(classes="contact-block")
        translate_bindings(self)
        self.index = index
        self.contact = contact
        self.serial = next(_serials)

    def compose(self) -> ComposeResult:
        yield Static("", classes="contact-heading")
        for part in _PARTS:
            yield FormField.text(
                f"contacts.{self.index}.{part}",
                field_label(part),
                getattr(self.contact, part),
                control_id=f"contact{self.serial}-{part}",
            )

    def on_mount(self) -> None:
        self.renumber(self.index)

    def renumber(self, index: int) -> None:
        """Keys its fields as the contact at `index`, as the service reports errors."""
        self.index = index
        heading = _("Contact {number}").format(number=index + 1)
        self.query_one(".contact-heading", Static).update(
            Content.assemble((heading, "bold"), ("  " + _("Ctrl+R removes it"), "dim"))
        )
        for field in self.query(FormField):
            part = field.field.rsplit(".", 1)[1]
            field.field = f"contacts.{index}.{part}"

    def value(self) -> ContactInput:
        typed = {f.field.rsplit(".", 1)[1]: f.value for f in self.query(FormField)}
        return ContactInput(**typed)

    def action_remove(self) -> None:
        self.post_message(self.RemoveRequested(self))


__all__ = ["ContactBlock"]
