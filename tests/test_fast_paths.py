"""What keeps a big ward fast (issue 13): the dossier list pages by index, reads never queue behind a
writer, and the start imports nothing it does not use."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlmodel import text

from counter_app import db, dossiers, migrations
from tests.factories import OFFICER

FIXTURE = Path(__file__).parent / "fixtures" / "schemas" / "pc-v2.sqlite3"


def _plans(engine: Engine, db_path: Path, call: Any) -> list[str]:
    """The query plan of every statement `call` runs through the engine."""
    seen: list[tuple[str, Any]] = []

    def capture(_c: Any, _cur: Any, statement: str, params: Any, _ctx: Any, _many: bool) -> None:
        if statement.lstrip().upper().startswith("SELECT"):
            seen.append((statement, params))

    event.listen(engine, "before_cursor_execute", capture)
    try:
        with db.session_scope(engine) as s:
            call(s)
    finally:
        event.remove(engine, "before_cursor_execute", capture)
    with closing(sqlite3.connect(db_path)) as conn:
        return [" / ".join(r[3] for r in conn.execute(f"EXPLAIN QUERY PLAN {sql}", params)) for sql, params in seen]


def test_dossier_pages_walk_an_index_instead_of_sorting_the_ward(engine: Engine, db_path: Path) -> None:
    for filters in ({}, {"state": 2}):
        plans = _plans(engine, db_path, lambda s, f=filters: dossiers.list_dossiers(s, OFFICER, 100, 200, **f))
        [page] = [p for p in plans if "JOIN" in p or "citizen" in p]
        assert "TEMP B-TREE" not in page, page
        assert "ix_dossier_unit" in page, page


def test_landed_pc_database_gains_the_list_indexes(tmp_path: Path) -> None:
    path = tmp_path / "counter.sqlite3"
    shutil.copyfile(FIXTURE, path)
    assert db.migrate(path, tmp_path / "bk") == 2
    assert db.schema_version(path) == migrations.LATEST_VERSION
    with closing(sqlite3.connect(path)) as conn:
        names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='index'")}
        assert {"ix_dossier_unit_received", "ix_dossier_unit_status_received"} <= names
        assert conn.execute("SELECT count(*) FROM dossier").fetchone()[0] > 0


def test_reads_do_not_wait_behind_a_write_transaction(engine: Engine, db_path: Path) -> None:
    with db.session_scope(engine) as s:
        s.exec(text("INSERT INTO setting (key, value) VALUES ('a', '1')"))  # type: ignore[call-overload]
    writer = db.raw_connect(db_path)
    try:
        writer.execute("BEGIN IMMEDIATE")  # as the sync engine applying a pulled page
        writer.execute("INSERT INTO setting (key, value) VALUES ('b', '2')")
        started = time.monotonic()
        with db.read_scope(engine) as s:
            keys = [r[0] for r in s.exec(text("SELECT key FROM setting ORDER BY key")).all()]  # type: ignore[call-overload]
        assert time.monotonic() - started < 1.0  # the busy timeout is 10 s: it did not queue for the lock
        assert keys == ["a"]  # the last commit, not the writer's open work
        writer.execute("COMMIT")
    finally:
        writer.close()
    with db.read_scope(engine) as s:
        assert s.exec(text("SELECT count(*) FROM setting")).one()[0] == 2  # type: ignore[call-overload]


# Not needed to show the sign-in window: they load while it shows (ui.warm_start) or when first used.
NOT_AT_START = (
    *("holidays", "keyring", "click", "pygments", "rich", "segno"),
    *("sqlalchemy", "sqlmodel", "pydantic", "openpyxl", "httpx", "cryptography", "argon2", "qasync", "asyncio"),
    *("counter_app.models", "counter_app.staff", "counter_app.search", "ui.main_window", "ui.first_run"),
)


def test_start_imports_no_unused_heavy_packages() -> None:
    probe = f"import sys, ui.app; print(sorted(m for m in {NOT_AT_START!r} if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120, check=True)
    assert out.stdout.strip() == "[]", out.stdout + out.stderr


def test_the_main_window_needs_no_sync_engine_to_show() -> None:
    """The sync engine (httpx, TLS) loads when a hub is configured or warm_start reaches it, not on the path from
    a sign-in to the main window's first frame."""
    probe = "import sys, ui.main_window; print(sorted(m for m in ('httpx', 'sync.client.engine') if m in sys.modules))"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=120, env=env, check=True
    )
    assert out.stdout.strip() == "[]", out.stdout + out.stderr


def test_pyside_keeps_no_source_of_the_modules_imported_after_it() -> None:
    """ui.qt_sources: PySide6 still tells the modules that use it from those that do not, without
    keeping every module's source in linecache (30 MB at start)."""
    probe = (
        "import sys, linecache, ui.app, counter_app.staff; "
        "kinds = sys.modules['shibokensupport.feature'].pyside_feature_dict; "
        "print(kinds.get('ui.sign_in'), kinds.get('counter_app.models'), kinds.get('sqlalchemy.orm'), "
        "sum('/sqlalchemy/' in name or '/counter_app/' in name for name in linecache.cache))"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120, check=True)
    assert out.stdout.split() == ["0", "-1", "-1", "0"], out.stdout + out.stderr
