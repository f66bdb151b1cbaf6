"""Domain errors raised by services; the TUI shows them at the field, the CLI maps them
to exit codes (2 invalid input, 4 not found, 5 conflict)."""

from __future__ import annotations


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


class DatabaseSetupError(ComptoirError):
    """The database cannot be used: wrong SQLite, newer schema, unreadable file."""
