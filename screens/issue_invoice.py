"""The last look before an invoice is issued: who it is for, its total and due date, and
what issuing means (the next number of the series, and no change ever after). When the
invoice is in another currency than the company's and no rate is recorded for its date,
the rate is typed here. Two things are told before it is too late: that the customer's
balance would go over its credit limit (a warning, not a refusal), and the customer's
credit in the invoice's currency, offered to settle it (ticked; Space unticks it).
Enter issues, Esc goes back. Dismisses with an IssueAnswer, or None."""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Checkbox, Input, Label, Static

from models.credit_limit import OverLimit
from models.document_records import DocumentRecord
from models.errors import ValidationError
from models.exchange_rates import parse_rate
from models.i18n import N_, _
from screens.document_text import date_text, document_name, money_text
from tui.safe_text import display_safe
from tui.widgets.translated import TranslatedModal


@dataclass(frozen=True)
class IssueAnswer:
    """What the operator chose: the rate typed ("" when none was needed), and whether the
    customer's credit is to be applied once the invoice is issued."""

    rate: str
    apply_credit: bool = False


class IssueInvoiceScreen(TranslatedModal[IssueAnswer | None]):
    CSS_PATH = "documents.tcss"
    # Priority: Enter issues even from the rate input, which would otherwise submit.
    BINDINGS = [
        Binding("enter", "issue", N_("Issue"), priority=True),
        Binding("escape", "cancel", N_("Cancel"), priority=True),
    ]

    def __init__(self, draft: DocumentRecord, base_currency: str, rate_needed: bool,
                 warning: str = "", over_limit: OverLimit | None = None,
                 credit: int = 0) -> None:  # fmt: skip
        """`warning`: what the law says about its due date (marked ⚠), "" when nothing;
        `over_limit`: the customer's balance with this invoice when over its credit limit;
        `credit`: the customer's credit in the invoice's currency (minor units)."""
        super().__init__()
        self.draft = draft
        self.base_currency = base_currency
        self.rate_needed = rate_needed
        self.warning = warning
        self.over_limit = over_limit
        self.credit = credit

    def compose(self) -> ComposeResult:
        d = self.draft
        with Vertical(id="issue-box"):
            yield Static(
                Content(_("Issue {document}?").format(document=document_name(d))),
                id="issue-title",
            )
            for label, value in (
                (_("Customer"), f"{d.customer}  {display_safe(d.billing.name)}"),
                (_("Date"), date_text(d.date)),
                (_("Due date"), date_text(d.due_date)),
                (_("Total"), money_text(d.totals.total, d.currency)),
            ):
                with Horizontal(classes="issue-row"):
                    yield Label(Content(label), classes="issue-label")
                    yield Static(Content(value), classes="issue-value")
            if self.warning or self.over_limit is not None:
                with Vertical(id="issue-warnings"):
                    if self.warning:
                        yield Static(Content(self.warning), id="issue-warning")
                    if self.over_limit is not None:
                        yield Static(Content(self._limit_text(self.over_limit)), id="issue-limit")
            yield Static(
                Content(
                    _(
                        "It gets the next number of the invoice series and can no longer "
                        "change: only a credit note corrects it."
                    )
                ),
                id="issue-explained",
            )
            if self.rate_needed:
                yield from self._rate_row()
            if self.credit > 0:
                offer = _("Settle it with the customer's credit ({amount} available)").format(
                    amount=money_text(self.credit, d.currency)
                )
                yield Checkbox(Content(offer), True, compact=True, id="issue-credit")
            yield Static(Content.styled(self._keys_text(), "dim"), id="issue-keys")

    @staticmethod
    def _limit_text(over: OverLimit) -> str:
        return "⚠ " + _(
            "Owed after this invoice: {owed}, over the credit limit of {limit}."
        ).format(owed=money_text(over.balance_after, over.currency),
                 limit=money_text(over.limit, over.currency))  # fmt: skip

    def _keys_text(self) -> str:
        if self.credit > 0 and self.rate_needed:  # the rate's input has the focus first
            return _("Enter: issue · Tab, Space: tick or untick · Esc: back")
        if self.credit > 0:
            return _("Enter: issue · Space: tick or untick · Esc: back")
        return _("Enter: issue · Esc: back")

    def _rate_row(self) -> ComposeResult:
        d = self.draft
        yield Static(
            Content(
                _(
                    "No {currency} rate is recorded for {date}: type the one of this invoice."
                ).format(currency=d.currency, date=date_text(d.date))
            ),  # fmt: skip
            id="issue-rate-why",
        )
        with Horizontal(classes="issue-row"):
            yield Label(Content(_("Rate")), classes="issue-label")
            yield Label(Content(f"1 {d.currency} ="), classes="issue-rate-unit")
            yield Input("", placeholder=_("e.g. 1.0842"), compact=True, id="issue-rate")
            yield Label(Content(self.base_currency), classes="issue-rate-unit")
        yield Static("", id="issue-rate-error", markup=False)

    def on_mount(self) -> None:
        if self.rate_needed:
            self.query_one("#issue-rate", Input).focus()
        elif self.credit > 0:
            self.query_one("#issue-credit", Checkbox).focus()

    def action_issue(self) -> None:
        apply_credit = self.credit > 0 and self.query_one("#issue-credit", Checkbox).value
        if not self.rate_needed:
            self.dismiss(IssueAnswer("", apply_credit))
            return
        text = self.query_one("#issue-rate", Input).value.strip()
        try:
            parse_rate("exchange_rate", text)
        except ValidationError as exc:
            self.show_rate_error(exc.errors["exchange_rate"])
            return
        self.dismiss(IssueAnswer(text, apply_credit))

    def show_rate_error(self, reason: str) -> None:
        error = self.query_one("#issue-rate-error", Static)
        error.update("⚠ " + reason)
        error.add_class("shown")
        self.query_one("#issue-rate", Input).focus()

    def action_cancel(self) -> None:
        self.dismiss(None)
