"""The sync panel: what waits and why, quarantined items retried, and "sync now" on a real hub."""

from __future__ import annotations

import asyncio
from pathlib import Path

import qasync
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlmodel import text

from counter_app.config import default_paths
from counter_app.db import session_scope
from counter_app.settings import DeviceSettings
from sync.client.engine import SyncEngine
from tests.factories import ADMIN
from tests.sync.conftest import enroll_device
from tests.sync.helpers import add_citizens, counter_db, outbox_ids
from tests.sync.hubserver import RunningHub
from ui.context import AppContext
from ui.main_window import MainWindow


def test_panel_lists_retries_and_syncs_now(qtbot: QtBot, qloop: qasync.QEventLoop, tmp_path: Path) -> None:
    hub = RunningHub(f"sqlite:///{tmp_path / 'hub.sqlite3'}").start()
    db = counter_db(tmp_path, "c1")
    tokens = {hub.url: enroll_device(hub)}
    device = DeviceSettings(unit_code="27460", counter_no=1, primary_hub=hub.url)
    ctx = AppContext(db, default_paths().ensure(), device, ADMIN)
    engine = SyncEngine(db, [hub.url], tokens.get, "27460", on_status=ctx.bus.sync_status.emit, interval_s=600)
    ctx.sync_engine = engine
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    panel = window.sync_panel
    window.tabs.setCurrentWidget(panel)  # the officer looks at it: it re-reads as syncs end (hidden, when shown)
    window.show()
    add_citizens(db, 3)
    add_citizens(db, 1, unit="26740")  # the hub will refuse this one
    with session_scope(db) as s:
        s.exec(
            text(
                "UPDATE outbox SET quarantined_at = '2026-01-01 00:00:00', attempts = 3, "  # type: ignore[call-overload]
                "last_error = 'Thiết bị không được ghi dữ liệu của đơn vị khác.' WHERE unit_code = '26740'"
            )
        )
    panel.refresh()
    assert panel.pending.count() == 3 and panel.quarantined.count() == 1
    assert "đơn vị khác" in panel.quarantined.item(0).text() and "3 chờ gửi, 1 bị từ chối" in panel.summary.text()
    task = asyncio.ensure_future(engine.run(), loop=qloop)
    try:
        qtbot.waitUntil(lambda: len(outbox_ids(db)) == 1, timeout=20_000)  # the first sync at start
        qtbot.waitUntil(lambda: "Trực tuyến" in window.sync_label.text(), timeout=20_000)
        add_citizens(db, 2)
        qtbot.mouseClick(panel.sync_button, Qt.MouseButton.LeftButton)  # "sync now" wakes the engine at once
        qtbot.waitUntil(lambda: len(outbox_ids(db)) == 1, timeout=20_000)
        qtbot.mouseClick(panel.retry_button, Qt.MouseButton.LeftButton)
        # sent again, refused again: back in line with its reason shown, no longer quarantined
        qtbot.waitUntil(
            lambda: (
                panel.quarantined.count() == 0
                and panel.pending.count() == 1
                and "đã thử 1 lần" in panel.pending.item(0).text()
            ),
            timeout=20_000,
        )
    finally:
        engine.stop()
        qtbot.waitUntil(task.done, timeout=20_000)
        hub.close()
