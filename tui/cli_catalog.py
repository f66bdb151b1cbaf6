"""`comptoir items|price-lists|vat-rates …`: the catalog from the command line, through
the same services as the screens (models.catalog, models.price_lists, models.vat_rates).
Contracts live in tui/cli_contracts.py and are registered from here."""

from __future__ import annotations

import argparse
import sys
from decimal import Decimal
from typing import Any

from models.i18n import _
from tui.cli_output import FORMATS, print_record, print_rows

_ITEM_KEYS = ("code", "name", "unit", "price", "vat_rate", "active", "description")
_ITEM_TABLE = ("code", "name", "unit", "price", "vat_rate", "active")


def format_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--format", choices=FORMATS, default="table",
                        help=_("table (default), csv or json"))  # fmt: skip


def price_text(value: Decimal, currency: str) -> str:
    """A unit price as plain text: the currency's decimals (`12.50`), more when the price
    has more (`4.1234`), never fewer, so a script reads back exactly what is stored."""
    from models.money import exponent

    places = exponent(currency)
    rounded = value.quantize(Decimal(1).scaleb(-places))
    return f"{rounded:f}" if rounded == value else f"{value.normalize():f}"


def limit_refused(limit: int) -> bool:
    """`--limit` below 1 is refused (exit 2) before anything is read."""
    if limit >= 1:
        return False
    print(_("--limit: a number of 1 or more."), file=sys.stderr)
    return True


def add_catalog_commands(commands: Any) -> None:
    from tui.cli_contracts import add_contract_commands

    _add_item_commands(commands)
    _add_price_list_commands(commands)
    _add_vat_rate_commands(commands)
    add_contract_commands(commands)


def _add_item_commands(commands: Any) -> None:
    group = commands.add_parser("items", help=_("the catalog: what the shop sells"))
    group.set_defaults(group_parser=group)
    sub = group.add_subparsers(dest="items_command", metavar="COMMAND")

    add = sub.add_parser("add", help=_("add an item to the catalog and print its code"))
    add.add_argument("--code", required=True, help=_("unique code, e.g. CAF-250"))
    add.add_argument("--name", required=True, help=_("what documents print"))
    add.add_argument("--price", required=True, help=_("unit price excluding VAT, e.g. 12.50"))
    add.add_argument("--vat", required=True, help=_("VAT rate in percent, e.g. 20 or 5.5"))
    add.add_argument("--unit", default="", help=_("unit, e.g. kg, hour, box"))
    add.add_argument("--description", default="", help=_("longer text printed under the name"))
    add.set_defaults(handler=_item_add)

    listing = sub.add_parser("list", help=_("items whose code or name has every word given"))
    listing.add_argument("text", nargs="*", metavar="TEXT", help=_("words to find (all)"))
    listing.add_argument("--all", action="store_true", help=_("include items no longer sold"))
    listing.add_argument("--limit", type=int, default=200, help=_("at most N items (200)"))
    format_option(listing)
    listing.set_defaults(handler=_item_list)

    show = sub.add_parser("show", help=_("one item"))
    show.add_argument("code", metavar="CODE")
    format_option(show)
    show.set_defaults(handler=_item_show)

    edit = sub.add_parser("edit", help=_("change the given fields of an item"))
    edit.add_argument("code", metavar="CODE")
    edit.add_argument("--code", dest="new_code", help=_("a new code for the item"))
    edit.add_argument("--name", help=_("what documents print"))
    edit.add_argument("--price", help=_("unit price excluding VAT"))
    edit.add_argument("--vat", help=_("VAT rate in percent"))
    edit.add_argument("--unit", help=_("unit, e.g. kg, hour, box"))
    edit.add_argument("--description", help=_("longer text printed under the name"))
    edit.add_argument("--active", choices=("yes", "no"),
                      help=_("no: no longer sold (old documents keep it)"))  # fmt: skip
    edit.set_defaults(handler=_item_edit)


def _item_fields(record: Any, currency: str) -> dict[str, Any]:
    from models.vat_rates import rate_text

    return {"code": record.code, "name": record.name, "unit": record.unit,
            "price": price_text(record.unit_price, currency),
            "vat_rate": rate_text(record.vat_rate), "active": record.active,
            "description": record.description}  # fmt: skip


