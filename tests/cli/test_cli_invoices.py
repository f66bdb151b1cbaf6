"""Invoices from the command line, in-process: drafts named by their id, issued under
gap-free numbers, the fixed JSON keys and money strings, statuses derived as a customer's
file shows them, refusals that leave nothing behind (exit 2, 4, 5), the legal-terms
warning and the credit limit's, exchange rates, printing one invoice or all of them, and
`verify`."""

from __future__ import annotations

import datetime as dt
import json
import re
import sqlite3
import stat
from pathlib import Path
from typing import Any

import pytest
from test_cli_catalog import (
    add_items,
    shop_db,  # noqa: F401  (a fixture, used by name)
)
from test_cli_catalog import cli as shop_cli  # noqa: F401  (a fixture, used by name)
from test_cli_quotes import frozen_today  # noqa: F401  (a fixture, used by name)

FIXED_KEYS = ["number", "date", "due_date", "customer", "currency", "total_excl", "total_tax",
              "total", "open_amount", "status"]  # fmt: skip
LIST_KEYS = [*FIXED_KEYS, "id", "kind", "name"]
SHOW_KEYS = [*LIST_KEYS, "service_date", "exchange_rate", "tax_treatment", "language", "terms",
             "payment_method", "reference", "notes", "quote", "credit_notes", "vat_breakdown",
             "lines"]  # fmt: skip
LINE_KEYS = ["code", "description", "quantity", "unit", "unit_price", "discount", "vat_rate",
             "net"]  # fmt: skip


@pytest.fixture
def cli(shop_cli: Any, frozen_today: dt.date) -> Any:  # noqa: F811
    """Today 2026-03-14; the French demo company, CAF-250 (4.20, 5.5 %) and MACH (899.00,
    20 %), and a company customer C000001 on 30 days."""
    add_items(shop_cli)
    assert shop_cli("customers", "add", "--name", "Boulangerie Fernandez", "--kind",
                    "company")[1] == "C000001\n"  # fmt: skip
    return shop_cli


def draft(cli: Any, *args: str) -> str:
    status, out, err = cli("invoices", "add", "--customer", "c1", *args)
    assert status == 0, err
    assert re.fullmatch(r"\d+\n", out)
    return str(out.strip())


def issued(cli: Any, *args: str) -> str:
    status, out, err = cli("invoices", "add", "--customer", "1", "--issue", *args)
    assert status == 0, err
    return str(out.strip())


def shown(cli: Any, reference: str) -> dict[str, Any]:
    status, out, err = cli("invoices", "show", reference, "--format", "json")
    assert status == 0, err
    found: dict[str, Any] = json.loads(out)
    return found


def listed(cli: Any, *args: str) -> list[dict[str, Any]]:
    status, out, err = cli("invoices", "list", "--format", "json", *args)
    assert status == 0, err
    found: list[dict[str, Any]] = json.loads(out)
    return found


def test_a_draft_is_named_by_its_id_and_issuing_prints_its_number(cli: Any) -> None:
    first = draft(cli, "--item", "CAF-250*10", "--line", "Livraison|1|15|20")
    record = shown(cli, f"#{first}")
    assert list(record) == SHOW_KEYS
    # By hand: 10 × 4.20 = 42.00 at 5.5 % → 2.31; 15.00 at 20 % → 3.00; total 62.31.
    assert (record["number"], record["status"], record["total_excl"], record["total_tax"],
            record["total"], record["open_amount"]) == (
        "", "draft", "57.00", "5.31", "62.31", "0.00")  # fmt: skip
    assert (record["date"], record["due_date"], record["exchange_rate"]) == (
        "2026-03-14", "2026-04-13", "")  # fmt: skip
    assert [list(line)[:8] for line in record["lines"]] == [LINE_KEYS] * 2
    assert cli("invoices", "issue", f"#{first}") == (0, "F-2026-00001\n", "")
    record = shown(cli, "f-2026-00001")
    assert (record["number"], record["status"], record["open_amount"], record["service_date"],
            record["exchange_rate"], record["id"]) == (
        "F-2026-00001", "open", "62.31", "2026-03-14", "1", int(first))  # fmt: skip
    status, out, err = cli("invoices", "issue", first)
    assert (status, out) == (5, "") and "F-2026-00001 is already issued" in err
    status, out, _err = cli("invoices", "show", "F-2026-00001")
    assert status == 0 and "Service date" in out and "62.31" in out


