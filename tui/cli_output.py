"""How CLI results are printed: a table for people, CSV and JSON for scripts.

Tables go to a terminal, so every cell passes through `display_safe` (an ESC sequence in a
customer name must never reach it); CSV and JSON carry the data as stored. tabulate, csv
and json are imported here, on first use, never when the TUI starts.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping, Sequence
from typing import Any, TextIO

from models.i18n import N_, _
from tui.safe_text import display_safe

FORMATS = ("table", "csv", "json")

# Column titles of tables; CSV and JSON keep the fixed keys of CLI.md.
_TITLES = {
    "number": N_("Number"), "name": N_("Name"), "status": N_("Status"), "kind": N_("Kind"),
    "email": N_("E-mail"), "phone": N_("Phone"), "street": N_("Street"),
    "postal_code": N_("Postcode"), "city": N_("City"), "country": N_("Country"),
    "siren": N_("SIREN"), "vat": N_("VAT number"), "balance": N_("Balance"),
    "contacts": N_("Contacts"), "terms": N_("Terms"), "rep": N_("Sales rep"),
    "notes": N_("Notes"), "at": N_("When"), "operator": N_("Operator"), "event": N_("Event"),
    "summary": N_("Summary"), "changes": N_("Changes"), "code": N_("Code"),
    "key": N_("Setting"), "value": N_("Value"), "active": N_("Active"),
    "score": N_("Score"), "reasons": N_("Reasons"), "first": N_("Customer"),
    "first_name": N_("Name"), "second": N_("Looks like"), "second_name": N_("Name"),
    "last_activity": N_("Last activity"), "due_since": N_("Due since"),
    "unit": N_("Unit"), "price": N_("Price"), "vat_rate": N_("VAT rate"),
    "description": N_("Description"), "version": N_("Version"), "updated_at": N_("Changed"),
    "updated_by": N_("Changed by"), "currency": N_("Currency"), "items": N_("Items"),
    "customers": N_("Customers"), "catalog_price": N_("Catalog price"),
    "list_price": N_("List price"), "rate": N_("Rate"), "label": N_("Label"), "id": N_("Id"),
    "customer": N_("Customer"), "valid_from": N_("From"), "valid_to": N_("To"),
    "discount": N_("Discount"), "tax_treatment": N_("Tax treatment"), "rules": N_("Rules"),
    "in_force": N_("In force"), "date": N_("Date"), "due_date": N_("Due date"),
    "valid_until": N_("Valid until"), "total_excl": N_("Excl. VAT"), "total_tax": N_("VAT"),
    "total": N_("Total"), "open_amount": N_("Open"), "contract": N_("Contract"),
    "price_list": N_("Price list"), "language": N_("Language"),
    "payment_method": N_("Payment method"), "reference": N_("Reference"),
    "invoice": N_("Invoice draft"), "vat_breakdown": N_("VAT per rate"),
    "quantity": N_("Qty"), "unit_price": N_("Unit price"), "net": N_("Net"),
    "rule": N_("Priced by"),
}  # fmt: skip


def print_duplicates(matches: Sequence[Any]) -> None:
    """Why nothing was written: the customers on file it looks like, on stderr (stdout
    stays for the new number, which a script reads)."""
    print(_("Nothing saved: this looks like a customer already on file "
            "(--force saves it anyway)."), file=sys.stderr)  # fmt: skip
    rows = [{"number": m.number, "name": m.name, "city": m.city, "score": m.score,
             "reasons": "; ".join(m.reasons)} for m in matches]  # fmt: skip
    print_rows(rows, ("number", "name", "city", "score", "reasons"), "table", out=sys.stderr)


def title(key: str) -> str:
    return _(_TITLES[key]) if key in _TITLES else key


def print_rows(
    rows: Sequence[Mapping[str, Any]],
    keys: Sequence[str],
    fmt: str,
    table_keys: Sequence[str] | None = None,
    out: TextIO | None = None,
) -> None:
    """A list: one table row, CSV line or JSON object per item (`table_keys` narrows the
    table to what fits on a screen)."""
    out = out or sys.stdout
    if fmt == "json":
        _print_json([{k: row[k] for k in keys} for row in rows], out)
    elif fmt == "csv":
        _print_csv(rows, keys, out)
    else:
        shown = table_keys or keys
        cells = [[_cell(row[k]) for k in shown] for row in rows]
        _print_table(cells, [title(k) for k in shown], out)


def print_record(values: Mapping[str, Any], fmt: str, out: TextIO | None = None) -> None:
    """One item: a two-column table of field and value, a one-row CSV, a JSON object."""
    out = out or sys.stdout
    if fmt == "json":
        _print_json(dict(values), out)
    elif fmt == "csv":
        _print_csv([values], list(values), out)
    else:
        cells = [[title(key), _cell(value, keep_newlines=True)] for key, value in values.items()]
        _print_table(cells, None, out)


def _cell(value: Any, keep_newlines: bool = False) -> str:
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, list):
        lines = [" | ".join(str(v) for v in item.values() if v) if isinstance(item, dict)
                 else str(item) for item in value]  # fmt: skip
        return display_safe("\n".join(lines), keep_newlines=True)
    return display_safe(value, keep_newlines=keep_newlines)


def _print_table(cells: list[list[str]], headers: list[str] | None, out: TextIO) -> None:
    from tabulate import tabulate

    if headers is None:
        out.write(tabulate(cells, tablefmt="plain", disable_numparse=True) + "\n")
    else:
        out.write(tabulate(cells, headers=headers, tablefmt="simple",
                           disable_numparse=True) + "\n")  # fmt: skip


def _print_csv(rows: Sequence[Mapping[str, Any]], keys: Sequence[str], out: TextIO) -> None:
    import csv

    from models.contact_text import contacts_to_text

    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(keys)
    for row in rows:
        writer.writerow([
            contacts_to_text(row[k]) if k == "contacts" else _csv_text(row[k]) for k in keys
        ])  # fmt: skip


def _csv_text(value: Any) -> str:
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    return "" if value is None else str(value)


def _print_json(value: Any, out: TextIO) -> None:
    import json

    out.write(json.dumps(value, ensure_ascii=False, indent=2) + "\n")
