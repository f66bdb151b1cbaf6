"""Contracts through their services: what a contract must hold, periods that may not
overlap, deletion once documents were priced by one, history and versions."""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal

import pytest
from peewee import Database
from sales_fixtures import OPERATOR, add_customer, add_item, line, make_quote, open_shop

from models.contracts import (
    ContractInput,
    ContractItemInput,
    add_contract,
    contract_in_force,
    customer_contracts,
    delete_contract,
    get_contract,
    update_contract,
)
from models.customers import customer_history, get_customer
from models.errors import ConflictError, NotFound, ValidationError

SPRING = ContractInput(
    name="Printemps",
    valid_from="2026-03-01",
    valid_to="2026-05-31",
    discount="5",
    items=(ContractItemInput("CAF", unit_price="3.50"),),
)


@pytest.fixture
def customer(db: Database, monkeypatch: pytest.MonkeyPatch) -> str:
    open_shop(monkeypatch)
    add_item("CAF", "4.20", "5.5")
    add_item("MACH", "899", "20")
    return add_customer("Café de la Gare")


def period(start: str, end: str = "") -> ContractInput:
    return dataclasses.replace(SPRING, name=f"{start}/{end}", valid_from=start, valid_to=end)


def test_a_contract_is_stored_as_typed(customer: str) -> None:
    contract = add_contract(
        customer,
        dataclasses.replace(
            SPRING, items=(*SPRING.items, ContractItemInput("mach", discount="12,5"))
        ),
        OPERATOR,
    )
    assert (contract.customer, contract.currency, contract.discount) == (customer, "EUR", 5)
    assert [(r.code, r.unit_price, r.discount) for r in contract.items] == [
        ("CAF", Decimal("3.50"), None),
        ("MACH", None, Decimal("12.5")),
    ]
    assert customer_contracts(customer) == [contract]
    assert get_contract(contract.id) == contract


@pytest.mark.parametrize(
    ("existing", "new"),
    [
        (("2026-03-01", "2026-05-31"), ("2026-05-31", "2026-08-31")),  # shares the last day
        (("2026-03-01", "2026-05-31"), ("2026-01-01", "2026-03-01")),  # shares the first day
        (("2026-03-01", "2026-05-31"), ("2026-04-01", "2026-04-30")),  # inside
        (("2026-03-01", "2026-05-31"), ("2026-01-01", "2026-12-31")),  # around
        (("2026-03-01", ""), ("2030-01-01", "2030-12-31")),  # the existing one never ends
        (("2026-03-01", "2026-05-31"), ("2020-01-01", "")),  # the new one never ends
        (("2026-03-01", ""), ("2027-01-01", "")),  # neither ends
    ],
)
def test_overlapping_periods_refused(
    customer: str, existing: tuple[str, str], new: tuple[str, str]
) -> None:
    first = add_contract(customer, period(*existing), OPERATOR)
    with pytest.raises(ValidationError) as caught:
        add_contract(customer, period(*new), OPERATOR)
    assert first.label in caught.value.errors["valid_from"]
    assert customer_contracts(customer) == [first]


def test_periods_that_meet_without_overlapping_are_fine(customer: str) -> None:
    add_contract(customer, period("2026-03-01", "2026-05-31"), OPERATOR)
    add_contract(customer, period("2026-06-01"), OPERATOR)
    add_contract(customer, period("2026-01-01", "2026-02-28"), OPERATOR)
    assert [c.valid_from.isoformat() for c in customer_contracts(customer)] == [
        "2026-06-01",
        "2026-03-01",
        "2026-01-01",
    ]
    record = get_customer(customer)
    on = {
        day: contract_in_force(record.id, dt.date.fromisoformat(day))
        for day in ("2026-05-31", "2026-06-01", "2026-02-28", "2025-12-31")
    }
    assert {day: c.name if c else None for day, c in on.items()} == {
        "2026-05-31": "2026-03-01/2026-05-31",
        "2026-06-01": "2026-06-01/",
        "2026-02-28": "2026-01-01/2026-02-28",
        "2025-12-31": None,
    }


