"""`comptoir exchange-rates …`: the rates of other currencies to the company's, recorded
from a date on, which invoices in those currencies are issued with (models.exchange_rates)."""

from __future__ import annotations

import argparse
from typing import Any

from models.i18n import _
from tui.cli_catalog import format_option
from tui.cli_output import print_rows


def add_exchange_rate_commands(commands: Any) -> None:
    group = commands.add_parser(
        "exchange-rates", help=_("rates of other currencies, for invoices in them")
    )
    group.set_defaults(group_parser=group)
    sub = group.add_subparsers(dest="rates_command", metavar="COMMAND")
    change = sub.add_parser("set", help=_("record a currency's rate from a date on"))
    change.add_argument("currency", metavar="CUR")
    change.add_argument(
        "rate", metavar="RATE", help=_("what one CUR is worth in your currency, e.g. 1.0642")
    )
    change.add_argument("--date", default="", metavar="D", help=_("the first day it holds (today)"))
    change.set_defaults(handler=_set_rate)
    listing = sub.add_parser("list", help=_("the rates recorded, newest first"))
    listing.add_argument("--currency", default="", metavar="CUR", help=_("one currency's only"))
    format_option(listing)
    listing.set_defaults(handler=_list_rates)  # fmt: skip


def _set_rate(args: argparse.Namespace) -> int:
    from models.errors import ValidationError
    from models.exchange_rates import set_rate
    from models.settings import load_settings

    base = load_settings().company_currency
    if args.currency.strip().upper() == base:
        raise ValidationError.single("CUR", _("{currency} is your own currency: its rate is "
                                              "always 1.").format(currency=base))  # fmt: skip
    try:
        saved = set_rate(args.currency, args.date, args.rate, args.operator)
    except ValidationError as exc:
        named = {"currency": "CUR", "rate": "RATE", "date": "--date"}
        raise ValidationError({named.get(k, k): v for k, v in exc.errors.items()}) from None
    print(_("1 {currency} = {rate} {base} from {date}.").format(
        currency=saved.currency, rate=f"{saved.rate.normalize():f}", base=base,
        date=saved.date.isoformat()))  # fmt: skip
    return 0


def _list_rates(args: argparse.Namespace) -> int:
    from models.exchange_rates import list_exchange_rates

    rows = [{"currency": r.currency, "date": r.date.isoformat(),
             "rate": f"{r.rate.normalize():f}", "updated_by": r.updated_by}
            for r in list_exchange_rates(args.currency)]  # fmt: skip
    print_rows(rows, ("currency", "date", "rate", "updated_by"), args.format)
    return 0
