"""Volunteer mode: the online-filing guide step by step, outcomes recorded, today's list."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy.engine import Engine
from sqlmodel import select

from counter_app import queue
from counter_app.catalog import default_catalog
from counter_app.config import default_paths
from counter_app.db import session_scope
from counter_app.models import AssistedFiling, Ticket
from counter_app.settings import DeviceSettings
from tests.factories import ADMIN, VOLUNTEER
from tests.ui.active import show_active
from ui.context import AppContext
from ui.volunteer_page import VolunteerPage


def test_guide_and_outcomes(qtbot: QtBot, engine: Engine, message_boxes: list[str]) -> None:
    with session_scope(engine) as s:
        queue.ensure_group(s, ADMIN, "A", "Hộ tịch – Chứng thực", "A")
    page = VolunteerPage(AppContext(engine, default_paths().ensure(), DeviceSettings(unit_code="27460"), VOLUNTEER))
    qtbot.addWidget(page)
    show_active(qtbot, page)  # button shortcuts fire in the active window
    qtbot.keyClicks(page.query, "dang ky khai sinh")
    page.procedures.setCurrentRow(0)
    proc = page.procedure
    assert proc is not None and proc.online != "none"
    assert "VNeID" in page.guide.text() and not page.back.isEnabled()
    assert "Không được" in page.guide.text() and "mật khẩu" in page.guide.text()  # the volunteer's limits first
    qtbot.keyClick(page, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert page.step == 1 and page.back.isEnabled()
    qtbot.keyClick(page, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert page.step == 0
    for _ in range(len(page.steps()) - 1):
        qtbot.mouseClick(page.next, Qt.MouseButton.LeftButton)
    assert page.guide.text() == proc.online_steps[-1] and not page.next.isEnabled()
    page.outcome.setCurrentIndex(page.outcome.findData("filed_online"))
    qtbot.mouseClick(page.record_button, Qt.MouseButton.LeftButton)
    assert "Đã ghi" not in page.state.text() and "mã hồ sơ" in message_boxes[-1]  # the portal's code is required
    page.portal_code.setText("G22.99.1-261124-0001")
    qtbot.keyClick(page, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert "Đã nộp trực tuyến" in page.state.text()
    page.outcome.setCurrentIndex(page.outcome.findData("handed_to_counter"))
    qtbot.mouseClick(page.record_button, Qt.MouseButton.LeftButton)
    assert "số thứ tự A001" in page.state.text() and page.today.count() == 2
    with session_scope(engine) as s:
        filings = s.exec(select(AssistedFiling)).all()
        assert {f.outcome for f in filings} == {"filed_online", "handed_to_counter"}
        assert s.exec(select(Ticket)).one().label == "A001"


def test_in_person_only_procedure_says_so(qtbot: QtBot, engine: Engine) -> None:
    page = VolunteerPage(AppContext(engine, default_paths().ensure(), DeviceSettings(unit_code="27460"), VOLUNTEER))
    qtbot.addWidget(page)
    offline = next(p for p in default_catalog().procedures if p.online == "none")
    page.query.setText(offline.code)
    page.procedures.setCurrentRow(0)
    assert "chỉ nộp trực tiếp" in page.guide.text()
