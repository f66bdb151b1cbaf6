"""Customers from a CSV file: what a shop brings from its spreadsheet or old software.

The file may be UTF-8 (with or without a byte-order mark) or Windows-1252, as Excel saves
it in France; comma- or semicolon-separated; with English or French headers (see
models.import_columns). Each row goes through the same validation as the customer form;
a bad row is reported with its line number and reasons and not imported. Good rows are
written in batches, each batch one transaction, so a crash leaves no half-imported row
and the numbers come from the same counter as customers typed in.
"""

from __future__ import annotations

import csv
import dataclasses
import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from models import duplicate_keys, search_index
from models.contact_text import contacts_from_text
from models.customer_records import CustomerInput
from models.customers import insert_validated_customer, new_customer_input, validate_customer
from models.db import write_txn
from models.errors import ValidationError
from models.i18n import _
from models.import_columns import ColumnMatch, cell_value, match_columns
from models.settings import Settings, load_settings

Progress = Callable[[int, int], None]
BATCH = 500
_DELIMITERS = (";", ",", "\t")


@dataclass(frozen=True)
class RejectedRow:
    """A row left out: its line in the file (the header is line 1) and field -> reason."""

    line: int
    errors: dict[str, str]


@dataclass(frozen=True)
class SkippedDuplicate:
    """A row left out because it looks like a customer on file or an earlier line;
    `matches` are DuplicateMatches (an earlier line's number reads `line N`)."""

    line: int
    matches: tuple[Any, ...]


@dataclass(frozen=True)
class ImportReport:
    """What an import did (or, for a dry run, would do)."""

    imported: int
    rejected: tuple[RejectedRow, ...]
    unknown_columns: tuple[str, ...]
    not_imported_columns: tuple[str, ...]
    encoding: str
    delimiter: str
    dry_run: bool
    numbers: tuple[str, ...] = ()
    duplicates: tuple[SkippedDuplicate, ...] = ()


@dataclass(frozen=True)
class _Row:
    line: int
    cells: list[str]


def import_customers(
    path: Path,
    operator: str,
    dry_run: bool = False,
    progress: Progress | None = None,
    allow_duplicates: bool = False,
) -> ImportReport:
    """Validates every row of `path` and, unless `dry_run`, stores the valid ones as new
    customers (history: "imported from FILE"). A row that looks like a customer on file
    or an earlier line is skipped and reported, unless `allow_duplicates`. Raises
    ValidationError on field `file` when the file itself cannot be read as a customer
    list."""
    from models.duplicates import RowsNotYetSaved, find_duplicates

    text, encoding = _read_text(path)
    delimiter = _delimiter(text)
    rows = list(_rows(text, delimiter))
    if not rows:
        raise ValidationError.single("file", _("The file is empty."))
    columns = match_columns(rows[0].cells)
    if "name" not in columns.fields.values():
        raise ValidationError.single(
            "file", _("No column for the name (name, nom, raison sociale…) in the first line.")
        )
    width = len(rows[0].cells)
    settings = load_settings()
    summary = _("imported from {file}").format(file=path.name)
    data_rows = [row for row in rows[1:] if any(cell.strip() for cell in row.cells)]
    rejected: list[RejectedRow] = []
    skipped: list[SkippedDuplicate] = []
    earlier = RowsNotYetSaved()
    numbers: list[str] = []
    valid_count = 0
    for start in range(0, len(data_rows), BATCH):
        valid = []
        for row in data_rows[start : start + BATCH]:
            try:
                data = _customer_input(row, columns, width, settings)
                checked = validate_customer(data, settings)
            except ValidationError as exc:
                rejected.append(RejectedRow(row.line, exc.errors))
                continue
            if not allow_duplicates:
                matches = earlier.check(data) + find_duplicates(data, settings=settings)
                if matches:
                    skipped.append(SkippedDuplicate(row.line, tuple(matches)))
                    continue
                earlier.add(_("line {line}").format(line=row.line), data)
            valid.append(checked)
        valid_count += len(valid)
        if not dry_run and valid:
            numbers += _write_batch(valid, operator, summary)
        if progress is not None:
            progress(min(start + BATCH, len(data_rows)), len(data_rows))
    return ImportReport(
        imported=valid_count, rejected=tuple(rejected), unknown_columns=columns.unknown,
        not_imported_columns=columns.not_imported, encoding=encoding, delimiter=delimiter,
        dry_run=dry_run, numbers=tuple(numbers), duplicates=tuple(skipped),
    )  # fmt: skip


def _write_batch(
    valid: list[tuple[dict[str, Any], list[dict[str, str]]]], operator: str, summary: str
) -> list[str]:
    with write_txn():
        records = [
            insert_validated_customer(values, contacts, operator, summary, reindex=False)
            for values, contacts in valid
        ]
        # One index refresh per batch, inside the batch's transaction: the index never
        # lags behind the rows, and 500 single refreshes cost far more than one.
        search_index.index_customers(record.id for record in records)
        duplicate_keys.refresh(record.id for record in records)
    return [record.number for record in records]


def _read_text(path: Path) -> tuple[str, str]:
    """The file's text and the encoding it was read with: UTF-8 when it decodes as such
    (a stray Windows-1252 accent never does), else Windows-1252, else Latin-1 for the
    five bytes Windows-1252 leaves undefined."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ValidationError.single(
            "file", _("Cannot read {path}: {reason}").format(path=path, reason=exc.strerror)
        ) from exc
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return raw.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    return raw.decode("latin-1"), "latin-1"


def _delimiter(text: str) -> str:
    """The separator used most in the header line: headers rarely contain any of them,
    whereas csv.Sniffer guesses from data cells (`1 234,50`) and guessed wrong here."""
    header = next((line for line in text.splitlines() if line.strip()), "")
    return max(_DELIMITERS, key=header.count) if header else ","


def _rows(text: str, delimiter: str) -> Iterator[_Row]:
    """Each record with the line it starts on (a quoted cell may span lines)."""
    # strict: an unclosed quote must not swallow the rest of the file into one cell.
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    next_line = 1
    try:
        for cells in reader:
            yield _Row(next_line, cells)
            next_line = reader.line_num + 1
    except csv.Error as exc:
        raise ValidationError.single(
            "file", _("Line {line}: {reason}").format(line=reader.line_num, reason=exc)
        ) from exc


def _customer_input(
    row: _Row, columns: ColumnMatch, width: int, settings: Settings
) -> CustomerInput:
    """The row as the form would hold it: the shop's defaults where a cell is empty."""
    if any(cell.strip() for cell in row.cells[width:]):
        raise ValidationError.single(
            "line", _("More values than columns: check the separator and the quotes.")
        )
    values: dict[str, Any] = {}
    for position, field in columns.fields.items():
        cell = row.cells[position] if position < len(row.cells) else ""
        if not cell.strip():
            continue
        if field == "contacts":
            values["contacts"] = contacts_from_text(cell)
        else:
            values[field] = cell_value(field, cell)
    return dataclasses.replace(new_customer_input(settings), **values)
