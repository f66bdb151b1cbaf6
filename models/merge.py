"""Merging two records of the same customer into one.

The survivor (KEEP) takes, field by field, the values the operator chose from the other
record (OTHER); OTHER's contacts, history and everything else that belongs to a customer
move to KEEP. OTHER stays as a row with status `merged` pointing to KEEP, holding only
its number and name, so that its number keeps resolving: in search, in `customers show`,
and on documents printed before the merge.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from models.catalog_tables import Contract
from models.customer_records import EDITABLE_FIELDS, CustomerRecord, FieldChange
from models.customers import (
    _check_version,
    _display,
    _record_event,
    _reindex,
    get_customer,
    input_from_record,
    utc_now,
    validate_customer,
)
from models.db import write_txn
from models.document_tables import Document, Payment
from models.errors import ConflictError, NotFound, ValidationError
from models.i18n import _
from models.settings import load_settings
from models.tables import Contact as ContactRow
from models.tables import Customer as CustomerRow
from models.tables import CustomerEvent as EventRow

# Tables whose rows follow a customer into the survivor: (model, its customer column).
FOLLOWERS: list[tuple[Any, Any]] = [
    (EventRow, EventRow.customer), (Document, Document.customer), (Contract, Contract.customer),
    (Payment, Payment.customer),
]  # fmt: skip

# The survivor is as alive as the livelier of the two: a customer on either side makes
# it a customer, and an inactive record merged with an active one is active again.
_LIVELINESS = {"inactive": 0, "prospect": 1, "customer": 2}
# Fields chosen as one: taking the phone takes its E.164 form too.
_COMPANIONS = {"phone": ("phone", "phone_e164")}
_MERGEABLE = tuple(f for f in EDITABLE_FIELDS if f != "status")
_CLEARED_ON_MERGE = {
    "siren": "", "vat": "", "email": "", "phone": "", "phone_e164": "", "street": "",
    "postal_code": "", "city": "", "delivery_street": "", "delivery_postal_code": "",
    "delivery_city": "", "delivery_country": "", "rep": None, "credit_limit": None,
    "birth_date": None, "notes": "", "price_list": None,
}  # fmt: skip


@dataclass(frozen=True)
class MergeField:
    field: str
    label: str
    keep_value: str
    other_value: str


def resolve_number(number: str) -> str:
    """The number of the customer `number` now lives in: itself, or the survivor of the
    merge(s) it went through."""
    row = _row(number)
    seen = {row.id}
    while row.merged_into_id is not None and row.merged_into_id not in seen:
        row = CustomerRow.get_by_id(row.merged_into_id)
        seen.add(row.id)
    return str(row.number)


def _row(number: str) -> Any:
    row = CustomerRow.get_or_none(CustomerRow.number == number.strip().upper())
    if row is None:
        raise NotFound(_("No customer {number}.").format(number=number.strip().upper()))
    return row


def merge_preview(keep: str, other: str) -> list[MergeField]:
    """The fields whose values differ between the two customers, in form order."""
    first, second = _pair(keep, other)
    return [
        MergeField(f, f, _display(getattr(first, f), first.currency),
                   _display(getattr(second, f), second.currency))
        for f in _MERGEABLE
        if _display(getattr(first, f), first.currency)
        != _display(getattr(second, f), second.currency)
    ]  # fmt: skip


def _pair(keep: str, other: str) -> tuple[CustomerRecord, CustomerRecord]:
    first, second = _row(keep), _row(other)
    if first.id == second.id:
        raise ValidationError.single("other", _("A customer cannot be merged with itself."))
    for row in (first, second):
        if row.merged_into_id is not None:
            target = resolve_number(row.number)
            raise ConflictError(
                _("{number} was already merged into {target}.").format(
                    number=row.number, target=target
                )
            )
        if row.anonymised_at is not None:
            raise ConflictError(
                _("{number} is anonymised: it cannot be merged.").format(number=row.number)
            )
    return get_customer(first.number), get_customer(second.number)


def merge_customers(
    keep: str,
    other: str,
    take_from_other: Collection[str],
    operator: str,
    *,
    expected_versions: tuple[int, int] | None = None,
) -> CustomerRecord:
    """Merges OTHER into KEEP, taking the fields named in `take_from_other` from OTHER;
    returns the survivor. Refused when either was changed since `expected_versions` were
    read, is already merged, or is anonymised."""
    unknown = set(take_from_other) - set(_MERGEABLE)
    if unknown:
        raise ValidationError.single(
            "take", _("Unknown field(s): {fields}.").format(fields=", ".join(sorted(unknown)))
        )
    with write_txn():
        first, second = _pair(keep, other)
        if expected_versions is not None:
            _check_version(first.number, expected_versions[0])
            _check_version(second.number, expected_versions[1])
        now = utc_now()
        taken = _taken_values(second, take_from_other)
        _refuse_invalid_result(first, taken)
        status = max(first.status, second.status, key=lambda s: _LIVELINESS.get(s, 0))
        if status != first.status:
            taken["status"] = status
        CustomerRow.update(
            updated_at=now, updated_by=operator, version=CustomerRow.version + 1,
            **_columns(taken),
        ).where(CustomerRow.id == first.id).execute()  # fmt: skip
        _move_contacts(first, second)
        for model, column in FOLLOWERS:
            model.update({column: first.id}).where(column == second.id).execute()
        # Earlier merges into OTHER now point straight at the survivor.
        CustomerRow.update(merged_into=first.id).where(
            CustomerRow.merged_into == second.id
        ).execute()  # fmt: skip
        CustomerRow.update(
            status="merged", merged_into=first.id, updated_at=now, updated_by=operator,
            version=CustomerRow.version + 1, **_CLEARED_ON_MERGE,
        ).where(CustomerRow.id == second.id).execute()  # fmt: skip
        ContactRow.delete().where(ContactRow.customer == second.id).execute()
        after = get_customer(first.number)
        changes = _changes(first, after)
        summary = _("{other} ({name}) merged into this customer").format(
            other=second.number, name=second.name
        )
        _record_event(first.id, operator, "merged", changes, summary)
        _record_event(second.id, operator, "merged_into", [FieldChange(
            "status", second.status, "merged")], _("merged into {keep}").format(
            keep=first.number))  # fmt: skip
        _reindex(first.id)
        _reindex(second.id)
    return after


def _taken_values(other: CustomerRecord, fields: Collection[str]) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for field in fields:
        for column in _COMPANIONS.get(field, (field,)):
            values[column] = getattr(other, column)
    if "rep" in values:
        values["rep"] = values["rep"] or None
    return values


def _columns(taken: dict[str, Any]) -> dict[str, Any]:
    """Record values as the table stores them: a price list by its id."""
    columns = dict(taken)
    if "price_list" in columns:
        from models.price_lists import get_price_list

        name = columns["price_list"]
        columns["price_list"] = get_price_list(name).id if name else None
    return columns


def _refuse_invalid_result(keep: CustomerRecord, taken: dict[str, Any]) -> None:
    """Values taken one by one may not fit together (a SIREN beside the other's VAT
    number, a postcode without its city or country): the survivor must still pass the
    checks of the form. Errors KEEP already had (a setting made stricter since) are not
    the merge's doing and do not stop it."""
    if not taken:
        return
    settings = load_settings()
    before = _errors(input_from_record(keep), settings)
    after = _errors(input_from_record(dataclasses.replace(keep, **taken)), settings)
    new = {field: reason for field, reason in after.items() if before.get(field) != reason}
    if new:
        raise ValidationError(new)


