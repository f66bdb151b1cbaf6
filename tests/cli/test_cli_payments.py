"""Payments from the command line: money received settles the oldest invoices first or
the ones named, the rest is credit that is applied, refunded or moved; reversals; the
fixed JSON keys; refusals with their exit codes (2 naming the option, 4, 5), and the
ledger still verifying afterwards. In-process, but for two real processes that check
the exit codes and stderr a script sees."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from test_cli_catalog import (
    add_items,
    shop_db,  # noqa: F401  (a fixture, used by name)
)
from test_cli_catalog import cli as shop_cli  # noqa: F401  (a fixture, used by name)
from test_cli_invoices import cli, draft, issued, listed  # noqa: F401  (cli: a fixture)
from test_cli_quotes import frozen_today  # noqa: F401  (a fixture, used by name)
from test_cli_subprocess import run

LIST_KEYS = ["id", "date", "customer", "name", "direction", "kind", "amount", "currency",
             "method", "reference", "allocated", "unallocated", "reverses",
             "reversed_by"]  # fmt: skip
SHOW_KEYS = [*LIST_KEYS, "exchange_rate", "note", "allocations"]
ALLOCATION_KEYS = ["document", "kind", "amount", "date", "note", "exchange_difference"]


def shown(cli: Any, payment: str) -> dict[str, Any]:  # noqa: F811
    status, out, err = cli("payments", "show", payment, "--format", "json")
    assert status == 0, err
    found: dict[str, Any] = json.loads(out)
    return found


def open_amounts(cli: Any) -> dict[str, tuple[str, str]]:  # noqa: F811
    return {i["number"]: (i["open_amount"], i["status"]) for i in listed(cli)}


def test_oldest_first_then_credit_applied_and_refunded(cli: Any) -> None:  # noqa: F811
    # Today 2026-03-14: 10 × CAF-250 = 44.31 and one MACH = 1078.80, both due in 30 days.
    small, big = issued(cli, "--item", "CAF-250*10"), issued(cli, "--item", "MACH")
    assert cli("payments", "add", "--customer", "1", "--amount", "20", "--method", "cheque",
               "--reference", "CHQ 881") == (0, "1\n", "")  # fmt: skip
    assert open_amounts(cli) == {small: ("24.31", "partial"), big: ("1078.80", "open")}

    status, out, err = cli("payments", "add", "--customer", "c1", "--amount", "2000,00")
    assert (status, out, err) == (0, "2\n", "896.89 EUR left as C000001's credit.\n")
    assert open_amounts(cli) == {small: ("0.00", "paid"), big: ("0.00", "paid")}
    customer = json.loads(cli("customers", "show", "1", "--format", "json")[1])
    assert customer["balance"] == "-896.89"

    # Issuing tells of the credit; --apply-credit uses it; stdout keeps the number alone.
    hinted = draft(cli, "--item", "CAF-250*10")
    status, out, err = cli("invoices", "issue", hinted)
    assert (status, out) == (0, "F-2026-00003\n")
    assert err == ("C000001 has 896.89 EUR of credit: apply it with "
                   "`comptoir payments apply --invoice F-2026-00003`\n")  # fmt: skip
    status, out, err = cli("invoices", "issue", draft(cli, "--item", "CAF-250*10"),
                           "--apply-credit")  # fmt: skip
    assert (status, out) == (0, "F-2026-00004\n")
    assert err == "44.31 EUR of C000001's credit applied to F-2026-00004.\n"
    assert cli("payments", "apply", "--invoice", "f-2026-00003", "--amount", "4.31") == (
        0, "4.31\n", "")  # fmt: skip
    assert open_amounts(cli)["F-2026-00003"] == ("40.00", "partial")

    payments = json.loads(cli("payments", "list", "--format", "json")[1])
    assert [list(p) for p in payments] == [LIST_KEYS] * 2
    assert [(p["id"], p["amount"], p["unallocated"]) for p in payments] == [
        (2, "2000.00", "848.27"), (1, "20.00", "0.00")]  # fmt: skip
    assert (payments[1]["method"], payments[1]["reference"]) == ("cheque", "CHQ 881")
    record = shown(cli, "#2")
    assert list(record) == SHOW_KEYS and list(record["allocations"][0]) == ALLOCATION_KEYS
    assert [(a["document"], a["amount"]) for a in record["allocations"]] == [
        (small, "24.31"), (big, "1078.80"), ("F-2026-00004", "44.31"),
        ("F-2026-00003", "4.31")]  # fmt: skip

    # The credit paid back: more than there is is a conflict, the rest a refund.
    status, _out, err = cli("payments", "refund", "--customer", "1", "--amount", "900")
    assert status == 5 and "848.27 EUR" in err
    assert cli("payments", "refund", "--customer", "1", "--amount", "48.27", "--from", "2",
               "--method", "transfer") == (0, "3\n", "")  # fmt: skip
    refund = shown(cli, "3")
    assert (refund["direction"], refund["kind"], refund["unallocated"]) == ("out", "refund",
                                                                            "0.00")  # fmt: skip
    assert [(a["document"], a["kind"], a["amount"]) for a in refund["allocations"]] == [
        ("#2", "payment", "48.27")]  # fmt: skip
    assert json.loads(cli("customers", "show", "1", "--format", "json")[1])["balance"] == (
        "-760.00")  # fmt: skip
    assert cli("verify")[0] == 0


def test_allocations_as_typed_moved_and_refused(cli: Any) -> None:  # noqa: F811
    small, big = issued(cli, "--item", "CAF-250*10"), issued(cli, "--item", "MACH")
    status, out, err = cli("payments", "add", "--customer", "1", "--amount", "150",
                           "--invoice", f"{big}:100", "--invoice", small)  # fmt: skip
    assert (status, out, err) == (0, "1\n", "5.69 EUR left as C000001's credit.\n")
    assert open_amounts(cli) == {small: ("0.00", "paid"), big: ("978.80", "partial")}

    status, _out, err = cli("payments", "add", "--customer", "1", "--amount", "2000",
                            "--invoice", f"{big}:1000")  # fmt: skip
    assert status == 5 and err.startswith(f"{big} has only 978.80 EUR left to pay")
    assert cli("payments", "add", "--customer", "1", "--amount", "0") == (
        2, "", "amount: An amount above 0.\n")  # fmt: skip
    status, _out, err = cli("payments", "add", "--customer", "1", "--amount", "5",
                            "--invoice", f"{big}:x", "--invoice", "F-2026-00099")  # fmt: skip
    assert status == 2
    assert err.splitlines() == [
        f"--invoice {big}:x: Not an amount.",
        "--invoice F-2026-00099: No issued invoice F-2026-00099.",
    ]
    assert cli("payments", "add", "--customer", "9", "--amount", "5")[0] == 4
    assert cli("payments", "list", "--customer", "9")[0] == 4
    assert len(json.loads(cli("payments", "list", "--format", "json")[1])) == 1

    # What #1 set against the MACH invoice, moved in part onto a new one.
    later = issued(cli, "--item", "CAF-250*10")
    assert cli("payments", "move", "#1", "--from-invoice", big, "--to-invoice", later,
               "--amount", "40") == (0, "40.00\n", "")  # fmt: skip
    assert open_amounts(cli) == {small: ("0.00", "paid"), big: ("1018.80", "partial"),
                                 later: ("4.31", "partial")}  # fmt: skip
    status, _out, err = cli("payments", "move", "1", "--from-invoice", later, "--to-invoice",
                            big, "--amount", "50")  # fmt: skip
    assert status == 5 and err.startswith(f"#1 has only 40.00 EUR on {later}")
    assert cli("verify")[0] == 0


def test_a_reversal_reopens_what_it_settled_and_is_done_once(cli: Any) -> None:  # noqa: F811
    small = issued(cli, "--item", "CAF-250*10")
    assert cli("payments", "add", "--customer", "1", "--amount", "44.31")[1] == "1\n"
    assert cli("payments", "reverse", "1", "--reason", "wrong customer") == (0, "2\n", "")
    assert open_amounts(cli) == {small: ("44.31", "open")}
    assert (shown(cli, "1")["reversed_by"], shown(cli, "2")["reverses"]) == (2, 1)
    status, _out, err = cli("payments", "reverse", "#1")
    assert (status, err) == (5, "#1 was already reversed by #2.\n")
    assert cli("payments", "reverse", "2")[0] == 5
    assert cli("payments", "reverse", "99")[0] == 4
    table = cli("payments", "list")[1]
    assert "reversal" in table and "Unallocated" in table
    assert json.loads(cli("customers", "show", "1", "--format", "json")[1])["balance"] == (
        "44.31")  # fmt: skip
    assert cli("verify")[0] == 0


def test_scripts_see_exit_codes_and_no_traceback(shop_cli: Any, shop_db: Path) -> None:  # noqa: F811
    add_items(shop_cli)
    shop_cli("customers", "add", "--name", "Boulangerie Fernandez", "--kind", "company")
    assert shop_cli("invoices", "add", "--customer", "1", "--item", "MACH", "--issue")[0] == 0
    assert shop_cli("payments", "add", "--customer", "1", "--amount", "100")[1] == "1\n"
    assert shop_cli("payments", "reverse", "1")[1] == "2\n"
    again = run(shop_db, "payments", "reverse", "1")
    assert (again.returncode, again.stdout, again.stderr) == (
        5, "", "#1 was already reversed by #2.\n")  # fmt: skip
    bad = run(shop_db, "payments", "add", "--customer", "1", "--amount", "0")
    assert (bad.returncode, bad.stdout, bad.stderr) == (2, "", "amount: An amount above 0.\n")
