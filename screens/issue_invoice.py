"""The last look before an invoice is issued: who it is for, its total and due date, and
what issuing means (the next number of the series, and no change ever after). When the
invoice is in another currency than the company's and no rate is recorded for its date,
the rate is typed here. Enter issues, Esc goes back. Dismisses with the rate typed ("" when
none was needed), or None."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Input, Label, Static

from models.document_records import DocumentRecord
from models.errors import ValidationError
from models.exchange_rates import parse_rate
from models.i18n import N_, _
from screens.document_text import date_text, document_name, money_text
from tui.safe_text import display_safe
from tui.widgets.translated import TranslatedModal


class IssueInvoiceScreen(TranslatedModal[str | None]):
    CSS_PATH = "documents.tcss"
    # Priority: Enter issues even from the rate input, which would otherwise submit.
    BINDINGS = [
        Binding("enter", "issue", N_("Issue"), priority=True),
        Binding("escape", "cancel", N_("Cancel"), priority=True),
    ]

    def __init__(self, draft: DocumentRecord, base_currency: str, rate_needed: bool,
                 warning: str = "") -> None:  # fmt: skip
        """`warning`: what the law says about its due date (marked ⚠), "" when nothing."""
        super().__init__()
        self.draft = draft
        self.base_currency = base_currency
        self.rate_needed = rate_needed
        self.warning = warning

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
            if self.warning:
                yield Static(Content(self.warning), id="issue-warning")
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
            yield Static(Content.styled(_("Enter: issue · Esc: back"), "dim"), id="issue-keys")

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

    def action_issue(self) -> None:
        if not self.rate_needed:
            self.dismiss("")
            return
        text = self.query_one("#issue-rate", Input).value.strip()
        try:
            parse_rate("exchange_rate", text)
        except ValidationError as exc:
            self.show_rate_error(exc.errors["exchange_rate"])
            return
        self.dismiss(text)

    def show_rate_error(self, reason: str) -> None:
        error = self.query_one("#issue-rate-error", Static)
        error.update("⚠ " + reason)
        error.add_class("shown")
        self.query_one("#issue-rate", Input).focus()

    def action_cancel(self) -> None:
        self.dismiss(None)
