"""The catalog from the command line, in-process: items, VAT rates, price lists and
contracts (whose terms are read in the order typed); what is refused writes nothing."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from tui.cli import main


@contextmanager
def opened(db: Path) -> Iterator[None]:
    """The test's database bound, to read back through the services what the CLI wrote."""
    from models.db import database
    from models.migrations import open_database

    open_database(str(db))
    try:
        yield
    finally:
        database.close()


@pytest.fixture
def shop_db(tmp_path: Path) -> Path:
    """A database whose company is the demo's French SAS (so French VAT rates apply)."""
    from models.demo import demo_settings
    from models.settings import save_settings

    db = tmp_path / "shop.db"
    with opened(db):
        save_settings(demo_settings())
    return db


@pytest.fixture
def cli(shop_db: Path, capsys: pytest.CaptureFixture[str]) -> Any:
    def call(*args: str) -> tuple[int, str, str]:
        status = main(["--db", str(shop_db), "--lang", "en", "--operator", "tester", *args])
        out, err = capsys.readouterr()
        return status, out, err

    return call


def items_json(cli: Any, *args: str) -> list[dict[str, Any]]:
    status, out, err = cli("items", "list", "--all", "--format", "json", *args)
    assert status == 0, err
    found: list[dict[str, Any]] = json.loads(out)
    return found


def add_items(cli: Any) -> None:
    assert cli("items", "add", "--code", "caf-250", "--name", "Café moulu 250 g", "--price",
               "4.20", "--vat", "5.5", "--unit", "paquet")[0] == 0  # fmt: skip
    assert cli("items", "add", "--code", "MACH", "--name", "Machine expresso", "--price", "899",
               "--vat", "20")[0] == 0  # fmt: skip


def test_items_add_prints_the_code_and_the_list_shows_it(cli: Any) -> None:
    assert cli("items", "add", "--code", "th-vert", "--name", "Thé vert", "--price", "12,5",
               "--vat", "5.5", "--unit", "boîte", "--description", "Sencha")  # fmt: skip
    assert cli("items", "add", "--code", "FILTRE", "--name", "Filtres", "--price", "0.1234",
               "--vat", "20") == (0, "FILTRE\n", "")  # fmt: skip
    listed = items_json(cli)
    assert listed == [
        {"code": "FILTRE", "name": "Filtres", "unit": "", "price": "0.1234", "vat_rate": "20",
         "active": True, "description": ""},
        {"code": "TH-VERT", "name": "Thé vert", "unit": "boîte", "price": "12.50",
         "vat_rate": "5.5", "active": True, "description": "Sencha"},
    ]  # fmt: skip
    status, out, _err = cli("items", "list", "thé")
    assert status == 0 and "TH-VERT" in out and "12.50" in out and "FILTRE" not in out
    shown = json.loads(cli("items", "show", "th-vert", "--format", "json")[1])
    assert (shown["price"], shown["version"], shown["updated_by"]) == ("12.50", 1, "tester")


def test_a_vat_rate_france_does_not_have_exits_2_naming_the_rates(cli: Any) -> None:
    status, out, err = cli("items", "add", "--code", "X", "--name", "X", "--price", "1",
                           "--vat", "19")  # fmt: skip
    assert (status, out) == (2, "")
    assert err.startswith("vat_rate: ") and "20, 10, 5.5, 2.1" in err
    assert "Traceback" not in err
    assert items_json(cli) == []


def test_a_duplicate_code_and_a_bad_price_exit_2(cli: Any) -> None:
    add_items(cli)
    status, _out, err = cli("items", "add", "--code", "MACH", "--name", "Autre", "--price", "1",
                            "--vat", "20")  # fmt: skip
    assert status == 2 and err.startswith("code: ")
    status, _out, err = cli("items", "add", "--code", "Y", "--name", "Y", "--price", "douze",
                            "--vat", "20")  # fmt: skip
    assert status == 2 and err.startswith("unit_price: ")
    assert [item["code"] for item in items_json(cli)] == ["CAF-250", "MACH"]


def test_items_edit_changes_the_given_fields_and_retires_an_item(cli: Any) -> None:
    add_items(cli)
    assert cli("items", "edit", "caf-250", "--price", "4.35", "--code", "CAF-MOU-250") == (
        0, "CAF-MOU-250\n", "")  # fmt: skip
    assert cli("items", "edit", "MACH", "--active", "no")[0] == 0
    first, second = items_json(cli)
    assert (first["code"], first["price"], first["unit"], first["vat_rate"]) == (
        "CAF-MOU-250", "4.35", "paquet", "5.5")  # fmt: skip
    assert (second["code"], second["active"]) == ("MACH", False)
    status, out, _err = cli("items", "list", "--format", "json")
    assert [item["code"] for item in json.loads(out)] == ["CAF-MOU-250"]
    assert cli("items", "edit", "MACH")[0] == 2
    assert cli("items", "edit", "NOPE", "--name", "x")[0] == 4
    assert cli("items", "show", "NOPE")[0] == 4


