"""State moves in the dossier dialog are confirmed, and a move past a step the procedure needs is questioned
(No by default): driven by the dialog's own shortcuts and buttons."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy.engine import Engine

from counter_app import dossiers
from counter_app.catalog import default_catalog
from counter_app.citizens import CitizenInput
from counter_app.config import default_paths
from counter_app.db import session_scope
from counter_app.dossier_states import DossierState
from counter_app.models import Dossier
from counter_app.settings import DeviceSettings
from tests.factories import OFFICER
from tests.ui.active import show_active
from ui.context import AppContext
from ui.dossiers.detail import DossierDetailDialog

LAND_TRANSFER = "1.013831"  # transfer of land use rights: taxes and fees come before the result


def _dialog(qtbot: QtBot, engine: Engine, code: str) -> DossierDetailDialog:
    papers = [p.name for p in default_catalog().get(code).papers if p.required]
    data = dossiers.IntakeInput(code, citizen=CitizenInput("Lê Văn Tám", None), papers_received=papers)
    with session_scope(engine) as s:
        made = dossiers.receive_dossier(s, OFFICER, data)
    ctx = AppContext(engine, default_paths().ensure(), DeviceSettings(unit_code="27460", counter_no=1), OFFICER)
    dialog = DossierDetailDialog(ctx, made.id)
    qtbot.addWidget(dialog)
    show_active(qtbot, dialog)
    return dialog


def _state(engine: Engine, dossier_id: str) -> DossierState:
    with session_scope(engine) as s:
        row = s.get(Dossier, dossier_id)
        assert row is not None
        return DossierState(row.status)


def test_a_move_is_confirmed_first(qtbot: QtBot, engine: Engine, questions: list[str]) -> None:
    dialog = _dialog(qtbot, engine, "1.004873")
    qtbot.keyClick(dialog, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)  # "Chuyển xử lý"
    assert len(questions) == 1 and questions[0].startswith(f"Chuyển hồ sơ {dialog.windowTitle().split()[-1]}")
    assert "từ «Được tiếp nhận» sang «Đang xử lý»?" in questions[0] and "Lưu ý" not in questions[0]
    assert _state(engine, dialog.dossier_id) == DossierState.DANG_XU_LY


def test_answering_no_leaves_the_dossier_as_it_was(
    qtbot: QtBot, engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(QMessageBox, "question", lambda *_a: QMessageBox.StandardButton.No)
    dialog = _dialog(qtbot, engine, "1.004873")
    qtbot.mouseClick(dialog.buttons[DossierState.DANG_XU_LY], Qt.MouseButton.LeftButton)
    assert _state(engine, dialog.dossier_id) == DossierState.DUOC_TIEP_NHAN
    assert "Được tiếp nhận" in dialog.info.text()


def test_skipping_the_financial_obligation_of_a_land_transfer_is_questioned(
    qtbot: QtBot, engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[tuple[str, QMessageBox.StandardButton]] = []

    def answer(_p: object, _t: str, text: str, _b: object, default: QMessageBox.StandardButton) -> object:
        asked.append((text, default))
        return default  # the officer just presses Enter

    monkeypatch.setattr(QMessageBox, "question", answer)
    dialog = _dialog(qtbot, engine, LAND_TRANSFER)
    qtbot.mouseClick(dialog.buttons[DossierState.DANG_XU_LY], Qt.MouseButton.LeftButton)
    assert asked[-1][1] == QMessageBox.StandardButton.Yes
    qtbot.mouseClick(dialog.buttons[DossierState.DA_XU_LY_XONG], Qt.MouseButton.LeftButton)
    text, default = asked[-1]
    assert "chưa qua bước «Yêu cầu thực hiện nghĩa vụ tài chính» mà thủ tục này cần" in text
    assert default == QMessageBox.StandardButton.No
    assert _state(engine, dialog.dossier_id) == DossierState.DANG_XU_LY  # Enter kept it where it was
    monkeypatch.setattr(QMessageBox, "question", lambda *_a: QMessageBox.StandardButton.Yes)
    qtbot.mouseClick(dialog.buttons[DossierState.YEU_CAU_NGHIA_VU_TAI_CHINH], Qt.MouseButton.LeftButton)
    assert _state(engine, dialog.dossier_id) == DossierState.YEU_CAU_NGHIA_VU_TAI_CHINH
    monkeypatch.setattr(QMessageBox, "question", answer)
    qtbot.mouseClick(dialog.buttons[DossierState.DA_XU_LY_XONG], Qt.MouseButton.LeftButton)
    assert "Lưu ý" not in asked[-1][0] and asked[-1][1] == QMessageBox.StandardButton.Yes
    assert _state(engine, dialog.dossier_id) == DossierState.DA_XU_LY_XONG
