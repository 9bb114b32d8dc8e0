"""The admin's calendar dialog: add a make-up day with its basis, see the dossiers it touches."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QDate
from pytestqt.qtbot import QtBot
from sqlalchemy.engine import Engine

from counter_app import citizens, dossiers
from counter_app.catalog import default_catalog
from counter_app.clock import VN_TZ
from counter_app.config import default_paths
from counter_app.db import session_scope
from counter_app.models import Dossier
from counter_app.settings import DeviceSettings
from tests.factories import ADMIN, OFFICER
from ui.calendar_dialog import CalendarDialog
from ui.context import AppContext


def test_add_make_up_day_lists_affected_dossier_and_keeps_its_date(
    qtbot: QtBot, engine: Engine, message_boxes: list[str]
) -> None:
    papers = [p.name for p in default_catalog().get("1.004873").papers if p.required]
    data = dossiers.IntakeInput(
        "1.004873", citizen=citizens.CitizenInput("Lê Văn Tám", "079201004567"), papers_received=papers
    )
    with session_scope(engine) as s:
        d = dossiers.receive_dossier(s, OFFICER, data, now=datetime(2026, 12, 10, 9, tzinfo=VN_TZ))
    ctx = AppContext(engine, default_paths().ensure(), DeviceSettings(unit_code="27460", counter_no=1), ADMIN)
    dialog = CalendarDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.year.setValue(2026)
    days = [dialog.table.item(i, 0).text() for i in range(dialog.table.rowCount())]
    assert "02/01/2026" in days and "10/01/2026" in days
    row = days.index("10/01/2026")
    assert "12729/VPCP-KGVX" in dialog.table.item(row, 4).text()
    dialog.day.setDate(QDate(2026, 12, 12))
    dialog.kind.setCurrentIndex(dialog.kind.findData("working_day"))
    dialog.add_button.click()
    assert "căn cứ" in message_boxes[-1]  # no basis: refused, nothing saved
    dialog.basis.setText("Công văn thử 1/UBND")
    dialog.add_button.click()
    assert d.code in dialog.report.text() and "15/12/2026" in dialog.report.text()
    days = [dialog.table.item(i, 0).text() for i in range(dialog.table.rowCount())]
    added = days.index("12/12/2026")
    assert dialog.table.item(added, 2).text() == "Phường (riêng)" and dialog.entry_ids[added]
    with session_scope(engine) as s:
        assert s.get(Dossier, d.id).due_date == date(2026, 12, 15)  # type: ignore[union-attr]
    dialog.table.selectRow(added)
    dialog.withdraw_button.click()
    days = [dialog.table.item(i, 0).text() for i in range(dialog.table.rowCount())]
    assert "12/12/2026" not in days
