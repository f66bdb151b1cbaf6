"""One customer: everything on file (Overview), its quotes, invoices and credit notes
(Documents), its special agreements (Contracts), every change made to it (History) and
its account (Transactions). `e` edits, `d` deactivates or reactivates after a
confirmation, `x` deletes a prospect, `a` anonymises (confirmed twice), `m` merges with
another customer chosen by search, `p` records a payment, `s` saves a statement PDF, Esc
goes back; the tabs' own keys are in screens.customer_detail_tabs and
screens.customer_account. A merged number opens its survivor and says so in a line that
stays."""

from __future__ import annotations

from decimal import Decimal

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widgets import Header, Static, TabbedContent, TabPane

from models.balances import available_credit, customer_balances
from models.contracts import ContractRecord, customer_contracts
from models.customer_records import CustomerRecord, HistoryEntry
from models.customers import customer_history, get_customer, set_active
from models.db import database, read_txn
from models.document_records import DocumentSummary
from models.errors import ComptoirError, ConflictError, NotFound
from models.i18n import N_, _
from models.settings import load_settings
from screens.confirm import ConfirmScreen, TypeToConfirmScreen
from screens.customer_card import customer_card, history_lines
from screens.customer_contracts import ContractList
from screens.customer_detail_tabs import DEALINGS, CustomerTabsScreen
from screens.customer_documents import DocumentTable, customer_documents
from screens.customer_transactions import TransactionTable
from tui.commands import PaletteCommand
from tui.safe_text import display_safe
from tui.widgets.footer import Footer

# Actions that change the customer: none is offered once it is anonymised.
_CHANGES = DEALINGS | {"edit", "deactivate", "reactivate", "delete", "anonymise", "merge_with"}


