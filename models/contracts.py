"""Contracts: a customer's special agreement for a validity period — special prices or
discounts per item, a discount on everything, a tax treatment with its legal mention.
A customer's contracts never overlap, so on any date at most one is in force and lines
are priced by it without asking (models.pricing)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from models import clock
from models import validation as check
from models.catalog import get_item, item_code, price
from models.catalog_tables import Contract, ContractItem, Item
from models.customer_records import FieldChange
from models.customers import _record_event, get_customer
from models.db import write_txn
from models.errors import ConflictError, NotFound, ValidationError
from models.i18n import _
from models.tax_treatments import TREATMENTS


@dataclass(frozen=True)
class ContractItemInput:
    """A special price OR a discount (percent) on one item, as typed."""

    item: str
    unit_price: str = ""
    discount: str = ""


@dataclass(frozen=True)
class ContractInput:
    name: str = ""
    valid_from: str = ""
    valid_to: str = ""
    discount: str = ""
    tax_treatment: str = "standard"
    notes: str = ""
    items: tuple[ContractItemInput, ...] = ()


@dataclass(frozen=True)
class ContractItemRule:
    item_id: int
    code: str
    name: str
    unit_price: Decimal | None
    discount: Decimal | None


@dataclass(frozen=True)
class ContractRecord:
    id: int
    customer: str
    name: str
    valid_from: dt.date
    valid_to: dt.date | None
    currency: str
    discount: Decimal | None
    tax_treatment: str
    notes: str
    items: tuple[ContractItemRule, ...]
    version: int

    def in_force(self, on: dt.date) -> bool:
        return self.valid_from <= on and (self.valid_to is None or on <= self.valid_to)

    @property
    def label(self) -> str:
        """How a line names the contract that priced it: its name, else its period."""
        end = self.valid_to.isoformat() if self.valid_to else "…"
        return self.name or f"{self.valid_from.isoformat()} → {end}"

    def rule_for(self, item_id: int) -> ContractItemRule | None:
        return next((rule for rule in self.items if rule.item_id == item_id), None)


def _validate(
    data: ContractInput, today: dt.date
) -> tuple[dict[str, object], list[dict[str, object]]]:
    checks = check.FieldChecks({"name": data.name.strip(), "notes": data.notes.strip()})
    errors, values, run = checks.errors, checks.values, checks.run

    start = run("valid_from", check.parse_date, data.valid_from) or today
    values["valid_from"] = start
    end = run("valid_to", check.parse_date, data.valid_to)
    if isinstance(end, dt.date) and isinstance(start, dt.date) and end < start:
        errors["valid_to"] = _("The end comes before the start.")
    run("discount", check.percentage, data.discount)
    run("tax_treatment", check.choice, data.tax_treatment or "standard", TREATMENTS)
    rules: list[dict[str, object]] = []
    seen: set[str] = set()
    for index, rule in enumerate(data.items):
        prefix = f"items.{index}."
        code = item_code(rule.item)
        if code in seen:
            errors[prefix + "item"] = _("{code} is already in this contract.").format(code=code)
            continue
        seen.add(code)
        try:
            item = get_item(code)
        except NotFound as exc:
            errors[prefix + "item"] = str(exc)
            continue
        try:
            unit_price = price(prefix + "unit_price", rule.unit_price)
            discount = check.percentage(prefix + "discount", rule.discount)
        except ValidationError as exc:
            errors.update(exc.errors)
            continue
        if (unit_price is None) == (discount is None):
            errors[prefix + "unit_price"] = _(
                "Give {code} a special price or a discount, not both."
            ).format(code=code)
            continue
        rules.append({"item": item.id, "unit_price": unit_price, "discount": discount})
    if (
        not rules
        and values.get("discount") is None
        and values.get("tax_treatment") in (None, "standard")
    ):
        errors.setdefault(
            "items", _("A contract needs a special price, a discount or a tax treatment.")
        )
    if errors:
        raise ValidationError(errors)
    return values, rules


def _check_overlap(customer_id: int, start: dt.date, end: dt.date | None, own: int | None) -> None:
    for other in _contracts_of(customer_id):
        if other.id == own:
            continue
        starts_before_other_ends = other.valid_to is None or start <= other.valid_to
        ends_after_other_starts = end is None or other.valid_from <= end
        if starts_before_other_ends and ends_after_other_starts:
            raise ValidationError.single(
                "valid_from",
                _(
                    "This period overlaps the contract {label}: a customer's contracts may not "
                    "overlap. End that one first."
                ).format(label=other.label),
            )


def add_contract(customer: str, data: ContractInput, operator: str) -> ContractRecord:
    """A new contract for `customer`; its prices are in the customer's currency."""
    values, rules = _validate(data, clock.today())
    with write_txn():
        record = get_customer(customer)
        if record.anonymised_at is not None or record.status == "merged":
            raise ConflictError(
                _("{number} can no longer be changed.").format(number=record.number)
            )
        _check_overlap(record.id, values["valid_from"], values.get("valid_to"), None)  # type: ignore[arg-type]
        now = clock.utc_now()
        row = Contract.create(
            customer=record.id,
            currency=record.currency,
            version=1,
            created_at=now,
            created_by=operator,
            updated_at=now,
            updated_by=operator,
            **values,
        )
        for rule in rules:
            ContractItem.create(contract=row.id, **rule)
        contract = get_contract(row.id)
        _record_event(record.id, operator, "contract_added", [], _describe(contract))
    return contract


