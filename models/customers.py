"""The customer file: create, edit, deactivate, read. Every write runs in `write_txn()`,
checks the row's `version`, records a history event and refreshes the search index."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from peewee import JOIN

from models import validation as check
from models.clock import utc_now as utc_now
from models.customer_records import (
    EDITABLE_FIELDS,
    STATUSES,
    Contact,
    ContactInput,
    CustomerInput,
    CustomerRecord,
    FieldChange,
    HistoryEntry,
)
from models.db import write_txn
from models.errors import ConflictError, DuplicatesFound, NotFound, ValidationError
from models.i18n import _
from models.money import from_minor, to_minor
from models.settings import Settings, load_settings
from models.tables import Contact as ContactRow
from models.tables import Counter, PriceList, SalesRep
from models.tables import Customer as CustomerRow
from models.tables import CustomerEvent as EventRow

NUMBER_PREFIX = "C"


def new_customer_input(settings: Settings) -> CustomerInput:
    """A blank customer carrying the shop's defaults."""
    return CustomerInput(
        country=settings.company_country or "FR",
        terms=settings.default_terms,
        payment_method=settings.default_payment_method,
        currency=settings.default_currency,
        language=settings.default_language,
    )


def validate_customer(
    data: CustomerInput, settings: Settings, today: dt.date | None = None
) -> tuple[dict[str, Any], list[dict[str, str]]]:
    """Checks every field; returns the values to store and the contacts, or raises one
    ValidationError listing every bad field (contacts as `contacts.N.field`)."""
    today = today or dt.date.today()
    checks = check.FieldChecks()
    errors, values, run = checks.errors, checks.values, checks.run
    run("name", check.required, data.name)
    run("kind", check.choice, data.kind, ("company", "individual"))
    country = run("country", check.country, data.country or "FR") or ""
    if settings.email_mandatory and not data.email.strip():
        errors["email"] = _("An e-mail address is required (see Settings).")
    else:
        run("email", check.email, data.email)
    try:
        values["phone"], values["phone_e164"] = check.phone("phone", data.phone, country)
    except ValidationError as exc:
        errors.update(exc.errors)
    values["street"] = data.street.strip()
    run("postal_code", check.postcode, data.postal_code, country)
    values["city"] = data.city.strip()
    if (values["street"] or values.get("postal_code")) and not values["city"]:
        errors["city"] = _("The city is required with an address.")
    _validate_delivery(data, values, errors)
    siren = run("siren", check.siren, data.siren, country)
    vat = run("vat", check.vat_number, data.vat)
    if siren and vat and country == "FR" and not check.vat_matches_siren(vat, siren):
        errors["vat"] = _("This VAT number belongs to another SIREN.")
    run("status", check.choice, data.status or "prospect", STATUSES)
    values["rep"] = data.rep.strip().upper() or None
    if values["rep"] and not SalesRep.select().where(SalesRep.code == values["rep"]).exists():
        errors["rep"] = _("No sales rep with this code.")
    run("terms", check.terms, data.terms)
    run("payment_method", check.payment_method, data.payment_method)
    currency = run("currency", check.currency, data.currency) or "EUR"
    values["price_list"] = _price_list_id(data.price_list, currency, errors)
    limit = run("credit_limit", check.amount, data.credit_limit)
    values["credit_limit"] = None if limit is None else to_minor(limit, currency)
    run("language", check.language, data.language)
    run("birth_date", check.past_date, data.birth_date, today)
    values["notes"] = data.notes.strip()
    contacts = _validate_contacts(data.contacts, country, errors)
    if errors:
        raise ValidationError(errors)
    return values, contacts


def _price_list_id(name: str, currency: str, errors: dict[str, str]) -> int | None:
    """The id of the default price list named `name` (None for none); it must be in
    use and in the customer's currency."""
    from models.price_lists import get_price_list

    if not name.strip():
        return None
    try:
        row = get_price_list(name)
    except NotFound as exc:
        errors["price_list"] = str(exc)
        return None
    if not row.active:
        errors["price_list"] = _("The price list {name} is no longer used.").format(name=row.name)
    elif row.currency != currency:
        errors["price_list"] = _(
            "The price list {name} is in {list}, the customer in {customer}."
        ).format(name=row.name, list=row.currency, customer=currency)
    return int(row.id)


