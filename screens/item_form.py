"""New and edit item: code, name, description, unit, unit price excluding VAT, VAT rate
(one of the company country's rates, with its legal label) and whether it is still sold.
Ctrl+S (or F2) saves, a refused value is explained under its field, Esc asks before
throwing changes away. Saving over someone else's newer save is refused by the service:
the form then says who changed the item and when, and keeps everything typed."""

from __future__ import annotations

from decimal import Decimal

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widget import Widget
from textual.widgets import Checkbox, Header

from models.catalog import ItemInput, ItemRecord, create_item, get_item, update_item
from models.errors import ConflictError, ValidationError
from models.formatting import locale_for
from models.i18n import N_, _, current_language
from models.money import exponent
from models.settings import load_settings
from models.vat_rates import list_rates, rate_text
from screens.catalog import rate_percent
from screens.catalog_forms import FORM_HELP, form_commands
from tui.commands import PaletteCommand
from tui.safe_text import display_safe
from tui.widgets.field import choice_select, text_area, text_input
from tui.widgets.footer import Footer
from tui.widgets.form import FieldFormScreen

LABELS = {
    "code": N_("Code"),
    "name": N_("Name"),
    "description": N_("Description"),
    "unit": N_("Unit"),
    "unit_price": N_("Price excl. VAT"),
    "vat_rate": N_("VAT rate"),
    "active": N_("Active"),
}


def typed_price(value: Decimal, currency: str) -> str:
    """A stored price as the operator types it (`4,20` in French): the currency's
    decimals, more only when the price has them, and no grouping, so that it reads back
    exactly."""
    import babel.numbers

    places = exponent(currency)
    pattern = "0" + ("." + "0" * places + "##" if places else ".####")
    text = babel.numbers.format_decimal(
        value, format=pattern, locale=locale_for(current_language())
    )
    return str(text)


def input_from_item(item: ItemRecord, currency: str) -> ItemInput:
    return ItemInput(
        code=item.code,
        name=item.name,
        description=item.description,
        unit=item.unit,
        unit_price=typed_price(item.unit_price, currency),
        vat_rate=rate_text(item.vat_rate),
        active=item.active,
    )


class ItemFormScreen(FieldFormScreen[str | None]):
    """Dismisses with the saved item's code, or None when left without saving."""

    CSS_PATH = "catalog.tcss"

    def __init__(self, operator: str, code: str | None = None) -> None:
        super().__init__()
        self.operator = operator
        settings = load_settings()
        self.currency = settings.company_currency
        self.country = settings.company_country
        self.record: ItemRecord | None = get_item(code) if code else None
        self.rates = list_rates(self.country)
        if self.record is not None:
            self.start = input_from_item(self.record, self.currency)
        else:
            # The highest rate first: the standard one, what most items take.
            first = rate_text(self.rates[0].rate) if self.rates else ""
            self.start = ItemInput(vat_rate=first)
        self.initial = self.start

    def _vat_widget(self) -> Widget:
        if not self.rates:
            # A country with no rates on file: the service takes any percentage.
            return text_input(self.start.vat_rate, _("e.g. 20"))
        choices = [
            (f"{rate_percent(r.rate)} — {display_safe(r.label)}", rate_text(r.rate))
            for r in self.rates
        ]
        current = self.start.vat_rate
        if current and current not in {code for _label, code in choices}:
            # A rate retired since: shown for what it is; saving asks for another.
            label = _("{rate} — no longer in use").format(rate=rate_percent(Decimal(current)))
            choices.append((label, current))
        return choice_select(choices, current)

    def compose(self) -> ComposeResult:
        data = self.start
        yield Header()
        with VerticalScroll(id="form-body"):
            yield self.field("code", _(LABELS["code"]), text_input(data.code, _("e.g. CAF-250")))
            yield self.field("name", _(LABELS["name"]), text_input(data.name))
            yield self.field("description", _(LABELS["description"]), text_area(data.description))
            yield self.field("unit", _(LABELS["unit"]), text_input(data.unit, _("kg, hour, box…")))
            yield self.field(
                "unit_price",
                _(LABELS["unit_price"]),
                text_input(data.unit_price, _("in {currency}").format(currency=self.currency)),
            )
            yield self.field("vat_rate", _(LABELS["vat_rate"]), self._vat_widget())
            yield self.field("active", _(LABELS["active"]), Checkbox("", data.active, compact=True))
        yield Footer()

    def on_mount(self) -> None:
        if self.record is None:
            self.title = _("New item")
        else:
            self.title = _("Edit {code} — {name}").format(
                code=self.record.code, name=display_safe(self.record.name)
            )
        # What the widgets really hold, so that leaving untouched never asks.
        self.initial = self.collect()
        self.fields["code" if self.record is None else "name"].focus_input()

    def collect(self) -> ItemInput:
        values = {key: field.value for key, field in self.fields.items()}
        return ItemInput(**values)  # type: ignore[arg-type]

    def action_save(self) -> None:
        data = self.collect()
        self.clear_errors()
        try:
            if self.record is None:
                saved = create_item(data, self.operator)
            else:
                saved = update_item(self.record.code, data, self.record.version, self.operator)
        except ValidationError as exc:
            self.bring_to_operator(self.show_errors(exc.errors))
            return
        except ConflictError as exc:
            # markup=False: the message names an operator, which is typed text.
            self.notify(display_safe(str(exc)), severity="error", timeout=10, markup=False)
            return
        self.notify(_("Saved {code}").format(code=saved.code), markup=False)
        self.dismiss(saved.code)

    def action_leave(self) -> None:
        self.leave_with(None, self.collect() != self.initial)

    def help_text(self) -> str:
        return (
            _(
                "The code is unique and written in capitals; the price excludes VAT, in the "
                "catalog's currency, with up to 4 decimals; the VAT rate is one of the rates of "
                "the company's country. An item no longer sold is made inactive, never deleted: "
                "old documents still point at it."
            )
            + "\n"
            + _(FORM_HELP)
        )

    def palette_commands(self) -> list[PaletteCommand]:
        return form_commands(self.action_save, self.action_leave)
