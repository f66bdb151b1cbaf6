"""New and edit customer: every field of CustomerInput, Ctrl+S (or F2, Ctrl+J) saves, a
refused value is explained under its field, Esc asks before throwing changes away.
Saving over someone else's newer save is refused by the service; the form then says who
changed the customer and when, and keeps everything typed."""

from __future__ import annotations

import dataclasses

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widgets import Button, Footer, Header, Static

from models.customer_records import STATUSES, ContactInput, CustomerInput, CustomerRecord
from models.customers import (
    create_customer,
    get_customer,
    input_from_record,
    new_customer_input,
    update_customer,
)
from models.db import database
from models.errors import ConflictError, NotFound, ValidationError
from models.i18n import N_, _
from models.settings import Rep, Settings, list_reps, load_settings
from screens.customer_text import (
    KINDS,
    PAYMENT_METHODS,
    field_label,
    language_choices,
    status_text,
)
from tui.commands import PaletteCommand
from tui.safe_text import display_safe
from tui.widgets.confirm import ConfirmModal
from tui.widgets.contact_rows import ContactBlock
from tui.widgets.form import Choice, FormField, choices, focus_field, show_errors, values
from tui.widgets.translated import TranslatedScreen

_CODE = r"[A-Za-z]*"


@dataclasses.dataclass(frozen=True)
class FormStart:
    """What the form opens with: the values to edit and the lists to choose from."""

    data: CustomerInput
    record: CustomerRecord | None
    settings: Settings
    reps: list[Rep]


