"""A dossier's paperwork through its window: the forms offered follow the state, the official code is
typed and saved with Enter, and returning the result records who collected it."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot
from sqlalchemy.engine import Engine

from counter_app import dossiers, search
from counter_app.catalog import default_catalog
from counter_app.citizens import CitizenInput
from counter_app.clock import VN_TZ
from counter_app.config import default_paths
from counter_app.db import session_scope
from counter_app.dossier_states import DossierState
from counter_app.models import Dossier
from counter_app.parties import Party
from counter_app.settings import DeviceSettings
from tests.factories import OFFICER
from tests.ui.active import show_active
from ui.context import AppContext
from ui.dossiers.detail import DossierDetailDialog
from ui.dossiers.paperwork import CollectorDialog

CODE = "1.004873"


@pytest.fixture
def ctx(engine: Engine) -> AppContext:
    return AppContext(engine, default_paths().ensure(), DeviceSettings(unit_code="27460", counter_no=1), OFFICER)


def _receive(engine: Engine) -> str:
    papers = [p.name for p in default_catalog().get(CODE).papers if p.required]
    data = dossiers.IntakeInput(CODE, citizen=CitizenInput("Lâm Thị Yến", "079301004567"), papers_received=papers)
    with session_scope(engine) as s:
        return dossiers.receive_dossier(s, OFFICER, data, now=datetime(2026, 3, 9, 9, 5, tzinfo=VN_TZ)).id


def _offered(dialog: DossierDetailDialog) -> list[str]:
    box = dialog.form_bar.choice
    return [box.itemData(i) for i in range(box.count())]


def test_forms_offered_follow_the_state(qtbot: QtBot, ctx: AppContext) -> None:
    dialog = DossierDetailDialog(ctx, _receive(ctx.engine))
    qtbot.addWidget(dialog)
    assert _offered(dialog) == ["01", "06"]
    assert dialog.form_bar.choice.currentText() == "Mẫu 01 — Giấy tiếp nhận hồ sơ và hẹn trả kết quả"
    assert dialog.move_to(DossierState.KHONG_DUOC_TIEP_NHAN, "Sai thẩm quyền")
    assert _offered(dialog) == ["03"]
    path = dialog.open_form(dialog.form_bar.current(), show=False)
    assert path is not None and path.name.endswith("-03.pdf")


def test_official_code_is_typed_and_saved_with_enter(qtbot: QtBot, ctx: AppContext, message_boxes: list[str]) -> None:
    dossier_id = _receive(ctx.engine)
    dialog = DossierDetailDialog(ctx, dossier_id)
    qtbot.addWidget(dialog)
    show_active(qtbot, dialog)
    dialog.official.edit.setFocus()
    qtbot.keyClicks(dialog.official.edit, "ma sai?")
    qtbot.keyClick(dialog.official.edit, Qt.Key.Key_Return)
    assert message_boxes and "Mã hồ sơ chính thức gồm" in message_boxes[0]
    dialog.official.edit.clear()
    qtbot.keyClicks(dialog.official.edit, "g22.99-260309-0042")
    qtbot.keyClick(dialog.official.edit, Qt.Key.Key_Return)
    assert dialog.official.edit.text() == "G22.99-260309-0042"  # reloaded as stored
    with session_scope(ctx.engine) as s:
        assert [h.id for h in search.search(s, OFFICER, "G22.99-260309")] == [dossier_id]


def test_returning_asks_who_collects(qtbot: QtBot, ctx: AppContext) -> None:
    dossier_id = _receive(ctx.engine)
    dialog = DossierDetailDialog(ctx, dossier_id)
    qtbot.addWidget(dialog)
    assert dialog.move_to(DossierState.DA_XU_LY_XONG)

    def fill() -> None:
        ask = next(w for w in QApplication.topLevelWidgets() if isinstance(w, CollectorDialog) and w.isVisible())
        assert any("Lâm Thị Yến" in label.text() for label in ask.findChildren(QLabel))
        ask.other.setChecked(True)
        ask.name.setText("Trịnh Văn Tư")
        ask.id_number.setText("079088005555")
        ask.relation.setText("Anh ruột, giấy ủy quyền số 3")
        ask.accept()

    QTimer.singleShot(0, fill)
    qtbot.mouseClick(dialog.buttons[DossierState.DA_TRA_KET_QUA], Qt.MouseButton.LeftButton)
    assert "Người nhận kết quả: Trịnh Văn Tư (079******555, Anh ruột, giấy ủy quyền số 3)" in dialog.info.text()
    with session_scope(ctx.engine) as s:
        d = s.get(Dossier, dossier_id)
        assert d is not None and d.status == DossierState.DA_TRA_KET_QUA
        assert Party.from_json(d.collected_by) == Party(
            "Trịnh Văn Tư", "079088005555", relation="Anh ruột, giấy ủy quyền số 3"
        )
