"""What the payment list keeps: the text typed, the kind chosen with Ctrl+T, the method
chosen with Ctrl+O and the period, held as one value that each key replaces; how it reads
in the line above the list, and the sums of what it keeps in the bar under it. The text
and the period are typed in screens.period_filter_bar, as on the invoice list."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from typing import Any

from textual.content import Content

from models.i18n import N_, _, ngettext
from models.payment_lists import PaymentTotals
from models.validation import PAYMENT_METHODS
from screens.customer_text import method_text
from screens.document_text import money_text

# Every entry, each kind, then money received that still has something to allocate.
KIND_CYCLE: tuple[str | None, ...] = (None, "payment", "refund", "reversal", "credit")
METHOD_CYCLE: tuple[str | None, ...] = (None, *PAYMENT_METHODS)
_KIND_WORDS = {
    None: N_("every kind"),
    "payment": N_("payments"),
    "refund": N_("refunds"),
    "reversal": N_("reversals"),
    "credit": N_("with credit left"),
}


@dataclass(frozen=True)
class PaymentFilter:
    text: str = ""
    kind: str | None = None
    method: str | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None

    def next_kind(self) -> PaymentFilter:
        index = KIND_CYCLE.index(self.kind)
        return dataclasses.replace(self, kind=KIND_CYCLE[(index + 1) % len(KIND_CYCLE)])

    def next_method(self) -> PaymentFilter:
        index = METHOD_CYCLE.index(self.method)
        return dataclasses.replace(self, method=METHOD_CYCLE[(index + 1) % len(METHOD_CYCLE)])

    def kept(self) -> dict[str, Any]:
        """What both the list and its sums are asked to keep (models.payment_lists)."""
        credit = self.kind == "credit"
        kinds = () if self.kind is None or credit else (self.kind,)
        return {"text": self.text, "method": self.method or "", "date_from": self.date_from,
                "date_to": self.date_to, "kinds": kinds, "with_credit": credit}  # fmt: skip

    def describe(self, shown: int | None) -> str:
        """The line above the list: the kind and the method kept, and how many rows are
        loaded when not all of them are (`shown`)."""
        text = _("{kind} (Ctrl+T) · {method} (Ctrl+O)").format(
            kind=self.kind_words(), method=self.method_words())  # fmt: skip
        if shown is None:
            return text
        return _("{shown} shown, more below").format(shown=shown) + " · " + text

    def kind_words(self) -> str:
        return _(_KIND_WORDS[self.kind])

    def method_words(self) -> str:
        if self.method is None:
            return _("every method")
        return _("by {method}").format(method=method_text(self.method))


# The columns of the sums in several currencies: `CHF1,234,567.89` fits with room to spare.
_WIDTHS = (9, 18, 18, 18)


def totals_text(totals: list[PaymentTotals]) -> Content:
    """How many entries the filter keeps and their sums: one labelled line in one
    currency; in several, a column per sum under a heading and a line per currency."""
    if not totals:
        return Content(_("No payment matches."))
    if len(totals) == 1:
        [sums] = totals
        # Short words: the line keeps to 80 columns with amounts in hundreds of thousands.
        return Content(ngettext(
            "{count} entry · in {received} · out {paid_out} · credit left {left}",
            "{count} entries · in {received} · out {paid_out} · credit left {left}",
            sums.count,
        ).format(count=sums.count, **_amounts(sums)))  # fmt: skip
    heads = (_("entries"), _("in"), _("out"), _("credit left"))
    lines = [_columns("", heads)]
    lines += [_columns(s.currency, (str(s.count), *_amounts(s).values())) for s in totals]
    return Content("\n".join(lines))


def _columns(currency: str, cells: tuple[str, ...]) -> str:
    return currency.ljust(3) + "".join(c.rjust(w) for c, w in zip(cells, _WIDTHS, strict=True))


def _amounts(sums: PaymentTotals) -> dict[str, str]:
    return {key: money_text(minor, sums.currency) for key, minor in (
        ("received", sums.received), ("paid_out", sums.paid_out),
        ("left", sums.unallocated))}  # fmt: skip
