"""merge, anonymize, delete and retention from the command line."""

from __future__ import annotations

import json
from pathlib import Path

from tests.cli.test_cli_subprocess import add, db, run

__all__ = ["db"]  # the fixture, imported for pytest


def test_merge_prints_the_survivor_and_show_follows_the_merged_number(db: Path) -> None:
    keep = add(db, "--name", "Boulangerie Dupont", "--phone", "01 43 55 12 12")
    other = add(db, "--name", "Dupont Boulangerie", "--email", "compta@dupont.fr", "--force")
    done = run(db, "--operator", "carol", "customers", "merge", keep, other, "--take", "email")
    assert (done.returncode, done.stdout, done.stderr) == (0, f"{keep}\n", "")
    shown = run(db, "customers", "show", other, "--format", "json")
    assert shown.returncode == 0 and f"{other} was merged into {keep}" in shown.stderr
    record = json.loads(shown.stdout)
    assert (record["number"], record["email"]) == (keep, "compta@dupont.fr")
    again = run(db, "customers", "merge", keep, other)
    assert again.returncode == 5 and "already merged" in again.stderr
    bad = run(db, "customers", "merge", keep, keep)
    assert bad.returncode == 2
    assert run(db, "customers", "merge", keep, "C999999").returncode == 4


def test_anonymize_erases_and_says_so(db: Path) -> None:
    number = add(db, "--name", "Jeanne Morel", "--kind", "individual", "--phone",
                 "06 12 34 56 78", "--email", "jeanne@morel.fr")  # fmt: skip
    done = run(db, "customers", "anonymize", number)
    assert (done.returncode, done.stdout.strip()) == (0, f"{number} anonymised.")
    record = json.loads(run(db, "customers", "show", number, "--format", "json").stdout)
    assert (record["name"], record["phone"], record["email"]) == ("—", "", "")
    assert run(db, "customers", "anonymize", number).returncode == 5


def test_delete_only_a_prospect(db: Path) -> None:
    prospect = add(db, "--name", "Salon Beauté")
    customer = add(db, "--name", "Client Fidèle", "--status", "customer")
    refused = run(db, "customers", "delete", customer)
    assert refused.returncode == 5 and "Only a prospect" in refused.stderr
    done = run(db, "customers", "delete", prospect)
    assert (done.returncode, done.stdout.strip()) == (0, f"{prospect} deleted.")
    assert run(db, "customers", "show", prospect).returncode == 4


def test_retention_lists_and_anonymises(db: Path) -> None:
    number = add(db, "--name", "Ancien Client")
    listed = run(db, "customers", "retention", "--as-of", "2040-01-01", "--format", "json")
    rows = json.loads(listed.stdout)
    assert [r["number"] for r in rows] == [number]
    assert set(rows[0]) == {"number", "name", "city", "last_activity", "due_since"}
    assert json.loads(run(db, "customers", "retention", "--format", "json").stdout) == []
    assert run(db, "customers", "retention", "--as-of", "2040-13-01").returncode == 2
    done = run(db, "customers", "retention", "--as-of", "2040-01-01", "--anonymize")
    assert done.returncode == 0 and "1 customer anonymised" in done.stderr
    assert json.loads(run(db, "customers", "retention", "--as-of", "2040-01-01",
                          "--format", "json").stdout) == []  # fmt: skip
