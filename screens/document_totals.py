"""The totals bar of the document editor: net, VAT per rate and total, and the tax
treatment's name when the lines are not taxed."""

from __future__ import annotations

from textual.content import Content

from models.i18n import _
from models.totals import Totals
from screens.document_text import money_text, percent_text, treatment_text


def totals_text(totals: Totals | None, treatment: str, has_lines: bool) -> Content:
    if not has_lines:
        return Content.styled(_("No line yet."), "dim")
    if totals is None:
        return Content.styled(_("Totals wait for the lines marked ⚠."), "bold")
    currency = totals.currency
    first = Content.assemble(
        _("Net {amount}").format(amount=money_text(totals.net, currency)),
        "  ·  ",
        _("VAT {amount}").format(amount=money_text(totals.tax, currency)),
        "  ·  ",
        (_("Total {amount}").format(amount=money_text(totals.total, currency)), "bold"),
    )
    if treatment != "standard":
        return Content("\n").join([first, Content(treatment_text(treatment))])
    groups = [
        _("{rate}: {vat} on {base}").format(
            rate=percent_text(g.rate),
            vat=money_text(g.vat, currency),
            base=money_text(g.base, currency),
        )
        for g in totals.vat_groups
    ]
    return Content("\n").join([first, Content.styled("  ·  ".join(groups), "dim")])
