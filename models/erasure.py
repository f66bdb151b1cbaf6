"""The end of a customer's life: hard deletion of a prospect, anonymisation (the GDPR
right to erasure) and the retention list of customers due for it.

Anonymising erases the personal data of the record, of its contacts and of every old value
in its history, then has SQLite forget it too: `secure_delete` zeroes freed pages, and the
full-text index, which keeps deleted words in its segments until they are merged, is
merged. What issued documents must keep (issue 5 snapshots the billing data into them)
is not touched here.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from models.customer_records import CustomerRecord, FieldChange
from models.customers import _check_version, _record_event, _reindex, get_customer, utc_now
from models.db import checkpoint_wal, database, write_txn
from models.document_tables import Document, Payment
from models.errors import ConflictError, NotFound
from models.i18n import _
from models.settings import load_settings
from models.tables import Contact as ContactRow
from models.tables import Customer as CustomerRow
from models.tables import CustomerEvent as EventRow

# What stands in for an individual's name once erased: no language, no data.
ERASED_NAME = "—"
# Tables whose rows forbid a hard delete: (model, its customer column).
KEPT_BY: list[tuple[Any, Any]] = [(Document, Document.customer), (Payment, Payment.customer)]
_PERSONAL = {
    "email": "", "phone": "", "phone_e164": "", "street": "", "postal_code": "", "city": "",
    "delivery_street": "", "delivery_postal_code": "", "delivery_city": "",
    "delivery_country": "", "birth_date": None, "notes": "",
}  # fmt: skip
_PERSONAL_FIELDS = {*_PERSONAL, "contacts", "birth_date"}


@dataclass(frozen=True)
class RetentionRow:
    number: str
    name: str
    city: str
    last_activity: dt.date
    due_since: dt.date


def has_documents(customer_id: int) -> bool:
    return any(model.select().where(column == customer_id).exists() for model, column in KEPT_BY)


def deletion_refused(number: str) -> str | None:
    """None when the customer may be deleted for good, else why not."""
    record = get_customer(number, follow_merge=False)
    if record.status == "merged":
        return _("{number} was merged into another customer; it is kept so its number "
                 "still leads there.").format(number=record.number)  # fmt: skip
    if record.anonymised_at is not None:
        return _("{number} is anonymised: it holds no personal data and is kept as "
                 "it is.").format(number=record.number)  # fmt: skip
    if not _is_prospect(record):
        return _("Only a prospect can be deleted; deactivate or anonymise {number} "
                 "instead.").format(number=record.number)  # fmt: skip
    if has_documents(record.id):
        return _("{number} has documents or payments: it can be anonymised, never "
                 "deleted.").format(number=record.number)  # fmt: skip
    if CustomerRow.select().where(CustomerRow.merged_into == record.id).exists():
        return _("Other numbers were merged into {number}: it can be anonymised, not "
                 "deleted.").format(number=record.number)  # fmt: skip
    return None


def _is_prospect(record: CustomerRecord) -> bool:
    """A prospect, or a prospect deactivated since: its last status other than inactive,
    read from its history, is `prospect`."""
    if record.status != "inactive":
        return record.status == "prospect"
    events = EventRow.select(EventRow.changes).where(EventRow.customer == record.id)
    for event in events.order_by(EventRow.id.desc()):
        for field, old, new in json.loads(event.changes):
            if field != "status":
                continue
            if new and new != "inactive":
                return bool(new == "prospect")
            if old and old != "inactive":
                return bool(old == "prospect")
    return False


def anonymisation_refused(number: str) -> str | None:
    """None when the customer may be anonymised, else why not (to ask before asking the
    operator to confirm)."""
    record = get_customer(number, follow_merge=False)
    if record.status == "merged":
        return _("{number} was merged into another customer: anonymise that "
                 "one.").format(number=record.number)  # fmt: skip
    if record.anonymised_at is not None:
        return _("{number} is already anonymised.").format(number=record.number)
    return None


def delete_prospect(number: str, operator: str, expected_version: int | None = None) -> None:
    """Deletes a prospect with no documents, its contacts and its history; its number is
    never given again. Raises ConflictError with the reason when not allowed."""
    with write_txn():
        reason = deletion_refused(number)
        if reason:
            raise ConflictError(reason)
        record = get_customer(number, follow_merge=False)
        if expected_version is not None:
            _check_version(record.number, expected_version)
        CustomerRow.delete().where(CustomerRow.id == record.id).execute()
        _reindex(record.id)
    _forget_freed_text()


def anonymise_customer(
    number: str, operator: str, expected_version: int | None = None
) -> CustomerRecord:
    """Erases the customer's personal data for good; returns the anonymised record."""
    with write_txn():
        record = _anonymise(number, operator, expected_version)
    _forget_freed_text()
    return record


def anonymise_many(
    numbers: Sequence[str], operator: str, progress: Callable[[int, int], None] | None = None
) -> int:
    """Anonymises each customer in its own transaction, so what is done stays done if a
    later one fails; one anonymised, merged or deleted meanwhile (by another operator) is
    passed over. The full-text index is merged once at the end, also after a failure.
    Returns how many were anonymised."""
    done = 0
    try:
        for index, number in enumerate(numbers, start=1):
            with write_txn():
                if _still_to_anonymise(number):
                    _anonymise(number, operator, None)
                    done += 1
            if progress is not None:
                progress(index, len(numbers))
    finally:
        if done:
            _forget_freed_text()
    return done


def _still_to_anonymise(number: str) -> bool:
    try:
        return anonymisation_refused(number) is None
    except NotFound:
        return False


