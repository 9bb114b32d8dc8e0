"""The sync engine runs on the app's qasync loop, as it does on plain asyncio in the sync tests."""

from __future__ import annotations

import asyncio
from pathlib import Path

import qasync
from pytestqt.qtbot import QtBot

from counter_app.config import default_paths
from counter_app.settings import DeviceSettings
from tests.factories import OFFICER
from tests.sync.conftest import enroll_device
from tests.sync.helpers import add_citizens, counter_db, engine_for, hub_op_ids, outbox_ids
from tests.sync.hubserver import RunningHub
from ui.context import AppContext
from ui.main_window import MainWindow


def test_engine_syncs_on_the_qt_loop(qtbot: QtBot, qloop: qasync.QEventLoop, tmp_path: Path) -> None:
    hub = RunningHub(f"sqlite:///{tmp_path / 'hub.sqlite3'}").start()
    try:
        db = counter_db(tmp_path, "c1")
        add_citizens(db, 4)
        engine = engine_for(db, {hub.url: enroll_device(hub)})
        task = asyncio.ensure_future(engine.sync_once(), loop=qloop)
        qtbot.waitUntil(task.done, timeout=20_000)
        assert task.result().pushed == 4
        assert outbox_ids(db) == [] and len(hub_op_ids(hub.engine)) == 4
    finally:
        hub.close()


def test_status_bar_shows_sync_progress(qtbot: QtBot, qloop: qasync.QEventLoop, tmp_path: Path) -> None:
    """The real engine pushes in batches of 2 on the Qt loop; the window's bar follows and then hides."""
    hub = RunningHub(f"sqlite:///{tmp_path / 'hub.sqlite3'}").start()
    try:
        db = counter_db(tmp_path, "c1")
        add_citizens(db, 5)
        ctx = AppContext(db, default_paths().ensure(), DeviceSettings(unit_code="27460", primary_hub=hub.url), OFFICER)
        window = MainWindow(ctx)
        qtbot.addWidget(window)
        window.show()
        seen: list[tuple[bool, int, int, str]] = []
        bar = window.sync_bar
        ctx.bus.sync_status.connect(lambda _s: seen.append((bar.isVisible(), bar.value(), bar.maximum(), bar.text())))
        engine = engine_for(db, {hub.url: enroll_device(hub)}, batch_size=2, on_status=ctx.bus.sync_status.emit)
        task = asyncio.ensure_future(engine.sync_once(), loop=qloop)
        qtbot.waitUntil(task.done, timeout=20_000)
        task.result()
        pushing = [(value, maximum, text) for visible, value, maximum, text in seen if visible and maximum == 5]
        assert [v for v, _m, _t in pushing] == [0, 2, 4, 5] and pushing[1][2] == "Đang gửi 2/5"
        assert any(visible and maximum == 0 for visible, _v, maximum, _t in seen)  # pulling: busy bar
        assert not bar.isVisible() and "Trực tuyến" in window.sync_label.text()
    finally:
        hub.close()
