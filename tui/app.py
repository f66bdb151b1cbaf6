"""ComptoirApp: the customer list as home screen, the company set-up on first launch,
help, settings and the command palette everywhere.

The CLI opens and binds the database and installs the language before it builds the app,
so everything here may call services and `_()` from the start.
"""

from __future__ import annotations

import os

from textual.app import App
from textual.binding import Binding
from textual.command import CommandPalette
from textual.content import Content
from textual.screen import Screen

from models.i18n import N_, _
from models.settings import load_settings
from screens.customers import CustomerSearchScreen, FirstPage
from tui.commands import ComptoirCommands, PaletteCommand
from tui.safe_text import display_safe
from tui.widgets.help import HelpScreen, key_lines
from tui.widgets.translated import translate_bindings

# Set by the start-up benchmark: quit as soon as the first useful frame is painted.
EXIT_AFTER_FIRST_PAINT = "COMPTOIR_EXIT_AFTER_FIRST_PAINT"


class ComptoirApp(App[None]):
    CSS_PATH = "app.tcss"
    TITLE = "Comptoir"
    # Only ours: Textual's system commands are in English and duplicate ours.
    COMMANDS = {ComptoirCommands}
    BINDINGS = [
        Binding("ctrl+q", "quit", N_("Quit"), show=False, priority=True),
        Binding("f1", "help", N_("Help")),
        Binding("f9", "settings", N_("Settings"), show=False),
        Binding("f7", "duplicates", N_("Duplicates"), show=False),
        Binding("f8", "retention", N_("Retention"), show=False),
        Binding("f3", "invoices", N_("Invoices"), show=False),
        Binding("f4", "payments", N_("Payments"), show=False),
        Binding("f5", "quotes", N_("Quotes"), show=False),
        Binding("f6", "catalog", N_("Catalog"), show=False),
        Binding("ctrl+p", "command_palette", N_("Commands"), show=False, priority=True),
    ]

    def __init__(self, operator: str, db_location: str, mouse: bool = True) -> None:
        super().__init__()
        translate_bindings(self)
        self.operator = operator
        self.db_location = db_location
        self.mouse = mouse
        self.exit_after_first_paint = os.environ.get(EXIT_AFTER_FIRST_PAINT) == "1"

    def get_default_screen(self) -> Screen[None]:
        return CustomerSearchScreen()

    def on_mount(self) -> None:
        settings = load_settings()
        self.set_company(settings.company_name)
        if not settings.is_configured:
            from screens.settings_form import SettingsFormScreen

            self.push_screen(SettingsFormScreen(first_launch=True), self._settings_closed)

    def set_company(self, name: str) -> None:
        self.title = display_safe(name) or "Comptoir"

    def format_title(self, title: str, sub_title: str) -> Content:
        """ "Screen — Company · operator", all shown literally; the company is left out
        when the line would not fit 80 columns."""
        operator = _("operator: {name}").format(name=display_safe(self.operator))
        screen = sub_title or title
        parts: list[Content | tuple[str, str] | str] = [Content(screen)]
        if sub_title and len(screen) + len(title) + len(operator) < 50:
            parts += [(" — ", "dim"), Content(title)]
        parts += [("  ·  ", "dim"), Content(operator).stylize("dim")]
        return Content.assemble(*parts)

    def on_first_page(self, _message: FirstPage) -> None:
        if self.exit_after_first_paint:
            self.exit()

    def action_command_palette(self) -> None:
        """Textual's own, with the placeholder in the operator's language."""
        # is_open() is typed for App[object]; App is invariant in its return type.
        if self.use_command_palette and not CommandPalette.is_open(self):  # type: ignore[arg-type]
            self.push_screen(
                CommandPalette(placeholder=_("Search for commands…"), id="--command-palette")
            )

    def action_help(self) -> None:
        if isinstance(self.screen, HelpScreen):
            return
        screen = self.screen
        intro = screen.help_text() if hasattr(screen, "help_text") else ""
        title = _("Keys — {screen}").format(screen=screen.sub_title or self.title)
        self.push_screen(HelpScreen(title, intro, key_lines(screen)))

    def action_settings(self) -> None:
        from screens.settings_form import SettingsFormScreen

        if not isinstance(self.screen, SettingsFormScreen):
            self.push_screen(SettingsFormScreen(first_launch=False), self._settings_closed)

    def _settings_closed(self, saved: bool | None) -> None:
        if saved:
            self.set_company(load_settings().company_name)

    def action_duplicates(self) -> None:
        from screens.duplicates import DuplicatesScreen

        if not isinstance(self.screen, DuplicatesScreen):
            self.push_screen(DuplicatesScreen())

    def action_retention(self) -> None:
        from screens.retention import RetentionScreen

        if not isinstance(self.screen, RetentionScreen):
            self.push_screen(RetentionScreen())

    def action_quotes(self) -> None:
        from screens.quotes import QuotesScreen

        if not isinstance(self.screen, QuotesScreen):
            self.push_screen(QuotesScreen())

    def action_new_quote(self) -> None:
        from screens.document_editor import DocumentEditorScreen

        self.push_screen(DocumentEditorScreen(kind="quote"))

    def action_invoices(self) -> None:
        from screens.invoices import InvoicesScreen

        if not isinstance(self.screen, InvoicesScreen):
            self.push_screen(InvoicesScreen())

    def action_payments(self) -> None:
        from screens.payments import PaymentsScreen

        if not isinstance(self.screen, PaymentsScreen):
            self.push_screen(PaymentsScreen())

    def action_new_invoice(self) -> None:
        from screens.document_editor import DocumentEditorScreen

        self.push_screen(DocumentEditorScreen(kind="invoice"))

    def action_catalog(self) -> None:
        from screens.catalog import CatalogScreen

        if not isinstance(self.screen, CatalogScreen):
            self.push_screen(CatalogScreen())

    def action_statements(self) -> None:
        from screens.statement_batch import StatementBatchScreen

        # The dialog says itself how many statements it wrote, and where.
        self.push_screen(StatementBatchScreen())

    def action_customers(self) -> None:
        while len(self.screen_stack) > 1 and not isinstance(self.screen, CustomerSearchScreen):
            self.pop_screen()

    def palette_commands(self) -> list[PaletteCommand]:
        return [
            PaletteCommand(_("Customers"), self.action_customers, _("Back to the customer list")),
            PaletteCommand(
                _("Settings"),
                self.action_settings,
                _("Company identity, defaults for new customers (F9)"),
            ),
            PaletteCommand(_("Quotes"), self.action_quotes,
                           _("Every quote, by number, customer or status (F5)")),
            PaletteCommand(_("New quote"), self.action_new_quote,
                           _("Make a quote for a customer found by typing")),
            PaletteCommand(_("Invoices"), self.action_invoices,
                           _("Every invoice and credit note, by number, customer, status "
                             "or period (F3)")),
            PaletteCommand(_("New invoice"), self.action_new_invoice,
                           _("Make an invoice for a customer found by typing")),
            PaletteCommand(_("Payments"), self.action_payments,
                           _("Every payment, refund and reversal, by customer, reference, "
                             "method or period (F4)")),
            PaletteCommand(_("Statements of account"), self.action_statements,
                           _("A PDF statement for every customer with a balance, into a "
                             "folder")),
            PaletteCommand(_("Catalog"), self.action_catalog,
                           _("Items, price lists and VAT rates (F6)")),
            PaletteCommand(_("Duplicates"), self.action_duplicates,
                           _("Probable duplicate customers across the file, to merge (F7)")),
            PaletteCommand(_("Retention"), self.action_retention,
                           _("Customers past the retention period, to anonymise (F8)")),
            PaletteCommand(_("Help"), self.action_help, _("Every key of this screen (F1, ?)")),
            PaletteCommand(_("Quit"), self.exit, _("Leave Comptoir (Ctrl+Q)")),
        ]
