"""`comptoir customers …`: the customer file from the command line, through the same
services as the screens (models.customers, models.search)."""

from __future__ import annotations

import argparse
import dataclasses
import sys
from typing import Any

from models.i18n import N_, _
from tui.cli_output import FORMATS, print_record, print_rows

# (option, destination, help, choices) of `add` and `edit`; each maps to a CustomerInput
# field of the same name.
_FIELD_OPTIONS: tuple[tuple[str, str, str, tuple[str, ...] | None], ...] = (
    ("--kind", "kind", N_("company or individual"), ("company", "individual")),
    ("--email", "email", N_("e-mail address"), None),
    ("--phone", "phone", N_("phone number, as you would dial it"), None),
    ("--street", "street", N_("billing address: street lines"), None),
    ("--postal-code", "postal_code", N_("billing address: postcode"), None),
    ("--city", "city", N_("billing address: city"), None),
    ("--country", "country", N_("two-letter country code (FR, NL, GR…)"), None),
    ("--siren", "siren", N_("SIREN or SIRET"), None),
    ("--vat", "vat", N_("VAT number"), None),
    ("--terms", "terms", N_("payment terms: receipt, 30d, 45eom…"), None),
    ("--rep", "rep", N_("sales rep code"), None),
    ("--notes", "notes", N_("free notes"), None),
    ("--status", "status", N_("prospect (default) or customer"), ("prospect", "customer")),
    ("--delivery-street", "delivery_street", N_("delivery address: street lines"), None),
    ("--delivery-postal-code", "delivery_postal_code", N_("delivery address: postcode"), None),
    ("--delivery-city", "delivery_city", N_("delivery address: city"), None),
    ("--delivery-country", "delivery_country", N_("delivery address: country code"), None),
    ("--payment-method", "payment_method",
     N_("transfer, card, cash, cheque or direct_debit"), None),
    ("--currency", "currency", N_("three-letter currency code, e.g. EUR"), None),
    ("--price-list", "price_list", N_("default price list of the customer's documents "
                                      "(its name; \"\" for none)"), None),
    ("--credit-limit", "credit_limit", N_("credit limit, e.g. 5000.00"), None),
    ("--language", "language", N_("language of the customer's documents (en, fr, nl, el)"),
     None),
    ("--birth-date", "birth_date", N_("birth date, YYYY-MM-DD"), None),
)  # fmt: skip
_SEARCH_TABLE = ("number", "name", "status", "postal_code", "city", "phone", "email", "balance")


def customer_number(text: str) -> str:
    """`C000123`, `c123` and `123` all name customer C000123, as the search box reads them."""
    raw = text.strip().upper()
    digits = raw[1:] if raw.startswith("C") else raw
    if digits.isdigit() and 0 < len(digits) <= 6:
        return f"C{int(digits):06d}"
    return raw


def add_customer_commands(commands: Any) -> None:
    group = commands.add_parser("customers", help=_("the customer file"))
    group.set_defaults(group_parser=group)
    sub = group.add_subparsers(dest="customers_command", metavar="COMMAND")

    search = sub.add_parser("search", help=_("find customers by any word or identifier"))
    search.add_argument("text", nargs="+", metavar="TEXT", help=_("words to find (all of them)"))
    search.add_argument("--limit", type=int, default=50, help=_("at most N results (50)"))
    search.add_argument("--all", action="store_true", help=_("include inactive customers"))
    _format_option(search)
    search.set_defaults(handler=_search)

    show = sub.add_parser("show", help=_("one customer, contacts included"))
    show.add_argument("number", metavar="NUMBER", type=customer_number)
    _format_option(show)
    show.set_defaults(handler=_show)

    add = sub.add_parser("add", help=_("create a customer and print its number"))
    add.add_argument("--name", required=True, help=_("company or person name"))
    _field_options(add)
    add.set_defaults(handler=_add)

    edit = sub.add_parser("edit", help=_("change the given fields of a customer"))
    edit.add_argument("number", metavar="NUMBER", type=customer_number)
    edit.add_argument("--name", help=_("company or person name"))
    _field_options(edit)
    edit.set_defaults(handler=_edit)

    for name, active, text in (("deactivate", False, N_("hide a customer from search")),
                               ("reactivate", True, N_("bring a deactivated customer back"))):
        command = sub.add_parser(name, help=_(text))
        command.add_argument("number", metavar="NUMBER", type=customer_number)
        command.set_defaults(handler=_set_active, active=active)  # fmt: skip

    duplicates = sub.add_parser("duplicates", help=_("probable duplicate pairs, best first"))
    duplicates.add_argument("--limit", type=int, default=500, help=_("at most N pairs (500)"))
    _format_option(duplicates)
    duplicates.set_defaults(handler=_duplicates)

    history = sub.add_parser("history", help=_("every change made to a customer"))
    history.add_argument("number", metavar="NUMBER", type=customer_number)
    _format_option(history)
    history.set_defaults(handler=_history)

    from tui.cli_life_cycle import add_life_cycle_commands
    from tui.cli_statements import add_statement_commands
    from tui.cli_transfer import add_transfer_commands

    add_transfer_commands(sub)
    add_life_cycle_commands(sub, customer_number, _format_option)
    add_statement_commands(sub, customer_number)


