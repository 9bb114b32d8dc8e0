"""Small core modules: ids, clock, config, access."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from pathlib import Path

import pytest

from counter_app import access, clock, config, ids
from counter_app.errors import PermissionDenied


def test_ids_are_time_ordered_uuid7() -> None:
    made = [ids.new_id() for _ in range(50)]
    assert all(uuid.UUID(i).version == 7 for i in made)
    assert made == sorted(made) and len(set(made)) == 50


def test_clock_converts_to_vietnam_time() -> None:
    assert clock.to_local(datetime(2026, 1, 1, 18, 30, tzinfo=UTC)).isoformat() == "2026-01-02T01:30:00+07:00"
    assert clock.to_local(datetime(2026, 1, 1, 18, 30)).hour == 1  # naive taken as UTC
    assert clock.utc_now().tzinfo is UTC
    assert clock.local_today(datetime(2026, 1, 1, 17, 0, tzinfo=UTC)).isoformat() == "2026-01-02"


def test_paths_follow_the_override(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WARD_COUNTER_HOME", str(tmp_path / "x"))
    paths = config.default_paths().ensure()
    assert paths.database == tmp_path / "x" / "counter.sqlite3" and paths.backups.is_dir()
    assert (config.resources_dir() / "admin_units_2025.csv").exists()


def test_roles() -> None:
    volunteer = access.Actor("v", access.Role.VOLUNTEER, "27460")
    admin = access.Actor("a", access.Role.ADMIN, "27460")
    assert volunteer.can(access.Perm.TICKET_ISSUE) and not volunteer.can(access.Perm.DOSSIER_READ)
    assert all(admin.can(p) for p in access.Perm)
    with pytest.raises(PermissionDenied, match="Tình nguyện viên"):
        access.require(volunteer, access.Perm.CITIZEN_READ)
    with pytest.raises(PermissionDenied, match="đơn vị khác"):
        access.require_unit(admin, "26740")
