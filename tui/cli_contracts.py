"""`comptoir contracts …`: a customer's special agreements from the command line, through
models.contracts.

`contracts add` reads its terms in the order typed: a `--price` or `--discount` right
after an `--item` belongs to that item; a `--discount` anywhere else is the discount on
everything. argparse keeps options apart by name, so each of the three appends to one
ordered list on the namespace and the handler reads that list.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from typing import Any

from models.i18n import _
from models.tax_treatments import TREATMENTS
from tui.cli_catalog import format_option, price_text
from tui.cli_customers import customer_number
from tui.cli_options import InOrder
from tui.cli_output import print_record, print_rows

_LIST_KEYS = ("id", "name", "valid_from", "valid_to", "currency", "discount", "tax_treatment",
              "rules", "in_force")  # fmt: skip
# Contract fields as the service names them → the option that typed them.
_OPTIONS = {"valid_from": "--from", "valid_to": "--to", "discount": "--discount",
            "tax_treatment": "--tax-treatment", "name": "--name", "notes": "--notes",
            "items": "--item"}  # fmt: skip


def add_contract_commands(commands: Any) -> None:
    group = commands.add_parser("contracts", help=_("customers' special prices and discounts"))
    group.set_defaults(group_parser=group)
    sub = group.add_subparsers(dest="contracts_command", metavar="COMMAND")

    add = sub.add_parser(
        "add", help=_("give a customer a contract and print its id"),
        description=_("A --price or --discount right after an --item belongs to that item; "
                      "a --discount anywhere else is a discount on everything."),
    )  # fmt: skip
    add.add_argument("--customer", required=True, type=customer_number, metavar="NUMBER",
                     help=_("the customer's number"))  # fmt: skip
    add.add_argument(
        "--from",
        dest="valid_from",
        default="",
        metavar="D",
        help=_("first day in force, YYYY-MM-DD (today)"),
    )
    add.add_argument(
        "--to",
        dest="valid_to",
        default="",
        metavar="D",
        help=_("last day in force (open-ended by default)"),
    )
    add.add_argument(
        "--item",
        action=InOrder,
        const="item",
        dest="terms",
        metavar="CODE",
        help=_("an item the contract prices; follow it by --price or --discount"),
    )
    add.add_argument(
        "--price",
        action=InOrder,
        const="price",
        dest="terms",
        metavar="P",
        help=_("special price excluding VAT of the --item just before"),
    )
    add.add_argument(
        "--discount",
        action=InOrder,
        const="discount",
        dest="terms",
        metavar="PCT",
        help=_("discount in percent: on the --item just before, else on everything"),
    )
    add.add_argument(
        "--tax-treatment",
        choices=TREATMENTS,
        default="standard",
        help=_("VAT treatment of the customer's documents (standard)"),
    )
    add.add_argument("--name", default="", help=_("how documents name the contract"))
    add.add_argument("--notes", default="", help=_("free notes"))  # fmt: skip
    add.set_defaults(handler=_add, terms=[])

    listing = sub.add_parser("list", help=_("a customer's contracts, latest first"))
    listing.add_argument("--customer", required=True, type=customer_number, metavar="NUMBER",
                         help=_("the customer's number"))  # fmt: skip
    format_option(listing)
    listing.set_defaults(handler=_list)

    show = sub.add_parser("show", help=_("one contract and what it grants"))
    show.add_argument("id", metavar="ID", type=int)
    format_option(show)
    show.set_defaults(handler=_show)

    delete = sub.add_parser("delete", help=_("delete a contract no document was priced by"))
    delete.add_argument("id", metavar="ID", type=int)
    delete.set_defaults(handler=_delete)


def contract_terms(terms: Sequence[tuple[str, str]]) -> tuple[str, list[tuple[str, Any]]]:
    """The global discount ("" for none) and, per item, (the options as typed, its
    ContractItemInput), from the ordered terms; ValidationError naming the option that
    has nothing to belong to."""
    from models.contracts import ContractItemInput
    from models.errors import ValidationError

    errors: dict[str, str] = {}
    overall: str | None = None
    items: list[tuple[str, Any]] = []
    pending: str | None = None
    for kind, value in terms:
        if kind == "item":
            if pending is not None:
                errors[f"--item {pending}"] = _("give it a --price or a --discount right after it.")
            pending = value
        elif pending is not None:
            rule = (ContractItemInput(pending, unit_price=value) if kind == "price"
                    else ContractItemInput(pending, discount=value))  # fmt: skip
            items.append((f"--item {pending} --{kind} {value}", rule))
            pending = None
        elif kind == "discount":
            if overall is not None:
                errors["--discount"] = _(
                    "one discount on everything, given twice ({first} and {second})."
                ).format(first=overall, second=value)
            overall = value
        else:
            errors[f"--price {value}"] = _("a special price belongs to an item: put it right "
                                           "after --item CODE.")  # fmt: skip
    if pending is not None:
        errors[f"--item {pending}"] = _("give it a --price or a --discount right after it.")
    if errors:
        raise ValidationError(errors)
    return overall or "", items


def _add(args: argparse.Namespace) -> int:
    from models.catalog import get_item
    from models.contracts import ContractInput, add_contract
    from models.customers import get_customer
    from models.errors import NotFound, ValidationError

    overall, items = contract_terms(args.terms)
    get_customer(args.customer)  # an unknown customer is "not found" (4), not bad input
    for typed, rule in items:
        try:
            get_item(rule.item)
        except NotFound as exc:
            raise NotFound(f"{typed}: {exc}") from None
    data = ContractInput(name=args.name, valid_from=args.valid_from, valid_to=args.valid_to,
                         discount=overall, tax_treatment=args.tax_treatment, notes=args.notes,
                         items=tuple(rule for _typed, rule in items))  # fmt: skip
    try:
        record = add_contract(args.customer, data, args.operator)
    except ValidationError as exc:
        raise ValidationError(_by_option(exc.errors, [typed for typed, _r in items])) from None
    print(record.id)
    return 0


def _by_option(errors: dict[str, str], typed: list[str]) -> dict[str, str]:
    """The service's field names (`items.1.unit_price`) as the options typed."""
    named: dict[str, str] = {}
    for field, reason in errors.items():
        parts = field.split(".")
        if len(parts) == 3 and parts[0] == "items" and parts[1].isdigit():
            index = int(parts[1])
            option = typed[index] if index < len(typed) else field
            named[option] = f"{parts[2]}: {reason}"
        else:
            named[_OPTIONS.get(field, field)] = reason
    return named


