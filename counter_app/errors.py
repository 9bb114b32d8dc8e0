"""Errors the core raises for a person to read: the message is Vietnamese and free of personal data."""

from __future__ import annotations


class CounterError(Exception):
    """Base of every error the UI shows as a message rather than a crash.

    `template` is the Vietnamese text marked for translation (`counter_app.i18n`), `params` fill its
    `{name}` placeholders; `str(error)` is the filled Vietnamese text.
    """

    def __init__(self, template: str, **params: object) -> None:
        super().__init__(template.format(**params) if params else template)
        self.template, self.params = template, params


class ValidationError(CounterError):
    """Bad input; `field` names what to fix."""

    def __init__(self, template: str, field: str | None = None, **params: object) -> None:
        super().__init__(template, **params)
        self.field = field


class NewerDatabaseError(CounterError):
    pass


class CorruptDatabaseError(CounterError):
    pass


class PermissionDenied(CounterError):
    pass


class StaleStateError(CounterError):
    """The record changed since the caller saw it (e.g. another counter called the ticket)."""


class StorageError(CounterError):
    """The disk refused a write (full, read-only, failing); the transaction was rolled back whole."""


class StorageFullError(StorageError):
    pass


class ReadOnlyStorageError(StorageError):
    pass
