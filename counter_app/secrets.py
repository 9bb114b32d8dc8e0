"""Device secrets (the hub token): the OS keyring, or an owner-only file when there is none.

Never in the settings table or any config file. The fallback file lives in the data folder's
`secrets/` (0700) as one 0600 file per secret; on Windows the keyring (Credential Manager) is
normally present, so the file is for headless Linux PCs and tests.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from types import ModuleType
from urllib.parse import quote

from counter_app.config import default_paths

SERVICE = "WardCounter"


def _keyring() -> ModuleType:
    """keyring, imported when a secret is first needed: its backend discovery reads every installed
    package's entry points (0.3 s), which a PC that does not sync never needs."""
    import keyring

    return keyring


def _errors() -> type[Exception]:
    from keyring.errors import KeyringError

    return KeyringError


def _keyring_usable() -> bool:
    backend = _keyring().get_keyring()
    return bool(getattr(backend, "priority", 0) > 0) and "fail" not in type(backend).__module__


def _file(name: str) -> Path:
    folder = default_paths().secrets
    folder.mkdir(parents=True, exist_ok=True)
    os.chmod(folder, 0o700)
    return folder / quote(name, safe="")  # names may hold a URL: make them one safe file name


def store_secret(name: str, value: str) -> None:
    if _keyring_usable():
        try:
            _keyring().set_password(SERVICE, name, value)
            return
        except _errors():
            pass
    path = _file(name)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(value)
    os.chmod(path, 0o600)


def load_secret(name: str) -> str | None:
    if _keyring_usable():
        try:
            value: str | None = _keyring().get_password(SERVICE, name)
        except _errors():
            value = None
        if value is not None:
            return value
    path = _file(name)
    return path.read_text(encoding="utf-8") if path.exists() else None


def delete_secret(name: str) -> None:
    if _keyring_usable():
        with contextlib.suppress(_errors()):
            _keyring().delete_password(SERVICE, name)
    _file(name).unlink(missing_ok=True)
