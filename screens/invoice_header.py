"""The part of the document editor's header that only invoices and credit notes have: the
date of sale or service, where the due date comes from, the legal cap on terms between
businesses, and, once issued, the banner naming the number, who issued it and what it
leaves owed."""

from __future__ import annotations

import datetime as dt
from typing import Any

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Input, Label, Static

from models.customer_records import CustomerRecord
from models.document_records import DocumentRecord
from models.due_dates import due_date_warning
from models.i18n import _
from screens.customer_text import terms_text
from screens.document_text import money_text, short_date_text
from tui.safe_text import display_safe


def due_hint(terms: str, typed_due: str, due: dt.date | None) -> Content:
    """Beside an empty due date: the date the terms give it."""
    if typed_due.strip() or due is None:
        return Content("")
    return Content.styled(
        _("From the terms ({terms}): {date}").format(
            terms=terms_text(terms), date=short_date_text(due)
        ),
        "dim",
    )


def warning_text(
    date: dt.date, due: dt.date | None, customer_kind: str, country: str, reading: str | None = None
) -> str:
    """The legal-terms warning, marked, or "" (`reading`: the shop's way of counting days
    end of month, read from the settings when not given)."""
    warning = due_date_warning(date, due, customer_kind, country, reading)
    return "⚠ " + warning if warning else ""


def issued_warning(record: DocumentRecord) -> str:
    """The legal-terms warning of an issued invoice, from what it was issued with."""
    if record.kind != "invoice":
        return ""
    country = record.seller.country if record.seller else ""
    return warning_text(record.date, record.due_date, record.customer_kind, country)


def issued_banner(record: DocumentRecord) -> Content:
    """ "F-2026-00001 · issued 14/03/2026 by alice · open amount €120.00"; a credit note
    names the invoice it credits instead."""
    issued = record.issued_at and record.issued_at.replace(tzinfo=dt.UTC).astimezone().date()
    head = _("{number} · issued {date} by {operator}").format(
        number=record.number, date=short_date_text(issued), operator=display_safe(record.issued_by)
    )
    if record.kind == "credit_note":
        tail = _("credits {invoice}").format(invoice=record.source)
    else:
        tail = _("open amount {amount}").format(
            amount=money_text(record.open_amount, record.currency)
        )
    return Content.assemble((head, "bold"), " · ", tail)


class InvoiceHeader:
    """Mixed into DocumentEditorScreen, which provides `record`, `state`, `kind`,
    `read_only` and `_shown`."""

    record: DocumentRecord | None
    kind: str
    state: Any

    def invoice_rows(self) -> ComposeResult:
        with Horizontal(classes="head-row", id="invoice-row"):
            yield Label(_("Service"), classes="head-label")
            yield Input(
                self.state.header.service_date,
                placeholder=_("= date"),
                compact=True,
                id="service-date",
            )
            yield Static(Content(""), id="due-hint")
        yield Static("", id="due-warning", markup=False)

    def _show_due(self) -> None:
        """An invoice's due date from its terms (the input's placeholder and a hint under
        it), and the legal-terms warning for the date it falls on."""
        if self.kind != "invoice":
            return
        warning, hint = self.query_one("#due-warning", Static), self.query_one("#due-hint", Static)
        if self.read_only and self.record is not None:
            # Issued: the due date it was issued with is in its input.
            hint.update(Content(""))
            self._shown(warning, issued_warning(self.record))
            return
        due, typed = self.state.due_date, self.state.header.valid_until
        self.query_one("#valid-until", Input).placeholder = (
            due.isoformat() if due and not typed else _("from terms")
        )
        hint.update(due_hint(self.state.details.terms, typed, due))
        context, customer = self.state.context, self.state.customer
        text = ""
        if context is not None and customer is not None:
            text = warning_text(
                context.header.date, due, customer.kind, context.settings.company_country,
                context.settings.end_of_month_reading,
            )
        self._shown(warning, text)

    def _show_banner(self) -> None:
        record = self.record
        issued = record is not None and record.is_issued
        banner = self.query_one("#doc-banner", Static)
        banner.update(issued_banner(record) if record is not None and issued else Content(""))
        banner.set_class(issued, "shown")
        if self.kind == "credit_note":
            # A credit note is settled against its invoice: no due date, no service date.
            for hidden in ("#limit-label", "#valid-until", "#invoice-row"):
                self.query_one(hidden).display = False

    def _show_issued(self, record: DocumentRecord, customer: CustomerRecord) -> None:
        """Shows `record`, just issued (or credited since), as it is stored, and its
        customer as it is now (a prospect invoiced is a customer)."""
        self.record = record
        self.state.load(record, customer)
        self._saved = self._snapshot()
        header = self.state.header
        for key, value in (
            ("date", header.date),
            ("valid-until", header.valid_until),
            ("service-date", header.service_date),
        ):
            self.query_one(f"#{key}", Input).value = value
        self._header_dirty = False
        self._title()
        self._show_lines()
        self._show_customer()
        self._lock_if_not_draft()
