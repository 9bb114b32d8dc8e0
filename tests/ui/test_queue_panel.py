"""The queue panel as an officer drives it: F8 issues, priority for one ticket only, buttons only for allowed moves,
a recall and a transfer that show on screen."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog
from pytestqt.qtbot import QtBot
from sqlalchemy.engine import Engine
from sqlmodel import select

from counter_app import queue
from counter_app.config import default_paths
from counter_app.db import session_scope
from counter_app.models import Ticket
from counter_app.settings import DeviceSettings
from tests.factories import ADMIN, KIOSK, OFFICER, OFFICER2
from tests.ui.active import show_active
from ui.context import AppContext
from ui.queue_panel import QueuePanel


@pytest.fixture
def panel(qtbot: QtBot, engine: Engine) -> QueuePanel:
    with session_scope(engine) as s:
        for code, name in (("A", "Hộ tịch – Chứng thực"), ("B", "Đất đai – Xây dựng"), ("C", "Hộ kinh doanh")):
            queue.ensure_group(s, ADMIN, code, name, code)
    device = DeviceSettings(unit_code="27460", counter_no=1, service_groups=["A", "B", "C"])
    panel = QueuePanel(AppContext(engine, default_paths().ensure(), device, OFFICER))
    qtbot.addWidget(panel)
    show_active(qtbot, panel)
    return panel


def _tickets(engine: Engine) -> list[Ticket]:
    with session_scope(engine) as s:
        return list(s.exec(select(Ticket).order_by(Ticket.issued_at)).all())


def test_priority_after_f8_is_for_that_ticket_only(qtbot: QtBot, panel: QueuePanel, engine: Engine) -> None:
    panel.priority.setCurrentIndex(1)  # Người cao tuổi
    qtbot.keyClick(panel, Qt.Key.Key_F8)
    assert panel.priority.currentText() == "Không ưu tiên"
    panel.group.setCurrentIndex(1)
    qtbot.keyClick(panel, Qt.Key.Key_F8)
    assert [(t.group_code, t.priority_reason) for t in _tickets(engine)] == [("A", "elderly"), ("B", None)]
    assert panel.notice.text() == "Đã cấp số B1001"


def test_buttons_follow_the_ticket(qtbot: QtBot, panel: QueuePanel, message_boxes: list[str]) -> None:
    def enabled() -> set[str]:
        return {name for name, b in panel.buttons.items() if b.isEnabled()}

    assert enabled() == {"call"}
    qtbot.keyClick(panel, Qt.Key.Key_F8)
    qtbot.keyClick(panel, Qt.Key.Key_F6)  # finish with nothing served: nothing happens, no error box
    assert message_boxes == [] and panel.serving.text() == "Chưa gọi số nào"
    qtbot.mouseClick(panel.buttons["call"], Qt.MouseButton.LeftButton)
    assert panel.serving.text() == "A1001 — Đã gọi"
    assert enabled() == {"recall", "skip", "start", "transfer"}
    qtbot.keyClick(panel, Qt.Key.Key_F5)
    assert panel.serving.text() == "A1001 — Đang phục vụ" and enabled() == {"finish", "transfer"}
    qtbot.keyClick(panel, Qt.Key.Key_F2)  # call next while serving: refused by a disabled button, silently
    qtbot.keyClick(panel, Qt.Key.Key_F6)
    assert panel.serving.text() == "A1001 — Đã xong" and enabled() == {"call"}
    assert message_boxes == []


def test_recall_shows_when_and_how_often(qtbot: QtBot, panel: QueuePanel, engine: Engine) -> None:
    qtbot.keyClick(panel, Qt.Key.Key_F8)
    qtbot.keyClick(panel, Qt.Key.Key_F2)
    qtbot.keyClick(panel, Qt.Key.Key_F3)
    assert panel.notice.text().startswith("Đã gọi lại A1001 lúc ") and panel.notice.text().endswith("(lần 1)")
    qtbot.keyClick(panel, Qt.Key.Key_F3)
    assert panel.notice.text().endswith("(lần 2)")
    assert _tickets(engine)[0].recall_count == 2


def test_transfer_offers_other_groups_and_real_counters_and_leaves_a_trace(
    qtbot: QtBot, panel: QueuePanel, engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    with session_scope(engine) as s:  # counter 2 exists: it has served someone
        queue.issue_ticket(s, KIOSK, "C")
        queue.call_next(s, OFFICER2, ["C"])
    qtbot.keyClick(panel, Qt.Key.Key_F8)
    qtbot.keyClick(panel, Qt.Key.Key_F2)
    offered: list[list[str]] = []

    def pick(_parent: object, _title: str, _label: str, items: list[str], *_a: object) -> tuple[str, bool]:
        offered.append(items)
        return "Quầy 2", True

    monkeypatch.setattr(QInputDialog, "getItem", pick)
    qtbot.keyClick(panel, Qt.Key.Key_F7)
    assert offered == [["B – Đất đai – Xây dựng", "C – Hộ kinh doanh", "Quầy 2"]]  # not A (its own), not 3…9
    assert panel.serving.text() == "A1001 — đã chuyển đi"
    assert panel.notice.text() == "Đã chuyển A1001 tới Quầy 2"
    moved = next(t for t in _tickets(engine) if t.label == "A1001")
    assert (moved.status, moved.target_counter) == (queue.WAITING, 2)
    assert queue.transferred_from(moved) == (1, "A")


def test_a_ticket_transferred_to_my_group_says_where_it_came_from(panel: QueuePanel, engine: Engine) -> None:
    with session_scope(engine) as s:
        ticket = queue.issue_ticket(s, KIOSK, "C")
        queue.call_next(s, OFFICER2, ["C"])
        queue.transfer(s, OFFICER2, ticket.id, to_group="B")
    panel.refresh()
    assert "↪ chuyển từ Quầy 2" in panel.waiting.item(0).text() and panel.waiting.item(0).text().startswith("C001")
