"""Backups through SQLite's online backup API, with rotation, and a checked restore.

The backup API copies a consistent snapshot while the app keeps writing (WAL), unlike a
file copy. Restore verifies the backup first and keeps the current file aside, then swaps
the restored file in with an atomic rename, so a failed restore never leaves a half file.
"""

from __future__ import annotations

import os
import re
import sqlite3
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy.engine import Engine

from counter_app import audit, storage_errors
from counter_app.access import Actor, Perm, require
from counter_app.clock import to_local, utc_now
from counter_app.db import check_integrity, damage_mark, owner_only, session_scope
from counter_app.errors import CounterError
from counter_app.i18n import QT_TRANSLATE_NOOP
from counter_app.migrations import LATEST_VERSION

PREFIX = "counter-"
_NAME = re.compile(r"^counter-(\d{8}-\d{6})\.sqlite3$")
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    taken_at: datetime  # Vietnam local time, from the file name

    @property
    def size(self) -> int:
        return self.path.stat().st_size


def _copy(source: sqlite3.Connection, target: Path, progress: Progress | None) -> None:
    def report(_status: int, remaining: int, total: int) -> None:
        if progress:
            progress(total - remaining, total)

    with closing(sqlite3.connect(str(target))) as dest:
        source.backup(dest, pages=256, progress=report)
        dest.execute("PRAGMA journal_mode=DELETE")  # a backup is one self-contained file


def create_backup(
    db_path: Path, backup_dir: Path, now: datetime | None = None, progress: Progress | None = None
) -> Path:
    """Snapshot the live database into `backup_dir`; the copy is checked before it counts."""
    backup_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    stamp = to_local(now or utc_now()).strftime("%Y%m%d-%H%M%S")
    target = backup_dir / f"{PREFIX}{stamp}.sqlite3"
    partial = target.with_suffix(".partial")
    partial.unlink(missing_ok=True)
    try:
        with closing(sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)) as source:
            _copy(source, partial, progress)
    except sqlite3.Error as exc:
        partial.unlink(missing_ok=True)  # a half copy never counts as a backup
        translated = storage_errors.translate(exc)
        if translated is None:
            raise
        raise translated from exc
    owner_only(partial)
    if not check_integrity(partial):
        partial.unlink(missing_ok=True)
        raise CounterError(
            QT_TRANSLATE_NOOP("core", "Bản sao lưu vừa tạo không đạt kiểm tra toàn vẹn; dữ liệu gốc không bị thay đổi.")
        )
    os.replace(partial, target)
    return target


def list_backups(backup_dir: Path) -> list[BackupInfo]:
    """Regular backups, newest first."""
    found = []
    for path in backup_dir.glob(f"{PREFIX}*.sqlite3"):
        match = _NAME.match(path.name)
        if match:
            found.append(BackupInfo(path, datetime.strptime(match.group(1), "%Y%m%d-%H%M%S")))
    return sorted(found, key=lambda b: b.taken_at, reverse=True)


def rotate(backup_dir: Path, keep_daily: int = 7, keep_weekly: int = 4) -> list[Path]:
    """Keep the newest backup of each of the last `keep_daily` days and of the last
    `keep_weekly` ISO weeks; delete the rest. Returns what was deleted."""
    keep: set[Path] = set()
    days: set[object] = set()
    weeks: set[object] = set()
    for info in list_backups(backup_dir):
        day, week = info.taken_at.date(), info.taken_at.isocalendar()[:2]
        if day not in days and len(days) < keep_daily:
            days.add(day)
            keep.add(info.path)
        if week not in weeks and len(weeks) < keep_weekly:
            weeks.add(week)
            keep.add(info.path)
    removed = [b.path for b in list_backups(backup_dir) if b.path not in keep]
    for path in removed:
        path.unlink()
    return removed


def backup_if_due(db_path: Path, backup_dir: Path, now: datetime | None = None) -> Path | None:
    """The automatic daily backup: one per local day, then rotation."""
    today = to_local(now or utc_now()).date()
    newest = list_backups(backup_dir)
    if newest and newest[0].taken_at.date() == today:
        return None
    made = create_backup(db_path, backup_dir, now)
    rotate(backup_dir)
    return made


def newest_good_backup(backup_dir: Path) -> BackupInfo | None:
    """The most recent backup that passes SQLite's integrity check, for a corrupted start."""
    for info in list_backups(backup_dir):
        if check_integrity(info.path) and _version(info.path) <= LATEST_VERSION:
            return info
    return None


def _version(path: Path) -> int:
    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as conn:
        return int(conn.execute("PRAGMA user_version").fetchone()[0])


def restore(backup: Path, db_path: Path, aside_dir: Path, now: datetime | None = None) -> Path | None:
    """Replace the database at `db_path` with `backup`, after checking the backup.

    The app must have closed its engine. The current file (even a corrupted one) is moved
    aside first and its path returned, so nothing is ever destroyed by a restore.
    """
    if not check_integrity(backup):
        raise CounterError(
            QT_TRANSLATE_NOOP("core", "Bản sao lưu bị hỏng hoặc không phải cơ sở dữ liệu; chưa thay đổi gì.")
        )
    if _version(backup) > LATEST_VERSION:
        raise CounterError(
            QT_TRANSLATE_NOOP(
                "core", "Bản sao lưu được tạo bởi phiên bản mới hơn của ứng dụng; hãy cập nhật ứng dụng trước."
            )
        )
    incoming = db_path.with_name(db_path.name + ".restoring")
    incoming.unlink(missing_ok=True)
    with closing(sqlite3.connect(f"file:{backup}?mode=ro", uri=True)) as source:
        _copy(source, incoming, None)
    aside = _move_aside(db_path, aside_dir, now)
    os.replace(incoming, db_path)
    damage_mark(db_path).unlink(missing_ok=True)  # the damaged file is aside now
    return aside


def set_aside(db_path: Path, aside_dir: Path, now: datetime | None = None) -> Path | None:
    """Move a damaged database (with its -wal/-shm) out of the way, keeping it for inspection."""
    return _move_aside(db_path, aside_dir, now)


def _move_aside(db_path: Path, aside_dir: Path, now: datetime | None) -> Path | None:
    if not db_path.exists():
        return None
    aside_dir.mkdir(parents=True, exist_ok=True)
    stamp = to_local(now or utc_now()).strftime("%Y%m%d-%H%M%S")
    aside = aside_dir / f"before-restore-{stamp}.sqlite3"
    os.replace(db_path, aside)
    for suffix in ("-wal", "-shm"):
        side = db_path.with_name(db_path.name + suffix)
        if side.exists():
            os.replace(side, aside.with_name(aside.name + suffix))
    return aside


def backup_now(engine: Engine, db_path: Path, backup_dir: Path, actor: Actor, progress: Progress | None = None) -> Path:
    """An admin's backup from the app: checked, rotated and audited."""
    require(actor, Perm.BACKUP)
    made = create_backup(db_path, backup_dir, progress=progress)
    rotate(backup_dir)
    with session_scope(engine) as session:
        audit.record(session, actor, "backup", detail={"file": made.name})
    return made


def audit_restore(engine: Engine, actor: Actor | None, backup_name: str) -> None:
    """Record the restore in the restored database (the old trail lives in the file set aside)."""
    if actor is not None:
        require(actor, Perm.BACKUP)
    with session_scope(engine) as session:
        audit.record(
            session, actor, "restore", detail={"file": backup_name}, unit_code=actor.unit_code if actor else ""
        )
