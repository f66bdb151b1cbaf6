"""The CLI called in-process (`main([...])`): the cases that need no real process."""

from __future__ import annotations

import json
import sys
import types
from pathlib import Path
from typing import Any

import pytest

from tui.cli import main
from tui.language import setup_language


@pytest.fixture
def cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Any:
    db = tmp_path / "cli.db"

    def call(*args: str) -> tuple[int, str, str]:
        status = main(["--db", str(db), "--lang", "en", "--operator", "tester", *args])
        out, err = capsys.readouterr()
        return status, out, err

    return call


def test_edit_changes_only_the_given_fields(cli: Any) -> None:
    _s, number, _e = cli("customers", "add", "--name", "Martin", "--email", "a@martin.fr",
                         "--notes", "first", "--postal-code", "75011", "--city", "Paris")
    number = number.strip()
    assert cli("customers", "edit", number, "--notes", "second")[0] == 0
    shown = json.loads(cli("customers", "show", number, "--format", "json")[1])
    assert (shown["notes"], shown["email"], shown["postal_code"]) == ("second", "a@martin.fr",
                                                                      "75011")  # fmt: skip
    history = json.loads(cli("customers", "history", number, "--format", "json")[1])
    assert [h["event"] for h in history] == ["edited", "created"]
    assert history[0]["operator"] == "tester"
    assert history[0]["changes"] == [{"field": "notes", "old": "first", "new": "second"}]


def test_edit_without_options_and_bad_edit_exit_2(cli: Any) -> None:
    number = cli("customers", "add", "--name", "Martin")[1].strip()
    assert cli("customers", "edit", number)[0] == 2
    status, _out, err = cli("customers", "edit", number, "--country", "NL", "--postal-code",
                            "75011")  # fmt: skip
    assert status == 2 and err.startswith("postal_code: ")


def test_reactivate_restores_the_status(cli: Any) -> None:
    number = cli("customers", "add", "--name", "Martin", "--status", "customer")[1].strip()
    assert cli("customers", "deactivate", number)[0] == 0
    assert cli("customers", "reactivate", number)[0] == 0
    assert json.loads(cli("customers", "show", number, "--format", "json")[1])["status"] == (
        "customer")  # fmt: skip


def test_search_csv_has_a_header_row_and_respects_limit(cli: Any) -> None:
    for name in ("Alpha Bois", "Beta Bois", "Gamma Bois"):
        cli("customers", "add", "--name", name)
    status, out, _err = cli("customers", "search", "bois", "--limit", "2", "--format", "csv")
    lines = out.splitlines()
    assert status == 0 and lines[0].startswith("number,name,status,kind,")
    assert [line.split(",")[1] for line in lines[1:]] == ["Alpha Bois", "Beta Bois"]


def test_unknown_rep_is_refused_then_accepted_once_added(cli: Any) -> None:
    status, _out, err = cli("customers", "add", "--name", "Martin", "--rep", "ml")
    assert status == 2 and err.startswith("rep: ")
    assert cli("reps", "add", "ml", "Marie Leroy")[1] == "ML\n"
    number = cli("customers", "add", "--name", "Martin", "--rep", "ml")[1].strip()
    assert json.loads(cli("customers", "show", number, "--format", "json")[1])["rep"] == "ML"
    reps = json.loads(cli("reps", "list", "--format", "json")[1])
    assert reps == [{"code": "ML", "name": "Marie Leroy", "active": True}]


def test_settings_set_and_show(cli: Any) -> None:
    status, _out, err = cli("settings", "set", "default_terms", "30d")
    assert status == 2 and err.startswith("company_name: ")
    assert cli("settings", "set", "company_name", "Comptoir SARL")[0] == 0
    assert cli("settings", "set", "email_mandatory", "oui")[0] == 0
    assert cli("settings", "set", "no_such_key", "x")[0] == 2
    shown = json.loads(cli("settings", "show", "--format", "json")[1])
    assert shown["company_name"] == "Comptoir SARL" and shown["email_mandatory"] is True
    assert cli("customers", "add", "--name", "Sans Mail")[0] == 2


