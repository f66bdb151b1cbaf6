"""Domain errors raised by services; the TUI shows them at the field, the CLI maps them
to exit codes (2 invalid input, 4 not found, 5 conflict)."""

from __future__ import annotations

from typing import Any


class ComptoirError(Exception):
    """Base class of every error a service raises on purpose."""


class ValidationError(ComptoirError):
    """Input refused; `errors` maps each field to the reason, in the operator's language."""

    def __init__(self, errors: dict[str, str]) -> None:
        self.errors = dict(errors)
        super().__init__("; ".join(f"{field}: {reason}" for field, reason in self.errors.items()))

    @classmethod
    def single(cls, field: str, reason: str) -> ValidationError:
        return cls({field: reason})

    @property
    def field(self) -> str:
        return next(iter(self.errors))


class NotFound(ComptoirError):
    """The record asked for does not exist."""


class ConflictError(ComptoirError):
    """Someone else changed the record, or its state forbids the operation."""


class DuplicatesFound(ComptoirError):
    """The customer looks like one already on file; nothing was written. `matches` are
    `models.duplicates.DuplicateMatch`es, most likely first."""

    def __init__(self, matches: list[Any]) -> None:
        self.matches = list(matches)
        super().__init__(", ".join(m.number for m in self.matches))


class DatabaseSetupError(ComptoirError):
    """The database cannot be used: wrong SQLite, newer schema, unreadable file."""
