from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from sqlalchemy import inspect
from sqlalchemy.engine import Engine
from sqlmodel import SQLModel, text

from counter_app import db, migrations
from counter_app.errors import CorruptDatabaseError, NewerDatabaseError
from counter_app.models import SYNCED_MODELS


def test_pragmas_on_app_connections(engine: Engine) -> None:
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == db.BUSY_TIMEOUT_MS


def test_models_match_migrated_schema(engine: Engine) -> None:
    inspector = inspect(engine)
    for table in SQLModel.metadata.sorted_tables:
        live = {c["name"] for c in inspector.get_columns(table.name)}
        assert live == {c.name for c in table.columns}, table.name
    assert all(m.__tablename__ in inspector.get_table_names() for m in SYNCED_MODELS)


def test_fresh_database_is_at_latest_version(db_path: Path) -> None:
    assert db.migrate(db_path) == 0
    assert db.schema_version(db_path) == migrations.LATEST_VERSION


def _make_v1_database(path: Path) -> None:
    with closing(db.raw_connect(path)) as conn:
        db._apply(conn, 1, migrations.MIGRATIONS[0].statements)
        conn.execute(
            "INSERT INTO citizen (id, unit_code, created_at, updated_at, full_name, id_number)"
            " VALUES ('c1', '27460', '2025-07-01 01:00:00', '2025-07-01 01:00:00', 'Nguyễn Văn A', NULL)"
        )


def test_upgrade_from_first_schema_keeps_data_and_backs_up(db_path: Path, tmp_path: Path) -> None:
    _make_v1_database(db_path)
    backups = tmp_path / "bk"
    assert db.migrate(db_path, backups) == 1
    assert db.schema_version(db_path) == migrations.LATEST_VERSION
    with closing(sqlite3.connect(db_path)) as conn:
        assert conn.execute("SELECT full_name FROM citizen WHERE id='c1'").fetchone() == ("Nguyễn Văn A",)
    if migrations.LATEST_VERSION > 1:
        copy = backups / "counter.before-migration-v1.sqlite3"
        assert db.schema_version(copy) == 1 and db.check_integrity(copy)


def test_failed_step_rolls_back_whole_step(db_path: Path) -> None:
    with closing(db.raw_connect(db_path)) as conn:
        with pytest.raises(sqlite3.OperationalError):
            db._apply(conn, 1, ("CREATE TABLE a (x INTEGER)", "CREATE TABLE broken ("))
        assert conn.execute("PRAGMA user_version").fetchone() == (0,)
        assert conn.execute("SELECT name FROM sqlite_master WHERE name='a'").fetchone() is None


def test_refuses_newer_database_without_touching_it(db_path: Path) -> None:
    db.migrate(db_path)
    newer = migrations.LATEST_VERSION + 1
    with closing(sqlite3.connect(db_path)) as conn:
        conn.execute(f"PRAGMA user_version={newer}")
    before = db_path.read_bytes()
    with pytest.raises(NewerDatabaseError, match="phiên bản mới hơn"):
        db.open_database(db_path)
    assert db_path.read_bytes() == before


def test_corrupt_file_is_detected_with_clear_message(db_path: Path) -> None:
    db.migrate(db_path)
    data = bytearray(db_path.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)
    db_path.write_bytes(bytes(data))
    with pytest.raises(CorruptDatabaseError, match="bị hỏng"):
        db.open_database(db_path)


def test_session_scope_rolls_back_on_error(engine: Engine) -> None:
    with pytest.raises(RuntimeError), db.session_scope(engine) as session:
        session.exec(text("INSERT INTO setting (key, value) VALUES ('k', 'v')"))  # type: ignore[call-overload]
        raise RuntimeError("boom")
    with db.session_scope(engine) as session:
        assert session.exec(text("SELECT count(*) FROM setting")).one()[0] == 0  # type: ignore[call-overload]
