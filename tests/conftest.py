"""Shared fixtures: every test gets its own database file (never :memory:, which breaks
across worker threads) with the schema at the latest version."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from peewee import Database

from models.db import database
from models.migrations import open_database


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "comptoir.db"


@pytest.fixture
def db(db_path: Path) -> Iterator[Database]:
    opened = open_database(str(db_path))
    yield opened
    database.close()

