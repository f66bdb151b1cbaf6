"""Statements of account from the command line, in-process: one customer's PDF, its path
alone on stdout; refused dates and periods name their option (exit 2), an unknown
customer exits 4; and every customer's with a balance into a folder, a line per file."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pypdf
import pytest
from test_cli_catalog import (
    add_items,
    opened,
    shop_db,  # noqa: F401  (a fixture, used by name)
)
from test_cli_catalog import cli as shop_cli  # noqa: F401  (a fixture, used by name)
from test_cli_quotes import frozen_today  # noqa: F401  (a fixture, used by name)


@pytest.fixture
def cli(shop_cli: Any, frozen_today: dt.date, shop_db: Path) -> Any:  # noqa: F811
    """Today 2026-03-14: C000001 owes a machine (1 078.80) it paid 78.80 of; C000002 is
    owed nothing and owes nothing."""
    from models.payments import PaymentInput, record_payment

    add_items(shop_cli)
    for name in ("Boulangerie Fernandez", "Fromagerie Dubois"):
        assert shop_cli("customers", "add", "--name", name, "--kind", "company", "--language",
                        "en")[0] == 0  # fmt: skip
    status, out, err = shop_cli("invoices", "add", "--customer", "1", "--item", "MACH",
                                "--date", "2026-02-02", "--issue")  # fmt: skip
    assert (status, out) == (0, "F-2026-00001\n"), err
    with opened(shop_db):
        record_payment(PaymentInput("C000001", "78.80", date="2026-02-20", method="card"),
                       "tester")  # fmt: skip
    return shop_cli


def text_of(path: Path) -> str:
    return " ".join(" ".join(page.extract_text().split()) for page in pypdf.PdfReader(path).pages)


def test_statement_prints_the_path_and_the_account(cli: Any, tmp_path: Path) -> None:
    target = tmp_path / "releve.pdf"
    assert cli("customers", "statement", "c1", "-o", str(target)) == (0, f"{target}\n", "")
    text = text_of(target)
    assert "Boulangerie Fernandez" in text
    assert "From 1 Jan 2026 to 14 Mar 2026" in text
    assert "2 Feb 2026 F-2026-00001 Invoice 1,078.80 1,078.80" in text
    assert "20 Feb 2026 #1 Payment by card 78.80 1,000.00" in text
    assert "Total due €1,000.00" in text
    # A later period starts from what was owed the day before.
    assert cli("customers", "statement", "1", "-o", str(target), "--from", "01/03/2026",
               "--to", "2026-03-10")[0] == 0  # fmt: skip
    text = text_of(target)
    assert "From 1 Mar 2026 to 10 Mar 2026" in text
    assert "1 Mar 2026 Opening balance 1,000.00" in text
    assert "No movement in this period." in text


def test_refusals_exit_2_naming_the_option_and_4_for_an_unknown_customer(
    cli: Any, tmp_path: Path
) -> None:
    target = tmp_path / "x.pdf"
    for options, field in [
        (("--from", "31/02/2026"), "--from"),
        (("--to", "tomorrow"), "--to"),
        (("--from", "2026-03-10", "--to", "2026-03-01"), "--from"),
        (("--to", "2026-03-15"), "--to"),
    ]:
        status, out, err = cli("customers", "statement", "1", "-o", str(target), *options)
        assert (status, out, err.split(": ")[0]) == (2, "", field), options
    assert not target.exists()
    status, out, err = cli("customers", "statement", "C000099", "-o", str(target))
    assert (status, out, err) == (4, "", "No customer C000099.\n")


def test_statements_write_one_file_per_customer_with_a_balance(cli: Any, tmp_path: Path) -> None:
    folder = tmp_path / "statements"
    status, out, err = cli("customers", "statements", "-o", str(folder))
    # Not a terminal: no progress bar, only the files written.
    assert (status, err) == (0, "")
    assert out == f"{folder / 'C000001-boulangerie-fernandez.pdf'}\n"
    assert "Total due €1,000.00" in text_of(folder / "C000001-boulangerie-fernandez.pdf")
    # Before the invoice nobody owed anything.
    status, out, err = cli("customers", "statements", "-o", str(tmp_path / "none"),
                           "--from", "2026-01-01", "--to", "2026-01-31")  # fmt: skip
    assert (status, out) == (0, "")
    assert "nothing written" in err
    status, out, err = cli("customers", "statements", "-o", str(folder), "--to", "2026-04-01")
    assert (status, err.split(":")[0]) == (2, "--to")