def test_add_issue_prints_the_number_and_a_refused_issue_keeps_no_draft(cli: Any) -> None:
    assert issued(cli, "--item", "MACH") == "F-2026-00001"
    status, out, err = cli("invoices", "add", "--customer", "1", "--item", "MACH", "--issue",
                           "--date", "2026-03-01")  # fmt: skip
    assert (status, out) == (2, "")
    assert err.startswith("--date: The last one was issued on 2026-03-14")
    siren = json.loads(cli("settings", "show", "--format", "json")[1])["company_siren"]
    assert cli("settings", "set", "company_siren", "")[0] == 0
    status, out, err = cli("invoices", "add", "--customer", "1", "--item", "MACH", "--issue")
    assert (status, out) == (2, "")
    assert err.startswith("settings.company_siren: A French invoice shows your SIREN.")
    assert "comptoir settings set company_siren" in err
    assert [row["number"] for row in listed(cli)] == ["F-2026-00001"]
    assert cli("settings", "set", "company_siren", siren)[0] == 0
    # The refusals gave their numbers back: the series has no hole.
    assert issued(cli, "--item", "MACH") == "F-2026-00002"


def test_terms_beyond_the_legal_cap_are_warned_about_not_refused(cli: Any) -> None:
    status, out, err = cli("invoices", "add", "--customer", "1", "--item", "MACH",
                           "--due-date", "2026-06-30")  # fmt: skip
    assert status == 0 and re.fullmatch(r"\d+\n", out)
    assert err == ("French law caps terms between businesses at 60 days, or 45 days end of "
                   "month: due by 2026-05-13 at the latest.\n")  # fmt: skip
    status, _out, err = cli("invoices", "edit", out.strip(), "--due-date", "2026-04-30")
    assert (status, err) == (0, "")


def test_list_derives_statuses_and_keeps_the_fixed_keys(cli: Any) -> None:
    late = issued(cli, "--item", "MACH", "--date", "2026-01-10", "--due-date", "2026-02-09")
    current = issued(cli, "--item", "CAF-250*10")
    paid = issued(cli, "--line", "Étude|2|100|20")
    assert cli("credit-notes", "add", "--invoice", paid) == (0, "A-2026-00001\n", "")
    waiting = draft(cli, "--item", "MACH")
    rows = listed(cli)
    assert [list(row) for row in rows] == [LIST_KEYS] * 4
    assert [(r["number"], r["id"], r["status"], r["total"], r["open_amount"]) for r in rows] == [
        ("", int(waiting), "draft", "1078.80", "0.00"),
        (paid, 3, "paid", "240.00", "0.00"),
        (current, 2, "open", "44.31", "44.31"),
        (late, 1, "overdue", "1078.80", "1078.80"),
    ]  # fmt: skip
    for wanted, numbers in (("draft", [""]), ("open", [current]), ("overdue", [late]),
                            ("paid", [paid]), ("partial", [])):  # fmt: skip
        assert [r["number"] for r in listed(cli, "--status", wanted)] == numbers, wanted
    both = listed(cli, "--credit-notes", "--from", "2026-03-01")
    assert [(r["number"], r["kind"]) for r in both] == [
        ("", "invoice"), ("A-2026-00001", "credit_note"), (paid, "invoice"),
        (current, "invoice")]  # fmt: skip
    assert [r["number"] for r in listed(cli, "--to", "2026-02-01")] == [late]
    assert [r["number"] for r in listed(cli, "--limit", "1")] == [""]
    assert listed(cli, "--customer", "C000001")[1]["name"] == "Boulangerie Fernandez"
    status, out, _err = cli("invoices", "list", "--format", "csv")
    assert out.startswith(",".join(LIST_KEYS) + "\n")
    status, out, _err = cli("invoices", "list")
    assert status == 0 and f"#{waiting}" in out and "overdue" in out


def test_list_refusals_name_the_option(cli: Any) -> None:
    status, _out, err = cli("invoices", "list", "--from", "2026-13-01")
    assert status == 2 and err.startswith("--from: ")
    status, _out, err = cli("invoices", "list", "--status", "applied")
    assert status == 2 and err.startswith("--status: ")
    assert cli("invoices", "list", "--limit", "0")[0] == 2
    assert cli("invoices", "list", "--customer", "C000099")[0] == 4


