"""A document's lines as the command line types them, and a document as the CLI prints
it. Shared by `quotes` now and `invoices` next.

`--item CODE[*QTY]` and `--line "DESC|QTY|PRICE|VAT"` interleave: each appends to one
ordered list on the namespace, so the lines keep the order typed. The services name a bad
field `lines.2.quantity`; the operator typed an option, so errors are told back as that
option: `--item CAF-250*x (line 3): quantity: Not a number.`
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from typing import Any

from models.i18n import _
from tui.cli_catalog import price_text
from tui.cli_options import InOrder

# Keys fixed by CLI.md for `quotes|invoices list|show`, then those Comptoir adds.
FIXED_KEYS = ("number", "date", "due_date", "customer", "currency", "total_excl", "total_tax",
              "total", "open_amount", "status")  # fmt: skip
LIST_KEYS = (*FIXED_KEYS, "name", "valid_until")
SHOW_KEYS = (*LIST_KEYS, "tax_treatment", "contract", "price_list", "language", "terms",
             "payment_method", "reference", "notes", "invoice", "vat_breakdown",
             "lines")  # fmt: skip
LINE_KEYS = ("code", "description", "quantity", "unit", "unit_price", "discount", "vat_rate",
             "net", "rule")  # fmt: skip
LINES_OPTION = "--item/--line"
# Header fields as the services name them → the option that typed them.
_OPTIONS = {"customer": "--customer", "date": "--date", "valid_until": "--valid-until",
            "due_date": "--due-date", "currency": "--currency", "language": "--language",
            "price_list": "--price-list", "terms": "--terms",
            "payment_method": "--payment-method", "tax_treatment": "--tax-treatment",
            "lines": LINES_OPTION}  # fmt: skip


def add_line_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--item",
        action=InOrder,
        const="--item",
        dest="lines",
        metavar="CODE[*QTY]",
        help=_(
            "a line from the catalog, priced by the rules; e.g. CAF-250*3 "
            "or CAF-250*1,5 (quantity 1 without *)"
        ),
    )
    parser.add_argument("--line", action=InOrder, const="--line", dest="lines",
                        metavar="DESC|QTY|PRICE|VAT",
                        help=_("a free-text line: price excluding VAT, VAT in percent; e.g. "
                               "\"Livraison|1|15.00|20\""))  # fmt: skip
    parser.set_defaults(lines=[])


def typed_lines(terms: Sequence[tuple[str, str]]) -> list[tuple[str, Any]]:
    """(the option as typed, its LineInput) per line, in order; ValidationError naming a
    `--line` that is not DESC|QTY|PRICE|VAT or an `--item` without a code."""
    from models.document_records import LineInput
    from models.errors import ValidationError

    errors: dict[str, str] = {}
    lines: list[tuple[str, Any]] = []
    for position, (option, value) in enumerate(terms, start=1):
        typed = f"{option} {value}"
        if option == "--item":
            code, _star, quantity = value.partition("*")
            if not code.strip():
                errors[_where(typed, position)] = _("an item code first, e.g. CAF-250*3.")
                continue
            lines.append((typed, LineInput(item=code.strip(), quantity=quantity or "1")))
            continue
        parts = value.split("|")
        if len(parts) < 3:
            errors[_where(typed, position)] = _("expected DESC|QTY|PRICE|VAT, e.g. "
                                                "\"Livraison|1|15.00|20\".")  # fmt: skip
            continue
        # A description may hold | itself: the last three fields are counted from the end.
        head, tail = (parts[:-3], parts[-3:]) if len(parts) > 3 else (parts[:1], [*parts[1:], ""])
        quantity, unit_price, rate = tail
        lines.append((typed, LineInput(description="|".join(head), quantity=quantity or "1",
                                       unit_price=unit_price, vat_rate=rate)))  # fmt: skip
    if errors:
        raise ValidationError(errors)
    return lines


def _where(typed: str, position: int) -> str:
    return _("{option} (line {number})").format(option=typed, number=position)


def by_option(errors: dict[str, str], typed: Sequence[str]) -> dict[str, str]:
    """The service's field names as the options the operator typed."""
    named: dict[str, str] = {}
    for field, reason in errors.items():
        parts = field.split(".")
        if len(parts) == 3 and parts[0] == "lines" and parts[1].isdigit():
            index = int(parts[1])
            where = _where(typed[index], index + 1) if index < len(typed) else field
            named[where] = f"{parts[2]}: {reason}"
        else:
            named[_OPTIONS.get(field, field)] = reason
    return named


