"""One price list: every active item with its catalog price and its price on the list,
narrowed as the operator types. Enter on a row asks for the list price in a small box
(empty takes the item off the list, so it keeps its catalog price) and moves to the next
row, for a list typed price after price; Delete takes the item off at once; e renames
the list, changes its currency or deactivates it."""

from __future__ import annotations

import dataclasses
from collections.abc import Hashable
from decimal import Decimal
from typing import Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.coordinate import Coordinate
from textual.message import Message
from textual.widgets import Header, Input, Static

from models.db import database
from models.errors import ComptoirError, ValidationError
from models.i18n import N_, _, ngettext
from models.price_lists import (
    ListPrice,
    PriceListRecord,
    get_price_list,
    list_prices,
    set_list_price,
)
from models.settings import load_settings
from screens.catalog import price_text
from screens.catalog_search import TypedSearchScreen
from screens.item_form import typed_price
from tui.commands import PaletteCommand
from tui.safe_text import display_safe
from tui.widgets.field import Field, text_input
from tui.widgets.footer import Footer
from tui.widgets.sized_table import Column, cell
from tui.widgets.translated import TranslatedModal


@dataclasses.dataclass(frozen=True)
class PriceSaved:
    price: Decimal | None  # None: off the list


class ListPriceModal(TranslatedModal[PriceSaved | None]):
    """Asks for one item's price on a list; Enter saves (a refused price is explained
    under it and nothing is written), Esc leaves the price as it was."""

    CSS_PATH = "catalog.tcss"
    BINDINGS = [Binding("escape", "cancel", N_("Cancel"), priority=True)]

    def __init__(self, record: PriceListRecord, row: ListPrice, home: str, operator: str) -> None:
        super().__init__()
        self.record = record
        self.row = row
        self.home = home
        self.operator = operator

    def compose(self) -> ComposeResult:
        current = (
            ""
            if self.row.list_price is None
            else typed_price(self.row.list_price, self.record.currency)
        )
        catalog = _("Catalog price: {price} {currency}").format(
            price=price_text(self.row.catalog_price, self.home), currency=self.home
        )
        label = _("Price in {currency}").format(currency=self.record.currency)
        self.price = Field("price", label, text_input(current, _("empty: off the list")))
        with Vertical(id="price-box"):
            yield Static(
                Content(f"{self.row.code} — {display_safe(self.row.name)}"), id="price-item"
            )
            yield Static(Content(catalog), id="price-catalog")
            yield self.price
            yield Static(
                Content(_("Enter saves · empty takes it off the list · Esc cancels")),
                id="price-hint",
            )

    def on_mount(self) -> None:
        self.price.focus_input()

    @on(Input.Submitted)
    def _save(self) -> None:
        self.price.set_error("")
        try:
            value = set_list_price(
                self.record.name, self.row.code, str(self.price.value), self.operator
            )
        except ValidationError as exc:
            self.price.set_error(next(iter(exc.errors.values())))
            return
        except ComptoirError as exc:
            self.price.set_error(display_safe(str(exc)))
            return
        self.dismiss(PriceSaved(value))

    def action_cancel(self) -> None:
        self.dismiss(None)

    def help_text(self) -> str:
        return _(
            "The item's price on this list, excluding VAT, in the list's currency. Enter "
            "saves; an empty price takes the item off the list, where it keeps its catalog "
            "price; Esc leaves the price as it was."
        )


