"""A new PC of a ward takes the ward's history from a real hub on 127.0.0.1 in its real main window, on the
app's qasync loop: the status bar and the sync panel say how many of how many, and meanwhile the counter
issues a ticket that shows in its queue. Everything arrives once, and the new ticket reaches the hub."""

from __future__ import annotations

import asyncio
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import qasync
from pytestqt.qtbot import QtBot
from sqlalchemy import func
from sqlmodel import col, select

from counter_app import outbox, queue
from counter_app.access import Actor, Role
from counter_app.config import default_paths
from counter_app.db import session_scope
from counter_app.models import Ticket
from counter_app.settings import DeviceSettings
from sync.hub import service
from sync.hub.store import ChangeRow
from sync.protocol import Operation
from tests.sync.conftest import enroll_device
from tests.sync.helpers import counter_db, engine_for
from tests.sync.hubserver import RunningHub
from ui.context import AppContext
from ui.main_window import MainWindow
from ui.pulled_news import PulledNews

UNIT = "27460"
HISTORY = 12_000  # tickets of past days another counter issued, already at the hub
ADMIN = Actor("staff-admin", Role.ADMIN, UNIT, 2, "Quản trị")


def history(hub: RunningHub, count: int = HISTORY, prefix: str = "old", later: int = 0, status: str = "done") -> None:
    """The ward's past: pushed to the hub by its first counter, through the hub's own service. `later`: the
    same tickets changed that many hours on (to `status`)."""
    device = service.authenticate(hub.engine, enroll_device(hub, UNIT, 1))
    start = datetime(2026, 1, 5, 1, 0, tzinfo=UTC)
    ops = []
    for i in range(count):
        at = start + timedelta(days=i // 400, seconds=30 * (i % 400))
        ticket = Ticket(
            id=f"{prefix}{i:06d}",
            unit_code=UNIT,
            created_at=at,
            updated_at=at + timedelta(hours=later),
            service_day=at.date(),
            group_code="A",
            number=i % 400 + 1,
            label=f"A{i % 400 + 1:03d}",
            status=status,
            counter_no=1,
            issued_at=at,
        )
        ops.append(
            Operation(
                op_id=f"op-{prefix}{i:06d}-{later}",
                entity="ticket",
                entity_id=ticket.id,
                op="upsert",
                payload=ticket.model_dump(mode="json"),
                created_at=at,
            )
        )
    for i in range(0, count, 500):
        assert {r.status for r in service.push(hub.engine, device, ops[i : i + 500])} == {"applied"}


def test_counter_issues_tickets_while_a_new_pc_takes_the_wards_history(
    qtbot: QtBot, qloop: qasync.QEventLoop, tmp_path: Path
) -> None:
    hub = RunningHub(f"sqlite:///{tmp_path / 'hub.sqlite3'}").start()
    try:
        history(hub)
        db = counter_db(tmp_path, "new-pc")
        with session_scope(db) as s:
            queue.ensure_group(s, ADMIN, "A", "Đất đai", "A")
        device = DeviceSettings(unit_code=UNIT, counter_no=2, primary_hub=hub.url, service_groups=["A"])
        ctx = AppContext(db, default_paths().ensure(), device, ADMIN)
        window = MainWindow(ctx)
        qtbot.addWidget(window)
        window.show()
        engine = engine_for(
            db,
            {hub.url: enroll_device(hub, UNIT, 2)},
            page_size=200,  # many pages, so the pull lasts while the officer works
            on_status=ctx.bus.sync_status.emit,
            on_pulled=PulledNews(ctx.bus),
        )
        task = asyncio.ensure_future(engine.sync_once(), loop=qloop)
        bar, panel = window.sync_bar, window.sync_panel
        qtbot.waitUntil(lambda: bar.isVisible() and bar.maximum() >= HISTORY and bar.value() > 0, timeout=60_000)
        total = f"{bar.maximum():,}".replace(",", ".")  # as Vietnamese writes 12.000
        assert re.fullmatch(rf"Đang nhận \d+(\.\d{{3}})?/{re.escape(total)}", bar.text()), bar.text()
        assert panel.progress.isVisibleTo(panel)
        assert f"/{total} thay đổi. Vẫn cấp số" in panel.progress.text()

        window.queue.issue()  # the officer presses F8 meanwhile
        qtbot.waitUntil(lambda: window.queue.waiting.count() == 1, timeout=10_000)
        with session_scope(db) as s:
            issued = s.exec(select(Ticket).where(col(Ticket.id).not_like("old%"))).one()
        assert window.queue.waiting.item(0).text().startswith(issued.label)
        assert not task.done() and 0 < bar.value() < HISTORY  # all of it while the history was still coming

        qtbot.waitUntil(task.done, timeout=90_000)
        assert task.result().pulled >= HISTORY
        assert not bar.isVisible() and not panel.progress.isVisibleTo(panel)
        with session_scope(db) as s:
            ids = s.exec(select(Ticket.id)).all()
            assert len(ids) == len(set(ids)) == HISTORY + 1
            assert s.exec(select(func.count()).where(col(Ticket.id).like("old%"))).one() == HISTORY
            assert outbox.pending_count(s) == 1  # the new ticket, saved after this sync's push

        second = asyncio.ensure_future(engine.sync_once(), loop=qloop)
        qtbot.waitUntil(second.done, timeout=30_000)
        assert second.result().pushed == 1
        with session_scope(hub.engine) as s:  # type: ignore[arg-type]
            at_hub = s.exec(select(ChangeRow.entity_id).where(ChangeRow.entity == "ticket")).all()
        assert len(at_hub) == len(set(at_hub)) == HISTORY + 1
    finally:
        hub.close()