@pytest.mark.parametrize(
    ("change", "field", "reason"),
    [
        ({"valid_from": "2026-05-01", "valid_to": "2026-04-30"}, "valid_to", "before the start"),
        (
            {"items": (ContractItemInput("CAF", unit_price="3.50", discount="5"),)},
            "items.0.unit_price",
            "not both",
        ),
        (
            {
                "items": (
                    ContractItemInput("CAF", unit_price="3.50"),
                    ContractItemInput(" caf ", discount="5"),
                )
            },
            "items.1.item",
            "already",
        ),
        ({"items": (ContractItemInput("NOPE", unit_price="1"),)}, "items.0.item", "NOPE"),
        (
            {"items": (ContractItemInput("CAF", unit_price="1.23456"),)},
            "items.0.unit_price",
            "4 decimals",
        ),
        ({"discount": "120"}, "discount", "100"),
        ({"discount": "", "items": ()}, "items", "special price, a discount or a tax treatment"),
        ({"tax_treatment": "duty-free"}, "tax_treatment", "intra-eu"),
        ({"valid_from": "31/02/2026"}, "valid_from", "Not a date"),
    ],
)
def test_invalid_contracts_refused_at_the_field(
    customer: str, change: dict[str, object], field: str, reason: str
) -> None:
    with pytest.raises(ValidationError) as caught:
        add_contract(customer, dataclasses.replace(SPRING, **change), OPERATOR)  # type: ignore[arg-type]
    assert reason in caught.value.errors[field]
    assert customer_contracts(customer) == []


def test_a_tax_treatment_alone_is_a_contract(customer: str) -> None:
    contract = add_contract(
        customer, ContractInput(valid_from="2026-01-01", tax_treatment="intra-eu"), OPERATOR
    )
    assert (contract.tax_treatment, contract.items, contract.discount) == ("intra-eu", (), None)


def test_history_records_each_change(customer: str) -> None:
    contract = add_contract(customer, SPRING, OPERATOR)
    changed = update_contract(
        contract.id, dataclasses.replace(SPRING, discount="8"), contract.version, "bob"
    )
    assert changed.discount == 8 and changed.version == contract.version + 1
    delete_contract(contract.id, "carol")
    deleted, edited, added = customer_history(customer)[:3]
    assert (added.kind, added.operator) == ("contract_added", OPERATOR)
    assert "2026-03-01 → 2026-05-31" in added.summary and "CAF 3.5 EUR" in added.summary
    assert "−5 % on everything" in added.summary
    assert (edited.kind, edited.operator) == ("contract_changed", "bob")
    [change] = edited.changes
    assert change.field == "contract" and "−5 %" in change.old and "−8 %" in change.new
    assert (deleted.kind, deleted.operator) == ("contract_deleted", "carol")
    with pytest.raises(NotFound):
        get_contract(contract.id)


def test_an_edit_may_keep_its_own_period_but_not_take_another(customer: str) -> None:
    spring = add_contract(customer, SPRING, OPERATOR)
    summer = add_contract(customer, period("2026-06-01", "2026-08-31"), OPERATOR)
    longer = update_contract(
        spring.id, dataclasses.replace(SPRING, valid_to="2026-05-31", discount="6"), 1, OPERATOR
    )
    assert longer.discount == 6
    with pytest.raises(ValidationError) as caught:
        update_contract(spring.id, dataclasses.replace(SPRING, valid_to="2026-06-01"), 2, OPERATOR)
    assert summer.label in caught.value.errors["valid_from"]
    assert get_contract(spring.id).valid_to == longer.valid_to


def test_a_stale_edit_is_refused(customer: str) -> None:
    contract = add_contract(customer, SPRING, OPERATOR)
    update_contract(contract.id, dataclasses.replace(SPRING, discount="6"), 1, "bob")
    with pytest.raises(ConflictError, match="changed by someone else"):
        update_contract(contract.id, dataclasses.replace(SPRING, discount="7"), 1, OPERATOR)
    assert get_contract(contract.id).discount == 6


def test_a_contract_that_priced_a_document_cannot_be_deleted(customer: str) -> None:
    used = add_contract(customer, SPRING, OPERATOR)
    unused = add_contract(customer, period("2027-01-01"), OPERATOR)
    quote = make_quote(customer, line("CAF"), date="2026-03-14")
    assert quote.contract_id == used.id and quote.lines[0].unit_price == Decimal("3.50")
    with pytest.raises(ConflictError, match="end date"):
        delete_contract(used.id, OPERATOR)
    assert get_contract(used.id) == used
    delete_contract(unused.id, OPERATOR)
    assert customer_contracts(customer) == [used]
