"""Errors the core raises for a person to read: the message is Vietnamese and free of personal data."""

from __future__ import annotations


class CounterError(Exception):
    """Base of every error the UI shows as a message rather than a crash."""


class ValidationError(CounterError):
    """Bad input; `field` names what to fix."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class NewerDatabaseError(CounterError):
    pass


class CorruptDatabaseError(CounterError):
    pass


class PermissionDenied(CounterError):
    pass


class StaleStateError(CounterError):
    """The record changed since the caller saw it (e.g. another counter called the ticket)."""