def _validate_delivery(data: CustomerInput, values: dict[str, Any], errors: dict[str, str]) -> None:
    parts = (data.delivery_street, data.delivery_postal_code, data.delivery_city)
    if not any(p.strip() for p in parts):
        values.update(delivery_street="", delivery_postal_code="", delivery_city="",
                      delivery_country="")  # fmt: skip
        return
    try:
        country = check.country("delivery_country", data.delivery_country or data.country)
    except ValidationError as exc:
        errors.update(exc.errors)
        return
    values["delivery_country"] = country
    values["delivery_street"] = data.delivery_street.strip()
    values["delivery_city"] = data.delivery_city.strip()
    if not values["delivery_city"]:
        errors["delivery_city"] = _("The city is required with an address.")
    try:
        values["delivery_postal_code"] = check.postcode(
            "delivery_postal_code", data.delivery_postal_code, country
        )
    except ValidationError as exc:
        errors.update(exc.errors)


def _validate_contacts(
    contacts: tuple[ContactInput, ...], country: str, errors: dict[str, str]
) -> list[dict[str, str]]:
    clean = []
    for index, contact in enumerate(contacts):
        prefix = f"contacts.{index}."
        if not any((contact.name.strip(), contact.role.strip(), contact.phone.strip(),
                    contact.email.strip())):  # fmt: skip
            continue
        row = {"name": contact.name.strip(), "role": contact.role.strip()}
        if not row["name"]:
            errors[prefix + "name"] = _("A contact needs a name.")
        try:
            row["email"] = check.email(prefix + "email", contact.email)
            row["phone"], row["phone_e164"] = check.phone(prefix + "phone", contact.phone, country)
        except ValidationError as exc:
            errors.update(exc.errors)
        clean.append(row)
    return clean


def _next_number() -> str:
    Counter.insert(name="customer", value=0).on_conflict_ignore().execute()
    Counter.update(value=Counter.value + 1).where(Counter.name == "customer").execute()
    value = Counter.get_by_id("customer").value
    return f"{NUMBER_PREFIX}{value:06d}"


def create_customer(
    data: CustomerInput,
    operator: str,
    summary: str = "",
    settings: Settings | None = None,
    *,
    force: bool = False,
) -> CustomerRecord:
    """Validates and stores a new customer with the next number; returns it. Raises
    DuplicatesFound, writing nothing, when it looks like a customer on file, unless
    `force`: then the new customer's history records who created it anyway."""
    settings = settings or load_settings()
    values, contacts = validate_customer(data, settings)
    with write_txn():
        # Inside the transaction: two operators typing the same customer at once cannot
        # both pass the check.
        matches = _duplicates(data, None, settings, force)
        record = insert_validated_customer(values, contacts, operator, summary)
        if matches:
            _record_duplicates_accepted(record.id, operator, matches)
    return record


def _duplicates(
    data: CustomerInput, number: str | None, settings: Settings, force: bool
) -> list[Any]:
    from models.duplicates import find_duplicates

    matches = find_duplicates(data, exclude_number=number, settings=settings)
    if matches and not force:
        raise DuplicatesFound(matches)
    return matches


def _record_duplicates_accepted(customer_id: int, operator: str, matches: list[Any]) -> None:
    summary = "; ".join(f"{m.number} ({', '.join(m.reasons)})" for m in matches)
    _record_event(customer_id, operator, "created_anyway", [], summary)


def insert_validated_customer(
    values: dict[str, Any],
    contacts: list[dict[str, str]],
    operator: str,
    summary: str = "",
    *,
    reindex: bool = True,
) -> CustomerRecord:
    """Stores what `validate_customer` returned under the next number, with its history
    event and index rows. Public for the import, which validates a batch of rows first and
    then writes them all in one transaction (this nests inside it as a savepoint) and
    indexes the batch at once (`reindex=False`, then `search_index.index_customers`)."""
    with write_txn():
        now = utc_now()
        row = CustomerRow.create(
            number=_next_number(), created_at=now, created_by=operator,
            updated_at=now, updated_by=operator, version=1, **values,
        )  # fmt: skip
        _replace_contacts(row.id, contacts)
        record = get_customer(row.number)
        changes = [FieldChange(f, "", _display(getattr(record, f))) for f in EDITABLE_FIELDS]
        changes += [FieldChange("contacts", "", _contacts_text(record.contacts))]
        _record_event(row.id, operator, "created", [c for c in changes if c.new], summary)
        if reindex:
            _reindex(row.id)
    return record