def test_edit_changes_a_draft_only(cli: Any) -> None:
    number = draft(cli, "--item", "CAF-250*2", "--date", "2026-03-01")
    assert cli("invoices", "edit", number, "--reference", "BC-778") == (0, f"{number}\n", "")
    record = shown(cli, number)
    assert (record["reference"], record["due_date"], record["lines"][0]["quantity"]) == (
        "BC-778", "2026-03-31", "2")  # fmt: skip
    # A new date moves the due date with the terms.
    assert cli("invoices", "edit", number, "--date", "2026-03-10", "--method", "cheque")[0] == 0
    record = shown(cli, number)
    assert (record["date"], record["due_date"], record["payment_method"]) == (
        "2026-03-10", "2026-04-09", "cheque")  # fmt: skip
    assert cli("invoices", "edit", number, "--item", "MACH*2")[0] == 0
    assert [line["net"] for line in shown(cli, number)["lines"]] == ["1798.00"]
    status, _out, err = cli("invoices", "edit", number, "--method", "bitcoin")
    assert status == 2 and err.startswith("--method: ")
    status, _out, err = cli("invoices", "edit", number, "--service-date", "hier")
    assert status == 2 and err.startswith("--service-date: ")
    assert cli("invoices", "edit", number)[0] == 2
    assert cli("invoices", "issue", number) == (0, "F-2026-00001\n", "")
    status, out, err = cli("invoices", "edit", "F-2026-00001", "--notes", "trop tard")
    assert (status, out) == (5, "") and "no longer a draft" in err
    assert shown(cli, "F-2026-00001")["notes"] == ""


def test_delete_a_draft_but_never_an_issued_invoice(cli: Any) -> None:
    number = draft(cli, "--item", "MACH")
    assert cli("invoices", "delete", f"#{number}") == (0, f"Draft #{number} deleted.\n", "")
    assert cli("invoices", "show", number)[0] == 4
    invoice = issued(cli, "--item", "MACH")
    status, _out, err = cli("invoices", "delete", invoice)
    assert status == 5 and "only a credit note" in err
    assert shown(cli, invoice)["status"] == "open"


def test_unknown_things_exit_4(cli: Any, tmp_path: Path) -> None:
    for command in ("show", "issue", "delete", "edit"):
        status, _out, err = cli("invoices", command, "#99", *(["--notes", "x"] if command ==
                                                             "edit" else []))  # fmt: skip
        assert status == 4 and "#99" in err, command
    assert cli("invoices", "show", "F-2026-00042")[0] == 4
    assert cli("invoices", "pdf", "F-2026-00042", "-o", str(tmp_path / "x.pdf"))[0] == 4
    status, _out, err = cli("invoices", "add", "--customer", "C000099", "--item", "MACH")
    assert status == 4 and "C000099" in err
    status, _out, err = cli("invoices", "add", "--customer", "1", "--item", "NOPE")
    assert status == 4 and err.startswith("--item NOPE (line 1): ")
    status, _out, err = cli("invoices", "add", "--customer", "1")
    assert status == 2 and err.startswith("--item/--line: ")
    assert listed(cli) == []