def _anonymise(number: str, operator: str, expected_version: int | None) -> CustomerRecord:
    reason = anonymisation_refused(number)
    if reason:
        raise ConflictError(reason)
    record = get_customer(number, follow_merge=False)
    if expected_version is not None:
        _check_version(record.number, expected_version)
    individual = record.kind == "individual"
    merged = list(CustomerRow.select().where(CustomerRow.merged_into == record.id))
    # A tombstone keeps only its number and name: the name goes if it names a person.
    named = [row for row in merged if individual or row.kind == "individual"]
    erased = _erased_values(record, individual, named)
    now = utc_now()
    values: dict[str, Any] = dict(_PERSONAL)
    if individual:
        values["name"] = ERASED_NAME
    CustomerRow.update(
        anonymised_at=now, status="inactive", updated_at=now, updated_by=operator,
        version=CustomerRow.version + 1, **values,
    ).where(CustomerRow.id == record.id).execute()  # fmt: skip
    ContactRow.delete().where(ContactRow.customer == record.id).execute()
    if named:
        CustomerRow.update(name=ERASED_NAME).where(
            CustomerRow.id.in_([row.id for row in named])).execute()  # fmt: skip
    ids = [record.id, *(row.id for row in merged)]
    _scrub_history(ids, erased, individual)
    _scrub_documents(ids, individual)
    _record_event(record.id, operator, "anonymised",
                  [FieldChange("status", record.status, "inactive")])  # fmt: skip
    for customer_id in ids:
        _reindex(customer_id)
    return get_customer(record.number, follow_merge=False)


def _erased_values(record: CustomerRecord, individual: bool, named: list[Any]) -> set[str]:
    """Every text being erased, to scrub from the history's summaries as well (`named`:
    the tombstones whose name is erased)."""
    texts = [str(getattr(record, f) or "") for f in _PERSONAL]
    for contact in record.contacts:
        texts += [contact.name, contact.phone, contact.phone_e164, contact.email]
    if individual:
        texts.append(record.name)
    texts += [row.name for row in named]
    return {t for t in texts if len(t.strip()) >= 3}


def _scrub_history(customer_ids: list[int], erased: set[str], individual: bool) -> None:
    fields = _PERSONAL_FIELDS | ({"name"} if individual else set())
    for event in EventRow.select().where(EventRow.customer.in_(customer_ids)):
        changes = [
            [field, "", ""] if field in fields else [field, _scrub(old, erased),
                                                      _scrub(new, erased)]
            for field, old, new in json.loads(event.changes)
        ]  # fmt: skip
        EventRow.update(
            changes=json.dumps(changes, ensure_ascii=False), summary=_scrub(event.summary, erased)
        ).where(EventRow.id == event.id).execute()  # fmt: skip


def _scrub_documents(customer_ids: list[int], individual: bool) -> None:
    """Quotes and unnumbered drafts lose the addresses (and a person's name) copied into
    them. Issued invoices keep theirs: the law makes the seller keep them ten years."""
    values: dict[str, Any] = {
        "billing_street": "", "billing_postal_code": "", "billing_city": "",
        "delivery_street": "", "delivery_postal_code": "", "delivery_city": "",
        "delivery_country": "", "reference": "", "notes": "",
    }  # fmt: skip
    if individual:
        values["billing_name"] = ERASED_NAME
    Document.update(**values).where(
        Document.customer.in_(customer_ids)
        & ((Document.kind == "quote") | Document.number.is_null())
    ).execute()  # fmt: skip


def _scrub(text: str, erased: set[str]) -> str:
    for value in sorted(erased, key=len, reverse=True):
        text = text.replace(value, "…")
    return text


def _forget_freed_text() -> None:
    """The full-text index keeps a deleted row's words in its segments until they are
    merged: merge them now, so erased data leaves the file."""
    from models import search_index

    with write_txn():
        search_index.optimise(database.obj)
    # Earlier versions of the pages written since the last checkpoint stay in the WAL
    # file until it is reset: copy it back into the database and empty it.
    checkpoint_wal()


def retention_due(as_of: dt.date | None = None) -> list[RetentionRow]:
    """Customers (not anonymised, not merged) whose last activity is older than the
    retention period, longest overdue first."""
    as_of = as_of or dt.date.today()
    years = load_settings().retention
    cutoff = _years_before(as_of, years)
    rows = database.execute_sql(
        "SELECT c.number, c.name, c.city, last.at FROM customer c JOIN ("
        f" {last_activity_sql()}) last ON last.customer_id = c.id"
        " WHERE c.anonymised_at IS NULL AND c.merged_into_id IS NULL AND last.at < ?"
        " ORDER BY last.at, c.number",
        (str(dt.datetime.combine(cutoff, dt.time())),),
    ).fetchall()
    found = []
    for number, name, city, at in rows:
        last = dt.date.fromisoformat(str(at)[:10])
        # Listed once the activity is *older* than the period: from the day after.
        due = _years_after(last, years) + dt.timedelta(days=1)
        found.append(RetentionRow(number, name, city, last, due))
    return found


def last_activity_sql() -> str:
    """(customer_id, at) of each customer's last activity: its last history event (its
    creation at least) or the date of its last document, whichever is later (the law's
    keeping period runs from the last document)."""
    return (
        "SELECT customer_id, max(at) AS at FROM ("
        " SELECT customer_id, at FROM customer_event"
        " UNION ALL SELECT customer_id, date AS at FROM document"
        ") GROUP BY customer_id"
    )


def _years_before(day: dt.date, years: int) -> dt.date:
    """The first day whose `_years_after` is `day` or later: an activity before it is
    listed on `day`."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February: 28 February plus the years ends on the 28th
        return dt.date(day.year - years, 3, 1)


def _years_after(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)
