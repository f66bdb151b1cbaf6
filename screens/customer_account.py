"""What the customer detail does with the customer's account: the Transactions tab (read
in a worker the first time it is shown, and again whenever the detail reloads), the
account at a past date (`d` asks the day, Esc goes back to today), allocations shown or
hidden (`a`), Enter opening the document or the payment of the highlighted line; and, on
every tab, `p` records a payment and `s` saves a statement of account as a PDF."""

from __future__ import annotations

import datetime as dt
import importlib.util
from pathlib import Path
from typing import Any

from rich.cells import cell_len
from textual import work
from textual.content import Content
from textual.widgets import Static

from models import clock
from models.customer_account import Account, customer_account
from models.customer_records import CustomerRecord
from models.db import database, read_txn
from models.errors import ComptoirError, NotFound, ValidationError
from models.i18n import _
from models.validation import parse_date, past_date
from screens.customer_dates import DateField, DatesScreen
from screens.customer_transactions import (
    DOCUMENT_KINDS,
    PAYMENT_KINDS,
    TransactionTable,
    account_rows,
    is_overdue,
    line_detail,
)
from screens.document_text import date_text, money_text
from tui.commands import PaletteCommand
from tui.safe_text import display_safe

# The statement's fields, as models.statements names them.
_PERIOD_FIELDS = {"date_from": "from", "date_to": "to"}


def statement_folder() -> Path:
    """Where the PDF of a quote or an invoice is saved by default
    (screens.document_preview): `~/Documents/Comptoir`."""
    from platformdirs import user_documents_path

    return user_documents_path() / "Comptoir"


def _payment_detail_ready() -> bool:
    """The payment detail screen is written apart; until it is there, Enter on a
    payment does nothing."""
    return importlib.util.find_spec("screens.payment_detail") is not None


