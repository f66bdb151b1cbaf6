"""The database seam: which database, how connections are set up, and `write_txn()`.

SQLite now (through cysqlite, which bundles a SQLite without the WAL-reset corruption bug
fixed in 3.51.3), PostgreSQL later: everything backend-specific about connecting and
locking lives here.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from peewee import Database, DatabaseProxy, OperationalError

from models.errors import ConflictError, DatabaseSetupError
from models.i18n import _

database = DatabaseProxy()

MIN_SQLITE = (3, 51, 3)
BUSY_TIMEOUT_S = 15.0
ENV_VAR = "COMPTOIR_DB"

_write_state = threading.local()


def default_location() -> Path:
    """`comptoir.db` in the operator's data folder (created private on first use)."""
    from platformdirs import user_data_path

    return user_data_path("comptoir", appauthor=False) / "comptoir.db"


def resolve_location(cli_value: str | None) -> str:
    """`--db`, else COMPTOIR_DB, else the default file."""
    return cli_value or os.environ.get(ENV_VAR) or str(default_location())


def _is_url(location: str) -> bool:
    return "://" in location


def _create_private_file(path: Path) -> None:
    """A new database file is 0600 in a 0700 folder; SQLite gives its WAL and shared-memory
    files the same mode. A file that exists keeps its mode, so a shop can share one
    database through a setgid group folder with 0660 files."""
    if not path.parent.exists():
        path.parent.mkdir(parents=True, mode=0o700)
    if not path.exists():
        os.close(os.open(path, os.O_CREAT | os.O_RDWR, 0o600))


def _refuse_writes_outside_write_txn() -> bool:
    """SQLite commit hook: a true result turns the commit into a rollback, so a write made
    outside `write_txn()` fails loudly instead of racing other operators."""
    return getattr(_write_state, "depth", 0) == 0


def _sqlite_database(path: Path) -> Database:
    from playhouse.cysqlite_ext import CySqliteDatabase

    class ComptoirSqliteDatabase(CySqliteDatabase):  # type: ignore[misc]
        def _add_conn_hooks(self, conn: Any) -> None:
            super()._add_conn_hooks(conn)
            # Registered after the pragmas, which write the header when WAL is first set.
            conn.commit_hook(_refuse_writes_outside_write_txn)

    db = ComptoirSqliteDatabase(
        str(path),
        pragmas={
            "journal_mode": "wal",
            "foreign_keys": 1,
            # An issued invoice must survive a power cut.
            "synchronous": "full",
            # Erased personal data must not linger in freed pages of the file.
            "secure_delete": 1,
        },
        timeout=BUSY_TIMEOUT_S,
        rank_functions=False,
    )
    version = tuple(db.server_version)
    if version < MIN_SQLITE:
        raise DatabaseSetupError(
            _("SQLite {found} is too old: Comptoir needs {needed} or newer.").format(
                found=".".join(map(str, version)), needed=".".join(map(str, MIN_SQLITE))
            )
        )
    return db


def bind(location: str) -> Database:
    """Binds the proxy to the database at `location` (a path or a db URL) and opens it."""
    if _is_url(location):
        from playhouse.db_url import connect as connect_url

        db: Database = connect_url(location)
    else:
        path = Path(location).expanduser()
        try:
            _create_private_file(path)
        except OSError as exc:
            raise DatabaseSetupError(
                _("Cannot create the database {path}: {reason}").format(
                    path=path, reason=exc.strerror
                )
            ) from exc
        db = _sqlite_database(path)
    database.initialize(db)
    return db


def is_sqlite() -> bool:
    from peewee import SqliteDatabase

    return isinstance(database.obj, SqliteDatabase)


@contextmanager
def write_txn() -> Iterator[None]:
    """The one way to write. Takes the write lock up front (BEGIN IMMEDIATE) so that a
    read-modify-write by one operator never interleaves with another's; nested calls
    become savepoints. A database still locked after the busy timeout is reported as a
    conflict, never as a raw "database is locked"."""
    depth = getattr(_write_state, "depth", 0)
    if depth:
        _write_state.depth = depth + 1
        try:
            with database.atomic():
                yield
        finally:
            _write_state.depth = depth
        return
    _write_state.depth = 1
    try:
        lock = {"lock_type": "IMMEDIATE"} if is_sqlite() else {}
        with database.atomic(**lock):
            yield
    except OperationalError as exc:
        if "locked" in str(exc) or "busy" in str(exc):
            raise ConflictError(
                _("The database is busy with another operator's work; try again.")
            ) from exc
        raise
    finally:
        _write_state.depth = 0


@contextmanager
def read_txn() -> Iterator[None]:
    """Several reads that must agree with each other (a customer, then its contracts and
    documents): one snapshot of the database, so another operator's change in between
    (a deletion, say) is either wholly seen or not at all. Writes are refused inside."""
    with database.atomic():
        yield


def checkpoint_wal(wait_s: float = 1.0) -> bool:
    """Copies the WAL back into the database file and empties it, so the earlier
    versions of pages it holds (erased personal data among them) leave the disk. Waits at
    most `wait_s` for other connections' reads to end; True when the WAL was emptied.
    Outside any transaction. A no-op on other backends."""
    if not is_sqlite() or in_write_txn():
        return False
    db = database.obj
    db.execute_sql(f"PRAGMA busy_timeout = {int(wait_s * 1000)}")
    try:
        busy, _log, _moved = db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    except OperationalError:
        return False
    finally:
        db.execute_sql(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
    return not busy


def in_write_txn() -> bool:
    return getattr(_write_state, "depth", 0) > 0
