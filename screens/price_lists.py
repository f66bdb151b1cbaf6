"""The price lists: each with its currency, how many items it prices and how many
customers take it by default. Enter opens a list's prices, n or Ctrl+N adds a list, e
renames it, changes its currency or deactivates it, Ctrl+T shows the inactive ones
too."""

from __future__ import annotations

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.widgets import DataTable, Header, Static

from models.db import database
from models.i18n import N_, _, ngettext
from models.price_lists import PriceListRecord, list_price_lists
from tui.commands import PaletteCommand
from tui.widgets.footer import Footer
from tui.widgets.sized_table import Column, SizedTable, cell
from tui.widgets.translated import TranslatedScreen, translate_bindings


class PriceListTable(SizedTable):
    BINDINGS = [Binding("enter", "select_cursor", N_("Prices"))]
    MIN_WIDE = 12

    def __init__(self) -> None:
        super().__init__(id="price-lists")
        translate_bindings(self)


class PriceListsScreen(TranslatedScreen[None]):
    CSS_PATH = "catalog.tcss"
    BINDINGS = [
        Binding("ctrl+n", "new", N_("New")),
        Binding("n,f2", "new", N_("New price list"), show=False),
        Binding("e", "edit", N_("Edit")),
        Binding("ctrl+t", "toggle_inactive", N_("Inactive")),
        Binding("i", "toggle_inactive", N_("Show or hide inactive lists"), show=False),
        Binding("escape", "back", N_("Back")),
    ]

    class Loaded(Message):
        def __init__(self, lists: list[PriceListRecord]) -> None:
            super().__init__()
            self.lists = lists

    def __init__(self) -> None:
        super().__init__(id="price-lists-screen")
        self.lists: list[PriceListRecord] = []
        self.show_inactive = False
        self.loaded = False
        self._keep: str | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="lists-status")
        yield PriceListTable()
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = _("Price lists")
        self.table.focus()
        self.load()

    def on_screen_resume(self) -> None:
        if self.loaded:
            self.load()

    @property
    def table(self) -> PriceListTable:
        return self.query_one(PriceListTable)

    @property
    def highlighted(self) -> PriceListRecord | None:
        row = self.table.cursor_row
        return self.lists[row] if self.lists and 0 <= row < len(self.lists) else None

    def load(self) -> None:
        self._load(self.show_inactive)

    @work(thread=True, exclusive=True, group="price-lists")
    def _load(self, include_inactive: bool) -> None:
        with database.connection_context():
            lists = list_price_lists(include_inactive=include_inactive)
        self.post_message(self.Loaded(lists))

    def on_price_lists_screen_loaded(self, message: Loaded) -> None:
        keep = self._keep or (self.highlighted.name if self.highlighted else None)
        self._keep = None
        self.lists = message.lists
        self.loaded = True
        self._fill()
        for index, record in enumerate(self.lists):
            if record.name == keep:
                self.table.move_cursor(row=index, animate=False)
        count = len(self.lists)
        text = (
            ngettext("{count} price list", "{count} price lists", count).format(count=count)
            if count
            else _("No price list yet: n adds one.")
        )
        if self.show_inactive:
            text += " " + _("(inactive included)")
        self.query_one("#lists-status", Static).update(Content(text))

    def _columns(self) -> list[Column]:
        columns = [
            Column("name", _("Name"), 0),
            Column("currency", _("Currency"), 8),
            Column("items", _("Items"), 7, right=True),
            Column("customers", _("Customers"), 9, right=True),
        ]
        if self.show_inactive:
            columns.append(Column("status", _("Status"), 8))
        return columns

    def _cells(self, record: PriceListRecord) -> list[Text]:
        style = "" if record.active else "dim"
        cells = [
            cell(record.name, style),
            cell(record.currency, style),
            cell(str(record.items), style, right=True),
            cell(str(record.customers), style, right=True),
        ]
        if self.show_inactive:
            cells.append(cell("" if record.active else _("inactive"), style))
        return cells

    def _fill(self) -> None:
        self.table.set_columns(self._columns())
        self.table.show([self._cells(record) for record in self.lists])

    # ---- actions ----------------------------------------------------------------------

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_open()

    def action_open(self) -> None:
        from screens.price_list_prices import PriceListPricesScreen

        record = self.highlighted
        if record is not None:
            self.app.push_screen(PriceListPricesScreen(record.name))

    def _form(self, name: str | None) -> None:
        from screens.catalog_forms import PriceListFormScreen

        def saved(result: str | None) -> None:
            if result:
                self._keep = result

        self.app.push_screen(PriceListFormScreen(self.app_operator, name), saved)

    def action_new(self) -> None:
        self._form(None)

    def action_edit(self) -> None:
        record = self.highlighted
        if record is not None:
            self._form(record.name)

    def action_toggle_inactive(self) -> None:
        self.show_inactive = not self.show_inactive
        self.load()

    def action_back(self) -> None:
        self.dismiss()

    def help_text(self) -> str:
        return _(
            "A price list gives items a price of its own, in its own currency; a customer "
            "whose default list it is gets those prices on new documents. An item missing "
            "from a list keeps its catalog price. Enter opens the list's prices."
        )

    def palette_commands(self) -> list[PaletteCommand]:
        return [
            PaletteCommand(
                _("Open price list"), self.action_open, _("The highlighted list's prices (Enter)")
            ),
            PaletteCommand(_("New price list"), self.action_new, _("Add a price list (n, Ctrl+N)")),
            PaletteCommand(
                _("Edit price list"),
                self.action_edit,
                _("Rename the highlighted list, change its currency or deactivate it (e)"),
            ),
            PaletteCommand(
                _("Show or hide inactive price lists"),
                self.action_toggle_inactive,
                _("Include lists no longer in use (i, Ctrl+T)"),
            ),
            PaletteCommand(_("Back"), self.action_back, _("Back to the catalog (Esc)")),
        ]
