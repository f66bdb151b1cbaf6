"""The shop's settings: its identity (printed on documents), two switches, the defaults a
new customer starts with, and the interface language. Ctrl+S (or F2) saves, a refused
value is explained under its field. On first launch there is nothing to go back to, so
Esc offers to quit Comptoir instead."""

from __future__ import annotations

import dataclasses

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Checkbox, Footer, Header, Static

from models.errors import ValidationError
from models.i18n import N_, _
from models.settings import Settings, load_settings, save_settings
from screens.confirm import ConfirmScreen
from screens.customer_text import PAYMENT_METHODS, language_choices
from tui.widgets.field import Field, choice_select, clear_errors, text_input
from tui.widgets.translated import translate_bindings

# Company identity, typed as text, in the order it prints on documents.
IDENTITY = (
    ("company_name", N_("Company name")),
    ("company_legal_form", N_("Legal form")),
    ("company_street", N_("Street")),
    ("company_postal_code", N_("Postcode")),
    ("company_city", N_("City")),
    ("company_country", N_("Country")),
    ("company_siren", N_("SIREN / SIRET")),
    ("company_vat", N_("VAT number")),
    ("company_iban", N_("IBAN")),
    ("company_bic", N_("BIC")),
    ("company_phone", N_("Phone")),
    ("company_email", N_("E-mail")),
)
SWITCHES = (
    ("email_mandatory", N_("E-mail mandatory")),
    ("ask_birth_date", N_("Ask birth date")),
)


class SettingsFormScreen(Screen[bool]):
    """Dismisses with True once saved, False when left without saving."""

    CSS_PATH = "forms.tcss"
    BINDINGS = [
        Binding("ctrl+s", "save", N_("Save"), priority=True),
        Binding("f2", "save", N_("Save"), show=False, priority=True),
        Binding("escape", "leave", N_("Back")),
    ]

    def __init__(self, first_launch: bool = False) -> None:
        super().__init__()
        translate_bindings(self)
        self.first_launch = first_launch
        self.start = load_settings()
        self.initial = self.start
        self.fields: dict[str, Field] = {}

    def _field(self, key: str, label: str, widget: Widget) -> Field:
        field = Field(key, _(label), widget)
        self.fields[key] = field
        return field

    def compose(self) -> ComposeResult:
        data = self.start
        methods = [(_(label), code) for code, label in PAYMENT_METHODS]
        yield Header()
        with VerticalScroll(id="form-body"):
            if self.first_launch:
                yield Static(
                    Content(_("Set up your company: its identity prints on your documents.")),
                    id="welcome",
                )
            for key, label in IDENTITY:
                yield self._field(key, label, text_input(getattr(data, key)))
            yield Static(Content(_("Customers")), classes="form-section")
            for key, label in SWITCHES:
                yield self._field(key, label, Checkbox("", getattr(data, key), compact=True))
            yield self._field(
                "default_terms",
                N_("Default terms"),
                text_input(data.default_terms, _("receipt, 30d, 45eom")),
            )
            yield self._field(
                "default_payment_method",
                N_("Default payment"),
                choice_select(methods, data.default_payment_method),
            )
            yield self._field(
                "default_currency", N_("Default currency"), text_input(data.default_currency)
            )
            yield self._field(
                "default_language",
                N_("Default language"),
                choice_select(language_choices(), data.default_language),
            )
            # Blank: the interface follows the terminal's locale.
            yield self._field(
                "interface_language",
                N_("Interface language"),
                choice_select(language_choices(), data.interface_language, allow_blank=True),
            )
        yield Footer()

    def on_mount(self) -> None:
        self.title = _("Welcome to Comptoir") if self.first_launch else _("Settings")
        self.initial = self.collect()
        self.fields["company_name"].focus_input()

    def collect(self) -> Settings:
        values = {key: field.value for key, field in self.fields.items()}
        return dataclasses.replace(self.start, **values)  # type: ignore[arg-type]

    def action_save(self) -> None:
        clear_errors(self)
        try:
            save_settings(self.collect())
        except ValidationError as exc:
            first: Widget | None = None
            for key, field in self.fields.items():
                if key in exc.errors:
                    field.set_error(exc.errors[key])
                    first = first or field.widget
            if first is not None:
                first.focus()
            return
        self.notify(_("Settings saved"), markup=False)
        self.dismiss(True)

    def action_leave(self) -> None:
        if self.first_launch:

            def quit_answer(leave: bool | None) -> None:
                if leave:
                    self.app.exit()

            self.app.push_screen(ConfirmScreen(_("Quit Comptoir?")), quit_answer)
            return
        if self.collect() == self.initial:
            self.dismiss(False)
            return

        def discard_answer(discard: bool | None) -> None:
            if discard:
                self.dismiss(False)

        self.app.push_screen(ConfirmScreen(_("Discard your changes?")), discard_answer)