def _item_add(args: argparse.Namespace) -> int:
    from models.catalog import ItemInput, create_item

    data = ItemInput(args.code, args.name, args.description, args.unit, args.price, args.vat)
    print(create_item(data, args.operator).code)
    return 0


def _item_list(args: argparse.Namespace) -> int:
    from models.catalog import search_items
    from models.settings import load_settings

    if limit_refused(args.limit):
        return 2
    currency = load_settings().company_currency
    found = search_items(" ".join(args.text), limit=args.limit, include_inactive=args.all)
    rows = [_item_fields(item, currency) for item in found]
    print_rows(rows, _ITEM_KEYS, args.format, table_keys=_ITEM_TABLE)
    return 0


def _item_show(args: argparse.Namespace) -> int:
    from models.catalog import get_item
    from models.settings import load_settings

    record = get_item(args.code)
    values = _item_fields(record, load_settings().company_currency)
    values.update(version=record.version, updated_at=record.updated_at.isoformat(
        timespec="seconds") + "Z", updated_by=record.updated_by)  # fmt: skip
    print_record(values, args.format)
    return 0


def _item_edit(args: argparse.Namespace) -> int:
    import dataclasses

    from models.catalog import ItemInput, get_item, update_item
    from models.vat_rates import rate_text

    typed = {"code": args.new_code, "name": args.name, "unit_price": args.price,
             "vat_rate": args.vat, "unit": args.unit, "description": args.description}  # fmt: skip
    given: dict[str, Any] = {key: value for key, value in typed.items() if value is not None}
    if args.active is not None:
        given["active"] = args.active == "yes"
    if not given:
        print(_("Nothing to change: give at least one option."), file=sys.stderr)
        return 2
    record = get_item(args.code)
    current = ItemInput(record.code, record.name, record.description, record.unit,
                        f"{record.unit_price.normalize():f}", rate_text(record.vat_rate),
                        record.active)  # fmt: skip
    # The version read here is the one the edit is based on: a change saved by someone
    # else in between is refused (exit 5), never overwritten.
    saved = update_item(record.code, dataclasses.replace(current, **given), record.version,
                        args.operator)  # fmt: skip
    print(saved.code)
    return 0


def _add_price_list_commands(commands: Any) -> None:
    group = commands.add_parser("price-lists", help=_("price lists: a price per item"))
    group.set_defaults(group_parser=group)
    sub = group.add_subparsers(dest="price_lists_command", metavar="COMMAND")

    add = sub.add_parser("add", help=_("create a price list and print its name"))
    add.add_argument("name", metavar="NAME")
    add.add_argument("--currency", help=_("its currency (the company's by default)"))
    add.set_defaults(handler=_list_add)

    edit = sub.add_parser("edit", help=_("rename a price list, change its currency, retire it"))
    edit.add_argument("name", metavar="NAME")
    edit.add_argument("--name", dest="new_name", help=_("a new name"))
    edit.add_argument("--currency", help=_("a new currency (only while the list is empty)"))
    edit.add_argument("--active", choices=("yes", "no"),
                      help=_("no: no longer offered to customers and documents"))  # fmt: skip
    edit.set_defaults(handler=_list_edit)

    listing = sub.add_parser("list", help=_("every price list"))
    listing.add_argument("--all", action="store_true", help=_("include retired lists"))
    format_option(listing)
    listing.set_defaults(handler=_list_list)

    show = sub.add_parser("show", help=_("a list's items: catalog price and list price"))
    show.add_argument("name", metavar="NAME")
    show.add_argument("--limit", type=int, default=500, help=_("at most N items (500)"))
    format_option(show)
    show.set_defaults(handler=_list_show)

    change = sub.add_parser("set", help=_("set an item's price on a list (empty: take it off)"))
    change.add_argument("name", metavar="NAME")
    change.add_argument("item", metavar="ITEM", help=_("the item's code"))
    change.add_argument("price", metavar="PRICE", nargs="?", default="",
                        help=_("price excluding VAT in the list's currency"))  # fmt: skip
    change.add_argument("--remove", action="store_true", help=_("take the item off the list"))
    change.set_defaults(handler=_list_set)