def update_contract(
    contract_id: int, data: ContractInput, expected_version: int, operator: str
) -> ContractRecord:
    values, rules = _validate(data, clock.today())
    with write_txn():
        before = get_contract(contract_id)
        if before.version != expected_version:
            raise ConflictError(
                _(
                    "This contract was changed by someone else after you opened "
                    "it; reopen it to see the changes."
                )
            )
        customer_id = Contract.get_by_id(contract_id).customer_id
        _check_overlap(customer_id, values["valid_from"], values.get("valid_to"), contract_id)  # type: ignore[arg-type]
        Contract.update(
            updated_at=clock.utc_now(), updated_by=operator, version=Contract.version + 1, **values
        ).where(Contract.id == contract_id).execute()
        ContractItem.delete().where(ContractItem.contract == contract_id).execute()
        for rule in rules:
            ContractItem.create(contract=contract_id, **rule)
        after = get_contract(contract_id)
        changes = [FieldChange("contract", _describe(before), _describe(after))]
        _record_event(customer_id, operator, "contract_changed", changes, after.label)
    return after


def delete_contract(contract_id: int, operator: str) -> None:
    """Deletes a contract no document was priced by; one that priced documents can only
    be ended (give it an end date), so those documents still say where their prices
    came from."""
    from models.document_tables import Document

    with write_txn():
        contract = get_contract(contract_id)
        if Document.select().where(Document.contract == contract_id).exists():
            raise ConflictError(
                _("Documents were priced by this contract: give it an end date instead.")
            )
        customer_id = Contract.get_by_id(contract_id).customer_id
        Contract.delete().where(Contract.id == contract_id).execute()
        _record_event(customer_id, operator, "contract_deleted", [], _describe(contract))


def _describe(contract: ContractRecord) -> str:
    """One line for the history: the contract, its period and what it grants."""
    from models.vat_rates import rate_text

    end = contract.valid_to.isoformat() if contract.valid_to else "…"
    parts = [
        f"{contract.name} " if contract.name else "",
        f"{contract.valid_from.isoformat()} → {end}",
    ]
    grants = []
    if contract.discount is not None:
        grants.append(_("−{pct} % on everything").format(pct=rate_text(contract.discount)))
    for rule in contract.items:
        if rule.unit_price is not None:
            grants.append(f"{rule.code} {rate_text(rule.unit_price)} {contract.currency}")
        elif rule.discount is not None:
            grants.append(f"{rule.code} −{rate_text(rule.discount)} %")
    if contract.tax_treatment != "standard":
        from models.tax_treatments import NAMES

        grants.append(_(NAMES[contract.tax_treatment]))
    return "".join(parts) + (": " + ", ".join(grants) if grants else "")


def _from_row(row: Contract, number: str) -> ContractRecord:
    query = (
        ContractItem.select(
            ContractItem.item, ContractItem.unit_price, ContractItem.discount, Item.code, Item.name
        )
        .join(Item)
        .where(ContractItem.contract == row.id)
        .order_by(Item.code)
    )
    # Peewee's stubs type .dicts() as model rows.
    found: Iterable[dict[str, Any]] = query.dicts()  # type: ignore[assignment]
    rules = tuple(
        ContractItemRule(r["item"], r["code"], r["name"], r["unit_price"], r["discount"])
        for r in found
    )
    return ContractRecord(
        row.id,
        number,
        row.name,
        row.valid_from,
        row.valid_to,
        row.currency,
        row.discount,
        row.tax_treatment,
        row.notes,
        rules,
        row.version,
    )


def get_contract(contract_id: int) -> ContractRecord:
    from models.tables import Customer

    row = Contract.get_or_none(Contract.id == contract_id)
    if row is None:
        raise NotFound(_("No contract {id}.").format(id=contract_id))
    number = Customer.get_by_id(row.customer_id).number
    return _from_row(row, number)


def _contracts_of(customer_id: int) -> list[ContractRecord]:
    from models.tables import Customer

    number = Customer.get_by_id(customer_id).number
    query = (
        Contract.select()
        .where(Contract.customer == customer_id)
        .order_by(Contract.valid_from.desc(), Contract.id.desc())
    )
    return [_from_row(row, number) for row in query]


def customer_contracts(customer: str) -> list[ContractRecord]:
    """The customer's contracts, latest start first."""
    return _contracts_of(get_customer(customer).id)


def contract_in_force(customer_id: int, on: dt.date) -> ContractRecord | None:
    """The contract in force on `on`. Contracts never overlap once entered; two records
    merged into one customer may bring overlapping ones, and then the latest start wins."""
    return next((c for c in _contracts_of(customer_id) if c.in_force(on)), None)
