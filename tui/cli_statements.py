"""`comptoir customers statement NUMBER -o FILE` and `comptoir customers statements -o DIR`:
statements of account as PDF, one customer's or every customer's with a balance, for a
period (by default the last three months up to today). Exit 2 names `--from` or `--to`
when a date or the period is refused, 4 for an unknown customer."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from models.i18n import _

T = TypeVar("T")

# The statement services' field names as the options typed.
_OPTIONS = {"date_from": "--from", "date_to": "--to"}


def add_statement_commands(sub: Any, customer_number: Callable[[str], str]) -> None:
    one = sub.add_parser("statement", help=_("save a customer's statement of account as PDF "
                                             "and print the file's path"))  # fmt: skip
    one.add_argument("number", metavar="NUMBER", type=customer_number)
    one.add_argument("-o", "--output", metavar="FILE", type=Path, required=True,
                     help=_("the file to write (replaced if there)"))  # fmt: skip
    _period_options(one)
    one.set_defaults(handler=_statement)

    every = sub.add_parser("statements", help=_("every statement of a customer with a balance "
                                                "into a folder, one file each"))  # fmt: skip
    every.add_argument("-o", "--output", metavar="DIR", type=Path, required=True,
                       help=_("the folder to write into (made if missing)"))  # fmt: skip
    _period_options(every)
    every.set_defaults(handler=_statements)


def _period_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--from", dest="date_from", metavar="D",
                        help=_("first day of the period (default: the first of the month "
                               "two months back)"))  # fmt: skip
    parser.add_argument("--to", dest="date_to", metavar="D",
                        help=_("last day of the period (default: today)"))  # fmt: skip


def _period(args: argparse.Namespace) -> tuple[Any, Any]:
    from models.validation import parse_date

    return parse_date("--from", args.date_from or ""), parse_date("--to", args.date_to or "")


def _as_options(run: Callable[[], T]) -> T:
    """Runs a statement service, telling a refused period back as the options typed."""
    from models.errors import ValidationError

    try:
        return run()
    except ValidationError as exc:
        raise ValidationError({_OPTIONS.get(k, k): v for k, v in exc.errors.items()}) from None


def _statement(args: argparse.Namespace) -> int:
    # fpdf2 is loaded here, by the print itself: never when the application starts.
    from exports.pdf.statement import write_statement

    date_from, date_to = _period(args)
    print(_as_options(lambda: write_statement(args.number, args.output, date_from, date_to)))
    return 0


def _statements(args: argparse.Namespace) -> int:
    import sys

    from exports.pdf.statement_batch import write_statements
    from models.db import resolve_location
    from tui.cli_progress import progress_bar

    date_from, date_to = _period(args)
    written = _as_options(lambda: write_statements(
        args.output, resolve_location(args.db), date_from, date_to,
        progress=progress_bar(_("Statements")), processes=2,
    ))  # fmt: skip
    if not written:
        print(_("No customer has a balance at the end of the period: nothing written."),
              file=sys.stderr)  # fmt: skip
    for path in written:
        print(path)
    return 0
