"""What the invoice list keeps and how it is sorted: the text typed, the status chosen
with Ctrl+T, the period and the order, held as one value that each key replaces; how it
reads in the line above the list, and the sums of what it keeps in the bar under it;
and the bar where the text and the period are typed, which says what was typed and
leaves the list to the screen. Invoices and credit notes are listed together."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Input, Label, Static

from models.document_lists import ListTotals
from models.errors import ValidationError
from models.i18n import N_, _, ngettext
from models.validation import parse_date
from screens.document_text import money_text, status_text

# Set to 0 by tests, which wait for workers rather than timers.
THROTTLE_S = 0.15

KINDS = ("invoice", "credit_note")
# Every invoice status, then the two of credit notes (None: every document).
STATUS_CYCLE: tuple[str | None, ...] = (
    None, "draft", "open", "partial", "overdue", "paid", "unapplied", "applied",
)  # fmt: skip
# Each order first comes the way it is most often read: the newest, the highest number,
# customers A to Z, the oldest due date (the most overdue) and the largest amount first.
ORDERS = {"date": True, "number": True, "customer": False, "due_date": False, "total": True}
_ORDER_WORDS = {
    ("date", True): N_("newest first"),
    ("date", False): N_("oldest first"),
    ("number", True): N_("highest number first"),
    ("number", False): N_("lowest number first"),
    ("customer", False): N_("customers A to Z"),
    ("customer", True): N_("customers Z to A"),
    ("due_date", False): N_("earliest due first"),
    ("due_date", True): N_("latest due first"),
    ("total", True): N_("largest total first"),
    ("total", False): N_("smallest total first"),
}


@dataclass(frozen=True)
class InvoiceFilter:
    text: str = ""
    status: str | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    order: str = "date"
    descending: bool = True

    def next_status(self) -> InvoiceFilter:
        index = STATUS_CYCLE.index(self.status)
        return dataclasses.replace(self, status=STATUS_CYCLE[(index + 1) % len(STATUS_CYCLE)])

    def next_order(self) -> InvoiceFilter:
        orders = list(ORDERS)
        order = orders[(orders.index(self.order) + 1) % len(orders)]
        return dataclasses.replace(self, order=order, descending=ORDERS[order])

    def reversed(self) -> InvoiceFilter:
        return dataclasses.replace(self, descending=not self.descending)

    @property
    def pages_by_key(self) -> bool:
        """Newest first, the next page starts after the last row's (date, id): rows
        issued meanwhile do not shift it. Other orders page by offset."""
        return self.order == "date" and self.descending

    def kept(self) -> dict[str, Any]:
        """What both the list and its sums are asked to keep."""
        return {"status": self.status, "text": self.text, "date_from": self.date_from,
                "date_to": self.date_to}  # fmt: skip

    def describe(self, shown: int | None) -> str:
        """The line above the list: the status and the order kept, and how many rows are
        loaded when not all of them are (`shown`)."""
        text = _("status: {status} (Ctrl+T) · {order} (Ctrl+O)").format(
            status=self.status_words(), order=self.order_words())  # fmt: skip
        if shown is None:
            return text
        return _("{shown} shown, more below").format(shown=shown) + " · " + text

    def status_words(self) -> str:
        return status_text(self.status) if self.status else _("every status")

    def order_words(self) -> str:
        return _(_ORDER_WORDS[(self.order, self.descending)])


# The columns of the sums in several currencies: `CHF1,234,567.89` fits with room to spare.
_WIDTHS = (10, 16, 15, 16, 16)


def totals_text(totals: list[ListTotals]) -> Content:
    """How many documents the filter keeps and their sums: one labelled line in one
    currency; in several, a column per sum under a heading and a line per currency, so
    that each keeps to one line of 80 columns even in millions."""
    if not totals:
        return Content(_("No invoice or credit note matches."))
    if len(totals) == 1:
        [sums] = totals
        return Content(ngettext(
            "{count} document · net {net}  VAT {tax}  total {total}  open {open}",
            "{count} documents · net {net}  VAT {tax}  total {total}  open {open}",
            sums.count,
        ).format(count=sums.count, **_amounts(sums)))  # fmt: skip
    heads = (_("documents"), _("net"), _("VAT"), _("total"), _("open amount"))
    lines = [_columns("", heads)]
    lines += [_columns(s.currency, (str(s.count), *_amounts(s).values())) for s in totals]
    return Content("\n".join(lines))


def _columns(currency: str, cells: tuple[str, ...]) -> str:
    return currency.ljust(3) + "".join(c.rjust(w) for c, w in zip(cells, _WIDTHS, strict=True))


def _amounts(sums: ListTotals) -> dict[str, str]:
    return {key: money_text(minor, sums.currency) for key, minor in (
        ("net", sums.net), ("tax", sums.tax), ("total", sums.total),
        ("open", sums.open_amount))}  # fmt: skip


def parse_period(start: str, end: str) -> tuple[dt.date | None, dt.date | None]:
    """The period typed in the two fields (either may be empty); ValidationError names
    the field, `from` or `to`, and says what is wrong with it."""
    first = parse_date("from", start)
    last = parse_date("to", end)
    if first is not None and last is not None and last < first:
        raise ValidationError.single("to", _("The period ends before it starts."))
    return first, last


class InvoiceFilterBar(Vertical):
    """The search and the two dates of the period on one line, and under them what is
    wrong with a date. The search applies as it is typed (after a short pause), a date
    when Enter is pressed in it or the focus leaves it."""

    class Changed(Message):
        def __init__(self, text: str, first: dt.date | None, last: dt.date | None) -> None:
            super().__init__()
            self.text = text
            self.first = first
            self.last = last

    class Done(Message):
        """Enter in the search or at the end of the period: on to the list."""

    def __init__(self) -> None:
        super().__init__(id="invoice-filter-bar")
        self.period: tuple[dt.date | None, dt.date | None] = (None, None)
        self._timer: object | None = None

    def compose(self) -> ComposeResult:
        with Horizontal(id="invoice-filters"):
            yield Input(placeholder=_("Number, or customer name, number, city…"),
                        id="invoice-search", compact=True)  # fmt: skip
            yield Label(_("From"), classes="filter-label")
            yield Input(placeholder=_("dd/mm/yyyy"), id="period-from", compact=True)
            yield Label(_("to"), classes="filter-label")
            yield Input(placeholder=_("dd/mm/yyyy"), id="period-to", compact=True)
        yield Static(Content(""), id="period-error")

    def focus_search(self) -> None:
        self.query_one("#invoice-search", Input).focus()

    @on(Input.Changed, "#invoice-search")
    def _typed(self) -> None:
        if THROTTLE_S <= 0:
            self._announce()
        elif self._timer is None:
            self._timer = self.set_timer(THROTTLE_S, self._throttled)

    def _throttled(self) -> None:
        self._timer = None
        self._announce()

    def _announce(self) -> None:
        text = self.query_one("#invoice-search", Input).value
        self.post_message(self.Changed(text, *self.period))

    @on(Input.Submitted, "#invoice-search")
    def _searched(self) -> None:
        self.post_message(self.Done())

    @on(Input.Submitted, "#period-from")
    def _from_submitted(self) -> None:
        if self._read_period():
            self.query_one("#period-to", Input).focus()

    @on(Input.Submitted, "#period-to")
    def _to_submitted(self) -> None:
        if self._read_period():
            self.post_message(self.Done())

    @on(Input.Blurred, "#period-from, #period-to")
    def _period_left(self) -> None:
        self._read_period()

    def _read_period(self) -> bool:
        """Takes the period typed; a date that cannot be read is said under the fields
        and the list stays as it was."""
        start = self.query_one("#period-from", Input)
        end = self.query_one("#period-to", Input)
        error = self.query_one("#period-error", Static)
        try:
            period = parse_period(start.value, end.value)
        except ValidationError as exc:
            label = _("From") if exc.field == "from" else _("To")
            error.update(Content(f"{label}: {exc.errors[exc.field]}"))
            error.add_class("shown")
            (start if exc.field == "from" else end).add_class("-invalid")
            return False
        error.remove_class("shown")
        start.remove_class("-invalid")
        end.remove_class("-invalid")
        if period != self.period:
            self.period = period
            self._announce()
        return True