def check_items_known(typed: Sequence[tuple[str, Any]]) -> None:
    """An `--item` the catalog does not have is "not found" (exit 4), named as typed."""
    from models.catalog import get_item
    from models.errors import NotFound

    for position, (text, line) in enumerate(typed, start=1):
        if line.item:
            try:
                get_item(line.item)
            except NotFound as exc:
                raise NotFound(f"{_where(text, position)}: {exc}") from None


def summary_fields(document: Any, name: str) -> dict[str, Any]:
    """LIST_KEYS of a DocumentSummary or DocumentRecord. A quote's due date is its
    validity, and nothing is owed on it (open amount 0)."""
    from models.money import minor_to_text

    currency, totals = document.currency, document.totals
    limit = document.valid_until if document.kind == "quote" else document.due_date
    return {
        "number": document.number, "date": document.date.isoformat(),
        "due_date": limit.isoformat() if limit else "", "customer": document.customer,
        "currency": currency, "total_excl": minor_to_text(totals.net, currency),
        "total_tax": minor_to_text(totals.tax, currency),
        "total": minor_to_text(totals.total, currency),
        "open_amount": minor_to_text(0, currency), "status": document.status, "name": name,
        "valid_until": document.valid_until.isoformat() if document.valid_until else "",
    }  # fmt: skip


def record_fields(record: Any) -> dict[str, Any]:
    """SHOW_KEYS of a DocumentRecord; `lines` and `vat_breakdown` as lists of mappings."""
    from models.money import minor_to_text
    from models.pricing import rule_text
    from models.vat_rates import rate_text

    currency = record.currency
    values = summary_fields(record, record.billing.name)
    values.update(
        tax_treatment=record.tax_treatment, contract=record.contract_label,
        price_list=record.price_list, language=record.language, terms=record.terms,
        payment_method=record.payment_method, reference=record.reference, notes=record.notes,
        invoice=", ".join(str(draft) for draft in record.derived),
        vat_breakdown=[{"rate": rate_text(g.rate), "base": minor_to_text(g.base, currency),
                        "vat": minor_to_text(g.vat, currency)}
                       for g in record.totals.vat_groups],
        lines=[{"code": line.code, "description": line.description,
                "quantity": f"{line.quantity.normalize():f}", "unit": line.unit,
                "unit_price": price_text(line.unit_price, currency),
                "discount": rate_text(line.discount), "vat_rate": rate_text(line.vat_rate),
                "net": minor_to_text(line.net, currency),
                "rule": rule_text(line.rule, line.rule_detail)}
               for line in record.lines],
    )  # fmt: skip
    return {key: values[key] for key in SHOW_KEYS}


def print_document(record: Any, fmt: str) -> None:
    """`show`: JSON with every key; a table of the header then one of the lines; CSV as
    one row, the lines and VAT breakdown as text lines in their cells."""
    from tui.cli_output import print_record, print_rows

    shown = machine_readable(record_fields(record), fmt)
    if shown is None:
        return
    values, breakdown, lines = shown
    # For people: a quote's validity is shown once, and it has nothing open to pay.
    for key in ("due_date", "open_amount") if record.kind == "quote" else ():
        values.pop(key)
    values["vat_breakdown"] = breakdown
    print_record(values, fmt)
    print()
    print_rows(lines, LINE_KEYS, fmt)


def machine_readable(
    values: dict[str, Any], fmt: str
) -> tuple[dict[str, Any], list[str], list[dict[str, Any]]] | None:
    """Prints a document's `show` fields as JSON or CSV (None: done); for a table, hands
    back the header fields, the VAT breakdown in words and the lines to lay out."""
    from tui.cli_output import print_record

    if fmt == "json":
        print_record(values, fmt)
        return None
    breakdown = [_("{rate} %: {vat} on {base}").format(**g) for g in values["vat_breakdown"]]
    lines = values.pop("lines")
    if fmt == "csv":
        values.update(vat_breakdown="\n".join(breakdown), lines="\n".join(
            " | ".join(str(line[k]) for k in LINE_KEYS) for line in lines))  # fmt: skip
        print_record(values, fmt)
        return None
    return values, breakdown, lines
