"""The PC's storage under faults: damaged files are damaged (never silently replaced), a full or
read-only disk is a clear message with nothing half written and work resumes once it clears,
a newer version's file is refused untouched, and the data is owner-only."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import stat
import tempfile
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, func
from sqlalchemy.engine import Engine
from sqlmodel import create_engine, select

from counter_app import backup, db, migrations, settings
from counter_app.access import Actor, Role
from counter_app.catalog import default_catalog
from counter_app.citizens import CitizenInput
from counter_app.config import Paths
from counter_app.dossiers import IntakeInput, receive_dossier
from counter_app.errors import (
    CorruptDatabaseError,
    NewerDatabaseError,
    ReadOnlyStorageError,
    StorageFullError,
    ValidationError,
)
from counter_app.models import Dossier, OutboxEntry

CERT = "1.004873"
ACTOR = Actor("staff-1", Role.OFFICER, "27460", 1)
NOBODY = 65534


def _intake(name: str = "Nguyễn Văn Dũng") -> IntakeInput:
    papers = [p.name for p in default_catalog().get(CERT).papers if p.required]
    return IntakeInput(CERT, citizen=CitizenInput(name, "079090001234"), papers_received=papers)


def _counts(engine: Engine) -> tuple[int, int]:
    with db.session_scope(engine) as s:
        return (
            s.exec(select(func.count()).select_from(Dossier)).one(),
            s.exec(select(func.count()).select_from(OutboxEntry)).one(),
        )


def _fresh(db_path: Path) -> None:
    db.open_database(db_path).dispose()  # closed: the WAL is checkpointed into the file


@pytest.mark.parametrize("cut", ["empty", "half", "mid-page", "header-only"])
def test_an_empty_or_truncated_file_is_damaged_and_kept(db_path: Path, cut: str) -> None:
    _fresh(db_path)
    data = db_path.read_bytes()
    keep = {"empty": 0, "half": len(data) // 2 // 4096 * 4096, "mid-page": len(data) - 1000, "header-only": 100}
    db_path.write_bytes(data[: keep[cut]])
    before = db_path.read_bytes()
    with pytest.raises(CorruptDatabaseError, match="bị hỏng"):
        db.open_database(db_path)
    assert db_path.read_bytes() == before  # kept for inspection, not replaced by a fresh database


def test_a_newer_database_is_refused_byte_for_byte_untouched(db_path: Path) -> None:
    _fresh(db_path)
    with closing(sqlite3.connect(db_path)) as conn:
        conn.execute("PRAGMA journal_mode=DELETE")  # the app would switch it to WAL if it got that far
        conn.execute(f"PRAGMA user_version={migrations.LATEST_VERSION + 1}")
    before = hashlib.sha256(db_path.read_bytes()).hexdigest()
    with pytest.raises(NewerDatabaseError, match="không bị thay đổi"):
        db.open_database(db_path)
    assert hashlib.sha256(db_path.read_bytes()).hexdigest() == before
    assert not db_path.with_name(db_path.name + "-wal").exists()


@pytest.fixture
def capped(db_path: Path) -> Iterator[tuple[Engine, list[int]]]:
    """The app's engine with a page limit we control: PRAGMA max_page_count is SQLite's own way of
    saying "the disk is full" at a chosen size (0 = no limit)."""
    engine = db.open_database(db_path)
    limit = [0]

    @event.listens_for(engine, "checkout")
    def _cap(dbapi_conn: Any, _record: Any, _proxy: Any) -> None:
        dbapi_conn.execute(f"PRAGMA max_page_count={limit[0] or 1073741823}")

    yield engine, limit
    engine.dispose()


def test_disk_full_is_a_clear_message_nothing_half_written_and_work_resumes(capped: tuple[Engine, list[int]]) -> None:
    engine, limit = capped
    with db.session_scope(engine) as s:
        receive_dossier(s, ACTOR, _intake())
        pages = s.connection().exec_driver_sql("PRAGMA page_count").scalar()
    before = _counts(engine)
    limit[0] = int(pages)  # not one page more
    with pytest.raises(StorageFullError, match="Ổ đĩa đã đầy") as caught, db.session_scope(engine) as s:
        for i in range(40):  # enough to need new pages
            receive_dossier(s, ACTOR, _intake(f"Người {chr(65 + i % 26)}{chr(97 + i // 26)}"))
    assert "079090001234" not in str(caught.value)
    assert _counts(engine) == before  # dossier, citizen, outbox and audit rows: all or nothing
    limit[0] = 0  # space is back
    with db.session_scope(engine) as s:
        receive_dossier(s, ACTOR, _intake("Người Sau Cùng"))
    assert _counts(engine) == (2 * before[0], 2 * before[1])  # saved whole, as the first one
    with closing(sqlite3.connect(engine.url.database or "")) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_disk_full_while_backing_up_leaves_no_half_backup(db_path: Path, tmp_path: Path) -> None:
    _fresh(db_path)
    target = tmp_path / "bk"
    original = backup._copy

    def full_copy(source: sqlite3.Connection, dest: Path, progress: Any) -> None:
        with closing(sqlite3.connect(str(dest))) as conn:
            conn.execute("PRAGMA max_page_count=1")
            source.backup(conn)

    backup._copy = full_copy  # type: ignore[assignment]
    try:
        with pytest.raises(StorageFullError):
            backup.create_backup(db_path, target)
    finally:
        backup._copy = original  # type: ignore[assignment]
    assert list(target.iterdir()) == []
    assert backup.create_backup(db_path, target).exists()


def test_a_write_to_a_read_only_database_is_a_clear_message(db_path: Path) -> None:
    """SQLite's read-only open mode stands in for a file the app may not write."""
    _fresh(db_path)
    ro = create_engine(f"sqlite:///file:{db_path}?mode=ro&uri=true")
    with pytest.raises(ReadOnlyStorageError, match="quyền ghi"), db.session_scope(ro) as s:
        receive_dossier(s, ACTOR, _intake())
    ro.dispose()
    assert _counts_file(db_path) == (0, 0)