def test_items_edit_refuses_to_overwrite_a_change_saved_meanwhile(
    cli: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    import models.catalog

    add_items(cli)
    original = models.catalog.update_item

    def someone_else_saves_first(code: str, data: Any, version: int, operator: str) -> Any:
        current = models.catalog.get_item(code)
        other = models.catalog.ItemInput(current.code, "Renamed by Marie", "", current.unit,
                                         "5", "5.5")  # fmt: skip
        original(code, other, current.version, "marie")
        return original(code, data, version, operator)

    monkeypatch.setattr(models.catalog, "update_item", someone_else_saves_first)
    status, _out, err = cli("items", "edit", "CAF-250", "--price", "9")
    assert status == 5 and "marie" in err
    assert items_json(cli)[0]["name"] == "Renamed by Marie"
    assert items_json(cli)[0]["price"] == "5.00"


def test_vat_rates_list_and_set(cli: Any) -> None:
    rates = json.loads(cli("vat-rates", "list", "--country", "fr", "--format", "json")[1])
    assert [r["rate"] for r in rates] == ["20", "10", "5.5", "2.1"]
    assert cli("vat-rates", "set", "FR", "2,1", "Taux super-réduit", "--inactive")[0] == 0
    listed = json.loads(cli("vat-rates", "list", "--country", "FR", "--format", "json")[1])
    assert [r["rate"] for r in listed] == ["20", "10", "5.5"]
    everything = json.loads(cli("vat-rates", "list", "--all", "--format", "json")[1])
    retired = [r for r in everything if r["country"] == "FR" and r["rate"] == "2.1"]
    assert retired == [{"country": "FR", "rate": "2.1", "label": "Taux super-réduit",
                        "active": False}]  # fmt: skip
    assert {r["country"] for r in everything} == {"FR", "NL", "GR"}
    status, _out, err = cli("items", "add", "--code", "P", "--name", "P", "--price", "1",
                            "--vat", "2.1")  # fmt: skip
    assert status == 2 and "2.1" not in err.split(";")[1]
    status, _out, err = cli("vat-rates", "set", "FR", "120", "")
    assert status == 2 and "rate: " in err and "label: " in err


def test_price_lists_set_show_and_a_customer_default(cli: Any) -> None:
    add_items(cli)
    assert cli("price-lists", "add", "Revendeurs") == (0, "Revendeurs\n", "")
    assert cli("price-lists", "add", "revendeurs")[0] == 2
    assert cli("price-lists", "set", "revendeurs", "caf-250", "3,8") == (0, "3.80\n", "")
    assert cli("price-lists", "set", "Revendeurs", "MACH", "850")[0] == 0
    shown = json.loads(cli("price-lists", "show", "Revendeurs", "--format", "json")[1])
    assert shown == [
        {"code": "CAF-250", "name": "Café moulu 250 g", "catalog_price": "4.20",
         "list_price": "3.80"},
        {"code": "MACH", "name": "Machine expresso", "catalog_price": "899.00",
         "list_price": "850.00"},
    ]  # fmt: skip
    assert cli("price-lists", "set", "Revendeurs", "MACH", "--remove") == (0, "", "")
    assert cli("price-lists", "set", "Revendeurs", "CAF-250", "1", "--remove")[0] == 2
    assert cli("price-lists", "set", "Revendeurs", "NOPE", "1")[0] == 4
    listed = json.loads(cli("price-lists", "list", "--format", "json")[1])
    assert listed == [{"name": "Revendeurs", "currency": "EUR", "active": True, "items": 1,
                       "customers": 0}]  # fmt: skip
    number = cli("customers", "add", "--name", "Café Dupont", "--price-list", "revendeurs")[1]
    customer = json.loads(cli("customers", "show", number.strip(), "--format", "json")[1])
    assert customer["price_list"] == "Revendeurs"
    status, _out, err = cli("customers", "edit", number.strip(), "--price-list", "Autre")
    assert status == 2 and err.startswith("price_list: ")
    assert cli("customers", "edit", number.strip(), "--price-list", "")[0] == 0
    customer = json.loads(cli("customers", "show", number.strip(), "--format", "json")[1])
    assert customer["price_list"] == ""


def test_contract_terms_are_read_in_the_order_typed(cli: Any, shop_db: Path) -> None:
    from models.contracts import get_contract

    add_items(cli)
    number = cli("customers", "add", "--name", "Boulangerie Fernandez")[1].strip()
    status, out, err = cli("contracts", "add", "--customer", "c1", "--discount", "5",
                           "--item", "CAF-250", "--price", "3.90", "--item", "mach",
                           "--discount", "10", "--from", "2026-01-01", "--to", "2026-12-31",
                           "--name", "Accord 2026", "--notes", "signé")  # fmt: skip
    assert status == 0, err
    with opened(shop_db):
        contract = get_contract(int(out))
    assert (contract.customer, contract.name, contract.discount) == (number, "Accord 2026",
                                                                     Decimal(5))  # fmt: skip
    assert (contract.valid_from, contract.valid_to) == (dt.date(2026, 1, 1), dt.date(2026, 12, 31))
    assert contract.notes == "signé"
    assert [(r.code, r.unit_price, r.discount) for r in contract.items] == [
        ("CAF-250", Decimal("3.90"), None), ("MACH", None, Decimal(10))]  # fmt: skip
    listed = json.loads(cli("contracts", "list", "--customer", number, "--format", "json")[1])
    assert [(c["id"], c["discount"], c["rules"][0]["price"]) for c in listed] == [
        (contract.id, "5", "3.90")]  # fmt: skip


@pytest.mark.parametrize(
    ("terms", "named"),
    [
        (("--price", "3", "--item", "MACH", "--discount", "2"), "--price 3: "),
        (("--item", "CAF-250", "--item", "MACH", "--price", "2"), "--item CAF-250: "),
        (("--item", "MACH"), "--item MACH: "),
        (("--discount", "5", "--discount", "6"), "--discount: "),
        (("--item", "MACH", "--price", "1,2,3"), "--item MACH --price 1,2,3: unit_price: "),
        (("--item", "MACH", "--discount", "120"), "--item MACH --discount 120: discount: "),
        (("--item", "MACH", "--price", "1", "--item", "mach", "--price", "2"),
         "--item mach --price 2: item: "),
    ],
)  # fmt: skip
def test_contract_terms_out_of_order_exit_2_naming_the_option(
    cli: Any, terms: tuple[str, ...], named: str
) -> None:
    add_items(cli)
    number = cli("customers", "add", "--name", "Boulangerie Fernandez")[1].strip()
    status, out, err = cli("contracts", "add", "--customer", number, *terms)
    assert (status, out) == (2, "")
    assert err.startswith(named), err
    assert json.loads(cli("contracts", "list", "--customer", number, "--format", "json")[1]) == []


def test_contract_refusals_unknown_names_and_overlaps(cli: Any) -> None:
    add_items(cli)
    number = cli("customers", "add", "--name", "Boulangerie Fernandez")[1].strip()
    status, _out, err = cli("contracts", "add", "--customer", number, "--item", "NOPE",
                            "--price", "1")  # fmt: skip
    assert status == 4 and err.startswith("--item NOPE --price 1: ")
    assert cli("contracts", "add", "--customer", "C000099", "--discount", "5")[0] == 4
    status, _out, err = cli("contracts", "add", "--customer", number, "--from", "2026-02-30",
                            "--discount", "5")  # fmt: skip
    assert status == 2 and err.startswith("--from: ")
    assert cli("contracts", "add", "--customer", number, "--from", "2026-01-01",
               "--discount", "5")[0] == 0  # fmt: skip
    status, _out, err = cli("contracts", "add", "--customer", number, "--from", "2026-06-01",
                            "--tax-treatment", "export")  # fmt: skip
    assert status == 2 and err.startswith("--from: ") and "overlaps" in err
    status, _out, err = cli("contracts", "add", "--customer", number, "--from", "2030-01-01")
    assert status == 2 and err.startswith("--item: ")


def test_contracts_show_and_delete(cli: Any) -> None:
    add_items(cli)
    number = cli("customers", "add", "--name", "Boulangerie Fernandez")[1].strip()
    contract = cli("contracts", "add", "--customer", number, "--tax-treatment", "export",
                   "--item", "MACH", "--price", "800")[1].strip()  # fmt: skip
    shown = json.loads(cli("contracts", "show", contract, "--format", "json")[1])
    assert (shown["customer"], shown["tax_treatment"], shown["rules"][0]["price"]) == (
        number, "export", "800.00")  # fmt: skip
    assert cli("contracts", "delete", contract)[0] == 0
    assert cli("contracts", "show", contract)[0] == 4
    assert cli("contracts", "delete", contract)[0] == 4
