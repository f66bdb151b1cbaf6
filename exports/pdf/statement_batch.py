"""Every customer's statement of account at once: one PDF per customer who owes something
or is owed something at the end of the period, printed by the worker processes of
exports.pdf.batch.

Nothing here imports textual (the workers start from this module)."""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata
from collections.abc import Hashable
from pathlib import Path

from exports.pdf.batch import Progress, print_in_workers
from models import clock

# A name in a file name: letters and digits of any script, the rest one "-".
_NOT_WORD = re.compile(r"[^\w]+|_+")
SLUG_MAX = 40


def statement_file_name(number: str, name: str) -> str:
    """`C000012-cafe-de-la-gare.pdf`: the customer's number, then its name without
    accents, lower case, anything but letters and digits made "-", cut at SLUG_MAX; a
    Greek name keeps its Greek letters (`C000014-παπαδοπουλος-α-ε.pdf`)."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    slug = _NOT_WORD.sub("-", plain.lower()).strip("-")[:SLUG_MAX].strip("-")
    safe_number = _NOT_WORD.sub("_", number).strip("_") or "customer"
    return f"{safe_number}-{slug}.pdf" if slug else f"{safe_number}.pdf"


def write_statements(
    folder: Path,
    db_location: str,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    progress: Progress | None = None,
    processes: int = 2,
) -> list[Path]:
    """Writes into `folder` (made 0700 if missing) the statement of every customer whose
    balance on the period's last day is not zero, by customer number, each file 0600;
    returns the paths. The period is checked before anything is written
    (models.statements.statement_period: ValidationError on "date_from" or "date_to").
    The database must be open in this process (it lists the customers) and found at
    `db_location` by the workers. `progress(done, total)` as exports.pdf.batch says."""
    from models.balances import all_balances
    from models.statements import statement_period

    today = clock.today()
    start, end = statement_period(date_from, date_to, today)
    numbers = [row.number for row in all_balances(end, nonzero=True)]
    # The workers are told the day, not left to read their own clock.
    printer = functools.partial(_print_statements, start, end, today)
    return print_in_workers(numbers, printer, folder, db_location, processes=processes,
                            progress=progress)  # fmt: skip


def _print_statements(
    start: dt.date, end: dt.date, today: dt.date, numbers: list[Hashable], folder: Path
) -> list[tuple[Hashable, str]]:
    from exports.pdf.statement import save_statement
    from models.settings import load_settings
    from models.statements import statement

    settings = load_settings()
    done: list[tuple[Hashable, str]] = []
    for number in numbers:
        printed = statement(str(number), start, end, today, settings=settings)
        target = folder / statement_file_name(printed.customer, printed.name)
        save_statement(printed, target)
        done.append((number, str(target)))
    return done