def update_customer(
    number: str, data: CustomerInput, expected_version: int, operator: str, *, force: bool = False
) -> CustomerRecord:
    """Saves the operator's edit unless someone saved the customer since they opened it.
    An edit to the name, phone, e-mail, SIREN, address or contacts that makes the customer
    look like another one raises DuplicatesFound unless `force`."""
    settings = load_settings()
    values, contacts = validate_customer(data, settings)
    with write_txn():
        before = _check_version(number, expected_version)
        if _identity(input_from_record(before)) != _identity(data):
            _duplicates(data, number, settings, force)
        CustomerRow.update(
            updated_at=utc_now(), updated_by=operator,
            version=CustomerRow.version + 1, **values,
        ).where(CustomerRow.id == before.id).execute()  # fmt: skip
        _replace_contacts(before.id, contacts)
        after = get_customer(number)
        changes = _diff(before, after)
        if changes:
            _record_event(before.id, operator, "edited", changes)
        _reindex(before.id)
    return after


def _identity(data: CustomerInput) -> tuple[object, ...]:
    """What the duplicate check reads, as typed."""
    contacts = tuple((c.phone.strip(), c.email.strip().lower()) for c in data.contacts)
    return (data.name.strip(), data.phone.strip(), data.email.strip().lower(), data.siren.strip(),
            data.street.strip(), data.postal_code.strip(), contacts)  # fmt: skip


def set_active(
    number: str, active: bool, operator: str, expected_version: int | None = None
) -> CustomerRecord:
    """Deactivates (hides from search, keeps everything) or reactivates a customer; a
    reactivated customer gets back the status it had."""
    with write_txn():
        before = get_customer(number)
        if expected_version is not None:
            _check_version(number, expected_version)
        if before.is_active == active:
            return before
        if before.anonymised_at is not None:
            raise ConflictError(_anonymised_text(before.number))
        status = "inactive" if not active else _status_before_deactivation(before.id)
        CustomerRow.update(
            status=status, updated_at=utc_now(), updated_by=operator,
            version=CustomerRow.version + 1,
        ).where(CustomerRow.id == before.id).execute()  # fmt: skip
        kind = "reactivated" if active else "deactivated"
        _record_event(before.id, operator, kind, [FieldChange("status", before.status, status)])
        _reindex(before.id)
        return get_customer(number)


def _status_before_deactivation(customer_id: int) -> str:
    last = (
        EventRow.select()
        .where((EventRow.customer == customer_id) & (EventRow.kind == "deactivated"))
        .order_by(EventRow.id.desc())
        .first()
    )
    if last is not None:
        for field, old, _new in json.loads(last.changes):
            if field == "status" and old in ("prospect", "customer"):
                return str(old)
    return "customer"


def _check_version(number: str, expected_version: int) -> CustomerRecord:
    # Not followed to the survivor: a form opened on a record merged since would
    # otherwise be saved over the survivor whenever the two versions happen to agree.
    current = get_customer(number, follow_merge=False)
    if current.merged_into is not None:
        from models.merge import resolve_number

        raise ConflictError(
            _("{number} was merged into {survivor} after you opened it; open {survivor} "
              "to see it.").format(number=current.number, survivor=resolve_number(number))
        )  # fmt: skip
    if current.anonymised_at is not None:
        raise ConflictError(_anonymised_text(current.number))
    if current.version != expected_version:
        local = current.updated_at.replace(tzinfo=dt.UTC).astimezone()
        raise ConflictError(
            _("{number} was changed by {operator} at {time} after you opened it; "
              "reopen it to see their changes.").format(
                number=number, operator=current.updated_by, time=local.strftime("%Y-%m-%d %H:%M")
            )
        )  # fmt: skip
    return current


