"""VAT rates by country with their legal labels, the company's country first. n or Ctrl+N
adds a rate, Enter or e changes a label, d deactivates a rate no longer in force (items
keep the rate they have; a new item or line can no longer take it) or reactivates it."""

from __future__ import annotations

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.widgets import DataTable, Header, Static

from models.db import database
from models.errors import ValidationError
from models.i18n import N_, _
from models.settings import load_settings
from models.vat_rates import Rate, list_rates, rate_text, save_rate
from screens.catalog import rate_percent
from tui.commands import PaletteCommand
from tui.safe_text import display_safe
from tui.widgets.footer import Footer
from tui.widgets.sized_table import Column, SizedTable, cell
from tui.widgets.translated import TranslatedScreen, translate_bindings


class RateTable(SizedTable):
    BINDINGS = [Binding("enter", "select_cursor", N_("Edit label"))]
    COLUMNS = (
        Column("country", N_("Country"), 7),
        Column("rate", N_("Rate"), 7, right=True),
        Column("label", N_("Legal label"), 0),
        Column("status", N_("Status"), 8),
    )
    MIN_WIDE = 12

    def __init__(self) -> None:
        super().__init__(id="vat-rates")
        translate_bindings(self)


def rate_key(rate: Rate) -> str:
    return f"{rate.country} {rate_text(rate.rate)}"


class VatRatesScreen(TranslatedScreen[None]):
    CSS_PATH = "catalog.tcss"
    BINDINGS = [
        Binding("ctrl+n", "new", N_("New")),
        Binding("n,f2", "new", N_("New VAT rate"), show=False),
        Binding("e,f4", "edit", N_("Edit label"), show=False),
        Binding("d", "deactivate", N_("Deactivate")),
        Binding("d", "reactivate", N_("Reactivate")),
        Binding("escape", "back", N_("Back")),
    ]

    class Loaded(Message):
        def __init__(self, rates: list[Rate]) -> None:
            super().__init__()
            self.rates = rates

    def __init__(self) -> None:
        super().__init__(id="vat-rates-screen")
        self.rates: list[Rate] = []
        self.country = load_settings().company_country
        self.loaded = False
        self._keep: str | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="rates-status")
        yield RateTable()
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = _("VAT rates")
        self.table.focus()
        self.load()

    def on_screen_resume(self) -> None:
        if self.loaded:
            self.load()

    @property
    def table(self) -> RateTable:
        return self.query_one(RateTable)

    @property
    def highlighted(self) -> Rate | None:
        row = self.table.cursor_row
        return self.rates[row] if self.rates and 0 <= row < len(self.rates) else None

    @work(thread=True, exclusive=True, group="vat-rates")
    def load(self) -> None:
        with database.connection_context():
            rates = list_rates(include_inactive=True)
        # The rates items and lines take: the company's country comes first.
        rates.sort(key=lambda r: r.country != self.country)
        self.post_message(self.Loaded(rates))

    def on_vat_rates_screen_loaded(self, message: Loaded) -> None:
        current = self.highlighted
        keep = self._keep or (rate_key(current) if current else None)
        self._keep = None
        self.rates = message.rates
        self.loaded = True
        self._fill()
        for index, rate in enumerate(self.rates):
            if rate_key(rate) == keep:
                self.table.move_cursor(row=index, animate=False)
        self.refresh_bindings()
        text = _("Items and document lines take the rates of {country}.").format(
            country=self.country
        )
        self.query_one("#rates-status", Static).update(Content(text))

    def _cells(self, rate: Rate) -> list[Text]:
        style = "" if rate.active else "dim"
        return [
            cell(rate.country, style),
            cell(rate_percent(rate.rate), style, right=True),
            cell(rate.label, style),
            cell("" if rate.active else _("inactive"), style),
        ]

    def _fill(self) -> None:
        self.table.show([self._cells(rate) for rate in self.rates])

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.refresh_bindings()  # d deactivates or reactivates the row it is on

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_edit()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        rate = self.highlighted
        if action == "deactivate":
            return rate is not None and rate.active
        if action == "reactivate":
            return rate is not None and not rate.active
        return True

    # ---- actions ----------------------------------------------------------------------

    def _form(self, rate: Rate | None) -> None:
        from screens.catalog_forms import VatRateFormScreen

        def saved(key: str | None) -> None:
            if key:
                self._keep = key

        self.app.push_screen(VatRateFormScreen(rate), saved)

    def action_new(self) -> None:
        self._form(None)

    def action_edit(self) -> None:
        rate = self.highlighted
        if rate is not None:
            self._form(rate)

    def _set_active(self, active: bool) -> None:
        rate = self.highlighted
        if rate is None or rate.active == active:
            return
        try:
            save_rate(rate.country, rate_text(rate.rate), rate.label, active)
        except ValidationError as exc:
            self.notify(display_safe(str(exc)), severity="error", markup=False)
            return
        shown = f"{rate.country} {rate_percent(rate.rate)}"
        done = _("{rate} deactivated") if not active else _("{rate} reactivated")
        self.notify(done.format(rate=shown), markup=False)
        self.load()

    def action_deactivate(self) -> None:
        self._set_active(False)

    def action_reactivate(self) -> None:
        self._set_active(True)

    def action_toggle_active(self) -> None:
        rate = self.highlighted
        if rate is not None:
            self._set_active(not rate.active)

    def action_back(self) -> None:
        self.dismiss()

    def help_text(self) -> str:
        return _(
            "The VAT rates of each country with the label the law gives them, printed on "
            "documents. Items and lines take the rates of the company's country. "
            "Deactivate a rate no longer in force: items that have it keep it until edited."
        )

    def palette_commands(self) -> list[PaletteCommand]:
        return [
            PaletteCommand(
                _("New VAT rate"), self.action_new, _("Add a rate for a country (n, Ctrl+N)")
            ),
            PaletteCommand(
                _("Edit VAT rate label"),
                self.action_edit,
                _("The highlighted rate's legal label (Enter, e)"),
            ),
            PaletteCommand(
                _("Deactivate or reactivate VAT rate"),
                self.action_toggle_active,
                _("A rate no longer in force, or back in force (d)"),
            ),
            PaletteCommand(_("Back"), self.action_back, _("Back to the catalog (Esc)")),
        ]