def _format_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--format", choices=FORMATS, default="table",
                        help=_("table (default), csv or json"))  # fmt: skip


def _field_options(parser: argparse.ArgumentParser) -> None:
    for option, dest, text, choices in _FIELD_OPTIONS:
        parser.add_argument(option, dest=dest, choices=choices, help=_(text))
    parser.add_argument("--contact", action="append", metavar="NAME|ROLE|PHONE|EMAIL",
                        help=_("a contact person; repeat for several (edit: replaces all)"))
    parser.add_argument("--force", action="store_true",
                        help=_("save even if the customer looks like a duplicate"))  # fmt: skip


def _given_fields(args: argparse.Namespace) -> dict[str, Any]:
    """Only the options actually typed: `edit` changes those and keeps the rest."""
    from models.contact_text import contact_from_text

    names = ("name", *(dest for _o, dest, _t, _c in _FIELD_OPTIONS))
    given: dict[str, Any] = {n: getattr(args, n) for n in names if getattr(args, n) is not None}
    if args.contact is not None:
        given["contacts"] = tuple(contact_from_text(text) for text in args.contact)
    return given


def _add(args: argparse.Namespace) -> int:
    from models.customers import create_customer, new_customer_input
    from models.settings import load_settings

    settings = load_settings()
    data = dataclasses.replace(new_customer_input(settings), **_given_fields(args))
    record = create_customer(data, args.operator, settings=settings, force=args.force)
    print(record.number)
    return 0


def _edit(args: argparse.Namespace) -> int:
    from models.customers import get_customer, input_from_record, update_customer

    given = _given_fields(args)
    if not given:
        print(_("Nothing to change: give at least one option."), file=sys.stderr)
        return 2
    record = get_customer(args.number)
    data = dataclasses.replace(input_from_record(record), **given)
    update_customer(record.number, data, record.version, args.operator, force=args.force)
    print(record.number)
    return 0


def _set_active(args: argparse.Namespace) -> int:
    from models.customers import set_active

    record = set_active(args.number, args.active, args.operator)
    message = _("{number} reactivated.") if args.active else _("{number} deactivated.")
    print(message.format(number=record.number))
    return 0


def _duplicates(args: argparse.Namespace) -> int:
    from models.duplicates import duplicate_pairs

    if args.limit < 1:
        print(_("--limit: a number of 1 or more."), file=sys.stderr)
        return 2
    rows = [{"first": p.first.number, "first_name": p.first.name, "second": p.second.number,
             "second_name": p.second.name, "score": p.score,
             "reasons": list(p.reasons) if args.format == "json" else "; ".join(p.reasons)}
            for p in duplicate_pairs(limit=args.limit)]  # fmt: skip
    print_rows(rows, ("first", "first_name", "second", "second_name", "score", "reasons"),
               args.format)  # fmt: skip
    return 0


def _search(args: argparse.Namespace) -> int:
    from exports.customer_fields import SEARCH_KEYS, hit_fields
    from models.balances import customer_balances
    from models.search import search_customers

    if args.limit < 1:
        print(_("--limit: a number of 1 or more."), file=sys.stderr)
        return 2
    hits = search_customers(" ".join(args.text), limit=args.limit, include_inactive=args.all)
    balances = customer_balances([hit.number for hit in hits])
    rows = [hit_fields(hit, balances[hit.number]) for hit in hits]
    print_rows(rows, SEARCH_KEYS, args.format, table_keys=_SEARCH_TABLE)
    return 0


def _show(args: argparse.Namespace) -> int:
    from exports.customer_fields import SHOW_KEYS, customer_fields
    from models.balances import customer_balances
    from models.customers import get_customer

    record = get_customer(args.number)
    if record.number != args.number:
        print(_("{number} was merged into {survivor}.").format(
            number=args.number, survivor=record.number), file=sys.stderr)  # fmt: skip
    stored = {f.name: getattr(record, f.name) for f in dataclasses.fields(record)}
    contacts = [{"name": c.name, "role": c.role, "phone": c.phone, "email": c.email}
                for c in record.contacts]  # fmt: skip
    balance = customer_balances([record.number])[record.number]
    values = customer_fields(stored, contacts, balance)
    shown = {key: values[key] for key in SHOW_KEYS}
    shown["price_list"] = record.price_list
    print_record(shown, args.format)
    return 0


def _history(args: argparse.Namespace) -> int:
    from models.customers import customer_history

    rows = []
    for entry in customer_history(args.number):
        changes = [{"field": c.field, "old": c.old, "new": c.new} for c in entry.changes]
        rows.append({
            "at": entry.at.isoformat(timespec="seconds") + "Z", "operator": entry.operator,
            "event": entry.kind, "summary": entry.summary,
            "changes": changes if args.format == "json"
            else [_change_line(c) for c in changes],
        })  # fmt: skip
    print_rows(rows, ("at", "operator", "event", "summary", "changes"), args.format)
    return 0


def _change_line(change: dict[str, str]) -> str:
    if not change["old"]:
        return f"{change['field']}: {change['new']}"
    return f"{change['field']}: {change['old']} → {change['new']}"
