"""What the document editor holds while the operator types: the customer, the header,
the details (terms, billing…), the lines as typed and as priced. No widgets here: the
editor shows this state and hands its input to the services, which price every line the
same way again when saving."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from models.customer_records import CustomerRecord
from models.document_records import (
    Billing,
    DocumentInput,
    DocumentLineRecord,
    DocumentRecord,
    LineInput,
)
from models.documents import DocumentContext, billing_from, document_context, line_as_input
from models.due_dates import due_from_terms
from models.errors import ValidationError
from models.totals import Totals, compute_totals
from screens.document_lines import ShownLine


@dataclass(frozen=True)
class Details:
    """The header fields behind F4. `tax_treatment` None: the contract's (or standard);
    `billing` None: the customer's own data."""

    price_list: str = ""
    terms: str = "30d"
    payment_method: str = "transfer"
    tax_treatment: str | None = None
    reference: str = ""
    notes: str = ""
    billing: Billing | None = None


@dataclass(frozen=True)
class HeaderText:
    """The header inputs as typed. `valid_until` is a quote's validity or an invoice's due
    date (empty: from the terms); `service_date` is an invoice's date of sale or service
    (empty: the invoice's date)."""

    date: str = ""
    valid_until: str = ""
    currency: str = "EUR"
    language: str = "fr"
    service_date: str = ""


def details_from_customer(customer: CustomerRecord) -> Details:
    return Details(customer.price_list, customer.terms, customer.payment_method)


def details_from_record(record: DocumentRecord) -> Details:
    # A treatment other than standard without a contract was chosen on the document.
    chosen = (
        None if record.contract_id or record.tax_treatment == "standard" else (record.tax_treatment)
    )
    return Details(
        record.price_list,
        record.terms,
        record.payment_method,
        chosen,
        record.reference,
        record.notes,
        record.billing,
    )


def _limit_text(record: DocumentRecord) -> str:
    """A quote's validity; an invoice's due date. A draft's is left empty when it is the
    one its terms give (saving stores that date): it then keeps following the terms when
    the date or the terms change."""
    if record.kind == "quote":
        return record.valid_until.isoformat() if record.valid_until else ""
    due = record.due_date
    if due is None:
        return ""
    follows_terms = record.terms and due == due_from_terms(record.terms, record.date)
    return "" if follows_terms and record.stored_status == "draft" else due.isoformat()


class DraftState:
    def __init__(self, kind: str) -> None:
        self.kind = kind
        self.customer: CustomerRecord | None = None
        self.header = HeaderText()
        self.details = Details()
        self.lines: list[ShownLine] = []
        self.context: DocumentContext | None = None
        # The tax treatment of a loaded document, for as long as nothing is priced again.
        self.stored_treatment = "standard"

    def load(self, record: DocumentRecord, customer: CustomerRecord) -> None:
        self.customer = customer
        self.header = HeaderText(
            record.date.isoformat(),
            _limit_text(record),
            record.currency,
            record.language,
            record.service_date.isoformat() if record.service_date else "",
        )
        self.details = details_from_record(record)
        self.lines = [ShownLine(line_as_input(line), line) for line in record.lines]
        self.stored_treatment = record.tax_treatment

    def choose_customer(self, customer: CustomerRecord) -> None:
        """The customer's defaults fill the header and the details; lines stay."""
        self.customer = customer
        self.header = replace(self.header, currency=customer.currency, language=customer.language)
        self.details = details_from_customer(customer)

    @property
    def treatment(self) -> str:
        """The tax treatment the lines are taxed under."""
        return self.context.tax_treatment if self.context else self.stored_treatment

    @property
    def due_date(self) -> dt.date | None:
        """An invoice's due date as it would be saved: the one typed, else the terms'
        (None while the header is not valid)."""
        return self.context.header.due_date if self.context else None

    @property
    def billing(self) -> Billing | None:
        if self.details.billing is not None:
            return self.details.billing
        return billing_from(self.customer) if self.customer else None

    def document_input(self, lines: bool = True) -> DocumentInput:
        h, d = self.header, self.details
        dates = (
            {"valid_until": h.valid_until}
            if self.kind == "quote"
            else {"due_date": h.valid_until, "service_date": h.service_date}
        )
        return DocumentInput(
            customer=self.customer.number if self.customer else "",
            date=h.date,
            currency=h.currency,
            language=h.language,
            price_list=d.price_list,
            terms=d.terms,
            payment_method=d.payment_method,
            tax_treatment=d.tax_treatment,
            reference=d.reference,
            notes=d.notes,
            billing=self.billing,
            lines=tuple(line.typed for line in self.lines) if lines else (),
            **dates,
        )

    def reprice(self) -> None:
        """Validates the header and prices every line again; raises the header's
        ValidationError (the lines then keep what they showed)."""
        self.context = None
        self.context = document_context(self.kind, self.document_input(lines=False))
        self.lines = [self._priced(line.typed, index) for index, line in enumerate(self.lines)]

    def _priced(self, typed: LineInput, index: int) -> ShownLine:
        assert self.context is not None
        try:
            return ShownLine(typed, self.context.price_line(typed, index))
        except ValidationError as exc:
            return ShownLine(typed, None, "; ".join(exc.errors.values()))

    def price(self, typed: LineInput, index: int) -> DocumentLineRecord:
        """The line priced as it would be stored; raises ValidationError."""
        if self.context is None:
            self.reprice()
        assert self.context is not None
        return self.context.price_line(typed, index)

    def put_line(self, index: int | None, typed: LineInput) -> int:
        """Adds (index None) or replaces a line, priced; returns its index."""
        at = len(self.lines) if index is None else index
        shown = ShownLine(typed, self.price(typed, at))
        if index is None:
            self.lines.append(shown)
        else:
            self.lines[index] = shown
        return at

    def remove_line(self, index: int) -> None:
        del self.lines[index]

    def totals(self) -> Totals | None:
        """The totals of the lines, or None while a line or the header is not valid."""
        if self.context is None or any(line.priced is None for line in self.lines):
            return None
        return compute_totals(
            ((line.priced.net, line.priced.vat_rate) for line in self.lines if line.priced),
            self.context.tax_treatment,
            self.header.currency,
        )
