"""Duplicates from the command line: `add`/`edit` exit 3 unless --force, the import skips
suspected duplicates, `customers duplicates` lists pairs."""

from __future__ import annotations

import json
from pathlib import Path

from tests.cli.test_cli_subprocess import add, db, run

__all__ = ["db"]  # the fixture, imported for pytest


def test_add_a_duplicate_exits_3_lists_the_match_and_writes_nothing(db: Path) -> None:
    first = add(db, "--name", "Boulangerie Dupont SARL", "--phone", "01 43 55 12 12",
                "--postal-code", "75011", "--city", "Paris")  # fmt: skip
    done = run(db, "customers", "add", "--name", "SARL Boulangerie Dupond",
               "--phone", "+33143551212")  # fmt: skip
    assert (done.returncode, done.stdout) == (3, "")
    assert first in done.stderr and "same phone" in done.stderr and "--force" in done.stderr
    assert "Traceback" not in done.stderr
    found = json.loads(run(db, "customers", "search", "boulangerie", "--format", "json").stdout)
    assert [f["number"] for f in found] == [first]


def test_force_saves_and_the_history_says_so(db: Path) -> None:
    first = add(db, "--name", "Fleurs Lemoine", "--email", "contact@lemoine.fr")
    done = run(db, "--operator", "bob", "customers", "add", "--name", "Lemoine Fleurs",
               "--email", "CONTACT@lemoine.fr", "--force")  # fmt: skip
    assert done.returncode == 0
    second = done.stdout.strip()
    history = json.loads(run(db, "customers", "history", second, "--format", "json").stdout)
    forced = [h for h in history if h["event"] == "created_anyway"]
    assert forced and forced[0]["operator"] == "bob" and first in forced[0]["summary"]


def test_edit_into_a_duplicate_exits_3(db: Path) -> None:
    add(db, "--name", "Garage du Centre", "--siren", "732829320")
    other = add(db, "--name", "Carrosserie Rapide")
    done = run(db, "customers", "edit", other, "--siren", "73282932000074")
    assert done.returncode == 3 and "same SIREN" in done.stderr
    assert run(db, "customers", "edit", other, "--siren", "73282932000074",
               "--force").returncode == 0  # fmt: skip


def test_import_skips_suspected_duplicates_unless_allowed(db: Path, tmp_path: Path) -> None:
    add(db, "--name", "Bakkerij de Vries B.V.", "--country", "NL", "--phone", "070 345 6789")
    source = tmp_path / "klanten.csv"
    source.write_text("name,phone,country,email\n"
                      "De Vries Bakkerij,+31703456789,NL,\n"
                      "Slagerij Jansen,,NL,info@jansen.nl\n"
                      "Jansen Slagerij BV,,NL,INFO@jansen.nl\n", encoding="utf-8")  # fmt: skip
    done = run(db, "customers", "import", str(source))
    assert done.returncode == 3
    assert done.stdout.strip() == "1 imported, 0 rejected, 2 skipped as suspected duplicates"
    lines = done.stderr.splitlines()
    assert lines[0].startswith("line 2: suspected duplicate of C000001")
    assert lines[1].startswith("line 4: suspected duplicate of line 3")
    allowed = run(db, "customers", "import", str(source), "--allow-duplicates")
    assert (allowed.returncode, allowed.stdout.strip()) == (0, "3 imported, 0 rejected")


def test_duplicates_lists_pairs_best_first(db: Path) -> None:
    a = add(db, "--name", "Παπαδόπουλος Α.Ε.", "--country", "GR", "--email", "info@papa.gr")
    b = add(db, "--name", "Papadopoulos AE", "--country", "GR", "--email", "info@papa.gr",
            "--force")  # fmt: skip
    c = add(db, "--name", "Martin", "--postal-code", "33000", "--city", "Bordeaux")
    d = add(db, "--name", "Martini", "--postal-code", "33000", "--city", "Bordeaux", "--force")
    add(db, "--name", "Garage du Centre")
    pairs = json.loads(run(db, "customers", "duplicates", "--format", "json").stdout)
    assert [(p["first"], p["second"]) for p in pairs] == [(a, b), (c, d)]
    assert set(pairs[0]) == {"first", "first_name", "second", "second_name", "score", "reasons"}
    assert "same e-mail" in pairs[0]["reasons"] and pairs[0]["score"] > pairs[1]["score"]
    table = run(db, "customers", "duplicates")
    assert table.returncode == 0 and "Papadopoulos AE" in table.stdout
