"""`comptoir payments …`: money received and paid back, from the command line, through
models.payments: recorded and set against invoices, reversed, refunded, credit applied and
allocations moved; listed and shown with the keys of CLI.md. A payment is named by its
id, `12` or `#12`; what a command makes, it prints alone on stdout for a script to read.

`invoices issue --apply-credit` and `invoices mark-paid` (tui.cli_invoices) use the
pieces at the end of this module.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from models.i18n import N_, _
from tui.cli_catalog import format_option, limit_refused
from tui.cli_customers import customer_number

T = TypeVar("T")

LIST_KEYS = ("id", "date", "customer", "name", "direction", "kind", "amount", "currency",
             "method", "reference", "allocated", "unallocated", "reverses",
             "reversed_by")  # fmt: skip
SHOW_KEYS = (*LIST_KEYS, "exchange_rate", "note", "allocations")
ALLOCATION_KEYS = ("document", "kind", "amount", "date", "note", "exchange_difference")
_LIST_TABLE = ("id", "date", "customer", "name", "kind", "amount", "currency", "method",
               "unallocated")  # fmt: skip

# Titles of the keys tui.cli_output does not know.
_TITLES = {
    "direction": N_("Direction"), "amount": N_("Amount"), "method": N_("Method"),
    "allocated": N_("Allocated"), "unallocated": N_("Unallocated"), "reverses": N_("Reverses"),
    "reversed_by": N_("Reversed by"), "exchange_rate": N_("Exchange rate"), "note": N_("Note"),
    "allocations": N_("Allocations"), "document": N_("Set against"),
    "exchange_difference": N_("Exchange difference"),
}  # fmt: skip

# The services' field names that are options of another name here.
_OPTIONS = {"exchange_rate": "--rate", "from_invoice": "--from-invoice",
            "to_invoice": "--to-invoice"}  # fmt: skip


def add_payment_commands(commands: Any) -> None:
    group = commands.add_parser("payments", help=_("payments: record, allocate, reverse, refund"))
    group.set_defaults(group_parser=group)
    sub = group.add_subparsers(dest="payments_command", metavar="COMMAND")

    add = sub.add_parser(
        "add", help=_("record money received and print the payment's id"),
        description=_("Without --invoice, the amount settles the customer's oldest open "
                      "invoices first; what is left is the customer's credit."),
    )  # fmt: skip
    _customer_option(add)
    add.add_argument("--amount", required=True, metavar="A", help=_("the amount received"))
    _money_options(add)
    add.add_argument("--currency", default="", metavar="CUR",
                     help=_("its currency (the customer's)"))  # fmt: skip
    add.add_argument("--rate", default="", metavar="RATE",
                     help=_("what one unit of its currency is worth in yours (else the one "
                            "recorded for its date)"))  # fmt: skip
    add.add_argument("--note", default="", metavar="TEXT", help=_("a note kept with it"))
    add.add_argument("--invoice", action="append", dest="invoices", default=[],
                     metavar="NUMBER[:AMOUNT]",
                     help=_("an invoice it settles, and how much of it (all it still asks "
                            "without :AMOUNT); repeat for several"))  # fmt: skip
    add.set_defaults(handler=_add)

    reverse = sub.add_parser("reverse", help=_("undo a payment or refund entered in error; "
                                               "prints the reversal's id"))  # fmt: skip
    reverse.add_argument("payment", metavar="PAYMENT", help=_("its id, e.g. 12 or #12"))
    reverse.add_argument("--date", default="", metavar="D", help=_("the reversal's date (today)"))
    reverse.add_argument("--reason", default="", metavar="TEXT", help=_("why, kept with it"))
    reverse.set_defaults(handler=_reverse)

    listing = sub.add_parser("list", help=_("payments, refunds and reversals, newest first"))
    listing.add_argument("--customer", type=customer_number, metavar="NUMBER",
                         help=_("one customer's only"))  # fmt: skip
    listing.add_argument("--from", dest="date_from", metavar="D", help=_("dated from D"))
    listing.add_argument("--to", dest="date_to", metavar="D", help=_("dated up to D"))
    listing.add_argument("--limit", type=int, default=100, help=_("at most N payments (100)"))
    format_option(listing)
    listing.set_defaults(handler=_list)

    show = sub.add_parser("show", help=_("one payment with what it is set against"))
    show.add_argument("payment", metavar="PAYMENT", help=_("its id, e.g. 12 or #12"))
    format_option(show)
    show.set_defaults(handler=_show)

    refund = sub.add_parser("refund", help=_("pay back part of a customer's credit; prints "
                                             "the refund's id"))  # fmt: skip
    _customer_option(refund)
    refund.add_argument("--amount", required=True, metavar="A", help=_("the amount paid back"))
    _money_options(refund)
    refund.add_argument("--currency", default="", metavar="CUR",
                        help=_("its currency (the customer's)"))  # fmt: skip
    refund.add_argument("--note", default="", metavar="TEXT", help=_("a note kept with it"))
    _source_option(refund, _("a credit note's number or a payment's id it pays back; "
                             "repeat for several (else the oldest credit first)"))  # fmt: skip
    refund.set_defaults(handler=_refund)

    apply = sub.add_parser("apply", help=_("set the customer's credit against an invoice; "
                                           "prints the amount applied"))  # fmt: skip
    apply.add_argument("--invoice", required=True, metavar="NUMBER", help=_("the invoice"))
    apply.add_argument("--amount", default="", metavar="A",
                       help=_("how much (all the invoice still asks)"))  # fmt: skip
    apply.add_argument("--date", default="", metavar="D", help=_("the allocation's date (today)"))
    _source_option(apply, _("a credit note's number or a payment's id to take it from; "
                            "repeat for several (else the oldest credit first)"))  # fmt: skip
    apply.set_defaults(handler=_apply)

    move = sub.add_parser("move", help=_("move what a payment or credit note settles onto "
                                         "another invoice; prints the amount moved"))  # fmt: skip
    move.add_argument("source", metavar="SOURCE",
                      help=_("the payment's id (#12) or the credit note's number"))  # fmt: skip
    move.add_argument("--from-invoice", required=True, metavar="NUMBER",
                      help=_("the invoice it settles now"))  # fmt: skip
    move.add_argument("--to-invoice", required=True, metavar="NUMBER",
                      help=_("the invoice it is to settle"))  # fmt: skip
    move.add_argument("--amount", default="", metavar="A",
                      help=_("how much (by default, all it settles on "
                             "--from-invoice)"))  # fmt: skip
    move.add_argument("--date", default="", metavar="D", help=_("the move's date (today)"))
    move.set_defaults(handler=_move)


def _customer_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--customer", required=True, type=customer_number, metavar="NUMBER",
                        help=_("the customer's number"))  # fmt: skip


def _money_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--date", default="", metavar="D", help=_("when the money moved (today)"))
    parser.add_argument("--method", default="", metavar="M",
                        help=_("transfer, card, cash, cheque or direct_debit "
                               "(the customer's)"))  # fmt: skip
    parser.add_argument("--reference", default="", metavar="TEXT",
                        help=_("the bank's or the cheque's reference"))  # fmt: skip


def _source_option(parser: argparse.ArgumentParser, text: str) -> None:
    parser.add_argument("--from", action="append", dest="sources", default=[],
                        metavar="SOURCE", help=text)  # fmt: skip


def _told(call: Callable[[], T], invoices: Sequence[str] = (), sources: Sequence[str] = ()) -> T:
    """Runs a service, telling its refusals back as the options typed: the N-th
    allocation or source as the `--invoice`/`--from` that gave it."""
    from models.errors import ValidationError

    try:
        return call()
    except ValidationError as exc:
        named: dict[str, str] = {}
        for field, reason in exc.errors.items():
            group, _dot, rest = field.partition(".")
            index = rest.split(".")[0]
            typed = {"allocations": ("--invoice", invoices), "sources": ("--from", sources)}
            if group in typed and index.isdigit() and int(index) < len(typed[group][1]):
                option, values = typed[group]
                field = f"{option} {values[int(index)]}"
            named[_OPTIONS.get(field, field)] = reason
        raise ValidationError(named) from None


def _allocation(text: str) -> tuple[str, str]:
    """`F-2026-00001:50` as (number, amount); without `:AMOUNT`, all it still asks."""
    number, colon, amount = text.rpartition(":")
    return (number, amount) if colon else (text, "")


def _add(args: argparse.Namespace) -> int:
    from models.money import minor_to_text
    from models.payments import PaymentInput, record_payment

    data = PaymentInput(
        customer=args.customer, amount=args.amount, date=args.date, currency=args.currency,
        method=args.method, reference=args.reference, note=args.note, exchange_rate=args.rate,
        allocations=[_allocation(v) for v in args.invoices] if args.invoices else None,
    )  # fmt: skip
    record = _told(lambda: record_payment(data, args.operator), args.invoices)
    print(record.id)
    if record.unallocated > 0:
        print(_("{amount} {currency} left as {customer}'s credit.").format(
            amount=minor_to_text(record.unallocated, record.currency),
            currency=record.currency, customer=record.customer), file=sys.stderr)  # fmt: skip
    return 0


def _reverse(args: argparse.Namespace) -> int:
    from models.payments import reverse_payment

    record = _told(lambda: reverse_payment(args.payment, args.operator, date=args.date,
                                           reason=args.reason))  # fmt: skip
    print(record.id)
    return 0


def _refund(args: argparse.Namespace) -> int:
    from models.payments import refund

    record = _told(lambda: refund(
        args.customer, args.amount, args.operator, date=args.date, method=args.method,
        reference=args.reference, note=args.note, currency=args.currency, sources=args.sources,
    ), sources=args.sources)  # fmt: skip
    print(record.id)
    return 0


def _apply(args: argparse.Namespace) -> int:
    from models.invoices import invoice_draft
    from models.money import minor_to_text
    from models.payments import apply_credit

    applied = _told(lambda: apply_credit(args.invoice, args.operator, amount=args.amount,
                                         sources=args.sources, date=args.date),
                    sources=args.sources)  # fmt: skip
    invoice = invoice_draft(args.invoice)
    print(minor_to_text(applied, invoice.currency))
    if not applied:
        print(_("{customer} has no credit in {currency} to apply.").format(
            customer=invoice.customer, currency=invoice.currency), file=sys.stderr)  # fmt: skip
    return 0


def _move(args: argparse.Namespace) -> int:
    from models.invoices import invoice_draft
    from models.money import minor_to_text
    from models.payments import move_allocation

    moved = _told(lambda: move_allocation(
        args.source, args.from_invoice, args.to_invoice, args.operator, amount=args.amount,
        date=args.date))  # fmt: skip
    print(minor_to_text(moved, invoice_draft(args.to_invoice).currency))
    return 0


def _list(args: argparse.Namespace) -> int:
    from models.payment_lists import list_payments
    from tui.cli_document_output import option_date
    from tui.cli_output import print_rows

    if limit_refused(args.limit):
        return 2
    # An unknown customer is "not found" (4), not an empty list.
    found = list_payments(args.customer or "", date_from=option_date("--from", args.date_from),
                          date_to=option_date("--to", args.date_to), limit=args.limit)  # fmt: skip
    rows = [_row(p.id, p.date, p.customer, p.name, p.direction, p.kind, p.amount, p.currency,
                 p.method, p.reference, p.allocated, p.reverses, p.reversed_by)
            for p in found]  # fmt: skip
    if args.format == "table":
        print_rows(_titled(rows), [_title(k) for k in LIST_KEYS], "table",
                   table_keys=[_title(k) for k in _LIST_TABLE])  # fmt: skip
    else:
        print_rows(rows, LIST_KEYS, args.format)
    return 0


def _row(*values: Any) -> dict[str, Any]:
    """LIST_KEYS of a payment, from its fields in that order (a list's summary and a
    shown record have the same ones under other names)."""
    from models.money import minor_to_text

    (payment_id, day, customer, name, direction, kind, amount, currency, method, reference,
     allocated, reverses, reversed_by) = values  # fmt: skip
    return {
        "id": payment_id, "date": day.isoformat(), "customer": customer, "name": name,
        "direction": direction, "kind": kind, "amount": minor_to_text(amount, currency),
        "currency": currency, "method": method, "reference": reference,
        "allocated": minor_to_text(allocated, currency),
        "unallocated": minor_to_text(amount - allocated, currency), "reverses": reverses,
        "reversed_by": reversed_by,
    }  # fmt: skip


def _show(args: argparse.Namespace) -> int:
    from models.payment_records import find_payment
    from tui.cli_output import print_record, print_rows

    values = show_fields(find_payment(args.payment))
    if args.format == "json":
        print_record(values, "json")
        return 0
    allocations = values.pop("allocations")
    if args.format == "csv":
        values["allocations"] = "\n".join(
            " | ".join(str(a[k]) for k in ALLOCATION_KEYS if a[k]) for a in allocations
        )
        print_record(values, "csv")
        return 0
    values["id"] = f"#{values['id']}"
    for key in ("reverses", "reversed_by"):
        values[key] = f"#{values[key]}" if values[key] else ""
    print_record(_titled([values])[0], "table")
    if allocations:
        print()
        print_rows(_titled(allocations), [_title(k) for k in ALLOCATION_KEYS], "table")
    return 0


def show_fields(record: Any) -> dict[str, Any]:
    """SHOW_KEYS of a PaymentRecord: money as text, the exchange difference of each
    allocation in the company's currency ("" when there is none)."""
    from models.money import minor_to_text
    from models.settings import load_settings

    base = load_settings().company_currency
    values = _row(record.id, record.date, record.customer, record.customer_name,
                  record.direction, record.kind, record.amount, record.currency, record.method,
                  record.reference, record.allocated, record.reverses,
                  record.reversed_by)  # fmt: skip
    rate = record.exchange_rate
    values.update(
        exchange_rate=f"{rate.normalize():f}" if rate is not None else "", note=record.note,
        allocations=[{
            "document": a.reference, "kind": a.kind,
            "amount": minor_to_text(a.amount, record.currency), "date": a.date.isoformat(),
            "note": a.note,
            "exchange_difference": "" if a.exchange_difference is None
            else minor_to_text(a.exchange_difference, base),
        } for a in record.allocations],
    )  # fmt: skip
    return values