def test_exchange_rates_are_recorded_and_fixed_at_issue(cli: Any) -> None:
    status, out, err = cli("invoices", "add", "--customer", "1", "--currency", "CHF",
                           "--line", "Conseil|1|100|20", "--issue")  # fmt: skip
    assert (status, out) == (2, "") and err.startswith("--rate: No CHF → EUR rate on 2026-03-14")
    assert listed(cli) == []
    assert issued(cli, "--currency", "CHF", "--line", "Conseil|1|100|20", "--rate", "1,05") == (
        "F-2026-00001")  # fmt: skip
    assert shown(cli, "F-2026-00001")["exchange_rate"] == "1.05"
    assert cli("exchange-rates", "set", "chf", "1.0642", "--date", "2026-03-01") == (
        0, "1 CHF = 1.0642 EUR from 2026-03-01.\n", "")  # fmt: skip
    assert cli("exchange-rates", "set", "USD", "1.1")[0] == 0
    assert issued(cli, "--currency", "CHF", "--line", "Conseil|1|100|20") == "F-2026-00002"
    assert shown(cli, "F-2026-00002")["exchange_rate"] == "1.0642"
    rates = json.loads(cli("exchange-rates", "list", "--format", "json")[1])
    assert rates == [
        {"currency": "CHF", "date": "2026-03-01", "rate": "1.0642", "updated_by": "tester"},
        {"currency": "USD", "date": "2026-03-14", "rate": "1.1", "updated_by": "tester"},
    ]  # fmt: skip
    only = json.loads(cli("exchange-rates", "list", "--currency", "usd", "--format", "json")[1])
    assert [r["currency"] for r in only] == ["USD"]
    status, _out, err = cli("exchange-rates", "set", "EUR", "1")
    assert status == 2 and err.startswith("CUR: EUR is your own currency")
    status, _out, err = cli("exchange-rates", "set", "CHF", "zéro", "--date", "demain")
    assert status == 2 and "RATE: " in err and "--date: " in err
    status, _out, err = cli("invoices", "add", "--customer", "1", "--item", "MACH", "--rate", "1")
    assert status == 2 and err.startswith("--rate: goes with --issue")


def test_pdf_of_an_invoice_has_its_number(cli: Any, tmp_path: Path) -> None:
    import pypdf

    number = issued(cli, "--item", "CAF-250*3", "--line", "Livraison|1|15.00|20")
    target = tmp_path / "facture.pdf"
    assert cli("invoices", "pdf", number, "-o", str(target)) == (0, f"{target}\n", "")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    text = "".join(page.extract_text() for page in pypdf.PdfReader(target).pages)
    assert number in text
    assert cli("invoices", "pdf", "-o", str(tmp_path))[0] == 2
    assert cli("invoices", "pdf", number, "--all", "-o", str(tmp_path))[0] == 2


def test_pdf_all_writes_one_file_per_issued_document(cli: Any, tmp_path: Path) -> None:
    import pypdf

    first = issued(cli, "--item", "MACH", "--date", "2026-02-02")
    second = issued(cli, "--item", "CAF-250*4")
    assert cli("credit-notes", "add", "--invoice", second)[0] == 0
    draft(cli, "--item", "MACH")  # a draft is not printed with the issued documents
    folder = tmp_path / "pdf"
    assert cli("invoices", "pdf", "--all", "-o", str(folder)) == (0, f"{folder}\n", "")
    names = sorted(path.name for path in folder.iterdir())
    assert names == sorted(["A-2026-00001.pdf", f"{first}.pdf", f"{second}.pdf"])
    for name in names:
        text = "".join(p.extract_text() for p in pypdf.PdfReader(folder / name).pages)
        assert name.removesuffix(".pdf") in text
    paid = tmp_path / "paid"
    assert cli("invoices", "pdf", "--all", "--status", "paid", "-o", str(paid))[0] == 0
    assert [path.name for path in paid.iterdir()] == [f"{second}.pdf"]
    status, out, err = cli("invoices", "pdf", "--all", "--to", "2026-01-01", "-o", str(paid))
    assert (status, out) == (0, "") and "nothing written" in err


def test_verify_holds_then_names_the_document_changed_behind_its_back(
    cli: Any,
    shop_db: Path,  # noqa: F811
) -> None:
    from models import immutability

    assert cli("verify") == (0, "0 issued documents checked: the chain and the ledger hold.\n",
                             "")  # fmt: skip
    first = issued(cli, "--item", "MACH")
    second = issued(cli, "--item", "CAF-250*2")
    assert cli("credit-notes", "add", "--invoice", first)[0] == 0
    assert cli("verify") == (0, "3 issued documents checked: the chain and the ledger hold.\n",
                             "")  # fmt: skip
    raw = sqlite3.connect(shop_db)
    for name in immutability.TRIGGERS:
        raw.execute(f'DROP TRIGGER "{name}"')
    raw.execute("UPDATE document_line SET quantity = 5000 WHERE document_id = "
                "(SELECT id FROM document WHERE number = ?)", (second,))  # fmt: skip
    raw.commit()
    raw.close()
    status, out, err = cli("verify")
    assert (status, out) == (5, "")
    assert err.splitlines()[0] == (f"{second} was altered after it was issued: its content no "
                                   "longer matches its hash.")  # fmt: skip


