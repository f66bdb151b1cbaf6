"""`backup` gives a private, complete, consistent copy."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from peewee import Database

from models.backup import backup_database
from models.customer_records import CustomerInput
from models.customers import create_customer
from models.errors import ValidationError


def test_backup_holds_the_customers_and_is_private(db: Database, tmp_path: Path) -> None:
    create_customer(CustomerInput(name="Boulangerie Martin"), "alice")
    copy = backup_database(tmp_path / "copy.db")
    assert stat.S_IMODE(copy.stat().st_mode) == 0o600
    import sqlite3

    with sqlite3.connect(copy) as check:
        assert check.execute("SELECT name FROM customer").fetchall() == [("Boulangerie Martin",)]


def test_backup_never_overwrites(db: Database, tmp_path: Path) -> None:
    (tmp_path / "copy.db").write_text("keep me")
    with pytest.raises(ValidationError, match="already exists"):
        backup_database(tmp_path / "copy.db")
    assert (tmp_path / "copy.db").read_text() == "keep me"
