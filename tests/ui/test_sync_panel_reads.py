"""The sync panel re-reads the database once after a sync, not at every status update of it."""

from __future__ import annotations

from typing import Any

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy.engine import Engine

from counter_app.config import default_paths
from counter_app.settings import DeviceSettings
from sync.client.engine import SyncStatus
from tests.factories import ADMIN
from ui import sync_panel
from ui.context import AppContext


def test_status_updates_during_a_sync_do_not_read_the_database(
    qtbot: QtBot, engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    ctx = AppContext(engine, default_paths().ensure(), DeviceSettings(unit_code="27460"), ADMIN)
    panel = sync_panel.SyncPanel(ctx, None)
    qtbot.addWidget(panel)
    panel.show()
    reads: list[Any] = []
    real = sync_panel.read_op
    monkeypatch.setattr(sync_panel, "read_op", lambda *a: reads.append(a[2]) or real(*a))
    for done in range(0, 10_000, 200):  # a push of 10,000 in batches
        ctx.bus.sync_status.emit(SyncStatus(online=True, progress=(done, 10_000), phase="push"))
    qtbot.wait(sync_panel.REFRESH_DELAY_MS * 2)
    assert reads == []
    for _ in range(3):  # the end of the sync and the counts after it: one refresh
        ctx.bus.sync_status.emit(SyncStatus(online=True))
    qtbot.waitUntil(lambda: len(reads) == 3, timeout=3000)
    qtbot.wait(sync_panel.REFRESH_DELAY_MS * 2)
    assert len(reads) == 3  # three lists, read once


def test_a_hidden_panel_reads_when_it_shows_again(
    qtbot: QtBot, engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another tab is open: the end of a sync and pulled news leave the panel as it is; shown, it reads once."""
    ctx = AppContext(engine, default_paths().ensure(), DeviceSettings(unit_code="27460"), ADMIN)
    panel = sync_panel.SyncPanel(ctx, None)
    qtbot.addWidget(panel)
    reads: list[Any] = []
    real = sync_panel.read_op
    monkeypatch.setattr(sync_panel, "read_op", lambda *a: reads.append(a[2]) or real(*a))
    ctx.bus.sync_status.emit(SyncStatus(online=True))
    for entity in ("ticket", "dossier", "citizen"):
        ctx.bus.data_changed.emit(entity)
    qtbot.wait(sync_panel.REFRESH_DELAY_MS * 2)
    assert reads == [] and panel.stale
    panel.show()
    qtbot.waitUntil(lambda: len(reads) == 3, timeout=3000)
    qtbot.wait(sync_panel.REFRESH_DELAY_MS * 2)
    assert len(reads) == 3 and not panel.stale
