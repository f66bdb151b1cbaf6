"""`comptoir demo|settings|reps|backup`: setting up and looking after a database."""

from __future__ import annotations

import argparse
import dataclasses
import sys
from pathlib import Path
from typing import Any

from models.i18n import _, ngettext
from tui.cli_output import FORMATS, print_record, print_rows
from tui.cli_progress import progress_bar

_TRUE = ("1", "yes", "y", "true", "on", "oui", "o", "ja", "nai", "ναι")
_FALSE = ("0", "no", "n", "false", "off", "non", "nee", "ochi", "όχι")


def add_admin_commands(commands: Any) -> None:
    demo = commands.add_parser("demo", help=_("fill an empty database with demo customers"))
    demo.add_argument("--customers", type=int, default=5000, metavar="N",
                      help=_("how many customers (5000)"))
    demo.add_argument("--quotes", type=int, default=None, metavar="Q",
                      help=_("how many quotes (one for every four customers)"))
    demo.add_argument("--invoices", type=int, default=None, metavar="M",
                      help=_("how many issued invoices (one for every customer)"))
    demo.add_argument("--seed", type=int, default=1, metavar="S",
                      help=_("the same seed always makes the same data (1)"))  # fmt: skip
    demo.set_defaults(handler=_demo)

    settings = commands.add_parser("settings", help=_("the shop's settings"))
    settings.set_defaults(group_parser=settings)
    sub = settings.add_subparsers(dest="settings_command", metavar="COMMAND")
    show = sub.add_parser("show", help=_("every setting and its value"))
    show.add_argument("--format", choices=FORMATS, default="table",
                      help=_("table (default), csv or json"))  # fmt: skip
    show.set_defaults(handler=_settings_show)
    change = sub.add_parser("set", help=_("change one setting"))
    change.add_argument("key", metavar="KEY")
    change.add_argument("value", metavar="VALUE")
    change.set_defaults(handler=_settings_set)

    reps = commands.add_parser("reps", help=_("sales reps"))
    reps.set_defaults(group_parser=reps)
    sub = reps.add_subparsers(dest="reps_command", metavar="COMMAND")
    add = sub.add_parser("add", help=_("add a sales rep, or rename one"))
    add.add_argument("code", metavar="CODE")
    add.add_argument("name", metavar="NAME")
    add.set_defaults(handler=_reps_add)
    listing = sub.add_parser("list", help=_("every sales rep"))
    listing.add_argument("--all", action="store_true", help=_("include inactive reps"))
    listing.add_argument("--format", choices=FORMATS, default="table",
                         help=_("table (default), csv or json"))  # fmt: skip
    listing.set_defaults(handler=_reps_list)

    backup = commands.add_parser("backup", help=_("a consistent copy of the database"))
    backup.add_argument("-o", "--output", metavar="FILE", type=Path, required=True,
                        help=_("the file to create"))  # fmt: skip
    backup.set_defaults(handler=_backup)


def _demo(args: argparse.Namespace) -> int:
    if args.customers < 1:
        print(_("--customers: a number of 1 or more."), file=sys.stderr)
        return 2
    if args.quotes is not None and args.quotes < 0:
        print(_("--quotes: a number of 0 or more."), file=sys.stderr)
        return 2
    if args.invoices is not None and args.invoices < 0:
        print(_("--invoices: a number of 0 or more."), file=sys.stderr)
        return 2
    from models.demo import generate_demo

    made = generate_demo(args.customers, seed=args.seed,
                         progress=progress_bar(_("Demo customers")), quotes=args.quotes,
                         quote_progress=progress_bar(_("Demo quotes")), invoices=args.invoices,
                         invoice_progress=progress_bar(_("Demo invoices")))  # fmt: skip
    done = _("{customers} demo customers, {items} items, {lists} price lists, {contracts} "
             "contracts, {quotes} quotes, {invoices} invoices, {credit_notes} credit notes and "
             "{payments} payments created.")  # fmt: skip
    print(done.format(customers=args.customers, items=made.items, lists=made.price_lists,
                      contracts=made.contracts, quotes=made.quotes, invoices=made.invoices,
                      credit_notes=made.credit_notes, payments=made.payments))  # fmt: skip
    if made.drafts:
        print(ngettext("{count} invoice draft waits to be issued.",
                       "{count} invoice drafts wait to be issued.",
                       made.drafts).format(count=made.drafts))  # fmt: skip
    return 0


def _settings_show(args: argparse.Namespace) -> int:
    from models.settings import load_settings

    settings = load_settings()
    values = {f.name: getattr(settings, f.name) for f in dataclasses.fields(settings)}
    if args.format != "json":
        values = {k: ("yes" if v else "no") if isinstance(v, bool) else v
                  for k, v in values.items()}  # fmt: skip
    if args.format == "table":
        rows = [{"key": key, "value": value} for key, value in values.items()]
        print_rows(rows, ("key", "value"), "table")
    else:
        print_record(values, args.format)
    return 0


def _settings_set(args: argparse.Namespace) -> int:
    from models.errors import ValidationError
    from models.settings import load_settings, save_settings

    settings = load_settings()
    kinds = {f.name: f.type for f in dataclasses.fields(settings)}
    if args.key not in kinds:
        raise ValidationError.single(args.key, _("No such setting; see `settings show`."))
    value: object = args.value
    if kinds[args.key] in ("bool", bool):
        word = args.value.strip().lower()
        if word not in _TRUE + _FALSE:
            raise ValidationError.single(args.key, _("Answer yes or no."))
        value = word in _TRUE
    save_settings(dataclasses.replace(settings, **{args.key: value}))
    return 0


def _reps_add(args: argparse.Namespace) -> int:
    from models.settings import save_rep

    print(save_rep(args.code, args.name).code)
    return 0


def _reps_list(args: argparse.Namespace) -> int:
    from models.settings import list_reps

    rows = [{"code": r.code, "name": r.name, "active": r.active}
            for r in list_reps(include_inactive=args.all)]  # fmt: skip
    print_rows(rows, ("code", "name", "active"), args.format)
    return 0


def _backup(args: argparse.Namespace) -> int:
    from models.backup import backup_database

    print(backup_database(args.output))
    return 0
