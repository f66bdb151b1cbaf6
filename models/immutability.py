"""The database's own refusal to change an issued invoice or credit note (CGI 289: the only
correction is a credit note), nor a payment or an allocation (a mistake is undone by a
reversing entry). Python never tries; these triggers make sure that nothing
else can either — a script, a hand-run `sqlite3`, a bug — short of dropping them, which
`comptoir verify` then catches through the hash chain.

SQLite-only SQL, kept here alone (PostgreSQL gets its own triggers with that backend).
A document's customer link may still move when duplicates are merged: it is not part of
what was issued (the billing data printed on it is), so it is left out of the columns
watched. A later step that adds a document column recreates the update trigger."""

from __future__ import annotations

from peewee import Database

MESSAGE = "an issued document cannot change: correct it with a credit note"

# Every column of "document" in schema 5 except "customer_id".
DOCUMENT_COLUMNS = (
    "id", "kind", "number", "status", "date", "valid_until", "due_date", "currency",
    "language", "price_list_id", "terms", "payment_method", "tax_treatment", "contract_id",
    "billing_name", "billing_street", "billing_postal_code", "billing_city",
    "billing_country", "customer_vat", "customer_siren", "delivery_street",
    "delivery_postal_code", "delivery_city", "delivery_country", "reference", "notes",
    "source_id", "version", "created_at", "created_by", "updated_at", "updated_by",
    "service_date", "issued_at", "issued_by", "customer_kind", "seller", "total_excl",
    "total_tax", "total", "exchange_rate", "chain_position", "hash",
)  # fmt: skip

_ISSUED = "OLD.status = 'issued' AND OLD.kind IN ('invoice', 'credit_note')"


def _issued_parent(ref: str) -> str:
    return (
        f"(SELECT status = 'issued' AND kind IN ('invoice', 'credit_note') FROM document"
        f" WHERE id = {ref}.document_id)"
    )


TRIGGERS = {
    "document_issued_update": (
        "BEFORE UPDATE OF {columns} ON document WHEN {issued}"
        " BEGIN SELECT RAISE(ABORT, '{message}'); END"
    ),
    "document_issued_delete": (
        "BEFORE DELETE ON document WHEN {issued} BEGIN SELECT RAISE(ABORT, '{message}'); END"
    ),
    "document_line_issued_insert": (
        "BEFORE INSERT ON document_line WHEN {new_parent}"
        " BEGIN SELECT RAISE(ABORT, '{message}'); END"
    ),
    "document_line_issued_update": (
        "BEFORE UPDATE ON document_line WHEN {old_parent} OR {new_parent}"
        " BEGIN SELECT RAISE(ABORT, '{message}'); END"
    ),
    "document_line_issued_delete": (
        "BEFORE DELETE ON document_line WHEN {old_parent}"
        " BEGIN SELECT RAISE(ABORT, '{message}'); END"
    ),
}


LEDGER_MESSAGE = "payments and allocations are never changed: record a reversing entry"

# Payments may follow their customer into a merge; allocations never change at all.
LEDGER_TRIGGERS = {
    "payment_update": (
        "BEFORE UPDATE OF {payment_columns} ON payment"
        " BEGIN SELECT RAISE(ABORT, '{message}'); END"
    ),
    "payment_delete": "BEFORE DELETE ON payment BEGIN SELECT RAISE(ABORT, '{message}'); END",
    "allocation_update": (
        "BEFORE UPDATE ON allocation BEGIN SELECT RAISE(ABORT, '{message}'); END"
    ),
    "allocation_delete": (
        "BEFORE DELETE ON allocation BEGIN SELECT RAISE(ABORT, '{message}'); END"
    ),
}
PAYMENT_COLUMNS = (
    "id", "direction", "kind", "date", "amount", "currency", "exchange_rate", "method",
    "reference", "note", "reverses_id", "created_at", "created_by",
)  # fmt: skip


def create(db: Database) -> None:
    columns = ", ".join(f'"{name}"' for name in DOCUMENT_COLUMNS)
    for name, body in TRIGGERS.items():
        sql = body.format(
            columns=columns,
            issued=_ISSUED,
            old_parent=_issued_parent("OLD"),
            new_parent=_issued_parent("NEW"),
            message=MESSAGE,
        )
        db.execute_sql(f'CREATE TRIGGER "{name}" {sql}')  # type: ignore[no-untyped-call]


def create_ledger(db: Database) -> None:
    columns = ", ".join(f'"{name}"' for name in PAYMENT_COLUMNS)
    for name, body in LEDGER_TRIGGERS.items():
        sql = body.format(payment_columns=columns, message=LEDGER_MESSAGE)
        db.execute_sql(f'CREATE TRIGGER "{name}" {sql}')  # type: ignore[no-untyped-call]


def drop(db: Database) -> None:
    """What someone tampering with the file by hand would do first."""
    for name in [*TRIGGERS, *LEDGER_TRIGGERS]:
        db.execute_sql(f'DROP TRIGGER IF EXISTS "{name}"')  # type: ignore[no-untyped-call]
