"""Credit notes from the command line: the whole invoice, lines numbered as `invoices show`
prints them, or an amount; what each gives back by hand; refusals naming the option typed,
with nothing issued; then a real process scripting invoice, credit note and `verify`."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from test_cli_catalog import (
    add_items,
    opened,
    shop_db,  # noqa: F401  (a fixture, used by name)
)
from test_cli_catalog import cli as shop_cli  # noqa: F401  (a fixture, used by name)
from test_cli_invoices import LIST_KEYS, issued, listed, shown
from test_cli_quotes import frozen_today  # noqa: F401  (a fixture, used by name)

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def cli(shop_cli: Any, frozen_today: dt.date) -> Any:  # noqa: F811
    """Today 2026-03-14, and C000001's invoice F-2026-00001 of the 10th: 10 × CAF-250 at
    4.20 (5.5 %) and a delivery at 15.00 (20 %), 62.31 in all."""
    add_items(shop_cli)
    assert shop_cli("customers", "add", "--name", "Boulangerie Fernandez")[0] == 0
    assert issued(shop_cli, "--item", "CAF-250*10", "--line", "Livraison|1|15|20", "--date",
                  "2026-03-10") == "F-2026-00001"  # fmt: skip
    return shop_cli


def note(cli: Any, number: str) -> dict[str, Any]:
    status, out, err = cli("credit-notes", "show", number, "--format", "json")
    assert status == 0, err
    found: dict[str, Any] = json.loads(out)
    return found


def notes(cli: Any, *args: str) -> list[dict[str, Any]]:
    status, out, err = cli("credit-notes", "list", "--format", "json", *args)
    assert status == 0, err
    found: list[dict[str, Any]] = json.loads(out)
    return found


def test_the_whole_invoice_is_credited_and_then_it_is_paid(cli: Any) -> None:
    assert cli("credit-notes", "add", "--invoice", "f-2026-00001", "--reason",
               "Commande annulée") == (0, "A-2026-00001\n", "")  # fmt: skip
    credit = note(cli, "A-2026-00001")
    assert list(credit) == [*LIST_KEYS, "service_date", "exchange_rate", "tax_treatment",
                            "language", "terms", "payment_method", "reference", "notes",
                            "invoice", "vat_breakdown", "lines"]  # fmt: skip
    assert (credit["invoice"], credit["date"], credit["total"], credit["status"],
            credit["notes"], credit["kind"]) == (
        "F-2026-00001", "2026-03-14", "62.31", "applied", "Commande annulée",
        "credit_note")  # fmt: skip
    assert [(line["quantity"], line["net"]) for line in credit["lines"]] == [
        ("10", "42.00"), ("1", "15.00")]  # fmt: skip
    invoice = shown(cli, "F-2026-00001")
    assert (invoice["status"], invoice["open_amount"], invoice["credit_notes"]) == (
        "paid", "0.00", ["A-2026-00001"])  # fmt: skip
    status, out, err = cli("credit-notes", "add", "--invoice", "F-2026-00001")
    assert (status, out) == (5, "") and "already credited in full" in err


def test_lines_by_their_printed_number_and_what_is_left_of_them(cli: Any) -> None:
    status, out, _err = cli("invoices", "show", "F-2026-00001")
    assert re.search(r"^1 +CAF-250 ", out, re.M) and re.search(r"^2 +Livraison ", out, re.M)
    assert cli("credit-notes", "add", "--invoice", "F-2026-00001", "--line", "1:3",
               "--line", "2")[1] == "A-2026-00001\n"  # fmt: skip
    # By hand: 3 × 4.20 = 12.60 at 5.5 % → 0.69; 15.00 at 20 % → 3.00; 31.29 in all.
    credit = note(cli, "A-2026-00001")
    assert [(line["code"], line["quantity"]) for line in credit["lines"]] == [
        ("CAF-250", "3"), ("", "1")]  # fmt: skip
    assert (credit["total_excl"], credit["total_tax"], credit["total"]) == (
        "27.60", "3.69", "31.29")  # fmt: skip
    assert shown(cli, "F-2026-00001")["open_amount"] == "31.02"
    status, out, err = cli("credit-notes", "add", "--invoice", "F-2026-00001", "--line", "2")
    assert (status, out) == (2, "") and err == "--line 2: Line 2 is already credited in full.\n"
    # Without :QTY a line gives back all that is left of it: 7 of the 10.
    assert cli("credit-notes", "add", "--invoice", "F-2026-00001", "--line", "1")[0] == 0
    assert [line["quantity"] for line in note(cli, "A-2026-00002")["lines"]] == ["7"]
    assert shown(cli, "F-2026-00001")["status"] == "paid"


def test_an_amount_is_given_back_vat_included(cli: Any) -> None:
    assert cli("credit-notes", "add", "--invoice", "F-2026-00001", "--amount", "20,00",
               "--date", "2026-03-12")[1] == "A-2026-00001\n"  # fmt: skip
    credit = note(cli, "A-2026-00001")
    assert (credit["total"], credit["date"]) == ("20.00", "2026-03-12")
    invoice = shown(cli, "F-2026-00001")
    assert (invoice["open_amount"], invoice["status"]) == ("42.31", "partial")
    rows = notes(cli)
    assert [list(row) for row in rows] == [LIST_KEYS]
    assert (rows[0]["number"], rows[0]["total"], rows[0]["status"]) == (
        "A-2026-00001", "20.00", "applied")  # fmt: skip
    assert [r["number"] for r in notes(cli, "--status", "applied")] == ["A-2026-00001"]
    assert notes(cli, "--status", "unapplied") == []
    assert notes(cli, "--from", "2026-03-13") == []
    assert [r["kind"] for r in listed(cli, "--credit-notes")] == ["credit_note", "invoice"]


def test_refusals_name_the_option_and_issue_nothing(cli: Any) -> None:
    refused = {
        ("--line", "0"): "--line 0: a line number as `invoices show` prints it",
        ("--line", "x:2"): "--line x:2: a line number",
        ("--line", "3"): "--line 3: F-2026-00001 has no line 3.",
        ("--line", "1:11"): "--line 1:11: At most 10 of this line is left to credit.",
        ("--line", "1:zéro"): "--line 1:zéro: Not a number.",
        ("--amount", "100"): "--amount: At most 62.31 EUR of F-2026-00001 is left to credit.",
        ("--amount", "0"): "--amount: An amount above 0, VAT included.",
        ("--amount", "5", "--line", "1"): "--amount: Credit either lines or an amount.",
        ("--date", "2026-03-01"): "--date: A credit note cannot be dated before its invoice.",
    }
    for args, message in refused.items():
        status, out, err = cli("credit-notes", "add", "--invoice", "F-2026-00001", *args)
        assert (status, out) == (2, ""), args
        assert err.startswith(message), (args, err)
    status, _out, err = cli("credit-notes", "add", "--invoice", "F-2026-00042")
    assert status == 4 and "F-2026-00042" in err
    draft = cli("invoices", "add", "--customer", "1", "--item", "MACH")[1].strip()
    status, _out, err = cli("credit-notes", "add", "--invoice", f"#{draft}")
    assert status == 5 and "is a draft" in err
    for command in ("show", "pdf"):
        extra = ["-o", os.devnull] if command == "pdf" else []
        assert cli("credit-notes", command, "A-2026-00009", *extra)[0] == 4
    assert notes(cli) == []
    assert shown(cli, "F-2026-00001")["open_amount"] == "62.31"
    # Nothing was numbered by the refusals.
    assert cli("credit-notes", "add", "--invoice", "F-2026-00001")[1] == "A-2026-00001\n"


def test_pdf_of_a_credit_note_names_its_invoice(cli: Any, tmp_path: Path) -> None:
    import pypdf

    assert cli("credit-notes", "add", "--invoice", "F-2026-00001", "--line", "2")[0] == 0
    target = tmp_path / "avoir.pdf"
    assert cli("credit-notes", "pdf", "a-2026-00001", "-o", str(target)) == (
        0, f"{target}\n", "")  # fmt: skip
    text = "".join(page.extract_text() for page in pypdf.PdfReader(target).pages)
    assert "A-2026-00001" in text and "F-2026-00001" in text


def run(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "COMPTOIR_DB"}
    return subprocess.run(
        [sys.executable, "-m", "tui.cli", "--db", str(db), "--lang", "en", *args],
        capture_output=True, text=True, cwd=ROOT, env=env, timeout=120,
    )  # fmt: skip


def test_a_script_invoices_credits_verifies_and_prints_everything(
    shop_db: Path,  # noqa: F811
    tmp_path: Path,
) -> None:
    """Real processes on today's calendar: what a shop's nightly script would run."""
    with opened(shop_db):
        from models.customer_records import CustomerInput
        from models.customers import create_customer

        create_customer(CustomerInput(name="Jansen B.V."), "script", force=True)
    done = run(shop_db, "invoices", "add", "--customer", "1", "--line", "Conseil|2|150|20",
               "--issue")  # fmt: skip
    year = dt.date.today().year
    assert (done.returncode, done.stdout, done.stderr) == (0, f"F-{year}-00001\n", "")
    done = run(shop_db, "credit-notes", "add", "--invoice", f"F-{year}-00001", "--amount", "60")
    assert (done.returncode, done.stdout, done.stderr) == (0, f"A-{year}-00001\n", "")
    done = run(shop_db, "invoices", "show", f"F-{year}-00001", "--format", "json")
    assert json.loads(done.stdout)["open_amount"] == "300.00"
    done = run(shop_db, "verify")
    assert (done.returncode, done.stdout) == (
        0, "2 issued documents checked: the chain and the ledger hold.\n")  # fmt: skip
    folder = tmp_path / "documents"
    done = run(shop_db, "invoices", "pdf", "--all", "-o", str(folder))
    # Not a terminal: no progress bar, only the folder.
    assert (done.returncode, done.stdout, done.stderr) == (0, f"{folder}\n", "")
    assert sorted(p.name for p in folder.iterdir()) == [f"A-{year}-00001.pdf",
                                                        f"F-{year}-00001.pdf"]  # fmt: skip
    done = run(shop_db, "invoices", "issue", f"F-{year}-00001")
    assert done.returncode == 5 and "Traceback" not in done.stderr
