"""Real windows on separate PCs of one ward: each PC its own database and sync engine on the qasync loop,
a real ward hub between them. A call at a counter reaches the board of another PC, with its chime, live."""

from __future__ import annotations

import asyncio
from pathlib import Path

import qasync
from pytestqt.qtbot import QtBot

from counter_app import queue
from counter_app.access import Actor, Role
from counter_app.config import default_paths
from counter_app.db import session_scope
from counter_app.settings import DeviceSettings
from sync.client.engine import SyncEngine
from tests.sync.ward import UNIT, Ward
from tests.ui.test_board_kiosk import RecordingChime
from ui.board import DisplayBoard
from ui.context import AppContext
from ui.pulled_news import PulledNews
from ui.queue_panel import QueuePanel


def _pc_context(ward: Ward, name: str, counter: int, role: Role) -> AppContext:
    pc = ward.add_pc(name, counter, role)
    ctx = AppContext(pc.db, default_paths().ensure(), DeviceSettings(unit_code=UNIT, counter_no=counter), pc.actor)

    ctx.sync_engine = SyncEngine(  # on_pulled as ui/app.py wires it
        pc.db,
        ward.hubs,
        pc.tokens.get,
        UNIT,
        on_pulled=PulledNews(ctx.bus),
        interval_s=30.0,
        probe_s=0.3,
        timeout_s=2.0,
        wait_s=5.0,
    )
    return ctx


def test_a_call_at_one_pc_shows_on_the_board_of_another(qtbot: QtBot, qloop: qasync.QEventLoop, tmp_path: Path) -> None:
    ward = Ward(tmp_path)
    counters = [_pc_context(ward, f"quay{k}", k, Role.OFFICER) for k in (1, 2)]
    board_ctx = _pc_context(ward, "board", 90, Role.OFFICER)
    admin = Actor("staff-admin", Role.ADMIN, UNIT, 1, "Quản trị")
    with session_scope(counters[0].engine) as s:
        queue.ensure_group(s, admin, "A", "Đất đai", "A")
        tickets = [queue.issue_ticket(s, admin, "A") for _ in range(2)]
    tasks = [asyncio.ensure_future(c.sync_engine.run(), loop=qloop) for c in [*counters, board_ctx]]
    try:
        chime = RecordingChime()
        board = DisplayBoard(board_ctx, chime)
        qtbot.addWidget(board)
        panels = [QueuePanel(c) for c in counters]
        for panel in panels:
            qtbot.addWidget(panel)
            panel.show()  # on the officers' screens: a hidden list re-reads only when it shows
        # both tickets reach the second counter's window (by the live pull, not the 30 s interval)
        qtbot.waitUntil(lambda: panels[1].waiting.count() == 2, timeout=8000)
        for panel in panels:  # both officers press F2 at once
            panel.call_next()
        qtbot.waitUntil(lambda: all(p.calling_task is not None and p.calling_task.done() for p in panels), timeout=8000)
        called = {p.current.id for p in panels if p.current is not None}
        assert called == {t.id for t in tickets}  # two citizens, nobody called twice
        qtbot.waitUntil(lambda: board.latest.text() in ("A1001", "A1002") and chime.played == 2, timeout=8000)
        assert {board.rows[0][0].text(), board.latest.text()} == {"A1001", "A1002"}
    finally:
        for c in [*counters, board_ctx]:
            c.sync_engine.stop()
        qtbot.waitUntil(lambda: all(t.done() for t in tasks), timeout=10_000)
        ward.close()


def test_status_bar_says_when_the_ward_hub_is_down(qtbot: QtBot, qloop: qasync.QEventLoop, tmp_path: Path) -> None:
    from ui.main_window import MainWindow

    ward = Ward(tmp_path)
    try:
        ctx = _pc_context(ward, "quay1", 1, Role.OFFICER)
        ctx.settings.primary_hub, ctx.settings.backup_hub = ward.hub.url, ward.city.url
        window = MainWindow(ctx)
        qtbot.addWidget(window)
        ctx.bus.sync_status.connect(window.show_sync)
        ward.hub.stop()
        engine = ctx.sync_engine
        engine.on_status = ctx.bus.sync_status.emit
        task = asyncio.ensure_future(engine.sync_once(), loop=qloop)
        qtbot.waitUntil(task.done, timeout=15_000)
        assert task.result().hub_url == ward.city.url
        assert window.sync_label.text().startswith("Trực tuyến qua máy chủ dự phòng (máy chủ phường không trả lời")
        ward.hub.start()
        task = asyncio.ensure_future(engine.sync_once(), loop=qloop)
        qtbot.waitUntil(task.done, timeout=15_000)
        assert window.sync_label.text().startswith("Trực tuyến ·")
    finally:
        ward.close()
