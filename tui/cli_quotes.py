"""`comptoir quotes …`: quotes from the command line, through the same services as the
document editor (models.quotes, models.documents, models.document_lists). Quote numbers
are read whatever their case."""

from __future__ import annotations

import argparse
import dataclasses
import sys
from pathlib import Path
from typing import Any

from models.i18n import N_, _
from models.tax_treatments import TREATMENTS
from tui.cli_catalog import format_option, limit_refused
from tui.cli_customers import customer_number
from tui.cli_output import print_rows
from tui.cli_quote_lines import (
    LIST_KEYS,
    add_line_options,
    by_option,
    check_items_known,
    print_document,
    summary_fields,
    typed_lines,
)

# models.document_lists.STATUSES["quote"], spelled out: that module loads the database
# layer, and this one is imported on every start (a test keeps the two equal).
STATUSES = ("draft", "sent", "accepted", "declined", "expired")
_LIST_TABLE = ("number", "date", "valid_until", "customer", "name", "total", "status")
# (option, DocumentInput field, metavar, help) of the header, for `add` and `edit`.
_HEADER_OPTIONS = (
    ("--date", "date", "D", N_("the quote's date, YYYY-MM-DD (today)")),
    ("--valid-until", "valid_until", "D", N_("last day the offer holds (date + the validity "
                                            "in Settings)")),
    ("--currency", "currency", "CUR", N_("currency (the customer's)")),
    ("--language", "language", "LANG", N_("language it prints in (the customer's)")),
    ("--price-list", "price_list", "NAME", N_("price list (the customer's; \"\" for none)")),
    ("--terms", "terms", "CODE", N_("payment terms: receipt, 30d, 45eom… (the customer's)")),
    ("--payment-method", "payment_method", "M",
     N_("transfer, card, cash, cheque or direct_debit (the customer's)")),
    ("--reference", "reference", "TEXT", N_("the customer's reference, e.g. an order number")),
    ("--notes", "notes", "TEXT", N_("text printed under the lines")),
)  # fmt: skip


def add_quote_commands(commands: Any) -> None:
    group = commands.add_parser("quotes", help=_("quotes: make, send, accept, invoice"))
    group.set_defaults(group_parser=group)
    sub = group.add_subparsers(dest="quotes_command", metavar="COMMAND")

    add = sub.add_parser("add", help=_("make a quote and print its number"),
                         description=_("Lines keep the order of their --item and --line "
                                       "options."))  # fmt: skip
    add.add_argument("--customer", required=True, type=customer_number, metavar="NUMBER",
                     help=_("the customer's number"))  # fmt: skip
    add_line_options(add)
    _header_options(add)
    add.set_defaults(handler=_add)

    edit = sub.add_parser("edit", help=_("change a draft quote (its lines: all of them)"))
    edit.add_argument("number", metavar="NUMBER")
    add_line_options(edit)
    _header_options(edit)
    edit.set_defaults(handler=_edit)

    listing = sub.add_parser("list", help=_("quotes, newest first"))
    listing.add_argument("--customer", type=customer_number, metavar="NUMBER",
                         help=_("one customer's quotes only"))  # fmt: skip
    listing.add_argument("--status", choices=STATUSES, help=_("only quotes in this state"))
    listing.add_argument("--limit", type=int, default=100, help=_("at most N quotes (100)"))
    format_option(listing)
    listing.set_defaults(handler=_list)

    show = sub.add_parser("show", help=_("one quote with its lines and how each was priced"))
    show.add_argument("number", metavar="NUMBER")
    format_option(show)
    show.set_defaults(handler=_show)

    pdf = sub.add_parser("pdf", help=_("save a quote as PDF and print the file's path"))
    pdf.add_argument("number", metavar="NUMBER")
    pdf.add_argument("-o", "--output", metavar="FILE", type=Path, required=True,
                     help=_("the file to write (replaced if there)"))  # fmt: skip
    pdf.set_defaults(handler=_pdf)

    for name, text in (("send", _("mark a draft quote as sent to the customer")),
                       ("accept", _("the customer said yes (a prospect becomes a customer)")),
                       ("decline", _("the customer said no"))):  # fmt: skip
        step = sub.add_parser(name, help=text)
        step.add_argument("number", metavar="NUMBER")
        step.set_defaults(handler=_step, step=name)

    invoice = sub.add_parser(
        "to-invoice", help=_("an invoice draft from an accepted quote; prints its id")
    )
    invoice.add_argument("number", metavar="NUMBER")
    invoice.set_defaults(handler=_to_invoice)  # fmt: skip


