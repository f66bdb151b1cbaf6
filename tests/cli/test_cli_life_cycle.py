"""merge, anonymize, delete and retention from the command line: exit codes, what goes
to stdout (for scripts) and to stderr (for the operator), the question asked on a
terminal."""

from __future__ import annotations

import csv
import io
import json
import os
import pty
import subprocess
import sys
from pathlib import Path

from tests.cli.test_cli_subprocess import ROOT, add, db, run

__all__ = ["db"]  # the fixture, imported for pytest


def run_on_terminal(db: Path, typed: str | None, *args: str) -> subprocess.CompletedProcess[str]:
    """The command with a terminal as its stdin, on which the operator types `typed`
    (None: types nothing, so a question asked would wait until the timeout)."""
    env = {k: v for k, v in os.environ.items() if k != "COMPTOIR_DB"}
    main, terminal = pty.openpty()
    try:
        if typed is not None:
            os.write(main, (typed + "\n").encode())
        return subprocess.run(
            [sys.executable, "-m", "tui.cli", "--db", str(db), "--lang", "en", *args],
            stdin=terminal, capture_output=True, text=True, cwd=ROOT, env=env, timeout=30,
        )  # fmt: skip
    finally:
        os.close(terminal)
        os.close(main)


def show(db: Path, number: str) -> dict[str, object]:
    done = run(db, "customers", "show", number, "--format", "json")
    assert done.returncode == 0, done.stderr
    record: dict[str, object] = json.loads(done.stdout)
    return record


def test_merge_prints_the_survivor_and_show_follows_the_merged_number(db: Path) -> None:
    keep = add(db, "--name", "Boulangerie Dupont", "--phone", "01 43 55 12 12")
    other = add(db, "--name", "Dupont Boulangerie", "--email", "compta@dupont.fr", "--force")
    done = run(db, "--operator", "carol", "customers", "merge", keep, other, "--take", "email")
    assert (done.returncode, done.stdout, done.stderr) == (0, f"{keep}\n", "")
    shown = run(db, "customers", "show", other, "--format", "json")
    assert shown.returncode == 0 and shown.stderr == f"{other} was merged into {keep}.\n"
    record = json.loads(shown.stdout)
    assert (record["number"], record["email"]) == (keep, "compta@dupont.fr")
    assert run(db, "customers", "show", keep).stderr == ""
    for query in (other, str(int(other[1:]))):
        found = json.loads(run(db, "customers", "search", query, "--format", "json").stdout)
        assert [r["number"] for r in found] == [keep], query
    history = run(db, "customers", "history", other).stdout
    assert keep in history and "carol" in history


def test_merge_refusals_and_their_exit_codes(db: Path) -> None:
    keep = add(db, "--name", "Salon Lina")
    other = add(db, "--name", "Salon Lina", "--postal-code", "69001", "--city", "Lyon",
                "--force")  # fmt: skip
    unknown = run(db, "customers", "merge", keep, other, "--take", "email,colour")
    assert unknown.returncode == 2 and unknown.stderr.startswith("take: ")
    assert "colour" in unknown.stderr
    alone = run(db, "customers", "merge", keep, other, "--take", "postal-code")
    assert alone.returncode == 2 and alone.stderr.startswith("city: ")  # a postcode alone
    same = run(db, "customers", "merge", keep, keep.lower())
    assert same.returncode == 2 and "itself" in same.stderr
    assert run(db, "customers", "merge", keep, "C999999").returncode == 4
    done = run(db, "customers", "merge", keep, other, "--take", "postal-code,city")
    assert done.returncode == 0
    assert (show(db, keep)["postal_code"], show(db, keep)["city"]) == ("69001", "Lyon")
    again = run(db, "customers", "merge", keep, other)
    assert again.returncode == 5 and f"{other} was already merged into {keep}" in again.stderr
    for result in (unknown, alone, same, again):
        assert result.stdout == "" and "Traceback" not in result.stderr


def test_anonymize_erases_and_says_so(db: Path) -> None:
    number = add(db, "--name", "Jeanne Morel", "--kind", "individual", "--phone",
                 "06 12 34 56 78", "--email", "jeanne@morel.fr", "--notes", "voisine")  # fmt: skip
    done = run(db, "customers", "anonymize", number)  # a script: no terminal, no question
    assert (done.returncode, done.stdout, done.stderr) == (0, f"{number} anonymised.\n", "")
    record = show(db, number)
    assert (record["name"], record["phone"], record["email"], record["notes"]) == (
        "—", "", "", "")  # fmt: skip
    assert record["status"] == "inactive"
    again = run(db, "customers", "anonymize", number)
    assert again.returncode == 5 and "already anonymised" in again.stderr
    assert json.loads(run(db, "customers", "search", "morel", "--all", "--format",
                          "json").stdout) == []  # fmt: skip


