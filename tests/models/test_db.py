"""The database seam: private files, safe pragmas, and no write outside write_txn()."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from peewee import Database, IntegrityError

from models.db import MIN_SQLITE, write_txn
from models.tables import Counter, Setting


def test_database_files_are_private(db: Database, db_path: Path) -> None:
    with write_txn():
        Setting.create(key="probe", value="1")
    for path in (db_path, db_path.with_name(db_path.name + "-wal")):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path


def test_connection_settings(db: Database) -> None:
    pragma = lambda name: db.execute_sql(f"PRAGMA {name}").fetchone()[0]  # noqa: E731
    assert pragma("journal_mode") == "wal"
    assert pragma("foreign_keys") == 1
    assert pragma("synchronous") == 2  # FULL
    assert pragma("busy_timeout") >= 5000
    found = db.execute_sql("SELECT sqlite_version()").fetchone()[0]
    version = tuple(int(part) for part in found.split("."))
    assert version >= MIN_SQLITE


def test_a_write_outside_write_txn_fails_and_leaves_nothing(db: Database) -> None:
    with pytest.raises(IntegrityError):
        Setting.create(key="sneaky", value="1")
    with pytest.raises(IntegrityError):
        db.execute_sql("UPDATE counter SET value = value + 1")
    assert not Setting.select().where(Setting.key == "sneaky").exists()


def test_nested_write_txn_is_one_transaction(db: Database) -> None:
    with pytest.raises(RuntimeError), write_txn():
        Counter.create(name="outer", value=1)
        with write_txn():
            Counter.create(name="inner", value=1)
        raise RuntimeError("operator cancelled")
    assert Counter.select().where(Counter.name.in_(["outer", "inner"])).count() == 0


def test_reads_in_one_read_transaction_see_one_snapshot(db: Database, db_path: Path) -> None:
    import sqlite3

    from models.db import read_txn

    def count() -> int:
        return int(db.execute_sql('SELECT COUNT(*) FROM "sales_rep"').fetchone()[0])

    other = sqlite3.connect(db_path)
    with read_txn():
        before = count()
        other.execute("INSERT INTO sales_rep (code, name, active) VALUES ('BOB', 'Bob', 1)")
        other.commit()
        assert count() == before  # the other operator's insert lands after this snapshot
    assert count() == before + 1
    other.close()