class PriceListPricesScreen(TypedSearchScreen[ListPrice]):
    CSS_PATH = "catalog.tcss"
    BINDINGS = [
        # F4 shown: the footer leaves out letters while they are typed into the search.
        Binding("f4", "edit_list", N_("Edit list")),
        Binding("e", "edit_list", N_("Edit list"), show=False),
        Binding("delete", "take_off", N_("Off the list")),
    ]

    class Info(Message):
        def __init__(self, record: PriceListRecord) -> None:
            super().__init__()
            self.record = record

    def __init__(self, name: str) -> None:
        super().__init__(id="price-list-prices")
        self.list_name = name
        self.home = load_settings().company_currency
        self.record: PriceListRecord = get_price_list(name)

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="list-info")
        yield from self.search_widgets(_("Search items: code or name…"), _("Set price"))
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = _("Price list {name}").format(name=self.list_name)
        self._show_info()
        self.action_focus_search()
        self.search_now()

    # ---- the list's own line ----------------------------------------------------------

    @work(thread=True, exclusive=True, group="price-list-info")
    def _load_info(self, name: str) -> None:
        try:
            with database.connection_context():
                record = get_price_list(name)
        except ComptoirError:
            return  # the rows' search says what is wrong
        self.post_message(self.Info(record))

    def on_price_list_prices_screen_info(self, message: Info) -> None:
        self.record = message.record
        self._show_info()

    def _show_info(self) -> None:
        r = self.record
        prices = ngettext("{count} price", "{count} prices", r.items).format(count=r.items)
        customers = ngettext("{count} customer", "{count} customers", r.customers).format(
            count=r.customers
        )
        parts = [display_safe(r.name), r.currency, prices, customers]
        if not r.active:
            parts.append(_("inactive"))
        self.query_one("#list-info", Static).update(Content(" · ".join(parts)))

    # ---- the rows ---------------------------------------------------------------------

    def search_key(self) -> Hashable:
        return (self.search_text, self.list_name)

    def fetch(self, key: Any, limit: int) -> list[ListPrice]:
        text, name = key
        return list_prices(name, text, limit=limit)

    def columns(self) -> list[Column]:
        return [
            Column("code", _("Code"), 12),
            Column("name", _("Name"), 0),
            Column("catalog", _("Catalog {currency}").format(currency=self.home), 11, True),
            Column("list", _("List {currency}").format(currency=self.record.currency), 11, True),
        ]

    def cells(self, row: ListPrice) -> list[Text]:
        listed = "—" if row.list_price is None else price_text(row.list_price, self.record.currency)
        return [
            cell(row.code),
            cell(row.name),
            cell(price_text(row.catalog_price, self.home), right=True),
            cell(listed, right=True),
        ]

    def row_id(self, row: ListPrice) -> Hashable:
        return row.code

    def status_line(self) -> str:
        count = len(self.rows)
        if count == 0:
            return _("No item matches.") if self.search_text.strip() else _("No item yet.")
        text = ngettext("{count} item", "{count} items", count).format(count=count)
        if self.has_more:
            text += _(", more below…")
        return text + " · " + _("— : not on the list, the catalog price applies")

    def choose(self, row: ListPrice) -> None:
        modal = ListPriceModal(self.record, row, self.home, self.app_operator)
        self.app.push_screen(modal, lambda saved: self._priced(row.code, saved, advance=True))

    def _priced(self, code: str, saved: PriceSaved | None, advance: bool) -> None:
        """Shows the new price in its row at once, then the next row for the next price."""
        if saved is None:
            return
        for index, row in enumerate(self.rows):
            if row.code == code:
                self.rows[index] = dataclasses.replace(row, list_price=saved.price)
                self.table.update_cell_at(Coordinate(index, 3), self.cells(self.rows[index])[3])
                if advance and self.table.has_focus and index + 1 < len(self.rows):
                    self.table.move_cursor(row=index + 1, animate=False)
        self._load_info(self.list_name)

    # ---- actions ----------------------------------------------------------------------

    def action_set_price(self) -> None:
        row = self.highlighted
        if row is not None:
            self.choose(row)

    def action_take_off(self) -> None:
        row = self.highlighted
        if row is None or row.list_price is None:
            return
        try:
            set_list_price(self.list_name, row.code, "", self.app_operator)
        except ComptoirError as exc:
            self.notify(display_safe(str(exc)), severity="error", markup=False)
            return
        self._priced(row.code, PriceSaved(None), advance=False)

    def action_edit_list(self) -> None:
        from screens.catalog_forms import PriceListFormScreen

        def saved(name: str | None) -> None:
            if name:
                self.list_name = name
                self.sub_title = _("Price list {name}").format(name=name)
                self.record = get_price_list(name)
                self._show_info()
                self.rebuild_columns()  # the currency may have changed

        self.app.push_screen(PriceListFormScreen(self.app_operator, self.list_name), saved)

    def help_text(self) -> str:
        return _(
            "Every active item with its catalog price and its price on this list. Enter "
            "sets the highlighted item's list price (empty takes it off the list, where it "
            "keeps its catalog price) and moves to the next item; Delete takes it off at "
            "once. e renames the list, changes its currency or deactivates it."
        )

    def palette_commands(self) -> list[PaletteCommand]:
        return [
            PaletteCommand(
                _("Set list price"),
                self.action_set_price,
                _("The highlighted item's price on this list (Enter)"),
            ),
            PaletteCommand(
                _("Take off the list"),
                self.action_take_off,
                _("The highlighted item keeps its catalog price (Delete)"),
            ),
            PaletteCommand(
                _("Edit price list"),
                self.action_edit_list,
                _("Rename the list, change its currency or deactivate it (F4, e)"),
            ),
            PaletteCommand(
                _("Search items"), self.action_focus_search, _("Back to the search box (/)")
            ),
            PaletteCommand(_("Back"), self.action_back, _("Back to the price lists (Esc)")),
        ]
