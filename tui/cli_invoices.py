"""`comptoir invoices …`: invoice drafts made, changed, issued and deleted from the command
line, and invoices listed, shown and printed, through the services the document editor
uses (models.invoices, models.documents, models.document_lists).

A draft has no number yet: it is named by its id, `12` or `#12`; an issued invoice by its
number, whatever its case. `credit-notes` (tui.cli_credit_notes) lists, shows and prints
with the pieces defined here.
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
from pathlib import Path
from typing import Any

from models.i18n import N_, _
from models.tax_treatments import TREATMENTS
from tui.cli_catalog import format_option
from tui.cli_customers import customer_number
from tui.cli_document_output import (
    CREDIT_NOTE_STATUSES,
    STATUSES,
    add_list_options,
    option_date,
    print_document,
    print_list,
    told_as_options,
    write_pdf,
)
from tui.cli_progress import progress_bar
from tui.cli_quote_lines import add_line_options, check_items_known, typed_lines

# (options, DocumentInput field, metavar, help) of the header, for `add` and `edit`.
_HEADER_OPTIONS = (
    (("--date",), "date", "D", N_("the invoice's date, YYYY-MM-DD (today)")),
    (("--due-date",), "due_date", "D",
     N_("when it is due (else from the terms; \"\" to follow the terms again)")),
    (("--service-date",), "service_date", "D",
     N_("when the goods or the service were supplied (the invoice's date)")),
    (("--currency",), "currency", "CUR", N_("currency (the customer's)")),
    (("--language",), "language", "LANG", N_("language it prints in (the customer's)")),
    (("--price-list",), "price_list", "NAME", N_("price list (the customer's; \"\" for none)")),
    (("--terms",), "terms", "CODE", N_("payment terms: receipt, 30d, 45eom… (the customer's)")),
    (("--method", "--payment-method"), "payment_method", "M",
     N_("transfer, card, cash, cheque or direct_debit (the customer's)")),
    (("--reference",), "reference", "TEXT", N_("the customer's reference, e.g. an order number")),
    (("--notes",), "notes", "TEXT", N_("text printed under the lines")),
)  # fmt: skip


def add_invoice_commands(commands: Any) -> None:
    group = commands.add_parser("invoices", help=_("invoices: draft, issue, list, print"))
    group.set_defaults(group_parser=group)
    sub = group.add_subparsers(dest="invoices_command", metavar="COMMAND")

    add = sub.add_parser("add", help=_("make an invoice draft and print its id (--issue: "
                                       "issue it and print its number)"),
                         description=_("Lines keep the order of their --item and --line "
                                       "options."))  # fmt: skip
    add.add_argument("--customer", required=True, type=customer_number, metavar="NUMBER",
                     help=_("the customer's number"))  # fmt: skip
    add_line_options(add)
    _header_options(add)
    add.add_argument(
        "--issue",
        action="store_true",
        help=_("issue it at once; if issuing is refused, nothing is kept"),
    )
    _rate_option(add)
    _apply_credit_option(add)
    add.set_defaults(handler=_add)

    edit = sub.add_parser("edit", help=_("change an invoice draft (its lines: all of them)"))
    edit.add_argument("draft", metavar="DRAFT", help=_("the draft's id, e.g. 12 or #12"))
    add_line_options(edit)
    _header_options(edit)
    edit.set_defaults(handler=_edit)

    issue = sub.add_parser("issue", help=_("issue a draft under the next number; prints it"))
    issue.add_argument("draft", metavar="DRAFT", help=_("the draft's id, e.g. 12 or #12"))
    _rate_option(issue)
    _apply_credit_option(issue)
    issue.set_defaults(handler=_issue)

    delete = sub.add_parser("delete", help=_("delete an invoice draft (never an issued one)"))
    delete.add_argument("draft", metavar="DRAFT", help=_("the draft's id, e.g. 12 or #12"))
    delete.set_defaults(handler=_delete)

    listing = sub.add_parser("list", help=_("invoices, newest first"))
    add_list_options(listing, (*STATUSES, *CREDIT_NOTE_STATUSES), _("at most N invoices (100)"))
    listing.add_argument("--credit-notes", action="store_true",
                         help=_("credit notes too, beside the invoices"))  # fmt: skip
    listing.set_defaults(handler=_list)

    show = sub.add_parser("show", help=_("one invoice with its lines"))
    show.add_argument("number", metavar="NUMBER", help=_("its number, or a draft's #id"))
    format_option(show)
    show.set_defaults(handler=_show)

    pdf = sub.add_parser("pdf", help=_("save an invoice as PDF and print the file's path; "
                                       "--all: every issued one into a folder"))  # fmt: skip
    pdf.add_argument("number", nargs="?", metavar="NUMBER",
                     help=_("its number, or a draft's #id"))  # fmt: skip
    pdf.add_argument(
        "-o",
        "--output",
        metavar="FILE|DIR",
        type=Path,
        required=True,
        help=_("the file to write (replaced if there); with --all, the folder"),
    )
    pdf.add_argument("--all", action="store_true",
                     help=_("every issued invoice and credit note, one file each, named "
                            "after its number"))  # fmt: skip
    pdf.add_argument("--from", dest="date_from", metavar="D", help=_("--all: dated from D"))
    pdf.add_argument("--to", dest="date_to", metavar="D", help=_("--all: dated up to D"))
    pdf.add_argument("--status", choices=(*STATUSES[1:], *CREDIT_NOTE_STATUSES),
                     help=_("--all: only those in this state"))  # fmt: skip
    pdf.set_defaults(handler=_pdf)

    paid = sub.add_parser("mark-paid", help=_("record a payment of all an invoice still "
                                              "asks; prints the payment's id"))  # fmt: skip
    paid.add_argument("number", metavar="NUMBER", help=_("the invoice's number"))
    paid.add_argument("--date", default="", metavar="D", help=_("when it was paid (today)"))
    paid.add_argument("--method", default="", metavar="M",
                      help=_("transfer, card, cash, cheque or direct_debit (the settings' "
                             "default)"))  # fmt: skip
    paid.set_defaults(handler=_mark_paid)


def _header_options(parser: argparse.ArgumentParser) -> None:
    for options, dest, metavar, text in _HEADER_OPTIONS:
        parser.add_argument(*options, dest=dest, metavar=metavar, help=_(text))
    parser.add_argument("--tax-treatment", choices=TREATMENTS,
                        help=_("VAT treatment (the contract's, else standard)"))  # fmt: skip


def _rate_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--rate",
        metavar="R",
        help=_(
            "exchange rate of this invoice's currency: what one unit is "
            "worth in yours (else the one recorded for its date)"
        ),
    )


def _apply_credit_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--apply-credit", action="store_true",
                        help=_("once issued, settle it with the customer's credit"))  # fmt: skip


def _given_header(args: argparse.Namespace) -> dict[str, Any]:
    """Only the header options typed: the rest stays the default (add) or as it was (edit)."""
    names = (*(dest for _o, dest, _m, _t in _HEADER_OPTIONS), "tax_treatment")
    return {name: getattr(args, name) for name in names if getattr(args, name) is not None}


def _add(args: argparse.Namespace) -> int:
    from models.customers import get_customer
    from models.db import write_txn
    from models.document_records import DocumentInput
    from models.invoices import create_invoice, issue_invoice

    if args.rate is not None and not args.issue:
        print(_("--rate: goes with --issue (the rate is fixed when the invoice is issued)."),
              file=sys.stderr)  # fmt: skip
        return 2
    if args.apply_credit and not args.issue:
        print(_("--apply-credit: goes with --issue (credit settles issued invoices only)."),
              file=sys.stderr)  # fmt: skip
        return 2
    lines = typed_lines(args.lines)
    get_customer(args.customer)  # an unknown customer is "not found" (4), not bad input
    check_items_known(lines)
    data = DocumentInput(customer=args.customer, lines=tuple(line for _t, line in lines),
                         **_given_header(args))  # fmt: skip

    over_limit: list[Any] = []

    def save() -> Any:
        # One transaction: a draft whose issue is refused is not left behind.
        with write_txn():
            draft = create_invoice(data, args.operator)
            if not args.issue:
                return draft
            # Measured before issuing: the balance does not count the draft yet.
            over_limit.append(_over_limit(draft))
            return issue_invoice(draft.id, args.operator, args.rate or "")

    record = told_as_options(save, [t for t, _l in lines])
    print(record.number if args.issue else record.id)
    _warn_about_terms(record)
    if args.issue:
        _warn_about_limit(record, over_limit[0])
        _credit_after_issue(record, args)
    return 0


def _edit(args: argparse.Namespace) -> int:
    from models.documents import document_as_input
    from models.invoices import invoice_draft, update_invoice

    lines = typed_lines(args.lines)
    given = _given_header(args)
    if not given and not lines:
        print(_("Nothing to change: give at least one option."), file=sys.stderr)
        return 2
    check_items_known(lines)
    record = invoice_draft(args.draft)
    data = document_as_input(record)
    if lines:
        data = dataclasses.replace(data, lines=tuple(line for _t, line in lines))
        typed = [t for t, _l in lines]
    else:
        typed = [_("the line as saved")] * len(data.lines)
    if ("date" in given or "terms" in given) and "due_date" not in given:
        # A new date or new terms move the due date with them, unless one is typed.
        given["due_date"] = ""
    data = dataclasses.replace(data, **given)
    saved = told_as_options(
        lambda: update_invoice(record.id, data, record.version, args.operator), typed
    )
    print(saved.id)
    _warn_about_terms(saved)
    return 0


def _warn_about_terms(record: Any) -> None:
    from models.invoices import terms_warning

    warning = terms_warning(record)
    if warning:
        print(warning, file=sys.stderr)


def _over_limit(draft: Any) -> Any:
    """models.credit_limit.OverLimit when issuing `draft` takes its customer over its
    credit limit, else None."""
    from models.credit_limit import over_credit_limit
    from models.customers import get_customer

    return over_credit_limit(get_customer(draft.customer), draft.totals.total, draft.currency)


def _warn_about_limit(issued: Any, over: Any) -> None:
    """On stderr, as the terms warning: the invoice is issued all the same (exit 0)."""
    from models.money import minor_to_text

    if over is None:
        return
    print("⚠ " + _("{customer} owes {owed} {currency} with {number}, over its credit limit "
                   "of {limit} {currency}.").format(
        customer=issued.customer, owed=minor_to_text(over.balance_after, over.currency),
        currency=over.currency, number=issued.number,
        limit=minor_to_text(over.limit, over.currency)), file=sys.stderr)  # fmt: skip


def _issue(args: argparse.Namespace) -> int:
    from models.invoices import invoice_draft, issue_invoice

    draft = invoice_draft(args.draft)
    # Measured before issuing: the balance does not count the draft yet.
    over_limit = _over_limit(draft) if draft.stored_status == "draft" else None
    issued = told_as_options(lambda: issue_invoice(draft.id, args.operator, args.rate or ""), [])
    print(issued.number)
    _warn_about_limit(issued, over_limit)
    _credit_after_issue(issued, args)
    return 0


def _credit_after_issue(issued: Any, args: argparse.Namespace) -> None:
    from tui.cli_payments import credit_after_issue

    # The number is printed first: the invoice stays issued whatever the credit does.
    sys.stdout.flush()
    credit_after_issue(issued, args.apply_credit, args.operator)


def _mark_paid(args: argparse.Namespace) -> int:
    from tui.cli_payments import mark_paid_command

    return mark_paid_command(args)


def _delete(args: argparse.Namespace) -> int:
    from models.invoices import delete_draft, invoice_draft

    draft = invoice_draft(args.draft)
    delete_draft(draft.id, draft.version)
    print(_("Draft {document} deleted.").format(document=draft.reference_text))
    return 0


def _list(args: argparse.Namespace) -> int:
    return print_list(("invoice", "credit_note") if args.credit_notes else "invoice", args)


def _show(args: argparse.Namespace) -> int:
    from models.invoices import invoice_draft

    print_document(invoice_draft(args.number), args.format)
    return 0


def _pdf(args: argparse.Namespace) -> int:
    from models.invoices import invoice_draft

    if args.all == bool(args.number):
        print(_("NUMBER: give an invoice's number, or --all (not both)."), file=sys.stderr)
        return 2
    if args.all:
        return _pdf_all(args)
    return write_pdf(invoice_draft(args.number), args.output)


def _pdf_all(args: argparse.Namespace) -> int:
    from models.db import resolve_location

    ids = _issued_ids(args.status, option_date("--from", args.date_from),
                      option_date("--to", args.date_to))  # fmt: skip
    if not ids:
        print(_("No issued invoice or credit note matches: nothing written."), file=sys.stderr)
        return 0
    # fpdf2 and the worker processes are loaded by the batch itself.
    from exports.pdf.batch import write_documents

    write_documents(ids, args.output, resolve_location(args.db), processes=2,
                    progress=progress_bar(_("PDF documents")))  # fmt: skip
    print(args.output)
    return 0


def _issued_ids(status: str | None, date_from: Any, date_to: Any) -> list[int]:
    """Ids of the issued invoices and credit notes the filters keep, oldest first, read a
    page at a time."""
    from models.document_lists import list_documents

    page_size, before = 500, None
    ids: list[int] = []
    while True:
        page = list_documents(("invoice", "credit_note"), status=status, date_from=date_from,
                              date_to=date_to, limit=page_size, before=before)  # fmt: skip
        ids.extend(document.id for document in page if document.status != "draft")
        if len(page) < page_size:
            return ids[::-1]
        before = (page[-1].date, page[-1].id)
