"""The app says so when the full integrity check after start finds damage (ui.app.watch_start_checks)."""

from __future__ import annotations

from concurrent.futures import Future

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from counter_app.startup import StartChecks
from ui.app import watch_start_checks


@pytest.mark.parametrize("intact", [False, True])
def test_damage_found_after_start_is_told(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, intact: bool) -> None:
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: told.append(text))
    checks: Future[StartChecks] = Future()
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    timer = watch_start_checks(app, checks)
    qtbot.wait(600)
    assert told == [] and timer.isActive()  # still running: nothing said yet
    checks.set_result(StartChecks(intact, None))
    qtbot.waitUntil(lambda: not timer.isActive(), timeout=3000)
    assert (told and "phát hiện lỗi" in told[0]) if not intact else told == []


def test_a_failed_daily_backup_after_start_is_told(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    from counter_app.errors import CounterError

    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, title, _text: told.append(title))
    checks: Future[StartChecks] = Future()
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    timer = watch_start_checks(app, checks)
    checks.set_exception(CounterError("Ổ đĩa đã đầy."))
    qtbot.waitUntil(lambda: not timer.isActive(), timeout=3000)
    assert told == ["Chưa sao lưu được"]
