"""The admin's council-fee table: the amount in force for the ward, with its resolution, who set it and when."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy.engine import Engine
from sqlmodel import select

from counter_app import outbox, settings
from counter_app.config import default_paths
from counter_app.db import session_scope
from counter_app.models import AuditEntry, FeeEntry, OutboxEntry, Staff
from counter_app.settings import DeviceSettings
from tests.factories import ADMIN
from ui.context import AppContext
from ui.fee_dialog import FeeDialog


def test_admin_records_a_council_fee_for_the_ward(qtbot: QtBot, engine: Engine, message_boxes: list[str]) -> None:
    with session_scope(engine) as s:
        settings.save(s, DeviceSettings(unit_code="27460", counter_no=1))
        with outbox.remote_apply(s):
            s.add(Staff(id=ADMIN.staff_id, unit_code="27460", username="qt", full_name="Trần Quản Trị", role="admin",
                        password_hash="x"))  # fmt: skip
    ctx = AppContext(engine, default_paths().ensure(), DeviceSettings(unit_code="27460", counter_no=1), ADMIN)
    dialog = FeeDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    codes = [dialog.table.item(i, 0).text() for i in range(dialog.table.rowCount())]
    assert "1.013225" in codes and "2.000884" not in codes  # only council-set fees are listed
    row = codes.index("1.013225")
    dialog.table.selectRow(row)
    assert dialog.amount.text() == "75.000"  # the catalog's amount, to start from
    assert dialog.table.item(row, 4).text() == "Danh mục" and dialog.table.item(row, 5).text() == ""
    for typed, said in (("-5.000", "không được âm"), ("năm chục nghìn", "phải là số tiền")):
        dialog.amount.setText(typed)
        dialog.source.setText("Nghị quyết thử/2026/NQ-HĐND")
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        assert said in message_boxes[-1]
    dialog.amount.setText("100.000")
    dialog.source.clear()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert "căn cứ" in message_boxes[-1]  # no resolution given: refused
    with session_scope(engine) as s:
        assert s.exec(select(FeeEntry)).all() == []  # nothing refused was stored
    dialog.source.setText("Nghị quyết thử/2026/NQ-HĐND")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.table.currentRow() == row
    assert dialog.table.item(row, 2).text() == "100.000 đồng"
    assert dialog.table.item(row, 3).text() == "Nghị quyết thử/2026/NQ-HĐND"
    assert dialog.table.item(row, 4).text() == "Phường (riêng)"
    assert dialog.table.item(row, 5).text().startswith("Trần Quản Trị, ")
    with session_scope(engine) as s:
        entry = s.exec(select(FeeEntry)).one()
        assert (entry.vnd, entry.set_by) == (100000, ADMIN.staff_id)
        assert s.exec(select(OutboxEntry).where(OutboxEntry.entity_id == entry.id)).one()  # on its way to the ward
        audited = s.exec(select(AuditEntry).where(AuditEntry.action == "fee.set")).one()
        assert json.loads(audited.detail or "{}")["old"] == 75000
    qtbot.mouseClick(dialog.withdraw_button, Qt.MouseButton.LeftButton)
    assert dialog.table.item(row, 2).text() == "75.000 đồng" and dialog.table.item(row, 4).text() == "Danh mục"
