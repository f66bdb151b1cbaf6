"""The tabs of the customer detail and what the Documents and Contracts tabs do: 1–5 show
Overview, Documents, Contracts, History and Transactions (o, h and t too); the overview
starts with what the customer owes; on Documents Enter opens the highlighted document,
and `q` makes a quote, `i` an invoice, anywhere; on Contracts `n` adds a contract, Enter
edits the highlighted one and `x` (or Delete) deletes it after a confirmation. Each tab's
footer shows the keys that matter there (six fit 80 columns); F1 and the palette list
them all. CustomerDetailScreen builds on this and loads what the tabs show; the
Transactions tab's keys are screens.customer_account's."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from textual import on, work
from textual.binding import ActiveBinding, Binding
from textual.content import Content
from textual.widgets import DataTable, OptionList, Static, TabbedContent

from models import clock
from models.contracts import ContractRecord, delete_contract
from models.customer_records import CustomerRecord
from models.db import database
from models.document_records import DocumentSummary
from models.errors import ComptoirError
from models.i18n import N_, _, ngettext
from screens.confirm import ConfirmScreen
from screens.customer_account import AccountTab
from screens.customer_contracts import ContractList, period_text
from screens.customer_documents import DocumentTable
from tui.commands import PaletteCommand
from tui.safe_text import display_safe
from tui.widgets.translated import TranslatedScreen

# Actions of one tab only: elsewhere their keys do what the screen's other keys do.
TAB_ACTIONS = {
    "open_document": "documents",
    "new_contract": "contracts",
    "edit_contract": "contracts",
    "delete_contract": "contracts",
    "open_transaction": "transactions",
    "account_at_date": "transactions",
    "account_today": "transactions",
    "toggle_allocations": "transactions",
}
# Actions that add or change something: none is offered once the customer is anonymised.
DEALINGS = frozenset(
    {
        "new_quote",
        "new_invoice",
        "new_contract",
        "edit_contract",
        "delete_contract",
        "record_payment",
    }
)
# What the footer shows on each tab: what fits 80 columns beside F1 and Ctrl+P, in French
# too. The line at the top of Documents and Contracts names the keys left out.
_FOOTER = {
    "overview": {"edit", "deactivate", "reactivate", "merge_with", "back"},
    "documents": {"open_document", "new_quote", "new_invoice", "back"},
    "contracts": {"new_contract", "delete_contract", "back"},
    "history": {"edit", "deactivate", "reactivate", "merge_with", "back"},
    # Esc goes back to today from a past date, else back to the list. The line at the
    # top names the allocations' and the statement's keys.
    "transactions": {
        "open_transaction",
        "account_at_date",
        "record_payment",
        "account_today",
        "back",
    },  # fmt: skip
}
# The widget of each tab that takes the focus when the tab is shown.
_FOCUS = {
    "overview": "#overview-scroll",
    "documents": "#documents-table",
    "contracts": "#contracts-list",
    "history": "#history-scroll",
    "transactions": "#transactions-table",
}


class CustomerTabsScreen(AccountTab, TranslatedScreen[None]):
    """The tab keys and the Documents, Contracts and Transactions actions of
    CustomerDetailScreen."""

    BINDINGS = [
        # Priority: the table and the list would take Enter first, and the footer would
        # then not say what it does there.
        Binding("enter", "open_document", N_("Open"), priority=True),
        Binding("enter", "edit_contract", N_("Edit contract"), priority=True),
        Binding("enter", "open_transaction", N_("Open"), priority=True),
        Binding("n", "new_contract", N_("New contract")),
        # x is bound in CustomerDetailScreen (a subclass's key replaces the base's).
        Binding("delete", "delete_contract", N_("Delete contract"), show=False),
        Binding("q", "new_quote", N_("New quote")),
        Binding("i", "new_invoice", N_("New invoice")),
        Binding("1,o", "tab('overview')", N_("Overview"), show=False),
        Binding("2", "tab('documents')", N_("Documents"), show=False),
        Binding("3", "tab('contracts')", N_("Contracts"), show=False),
        Binding("4,h", "tab('history')", N_("History"), show=False),
        Binding("5,t", "tab('transactions')", N_("Transactions"), show=False),
    ]

    def __init__(self, id: str | None = None) -> None:
        super().__init__(id=id)
        self.record: CustomerRecord | None = None
        # The contract to highlight at the next load (the one just saved).
        self._show_contract: int | None = None

    def load(self) -> object:
        """Reloads the customer and everything its tabs show (the detail's worker)."""
        raise NotImplementedError

    @property
    def anonymised(self) -> bool:
        return self.record is not None and self.record.anonymised_at is not None

    # ---- tabs ---------------------------------------------------------------------------

    @property
    def tab(self) -> str:
        tabs = self.query(TabbedContent)  # none yet while the screen is being built
        return (tabs.first().active if tabs else "") or "overview"

    def focus_tab(self) -> None:
        self.query_one(_FOCUS.get(self.tab, "#overview-scroll")).focus()

    @on(TabbedContent.TabActivated)
    def _tab_shown(self) -> None:
        self.focus_tab()
        self.refresh_bindings()  # each tab has keys of its own
        self.tab_opened(self.tab)

    def tab_opened(self, pane: str) -> None:
        """A tab was shown: the account is read when Transactions first is."""
        if pane == "transactions":
            self.show_transactions_tab()

    @on(DataTable.RowHighlighted, "#transactions-table")
    def _transaction_highlighted(self) -> None:
        self._show_detail()

    @on(DataTable.RowSelected, "#transactions-table")
    def _transaction_clicked(self) -> None:
        self.action_open_transaction()

    def action_tab(self, pane: str) -> None:
        self.query_one(TabbedContent).active = pane

    def _on_tab(self, pane: str, then: Callable[[], None]) -> None:
        """Shows the tab an action belongs to, so the operator sees what it acts on."""
        self.action_tab(pane)
        then()

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        """As Textual has them, but the footer shows only the keys `_FOOTER` names for the
        tab shown (the help and the palette still list every key)."""
        shown = _FOOTER.get(self.tab, set())
        out: dict[str, ActiveBinding] = {}
        for key, active in super().active_bindings.items():
            binding = active.binding
            if active.node is self and binding.show and binding.action not in shown:
                active = active._replace(binding=dataclasses.replace(binding, show=False))
            out[key] = active
        return out

    def tab_allows(self, action: str) -> bool:
        """False for a tab's own action on another tab or with nothing highlighted, and
        for a prospect's deletion on Contracts (where x deletes a contract)."""
        if action in TAB_ACTIONS and TAB_ACTIONS[action] != self.tab:
            return False
        if action == "open_document":
            return self.query_one(DocumentTable).highlighted_document is not None
        if action in ("edit_contract", "delete_contract"):
            return self.query_one(ContractList).highlighted_contract is not None
        if action == "open_transaction":
            return self.can_open_transaction()
        if action == "account_today":
            return self.account_day is not None
        return not (action == "delete" and self.tab == "contracts")

    # ---- showing what was loaded ---------------------------------------------------------

    def show_documents(self, documents: list[DocumentSummary]) -> None:
        if documents:
            text = ngettext("{count} document; Enter opens it.",
                            "{count} documents, newest first; Enter opens one.",
                            len(documents)).format(count=len(documents))  # fmt: skip
        else:
            text = _("No quote or invoice yet.")
        if not self.anonymised:
            text += " " + _("q makes a quote, i an invoice.")
        self.query_one("#documents-hint", Static).update(Content(text))
        self.query_one(DocumentTable).show_documents(documents)

    def show_contracts(self, contracts: list[ContractRecord], country: str) -> None:
        if not contracts:
            text = _("No contract.") + ("" if self.anonymised else " " + _("n adds one."))
        elif self.anonymised:
            text = ngettext("{count} contract.", "{count} contracts, latest first.",
                            len(contracts)).format(count=len(contracts))  # fmt: skip
        else:
            text = ngettext(
                "{count} contract; Enter edits it, n adds one, x deletes it.",
                "{count} contracts, latest first; Enter edits one, n adds one, x deletes one.",
                len(contracts),
            ).format(count=len(contracts))
        self.query_one("#contracts-hint", Static).update(Content(text))
        keep, self._show_contract = self._show_contract, None
        self.query_one(ContractList).show(contracts, clock.today(), country, keep)

    # ---- documents -------------------------------------------------------------------

    def action_new_quote(self) -> None:
        from screens.document_editor import DocumentEditorScreen

        if self.record is not None:
            self.app.push_screen(DocumentEditorScreen(kind="quote", customer=self.record.number))

    def action_new_invoice(self) -> None:
        from screens.document_editor import DocumentEditorScreen

        if self.record is not None:
            self.app.push_screen(DocumentEditorScreen(kind="invoice", customer=self.record.number))

    def action_open_document(self) -> None:
        from screens.document_editor import DocumentEditorScreen

        document = self.query_one(DocumentTable).highlighted_document
        if document is not None:
            self.app.push_screen(DocumentEditorScreen(document_id=document.id))

    @on(DataTable.RowSelected, "#documents-table")
    def _document_clicked(self) -> None:
        self.action_open_document()

    # ---- contracts -------------------------------------------------------------------

    def action_new_contract(self) -> None:
        self._open_contract(None)

    def action_edit_contract(self) -> None:
        contract = self.query_one(ContractList).highlighted_contract
        if contract is not None:
            self._open_contract(contract)

    @on(OptionList.OptionSelected, "#contracts-list")
    def _contract_clicked(self) -> None:
        self.action_edit_contract()

    def _open_contract(self, contract: ContractRecord | None) -> None:
        """The contract form; back here the screen reloads (on resume), the contract saved
        highlighted on the Contracts tab."""
        from screens.contract_form import ContractFormScreen

        record = self.record
        if record is None:
            return

        def saved(contract_id: int | None) -> None:
            if contract_id is not None:
                self._show_contract = contract_id
                self.action_tab("contracts")

        self.app.push_screen(ContractFormScreen(self.app_operator, record, contract), saved)

    def action_delete_contract(self) -> None:
        contract = self.query_one(ContractList).highlighted_contract
        if contract is None:
            return
        question = _("Delete the contract {name} ({period})?").format(
            name=display_safe(contract.name) or "—", period=period_text(contract))  # fmt: skip

        def answered(yes: bool | None) -> None:
            if yes:
                self._delete_contract(contract)

        self.app.push_screen(ConfirmScreen(question, _("Delete"), _("Keep")), answered)

    @work(thread=True, exclusive=True, group="customer-save")
    def _delete_contract(self, contract: ContractRecord) -> None:
        try:
            with database.connection_context():
                delete_contract(contract.id, self.app_operator)
        except ComptoirError as exc:
            # Refused (documents were priced by it) or gone: the service says why.
            self.app.call_from_thread(
                self.notify, str(exc), severity="warning", timeout=8, markup=False
            )
            return
        self.app.call_from_thread(self.notify, _("Contract deleted."))
        self.app.call_from_thread(self.load)

    # ---- commands --------------------------------------------------------------------

    def tab_commands(self) -> list[PaletteCommand]:
        """Showing each tab, and opening the highlighted document."""
        commands = [
            PaletteCommand(_("Show overview"), lambda: self.action_tab("overview"),
                           _("Everything on file (1 or o)")),
            PaletteCommand(_("Show documents"), lambda: self.action_tab("documents"),
                           _("This customer's quotes, invoices and credit notes (2)")),
            PaletteCommand(_("Show contracts"), lambda: self.action_tab("contracts"),
                           _("Special prices, discounts and tax treatment (3)")),
            PaletteCommand(_("Show history"), lambda: self.action_tab("history"),
                           _("Every change to this customer (4 or h)")),
            PaletteCommand(_("Show transactions"), lambda: self.action_tab("transactions"),
                           _("The account: invoices, payments and the balance (5 or t)")),
        ]  # fmt: skip
        if self.query_one(DocumentTable).highlighted_document is not None:
            commands.append(PaletteCommand(
                _("Open document"), lambda: self._on_tab("documents", self.action_open_document),
                _("Open the highlighted document (Enter on Documents)")))  # fmt: skip
        return commands

    def dealing_commands(self) -> list[PaletteCommand]:
        """A new quote; a new contract, and editing or deleting the highlighted one."""
        commands = [
            PaletteCommand(_("New quote"), self.action_new_quote,
                           _("Make a quote for this customer (q)")),
            PaletteCommand(_("New invoice"), self.action_new_invoice,
                           _("Make an invoice for this customer (i)")),
            PaletteCommand(_("New contract"), lambda: self._on_tab("contracts",
                           self.action_new_contract), _("Add a contract (n on Contracts)")),
        ]  # fmt: skip
        if self.query_one(ContractList).highlighted_contract is not None:
            commands += [
                PaletteCommand(_("Edit contract"), lambda: self._on_tab("contracts",
                               self.action_edit_contract),
                               _("Edit the highlighted contract (Enter on Contracts)")),
                PaletteCommand(_("Delete contract"), lambda: self._on_tab("contracts",
                               self.action_delete_contract),
                               _("Delete the highlighted contract (x on Contracts)")),
            ]  # fmt: skip
        return commands
