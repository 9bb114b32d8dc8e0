"""The slow part of a start, done after the first window instead of before it.

SQLite's full integrity check reads every page and the daily backup copies every page: seconds on a big
ward. They run on a worker thread once the app is up; the quick check at start (`db.quick_check`) still
refuses a 0-byte-header, truncated or unreadable file before anything opens it.
"""

from __future__ import annotations

import contextlib
import logging
import os
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from counter_app import backup
from counter_app.db import check_integrity, damage_mark

log = logging.getLogger("ward_counter")
_worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="start-checks")


@dataclass(frozen=True)
class StartChecks:
    intact: bool
    backup: Path | None  # the daily backup made now, if one was due


def _yield_to_the_window() -> None:
    """This thread reads every page of the database: let the UI thread have the CPU first (Linux runs
    each thread as its own task; elsewhere nothing changes)."""
    if hasattr(os, "setpriority") and hasattr(threading, "get_native_id"):
        with contextlib.suppress(OSError):
            os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 10)


def full_check_then_backup(db_path: Path, backup_dir: Path) -> StartChecks:
    """The full check first: a damaged file is marked for the next start and never backed up, so
    rotation cannot push a good backup out for a bad one."""
    if not check_integrity(db_path):
        damage_mark(db_path).write_text("integrity_check failed\n", encoding="utf-8")
        log.error("full integrity check failed; the next start offers the newest good backup")
        return StartChecks(False, None)
    made = backup.backup_if_due(db_path, backup_dir)
    if made:
        log.info("daily backup %s", made.name)
    return StartChecks(True, made)


def start_in_background(db_path: Path, backup_dir: Path) -> Future[StartChecks]:
    def run() -> StartChecks:
        _yield_to_the_window()
        return full_check_then_backup(db_path, backup_dir)

    return _worker.submit(run)
