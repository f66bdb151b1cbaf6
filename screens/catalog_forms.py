"""The catalog's two small forms: a price list (name, currency, active) and a VAT rate
(country, rate, legal label). Like every form, Ctrl+S (or F2) saves, a refused value is
explained under its field, Esc asks before throwing changes away."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Checkbox, Header, Static

from models import validation as check
from models.errors import ConflictError, ValidationError
from models.i18n import N_, _
from models.price_lists import PriceListRecord, get_price_list, save_price_list
from models.settings import load_settings
from models.vat_rates import Rate, list_rates, rate_text, save_rate
from screens.catalog import rate_percent
from tui.commands import PaletteCommand
from tui.safe_text import display_safe
from tui.widgets.field import text_input
from tui.widgets.footer import Footer
from tui.widgets.form import FieldFormScreen

LABELS = {
    "name": N_("Name"),
    "currency": N_("Currency"),
    "active": N_("Active"),
    "country": N_("Country"),
    "rate": N_("Rate (%)"),
    "label": N_("Legal label"),
}


def _label(key: str) -> str:
    return _(LABELS[key])


def form_commands(save: Callable[[], Any], leave: Callable[[], Any]) -> list[PaletteCommand]:
    """What the palette offers on each of the catalog's forms."""
    return [
        PaletteCommand(_("Save"), save, _("Save and go back (Ctrl+S, F2)")),
        PaletteCommand(_("Back"), leave, _("Leave, asking first if you typed (Esc)")),
    ]


FORM_HELP = N_(
    "Tab and Shift+Tab move between the fields; Ctrl+S (or F2) saves, a refused value is "
    "explained under its field; Esc leaves, asking first if anything was typed."
)


class PriceListFormScreen(FieldFormScreen[str | None]):
    """A new list, or (with `name`) an existing one renamed, moved to another currency
    while it holds no price, or deactivated. Dismisses with the saved name, None if left."""

    CSS_PATH = "catalog.tcss"

    def __init__(self, operator: str, name: str | None = None) -> None:
        super().__init__()
        self.operator = operator
        self.record: PriceListRecord | None = get_price_list(name) if name else None
        self.start: tuple[str, str, bool] = (
            (self.record.name, self.record.currency, self.record.active)
            if self.record
            else ("", load_settings().company_currency, True)
        )

    def compose(self) -> ComposeResult:
        name, currency, active = self.start
        yield Header()
        with VerticalScroll(id="form-body"):
            yield self.field("name", _label("name"), text_input(name, _("e.g. Trade")))
            yield self.field("currency", _label("currency"), text_input(currency, "EUR"))
            yield self.field("active", _label("active"), Checkbox("", active, compact=True))
        yield Footer()

    def on_mount(self) -> None:
        if self.record is None:
            self.title = _("New price list")
        else:
            self.title = _("Price list {name}").format(name=display_safe(self.record.name))
        self.initial = self.collect()
        self.fields["name"].focus_input()

    def collect(self) -> tuple[str, str, bool]:
        return (
            str(self.fields["name"].value),
            str(self.fields["currency"].value),
            bool(self.fields["active"].value),
        )

    def action_save(self) -> None:
        name, currency, active = self.collect()
        self.clear_errors()
        record = self.record
        try:
            saved = save_price_list(
                name,
                currency,
                self.operator,
                active=active,
                existing=record.name if record else None,
                expected_version=record.version if record else None,
            )
        except ValidationError as exc:
            self.bring_to_operator(self.show_errors(exc.errors))
            return
        except ConflictError as exc:
            self.notify(display_safe(str(exc)), severity="error", timeout=10, markup=False)
            return
        self.notify(_("Saved {name}").format(name=display_safe(saved.name)), markup=False)
        self.dismiss(saved.name)

    def action_leave(self) -> None:
        self.leave_with(None, self.collect() != self.initial)

    def help_text(self) -> str:
        return _(FORM_HELP)

    def palette_commands(self) -> list[PaletteCommand]:
        return form_commands(self.action_save, self.action_leave)


class VatRateFormScreen(FieldFormScreen[str | None]):
    """A new rate for a country, or (with `rate`) a new legal label for one on file: a
    rate's country and percentage are what documents point at, so they never change.
    Dismisses with "COUNTRY rate" once saved, None if left."""

    CSS_PATH = "catalog.tcss"

    def __init__(self, rate: Rate | None = None) -> None:
        super().__init__()
        self.rate = rate
        self.start = (
            (rate.country, rate_text(rate.rate), rate.label)
            if rate
            else (load_settings().company_country, "", "")
        )

    def compose(self) -> ComposeResult:
        country, rate, label = self.start
        yield Header()
        with VerticalScroll(id="form-body"):
            if self.rate is None:
                yield self.field("country", _label("country"), text_input(country, "FR"))
                yield self.field("rate", _label("rate"), text_input(rate, _("e.g. 5.5")))
            else:
                shown = Static(Content(country), classes="read-only")
                yield self.field("country", _label("country"), shown)
                shown = Static(Content(rate_percent(self.rate.rate)), classes="read-only")
                yield self.field("rate", _label("rate"), shown)
            placeholder = _("e.g. Taux réduit")
            yield self.field("label", _label("label"), text_input(label, placeholder))
        yield Footer()

    def on_mount(self) -> None:
        self.title = _("New VAT rate") if self.rate is None else _("VAT rate label")
        self.initial = self.collect()
        self.fields["country" if self.rate is None else "label"].focus_input()

    def collect(self) -> tuple[str, str, str]:
        if self.rate is not None:
            return (*self.start[:2], str(self.fields["label"].value))
        return (
            str(self.fields["country"].value),
            str(self.fields["rate"].value),
            str(self.fields["label"].value),
        )

    def _already_on_file(self, country: str, rate: str) -> bool:
        """Adding a rate the country has would silently relabel (and reactivate) it."""
        try:
            code, value = check.country("country", country), check.percentage("rate", rate)
        except ValidationError:
            return False  # the service explains it
        return any(r.rate == value for r in list_rates(code, include_inactive=True))

    def action_save(self) -> None:
        country, rate, label = self.collect()
        self.clear_errors()
        if self.rate is None and self._already_on_file(country, rate):
            reason = _("This rate is on file: change its label from the list.")
            self.bring_to_operator(self.show_errors({"rate": reason}))
            return
        try:
            saved = save_rate(country, rate, label, self.rate.active if self.rate else True)
        except ValidationError as exc:
            self.bring_to_operator(self.show_errors(exc.errors))
            return
        shown = f"{saved.country} {rate_percent(saved.rate)}"
        self.notify(_("Saved {rate}").format(rate=shown), markup=False)
        self.dismiss(f"{saved.country} {rate_text(saved.rate)}")

    def action_leave(self) -> None:
        self.leave_with(None, self.collect() != self.initial)

    def help_text(self) -> str:
        return _(FORM_HELP)

    def palette_commands(self) -> list[PaletteCommand]:
        return form_commands(self.action_save, self.action_leave)
