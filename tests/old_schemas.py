"""Databases as earlier releases left them, made by hand from today's schema."""

from __future__ import annotations

from peewee import Database


def undo_schema_4(db: Database) -> None:
    """Takes a database back from schema 4 to 3 by hand (inside a write transaction), as
    a database from the release before the catalog and quotes would be."""
    for table in ("document_line", "document", "contract_item", "contract",
                  "price_list_item", "item", "vat_rate"):  # fmt: skip
        db.execute_sql(f'DROP TABLE "{table}"')
    db.execute_sql('DROP INDEX "customer_price_list_id"')
    db.execute_sql('ALTER TABLE "customer" DROP COLUMN "price_list_id"')
    db.execute_sql('DROP TABLE "price_list"')


def undo_schema_5(db: Database) -> None:
    """Takes a database back from schema 5 to 4 by hand (inside a write transaction)."""
    from models import immutability

    immutability.drop(db)
    db.execute_sql('DROP TABLE "allocation"')
    db.execute_sql('DROP TABLE "exchange_rate"')
    db.execute_sql('DROP INDEX "document_line_credited_line_id"')
    db.execute_sql('ALTER TABLE "document_line" DROP COLUMN "credited_line_id"')
    db.execute_sql('DROP INDEX "document_chain_position"')
    for column in ("service_date", "issued_at", "issued_by", "customer_kind", "seller",
                   "total_excl", "total_tax", "total", "exchange_rate", "chain_position",
                   "hash"):  # fmt: skip
        db.execute_sql(f'ALTER TABLE "document" DROP COLUMN "{column}"')


def undo_schema_6(db: Database) -> None:
    """Takes a database back from schema 6 to 5 by hand (inside a write transaction)."""
    for name in ("payment_update", "payment_delete", "allocation_update", "allocation_delete"):
        db.execute_sql(f'DROP TRIGGER "{name}"')
    db.execute_sql(
        'DELETE FROM "allocation" WHERE "invoice_id" IS NULL OR "payment_id" IS NOT NULL'
    )
    db.execute_sql(
        'CREATE TABLE "allocation_v5" ("id" INTEGER NOT NULL PRIMARY KEY,'
        ' "invoice_id" INTEGER NOT NULL, "credit_note_id" INTEGER, "amount" INTEGER NOT NULL,'
        ' "date" DATE NOT NULL, "created_at" DATETIME NOT NULL,'
        ' "created_by" VARCHAR(255) NOT NULL,'
        ' FOREIGN KEY ("invoice_id") REFERENCES "document" ("id") ON DELETE RESTRICT,'
        ' FOREIGN KEY ("credit_note_id") REFERENCES "document" ("id") ON DELETE RESTRICT)'
    )
    db.execute_sql(
        'INSERT INTO "allocation_v5" SELECT "id", "invoice_id", "credit_note_id", "amount",'
        ' "date", "created_at", "created_by" FROM "allocation"'
    )
    db.execute_sql('DROP TABLE "allocation"')
    db.execute_sql('ALTER TABLE "allocation_v5" RENAME TO "allocation"')
    db.execute_sql('CREATE INDEX "allocation_invoice_id" ON "allocation" ("invoice_id")')
    db.execute_sql('CREATE INDEX "allocation_credit_note_id" ON "allocation" ("credit_note_id")')
    db.execute_sql('DROP INDEX "document_customer_id_status_currency_date_kind_total"')
    db.execute_sql('DROP TABLE "payment"')