def _title(key: str) -> str:
    """A table's column title: this module's, else tui.cli_output's (which reads a title
    it does not know as the title itself)."""
    return _(_TITLES[key]) if key in _TITLES else key


def _titled(rows: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{_title(key): value for key, value in row.items()} for row in rows]


def mark_paid_command(args: argparse.Namespace) -> int:
    """`invoices mark-paid NUMBER`: a payment of all it still asks; prints its id."""
    from models.payments import mark_paid

    record = _told(lambda: mark_paid(args.number, args.operator, date=args.date,
                                     method=args.method))  # fmt: skip
    print(record.id)
    return 0


def credit_after_issue(invoice: Any, apply: bool, operator: str) -> None:
    """Once an invoice is issued: with `apply`, sets the customer's credit against it and
    says how much; without, tells of the credit there is and how to apply it. On stderr:
    stdout carries the invoice's number alone."""
    from models.balances import available_credit
    from models.customers import get_customer
    from models.money import minor_to_text
    from models.payments import apply_credit

    customer = get_customer(invoice.customer)
    currency = invoice.currency
    if apply:
        applied = apply_credit(invoice.number, operator)
        if applied:
            print(_("{amount} {currency} of {customer}'s credit applied to {number}.").format(
                amount=minor_to_text(applied, currency), currency=currency,
                customer=customer.number, number=invoice.number), file=sys.stderr)  # fmt: skip
        else:
            print(_("{customer} has no credit in {currency} to apply.").format(
                customer=customer.number, currency=currency), file=sys.stderr)  # fmt: skip
        return
    credit = available_credit(customer.id, currency)
    if credit > 0:
        print(_("{customer} has {amount} {currency} of credit: apply it with "
                "`comptoir payments apply --invoice {number}`").format(
            customer=customer.number, amount=minor_to_text(credit, currency),
            currency=currency, number=invoice.number), file=sys.stderr)  # fmt: skip