class CustomerDetailScreen(CustomerTabsScreen):
    CSS_PATH = "customer_detail.tcss"
    # A key of one tab comes before what the same key does elsewhere (a subclass's key
    # replaces the base's, so they are all here).
    BINDINGS = [
        Binding("e", "edit", N_("Edit")),
        Binding("d", "account_at_date", N_("At a date…")),
        Binding("d", "deactivate", N_("Deactivate")),
        Binding("d", "reactivate", N_("Reactivate")),
        # On the Contracts tab x deletes the highlighted contract, elsewhere a prospect.
        Binding("x", "delete_contract", N_("Delete contract")),
        Binding("x", "delete", N_("Delete"), show=False),
        Binding("a", "toggle_allocations", N_("Allocations")),
        Binding("a", "anonymise", N_("Anonymise"), show=False),
        Binding("m", "merge_with", N_("Merge with…")),
        Binding("p", "record_payment", N_("Payment")),
        Binding("s", "statement_pdf", N_("Statement PDF")),
        Binding("escape", "account_today", N_("Today")),
        Binding("escape", "back", N_("Back")),
    ]

    class Loaded(Message):
        def __init__(
            self,
            record: CustomerRecord,
            history: list[HistoryEntry],
            merged_from: str = "",
            contracts: list[ContractRecord] | None = None,
            documents: list[DocumentSummary] | None = None,
            country: str = "",
            balance: Decimal | None = None,
            credit: int = 0,
        ) -> None:
            super().__init__()
            self.record = record
            self.history = history
            self.merged_from = merged_from
            self.contracts = contracts or []
            self.documents = documents or []
            self.country = country  # the company's: it words the contracts' legal mentions
            self.balance = balance
            self.credit = credit  # not yet set against an invoice

    class Failed(Message):
        def __init__(self, reason: str) -> None:
            super().__init__()
            self.reason = reason

    def __init__(self, number: str, *, asked: str = "") -> None:
        """`asked`: what the operator typed to find it; when that is a number merged into
        this customer, the screen says so."""
        super().__init__(id="customer-detail")
        self.number = number
        self.asked = asked or number
        self._leaving = False

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(Content(""), id="merged-note")
        with TabbedContent(initial="overview"):
            with TabPane(_("Overview"), id="overview"):
                with VerticalScroll(id="overview-scroll"):
                    yield Static(Content(_("Loading…")), id="card")
            with TabPane(_("Documents"), id="documents"):
                yield Static(Content(""), id="documents-hint", classes="tab-hint")
                yield DocumentTable()
            with TabPane(_("Contracts"), id="contracts"):
                yield Static(Content(""), id="contracts-hint", classes="tab-hint")
                yield ContractList()
            with TabPane(_("History"), id="history"):
                with VerticalScroll(id="history-scroll"):
                    yield Static("", id="history-lines")
            with TabPane(_("Transactions"), id="transactions"):
                yield Static(Content(_("Loading…")), id="transactions-hint", classes="tab-hint")
                yield TransactionTable()
                yield Static(Content(""), id="transactions-detail")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = self.number
        self.load()

    def on_screen_resume(self) -> None:
        if self.record is not None:
            self.load()

    @work(thread=True, exclusive=True, group="customer-load")
    def load(self) -> None:
        try:
            with database.connection_context(), read_txn():
                record = get_customer(self.number)
                history = customer_history(record.number)
                merged_from = _merged_number(self.asked, record.number)
                contracts = customer_contracts(record.number)
                documents = customer_documents(record.number)
                country = load_settings().company_country
                balance = customer_balances([record.number]).get(record.number)
                credit = available_credit(record.id, record.currency)
        except NotFound as exc:
            self.post_message(self.Failed(str(exc)))
            return
        self.post_message(self.Loaded(record, history, merged_from, contracts, documents, country,
                                      balance, credit))  # fmt: skip

    def on_customer_detail_screen_loaded(self, message: Loaded) -> None:
        self._show_merged_note(message.record, message.merged_from)
        self.record = message.record
        self.sub_title = f"{message.record.number} {display_safe(message.record.name)}"
        self.query_one("#card", Static).update(
            customer_card(message.record, message.balance, message.credit)
        )
        self.query_one("#history-lines", Static).update(history_lines(message.history))
        self.show_documents(message.documents)
        self.show_contracts(message.contracts, message.country)
        self.reload_account()
        self.refresh_bindings()
        if self.focused is None:
            self.focus_tab()

    def _show_merged_note(self, record: CustomerRecord, merged_from: str) -> None:
        """The number asked for (typed, or printed on an old document) was merged into the
        customer shown: a line above the tabs says so for as long as the screen is open."""
        note = self.query_one("#merged-note", Static)
        if not merged_from:
            note.remove_class("shown")
            return
        text = _("{number} was merged into {survivor}: this is {survivor}.").format(
            number=merged_from, survivor=record.number)  # fmt: skip
        note.update(Content.assemble(("→ ", "bold"), (text, "bold")))
        note.add_class("shown")

    def on_customer_detail_screen_failed(self, message: Failed) -> None:
        if not self._leaving:
            self.notify(message.reason, severity="error", markup=False)
            self._leave()

    def _leave(self) -> None:
        """Goes back once, whoever asks first (a deletion, or a reload that finds the
        customer gone)."""
        if not self._leaving:
            self._leaving = True
            self.dismiss()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if not self.tab_allows(action):
            return False  # the key does what it does on the other tabs
        if action in _CHANGES and self.anonymised:
            return False  # what is left after an erasure is only read
        if action in ("deactivate", "reactivate", "edit"):
            if self.record is None:
                return None
            if action == "deactivate":
                return self.record.is_active
            if action == "reactivate":
                return not self.record.is_active
        return True

    def action_back(self) -> None:
        self._leave()

    def action_edit(self) -> None:
        from screens.customer_form import CustomerFormScreen

        if self.record is not None:
            self.app.push_screen(CustomerFormScreen(self.app_operator, self.record.number))

    def action_deactivate(self) -> None:
        self._change_active(False)

    def action_reactivate(self) -> None:
        self._change_active(True)

    def _change_active(self, active: bool) -> None:
        """Asks first; the modal answers through a callback, so no worker sits waiting on
        the operator (tests and the app can wait for workers without deadlocking)."""
        record = self.record
        if record is None:
            return
        name = display_safe(record.name)
        if active:
            question = _("Reactivate {number} {name}?").format(number=record.number, name=name)
        else:
            question = _(
                "Deactivate {number} {name}? The customer is hidden from the list "
                "but keeps its history."
            ).format(number=record.number, name=name)

        def answered(confirmed: bool | None) -> None:
            if confirmed:
                self._save_active(record, active)

        self.app.push_screen(ConfirmScreen(question), answered)

    @work(thread=True, exclusive=True, group="customer-save")
    def _save_active(self, record: CustomerRecord, active: bool) -> None:
        try:
            with database.connection_context():
                set_active(
                    record.number, active, self.app_operator, expected_version=record.version
                )
        except (ConflictError, NotFound) as exc:
            self.app.call_from_thread(self.notify, str(exc), severity="error", markup=False)
            return
        done = _("{number} reactivated.") if active else _("{number} deactivated.")
        self.app.call_from_thread(self.notify, done.format(number=record.number))
        self.app.call_from_thread(self.load)

    def action_delete(self) -> None:
        from models.erasure import deletion_refused

        record = self.record
        if record is None:
            return
        reason = deletion_refused(record.number)
        if reason:
            self.notify(reason, severity="warning", timeout=8, markup=False)
            return
        question = _("Delete {number} {name} and its history for good?").format(
            number=record.number, name=display_safe(record.name))  # fmt: skip

        def answered(yes: bool | None) -> None:
            if yes:
                self._erase(record, delete=True)

        self.app.push_screen(ConfirmScreen(question, _("Delete"), _("Keep")), answered)

    def action_anonymise(self) -> None:
        record = self.record
        if record is None:
            return
        if record.anonymised_at is not None:
            self.notify(_("{number} is already anonymised.").format(number=record.number),
                        markup=False)  # fmt: skip
            return
        first = _("Anonymise {number} {name}? All personal data (contacts, phones, "
                  "e-mails, addresses, birth date, notes, old values in the history) is "
                  "erased for good.").format(number=record.number,
                                             name=display_safe(record.name))  # fmt: skip
        second = _("This cannot be undone. Type the customer number {number} to "
                   "anonymise.").format(number=record.number)  # fmt: skip

        def typed(yes: bool | None) -> None:
            if yes:
                self._erase(record, delete=False)

        def answered(yes: bool | None) -> None:
            if yes:
                self.app.push_screen(TypeToConfirmScreen(second, record.number), typed)

        self.app.push_screen(ConfirmScreen(first, _("Anonymise"), _("Keep")), answered)

    @work(thread=True, exclusive=True, group="customer-save")
    def _erase(self, record: CustomerRecord, delete: bool) -> None:
        from models.erasure import anonymise_customer, delete_prospect

        try:
            with database.connection_context():
                if delete:
                    delete_prospect(record.number, self.app_operator, record.version)
                else:
                    anonymise_customer(record.number, self.app_operator, record.version)
        except ComptoirError as exc:
            self.app.call_from_thread(self.notify, str(exc), severity="error", markup=False)
            return
        done = _("{number} deleted.") if delete else _("{number} anonymised.")
        self.app.call_from_thread(self.notify, done.format(number=record.number))
        self.app.call_from_thread(self._leave if delete else self.load)

    def action_merge_with(self) -> None:
        """Picks the other customer by search, then compares the two (this one stays,
        unless the operator swaps); back here afterwards, reloaded."""
        from screens.merge import MergeScreen
        from screens.merge_pick import MergePickScreen

        record = self.record
        if record is None:
            return

        def picked(other: str | None) -> None:
            if other:
                self.app.push_screen(MergeScreen(record.number, other, open_survivor=False))

        self.app.push_screen(MergePickScreen(record.number, record.name), picked)

    def help_text(self) -> str:
        return (
            _(
                "Overview shows everything on file and the balance; Documents its quotes, "
                "invoices and credit notes (Enter opens one, q makes a quote, i an invoice); "
                "Contracts its special prices, discounts and tax treatment (n adds a contract, "
                "Enter edits the highlighted one, x or Delete deletes it); History lists every "
                "change with its author. 1 to 4 show the tabs; Tab moves between the tabs and "
                "the page; arrows scroll. Outside Contracts, x deletes a prospect with no "
                "documents; a anonymises (the GDPR right to erasure); m merges with another "
                "record of the same customer."
            )
            + " "
            + self.account_help()
        )

    def palette_commands(self) -> list[PaletteCommand]:
        active = self.record is None or self.record.is_active
        switch = (
            PaletteCommand(
                _("Deactivate customer"),
                self.action_deactivate,
                _("Hide from the list, keep the history (d)"),
            )
            if active
            else PaletteCommand(
                _("Reactivate customer"),
                self.action_reactivate,
                _("Show an inactive customer again (d)"),
            )
        )
        reading = self.tab_commands() + self.account_commands(dealing=not self.anonymised)
        back = PaletteCommand(_("Back"), self.action_back, _("Back to the list (Esc)"))
        if self.anonymised:
            return [*reading, back]
        return [
            PaletteCommand(_("Edit customer"), self.action_edit, _("Edit this customer (e)")),
            switch,
            *reading,
            PaletteCommand(
                _("Merge with…"),
                self.action_merge_with,
                _("Merge with another record of this customer (m)"),
            ),
            *self.dealing_commands(),
            PaletteCommand(
                _("Delete prospect"),
                self.action_delete,
                _("Delete a prospect with no documents for good (x)"),
            ),
            PaletteCommand(
                _("Anonymise customer"),
                self.action_anonymise,
                _("Erase the personal data for good, confirmed twice (a)"),
            ),
            back,
        ]


def _merged_number(asked: str, shown: str) -> str:
    """`asked` (normalised) when it is a number merged into customer `shown`, else ""."""
    from models.merge import resolve_number

    asked = asked.strip().upper()
    if not asked or asked == shown:
        return ""
    try:
        return asked if resolve_number(asked) == shown else ""
    except NotFound:
        return ""
