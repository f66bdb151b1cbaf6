"""`comptoir customers merge|anonymize|delete|retention`: the end of a customer record's
life, through the same services as the screens (models.merge, models.erasure)."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from typing import Any

from models.i18n import _, ngettext
from tui.cli_output import print_rows
from tui.safe_text import display_safe


def add_life_cycle_commands(sub: Any, number_type: Any, format_option: Any) -> None:
    merge = sub.add_parser("merge", help=_("merge OTHER into KEEP and print KEEP's number"))
    merge.add_argument("keep", metavar="KEEP", type=number_type)
    merge.add_argument("other", metavar="OTHER", type=number_type)
    merge.add_argument(
        "--take", metavar="FIELD,...", default="",
        help=_("OTHER's fields to keep instead of KEEP's, e.g. email,phone"),
    )  # fmt: skip
    merge.set_defaults(handler=_merge)

    anonymize = sub.add_parser(
        "anonymize", help=_("erase a customer's personal data for good (GDPR)"))  # fmt: skip
    anonymize.add_argument("number", metavar="NUMBER", type=number_type)
    _yes_option(anonymize)
    anonymize.set_defaults(handler=_anonymize)

    delete = sub.add_parser("delete", help=_("delete a prospect that has no documents"))
    delete.add_argument("number", metavar="NUMBER", type=number_type)
    _yes_option(delete)
    delete.set_defaults(handler=_delete)

    retention = sub.add_parser(
        "retention", help=_("customers whose retention period has passed"))  # fmt: skip
    retention.add_argument("--as-of", metavar="YYYY-MM-DD", type=_date,
                           help=_("the day to judge at (today)"))  # fmt: skip
    retention.add_argument("--anonymize", action="store_true",
                           help=_("anonymise every customer listed (with --yes when run "
                                  "without a terminal)"))  # fmt: skip
    _yes_option(retention)
    format_option(retention)
    retention.set_defaults(handler=_retention)


def _yes_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--yes", action="store_true",
                        help=_("do not ask for confirmation on a terminal"))  # fmt: skip


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(_("a date as YYYY-MM-DD")) from None


def _confirmed(args: argparse.Namespace, question: str, answer: str) -> bool:
    """On a terminal, the operator retypes `answer` after `question` (which shows it);
    scripts (no terminal) and `--yes` go ahead, as CLI.md has them call these commands
    bare. The question goes to stderr: stdout stays for what a script reads."""
    if args.yes or not sys.stdin.isatty():
        return True
    print(question, end=" ", file=sys.stderr, flush=True)
    typed = sys.stdin.readline()
    if not typed:  # Ctrl+D
        print(file=sys.stderr)
    return typed.strip().upper() == answer.upper()


def _merge(args: argparse.Namespace) -> int:
    from models.merge import merge_customers

    fields = [f.strip().replace("-", "_") for f in args.take.split(",") if f.strip()]
    survivor = merge_customers(args.keep, args.other, fields, args.operator)
    print(survivor.number)
    return 0


def _anonymize(args: argparse.Namespace) -> int:
    from models.customers import get_customer
    from models.erasure import anonymisation_refused, anonymise_customer
    from models.errors import ConflictError

    record = get_customer(args.number, follow_merge=False)
    reason = anonymisation_refused(record.number)
    if reason:
        raise ConflictError(reason)
    question = _("Erase every personal data of {number} {name} for good? Type {answer} to "
                 "confirm:").format(number=record.number, name=display_safe(record.name),
                                    answer=record.number)  # fmt: skip
    if not _confirmed(args, question, record.number):
        print(_("Nothing done."), file=sys.stderr)
        return 2
    anonymise_customer(record.number, args.operator, record.version)
    print(_("{number} anonymised.").format(number=record.number))
    return 0


def _delete(args: argparse.Namespace) -> int:
    from models.customers import get_customer
    from models.erasure import delete_prospect, deletion_refused
    from models.errors import ConflictError

    record = get_customer(args.number, follow_merge=False)
    reason = deletion_refused(record.number)
    if reason:
        raise ConflictError(reason)
    question = _("Delete {number} {name} and its history for good? Type {answer} to "
                 "confirm:").format(number=record.number, name=display_safe(record.name),
                                    answer=record.number)  # fmt: skip
    if not _confirmed(args, question, record.number):
        print(_("Nothing done."), file=sys.stderr)
        return 2
    delete_prospect(record.number, args.operator, record.version)
    print(_("{number} deleted.").format(number=record.number))
    return 0


def _retention(args: argparse.Namespace) -> int:
    from models.erasure import anonymise_many, retention_due
    from tui.cli_progress import progress_bar

    due = retention_due(args.as_of)
    rows = [{"number": r.number, "name": r.name, "city": r.city,
             "last_activity": r.last_activity.isoformat(), "due_since": r.due_since.isoformat()}
            for r in due]  # fmt: skip
    print_rows(rows, ("number", "name", "city", "last_activity", "due_since"), args.format)
    if not args.anonymize or not due:
        return 0
    if not args.yes and not sys.stdin.isatty():
        # A list computed at run time is not named by the script: it says --yes itself.
        print(_("--anonymize without a terminal needs --yes; nothing done."), file=sys.stderr)
        return 2
    question = ngettext("Anonymise this customer for good? Type {answer} to confirm:",
                        "Anonymise these {count} customers for good? Type {answer} to confirm:",
                        len(due)).format(count=len(due), answer="YES")  # fmt: skip
    if not _confirmed(args, question, "YES"):
        print(_("Nothing done."), file=sys.stderr)
        return 2
    done = anonymise_many([r.number for r in due], args.operator,
                          progress=progress_bar(_("Anonymising")))  # fmt: skip
    text = ngettext("{count} customer anonymised.", "{count} customers anonymised.", done)
    print(text.format(count=done), file=sys.stderr)
    return 0
