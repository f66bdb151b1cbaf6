"""`comptoir customers import|export`: moving the customer file in and out as CSV."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from models.i18n import _
from tui.cli_progress import progress_bar


def add_transfer_commands(sub: Any) -> None:
    load = sub.add_parser(
        "import", help=_("add customers from a CSV file"),
        description=_("Adds customers from a CSV file (UTF-8 or Windows-1252, comma or "
                      "semicolon, English or French headers). Each bad row is reported "
                      "with its line number and skipped; so is a row that looks like a "
                      "customer on file or an earlier line, unless --allow-duplicates. Exit "
                      "status 0 when every row was imported, 2 when any row was rejected, "
                      "3 when rows were skipped only as suspected duplicates."),
    )  # fmt: skip
    load.add_argument("file", metavar="FILE", type=Path)
    load.add_argument("--dry-run", action="store_true",
                      help=_("check every row and report, write nothing"))  # fmt: skip
    load.add_argument("--allow-duplicates", action="store_true",
                      help=_("import rows that look like existing customers too"))  # fmt: skip
    load.set_defaults(handler=_import)

    dump = sub.add_parser("export", help=_("write every customer to a file"))
    dump.add_argument("-o", "--output", metavar="FILE", type=Path, required=True,
                      help=_("the file to create"))  # fmt: skip
    dump.add_argument("--format", choices=("csv", "xlsx", "pdf"), default="csv",
                      help=_("csv (xlsx and pdf come with a later release)"))  # fmt: skip
    dump.set_defaults(handler=_export)


def _import(args: argparse.Namespace) -> int:
    from models.customer_import import import_customers

    report = import_customers(args.file, args.operator, dry_run=args.dry_run,
                              progress=progress_bar(_("Importing")),
                              allow_duplicates=args.allow_duplicates)  # fmt: skip
    if report.unknown_columns:
        print(_("Columns ignored (not recognised): {columns}").format(
            columns=", ".join(report.unknown_columns)), file=sys.stderr)  # fmt: skip
    for row in report.rejected:
        for field, reason in row.errors.items():
            print(_("line {line}: {field}: {reason}").format(
                line=row.line, field=field, reason=reason), file=sys.stderr)  # fmt: skip
    for skipped in report.duplicates:
        found = "; ".join(f"{m.number} {m.name} ({', '.join(m.reasons)})" for m in skipped.matches)
        print(_("line {line}: suspected duplicate of {matches}").format(
            line=skipped.line, matches=found), file=sys.stderr)  # fmt: skip
    if report.dry_run and report.duplicates:
        summary = _("{imported} would be imported, {rejected} rejected, {duplicates} skipped "
                    "as suspected duplicates (dry run: nothing written)")  # fmt: skip
    elif report.dry_run:
        summary = _("{imported} would be imported, {rejected} rejected (dry run: nothing "
                    "written)")  # fmt: skip
    elif report.duplicates:
        summary = _("{imported} imported, {rejected} rejected, {duplicates} skipped as "
                    "suspected duplicates")  # fmt: skip
    else:
        summary = _("{imported} imported, {rejected} rejected")
    print(summary.format(imported=report.imported, rejected=len(report.rejected),
                         duplicates=len(report.duplicates)))  # fmt: skip
    if report.rejected:
        return 2
    return 3 if report.duplicates else 0


def _export(args: argparse.Namespace) -> int:
    if args.format != "csv":
        print(_("--format {format}: not available yet; this release exports CSV.").format(
            format=args.format), file=sys.stderr)  # fmt: skip
        return 2
    from exports.customers_csv import export_customers_csv

    count = export_customers_csv(args.output, progress=progress_bar(_("Exporting")))
    print(_("{count} customers written to {path}").format(count=count, path=args.output))
    return 0
