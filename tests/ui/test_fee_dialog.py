"""The admin's council-fee table: the amount in force is recorded with its resolution."""

from __future__ import annotations

from pytestqt.qtbot import QtBot
from sqlalchemy.engine import Engine

from counter_app import settings
from counter_app.config import default_paths
from counter_app.db import session_scope
from counter_app.settings import DeviceSettings
from tests.factories import ADMIN
from ui.context import AppContext
from ui.fee_dialog import FeeDialog


def test_admin_records_a_council_fee(qtbot: QtBot, engine: Engine, message_boxes: list[str]) -> None:
    with session_scope(engine) as s:
        settings.save(s, DeviceSettings(unit_code="27460", counter_no=1))
    ctx = AppContext(engine, default_paths().ensure(), DeviceSettings(unit_code="27460", counter_no=1), ADMIN)
    dialog = FeeDialog(ctx)
    qtbot.addWidget(dialog)
    codes = [dialog.table.item(i, 0).text() for i in range(dialog.table.rowCount())]
    assert "1.013225" in codes and "2.000884" not in codes  # only council-set fees are listed
    row = codes.index("1.013225")
    dialog.table.selectRow(row)
    assert dialog.amount.value() == 75000  # the catalog's amount, to start from
    dialog.amount.setValue(100000)
    dialog.save_button.click()
    assert "căn cứ" in message_boxes[-1]  # no resolution given: refused
    dialog.source.setText("Nghị quyết thử/2026/NQ-HĐND")
    dialog.save_button.click()
    assert dialog.table.item(row, 2).text().startswith("100.000") and "phường ghi" in dialog.table.item(row, 3).text()
