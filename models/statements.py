"""A customer's statement of account as it prints: the seller and the customer, the
period, the balance brought forward, every movement of the period (invoices, credit
notes, payments, refunds, reversals) with the balance after it, the closing balance,
and what was still open at the end of the period with its days overdue.

Like a DocumentView, every text is already in the customer's language (English where no
catalog is complete) and every amount and date formatted for the customer's locale; the
PDF writer (exports.pdf.statement) only places them. The figures come from
models.customer_account, so the statement, the Transactions tab and the CLI agree."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from peewee import JOIN

from models import clock
from models import formatting as fmt
from models.customer_account import Account, AccountLine, customer_account
from models.customer_records import CustomerRecord
from models.customers import get_customer
from models.db import read_txn
from models.document_print import _buyer, _footer, _seller
from models.document_records import Billing, Seller
from models.document_tables import Document, Payment
from models.document_view import Party, PaymentBlock, TotalRow
from models.errors import ValidationError
from models.i18n import N_, _, document_language, translator
from models.ledger import payment_reference
from models.settings import Settings, load_settings
from models.validation import METHOD_WORDS

Translate = Callable[[str], str]

# How far back a statement starts when no date is given: the first day of the month two
# months before, so that "the last three months" reads as whole months.
DEFAULT_MONTHS_BACK = 2


@dataclass(frozen=True)
class StatementLine:
    """One row of the movements table. The opening and closing rows have no document and
    only a balance; they are `emphasis` rows."""

    date: str
    reference: str
    description: str
    debit: str
    credit: str
    balance: str
    emphasis: bool = False


@dataclass(frozen=True)
class StatementItem:
    """An invoice or a refund still open at the end of the period."""

    reference: str
    date: str
    due_date: str
    total: str
    open_amount: str
    days_overdue: str  # "" when not yet due


@dataclass(frozen=True)
class Statement:
    customer: str  # the customer's number
    name: str
    language: str  # the language of the text
    title: str
    subtitle: str  # the period in words
    meta: tuple[tuple[str, str], ...]
    seller: Party
    buyer: Party
    columns: tuple[str, str, str, str, str, str]  # date, document, description, debit…
    lines: tuple[StatementLine, ...]  # the opening row, the movements, the closing row
    no_movement: str  # said under the opening row when the period has no movement
    items_heading: str
    item_columns: tuple[str, str, str, str, str, str]  # number, date, due date, amount…
    items: tuple[StatementItem, ...]
    no_items: str  # said instead of the open items when nothing is open
    totals: tuple[TotalRow, ...]  # credit not yet applied, then what is due
    footer: str
    page_label: str
    logo_path: str
    payment: PaymentBlock | None  # the seller's bank details, when something is due
    currency: str
    date_from: dt.date
    date_to: dt.date
    opening: int  # minor units; negative = the customer's credit
    closing: int


def statement_period(
    date_from: dt.date | None, date_to: dt.date | None, today: dt.date | None = None
) -> tuple[dt.date, dt.date]:
    """The period a statement covers: up to `date_to` (default today), from `date_from`
    (default the first day of the month two months before `date_to`'s). A period that
    ends before it starts, or in the future, is refused (fields "date_from", "date_to")."""
    today = today or clock.today()
    end = date_to or today
    if end > today:
        raise ValidationError.single("date_to", _("This date is in the future."))
    if date_from is None:
        months = end.year * 12 + end.month - 1 - DEFAULT_MONTHS_BACK
        date_from = dt.date(months // 12, months % 12 + 1, 1)
    if date_from > end:
        raise ValidationError.single(
            "date_from", _("The period starts after it ends ({end}).").format(end=end.isoformat())
        )
    return date_from, end


def statement(
    number: str,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    today: dt.date | None = None,
    *,
    settings: Settings | None = None,
) -> Statement:
    """The statement of customer `number` for the period (see statement_period), printed
    on `today`; the seller as the settings describe it today."""
    today = today or clock.today()
    start, end = statement_period(date_from, date_to, today)
    with read_txn():
        customer = get_customer(number)
        account = customer_account(customer.number, start, end, today=today,
                                   with_allocations=False)  # fmt: skip
        details = _details(customer.id, start, end)
        settings = settings or load_settings()
    return _compose(customer, account, details, settings, today)


def _compose(
    customer: CustomerRecord,
    account: Account,
    details: dict[str, str],
    settings: Settings,
    today: dt.date,
) -> Statement:
    seller = Seller.from_settings(settings)
    text_language = document_language(customer.language)
    tr = translator(text_language)
    # Babel knows every locale's figures and dates, though not every catalog is complete:
    # a Greek customer reads English words but amounts and dates written the Greek way.
    locale = customer.language or text_language
    assert account.date_from is not None and account.date_to is not None
    start, end = account.date_from, account.date_to
    billing = Billing(customer.name, customer.street, customer.postal_code, customer.city,
                      customer.country, customer.vat, customer.siren)  # fmt: skip
    return Statement(
        customer=customer.number,
        name=customer.name,
        language=text_language,
        title=tr(N_("Statement of account")),
        subtitle=tr(N_("From {start} to {end}")).format(
            start=fmt.date(start, locale), end=fmt.date(end, locale)
        ),
        meta=(
            (tr(N_("Date")), fmt.date(today, locale)),
            (tr(N_("Customer number")), customer.number),
            (tr(N_("Currency")), account.currency),
        ),
        # Country names are words: in the language of the text.
        seller=_seller(seller, tr, text_language, customer.country),
        buyer=_buyer(billing, tr, text_language, seller.country),
        columns=(
            tr(N_("Date")),
            tr(N_("Document")),
            tr(N_("Description")),
            tr(N_("Debits")),
            tr(N_("Credits")),
            tr(N_("Balance")),
        ),  # fmt: skip
        lines=_lines(account, details, tr, locale),
        no_movement=tr(N_("No movement in this period.")),
        items_heading=tr(N_("Open items on {date}")).format(date=fmt.date(end, locale)),
        item_columns=(
            tr(N_("Number")),
            tr(N_("Date")),
            tr(N_("Due date")),
            tr(N_("Amount")),
            tr(N_("Still due")),
            tr(N_("Days overdue")),
        ),  # fmt: skip
        items=tuple(
            StatementItem(
                item.reference,
                fmt.date(item.date, locale),
                fmt.date(item.due_date, locale),
                fmt.amount(item.total, account.currency, locale),
                fmt.amount(item.open_amount, account.currency, locale),
                str(item.days_overdue) if item.days_overdue > 0 else "",
            )  # fmt: skip
            for item in account.open_items
        ),
        no_items=tr(N_("Nothing is left to pay.")),
        totals=_totals(account, tr, locale),
        footer=_footer(seller, tr),
        page_label=tr(N_("Page {page} of {pages}")),
        logo_path=settings.company_logo,
        payment=_payment(seller, tr) if account.closing > 0 else None,
        currency=account.currency,
        date_from=start,
        date_to=end,
        opening=account.opening,
        closing=account.closing,
    )


def _lines(
    account: Account, details: dict[str, str], tr: Translate, locale: str
) -> tuple[StatementLine, ...]:
    assert account.date_from is not None and account.date_to is not None

    def amount(minor: int) -> str:
        return fmt.amount(minor, account.currency, locale) if minor else ""

    rows = [_balance_row(tr(N_("Opening balance")), account.date_from, account.opening,
                         account.currency, locale)]  # fmt: skip
    for line in account.lines:
        rows.append(
            StatementLine(
                fmt.date(line.date, locale),
                line.reference,
                _description(line, details, tr),
                amount(line.debit),
                amount(line.credit),
                fmt.amount(line.balance, account.currency, locale),
            )  # fmt: skip
        )
    rows.append(_balance_row(tr(N_("Closing balance")), account.date_to, account.closing,
                             account.currency, locale))  # fmt: skip
    return tuple(rows)


def _balance_row(
    label: str, day: dt.date, balance: int, currency: str, locale: str
) -> StatementLine:
    return StatementLine(fmt.date(day, locale), "", label, "", "",
                         fmt.amount(balance, currency, locale), emphasis=True)  # fmt: skip


def _totals(account: Account, tr: Translate, locale: str) -> tuple[TotalRow, ...]:
    """What is due, and, when the customer has credit not yet set against an invoice, that
    credit first, so that the open items less it add up to the total."""
    currency = account.currency
    rows = []
    unapplied = sum(item.open_amount for item in account.open_items) - account.closing
    if unapplied > 0:
        rows.append(TotalRow(tr(N_("Unapplied credit")),
                             fmt.money(-unapplied, currency, locale)))  # fmt: skip
    if account.closing < 0:
        rows.append(TotalRow(tr(N_("Credit in your favour")),
                             fmt.money(-account.closing, currency, locale), True))  # fmt: skip
    else:
        rows.append(TotalRow(tr(N_("Total due")), fmt.money(account.closing, currency, locale),
                             True))  # fmt: skip
    return tuple(rows)


def _payment(seller: Seller, tr: Translate) -> PaymentBlock | None:
    """How to pay what is due by transfer, as an invoice says it (without a QR code: a
    statement is no invoice to quote as the payment's reference)."""
    if not seller.iban:
        return None
    from stdnum import iban

    rows = [("IBAN", iban.format(seller.iban))]
    if seller.bic:
        rows.append(("BIC", seller.bic))
    return PaymentBlock(tr(N_("Bank details")), tuple(rows))


def _description(line: AccountLine, details: dict[str, str], tr: Translate) -> str:
    """What the movement was, in words: "Payment by bank transfer · VIR 0412"."""
    detail = details.get(line.reference, "")
    if line.kind == "invoice":
        words = tr(N_("Invoice"))
        if detail:
            words += " · " + tr(N_("Your reference")) + " " + detail
        return words
    if line.kind == "credit_note":
        if detail:
            return tr(N_("Credit note on {invoice}")).format(invoice=detail)
        return tr(N_("Credit note"))
    if line.kind == "reversal":
        return tr(N_("Reversal of {reference}")).format(reference=detail or "?")
    method, _sep, reference = detail.partition("\n")
    how = tr(METHOD_WORDS[method]) if method in METHOD_WORDS else method
    words = (tr(N_("Payment by {method}")) if line.kind == "payment"
             else tr(N_("Refund by {method}"))).format(method=how)  # fmt: skip
    return words + (" · " + reference if reference else "")


def _details(customer_id: int, start: dt.date, end: dt.date) -> dict[str, str]:
    """By reference, what describes each movement of the period beyond its kind: an
    invoice's "your reference", the invoice a credit note corrects, a payment's method
    and bank reference (method, newline, reference), the entry a reversal undoes. One
    query for the documents and one for the money, whatever the number of movements."""
    found: dict[str, str] = {}
    source = Document.alias()
    documents = (
        Document.select(Document.number, Document.kind, Document.reference, source.number)
        .join(source, on=(Document.source == source.id), join_type=JOIN.LEFT_OUTER)
        .where((Document.customer == customer_id) & (Document.status == "issued")
               & Document.kind.in_(("invoice", "credit_note"))
               & (Document.date >= start) & (Document.date <= end))
    )  # fmt: skip
    rows: list[tuple[str, str, str, str | None]] = list(documents.tuples())  # type: ignore[arg-type]
    for number, kind, reference, source_number in rows:
        found[number] = " ".join(reference.split()) if kind == "invoice" else source_number or ""
    money = Payment.select(Payment.id, Payment.kind, Payment.method, Payment.reference,
                           Payment.reverses).where(
        (Payment.customer == customer_id) & (Payment.date >= start) & (Payment.date <= end)
    )  # fmt: skip
    payments: list[tuple[int, str, str, str, int | None]] = list(money.tuples())  # type: ignore[arg-type]
    for ident, kind, method, reference, reverses in payments:
        if kind == "reversal":
            found[payment_reference(ident)] = payment_reference(reverses) if reverses else ""
        else:
            found[payment_reference(ident)] = f"{method}\n{' '.join(reference.split())}"
    return found