def _list_add(args: argparse.Namespace) -> int:
    from models.price_lists import save_price_list
    from models.settings import load_settings

    currency = args.currency or load_settings().company_currency
    print(save_price_list(args.name, currency, args.operator).name)
    return 0


def _list_edit(args: argparse.Namespace) -> int:
    from models.price_lists import get_price_list, save_price_list

    if args.new_name is None and args.currency is None and args.active is None:
        print(_("Nothing to change: give at least one option."), file=sys.stderr)
        return 2
    record = get_price_list(args.name)
    active = record.active if args.active is None else args.active == "yes"
    saved = save_price_list(args.new_name if args.new_name is not None else record.name,
                            args.currency or record.currency, args.operator, active=active,
                            existing=record.name, expected_version=record.version)  # fmt: skip
    print(saved.name)
    return 0


def _list_list(args: argparse.Namespace) -> int:
    from models.price_lists import list_price_lists

    rows = [{"name": r.name, "currency": r.currency, "active": r.active, "items": r.items,
             "customers": r.customers}
            for r in list_price_lists(include_inactive=args.all)]  # fmt: skip
    print_rows(rows, ("name", "currency", "active", "items", "customers"), args.format)
    return 0


def _list_show(args: argparse.Namespace) -> int:
    from models.price_lists import get_price_list, list_prices
    from models.settings import load_settings

    if limit_refused(args.limit):
        return 2
    record = get_price_list(args.name)
    home = load_settings().company_currency
    rows = [{"code": p.code, "name": p.name, "catalog_price": price_text(p.catalog_price, home),
             "list_price": "" if p.list_price is None
             else price_text(p.list_price, record.currency)}
            for p in list_prices(record.name, limit=args.limit)]  # fmt: skip
    if args.format == "table":
        print(_("{name} · prices in {currency} excluding VAT · catalog in {home}").format(
            name=record.name, currency=record.currency, home=home))  # fmt: skip
    print_rows(rows, ("code", "name", "catalog_price", "list_price"), args.format)
    return 0


def _list_set(args: argparse.Namespace) -> int:
    from models.errors import ValidationError
    from models.price_lists import get_price_list, set_list_price

    if args.remove and args.price.strip():
        raise ValidationError.single("--remove", _("Give a PRICE or --remove, not both."))
    value = set_list_price(args.name, args.item, "" if args.remove else args.price,
                           args.operator)  # fmt: skip
    if value is not None:
        print(price_text(value, get_price_list(args.name).currency))
    return 0


def _add_vat_rate_commands(commands: Any) -> None:
    group = commands.add_parser("vat-rates", help=_("VAT rates per country"))
    group.set_defaults(group_parser=group)
    sub = group.add_subparsers(dest="vat_rates_command", metavar="COMMAND")

    listing = sub.add_parser("list", help=_("the rates on file, highest first"))
    listing.add_argument("--country", metavar="CC", help=_("one country only, e.g. FR"))
    listing.add_argument("--all", action="store_true", help=_("include retired rates"))
    format_option(listing)
    listing.set_defaults(handler=_rates_list)

    change = sub.add_parser("set", help=_("add a rate, or change its label or retire it"))
    change.add_argument("country", metavar="CC", help=_("two-letter country code"))
    change.add_argument("rate", metavar="RATE", help=_("percent, e.g. 5.5"))
    change.add_argument("label", metavar="LABEL", help=_("its legal name, e.g. taux réduit"))
    change.add_argument("--inactive", action="store_true",
                        help=_("retire the rate: no new line may use it"))  # fmt: skip
    change.set_defaults(handler=_rates_set)


def _rates_list(args: argparse.Namespace) -> int:
    from models.vat_rates import list_rates, rate_text

    rows = [{"country": r.country, "rate": rate_text(r.rate), "label": r.label,
             "active": r.active}
            for r in list_rates(args.country, include_inactive=args.all)]  # fmt: skip
    print_rows(rows, ("country", "rate", "label", "active"), args.format)
    return 0


def _rates_set(args: argparse.Namespace) -> int:
    from models.vat_rates import rate_text, save_rate

    saved = save_rate(args.country, args.rate, args.label, active=not args.inactive)
    print(f"{saved.country} {rate_text(saved.rate)}")
    return 0
