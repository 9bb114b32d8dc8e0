"""The local SQLite store: connection pragmas, schema migration, sessions.

WAL lets the UI read while the sync engine writes; `synchronous=FULL` makes every commit
durable before the UI says "saved"; `busy_timeout` waits out a short lock instead of failing.
Write transactions start with BEGIN IMMEDIATE so two writers queue on the lock rather than
deadlocking on an upgrade from a read.

Checking and migrating the file needs only `sqlite3`; SQLAlchemy and SQLModel (half a second to import)
load with the first engine, so the app can show its sign-in window before them (ui.app, ui.warm_start).
"""

from __future__ import annotations

import os
import sqlite3
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from counter_app import storage_errors
from counter_app.errors import CorruptDatabaseError, NewerDatabaseError
from counter_app.i18n import QT_TRANSLATE_NOOP
from counter_app.migrations import LATEST_VERSION, MIGRATIONS

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine
    from sqlmodel import Session

BUSY_TIMEOUT_MS = 10_000
SQLITE_MAGIC = b"SQLite format 3\x00"
MSG_CORRUPT = QT_TRANSLATE_NOOP("core", "Tệp cơ sở dữ liệu bị hỏng. Hãy khôi phục từ bản sao lưu gần nhất còn tốt.")


def apply_pragmas(conn: sqlite3.Connection) -> None:
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("PRAGMA foreign_keys=ON")
    conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")


