"""The sync engine runs on the app's qasync loop, as it does on plain asyncio in the sync tests."""

from __future__ import annotations

import asyncio
from pathlib import Path

import qasync
from pytestqt.qtbot import QtBot

from tests.sync.conftest import enroll_device
from tests.sync.helpers import add_citizens, counter_db, engine_for, hub_op_ids, outbox_ids
from tests.sync.hubserver import RunningHub


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