def _counts_file(path: Path) -> tuple[int, int]:
    with closing(sqlite3.connect(path)) as conn:
        return (
            conn.execute("SELECT count(*) FROM dossier").fetchone()[0],
            conn.execute("SELECT count(*) FROM outbox").fetchone()[0],
        )


def _as_nobody(fn: Any) -> str:
    """Run `fn` in a forked child that has dropped root (tests run as root, where chmod blocks
    nothing); returns what it reports. Everything it needs is imported before the fork."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        os.close(read)
        try:
            os.setgid(NOBODY)
            os.setuid(NOBODY)
            result = fn()
        except BaseException as exc:  # report, never return into pytest
            result = f"{type(exc).__name__}: {exc}"
        os.write(write, result.encode())
        os._exit(0)
    os.close(write)
    with os.fdopen(read, "rb") as pipe:
        out = pipe.read().decode()
    os.waitpid(pid, 0)
    return out


@pytest.fixture
def shared_dir() -> Iterator[Path]:
    """A folder another user can reach (pytest's own tmp folders are root-only)."""
    folder = Path(tempfile.mkdtemp(prefix="ward-storage-"))
    folder.chmod(0o755)
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


@pytest.mark.skipif(os.geteuid() != 0, reason="drops root privileges to make a folder unwritable")
def test_read_only_file_and_folder_are_not_called_corrupt_and_work_resumes(
    shared_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WARD_COUNTER_HOME", str(shared_dir / "home"))
    folder = shared_dir / "data"
    folder.mkdir(mode=0o755)
    path = folder / "counter.sqlite3"
    _fresh(path)
    path.chmod(0o644)
    data = _intake()  # the catalog is read before the fork, as root

    def open_and_save() -> str:
        engine = db.open_database(path)
        with db.session_scope(engine) as s:
            receive_dossier(s, ACTOR, data)
        engine.dispose()
        return "saved"

    refused = _as_nobody(open_and_save)
    assert refused.startswith("ReadOnlyStorageError") and "quyền ghi" in refused
    assert _counts_file(path) == (0, 0)
    os.chown(folder, NOBODY, NOBODY)  # IT gives the permission back
    os.chown(path, NOBODY, NOBODY)
    assert _as_nobody(open_and_save) == "saved"
    assert _counts_file(path)[0] == 1 and _counts_file(path)[1] > 1  # the dossier and its outbox entries


def test_data_folder_and_files_are_owner_only(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        paths = Paths(tmp_path / "WardCounter").ensure()
        engine = db.open_database(paths.database, paths.backups)
        made = backup.create_backup(paths.database, paths.backups)
        engine.dispose()
    finally:
        os.umask(old)
    assert stat.S_IMODE(paths.data.stat().st_mode) == 0o700
    assert stat.S_IMODE(paths.database.stat().st_mode) == 0o600
    assert stat.S_IMODE(made.stat().st_mode) == 0o600
    paths.data.chmod(0o755)  # made by an older version
    paths.ensure()
    assert stat.S_IMODE(paths.data.stat().st_mode) == 0o700


@pytest.mark.parametrize(
    ("url", "ok"),
    [
        ("https://hub.phuong.gov.vn", True),
        ("https://192.168.1.20:8443/", True),
        ("http://127.0.0.1:8000", True),
        ("http://localhost:8000", True),
        ("http://[::1]:8000", True),
        ("http://192.168.1.20:8000", False),
        ("http://hub.phuong.gov.vn", False),
        ("ftp://hub", False),
        ("hub.phuong.gov.vn", False),
    ],
)
def test_plain_http_hubs_are_refused_except_on_this_pc(url: str, ok: bool, engine: Engine) -> None:
    device = settings.DeviceSettings(unit_code="27460", primary_hub=url)
    if ok:
        assert settings.check_hub_url(url) == url.rstrip("/")
        with db.session_scope(engine) as s:
            settings.save(s, device)
        return
    with pytest.raises(ValidationError) as caught:
        settings.check_hub_url(url)
    assert "https://" in str(caught.value)
    with pytest.raises(ValidationError), db.session_scope(engine) as s:
        settings.save(s, device)


def test_enrollment_over_plain_http_is_refused_before_any_connection() -> None:
    import asyncio

    from sync.client.enroll import enroll

    with pytest.raises(ValidationError, match="mã hóa"):
        asyncio.run(enroll("http://10.0.0.1:1", "ABCD-EFGH-JKLM", "Quầy 1"))  # nothing listens there
