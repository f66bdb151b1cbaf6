"""The CLI as scripts use it: a real process, its stdout, stderr and exit code."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SEARCH_KEYS = ["number", "name", "status", "kind", "email", "phone", "street", "postal_code",
               "city", "country", "siren", "vat", "balance"]  # fmt: skip


def run(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "COMPTOIR_DB"}
    return subprocess.run(
        [sys.executable, "-m", "tui.cli", "--db", str(db), "--lang", "en", *args],
        capture_output=True, text=True, cwd=ROOT, env=env, timeout=60,
    )  # fmt: skip


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "cli.db"


def add(db: Path, *args: str) -> str:
    done = run(db, "customers", "add", *args)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_add_prints_the_new_number_alone(db: Path) -> None:
    done = run(db, "customers", "add", "--name", "Boulangerie Martin", "--postal-code",
               "75011", "--city", "Paris", "--phone", "06 12 34 56 78")  # fmt: skip
    assert (done.returncode, done.stdout, done.stderr) == (0, "C000001\n", "")


def test_invalid_field_exits_2_naming_it_and_writes_nothing(db: Path) -> None:
    done = run(db, "customers", "add", "--name", "Martin", "--postal-code", "123",
               "--email", "not-an-address")  # fmt: skip
    assert done.returncode == 2
    lines = done.stderr.splitlines()
    assert any(line.startswith("postal_code: ") for line in lines)
    assert any(line.startswith("email: ") for line in lines)
    assert "Traceback" not in done.stderr and done.stdout == ""
    listed = run(db, "customers", "search", "martin", "--all", "--format", "json")
    assert json.loads(listed.stdout) == []


def test_show_and_search_json_keys_and_values(db: Path) -> None:
    number = add(db, "--name", "École Étoile", "--kind", "company", "--email", "a@ecole.fr",
                 "--postal-code", "75011", "--city", "Paris", "--status", "customer",
                 "--contact", "Jean Dupont|Directeur|0612345678|jean@ecole.fr",
                 "--notes", "livraison le matin")  # fmt: skip
    found = json.loads(run(db, "customers", "search", "ecole", "--format", "json").stdout)
    assert [list(hit) for hit in found] == [SEARCH_KEYS]
    assert found[0]["number"] == number and found[0]["balance"] == "0.00"
    shown = json.loads(run(db, "customers", "show", number, "--format", "json").stdout)
    assert list(shown) == [*SEARCH_KEYS, "contacts", "terms", "rep", "notes", "price_list"]
    assert shown["name"] == "École Étoile" and shown["status"] == "customer"
    assert shown["contacts"] == [{"name": "Jean Dupont", "role": "Directeur",
                                  "phone": "0612345678", "email": "jean@ecole.fr"}]
    assert (shown["terms"], shown["notes"], shown["balance"]) == ("30d", "livraison le matin",
                                                                  "0.00")  # fmt: skip


def test_unknown_customer_exits_4(db: Path) -> None:
    done = run(db, "customers", "show", "C999999")
    assert done.returncode == 4 and "C999999" in done.stderr and "Traceback" not in done.stderr


def test_deactivated_customer_is_found_only_with_all(db: Path) -> None:
    number = add(db, "--name", "Garage Lefèvre")
    assert run(db, "customers", "deactivate", number).returncode == 0
    hidden = json.loads(run(db, "customers", "search", "garage", "--format", "json").stdout)
    shown = json.loads(run(db, "customers", "search", "garage", "--all", "--format",
                           "json").stdout)  # fmt: skip
    assert hidden == [] and [(h["number"], h["status"]) for h in shown] == [(number, "inactive")]


def test_import_cp1252_semicolons_french_headers_reports_bad_lines(
    db: Path, tmp_path: Path
) -> None:
    source = tmp_path / "clients.csv"
    source.write_bytes(
        "Raison sociale;Code postal;Ville;Téléphone;Courriel\r\n"
        "Crêperie Bréhat;29200;Brest;02 98 00 00 00;contact@creperie.fr\r\n"
        "Sans Code;123;Brest;;\r\n"
        "Épicerie Noël;35000;Rennes;;\r\n".encode("cp1252")
    )  # fmt: skip
    done = run(db, "customers", "import", str(source))
    assert done.returncode == 2
    assert done.stdout.strip() == "2 imported, 1 rejected"
    assert done.stderr.splitlines() == [
        "line 3: postal_code: Postcode for FR: 5 digits, e.g. 75011."
    ]
    names = json.loads(run(db, "customers", "search", "brest", "--format", "json").stdout)
    assert [n["name"] for n in names] == ["Crêperie Bréhat"]
    assert json.loads(run(db, "customers", "search", "noel", "--format", "json").stdout)


def test_import_utf8_bom_commas_dry_run_writes_nothing(db: Path, tmp_path: Path) -> None:
    source = tmp_path / "customers.csv"
    # A Greek postcode needs its country: the shop's default country is FR.
    source.write_text("\ufeffName,Postcode,City,E-mail,Pays\n"
                      "Παπαδόπουλος ΑΕ,546 21,Θεσσαλονίκη,info@papad.gr,GR\n",
                      encoding="utf-8")  # fmt: skip
    dry = run(db, "customers", "import", str(source), "--dry-run")
    assert (dry.returncode, dry.stderr) == (0, "")
    assert dry.stdout.startswith("1 would be imported, 0 rejected")
    assert json.loads(run(db, "customers", "search", "papad", "--format", "json").stdout) == []
    done = run(db, "customers", "import", str(source))
    assert (done.returncode, done.stdout.strip()) == (0, "1 imported, 0 rejected")
    found = json.loads(run(db, "customers", "search", "papad", "--format", "json").stdout)
    assert [(f["name"], f["postal_code"], f["country"]) for f in found] == [
        ("Παπαδόπουλος ΑΕ", "546 21", "GR")
    ]


def test_export_then_import_gives_the_same_customers(db: Path, tmp_path: Path) -> None:
    first = add(db, "--name", "Boulangerie Martin", "--street", "12 rue de la Paix",
                "--postal-code", "75002", "--city", "Paris", "--phone", "01 42 00 00 00",
                "--contact", "Anne|Gérante|0612345678|anne@martin.fr",
                "--contact", "Paul|Compta||paul@martin.fr", "--credit-limit", "1500,5",
                "--notes", "Code porte 1234; sonner", "--terms", "45eom")  # fmt: skip
    second = add(db, "--name", "Jansen B.V.", "--country", "NL", "--postal-code", "2578 LJ",
                 "--city", "Den Haag", "--kind", "company", "--status", "customer")
    run(db, "customers", "deactivate", second)
    exported = tmp_path / "export.csv"
    done = run(db, "customers", "export", "-o", str(exported))
    assert done.returncode == 0, done.stderr
    assert exported.stat().st_mode & 0o777 == 0o600
    assert exported.read_bytes().startswith(b"\xef\xbb\xbf")
    other = tmp_path / "other.db"
    loaded = run(other, "customers", "import", str(exported))
    assert (loaded.returncode, loaded.stdout.strip()) == (0, "2 imported, 0 rejected")
    for number in (first, second):
        before = json.loads(run(db, "customers", "show", number, "--format", "json").stdout)
        after = json.loads(run(other, "customers", "show", number, "--format", "json").stdout)
        assert after == before


def test_demo_refuses_a_database_with_customers(db: Path) -> None:
    add(db, "--name", "Déjà Là")
    done = run(db, "demo", "--customers", "10")
    assert done.returncode == 5 and "Traceback" not in done.stderr and done.stderr


def test_unexpected_error_has_no_traceback_unless_debug(tmp_path: Path) -> None:
    broken = tmp_path / "broken.db"
    broken.write_bytes(b"this is not a database" * 100)
    done = run(broken, "customers", "search", "x")
    assert done.returncode == 1 and done.stderr and "Traceback" not in done.stderr
    debug = run(broken, "--debug", "customers", "search", "x")
    assert debug.returncode == 1 and "Traceback" in debug.stderr


def test_table_shows_hostile_names_without_raw_escapes(db: Path) -> None:
    number = add(db, "--name", "Evil \x1b[31mRed\x1b[0m [/] [@click=app.quit]x Corp")
    done = run(db, "customers", "search", "evil")
    assert done.returncode == 0
    assert "\x1b" not in done.stdout
    assert number in done.stdout and "[/]" in done.stdout and "[@click=app.quit]x" in done.stdout
    shown = run(db, "customers", "show", number)
    assert "\x1b" not in shown.stdout and "[/]" in shown.stdout