def test_the_statuses_spelled_out_are_the_services_own() -> None:
    from models.receivables import CREDIT_NOTE_STATUSES, INVOICE_STATUSES
    from tui import cli_document_output as cli_invoices

    assert cli_invoices.STATUSES == INVOICE_STATUSES
    assert cli_invoices.CREDIT_NOTE_STATUSES == CREDIT_NOTE_STATUSES


def test_the_invoice_settings_are_shown_and_set(cli: Any) -> None:
    shown_settings = json.loads(cli("settings", "show", "--format", "json")[1])
    assert {key: shown_settings[key] for key in (
        "invoice_number_pattern", "credit_note_number_pattern", "late_penalty_rate",
        "early_payment_discount")} == {
        "invoice_number_pattern": "F-{year}-{seq:05}",
        "credit_note_number_pattern": "A-{year}-{seq:05}", "late_penalty_rate": "",
        "early_payment_discount": ""}  # fmt: skip
    assert cli("settings", "set", "invoice_number_pattern", "FA{year}{seq:04}")[0] == 0
    assert cli("settings", "set", "credit_note_number_pattern", "AV{year}{seq:04}")[0] == 0
    assert cli("settings", "set", "late_penalty_rate", "12,5")[0] == 0
    status, _out, err = cli("settings", "set", "late_penalty_rate", "beaucoup")
    assert status == 2 and err.startswith("late_penalty_rate: ")
    invoice = issued(cli, "--item", "MACH")
    assert invoice == "FA20260001"
    assert cli("credit-notes", "add", "--invoice", invoice)[1] == "AV20260001\n"
    assert json.loads(cli("settings", "show", "--format", "json")[1])["late_penalty_rate"] == (
        "12.5")  # fmt: skip


def test_mark_paid_settles_all_it_asks_once(cli: Any) -> None:
    number = issued(cli, "--item", "CAF-250*10")
    assert cli("invoices", "mark-paid", number.lower(), "--method", "cash") == (0, "1\n", "")
    record = shown(cli, number)
    assert (record["status"], record["open_amount"]) == ("paid", "0.00")
    payment = json.loads(cli("payments", "show", "1", "--format", "json")[1])
    assert (payment["amount"], payment["method"], payment["date"]) == ("44.31", "cash",
                                                                       "2026-03-14")  # fmt: skip
    assert cli("invoices", "mark-paid", number) == (5, "", f"{number} is already paid.\n")
    assert cli("invoices", "mark-paid", "F-2026-00099")[0] == 4
    status, _out, err = cli("invoices", "mark-paid", issued(cli, "--item", "MACH"), "--date",
                            "2026-04-01")  # fmt: skip
    assert status == 2 and err.startswith("date: ")
    status, _out, err = cli("invoices", "add", "--customer", "1", "--item", "MACH",
                            "--apply-credit")  # fmt: skip
    assert status == 2 and err.startswith("--apply-credit: ")


def test_going_over_the_credit_limit_is_warned_about_not_refused(cli: Any) -> None:
    assert cli("customers", "add", "--name", "Minoterie Prudente", "--kind", "company",
               "--credit-limit", "1500")[1] == "C000002\n"  # fmt: skip
    # 1,078.80 owed: within the limit, nothing said.
    assert cli("invoices", "add", "--customer", "2", "--item", "MACH", "--issue") == (
        0, "F-2026-00001\n", "")  # fmt: skip
    status, out, err = cli("invoices", "add", "--customer", "2", "--item", "MACH", "--issue")
    assert (status, out) == (0, "F-2026-00002\n")
    assert err == ("⚠ C000002 owes 2157.60 EUR with F-2026-00002, over its credit limit of "
                   "1500.00 EUR.\n")  # fmt: skip
    status, out, err = cli("invoices", "add", "--customer", "2", "--item", "CAF-250")
    assert (status, err) == (0, "")  # a draft owes nothing yet
    status, out, err = cli("invoices", "issue", out.strip())
    assert (status, out) == (0, "F-2026-00003\n")
    assert err.startswith("⚠ C000002 owes 2162.03 EUR with F-2026-00003, over its credit")
    assert shown(cli, "F-2026-00003")["status"] == "open"