def raw_connect(path: Path) -> sqlite3.Connection:
    """A plain sqlite3 connection in autocommit mode, transactions managed by hand."""
    conn = sqlite3.connect(str(path), isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
    apply_pragmas(conn)
    return conn


def schema_version(path: Path) -> int:
    """Read without changing anything (no journal-mode switch, no file created)."""
    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as conn:
        return int(conn.execute("PRAGMA user_version").fetchone()[0])


def looks_whole(path: Path) -> bool:
    """False for a file that cannot be a whole database: empty, not SQLite, or cut short.

    SQLite reads an empty file as a new empty database and a short one may pass a quick look,
    so a 0-byte or truncated counter.sqlite3 would otherwise start the PC afresh, outbox lost.
    A pending -wal file may legitimately hold pages beyond the main file (a checkpoint cut
    short), so the size rule applies only without one.
    """
    size = path.stat().st_size
    with path.open("rb") as f:
        header = f.read(100)
    if size == 0 or len(header) < 100 or not header.startswith(SQLITE_MAGIC):
        return False
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    wal = path.with_name(path.name + "-wal")
    if page_size < 512 or (wal.exists() and wal.stat().st_size > 0):
        return page_size >= 512
    pages, counter, valid_for = (int.from_bytes(header[i : i + 4], "big") for i in (28, 24, 92))
    if size % page_size:
        return False
    return not (pages and counter == valid_for and size < pages * page_size)


def damage_mark(path: Path) -> Path:
    """Left beside the database when the background full check finds damage, so the next start offers
    the newest good backup (the quick check at start cannot see damage inside a page)."""
    return path.with_name(path.name + ".damaged")


def quick_check(path: Path) -> bool:
    """The check at every start, in constant time: a whole file (`looks_whole`), a schema that reads,
    and no damage found by an earlier full check.

    SQLite's full `integrity_check` reads every page (8 s at 1,000,000 dossiers): it runs in the
    background after start instead (counter_app.startup).
    """
    if damage_mark(path).exists() or not looks_whole(path):
        return False
    try:
        with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as conn:
            conn.execute("SELECT count(*), max(rootpage) FROM sqlite_master").fetchone()
            conn.execute("PRAGMA user_version").fetchone()
    except sqlite3.DatabaseError:
        return False
    return True


def check_integrity(path: Path) -> bool:
    """True when SQLite's own full check finds nothing wrong (and the file is a database)."""
    try:
        with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as conn:
            rows = conn.execute("PRAGMA integrity_check").fetchall()
    except sqlite3.DatabaseError:
        return False
    return rows == [("ok",)]


def migrate(path: Path, backup_dir: Path | None = None) -> int:
    """Bring the database at `path` to the latest schema; returns the version it had.

    Refuses a database from a newer app version, and copies an existing database aside
    (online backup) before changing its schema.
    """
    existed = path.exists()
    storage_errors.check_writable(path)
    if existed and not quick_check(path):
        raise CorruptDatabaseError(MSG_CORRUPT)
    current = schema_version(path) if existed else 0
    if current > LATEST_VERSION:  # checked before any connection that could change the file
        raise NewerDatabaseError(
            QT_TRANSLATE_NOOP(
                "core",
                "Cơ sở dữ liệu được tạo bởi phiên bản mới hơn (lược đồ {found}, "
                "ứng dụng này hỗ trợ đến {supported}). Hãy cập nhật ứng dụng; "
                "dữ liệu không bị thay đổi.",
            ),
            found=current,
            supported=LATEST_VERSION,
        )
    try:
        with closing(raw_connect(path)) as conn:
            if existed and current < LATEST_VERSION:
                _copy_before_migration(conn, path, current, backup_dir or path.parent)
            for step in MIGRATIONS:
                if step.version > current:
                    _apply(conn, step.version, step.statements, step.python)
    except sqlite3.Error as exc:
        translated = storage_errors.translate(exc)
        if translated is None:
            raise
        raise translated from exc
    return current


def _copy_before_migration(conn: sqlite3.Connection, path: Path, version: int, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{path.stem}.before-migration-v{version}.sqlite3"
    with closing(sqlite3.connect(str(target))) as dest:
        conn.backup(dest)
    return target


def _apply(
    conn: sqlite3.Connection,
    version: int,
    statements: tuple[str, ...],
    python: Callable[[sqlite3.Connection], None] | None = None,
) -> None:
    conn.execute("BEGIN IMMEDIATE")
    try:
        for statement in statements:
            conn.execute(statement)
        if python is not None:
            python(conn)
        conn.execute(f"PRAGMA user_version={int(version)}")
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


def make_engine(path: Path) -> Engine:
    """An engine on an already migrated database file."""
    from sqlalchemy import event
    from sqlmodel import create_engine

    from counter_app import search  # noqa: F401  # its session hook keeps the name index in step

    engine = create_engine(
        f"sqlite:///{path}",
        connect_args={"check_same_thread": False, "timeout": BUSY_TIMEOUT_MS / 1000},
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: sqlite3.Connection, _record: Any) -> None:
        dbapi_conn.isolation_level = None  # let SQLAlchemy's begin event own transactions
        apply_pragmas(dbapi_conn)

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        if conn.get_execution_options().get(READ_ONLY, False):
            conn.exec_driver_sql("BEGIN")
            return
        me = threading.get_ident()
        _AT_BEGIN.add(me)  # set.add and discard are atomic: no lock needed between threads
        try:
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        finally:
            _AT_BEGIN.discard(me)

    return engine


def prepare(path: Path, backup_dir: Path | None = None) -> None:
    """Check and migrate (with a backup first) the database the app runs on, with `sqlite3` alone."""
    path.parent.mkdir(parents=True, exist_ok=True)
    migrate(path, backup_dir)
    owner_only(path)


def open_database(path: Path, backup_dir: Path | None = None) -> Engine:
    """Migrate (with a backup first) and open the database the app runs on."""
    prepare(path, backup_dir)
    return make_engine(path)


def owner_only(path: Path) -> None:
    """The database holds the ward's citizens' data: readable by its owner only (on Linux; Windows
    keeps a user's local app data private by its own ACLs)."""
    if sys.platform == "win32":
        return
    for file in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        if file.exists() and file.stat().st_mode & 0o077:
            os.chmod(file, 0o600)


READ_ONLY = "ward_read_only"
_AT_BEGIN: set[int] = set()  # the threads waiting for the write lock right now


def writer_waiting() -> bool:
    """Whether a thread is waiting for the write lock (at BEGIN IMMEDIATE) now: whoever holds it should not
    dawdle (sync/client/pacing.py)."""
    return bool(_AT_BEGIN)


@contextmanager
def read_scope(engine: Engine) -> Iterator[Session]:
    """A transaction that only reads: a plain BEGIN, so under WAL it sees the last commit at once
    instead of queueing for the write lock behind the sync engine's write transaction. Always rolled
    back (closing the session returns the connection rolled back and leaves loaded rows readable): for
    reads only (a write would have to upgrade the lock and could meet SQLITE_BUSY)."""
    from sqlmodel import Session

    with Session(engine.execution_options(**{READ_ONLY: True}), expire_on_commit=False) as session:
        yield session


@contextmanager
def session_scope(engine: Engine) -> Iterator[Session]:
    """One transaction: commit on success, roll back on any error. A full or read-only disk comes
    out as a StorageError with the officer's message (a CounterError, so the UI shows it)."""
    from sqlalchemy.exc import DBAPIError
    from sqlmodel import Session

    with Session(engine, expire_on_commit=False) as session:
        try:
            yield session
            session.commit()
        except DBAPIError as exc:
            session.rollback()
            translated = storage_errors.translate(exc)
            if translated is None:
                raise
            raise translated from exc
        except BaseException:
            session.rollback()
            raise
