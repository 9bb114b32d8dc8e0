"""What the officer sees when storage fails: a damaged (empty) file offers the newest good backup and
is kept; without a backup, starting afresh only on request; a full disk is a message, not a crash;
a plain-http hub is refused with a reason."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import event
from sqlmodel import select

from counter_app import backup, migrations, staff
from counter_app.config import Paths, default_paths
from counter_app.db import open_database, session_scope
from counter_app.models import Staff
from tests.factories import ADMIN
from ui.app import open_with_recovery
from ui.ops import run_op

PW = "Mat-khau-2026"
Button = QMessageBox.StandardButton


def _answer(monkeypatch: pytest.MonkeyPatch, button: Button) -> list[str]:
    asked: list[str] = []

    def ask(_parent: object, _title: str, text: str, *_args: object) -> Button:
        asked.append(text)
        return button

    monkeypatch.setattr(QMessageBox, "question", ask)
    return asked


def _with_backup() -> Paths:
    paths = default_paths().ensure()
    engine = open_database(paths.database)
    with session_scope(engine) as s:
        staff.create_first_admin(s, "27460", "admin", "Quản Trị", PW)
    backup.create_backup(paths.database, paths.backups)
    engine.dispose()
    return paths


def test_an_empty_database_offers_the_backup_and_is_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    paths = _with_backup()
    paths.database.write_bytes(b"")  # what a crash of the disk or a bad copy leaves behind
    asked = _answer(monkeypatch, Button.Yes)
    restored = open_with_recovery(paths)
    assert restored is not None and "bị hỏng" in asked[0] and "Khôi phục bản sao lưu" in asked[0]
    with session_scope(restored) as s:
        assert s.exec(select(Staff)).one().username == "admin"  # not a fresh first-run database
    restored.dispose()
    (kept,) = (paths.backups / "set-aside").glob("before-restore-*.sqlite3")
    assert kept.stat().st_size == 0


def test_without_a_backup_a_fresh_start_is_only_on_request(
    monkeypatch: pytest.MonkeyPatch, message_boxes: list[str]
) -> None:
    paths = default_paths().ensure()
    paths.database.write_bytes(b"")
    asked = _answer(monkeypatch, Button.No)
    assert open_with_recovery(paths) is None
    assert "Không có bản sao lưu" in asked[0] and paths.database.stat().st_size == 0
    _answer(monkeypatch, Button.Yes)
    fresh = open_with_recovery(paths)
    assert fresh is not None
    fresh.dispose()
    assert [p.stat().st_size for p in (paths.backups / "set-aside").glob("*.sqlite3")] == [0]


def test_a_newer_database_is_refused_with_a_message(message_boxes: list[str]) -> None:
    paths = default_paths().ensure()
    open_database(paths.database).dispose()
    import sqlite3
    from contextlib import closing

    with closing(sqlite3.connect(paths.database)) as conn:
        conn.execute(f"PRAGMA user_version={migrations.LATEST_VERSION + 1}")
    assert open_with_recovery(paths) is None
    assert "phiên bản mới hơn" in message_boxes[0]


def test_a_full_disk_is_a_message_and_the_same_save_works_later(
    qtbot: QtBot, message_boxes: list[str], tmp_path: Any
) -> None:
    from counter_app import citizens

    engine = open_database(tmp_path / "c.sqlite3")
    limit = [0]

    @event.listens_for(engine, "checkout")
    def _cap(dbapi_conn: Any, _record: Any, _proxy: Any) -> None:
        dbapi_conn.execute(f"PRAGMA max_page_count={limit[0] or 1073741823}")

    with session_scope(engine) as s:
        limit[0] = int(s.connection().exec_driver_sql("PRAGMA page_count").scalar() or 0)

    def save_many(session: Any) -> int:
        for i in range(60):
            name = f"Người {chr(65 + i % 26)}{chr(97 + i // 26)}"
            citizens.upsert_citizen(session, ADMIN, citizens.CitizenInput(name, f"0790900{i:05d}"))
        return 60

    save: Callable[[Any], int] = save_many
    assert run_op(None, engine, save) is None
    assert "Ổ đĩa đã đầy" in message_boxes[0]
    limit[0] = 0
    assert run_op(None, engine, save) == 60 and len(message_boxes) == 1
    engine.dispose()


def test_settings_refuse_a_plain_http_hub(qtbot: QtBot, message_boxes: list[str], engine: Any) -> None:
    from counter_app.settings import DeviceSettings
    from ui.context import AppContext
    from ui.settings_dialog import SettingsDialog

    ctx = AppContext(engine, default_paths().ensure(), DeviceSettings(unit_code="27460"), ADMIN)
    dialog = SettingsDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.primary.setText("http://192.168.1.20:8000")
    dialog.save()
    assert "https://" in message_boxes[0] and ctx.settings.primary_hub == ""
    dialog.enroll_hub.setText("http://192.168.1.20:8000")
    dialog.enroll_code.setText("ABCD-EFGH-JKLM")
    dialog.start_enroll()
    assert "mã hóa" in dialog.enroll_state.text() and dialog.enroll_button.isEnabled()
    dialog.primary.setText("https://hub.phuong.example")
    dialog.save()
    assert ctx.settings.primary_hub == "https://hub.phuong.example"