def _header_options(parser: argparse.ArgumentParser) -> None:
    for option, dest, metavar, text in _HEADER_OPTIONS:
        parser.add_argument(option, dest=dest, metavar=metavar, help=_(text))
    parser.add_argument("--tax-treatment", choices=TREATMENTS,
                        help=_("VAT treatment (the contract's, else standard)"))  # fmt: skip


def _given_header(args: argparse.Namespace) -> dict[str, Any]:
    """Only the header options typed: the rest stays the default (add) or as it was (edit)."""
    names = (*(dest for _o, dest, _m, _t in _HEADER_OPTIONS), "tax_treatment")
    return {name: getattr(args, name) for name in names if getattr(args, name) is not None}


def _saved(save: Any, typed: list[str]) -> Any:
    """Runs the service's save, telling its refusals back as the options typed."""
    from models.errors import ValidationError

    try:
        return save()
    except ValidationError as exc:
        raise ValidationError(by_option(exc.errors, typed)) from None


def _add(args: argparse.Namespace) -> int:
    from models.customers import get_customer
    from models.document_records import DocumentInput
    from models.quotes import create_quote

    lines = typed_lines(args.lines)
    get_customer(args.customer)  # an unknown customer is "not found" (4), not bad input
    check_items_known(lines)
    data = DocumentInput(customer=args.customer, lines=tuple(line for _t, line in lines),
                         **_given_header(args))  # fmt: skip
    record = _saved(lambda: create_quote(data, args.operator), [t for t, _l in lines])
    print(record.number)
    return 0


def _edit(args: argparse.Namespace) -> int:
    from models.documents import document_as_input, find_document
    from models.quotes import update_quote

    lines = typed_lines(args.lines)
    given = _given_header(args)
    if not given and not lines:
        print(_("Nothing to change: give at least one option."), file=sys.stderr)
        return 2
    check_items_known(lines)
    record = find_document("quote", args.number)
    data = document_as_input(record)
    if lines:
        data = dataclasses.replace(data, lines=tuple(line for _t, line in lines))
        typed = [t for t, _l in lines]
    else:
        typed = [_("the line as saved")] * len(data.lines)
    data = dataclasses.replace(data, **given)
    saved = _saved(lambda: update_quote(record.number, data, record.version, args.operator),
                   typed)  # fmt: skip
    print(saved.number)
    return 0



def _list(args: argparse.Namespace) -> int:
    from models.document_lists import list_documents

    if limit_refused(args.limit):
        return 2
    found = list_documents("quote", customer=args.customer, status=args.status,
                           limit=args.limit)  # fmt: skip
    rows = [summary_fields(quote, quote.name) for quote in found]
    print_rows(rows, LIST_KEYS, args.format, table_keys=_LIST_TABLE)
    return 0


def _show(args: argparse.Namespace) -> int:
    from models.documents import find_document

    print_document(find_document("quote", args.number), args.format)
    return 0


def _pdf(args: argparse.Namespace) -> int:
    # fpdf2 is loaded here, by the print itself: never when the application starts.
    from exports.pdf.document import write_document
    from models.document_print import document_view
    from models.documents import find_document
    from models.settings import load_settings

    record = find_document("quote", args.number)
    print(write_document(document_view(record, load_settings()), args.output))
    return 0


def _step(args: argparse.Namespace) -> int:
    from models.documents import find_document
    from models.quotes import accept_quote, decline_quote, send_quote

    before = find_document("quote", args.number)
    action = {"send": send_quote, "accept": accept_quote, "decline": decline_quote}[args.step]
    after = action(before.number, args.operator)
    done = {"send": _("{number} sent."), "accept": _("{number} accepted."),
            "decline": _("{number} declined.")}[args.step]  # fmt: skip
    print(done.format(number=after.number))
    if before.customer_status == "prospect" and after.customer_status == "customer":
        print(_("{customer} is now a customer.").format(customer=after.customer))
    return 0


def _to_invoice(args: argparse.Namespace) -> int:
    from models.quotes import quote_to_invoice

    print(quote_to_invoice(args.number, args.operator).id)
    return 0
