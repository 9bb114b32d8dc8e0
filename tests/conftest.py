"""Shared fixtures: a real SQLite file per test, migrated to the latest schema."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Never touch the real user's data folder or keyring from a test."""
    monkeypatch.setenv("WARD_COUNTER_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.null.Keyring")


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "counter.sqlite3"


@pytest.fixture
def engine(db_path: Path) -> Iterator[Engine]:
    from counter_app.db import open_database

    eng = open_database(db_path)
    yield eng
    eng.dispose()
