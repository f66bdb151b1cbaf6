"""How invoices and credit notes come out of the command line: their list and show keys
(CLI.md), the table and CSV layouts, PDFs, and the services' field names told back as the
options typed. `invoices` (tui.cli_invoices) and `credit-notes` (tui.cli_credit_notes)
share them."""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

from models.i18n import N_, _
from tui.cli_catalog import format_option, limit_refused
from tui.cli_customers import customer_number
from tui.cli_output import print_record, print_rows
from tui.cli_quote_lines import (
    FIXED_KEYS,
    LINE_KEYS,
    by_option,
    machine_readable,
    record_fields,
    summary_fields,
)

T = TypeVar("T")


# models.receivables' statuses, spelled out: that module loads the database layer, and
# this one is imported on every start (a test keeps them equal).
STATUSES = ("draft", "open", "partial", "overdue", "paid")


CREDIT_NOTE_STATUSES = ("unapplied", "applied")


LIST_KEYS = (*FIXED_KEYS, "id", "kind", "name")


# Keys `quotes show` computes the same way for any document.
_AS_QUOTES = ("tax_treatment", "language", "terms", "payment_method", "reference", "notes")


_DETAIL_KEYS = ("service_date", "exchange_rate", *_AS_QUOTES)


SHOW_KEYS = {
    "invoice": (*LIST_KEYS, *_DETAIL_KEYS, "quote", "credit_notes", "vat_breakdown", "lines"),
    "credit_note": (*LIST_KEYS, *_DETAIL_KEYS, "invoice", "vat_breakdown", "lines"),
}


LIST_TABLE = ("number", "date", "due_date", "customer", "name", "total", "open_amount", "status")


# Titles of the keys tui.cli_output does not know, or knows as a quote's ("invoice" is a
# quote's invoice draft there).
_TITLES = {"service_date": N_("Service date"), "exchange_rate": N_("Exchange rate"),
           "quote": N_("Quote"), "credit_notes": N_("Credit notes"),
           "invoice": N_("Invoice")}  # fmt: skip


# Fields the services name that tui.cli_quote_lines does not map to this command's options.
_OPTIONS = {"service_date": "--service-date", "exchange_rate": "--rate",
            "--payment-method": "--method", "status": "--status"}  # fmt: skip


def add_list_options(
    parser: argparse.ArgumentParser, statuses: Sequence[str], limit_help: str
) -> None:
    parser.add_argument("--customer", type=customer_number, metavar="NUMBER",
                        help=_("one customer's only"))  # fmt: skip
    parser.add_argument("--status", choices=statuses, help=_("only those in this state"))
    parser.add_argument("--from", dest="date_from", metavar="D", help=_("dated from D"))
    parser.add_argument("--to", dest="date_to", metavar="D", help=_("dated up to D"))
    parser.add_argument("--limit", type=int, default=100, help=limit_help)
    format_option(parser)


def as_options(errors: dict[str, str], typed: Sequence[str]) -> dict[str, str]:
    """The services' field names as the options typed; a setting the invoice needs says
    how to give it."""
    named: dict[str, str] = {}
    for field, reason in by_option(errors, typed).items():
        option = _OPTIONS.get(field, field)
        if option.startswith("settings."):
            reason = _("{reason} Set it with: comptoir settings set {key} VALUE").format(
                reason=reason, key=option.removeprefix("settings."))  # fmt: skip
        named[option] = reason
    return named


def told_as_options(save: Callable[[], T], typed: Sequence[str]) -> T:
    """Runs a service, telling its refusals back as the options typed."""
    from models.errors import ValidationError

    try:
        return save()
    except ValidationError as exc:
        raise ValidationError(as_options(exc.errors, typed)) from None


def option_date(option: str, text: str | None) -> Any:
    """The date typed after `option` (None when not typed); exit 2 naming it if bad."""
    from models.validation import parse_date

    return parse_date(option, text or "")


def document_row(document: Any, name: str) -> dict[str, Any]:
    """LIST_KEYS of an invoice's or credit note's DocumentSummary or DocumentRecord."""
    from models.money import minor_to_text

    values = summary_fields(document, name)
    values.update(open_amount=minor_to_text(document.open_amount, document.currency),
                  id=document.id, kind=document.kind)  # fmt: skip
    return values


def print_list(kinds: str | tuple[str, ...], args: argparse.Namespace) -> int:
    """`list` of invoices and/or credit notes, newest first; a draft's number is "" for
    scripts and its #id in the table."""
    from models.document_lists import list_documents

    if limit_refused(args.limit):
        return 2
    found = told_as_options(lambda: list_documents(
        kinds, customer=args.customer, status=args.status, limit=args.limit,
        date_from=option_date("--from", args.date_from),
        date_to=option_date("--to", args.date_to)), [])  # fmt: skip
    rows = [document_row(document, document.name) for document in found]
    table: tuple[str, ...] = LIST_TABLE
    if args.format == "table":
        for row in rows:
            row["number"] = row["number"] or f"#{row['id']}"
        if not isinstance(kinds, str):
            table = ("number", "kind", *LIST_TABLE[1:])
    print_rows(rows, LIST_KEYS, args.format, table_keys=table)
    return 0


def show_fields(record: Any) -> dict[str, Any]:
    """SHOW_KEYS of an invoice or credit note: its lines and VAT per rate as lists."""
    from models.documents import get_document

    shown = record_fields(record)
    values = document_row(record, record.billing.name)
    values.update({key: shown[key] for key in (*_AS_QUOTES, "vat_breakdown", "lines")})
    rate = record.exchange_rate
    values.update(
        service_date=record.service_date.isoformat() if record.service_date else "",
        exchange_rate=f"{rate.normalize():f}" if rate is not None else "",
    )
    if record.kind == "invoice":
        values.update(
            quote=record.source, credit_notes=[get_document(i).number for i in record.derived]
        )
    else:
        values["invoice"] = record.source
    return {key: values[key] for key in SHOW_KEYS[record.kind]}


def print_document(record: Any, fmt: str) -> None:
    """`show`: JSON with every key; a table of the header, then one of the lines numbered
    as `credit-notes add --line N` counts them; CSV as one row, the lines and VAT
    breakdown as text lines in their cells."""
    shown = machine_readable(show_fields(record), fmt)
    if shown is None:
        return
    values, breakdown, lines = shown
    values.update(vat_breakdown=breakdown, number=record.reference_text)
    print_record({_(_TITLES[k]) if k in _TITLES else k: v for k, v in values.items()}, fmt)
    print()
    numbered = [{"#": str(position), **line} for position, line in enumerate(lines, 1)]
    print_rows(numbered, ("#", *LINE_KEYS), fmt)


def write_pdf(record: Any, target: Path) -> int:
    # fpdf2 is loaded here, by the print itself: never when the application starts.
    from exports.pdf.document import write_document
    from models.document_print import document_view
    from models.settings import load_settings

    print(write_document(document_view(record, load_settings()), target))
    return 0