def _fields(contract: Any, as_json: bool) -> dict[str, Any]:
    from models import clock
    from models.vat_rates import rate_text

    rules = [{"item": r.code, "name": r.name,
              "price": "" if r.unit_price is None else price_text(r.unit_price, contract.currency),
              "discount": "" if r.discount is None else rate_text(r.discount)}
             for r in contract.items]  # fmt: skip
    return {
        "id": contract.id, "customer": contract.customer, "name": contract.name,
        "valid_from": contract.valid_from.isoformat(),
        "valid_to": contract.valid_to.isoformat() if contract.valid_to else "",
        "currency": contract.currency,
        "discount": "" if contract.discount is None else rate_text(contract.discount),
        "tax_treatment": contract.tax_treatment,
        "rules": rules if as_json else [_rule_line(r, contract.currency) for r in rules],
        "in_force": contract.in_force(clock.today()), "notes": contract.notes,
    }  # fmt: skip


def _rule_line(rule: dict[str, str], currency: str) -> str:
    if rule["price"]:
        return f"{rule['item']} {rule['price']} {currency}"
    return f"{rule['item']} −{rule['discount']} %"


def _list(args: argparse.Namespace) -> int:
    from models.contracts import customer_contracts

    rows = [_fields(c, args.format == "json") for c in customer_contracts(args.customer)]
    print_rows(rows, _LIST_KEYS, args.format)
    return 0


def _show(args: argparse.Namespace) -> int:
    from models.contracts import get_contract

    print_record(_fields(get_contract(args.id), args.format == "json"), args.format)
    return 0


def _delete(args: argparse.Namespace) -> int:
    from models.contracts import delete_contract

    delete_contract(args.id, args.operator)
    print(_("Contract {id} deleted.").format(id=args.id))
    return 0
