"""Dossier list filters and the detail dialog's state moves, through the widgets."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard
from pytestqt.qtbot import QtBot
from sqlalchemy.engine import Engine
from sqlmodel import select

from counter_app import dossiers
from counter_app.catalog import default_catalog
from counter_app.citizens import CitizenInput
from counter_app.clock import VN_TZ
from counter_app.config import default_paths
from counter_app.db import session_scope
from counter_app.dossier_states import DossierState
from counter_app.models import Dossier
from counter_app.settings import DeviceSettings
from tests.factories import OFFICER
from tests.ui.active import show_active
from ui.context import AppContext
from ui.dossiers.detail import DossierDetailDialog
from ui.dossiers.list_page import DossierListPage
from ui.main_window import MainWindow

CODE = "1.004873"


def _receive(engine: Engine, name: str, when: datetime) -> str:
    papers = [p.name for p in default_catalog().get(CODE).papers if p.required]
    data = dossiers.IntakeInput(CODE, citizen=CitizenInput(name, None), papers_received=papers)
    with session_scope(engine) as s:
        return dossiers.receive_dossier(s, OFFICER, data, now=when).id


@pytest.fixture
def ctx(engine: Engine) -> AppContext:
    return AppContext(engine, default_paths().ensure(), DeviceSettings(unit_code="27460", counter_no=1), OFFICER)


def test_list_filters(qtbot: QtBot, ctx: AppContext) -> None:
    now = datetime.now(VN_TZ).replace(hour=9)
    late = _receive(ctx.engine, "Quá Hạn", now - timedelta(days=30))
    _receive(ctx.engine, "Mới Nhận", now)
    page = DossierListPage(ctx)
    qtbot.addWidget(page)
    assert page.table.rowCount() == 2 and page.count.text() == "Trang 1/1 · 2 hồ sơ"
    page.overdue.setChecked(True)
    assert page.ids == [late] and page.table.item(0, 1).text() == "Quá Hạn"
    page.state.setCurrentIndex(page.state.findData(int(DossierState.DANG_XU_LY)))
    assert page.table.rowCount() == 0  # overdue and a state together
    page.overdue.setChecked(False)
    assert page.table.rowCount() == 0


def test_list_pages_through_many_dossiers(qtbot: QtBot, ctx: AppContext, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(DossierListPage, "PAGE_SIZE", 20)  # 100 in the app; fewer rows keep the test quick
    start = datetime.now(VN_TZ).replace(hour=8) - timedelta(days=3)
    names = [f"Công Dân {chr(65 + i // 26)}{chr(97 + i % 26)}" for i in range(50)]  # no digits in names
    papers = [p.name for p in default_catalog().get(CODE).papers if p.required]
    with session_scope(ctx.engine) as s:
        for i, name in enumerate(names):
            data = dossiers.IntakeInput(CODE, citizen=CitizenInput(name, None), papers_received=papers)
            dossiers.receive_dossier(s, OFFICER, data, now=start + timedelta(minutes=i))
    page = DossierListPage(ctx)
    qtbot.addWidget(page)
    show_active(qtbot, page)  # shortcuts fire in the active window only
    shown = lambda: [page.table.item(r, 1).text() for r in range(page.table.rowCount())]  # noqa: E731
    assert page.count.text() == "Trang 1/3 · 50 hồ sơ" and shown() == names[:29:-1]
    assert not page.prev_button.isEnabled()
    qtbot.mouseClick(page.next_button, Qt.MouseButton.LeftButton)
    assert page.count.text().startswith("Trang 2/3") and shown() == names[29:9:-1]
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert shown() == names[9::-1] and not page.next_button.isEnabled()
    qtbot.keyClick(page.table, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert page.count.text().startswith("Trang 2/3")
    page.procedure.setCurrentIndex(page.procedure.findData(CODE))  # a filter goes back to the first page
    assert page.count.text() == "Trang 1/3 · 50 hồ sơ" and shown()[0] == names[-1]


def test_detail_moves_through_states_with_reasons(qtbot: QtBot, ctx: AppContext) -> None:
    dossier_id = _receive(ctx.engine, "Lê Văn Tám", datetime.now(VN_TZ))
    dialog = DossierDetailDialog(ctx, dossier_id)
    qtbot.addWidget(dialog)
    assert "Được tiếp nhận" in dialog.info.text()
    assert not dialog.buttons[DossierState.DA_TRA_KET_QUA].isEnabled()
    show_active(qtbot, dialog)
    qtbot.keyClick(dialog, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)  # the first action: processing
    assert "Đang xử lý" in dialog.info.text()
    assert dialog.move_to(DossierState.YEU_CAU_BO_SUNG, "Thiếu bản sao trích lục")
    assert dialog.apologise("Chờ xác minh", "30/12/2030")
    assert dialog.move_to(DossierState.DANG_XU_LY, "Đã bổ sung")
    assert dialog.move_to(DossierState.DA_XU_LY_XONG)
    assert dialog.move_to(DossierState.DA_TRA_KET_QUA, "Nhận tại quầy", collector=None)
    assert "Đã trả kết quả" in dialog.info.text()
    assert not any(b.isEnabled() for b in dialog.buttons.values())
    history = [dialog.history.item(i).text() for i in range(dialog.history.count())]
    assert any("Thiếu bản sao trích lục" in h for h in history) and len(history) == 7
    assert {f["form"] for f in dialog.form_events()} == {"02", "04"}
    pdf = dialog.open_form("01", show=False)
    assert pdf is not None and pdf.exists()
    with session_scope(ctx.engine) as s:
        d = s.get(Dossier, dossier_id)
        assert d is not None and d.status == DossierState.DA_TRA_KET_QUA and d.returned_at is not None


def test_ctrl_n_opens_the_intake_wizard(qtbot: QtBot, ctx: AppContext) -> None:
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    show_active(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    wizards = [w for w in window.findChildren(QWizard) if w.isVisible()]
    assert len(wizards) == 1
    wizards[0].reject()
    with session_scope(ctx.engine) as s:
        assert s.exec(select(Dossier)).all() == []
