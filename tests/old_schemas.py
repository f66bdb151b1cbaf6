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
