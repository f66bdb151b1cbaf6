"""A consistent copy of the live database, safe while other operators keep working."""

from __future__ import annotations

import os
from pathlib import Path

from models.db import database, is_sqlite
from models.errors import ValidationError
from models.i18n import _


def backup_database(destination: Path) -> Path:
    """Copies the database into `destination` with SQLite's online backup (a consistent
    snapshot even with writers active); the copy is readable by its owner alone."""
    if not is_sqlite():
        raise ValidationError.single(
            "output", _("Back up a server database with its own tools (pg_dump).")
        )
    destination = destination.expanduser()
    if destination.exists():
        raise ValidationError.single("output", _("{path} already exists.").format(
            path=destination))  # fmt: skip
    if not destination.parent.is_dir():
        raise ValidationError.single("output", _("No folder {path}.").format(
            path=destination.parent))  # fmt: skip
    os.close(os.open(destination, os.O_CREAT | os.O_WRONLY | os.O_EXCL, 0o600))
    database.obj.backup_to_file(str(destination))
    return destination
