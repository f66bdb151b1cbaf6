"""The shop's settings: its identity (printed on documents), two switches, the defaults a
new customer starts with, the interface language, the quote and invoice series and clauses,
what each duplicate check does and how long personal data is kept. Ctrl+S (or F2) saves, a refused
value is explained under its field. On first launch there is nothing to go back to, so
Esc offers to quit Comptoir instead."""

from __future__ import annotations

import dataclasses

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Checkbox, Header, Static

from models.errors import ValidationError
from models.i18n import N_, _
from models.settings import DUPLICATE_CHECKS, Settings, load_settings, save_settings
from screens.customer_text import PAYMENT_METHODS, language_choices
from tui.widgets.field import choice_select, text_input
from tui.widgets.footer import Footer
from tui.widgets.form import FieldFormScreen

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
    ("company_capital", N_("Share capital")),
    ("company_registry", N_("Trade register")),
    ("company_logo", N_("Logo (PNG, JPEG)")),
    ("company_currency", N_("Catalog currency")),
)
SWITCHES = (
    ("email_mandatory", N_("E-mail mandatory")),
    ("ask_birth_date", N_("Ask birth date")),
)
DUPLICATE_LABELS = {
    "name": N_("Similar name"),
    "address": N_("Same address"),
    "phone": N_("Same phone"),
    "email": N_("Same e-mail"),
    "siren": N_("Same SIREN"),
}
MODES = (("warn", N_("warn")), ("block", N_("block: confirm twice")))
END_OF_MONTH_READINGS = (
    ("days_then_month_end", N_("N days, then to the month's end")),
    ("month_end_then_days", N_("to the month's end, then N days")),
)


class SettingsFormScreen(FieldFormScreen[bool]):
    """Dismisses with True once saved, False when left without saving."""

    CSS_PATH = "forms.tcss"

    def __init__(self, first_launch: bool = False) -> None:
        super().__init__()
        self.first_launch = first_launch
        self.start = load_settings()
        self.initial = self.start

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
                yield self.field(key, _(label), text_input(getattr(data, key)))
            yield Static(Content(_("Customers")), classes="form-section")
            for key, label in SWITCHES:
                yield self.field(key, _(label), Checkbox("", getattr(data, key), compact=True))
            yield self.field(
                "default_terms",
                _("Default terms"),
                text_input(data.default_terms, _("receipt, 30d, 45eom")),
            )
            yield self.field(
                "default_payment_method",
                _("Default payment"),
                choice_select(methods, data.default_payment_method),
            )
            yield self.field(
                "default_currency", _("Default currency"), text_input(data.default_currency)
            )
            yield self.field(
                "default_language",
                _("Default language"),
                choice_select(language_choices(), data.default_language),
            )
            # Blank: the interface follows the terminal's locale.
            yield self.field(
                "interface_language",
                _("Interface language"),
                choice_select(language_choices(), data.interface_language, allow_blank=True),
            )
            yield Static(Content(_("Quotes")), classes="form-section")
            yield self.field(
                "quote_number_pattern",
                _("Number pattern"),
                text_input(data.quote_number_pattern, "D-{year}-{seq:05}"),
            )
            yield self.field(
                "quote_validity_days",
                _("Valid for (days)"),
                text_input(data.quote_validity_days),
            )
            yield from self._invoice_fields(data)
            yield Static(Content(_("Duplicate checks")), classes="form-section")
            modes = [(_(label), code) for code, label in MODES]
            for check in DUPLICATE_CHECKS:
                key = f"duplicate_{check}"
                label = _(DUPLICATE_LABELS[check])
                yield self.field(key, label, choice_select(modes, getattr(data, key)))
            yield Static(Content(_("Personal data")), classes="form-section")
            yield self.field(
                "retention_years",
                _("Keep (years)"),
                text_input(data.retention_years, _("years after the last document")),
            )
        yield Footer()

    def _invoice_fields(self, data: Settings) -> ComposeResult:
        yield Static(Content(_("Invoices")), classes="form-section")
        yield self.field(
            "invoice_number_pattern",
            _("Number pattern"),
            text_input(data.invoice_number_pattern, "F-{year}-{seq:05}"),
        )
        yield self.field(
            "credit_note_number_pattern",
            _("Credit notes"),
            text_input(data.credit_note_number_pattern, "A-{year}-{seq:05}"),
        )
        yield self.field(
            "late_penalty_rate",
            _("Late penalty (%/year)"),
            text_input(data.late_penalty_rate, _("empty: ECB rate + 10 points")),
        )
        yield self.field(
            "early_payment_discount",
            _("Early payment discount"),
            text_input(data.early_payment_discount, _("empty: none")),
        )
        readings = [(_(label), code) for code, label in END_OF_MONTH_READINGS]
        yield self.field(
            "end_of_month_reading",
            _("N days end of month"),
            choice_select(readings, data.end_of_month_reading),
        )

    def on_mount(self) -> None:
        self.title = _("Welcome to Comptoir") if self.first_launch else _("Settings")
        self.initial = self.collect()
        self.fields["company_name"].focus_input()

    def collect(self) -> Settings:
        values = {key: field.value for key, field in self.fields.items()}
        return dataclasses.replace(self.start, **values)  # type: ignore[arg-type]

    def action_save(self) -> None:
        self.clear_errors()
        try:
            save_settings(self.collect())
        except ValidationError as exc:
            self.bring_to_operator(self.show_errors(exc.errors))
            return
        self.notify(_("Settings saved"), markup=False)
        self.dismiss(True)

    def action_leave(self) -> None:
        if self.first_launch:
            # Nothing to go back to: the app needs a company name to start.
            self.ask(_("Quit Comptoir?"), self.app.exit)
            return
        self.leave_with(False, self.collect() != self.initial)
