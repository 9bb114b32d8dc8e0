from __future__ import annotations

import sqlite3
import threading
from contextlib import closing
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import select

from counter_app import backup, outbox
from counter_app.access import Actor, Role
from counter_app.db import check_integrity, open_database, session_scope
from counter_app.errors import CorruptDatabaseError, CounterError, PermissionDenied
from counter_app.ids import new_id
from counter_app.models import AuditEntry, Citizen

ADMIN = Actor(staff_id="s-admin", role=Role.ADMIN, unit_code="27460", counter_no=1)


def _add_citizens(engine: Engine, count: int) -> None:
    with session_scope(engine) as session:
        for i in range(count):
            outbox.save(session, Citizen(id=new_id(), unit_code="27460", full_name=f"Người {i}"))


def _citizens(path: Path) -> int:
    with closing(sqlite3.connect(path)) as conn:
        return int(conn.execute("SELECT count(*) FROM citizen").fetchone()[0])


def test_backup_is_consistent_while_writes_go_on(engine: Engine, db_path: Path, tmp_path: Path) -> None:
    _add_citizens(engine, 200)
    stop = threading.Event()

    def writer() -> None:
        while not stop.is_set():
            _add_citizens(engine, 5)

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        made = backup.create_backup(db_path, tmp_path / "bk", progress=lambda done, total: None)
    finally:
        stop.set()
        thread.join()
    assert check_integrity(made)
    with closing(sqlite3.connect(made)) as conn:
        citizens, entries = conn.execute(
            "SELECT (SELECT count(*) FROM citizen), (SELECT count(*) FROM outbox)"
        ).fetchone()
    assert citizens >= 200 and citizens == entries  # a snapshot: every row with its outbox entry


def test_rotation_keeps_seven_daily_and_four_weekly(engine: Engine, db_path: Path, tmp_path: Path) -> None:
    folder = tmp_path / "bk"
    start = datetime(2026, 9, 1, 3, 0, tzinfo=UTC)
    for day in range(60):
        for hour in (0, 5):
            backup.create_backup(db_path, folder, now=start + timedelta(days=day, hours=hour))
    backup.rotate(folder)
    kept = backup.list_backups(folder)
    days = {b.taken_at.date() for b in kept}
    assert len(kept) == len(days)  # one per day at most: the newest of that day
    newest_days = sorted(days)[-7:]
    assert newest_days == [(start + timedelta(days=d)).date() for d in range(53, 60)]
    assert len({b.taken_at.isocalendar()[:2] for b in kept}) == 4
    assert len(kept) <= 7 + 4


def test_backup_if_due_makes_one_per_day(engine: Engine, db_path: Path, tmp_path: Path) -> None:
    now = datetime(2026, 11, 24, 2, 0, tzinfo=UTC)
    assert backup.backup_if_due(db_path, tmp_path / "bk", now) is not None
    assert backup.backup_if_due(db_path, tmp_path / "bk", now + timedelta(hours=3)) is None
    assert backup.backup_if_due(db_path, tmp_path / "bk", now + timedelta(days=1)) is not None


def test_restore_brings_back_data_and_keeps_current_aside(engine: Engine, db_path: Path, tmp_path: Path) -> None:
    _add_citizens(engine, 3)
    made = backup.create_backup(db_path, tmp_path / "bk")
    _add_citizens(engine, 4)
    engine.dispose()
    aside = backup.restore(made, db_path, tmp_path / "aside")
    assert aside is not None and _citizens(aside) == 7
    assert _citizens(db_path) == 3
    reopened = open_database(db_path)
    backup.audit_restore(reopened, ADMIN, made.name)
    with session_scope(reopened) as session:
        assert session.exec(select(AuditEntry.action)).all() == ["restore"]
    reopened.dispose()


def test_restore_refuses_a_damaged_backup_and_changes_nothing(engine: Engine, db_path: Path, tmp_path: Path) -> None:
    _add_citizens(engine, 2)
    bad = tmp_path / "counter-20260101-000000.sqlite3"
    bad.write_bytes(b"not a database" * 100)
    before = db_path.read_bytes()
    with pytest.raises(CounterError, match="hỏng"):
        backup.restore(bad, db_path, tmp_path / "aside")
    assert db_path.read_bytes() == before and not (tmp_path / "aside").exists()


def test_corrupt_start_offers_newest_good_backup(engine: Engine, db_path: Path, tmp_path: Path) -> None:
    folder = tmp_path / "bk"
    _add_citizens(engine, 5)
    good = backup.create_backup(db_path, folder, now=datetime(2026, 11, 20, 1, tzinfo=UTC))
    broken = backup.create_backup(db_path, folder, now=datetime(2026, 11, 21, 1, tzinfo=UTC))
    broken.write_bytes(broken.read_bytes()[:2048] + b"\x00" * 8192)
    engine.dispose()
    data = bytearray(db_path.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)
    db_path.write_bytes(bytes(data))
    with pytest.raises(CorruptDatabaseError):
        open_database(db_path)
    offer = backup.newest_good_backup(folder)
    assert offer is not None and offer.path == good
    backup.restore(offer.path, db_path, tmp_path / "aside")
    assert _citizens(db_path) == 5
    open_database(db_path).dispose()


def test_backup_now_needs_admin_and_is_audited(engine: Engine, db_path: Path, tmp_path: Path) -> None:
    officer = Actor(staff_id="s-o", role=Role.OFFICER, unit_code="27460")
    with pytest.raises(PermissionDenied):
        backup.backup_now(engine, db_path, tmp_path / "bk", officer)
    made = backup.backup_now(engine, db_path, tmp_path / "bk", ADMIN)
    assert made.exists()
    with session_scope(engine) as session:
        assert session.exec(select(AuditEntry.action)).all() == ["backup"]