def test_anonymize_on_a_terminal_asks_to_retype_the_number(db: Path) -> None:
    name = "Jeanne {answer} Morel\x1b]0;owned\x07"  # braces and a terminal title sequence
    number = add(db, "--name", name, "--kind", "individual")
    wrong = run_on_terminal(db, "C000002", "customers", "anonymize", number)
    assert wrong.returncode == 2 and wrong.stdout == ""
    assert f"Type {number} to confirm:" in wrong.stderr and "Nothing done." in wrong.stderr
    assert "Jeanne {answer} Morel" in wrong.stderr and "\x1b" not in wrong.stderr
    assert show(db, number)["name"] == name
    nothing = run_on_terminal(db, "", "customers", "anonymize", number)
    assert nothing.returncode == 2 and show(db, number)["name"] == name
    right = run_on_terminal(db, number.lower(), "customers", "anonymize", number)
    assert (right.returncode, right.stdout) == (0, f"{number} anonymised.\n")
    assert show(db, number)["name"] == "—"


def test_anonymize_refuses_before_asking(db: Path) -> None:
    keep = add(db, "--name", "Jeanne Morel", "--kind", "individual")
    other = add(db, "--name", "Jeanne Morel", "--kind", "individual", "--force")
    assert run(db, "customers", "merge", keep, other).returncode == 0
    refused = run_on_terminal(db, None, "customers", "anonymize", other)
    assert refused.returncode == 5 and "merged into another customer" in refused.stderr
    assert "confirm" not in refused.stderr
    assert run_on_terminal(db, None, "customers", "anonymize", "C000099").returncode == 4
    yes = run_on_terminal(db, None, "customers", "anonymize", keep, "--yes")
    assert (yes.returncode, yes.stdout) == (0, f"{keep} anonymised.\n")


def test_delete_only_a_prospect(db: Path) -> None:
    prospect = add(db, "--name", "Salon Beauté")
    customer = add(db, "--name", "Client Fidèle", "--status", "customer")
    refused = run(db, "customers", "delete", customer)
    assert refused.returncode == 5 and "Only a prospect" in refused.stderr
    assert refused.stdout == "" and "Traceback" not in refused.stderr
    assert run(db, "customers", "delete", "C000042").returncode == 4
    kept = run_on_terminal(db, "no", "customers", "delete", prospect)
    assert kept.returncode == 2 and "Nothing done." in kept.stderr
    done = run(db, "customers", "delete", prospect)
    assert (done.returncode, done.stdout) == (0, f"{prospect} deleted.\n")
    assert run(db, "customers", "show", prospect).returncode == 4
    assert add(db, "--name", "Suivant") == "C000003"  # numbers are never given again


def test_retention_lists_and_anonymises(db: Path) -> None:
    number = add(db, "--name", "Ancien Client", "--city", "Brest", "--postal-code", "29200")
    listed = run(db, "customers", "retention", "--as-of", "2040-01-01", "--format", "json")
    rows = json.loads(listed.stdout)
    assert [r["number"] for r in rows] == [number]
    assert set(rows[0]) == {"number", "name", "city", "last_activity", "due_since"}
    assert rows[0]["city"] == "Brest"
    as_csv = run(db, "customers", "retention", "--as-of", "2040-01-01", "--format", "csv")
    [row] = list(csv.DictReader(io.StringIO(as_csv.stdout)))
    assert (row["number"], row["name"]) == (number, "Ancien Client")
    table = run(db, "customers", "retention", "--as-of", "2040-01-01").stdout
    assert "Due since" in table and number in table
    assert json.loads(run(db, "customers", "retention", "--format", "json").stdout) == []
    bad = run(db, "customers", "retention", "--as-of", "2040-13-01")
    assert bad.returncode == 2 and "YYYY-MM-DD" in bad.stderr


def test_bulk_anonymisation_from_a_script_needs_yes(db: Path) -> None:
    number = add(db, "--name", "Ancien Client")
    args = ("customers", "retention", "--as-of", "2040-01-01", "--format", "json", "--anonymize")
    refused = run(db, *args)
    assert refused.returncode == 2 and "--yes" in refused.stderr
    assert show(db, number)["name"] == "Ancien Client"
    done = run(db, *args, "--yes")
    assert done.returncode == 0 and "1 customer anonymised." in done.stderr
    assert [r["number"] for r in json.loads(done.stdout)] == [number]  # what was anonymised
    assert json.loads(run(db, *args[:-1]).stdout) == []


def test_bulk_anonymisation_on_a_terminal_asks_for_yes(db: Path) -> None:
    add(db, "--name", "Ancien Client")
    add(db, "--name", "Autre Client")
    args = ("customers", "retention", "--as-of", "2040-01-01", "--anonymize")
    kept = run_on_terminal(db, "y", *args)
    assert kept.returncode == 2 and "Type YES to confirm" in kept.stderr
    done = run_on_terminal(db, "yes", *args)
    assert done.returncode == 0 and "2 customers anonymised." in done.stderr