def _errors(data: Any, settings: Any) -> dict[str, str]:
    try:
        validate_customer(data, settings)
    except ValidationError as exc:
        return exc.errors
    return {}


def _move_contacts(keep: CustomerRecord, other: CustomerRecord) -> None:
    have = {(c.name, c.phone_e164, c.email.lower()) for c in keep.contacts}
    position = len(keep.contacts)
    for contact in other.contacts:
        if (contact.name, contact.phone_e164, contact.email.lower()) in have:
            continue
        ContactRow.create(customer=keep.id, position=position, name=contact.name,
                          role=contact.role, phone=contact.phone,
                          phone_e164=contact.phone_e164, email=contact.email)  # fmt: skip
        position += 1


def _changes(before: CustomerRecord, after: CustomerRecord) -> list[FieldChange]:
    changes = []
    for field in EDITABLE_FIELDS:
        old = _display(getattr(before, field), before.currency)
        new = _display(getattr(after, field), after.currency)
        if old != new:
            changes.append(FieldChange(field, old, new))
    if len(after.contacts) != len(before.contacts):
        changes.append(FieldChange("contacts", str(len(before.contacts)),
                                   str(len(after.contacts))))  # fmt: skip
    return changes


def merged_numbers(customer_id: int) -> list[str]:
    """The numbers merged into this customer, oldest first."""
    query = CustomerRow.select(CustomerRow.number).where(CustomerRow.merged_into == customer_id)
    return [row.number for row in query.order_by(CustomerRow.id)]
