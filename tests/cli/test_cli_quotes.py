"""Quotes from the command line, in-process: lines typed in order and priced by the
customer's contract, exact totals, the fixed JSON keys, the life cycle and its refusals
(exit 5), the PDF; one real process checks that start-up never loads fpdf2."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from test_cli_catalog import (
    add_items,
    shop_db,  # noqa: F401  (a fixture, used by name)
)
from test_cli_catalog import cli as shop_cli  # noqa: F401  (a fixture, used by name)

ROOT = Path(__file__).resolve().parents[2]
SHOW_KEYS = ["number", "date", "due_date", "customer", "currency", "total_excl", "total_tax",
             "total", "open_amount", "status", "name", "valid_until", "tax_treatment",
             "contract", "price_list", "language", "terms", "payment_method", "reference",
             "notes", "invoice", "vat_breakdown", "lines"]  # fmt: skip
LINE_KEYS = ["code", "description", "quantity", "unit", "unit_price", "discount", "vat_rate",
             "net", "rule"]  # fmt: skip


@pytest.fixture
def frozen_today(monkeypatch: pytest.MonkeyPatch) -> dt.date:
    """Today is 2026-03-14, as in the screens' tests: a quote's validity runs from it."""
    import models.clock
    import models.customers

    now = dt.datetime(2026, 3, 14, 9, 30)
    monkeypatch.setattr(models.customers, "utc_now", lambda: now)
    monkeypatch.setattr(models.clock, "utc_now", lambda: now)
    monkeypatch.setattr(models.clock, "today", lambda: now.date())
    return now.date()


@pytest.fixture
def cli(shop_cli: Any, frozen_today: dt.date) -> Any:  # noqa: F811
    """Today 2026-03-14; the French demo company, two items and a prospect whose contract
    Accord 2026 gives CAF-250 a special price (3.90 instead of 4.20) and 10 % off MACH."""
    add_items(shop_cli)
    assert shop_cli("customers", "add", "--name", "Boulangerie Fernandez")[1] == "C000001\n"
    assert shop_cli("contracts", "add", "--customer", "1", "--name", "Accord 2026", "--from",
                    "2026-01-01", "--item", "CAF-250", "--price", "3.90", "--item", "MACH",
                    "--discount", "10")[0] == 0  # fmt: skip
    return shop_cli


def quote(cli: Any, *args: str) -> str:
    status, out, err = cli("quotes", "add", "--customer", "c1", "--date", "2026-03-14", *args)
    assert status == 0, err
    return str(out.strip())


def shown(cli: Any, number: str) -> dict[str, Any]:
    status, out, err = cli("quotes", "show", number, "--format", "json")
    assert status == 0, err
    found: dict[str, Any] = json.loads(out)
    return found


def test_lines_keep_their_order_and_the_contract_prices_them(cli: Any) -> None:
    number = quote(cli, "--item", "CAF-250*3", "--line", "Livraison|1|15.00|20",
                   "--item", "mach*1,5")  # fmt: skip
    assert number == "D-2026-00001"
    record = shown(cli, "d-2026-00001")
    assert list(record) == SHOW_KEYS
    assert [list(line) for line in record["lines"]] == [LINE_KEYS] * 3
    assert [(line["code"], line["quantity"], line["unit_price"], line["discount"],
             line["vat_rate"], line["net"], line["rule"]) for line in record["lines"]] == [
        ("CAF-250", "3", "3.90", "0", "5.5", "11.70", "contract price (Accord 2026)"),
        ("", "1", "15.00", "0", "20", "15.00", "free text"),
        ("MACH", "1.5", "899.00", "10", "20", "1213.65",
         "contract discount on this item (Accord 2026)"),
    ]  # fmt: skip
    assert record["lines"][1]["description"] == "Livraison"
    # By hand: 5.5 % on 11.70 = 0.6435 → 0.64; 20 % on 15.00 + 1,348.50 × 0.9 = 1,228.65
    # → 245.73. Excluding VAT 1,240.35, VAT 246.37, total 1,486.72.
    assert record["vat_breakdown"] == [{"rate": "20", "base": "1228.65", "vat": "245.73"},
                                       {"rate": "5.5", "base": "11.70", "vat": "0.64"}]  # fmt: skip
    assert (record["total_excl"], record["total_tax"], record["total"],
            record["open_amount"]) == ("1240.35", "246.37", "1486.72", "0.00")  # fmt: skip
    assert (record["date"], record["due_date"], record["valid_until"]) == (
        "2026-03-14", "2026-04-13", "2026-04-13")  # fmt: skip
    assert (record["customer"], record["name"], record["status"], record["contract"],
            record["currency"]) == ("C000001", "Boulangerie Fernandez", "draft",
                                    "Accord 2026", "EUR")  # fmt: skip
    status, out, _err = cli("quotes", "show", number)
    assert status == 0 and "contract price (Accord 2026)" in out and "1486.72" in out


def test_list_has_the_fixed_keys_and_filters(cli: Any) -> None:
    from models.document_lists import STATUSES
    from tui.cli_quotes import STATUSES as CLI_STATUSES

    assert CLI_STATUSES == STATUSES["quote"]
    first = quote(cli, "--item", "MACH")
    second = quote(cli, "--line", "Étude|2|100|20", "--valid-until", "2026-03-31")
    assert cli("quotes", "send", second) == (0, f"{second} sent.\n", "")
    listed = json.loads(cli("quotes", "list", "--format", "json")[1])
    assert [q["number"] for q in listed] == [second, first]
    assert list(listed[0]) == SHOW_KEYS[:12]
    assert (listed[0]["total"], listed[0]["due_date"], listed[0]["status"]) == (
        "240.00", "2026-03-31", "sent")  # fmt: skip
    sent = json.loads(cli("quotes", "list", "--status", "sent", "--format", "json")[1])
    assert [q["number"] for q in sent] == [second]
    limited = json.loads(cli("quotes", "list", "--limit", "1", "--format", "json")[1])
    assert [q["number"] for q in limited] == [second]
    assert cli("quotes", "list", "--customer", "C000001", "--format", "csv")[1].startswith(
        "number,date,due_date,customer,currency,total_excl,total_tax,total,open_amount,status"
    )
    assert cli("quotes", "list", "--customer", "C000099")[0] == 4
    assert cli("quotes", "list", "--limit", "0")[0] == 2


def test_a_bad_line_is_named_as_typed_and_nothing_is_written(cli: Any) -> None:
    status, out, err = cli("quotes", "add", "--customer", "1", "--item", "MACH",
                           "--line", "Livraison|1|15.00|19", "--item", "CAF-250*x")  # fmt: skip
    assert (status, out) == (2, "")
    assert "--item CAF-250*x (line 3): quantity: Not a number.\n" in err
    assert "--line Livraison|1|15.00|19 (line 2): vat_rate: No VAT rate of 19 %" in err
    assert "Traceback" not in err
    status, _out, err = cli("quotes", "add", "--customer", "1", "--line", "Livraison")
    assert status == 2 and err.startswith("--line Livraison (line 1): ")
    status, _out, err = cli("quotes", "add", "--customer", "1")
    assert status == 2 and err.startswith("--item/--line: ")
    status, _out, err = cli("quotes", "add", "--customer", "1", "--item", "MACH",
                            "--valid-until", "2020-01-01")  # fmt: skip
    assert status == 2 and err.startswith("--valid-until: ")
    status, _out, err = cli("quotes", "add", "--customer", "1", "--item", "MACH",
                            "--price-list", "Inconnue")  # fmt: skip
    assert status == 2 and err.startswith("--price-list: ")
    assert json.loads(cli("quotes", "list", "--format", "json")[1]) == []
    # The refusals gave their numbers back: the series has no hole.
    assert quote(cli, "--item", "MACH") == "D-2026-00001"


def test_unknown_customer_item_or_quote_exit_4(cli: Any) -> None:
    status, _out, err = cli("quotes", "add", "--customer", "C000099", "--item", "MACH")
    assert status == 4 and "C000099" in err
    status, _out, err = cli("quotes", "add", "--customer", "1", "--item", "MACH",
                            "--item", "NOPE*2")  # fmt: skip
    assert status == 4 and err.startswith("--item NOPE*2 (line 2): ")
    for command in ("show", "accept", "decline", "send", "to-invoice"):
        assert cli("quotes", command, "D-2026-00042")[0] == 4
    assert cli("quotes", "pdf", "D-2026-00042", "-o", os.devnull)[0] == 4


def test_accepting_makes_the_prospect_a_customer_and_refusals_exit_5(cli: Any) -> None:
    number = quote(cli, "--item", "CAF-250*10")
    customer = json.loads(cli("customers", "show", "1", "--format", "json")[1])
    assert customer["status"] == "prospect"
    assert cli("quotes", "accept", number.lower()) == (
        0, f"{number} accepted.\nC000001 is now a customer.\n", "")  # fmt: skip
    customer = json.loads(cli("customers", "show", "1", "--format", "json")[1])
    assert customer["status"] == "customer"
    assert shown(cli, number)["status"] == "accepted"
    status, out, err = cli("quotes", "accept", number)
    assert (status, out) == (5, "") and number in err
    assert cli("quotes", "decline", number)[0] == 5
    assert cli("quotes", "send", number)[0] == 5
    assert shown(cli, number)["status"] == "accepted"


def test_an_expired_quote_cannot_be_accepted_but_can_be_declined(cli: Any) -> None:
    number = quote(cli, "--item", "MACH", "--date", "2020-01-06", "--valid-until", "2020-02-05")
    assert shown(cli, number)["status"] == "expired"
    status, _out, err = cli("quotes", "accept", number)
    assert status == 5 and "expired" in err
    assert cli("quotes", "decline", number)[0] == 0
    assert shown(cli, number)["status"] == "declined"


def test_to_invoice_prints_the_draft_id_once(cli: Any) -> None:
    number = quote(cli, "--item", "MACH")
    status, _out, err = cli("quotes", "to-invoice", number)
    assert status == 5 and "not accepted" in err
    assert cli("quotes", "accept", number)[0] == 0
    status, out, err = cli("quotes", "to-invoice", number)
    assert status == 0 and re.fullmatch(r"\d+\n", out), err
    assert shown(cli, number)["invoice"] == out.strip()
    status, again, err = cli("quotes", "to-invoice", number)
    assert (status, again) == (5, "") and f"#{out.strip()}" in err
    # The contract priced a document: it can only be ended now, not deleted.
    assert cli("contracts", "delete", "1")[0] == 5


def test_edit_a_draft_then_a_sent_quote_is_refused(cli: Any) -> None:
    number = quote(cli, "--item", "CAF-250*2", "--line", "Livraison|1|15|20")
    assert cli("quotes", "edit", number, "--reference", "BC-778") == (0, f"{number}\n", "")
    record = shown(cli, number)
    assert record["reference"] == "BC-778"
    assert [(line["unit_price"], line["rule"]) for line in record["lines"]] == [
        ("3.90", "contract price (Accord 2026)"), ("15.00", "free text")]  # fmt: skip
    assert cli("quotes", "edit", number, "--item", "MACH*2")[0] == 0
    assert [line["net"] for line in shown(cli, number)["lines"]] == ["1618.20"]
    status, _out, err = cli("quotes", "edit", number, "--item", "MACH*0")
    assert status == 2 and err.startswith("--item MACH*0 (line 1): quantity: ")
    assert cli("quotes", "edit", number)[0] == 2
    assert cli("quotes", "send", number)[0] == 0
    status, _out, err = cli("quotes", "edit", number, "--notes", "trop tard")
    assert status == 5 and "no longer a draft" in err
    assert shown(cli, number)["notes"] == ""


def test_pdf_is_written_for_its_owner_alone_with_number_and_total(cli: Any, tmp_path: Path) -> None:
    import pypdf

    number = quote(cli, "--item", "CAF-250*3", "--line", "Livraison|1|15.00|20",
                   "--item", "MACH*1.5")  # fmt: skip
    target = tmp_path / "devis.pdf"
    assert cli("quotes", "pdf", number, "-o", str(target)) == (0, f"{target}\n", "")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    text = "".join(page.extract_text() for page in pypdf.PdfReader(target).pages)
    assert number in text
    # The customer's documents print in French: 1 486,72 € (spaces vary by locale data).
    assert "1486,72" in re.sub(r"\s", "", text)


def test_start_up_never_loads_fpdf2() -> None:
    """`tui.cli` is imported on every start, the TUI's included: printing loads fpdf2."""
    code = ("import sys, tui.cli; tui.cli.build_parser(); print(sorted(m for m in "
            "sys.modules if m.split('.')[0] in ('fpdf', 'peewee')))")  # fmt: skip
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=ROOT, timeout=60)  # fmt: skip
    assert (done.returncode, done.stdout) == (0, "[]\n"), done.stderr
