"""The app's heartbeat reaches its sync engine (sync/client/pacing.py, ui/heartbeat.py): a real main window, the
engine started as ui/app.py starts it, a real hub on 127.0.0.1 with a ward's history to pull. While the history
comes, the window beats; when the window's thread is held up while changes are applied, the sync worker waits for
it; when the worker goes quiet the beats stop, and once the app quits nothing beats or waits for a beat any more.
Everything arrives, once."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from pathlib import Path

import qasync
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import func
from sqlalchemy.engine import Engine
from sqlmodel import col, select

from counter_app import outbox
from counter_app.access import Actor, Role
from counter_app.config import default_paths
from counter_app.db import session_scope
from counter_app.models import Ticket
from counter_app.secrets import store_secret
from counter_app.settings import DeviceSettings
from sync.client.engine import SyncEngine
from sync.client.enroll import token_name
from tests.sync.conftest import enroll_device
from tests.sync.helpers import counter_db
from tests.sync.hubserver import RunningHub
from tests.ui.test_history_pull import UNIT, history
from ui.app import start_sync
from ui.context import AppContext
from ui.heartbeat import Heartbeat
from ui.main_window import MainWindow

FIRST, UPDATED = 2_000, 1_000
ADMIN = Actor("staff-admin", Role.ADMIN, UNIT, 2, "Quản trị")


def _held_up(until: Callable[[], bool]) -> bool:
    """The window's thread busy for 50 ms (in C, as a long read would be), then: is `until` true yet?"""
    time.sleep(0.05)
    return until()


def _tickets(db: Engine, prefix: str) -> int:
    with session_scope(db) as s:
        return int(s.exec(select(func.count()).where(col(Ticket.id).like(f"{prefix}%"))).one())


def _in(db: Engine, status: str) -> int:
    with session_scope(db) as s:
        return int(s.exec(select(func.count()).where(col(Ticket.status) == status)).one())


def test_the_window_beats_for_the_sync_worker_while_it_works_and_not_after_the_app_quits(
    qtbot: QtBot, qloop: qasync.QEventLoop, qapp: QApplication, tmp_path: Path
) -> None:
    hub = RunningHub(f"sqlite:///{tmp_path / 'hub.sqlite3'}").start()
    engine: SyncEngine | None = None
    try:
        history(hub, FIRST, "old")
        db = counter_db(tmp_path, "pc")
        store_secret(token_name(hub.url), enroll_device(hub, UNIT, 2))
        ctx = AppContext(db, default_paths().ensure(), DeviceSettings(unit_code=UNIT, counter_no=2), ADMIN)
        ctx.settings.primary_hub = hub.url
        window = MainWindow(ctx)
        qtbot.addWidget(window)
        window.show()
        engine = start_sync(ctx, qapp)  # as the app starts it: its first sync pulls the history
        assert engine is not None and engine.pacer is not None
        pacer = engine.pacer
        [heartbeat] = [h for h in qapp.findChildren(Heartbeat) if h.pacer is pacer]

        qtbot.waitUntil(lambda: heartbeat.beating and pacer.beats > 0, timeout=30_000)  # asked for, and beating
        qtbot.waitUntil(lambda: _tickets(db, "old") == FIRST, timeout=60_000)
        assert _in(db, "no_show") == 0
        # the same tickets changed at the hub: each change goes through the conflict rules, in transactions of
        # some 50 ms on the worker. The window's thread held up again and again meanwhile: the worker waits for it
        history(hub, UPDATED, "old", later=1, status="no_show")
        engine.request_sync()
        qtbot.waitUntil(lambda: _held_up(lambda: pacer.waited_s > 0 or _in(db, "no_show") == UPDATED), timeout=60_000)
        assert pacer.waited_s > 0
        qtbot.waitUntil(lambda: _in(db, "no_show") == UPDATED, timeout=60_000)
        qtbot.waitUntil(lambda: not heartbeat.beating, timeout=10_000)  # the worker went quiet: no beats when idle

        qapp.aboutToQuit.emit()  # the app quits (without quitting the test session's application)
        assert pacer.on_demand is None and not heartbeat.beating
        beats, waited = pacer.beats, pacer.waited_s
        history(hub, UPDATED, "old", later=2, status="serving")  # more changes come while the app shuts down
        engine.request_sync()
        qtbot.waitUntil(lambda: _held_up(lambda: _in(db, "serving") == UPDATED), timeout=60_000)
        assert (pacer.beats, pacer.waited_s) == (beats, waited)  # nobody beat, nobody waited
        assert not heartbeat.beating

        with session_scope(db) as s:
            ids = s.exec(select(Ticket.id)).all()
            assert len(ids) == len(set(ids)) == FIRST  # each once
            assert outbox.pending_count(s) == 0
    finally:
        if engine is not None:
            engine.stop()
            runs = [t for t in asyncio.all_tasks(qloop) if t.get_coro().__qualname__ == "SyncEngine.run"]
            qtbot.waitUntil(lambda: all(t.done() for t in runs), timeout=10_000)
        hub.close()
