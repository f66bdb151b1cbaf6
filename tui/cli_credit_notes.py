"""`comptoir credit-notes …`: the only correction of an issued invoice, from the command line,
through models.credit_notes. A credit note is issued as it is made, so it is named by its
number alone; it lists, shows and prints as invoices do (tui.cli_invoices)."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from models.i18n import _
from tui.cli_catalog import format_option
from tui.cli_document_output import (
    CREDIT_NOTE_STATUSES,
    add_list_options,
    as_options,
    print_document,
    print_list,
    write_pdf,
)


def add_credit_note_commands(commands: Any) -> None:
    group = commands.add_parser(
        "credit-notes", help=_("credit notes: give back all or part of an invoice")
    )
    group.set_defaults(group_parser=group)
    sub = group.add_subparsers(dest="credit_notes_command", metavar="COMMAND")

    add = sub.add_parser(
        "add", help=_("issue a credit note for an invoice and print its number"),
        description=_("Without --amount or --line, the whole invoice (what is left of it) "
                      "is credited."),
    )  # fmt: skip
    add.add_argument("--invoice", required=True, metavar="NUMBER",
                     help=_("the invoice it corrects"))  # fmt: skip
    add.add_argument("--amount", metavar="A",
                     help=_("an amount to give back, VAT included, shared over the invoice's "
                            "VAT rates"))  # fmt: skip
    add.add_argument(
        "--line",
        action="append",
        dest="lines",
        default=[],
        metavar="N[:QTY]",
        help=_(
            "the invoice's line N as `invoices show` numbers it (1 = the "
            "first), and how much of it (all that is left without :QTY)"
        ),
    )
    add.add_argument("--date", default="", metavar="D", help=_("its date (today)"))
    add.add_argument("--reason", default="", metavar="TEXT",
                     help=_("why, printed on the credit note"))  # fmt: skip
    add.set_defaults(handler=_add)

    listing = sub.add_parser("list", help=_("credit notes, newest first"))
    add_list_options(listing, CREDIT_NOTE_STATUSES, _("at most N credit notes (100)"))
    listing.set_defaults(handler=lambda args: print_list("credit_note", args))

    show = sub.add_parser("show", help=_("one credit note with its lines"))
    show.add_argument("number", metavar="NUMBER")
    format_option(show)
    show.set_defaults(handler=_show)

    pdf = sub.add_parser("pdf", help=_("save a credit note as PDF and print the file's path"))
    pdf.add_argument("number", metavar="NUMBER")
    pdf.add_argument("-o", "--output", metavar="FILE", type=Path, required=True,
                     help=_("the file to write (replaced if there)"))  # fmt: skip
    pdf.set_defaults(handler=_pdf)


def _add(args: argparse.Namespace) -> int:
    from models.credit_notes import credit_invoice
    from models.db import write_txn
    from models.errors import ConflictError
    from models.invoices import invoice_draft

    typed = [f"--line {value}" for value in args.lines]

    def credit() -> Any:
        # The lines' remaining quantities are read in the transaction that credits them.
        with write_txn():
            invoice = invoice_draft(args.invoice)
            if not invoice.is_issued:
                raise ConflictError(
                    _("{document} is a draft: change it or delete it instead.").format(
                        document=invoice.reference_text
                    )
                )
            return credit_invoice(
                invoice.number,
                args.operator,
                lines=_credit_lines(invoice, args.lines),
                amount=args.amount or "",
                date=args.date,
                reason=args.reason,
            )

    note = _told_as_typed(credit, typed)
    print(note.number)
    return 0


def _told_as_typed(credit: Any, typed: Sequence[str]) -> Any:
    """The service names a credited line `lines.INDEX.…`; the operator typed `--line N`."""
    from models.errors import ValidationError

    try:
        return credit()
    except ValidationError as exc:
        named: dict[str, str] = {}
        for field, reason in exc.errors.items():
            parts = field.split(".")
            if len(parts) == 3 and parts[0] == "lines" and parts[1].isdigit():
                field = typed[int(parts[1])] if int(parts[1]) < len(typed) else field
            elif field in ("amount", "lines"):
                field = "--amount" if field == "amount" else "--line" if typed else "--invoice"
            named[field] = reason
        raise ValidationError(as_options(named, typed)) from None


def _credit_lines(invoice: Any, values: Sequence[str]) -> list[Any]:
    """`--line N[:QTY]` as CreditLines; a quantity left out is all that remains of it."""
    from models.credit_notes import CreditLine, creditable_lines
    from models.errors import ValidationError

    creditable = creditable_lines(invoice)
    errors: dict[str, str] = {}
    parts = []
    for value in values:
        typed = f"--line {value}"
        number, _colon, quantity = value.partition(":")
        if not number.strip().isdigit() or int(number) < 1:
            errors[typed] = _("a line number as `invoices show` prints it (1 = the first), "
                              "then :QTY for part of it; e.g. 2 or 2:1.5.")  # fmt: skip
            continue
        position = int(number) - 1
        if position >= len(creditable):
            errors[typed] = _("{number} has no line {line}.").format(
                number=invoice.number, line=position + 1)  # fmt: skip
            continue
        if not quantity.strip():
            left = creditable[position].remaining
            if left <= 0:
                errors[typed] = _("Line {line} is already credited in full.").format(
                    line=position + 1)  # fmt: skip
                continue
            quantity = f"{left.normalize():f}"
        parts.append(CreditLine(position, quantity))
    if errors:
        raise ValidationError(errors)
    return parts


def _show(args: argparse.Namespace) -> int:
    from models.documents import find_document

    print_document(find_document("credit_note", args.number), args.format)
    return 0


def _pdf(args: argparse.Namespace) -> int:
    from models.documents import find_document

    return write_pdf(find_document("credit_note", args.number), args.output)
