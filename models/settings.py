"""The shop's own settings: company identity, switches and defaults for new customers,
and the sales reps. Stored as key/value rows so later issues add settings without a
schema change."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, fields

from models import validation as check
from models.db import write_txn
from models.errors import ValidationError
from models.i18n import _
from models.tables import SalesRep, Setting


@dataclass(frozen=True)
class Settings:
    company_name: str = ""
    company_legal_form: str = ""
    company_street: str = ""
    company_postal_code: str = ""
    company_city: str = ""
    company_country: str = "FR"
    company_siren: str = ""
    company_vat: str = ""
    company_iban: str = ""
    company_bic: str = ""
    company_phone: str = ""
    company_email: str = ""
    # French companies print their share capital and trade register (Code de commerce
    # R123-237), e.g. "10 000 €" and "RCS Paris"; a Dutch one its KvK (in the SIREN field).
    company_capital: str = ""
    company_registry: str = ""
    # A PNG or JPEG printed at the top of documents.
    company_logo: str = ""
    # Prices of the catalog are in this currency.
    company_currency: str = "EUR"
    email_mandatory: bool = False
    ask_birth_date: bool = False
    default_terms: str = "30d"
    default_payment_method: str = "transfer"
    default_currency: str = "EUR"
    default_language: str = "fr"
    interface_language: str = ""
    # Each duplicate check warns (the operator may create anyway) or blocks (creating
    # anyway needs a second confirmation; the CLI needs --force either way).
    duplicate_name: str = "warn"
    duplicate_address: str = "warn"
    duplicate_phone: str = "warn"
    duplicate_email: str = "block"
    duplicate_siren: str = "block"
    # Years after a customer's last document before their personal data is due for erasure.
    retention_years: str = "10"
    # Quotes: their number series ({year} and {seq}, e.g. {seq:05} for five digits) and
    # how many days a new quote stays valid.
    quote_number_pattern: str = "D-{year}-{seq:05}"
    quote_validity_days: str = "30"
    # Invoices and credit notes: each its own continuous series.
    invoice_number_pattern: str = "F-{year}-{seq:05}"
    credit_note_number_pattern: str = "A-{year}-{seq:05}"
    # Printed on invoices (Code de commerce L441-10). An empty penalty rate prints the
    # legal default, the ECB refinancing rate plus 10 points; an empty discount, "none".
    late_penalty_rate: str = ""
    early_payment_discount: str = ""
    # How "N days end of month" terms count (models.due_dates): N days then the end of
    # that month, or the end of the month then N days. Both readings are lawful.
    end_of_month_reading: str = "days_then_month_end"

    @property
    def is_configured(self) -> bool:
        return bool(self.company_name)

    def duplicate_mode(self, check: str) -> str:
        """`warn` or `block` for a check named `name`, `address`, `phone`, `email` or
        `siren`."""
        return str(getattr(self, f"duplicate_{check}"))

    @property
    def retention(self) -> int:
        return int(self.retention_years)

    @property
    def quote_validity(self) -> int:
        return int(self.quote_validity_days)


DUPLICATE_CHECKS = ("name", "address", "phone", "email", "siren")
DUPLICATE_MODES = ("warn", "block")


def _retention_years(field: str, value: str) -> str:
    text = value.strip()
    if not text.isdigit() or not 1 <= int(text) <= 100:
        raise ValidationError.single(field, _("A whole number of years, 1 to 100."))
    return str(int(text))


def _validity_days(field: str, value: str) -> str:
    text = value.strip()
    if not text.isdigit() or not 1 <= int(text) <= 365:
        raise ValidationError.single(field, _("A whole number of days, 1 to 365."))
    return str(int(text))


def _penalty_rate(field: str, value: str) -> str:
    rate = check.percentage(field, value)
    if rate is None or rate <= 0:
        raise ValidationError.single(field, _("A yearly rate in percent, e.g. 12.5."))
    return f"{rate.normalize():f}"


def _plain_text(field: str, value: str) -> str:
    text = " ".join(value.split())
    if len(text) > 200:
        raise ValidationError.single(field, _("At most 200 characters."))
    return text


def _logo(field: str, value: str) -> str:
    from pathlib import Path

    text = value.strip()
    if not text:
        return ""
    path = Path(text).expanduser()
    if path.suffix.lower() not in (".png", ".jpg", ".jpeg"):
        raise ValidationError.single(field, _("A PNG or JPEG image."))
    if not path.is_file():
        raise ValidationError.single(field, _("No such file."))
    return str(path)


def load_settings() -> Settings:
    stored = {row.key: row.value for row in Setting.select()}
    values: dict[str, object] = {}
    for field in fields(Settings):
        if field.name not in stored:
            continue
        raw = stored[field.name]
        values[field.name] = raw == "1" if field.type in ("bool", bool) else raw
    return Settings(**values)  # type: ignore[arg-type]


def validate_settings(settings: Settings) -> Settings:
    """Checks every field and returns the settings with identifiers in their clean form."""
    checks = check.FieldChecks()
    errors, clean, run = checks.errors, checks.values, checks.run
    run("company_name", check.required, settings.company_name)
    run("company_country", check.country, settings.company_country)
    country = str(clean.get("company_country", ""))
    run("company_postal_code", check.postcode, settings.company_postal_code, country)
    run("company_siren", check.siren, settings.company_siren, country)
    run("company_vat", check.vat_number, settings.company_vat)
    run("company_iban", check.iban, settings.company_iban)
    run("company_bic", check.bic, settings.company_bic)
    run("company_email", check.email, settings.company_email)
    try:
        clean["company_phone"] = check.phone("company_phone", settings.company_phone, country)[0]
    except ValidationError as exc:
        errors.update(exc.errors)
    run("default_terms", check.terms, settings.default_terms)
    run("default_payment_method", check.payment_method, settings.default_payment_method)
    run("default_currency", check.currency, settings.default_currency)
    run("default_language", check.language, settings.default_language)
    if settings.interface_language:
        run("interface_language", check.language, settings.interface_language)
    for name in DUPLICATE_CHECKS:
        field = f"duplicate_{name}"
        run(field, check.choice, getattr(settings, field), DUPLICATE_MODES)
    run("retention_years", _retention_years, settings.retention_years)
    run("company_currency", check.currency, settings.company_currency)
    run("company_logo", _logo, settings.company_logo)
    run("quote_number_pattern", check.number_pattern, settings.quote_number_pattern)
    run("quote_validity_days", _validity_days, settings.quote_validity_days)
    run("invoice_number_pattern", check.number_pattern, settings.invoice_number_pattern)
    run("credit_note_number_pattern", check.number_pattern, settings.credit_note_number_pattern)
    if settings.late_penalty_rate.strip():
        run("late_penalty_rate", _penalty_rate, settings.late_penalty_rate)
    run("early_payment_discount", _plain_text, settings.early_payment_discount)
    run("end_of_month_reading", check.choice, settings.end_of_month_reading,
        ("days_then_month_end", "month_end_then_days"))  # fmt: skip
    if errors:
        raise ValidationError(errors)
    return dataclasses.replace(settings, **clean)


def save_settings(settings: Settings) -> Settings:
    clean = validate_settings(settings)
    with write_txn():
        for field in fields(Settings):
            value = getattr(clean, field.name)
            text = ("1" if value else "0") if isinstance(value, bool) else str(value)
            Setting.insert(key=field.name, value=text).on_conflict(
                conflict_target=[Setting.key], update={Setting.value: text}
            ).execute()
    return clean


@dataclass(frozen=True)
class Rep:
    code: str
    name: str
    active: bool = True


def list_reps(include_inactive: bool = False) -> list[Rep]:
    query = SalesRep.select().order_by(SalesRep.code)
    if not include_inactive:
        query = query.where(SalesRep.active == True)  # noqa: E712
    return [Rep(r.code, r.name, r.active) for r in query]


def save_rep(code: str, name: str, active: bool = True) -> Rep:
    code = code.strip().upper()
    errors = {}
    if not code or len(code) > 10 or not code.replace("-", "").isalnum():
        errors["code"] = _("A code of 1 to 10 letters or digits.")
    if not name.strip():
        errors["name"] = _("This field is required.")
    if errors:
        raise ValidationError(errors)
    with write_txn():
        SalesRep.insert(code=code, name=name.strip(), active=active).on_conflict(
            conflict_target=[SalesRep.code],
            update={SalesRep.name: name.strip(), SalesRep.active: active},
        ).execute()
    return Rep(code, name.strip(), active)
