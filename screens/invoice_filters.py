"""What the invoice list keeps and how it is sorted: the text typed, the status chosen
with Ctrl+T, the period and the order, held as one value that each key replaces; how it
reads in the line above the list, and the sums of what it keeps in the bar under it (the
text and the period are typed in screens.period_filter_bar). Invoices and credit notes
are listed together."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from typing import Any

from textual.content import Content

from models.document_lists import ListTotals
from models.i18n import N_, _, ngettext
from screens.document_text import money_text, status_text

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
