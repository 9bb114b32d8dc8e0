"""The start checks: a constant-time quick check before the first window, the full integrity check and
the daily backup after it (counter_app.startup)."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from counter_app import backup, db, startup
from counter_app.errors import CorruptDatabaseError


def _filled(path: Path, rows: int = 3000) -> None:
    db.migrate(path)
    with closing(db.raw_connect(path)) as conn:
        conn.execute("BEGIN")
        conn.executemany(
            "INSERT INTO citizen (id, unit_code, created_at, updated_at, full_name, id_number)"
            " VALUES (?, '27460', '2026-01-01', '2026-01-01', ?, ?)",
            [(f"c{i:06d}", f"Nguyễn Văn {i}", f"0790900{i:05d}") for i in range(rows)],
        )
        conn.execute("COMMIT")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def _damage_index_page(path: Path) -> None:
    """Garbage in the middle of one index page: page 1 (header, schema) stays intact."""
    with closing(sqlite3.connect(path)) as conn:
        root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name='ix_citizen_id_number'").fetchone()[0]
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    data = bytearray(path.read_bytes())
    start = (root - 1) * page_size
    data[start + 8 : start + page_size - 8] = b"\x5a" * (page_size - 16)
    path.write_bytes(bytes(data))


def test_quick_check_passes_a_good_file_and_refuses_truncated_or_foreign_ones(tmp_path: Path) -> None:
    good = tmp_path / "good.sqlite3"
    _filled(good)
    assert db.quick_check(good)
    data = good.read_bytes()
    truncated = tmp_path / "truncated.sqlite3"
    truncated.write_bytes(data[: len(data) // 2])  # cut at a page boundary: only the header's size tells
    assert not db.quick_check(truncated)
    torn = tmp_path / "torn.sqlite3"
    torn.write_bytes(data[:-100])
    assert not db.quick_check(torn)
    text = tmp_path / "text.sqlite3"
    text.write_bytes(b"not a database at all\n" * 400)
    assert not db.quick_check(text)
    schema = tmp_path / "schema.sqlite3"
    schema.write_bytes(data[:100] + b"\xff" * 3996 + data[4096:])
    assert not db.quick_check(schema)
    with pytest.raises(CorruptDatabaseError):
        db.migrate(truncated)


def test_damage_inside_a_page_is_found_in_the_background_and_offered_a_restore_next_start(tmp_path: Path) -> None:
    path, backups = tmp_path / "counter.sqlite3", tmp_path / "backups"
    _filled(path)
    good = backup.create_backup(path, backups)
    _damage_index_page(path)
    assert db.quick_check(path)  # the start does not pay for reading every page...
    db.migrate(path)
    result = startup.start_in_background(path, backups).result(timeout=60)
    assert not result.intact and result.backup is None  # ...the background check finds it, backs nothing up
    assert [b.path for b in backup.list_backups(backups)] == [good]
    assert db.damage_mark(path).exists()
    with pytest.raises(CorruptDatabaseError):  # the next start refuses it and offers the backup
        db.migrate(path)
    backup.restore(good, path, tmp_path / "aside")
    assert not db.damage_mark(path).exists()
    db.migrate(path)
    assert startup.full_check_then_backup(path, backups).intact


def test_intact_database_gets_its_daily_backup_after_the_check(tmp_path: Path) -> None:
    path, backups = tmp_path / "counter.sqlite3", tmp_path / "backups"
    _filled(path, 50)
    first = startup.full_check_then_backup(path, backups)
    assert first.intact and first.backup is not None and db.check_integrity(first.backup)
    assert startup.full_check_then_backup(path, backups).backup is None  # one a day
