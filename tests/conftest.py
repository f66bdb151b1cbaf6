"""Shared fixtures: every test gets its own database file (never :memory:, which breaks
across worker threads) with the schema at the latest version."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from peewee import Database

from models.db import database
from models.migrations import open_database


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "comptoir.db"


@pytest.fixture(scope="session")
def empty_database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database at the latest schema, made once per test process: each test gets a copy,
    which is much faster than running every migration again."""
    path = tmp_path_factory.mktemp("template") / "comptoir.db"
    open_database(str(path))
    database.close()
    return path


@pytest.fixture
def db(db_path: Path, empty_database: Path) -> Iterator[Database]:
    shutil.copyfile(empty_database, db_path)
    db_path.chmod(0o600)
    opened = open_database(str(db_path))
    yield opened
    database.close()

