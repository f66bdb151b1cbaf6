"""The shop's settings: company identity, defaults for new customers, switches. Shown by
itself on first launch (nothing else makes sense before the shop has a name), later from
the palette or F9."""

from __future__ import annotations

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Footer, Header, Static

from models.db import database
from models.errors import ConflictError, ValidationError
from models.i18n import N_, _
from models.settings import Settings, load_settings, save_settings
from screens.customer_text import PAYMENT_METHODS, language_choices
from tui.commands import PaletteCommand
from tui.safe_text import display_safe
from tui.widgets.form import FormField, choices, focus_field, show_errors, values
from tui.widgets.translated import TranslatedScreen

_IDENTITY = (
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


class SettingsScreen(TranslatedScreen[None]):
    BINDINGS = [
        Binding("ctrl+s", "save", N_("Save")),
        Binding("f2,ctrl+j", "save", N_("Save"), show=False),
        Binding("escape", "back", N_("Back")),
    ]

    def __init__(self, first_launch: bool) -> None:
        super().__init__(id="settings")
        self.first_launch = first_launch
        self.settings = load_settings()
        self._saving = False

    def compose(self) -> ComposeResult:
        s = self.settings
        yield Header()
        with VerticalScroll(id="settings-form", can_focus=False):
            if self.first_launch:
                yield Static(
                    Content(
                        _("Welcome to Comptoir. Tell it about your company; Ctrl+S (or F2) saves.")
                    ),
                    classes="intro",
                )
            yield Static(Content(_("Company")), classes="section")
            for field, label in _IDENTITY:
                restrict = r"[A-Za-z]*" if field == "company_country" else None
                yield FormField.text(
                    field,
                    _(label),
                    getattr(s, field),
                    max_length=2 if restrict else 0,
                    restrict=restrict,
                )
            yield Static(Content(_("Defaults for new customers")), classes="section")
            yield FormField.text(
                "default_terms",
                _("Payment terms"),
                s.default_terms,
                hint=_("receipt, 30d (30 days), 45eom (45 days end of month)"),
            )
            yield FormField.choice(
                "default_payment_method",
                _("Payment method"),
                choices(PAYMENT_METHODS),
                s.default_payment_method,
            )
            yield FormField.text(
                "default_currency",
                _("Currency"),
                s.default_currency,
                max_length=3,
                restrict=r"[A-Za-z]*",
            )
            yield FormField.choice(
                "default_language", _("Language"), language_choices(), s.default_language
            )
            yield Static(Content(_("Options")), classes="section")
            yield FormField.switch(
                "email_mandatory", _("E-mail required for every customer"), s.email_mandatory
            )
            yield FormField.switch("ask_birth_date", _("Ask for a birth date"), s.ask_birth_date)
            yield FormField.choice(
                "interface_language",
                _("Interface language"),
                [(_("(from the system)"), ""), *language_choices()],
                s.interface_language,
            )
            yield Static(
                Content(
                    _("Database: {location}").format(location=display_safe(self.app_location()))
                ),
                classes="hint",
            )
        yield Footer()

    def app_location(self) -> str:
        return str(getattr(self.app, "db_location", ""))

    def on_mount(self) -> None:
        self.sub_title = _("Company set-up") if self.first_launch else _("Settings")
        self.query(FormField).first().control.focus()

    def action_save(self) -> None:
        if self._saving:
            return
        typed = values(self)
        flags = {"email_mandatory", "ask_birth_date"}
        data = {k: (v == "1" if k in flags else v) for k, v in typed.items()}
        self._saving = True
        self._save(Settings(**data))  # type: ignore[arg-type]

    @work(thread=True, exclusive=True, group="settings-save")
    def _save(self, settings: Settings) -> None:
        try:
            with database.connection_context():
                saved = save_settings(settings)
        except ValidationError as exc:
            self.app.call_from_thread(self._refused, exc.errors)
        except ConflictError as exc:
            self.app.call_from_thread(self._refused, {"": str(exc)})
        else:
            self.app.call_from_thread(self._saved, saved)

    def _refused(self, errors: dict[str, str]) -> None:
        self._saving = False
        first, others = show_errors(self, errors)
        if first is not None:
            focus_field(first)
        for reason in others.values():
            self.notify(reason, severity="error", markup=False)

    def _saved(self, settings: Settings) -> None:
        self._saving = False
        show_errors(self, {})
        set_company = getattr(self.app, "set_company", None)
        if set_company is not None:
            set_company(settings.company_name)
        self.notify(_("Settings saved."))
        self.dismiss()

    def action_back(self) -> None:
        if self.first_launch:
            self.notify(
                _("Save the company first (Ctrl+S), or quit with Ctrl+Q."), severity="warning"
            )
            return
        self.dismiss()

    def help_text(self) -> str:
        return _(
            "Tab and Shift+Tab move between fields; Enter or Space opens a list. "
            "Ctrl+S or F2 saves; a refused value is explained under its field."
        )

    def palette_commands(self) -> list[PaletteCommand]:
        return [
            PaletteCommand(_("Save settings"), self.action_save, _("Save (Ctrl+S, F2)")),
            PaletteCommand(_("Leave settings"), self.action_back, _("Back without saving (Esc)")),
        ]