class AccountTab:
    """Mixed into CustomerDetailScreen, which provides `record`, `number`, `tab`,
    `_on_tab`, the Screen's own methods, and calls `_show_detail` as the cursor moves."""

    record: CustomerRecord | None
    number: str
    tab: str
    app: Any
    size: Any
    # None: the account up to today; else up to that day.
    account_day: dt.date | None = None
    with_allocations = True
    account: Account | None = None
    # Read once the tab is shown, then at each reload of the detail.
    account_wanted = False

    # ---- reading it ------------------------------------------------------------------

    def show_transactions_tab(self) -> None:
        if not self.account_wanted:
            self.account_wanted = True
            self.load_account()

    def reload_account(self) -> None:
        if self.account_wanted:
            self.load_account()

    @work(thread=True, exclusive=True, group="customer-account")
    def load_account(self) -> None:
        day = self.account_day
        number = self.record.number if self.record is not None else self.number
        try:
            with database.connection_context(), read_txn():
                account = customer_account(number, date_to=day)
        except NotFound:
            return  # the detail's own load says so, and leaves
        self.app.call_from_thread(self._show_account, account, day)

    def _show_account(self, account: Account, day: dt.date | None) -> None:
        if day != self.account_day:
            return  # read for a day asked before the one now wanted
        self.account = account
        self._show_rows()

    def _show_rows(self) -> None:
        account = self.account
        if account is None:
            return
        as_of = self.account_day or clock.today()
        on_day = _("Balance on {date}").format(date=date_text(as_of))
        closing = on_day if self.account_day else _("Closing balance")
        rows = account_rows(account, self.with_allocations, closing)
        self.query_one(TransactionTable).show_rows(rows, account.currency, as_of)
        # What the footer has no room for at 80 columns: the "!" legend when a line bears
        # it, the allocations' key and the statement's — as many as fit on one line (a
        # long date or a long translation drops the last; F1 lists them all).
        balance = money_text(account.closing, account.currency)
        parts = [_("{balance_on_date}: {amount}").format(balance_on_date=on_day, amount=balance)]
        if any(is_overdue(line, as_of) for line in account.lines):
            parts.append(_("! past due"))
        parts += [_("a: allocations"), _("s: statement")]
        hint_line = self.query_one("#transactions-hint", Static)
        room = hint_line.content_size.width or self.size.width - 2  # 0 while hidden
        while len(parts) > 1 and cell_len(" · ".join(parts)) > room:
            parts.pop()
        hint_line.update(Content.styled(" · ".join(parts), "bold"))
        self._show_detail()

    def _show_detail(self) -> None:
        """The highlighted line in words, under the table (the screen calls it as the
        cursor moves)."""
        table = self.query_one(TransactionTable)
        line = table.highlighted_line
        shown = self.query_one("#transactions-detail", Static)
        width = shown.content_size.width or self.size.width - 2  # 0 while hidden
        text = "" if line is None else line_detail(line, table.currency, table.as_of, width)
        shown.update(Content(text))
        self.refresh_bindings()  # Enter opens some lines only

    # ---- the keys of the tab ---------------------------------------------------------

    def action_account_at_date(self) -> None:
        last_month = clock.today().replace(day=1) - dt.timedelta(days=1)
        shown = self.account_day or last_month
        today = clock.today()

        def check(typed: dict[str, str]) -> dt.date:
            return past_date("date", typed["date"], today) or today

        def answered(day: dt.date | None) -> None:
            if day is not None:
                self.account_day = None if day == today else day
                self.refresh_bindings()
                self.load_account()

        question = DatesScreen(
            _("The account at a date"),
            _("Everything dated up to that day, and the balance then. Today's date "
              "shows the account as it is now."),
            [DateField("date", _("Date"), shown.isoformat())], check,
        )  # fmt: skip
        self.app.push_screen(question, answered)

    def action_account_today(self) -> None:
        self.account_day = None
        self.refresh_bindings()
        self.load_account()

    def action_toggle_allocations(self) -> None:
        self.with_allocations = not self.with_allocations
        self._show_rows()

    def opens(self, kind: str) -> bool:
        return kind in DOCUMENT_KINDS or (kind in PAYMENT_KINDS and _payment_detail_ready())

    def can_open_transaction(self) -> bool:
        line = self.query_one(TransactionTable).highlighted_line
        return line is not None and self.opens(line.kind)

    def action_open_transaction(self) -> None:
        line = self.query_one(TransactionTable).highlighted_line
        if line is None or not self.opens(line.kind):
            return
        if line.kind in DOCUMENT_KINDS:
            self._open_document(line.kind, line.reference)
            return
        from screens.payment_detail import PaymentDetailScreen

        self.app.push_screen(PaymentDetailScreen(int(line.reference.lstrip("#"))))

    @work(thread=True, exclusive=True, group="customer-open")
    def _open_document(self, kind: str, number: str) -> None:
        from models.documents import find_document

        try:
            with database.connection_context():
                document_id = find_document(kind, number).id
        except NotFound as exc:
            self.app.call_from_thread(self.notify, str(exc), severity="error", markup=False)
            return
        self.app.call_from_thread(self._push_document, document_id)

    def _push_document(self, document_id: int) -> None:
        from screens.document_editor import DocumentEditorScreen

        self.app.push_screen(DocumentEditorScreen(document_id=document_id))

    # ---- on every tab ----------------------------------------------------------------

    def action_record_payment(self) -> None:
        """The payment entry for this customer; back here the detail reads everything
        again (on resume): the balance, the documents' amounts, the account."""
        from screens.payment_entry import PaymentEntryScreen

        if self.record is not None:
            self.app.push_screen(PaymentEntryScreen(customer=self.record.number))

    def action_statement_pdf(self) -> None:
        from models.statements import statement_period

        record = self.record
        if record is None:
            return
        today = clock.today()
        start, end = statement_period(None, None, today)

        def check(typed: dict[str, str]) -> tuple[dt.date, dt.date]:
            try:
                first = parse_date("from", typed["from"])
                last = parse_date("to", typed["to"])
                return statement_period(first, last, today)
            except ValidationError as exc:
                raise ValidationError(
                    {_PERIOD_FIELDS.get(key, key): reason for key, reason in exc.errors.items()}
                ) from exc

        def answered(period: tuple[dt.date, dt.date] | None) -> None:
            if period is not None:
                self.notify(_("Writing the statement…"), timeout=2)
                self._write_statement(record.number, *period)

        question = DatesScreen(
            _("Statement of account of {number}").format(number=record.number),
            _("Its movements over the period, the balances and what is still open, as a "
              "PDF saved in {folder}.").format(folder=statement_folder()),
            [DateField("from", _("From"), start.isoformat()),
             DateField("to", _("To"), end.isoformat())], check,
        )  # fmt: skip
        self.app.push_screen(question, answered)

    @work(thread=True, exclusive=True, group="customer-statement")
    def _write_statement(self, number: str, start: dt.date, end: dt.date) -> None:
        from exports.pdf.statement import write_statement

        path = statement_folder() / f"statement-{number}-{end.isoformat()}.pdf"
        try:
            if not path.parent.exists():
                path.parent.mkdir(parents=True, mode=0o700)
            with database.connection_context():
                written = write_statement(number, path, start, end)
        except OSError as exc:
            reason = _("Cannot save {path}: {reason}").format(
                path=path, reason=exc.strerror or exc)  # fmt: skip
            self.app.call_from_thread(self.notify, reason, severity="error", markup=False)
            return
        except ComptoirError as exc:
            self.app.call_from_thread(self.notify, str(exc), severity="error", markup=False)
            return
        saved = _("Statement saved: {path}").format(path=display_safe(written))
        self.app.call_from_thread(self.notify, saved, timeout=8, markup=False)

    # ---- commands --------------------------------------------------------------------

    def account_commands(self, dealing: bool) -> list[PaletteCommand]:
        """The Transactions tab's keys, and the payment (when the customer may still
        deal) and the statement."""

        def on_tab(then: Any) -> None:
            self._on_tab("transactions", then)

        commands = [
            PaletteCommand(_("Account at a date"), lambda: on_tab(self.action_account_at_date),
                           _("The transactions up to a past day, and the balance then (d on "
                             "Transactions)")),
            PaletteCommand(_("Show or hide allocations"),
                           lambda: on_tab(self.action_toggle_allocations),
                           _("Which payment or credit note paid which invoice (a on "
                             "Transactions)")),
        ]  # fmt: skip
        if self.account_day is not None:
            commands.append(PaletteCommand(
                _("Account today"), lambda: on_tab(self.action_account_today),
                _("Back to the account as it is now (Esc on Transactions)")))  # fmt: skip
        if self.tab == "transactions" and self.can_open_transaction():
            commands.append(PaletteCommand(
                _("Open transaction"), self.action_open_transaction,
                _("Open the document or payment of the highlighted line (Enter)")))  # fmt: skip
        if dealing:
            commands.append(PaletteCommand(
                _("Record payment"), self.action_record_payment,
                _("Money received from this customer, set against its invoices (p)")))  # fmt: skip
        commands.append(PaletteCommand(
            _("Statement PDF"), self.action_statement_pdf,
            _("The statement of account over a period, saved as a PDF (s)")))  # fmt: skip
        return commands

    def account_help(self) -> str:
        return _(
            "Transactions (5 or t) lists the account by date: each invoice, credit note, "
            "payment and refund with the running balance and what it leaves open (! marks "
            "an invoice past due), and the allocations between them, dimmed (a hides or "
            "shows them); Enter opens the document or the payment. d reads the account at "
            "a past date, Esc comes back to today. p records a payment, s saves the "
            "statement of account over a period as a PDF."
        )