def _anonymised_text(number: str) -> str:
    return _("{number} is anonymised: it can be read, no longer changed.").format(number=number)


def _replace_contacts(customer_id: int, contacts: list[dict[str, str]]) -> None:
    ContactRow.delete().where(ContactRow.customer == customer_id).execute()
    for position, contact in enumerate(contacts):
        ContactRow.create(customer=customer_id, position=position, **contact)


def _reindex(customer_id: int) -> None:
    from models import duplicate_keys, search_index

    search_index.index_customer(customer_id)
    duplicate_keys.refresh([customer_id])


def get_customer(number: str, *, follow_merge: bool = True) -> CustomerRecord:
    """The customer with this number (case and surrounding spaces ignored); for a number
    merged into another customer, that customer, unless `follow_merge` is False."""
    number = number.strip().upper()
    row = (
        CustomerRow.select(
            CustomerRow, SalesRep.name.alias("rep_name"), PriceList.name.alias("list_name")
        )
        .join(SalesRep, on=(CustomerRow.rep == SalesRep.code), join_type=JOIN.LEFT_OUTER)
        .switch(CustomerRow)
        .join(PriceList, on=(CustomerRow.price_list == PriceList.id), join_type=JOIN.LEFT_OUTER)
        .where(CustomerRow.number == number)
        .dicts()
        .first()
    )
    if row is None:
        raise NotFound(_("No customer {number}.").format(number=number))
    if follow_merge and row["merged_into"] is not None:
        from models.merge import resolve_number

        return get_customer(resolve_number(number), follow_merge=False)
    contacts = tuple(
        Contact(c.name, c.role, c.phone, c.phone_e164, c.email)
        for c in ContactRow.select().where(ContactRow.customer == row["id"]).order_by(
            ContactRow.position)
    )  # fmt: skip
    row["rep"] = row.pop("rep") or ""
    row["rep_name"] = row["rep_name"] or ""
    row["price_list"] = row.pop("list_name") or ""
    return CustomerRecord(contacts=contacts, **row)


def input_from_record(record: CustomerRecord) -> CustomerInput:
    """The customer as the form shows it, to edit and save back."""
    fields = {f: _display(getattr(record, f), record.currency) for f in EDITABLE_FIELDS}
    contacts = tuple(ContactInput(c.name, c.role, c.phone, c.email) for c in record.contacts)
    return CustomerInput(contacts=contacts, **fields)


def _display(value: Any, currency: str = "EUR") -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int) and not isinstance(value, bool):
        return str(from_minor(value, currency))
    return str(value)


def _contacts_text(contacts: tuple[Contact, ...]) -> str:
    return "; ".join(" ".join(p for p in (c.name, c.role, c.phone, c.email) if p)
                     for c in contacts)  # fmt: skip


def _diff(before: CustomerRecord, after: CustomerRecord) -> list[FieldChange]:
    changes = []
    for f in EDITABLE_FIELDS:
        old, new = _display(getattr(before, f), before.currency), _display(
            getattr(after, f), after.currency)  # fmt: skip
        if old != new:
            changes.append(FieldChange(f, old, new))
    old_contacts, new_contacts = _contacts_text(before.contacts), _contacts_text(after.contacts)
    if old_contacts != new_contacts:
        changes.append(FieldChange("contacts", old_contacts, new_contacts))
    return changes


def _record_event(
    customer_id: int, operator: str, kind: str, changes: list[FieldChange], summary: str = ""
) -> None:
    EventRow.create(
        customer=customer_id, at=utc_now(), operator=operator, kind=kind, summary=summary,
        changes=json.dumps([[c.field, c.old, c.new] for c in changes], ensure_ascii=False),
    )  # fmt: skip


def customer_history(number: str) -> list[HistoryEntry]:
    """The customer's events, newest first; a merged number's own (its merge), the
    rest having moved to the survivor."""
    record = get_customer(number, follow_merge=False)
    query = EventRow.select().where(EventRow.customer == record.id).order_by(EventRow.id.desc())
    return [
        HistoryEntry(e.at, e.operator, e.kind, e.summary,
                     tuple(FieldChange(*c) for c in json.loads(e.changes)))
        for e in query
    ]  # fmt: skip
