from __future__ import annotations

import stat

import pytest

from counter_app import secrets
from counter_app.config import default_paths


def test_file_fallback_is_owner_only_and_round_trips() -> None:
    assert secrets.load_secret("device_token") is None
    secrets.store_secret("device_token", "s3cr3t-token")
    assert secrets.load_secret("device_token") == "s3cr3t-token"
    path = default_paths().secrets / "device_token"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    secrets.delete_secret("device_token")
    assert secrets.load_secret("device_token") is None


def test_keyring_is_used_when_it_has_a_backend(monkeypatch: pytest.MonkeyPatch) -> None:
    import keyring
    from keyring.backend import KeyringBackend

    class Memory(KeyringBackend):
        priority = 1  # type: ignore[assignment]

        def __init__(self) -> None:
            self.data: dict[tuple[str, str], str] = {}

        def get_password(self, service: str, username: str) -> str | None:
            return self.data.get((service, username))

        def set_password(self, service: str, username: str, password: str) -> None:
            self.data[(service, username)] = password

        def delete_password(self, service: str, username: str) -> None:
            self.data.pop((service, username), None)

    backend = Memory()
    monkeypatch.setattr(keyring, "get_keyring", lambda: backend)
    monkeypatch.setattr(keyring, "set_password", backend.set_password)
    monkeypatch.setattr(keyring, "get_password", backend.get_password)
    secrets.store_secret("device_token", "in-keyring")
    assert backend.data == {("WardCounter", "device_token"): "in-keyring"}
    assert secrets.load_secret("device_token") == "in-keyring"
    assert not (default_paths().secrets / "device_token").exists()
