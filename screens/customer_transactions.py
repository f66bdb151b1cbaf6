"""The Transactions tab of the customer detail: the account read as a bank statement
(models.customer_account) — the opening balance, each invoice, credit note, payment,
refund and reversal by date with what it adds or takes off and the running balance, what
each still leaves open (a credit's open amount reads negative, so the column adds up to
the balance; "!" marks an invoice past due), and the closing balance. Allocations (which
credit paid which debit) sit between them, dimmed: they move no balance. A line under the
table says in words what the highlighted line is.

Each row is laid out here as one line of text, not as DataTable columns: an allocation or
a balance row then reads across the empty amount columns instead of being cut to one
narrow cell, and nothing ever has to scroll sideways at 80 columns. The amount columns
are as wide as the account's longest amount, so an amount is never cut."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from rich.cells import cell_len
from rich.text import Text
from textual.events import Resize
from textual.widgets import DataTable

from models import formatting
from models.customer_account import Account, AccountLine
from models.i18n import N_, _, current_language
from models.ledger import ENTRY_KINDS
from screens.document_text import date_text, money_text
from tui.safe_text import display_safe

KINDS = {**ENTRY_KINDS, "allocation": N_("allocation")}
# The headings say what the statement PDF says (models.statements); "Credit" and "Open"
# alone are verbs elsewhere, and would be translated as verbs here.
DEBITS, CREDITS, STILL_DUE = N_("Debits"), N_("Credits"), N_("Still due")
# Lines that open something on Enter: the document, or the payment.
DOCUMENT_KINDS = ("invoice", "credit_note")
PAYMENT_KINDS = ("payment", "refund", "reversal")
_DATE_WIDTH = 10  # formatting.short_date
_REFERENCE_MIN = 12  # "F-2026-00012"
_DUE_WIDTH = 10


def kind_text(kind: str) -> str:
    return _(KINDS.get(kind, kind))


def _amount(minor: int, currency: str) -> str:
    return formatting.amount(minor, currency, current_language())


def _short(day: dt.date | None) -> str:
    return formatting.short_date(day, current_language())


def signed_open(line: AccountLine) -> int:
    """What the line still leaves open, negative for a credit not yet used up."""
    if line.kind == "allocation" or not line.open_amount:
        return 0
    return line.open_amount if line.debit else -line.open_amount


def is_overdue(line: AccountLine, as_of: dt.date) -> bool:
    """A debit still open after its due date (its date when it has none)."""
    return signed_open(line) > 0 and (line.due_date or line.date) < as_of


@dataclass(frozen=True)
class AccountRow:
    """One row of the table: a line of the account, or the opening or closing balance
    (`line` None, `label` saying which)."""

    line: AccountLine | None
    label: str = ""
    day: dt.date | None = None
    balance: int = 0


def account_rows(account: Account, with_allocations: bool, closing_label: str) -> list[AccountRow]:
    """The lines, then the closing balance; the opening balance first only when the
    account starts at a date (from the first entry on, it is always nothing)."""
    lines = [
        AccountRow(line) for line in account.lines
        if with_allocations or line.kind != "allocation"
    ]  # fmt: skip
    closing = AccountRow(None, closing_label, account.date_to, account.closing)
    if account.date_from is None:
        return [*lines, closing]
    return [AccountRow(None, _("Opening balance"), account.date_from, account.opening),
            *lines, closing]  # fmt: skip


@dataclass(frozen=True)
class _Layout:
    kind: int
    reference: int
    debit: int
    credit: int
    balance: int
    open: int
    due: int  # 0: no Due column (too narrow a terminal)


def _layout(width: int, rows: Sequence[AccountRow], currency: str) -> _Layout:
    """Column widths for `width` cells: each amount column as wide as its longest amount
    or its heading, the kind column as its longest name, the reference what is left."""

    def widest(title: str, values: list[str]) -> int:
        return max([len(_(title)), *map(len, values)])

    lines = [row.line for row in rows if row.line is not None]
    debit = widest(DEBITS, [_amount(x.debit, currency) for x in lines if x.debit])
    credit = widest(CREDITS, [_amount(x.credit, currency) for x in lines if x.credit])
    balance = widest(N_("Balance"), [_amount(row_balance(row), currency) for row in rows])
    opened = [_amount(signed_open(x), currency) for x in lines if signed_open(x)]
    still = widest(STILL_DUE, ["! " + text for text in opened])
    kind = max(len(kind_text(k)) for k in KINDS)
    # One space before each column, one column spare for the scrollbar.
    used = 1 + _DATE_WIDTH + 1 + kind + 1 + 1 + debit + 1 + credit + 1 + balance + 1 + still
    reference = width - used - 2
    # Room to spare: two spaces between amounts read more easily than one — first where
    # two amounts stand side by side (a credit and the balance, the balance and what is
    # open), which in French, with spaces inside the amounts, would run together.
    amounts = {"balance": balance, "still": still, "credit": credit, "debit": debit}
    for name in amounts:
        if reference > _REFERENCE_MIN:
            amounts[name] += 1
            reference -= 1
    debit, credit, balance, still = (amounts[n] for n in ("debit", "credit", "balance", "still"))
    due = 0
    if reference - (_DUE_WIDTH + 1) >= _REFERENCE_MIN + 8:
        due, reference = _DUE_WIDTH, reference - (_DUE_WIDTH + 1)
    return _Layout(kind, max(reference, _REFERENCE_MIN), debit, credit, balance, still, due)


def row_balance(row: AccountRow) -> int:
    return row.balance if row.line is None else row.line.balance


def _cell(text: str, width: int, right: bool = False) -> str:
    text = display_safe(text)
    if len(text) > width:
        text = text[: max(width - 1, 0)] + "…"
    return " " + (text.rjust(width) if right else text.ljust(width))


def header_text(layout: _Layout) -> Text:
    parts = [
        _cell(_("Date"), _DATE_WIDTH),
        _cell(_("Kind"), layout.kind),
        _cell(_("Reference"), layout.reference),
        _cell(_(DEBITS), layout.debit, True),
        _cell(_(CREDITS), layout.credit, True),
        _cell(_("Balance"), layout.balance, True),
        _cell(_(STILL_DUE), layout.open, True),
    ]
    if layout.due:
        parts.append(_cell(_("Due"), layout.due))
    return Text("".join(parts), style="bold", no_wrap=True, end="")


def row_text(row: AccountRow, layout: _Layout, currency: str, as_of: dt.date) -> Text:
    """The row as one line; an allocation and a balance row read across the amounts
    they leave empty."""
    line = row.line
    across = layout.reference + 1 + layout.debit + 1 + layout.credit
    if line is None:
        label = _cell(row.label, layout.kind + 1 + across)
        text = _cell(_short(row.day), _DATE_WIDTH) + label
        text += _cell(_amount(row.balance, currency), layout.balance, True)
        return Text(text, style="bold", no_wrap=True, end="")
    start = _cell(_short(line.date), _DATE_WIDTH) + _cell(kind_text(line.kind), layout.kind)
    if line.kind == "allocation":
        # The colon keeps the amount from reading as one of the Debits column's.
        what = _("{credit} → {debit}: {amount}").format(
            credit=line.reference, debit=line.against, amount=_amount(line.allocated, currency)
        )
        return Text(start + _cell(what, across), style="dim", no_wrap=True, end="")
    still = signed_open(line)
    overdue = is_overdue(line, as_of)
    open_text = ("! " if overdue else "") + (_amount(still, currency) if still else "")
    text = start + _cell(line.reference, layout.reference)
    text += _cell(_amount(line.debit, currency) if line.debit else "", layout.debit, True)
    text += _cell(_amount(line.credit, currency) if line.credit else "", layout.credit, True)
    text += _cell(_amount(line.balance, currency), layout.balance, True)
    text += _cell(open_text, layout.open, True)
    if layout.due:
        due = _("overdue") if overdue else (_short(line.due_date) if still > 0 else "")
        text += _cell(due, layout.due)
    return Text(text, style="bold" if overdue else "", no_wrap=True, end="")


def line_detail(line: AccountLine, currency: str, as_of: dt.date, width: int = 0) -> str:
    """The highlighted line in words: what it still leaves open, when it was due and how
    late it is — without naming the line again when that would not fit in `width` (the
    row just above names it)."""
    if line.kind == "allocation":
        text = _("{credit} set against {debit}: {amount} on {date}").format(
            credit=line.reference, debit=line.against,
            amount=money_text(line.allocated, currency), date=date_text(line.date),
        )  # fmt: skip
        return text + (f" · {display_safe(line.note)}" if line.note else "")
    what = f"{kind_text(line.kind)} {line.reference}"
    still = signed_open(line)
    due = line.due_date or line.date
    if still > 0 and is_overdue(line, as_of):
        text = _("{amount} still due, {days} days late (due {date})").format(
            amount=money_text(still, currency), days=(as_of - due).days, date=date_text(due)
        )
    elif still > 0:
        text = _("{amount} still due by {date}").format(
            amount=money_text(still, currency), date=date_text(due)
        )
    elif still < 0:
        text = _("{amount} of credit not yet used").format(amount=money_text(-still, currency))
    elif line.debit:
        text = _("paid")
    else:
        text = _("all of it set against what is owed")
    named = _("{line}: {state}").format(line=what, state=text)  # French spaces its colons
    return text if width and cell_len(named) > width else named


class TransactionTable(DataTable[Text]):
    """The account, one row per line; the cursor stays on the same line across reloads
    and starts on the latest."""

    def __init__(self) -> None:
        super().__init__(id="transactions-table", cursor_type="row", cell_padding=0)
        self.rows_shown: list[AccountRow] = []
        self.currency = ""
        self.as_of = dt.date.min
        self._width = -1

    def show_rows(self, rows: Sequence[AccountRow], currency: str, as_of: dt.date) -> None:
        before = self.highlighted_row
        self.rows_shown, self.currency, self.as_of = list(rows), currency, as_of
        keys = [_row_key(row) for row in self.rows_shown]
        wanted = _row_key(before) if before is not None else None
        cursor = keys.index(wanted) if wanted in keys else len(keys) - 1
        self._render_rows(cursor)

    def on_resize(self, event: Resize) -> None:
        if event.size.width != self._width:
            self._width = event.size.width
            self._render_rows(self.cursor_row)

    def _render_rows(self, cursor: int) -> None:
        if self._width < 0:
            return  # the first resize lays the rows out
        layout = _layout(self._width, self.rows_shown, self.currency)
        self.clear(columns=True)
        self.add_column(header_text(layout), key="line")
        self.add_rows([row_text(row, layout, self.currency, self.as_of)] for row in self.rows_shown)
        if self.rows_shown:
            self.move_cursor(row=max(0, min(cursor, len(self.rows_shown) - 1)), animate=False)

    @property
    def highlighted_row(self) -> AccountRow | None:
        if not self.rows_shown or self.row_count == 0:
            return None
        return self.rows_shown[min(self.cursor_row, len(self.rows_shown) - 1)]

    @property
    def highlighted_line(self) -> AccountLine | None:
        row = self.highlighted_row
        return None if row is None else row.line


def _row_key(row: AccountRow) -> tuple[str, str, str]:
    if row.line is None:
        return ("", row.label, "")
    return (row.line.kind, row.line.reference, row.line.against)