def test_demo_refuses_a_negative_number_of_invoices(cli: Any) -> None:
    status, _out, err = cli("demo", "--customers", "5", "--invoices", "-1")
    assert status == 2 and "--invoices" in err


def test_demo_fills_an_empty_database(cli: Any) -> None:
    assert cli("demo", "--customers", "30", "--quotes", "-1")[0] == 2
    status, out, err = cli("demo", "--customers", "30", "--seed", "3", "--quotes", "12")
    assert status == 0 and err == ""  # not a terminal: no progress bar
    assert out.startswith("30 demo customers, 65 items, 3 price lists, ")
    first = out.splitlines()[0]
    # The credit notes depend on today's date: how many invoices are old enough to credit.
    assert " 12 quotes, 30 invoices, " in first and first.endswith(" payments created.")
    found = json.loads(cli("customers", "search", "C000030", "--format", "json")[1])
    assert [f["number"] for f in found] == ["C000030"]


def test_export_formats_of_a_later_release_are_refused(cli: Any, tmp_path: Path) -> None:
    target = tmp_path / "out.xlsx"
    status, _out, err = cli("customers", "export", "-o", str(target), "--format", "xlsx")
    assert status == 2 and "xlsx" in err and not target.exists()


def test_export_refuses_to_overwrite(cli: Any, tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    target.write_text("keep me")
    status, _out, err = cli("customers", "export", "-o", str(target))
    assert status == 2 and err.startswith("output: ") and target.read_text() == "keep me"


def test_backup_writes_a_private_copy(cli: Any, tmp_path: Path) -> None:
    cli("customers", "add", "--name", "Martin")
    target = tmp_path / "copy.db"
    assert cli("backup", "-o", str(target))[0] == 0
    assert target.stat().st_mode & 0o777 == 0o600
    assert cli("backup", "-o", str(target))[0] == 2


def test_usage_errors_exit_2(cli: Any) -> None:
    assert cli("customers", "add")[0] == 2
    assert cli("customers", "search", "x", "--format", "yaml")[0] == 2
    assert cli("customers")[0] == 2
    assert cli("customers", "search", "x", "--limit", "0")[0] == 2


def test_no_command_starts_the_tui_with_the_options(
    cli: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    started: dict[str, Any] = {}

    class FakeApp:
        return_code = 0

        def __init__(self, **options: Any) -> None:
            started.update(options)

        def run(self, mouse: bool = True) -> None:
            started["run_mouse"] = mouse

    monkeypatch.setitem(sys.modules, "tui.app", types.SimpleNamespace(ComptoirApp=FakeApp))
    assert cli("--no-mouse")[0] == 0
    assert started == {"operator": "tester", "db_location": str(tmp_path / "cli.db"),
                       "mouse": False, "run_mouse": False}  # fmt: skip


def test_language_comes_from_the_option_else_the_setting_else_the_environment(
    cli: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from models.db import database

    cli("settings", "set", "company_name", "Comptoir SARL")
    cli("settings", "set", "interface_language", "fr")
    monkeypatch.setenv("LANGUAGE", "nl_NL")
    try:
        assert setup_language("el") == "el"
        assert setup_language(None) == "fr"
        monkeypatch.setattr(database, "obj", None)
        assert setup_language(None) == "nl"
    finally:
        setup_language("en")


def test_short_numbers_name_the_customer(cli: Any) -> None:
    cli("customers", "add", "--name", "Martin")
    for typed in ("1", "c1", "C000001"):
        shown = json.loads(cli("customers", "show", typed, "--format", "json")[1])
        assert shown["number"] == "C000001"


def test_progress_bar_only_on_a_terminal() -> None:
    import io

    from tui.cli_progress import progress_bar

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    assert progress_bar("Demo", io.StringIO()) is None
    screen = Terminal()
    bar = progress_bar("Demo", screen)
    assert bar is not None
    bar(5, 10)
    bar(10, 10)
    assert screen.getvalue().endswith("\rDemo [" + "#" * 30 + "] 10/10\n")
