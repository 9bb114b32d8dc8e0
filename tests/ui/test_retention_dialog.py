"""The admin's retention table: defaults with their sources, a field changed and audited."""

from __future__ import annotations

from pytestqt.qtbot import QtBot
from sqlalchemy.engine import Engine
from sqlmodel import select

from counter_app import privacy, settings
from counter_app.config import default_paths
from counter_app.db import session_scope
from counter_app.models import AuditEntry
from counter_app.settings import DeviceSettings
from tests.factories import ADMIN
from ui.context import AppContext
from ui.retention_dialog import RetentionDialog


def test_admin_sets_a_fields_retention(qtbot: QtBot, engine: Engine) -> None:
    with session_scope(engine) as s:
        settings.save(s, DeviceSettings(unit_code="27460", counter_no=1))
    ctx = AppContext(engine, default_paths().ensure(), DeviceSettings(unit_code="27460", counter_no=1), ADMIN)
    dialog = RetentionDialog(ctx)
    qtbot.addWidget(dialog)
    fields = [dialog.table.item(i, 0).text() for i in range(dialog.table.rowCount())]
    civil = fields.index("Hộ tịch")
    assert dialog.table.item(civil, 1).text() == "vĩnh viễn" and "vĩnh viễn" in dialog.table.item(civil, 2).text()
    row = fields.index("Chứng thực")
    assert dialog.table.item(row, 1).text() == "2 năm" and "23/2015" in dialog.table.item(row, 2).text()
    dialog.table.setCurrentCell(row, 0)
    assert dialog.years.value() == 2
    dialog.years.setValue(3)
    dialog.save_button.click()
    assert dialog.table.item(row, 1).text().startswith("3 năm")
    with session_scope(engine) as s:
        assert privacy.retention_years("2.000815", settings.load(s)) == 3
        assert s.exec(select(AuditEntry).where(AuditEntry.action == "retention.set")).one()
