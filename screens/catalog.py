"""The catalog: every item, narrowed by code or name as the operator types (accents and
case ignored). Enter edits the item, n or Ctrl+N adds one, Ctrl+T shows the inactive
ones too, Ctrl+L opens the price lists and Ctrl+R the VAT rates."""

from __future__ import annotations

from collections.abc import Hashable
from decimal import Decimal
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Header

from models import formatting
from models.catalog import ItemRecord, search_items
from models.i18n import N_, _, current_language, ngettext
from models.settings import load_settings
from screens.catalog_search import TypedSearchScreen
from tui.commands import PaletteCommand
from tui.widgets.footer import Footer
from tui.widgets.sized_table import Column, cell


def price_text(value: Decimal, currency: str) -> str:
    """A unit price in the operator's language: `4,20`, `0,0125`."""
    return formatting.price(value, currency, current_language())


def rate_percent(rate: Decimal) -> str:
    """`20 %`, `5,5 %` in French; `5.5%` in English."""
    return formatting.percent(rate, current_language())


class CatalogScreen(TypedSearchScreen[ItemRecord]):
    CSS_PATH = "catalog.tcss"
    BINDINGS = [
        Binding("ctrl+n", "new", N_("New")),
        Binding("n,f2", "new", N_("New item"), show=False),
        Binding("e,f4", "edit", N_("Edit"), show=False),
        Binding("ctrl+t", "toggle_inactive", N_("Inactive")),
        Binding("i", "toggle_inactive", N_("Show or hide inactive"), show=False),
        Binding("ctrl+l", "price_lists", N_("Price lists")),
        Binding("ctrl+r", "vat_rates", N_("VAT rates")),
        # Shown are the keys only this screen has; Esc leaves, as everywhere.
        Binding("escape", "back", N_("Back"), show=False),
    ]

    def __init__(self) -> None:
        super().__init__(id="catalog")
        self.show_inactive = False
        self.currency = load_settings().company_currency

    def compose(self) -> ComposeResult:
        yield Header()
        yield from self.search_widgets(_("Search items: code or name…"), _("Edit"))
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = _("Catalog")
        self.action_focus_search()
        self.search_now()

    # ---- the rows ---------------------------------------------------------------------

    def search_key(self) -> Hashable:
        return (self.search_text, self.show_inactive)

    def fetch(self, key: Any, limit: int) -> list[ItemRecord]:
        text, include_inactive = key
        return search_items(text, limit=limit, include_inactive=include_inactive)

    def columns(self) -> list[Column]:
        columns = [
            Column("code", _("Code"), 12),
            Column("name", _("Name"), 0),
            Column("unit", _("Unit"), 6),
            Column("unit_price", _("Excl. VAT"), 10, right=True),
            Column("vat_rate", _("VAT"), 6, right=True),
        ]
        if self.show_inactive:
            # Only then can a row be inactive; the column says so in words.
            columns.append(Column("status", _("Status"), 8))
        return columns

    def cells(self, row: ItemRecord) -> list[Text]:
        # Dimmed AND marked in words: a 16-colour terminal may not show the dimming.
        style = "" if row.active else "dim"
        cells = [
            cell(row.code, style),
            cell(row.name, style),
            cell(row.unit, style),
            cell(price_text(row.unit_price, self.currency), style, right=True),
            cell(rate_percent(row.vat_rate), style, right=True),
        ]
        if self.show_inactive:
            cells.append(cell("" if row.active else _("inactive"), style))
        return cells

    def row_id(self, row: ItemRecord) -> Hashable:
        return row.code

    def status_line(self) -> str:
        count = len(self.rows)
        if self.has_more:
            text = ngettext(
                "{count} item shown, more below…", "{count} items shown, more below…", count
            )
        elif count == 0:
            text = _("No item matches.") if self.search_text.strip() else _("No item yet.")
        else:
            text = ngettext("{count} item", "{count} items", count)
        text = text.format(count=count)
        text += " · " + _("prices excluding VAT, in {currency}").format(currency=self.currency)
        if self.show_inactive:
            text += " " + _("(inactive included)")
        return text

    def choose(self, row: ItemRecord) -> None:
        self._open_form(row.code)

    # ---- actions ----------------------------------------------------------------------

    def _open_form(self, code: str | None) -> None:
        from screens.item_form import ItemFormScreen

        def saved(result: str | None) -> None:
            if result:
                self.refresh_rows(keep=result)

        self.app.push_screen(ItemFormScreen(self.app_operator, code), saved)

    def action_new(self) -> None:
        self._open_form(None)

    def action_edit(self) -> None:
        row = self.highlighted
        if row is not None:
            self._open_form(row.code)

    def action_toggle_inactive(self) -> None:
        self.show_inactive = not self.show_inactive
        self.rebuild_columns()
        self.search_now()

    def action_price_lists(self) -> None:
        from screens.price_lists import PriceListsScreen

        self.app.push_screen(PriceListsScreen())

    def action_vat_rates(self) -> None:
        from screens.vat_rates import VatRatesScreen

        self.app.push_screen(VatRatesScreen())

    def help_text(self) -> str:
        return _(
            "Type part of an item's code or name (accents do not matter); Down moves to "
            "the list, Enter edits the item, Up on the first row comes back here. Prices "
            "are excluding VAT, in the catalog's currency."
        )

    def palette_commands(self) -> list[PaletteCommand]:
        return [
            PaletteCommand(
                _("New item"), self.action_new, _("Add an item to the catalog (n, Ctrl+N)")
            ),
            PaletteCommand(
                _("Edit item"), self.action_edit, _("Edit the highlighted item (Enter, e)")
            ),
            PaletteCommand(
                _("Show or hide inactive items"),
                self.action_toggle_inactive,
                _("Include items no longer sold (i, Ctrl+T)"),
            ),
            PaletteCommand(
                _("Price lists"),
                self.action_price_lists,
                _("Prices per list and currency (Ctrl+L)"),
            ),
            PaletteCommand(
                _("VAT rates"),
                self.action_vat_rates,
                _("Rates per country, with their labels (Ctrl+R)"),
            ),
            PaletteCommand(
                _("Search items"), self.action_focus_search, _("Back to the search box (/)")
            ),
        ]