class CustomerFormScreen(TranslatedScreen[str | None]):
    """Dismisses with the saved customer's number, or None when left without saving."""

    BINDINGS = [
        Binding("ctrl+s", "save", N_("Save")),
        Binding("f2,ctrl+j", "save", N_("Save"), show=False),
        Binding("escape", "cancel", N_("Cancel")),
        Binding("ctrl+n", "add_contact", N_("+ Contact")),
    ]

    class Ready(Message):
        def __init__(self, start: FormStart) -> None:
            super().__init__()
            self.start = start

    def __init__(self, operator: str, number: str | None = None) -> None:
        super().__init__(id="customer-form")
        self.operator = operator
        self.number = number
        self.start: FormStart | None = None
        self._saving = False

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="form-banner")
        with VerticalScroll(id="form-body", can_focus=False):
            yield Static(Content(_("Loading…")), id="form-loading")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = (
            _("New customer")
            if self.number is None
            else _("Edit {number}").format(number=self.number)
        )
        self.load()

    @work(thread=True, exclusive=True, group="customer-form-load")
    def load(self) -> None:
        try:
            with database.connection_context():
                settings = load_settings()
                record = get_customer(self.number) if self.number else None
                reps = list_reps()
        except NotFound as exc:
            self.app.call_from_thread(self._gone, str(exc))
            return
        data = input_from_record(record) if record else new_customer_input(settings)
        self.post_message(self.Ready(FormStart(data, record, settings, reps)))

    def _gone(self, reason: str) -> None:
        self.notify(reason, severity="error", markup=False)
        self.dismiss(None)

    async def on_customer_form_screen_ready(self, message: Ready) -> None:
        self.start = message.start
        body = self.query_one("#form-body", VerticalScroll)
        await body.remove_children()
        await body.mount_all(self._fields(message.start))
        self.query_one("#input-name").focus()

    def _fields(self, start: FormStart) -> list[Static | FormField | Vertical | Button]:
        d = start.data

        def text(field: str, **options: object) -> FormField:
            return FormField.text(field, field_label(field), getattr(d, field), **options)  # type: ignore[arg-type]

        def section(title: str) -> Static:
            return Static(Content(title), classes="section")

        widgets: list[Static | FormField | Vertical | Button] = [
            section(_("Identity")),
            text("name"),
            FormField.choice("kind", field_label("kind"), choices(KINDS), d.kind),
            FormField.choice("status", field_label("status"), self._statuses(d.status), d.status),
            text("siren"),
            text("vat"),
            text("email"),
            text("phone"),
            section(_("Billing address")),
            text("street"),
            text("postal_code"),
            text("city"),
            text("country", max_length=2, restrict=_CODE, hint=_("FR, NL, GR… (two letters)")),
            section(_("Delivery address (leave empty when it is the billing address)")),
            text("delivery_street"),
            text("delivery_postal_code"),
            text("delivery_city"),
            text("delivery_country", max_length=2, restrict=_CODE),
            section(_("Terms")),
            text("terms", hint=_("receipt, 30d (30 days), 45eom (45 days end of month)")),
            FormField.choice(
                "payment_method",
                field_label("payment_method"),
                choices(PAYMENT_METHODS),
                d.payment_method,
            ),
            text("currency", max_length=3, restrict=_CODE),
            text("credit_limit"),
            FormField.choice("rep", field_label("rep"), self._reps(start), d.rep),
            FormField.choice("language", field_label("language"), language_choices(), d.language),
        ]
        if start.settings.ask_birth_date or d.birth_date:
            widgets.append(text("birth_date", hint=_("YYYY-MM-DD or DD/MM/YYYY")))
        widgets.append(FormField.notes("notes", field_label("notes"), d.notes))
        widgets.append(section(_("Contacts")))
        widgets += [ContactBlock(i, c) for i, c in enumerate(d.contacts)]
        widgets.append(Button(_("+ Contact (Ctrl+N)"), id="add-contact", compact=True))
        return widgets

    @staticmethod
    def _statuses(current: str) -> list[Choice]:
        shown = [s for s in STATUSES if s != "inactive" or current == "inactive"]
        return [(status_text(s), s) for s in shown]

    @staticmethod
    def _reps(start: FormStart) -> list[Choice]:
        options = [(_("(none)"), "")]
        options += [(f"{rep.code} — {display_safe(rep.name)}", rep.code) for rep in start.reps]
        current = start.data.rep
        if current and current not in {rep.code for rep in start.reps}:
            options.append((display_safe(current), current))
        return options

    def typed_input(self) -> CustomerInput:
        """The customer as the form holds it now; fields not on screen keep their value."""
        if self.start is None:
            raise RuntimeError("the form is not loaded yet")
        typed = values(self.query_one("#form-body"))
        fields = {f.name for f in dataclasses.fields(CustomerInput)} - {"contacts"}
        contacts = tuple(block.value() for block in self.query(ContactBlock))
        return dataclasses.replace(
            self.start.data, contacts=contacts, **{k: v for k, v in typed.items() if k in fields}
        )

    @property
    def changed(self) -> bool:
        return self.start is not None and self.typed_input() != self.start.data

    def action_save(self) -> None:
        if self.start is None or self._saving:
            return
        self._saving = True
        self._save(self.typed_input(), self.start.record)

    @work(thread=True, exclusive=True, group="customer-form-save")
    def _save(self, data: CustomerInput, record: CustomerRecord | None) -> None:
        try:
            with database.connection_context():
                if record is None:
                    saved = create_customer(data, self.operator)
                else:
                    saved = update_customer(record.number, data, record.version, self.operator)
        except ValidationError as exc:
            self.app.call_from_thread(self._refused, exc.errors)
        except (ConflictError, NotFound) as exc:
            self.app.call_from_thread(self._conflict, str(exc))
        else:
            self.app.call_from_thread(self._saved, saved)

    def _refused(self, errors: dict[str, str]) -> None:
        self._saving = False
        first, others = show_errors(self.query_one("#form-body"), errors)
        count = len(errors)
        self._banner(_("Not saved: {count} field(s) to correct.").format(count=count))
        for field, reason in others.items():
            self.notify(f"{field_label(field)}: {reason}", severity="error", markup=False)
        if first is not None:
            focus_field(first)

    def _conflict(self, reason: str) -> None:
        self._saving = False
        self._banner(_("Not saved: {reason} Your typing is kept here.").format(reason=reason))
        self.notify(reason, severity="error", markup=False, timeout=10)

    def _banner(self, text: str) -> None:
        banner = self.query_one("#form-banner", Static)
        banner.update(Content(f"✗ {text}") if text else "")
        banner.set_class(bool(text), "-shown")

    def _saved(self, record: CustomerRecord) -> None:
        self._saving = False
        self.notify(
            _("{number} {name} saved.").format(
                number=record.number, name=display_safe(record.name)
            ),
            markup=False,
        )
        self.dismiss(record.number)

    @on(Button.Pressed, "#add-contact")
    def _add_pressed(self) -> None:
        self.action_add_contact()

    async def action_add_contact(self) -> None:
        if self.start is None:
            return
        blocks = list(self.query(ContactBlock))
        block = ContactBlock(len(blocks), ContactInput())
        await self.query_one("#form-body").mount(block, before="#add-contact")
        block.query(FormField).first().control.focus()
        block.scroll_visible(animate=False)

    async def on_contact_block_remove_requested(
        self, message: ContactBlock.RemoveRequested
    ) -> None:
        blocks = list(self.query(ContactBlock))
        position = blocks.index(message.block)
        await message.block.remove()
        rest = blocks[:position] + blocks[position + 1 :]
        for index, block in enumerate(rest):
            block.renumber(index)
        target = rest[min(position, len(rest) - 1)] if rest else None
        if target is not None:
            target.query(FormField).first().control.focus()
        else:
            self.query_one("#add-contact").focus()

    @work(exclusive=True, group="customer-form-cancel")
    async def action_cancel(self) -> None:
        if self.changed:
            question = _("Discard your changes to this customer?")
            keep = await self.app.push_screen_wait(
                ConfirmModal(question, yes=_("Discard"), no=_("Keep editing"))
            )
            if not keep:
                return
        self.dismiss(None)

    def help_text(self) -> str:
        return _(
            "Tab and Shift+Tab move between fields; Enter or Space opens a list. "
            "Ctrl+S, F2 or Ctrl+J saves; a refused value is explained under its field. "
            "Ctrl+N adds a contact; Ctrl+R removes the contact being edited."
        )

    def palette_commands(self) -> list[PaletteCommand]:
        return [
            PaletteCommand(_("Save customer"), self.action_save, _("Save (Ctrl+S, F2, Ctrl+J)")),
            PaletteCommand(_("Add a contact"), self.action_add_contact, _("New contact (Ctrl+N)")),
            PaletteCommand(
                _("Remove contact"),
                self._remove_focused_contact,
                _("Remove the contact being edited (Ctrl+R)"),
            ),
            PaletteCommand(_("Cancel"), self.action_cancel, _("Leave without saving (Esc)")),
        ]

    def _remove_focused_contact(self) -> None:
        focused = self.focused
        for block in focused.ancestors if focused else []:
            if isinstance(block, ContactBlock):
                block.action_remove()
                return
        self.notify(_("Put the cursor in a contact first."), severity="warning")
