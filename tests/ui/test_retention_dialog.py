"""The admin's retention table: defaults with their sources, a field changed for the ward, audited, synced."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy.engine import Engine
from sqlmodel import select

from counter_app import retention, settings
from counter_app.config import default_paths
from counter_app.db import session_scope
from counter_app.models import AuditEntry, OutboxEntry, RetentionEntry
from counter_app.settings import DeviceSettings
from tests.factories import ADMIN
from ui.context import AppContext
from ui.retention_dialog import RetentionDialog


def test_admin_sets_a_fields_retention(qtbot: QtBot, engine: Engine, message_boxes: list[str]) -> None:
    with session_scope(engine) as s:
        settings.save(s, DeviceSettings(unit_code="27460", counter_no=1))
    ctx = AppContext(engine, default_paths().ensure(), DeviceSettings(unit_code="27460", counter_no=1), ADMIN)
    dialog = RetentionDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    fields = [dialog.table.item(i, 0).text() for i in range(dialog.table.rowCount())]
    civil = fields.index("Hộ tịch")
    assert dialog.table.item(civil, 1).text() == "vĩnh viễn" and "vĩnh viễn" in dialog.table.item(civil, 4).text()
    row = fields.index("Chứng thực")
    assert dialog.table.item(row, 1).text() == "2 năm" and "23/2015" in dialog.table.item(row, 4).text()
    assert dialog.table.item(row, 2).text() == "Mặc định"
    dialog.table.setCurrentCell(row, 0)
    assert dialog.years.value() == 2
    dialog.years.setValue(3)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert "căn cứ" in message_boxes[-1]  # no basis: refused, nothing stored
    dialog.source.setText("Quyết định thử 5/QĐ-UBND")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.table.item(row, 1).text() == "3 năm" and dialog.table.item(row, 2).text() == "Phường (riêng)"
    assert dialog.table.item(row, 4).text() == "Quyết định thử 5/QĐ-UBND"
    assert dialog.table.item(row, 3).text().startswith("…-admin, ")  # an account not pulled yet: its id's end
    with session_scope(engine) as s:
        assert retention.years_for("2.000815", retention.load(s, "27460")) == 3
        entry = s.exec(select(RetentionEntry)).one()
        assert s.exec(select(OutboxEntry).where(OutboxEntry.entity_id == entry.id)).one()
        audited = s.exec(select(AuditEntry).where(AuditEntry.action == "retention.set")).one()
        assert json.loads(audited.detail or "{}")["old"] == 2
    qtbot.mouseClick(dialog.withdraw_button, Qt.MouseButton.LeftButton)
    assert dialog.table.item(row, 1).text() == "2 năm" and dialog.table.item(row, 2).text() == "Mặc định"
    building = fields.index("Xây dựng")
    dialog.table.setCurrentCell(building, 0)
    dialog.years.setValue(0)  # shown as "vĩnh viễn": kept permanently
    dialog.source.setText("Quyết định thử 6/QĐ-UBND")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.table.item(building, 1).text() == "vĩnh viễn"
    assert dialog.table.item(building, 2).text() == "Phường (riêng)" and dialog.table.currentRow() == building


def test_a_procedures_own_period_is_listed_and_withdrawn(qtbot: QtBot, engine: Engine) -> None:
    """A period set for one procedure (e.g. carried over from a PC's old settings) is shown, not hidden."""
    with session_scope(engine) as s:
        retention.set_retention(s, ADMIN, "2.000815", 6, "Giá trị cũ của máy", scope="procedure")
    ctx = AppContext(engine, default_paths().ensure(), DeviceSettings(unit_code="27460", counter_no=1), ADMIN)
    dialog = RetentionDialog(ctx)
    qtbot.addWidget(dialog)
    last = dialog.table.rowCount() - 1
    assert dialog.table.item(last, 0).text().startswith("Thủ tục 2.000815 ")
    assert dialog.table.item(last, 1).text() == "6 năm" and dialog.table.item(last, 2).text() == "Phường (riêng)"
    dialog.table.setCurrentCell(last, 0)
    qtbot.mouseClick(dialog.withdraw_button, Qt.MouseButton.LeftButton)
    assert dialog.table.rowCount() == last  # back to its field's period
    with session_scope(engine) as s:
        assert retention.years_for("2.000815", retention.load(s, "27460")) == 2
