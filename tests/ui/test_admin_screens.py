"""Admin screens as an admin reads them: the audit trail in words with pickers and a date range, the accounts
dialog (least privilege by default, the create button under its fields), the sync panel without jargon, and a
first run that chooses no ward by itself."""

from __future__ import annotations

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDialogButtonBox, QPushButton
from pytestqt.qtbot import QtBot
from sqlalchemy.engine import Engine
from sqlmodel import select

from counter_app import dossiers, staff
from counter_app.access import Actor, Role
from counter_app.catalog import default_catalog
from counter_app.citizens import CitizenInput
from counter_app.clock import local_today
from counter_app.config import default_paths
from counter_app.db import session_scope
from counter_app.models import Staff
from counter_app.settings import DeviceSettings
from tests.ui.active import show_active
from ui.admin import AccountsDialog, AuditViewer
from ui.context import AppContext
from ui.first_run import FirstRunDialog
from ui.sync_panel import SyncPanel

PW = "Mat-khau-2026"


def _admin(engine: Engine) -> Actor:
    with session_scope(engine) as s:
        row = staff.create_first_admin(s, "27460", "admin", "Trần Thị Quản Trị", PW)
    return Actor(row.id, Role.ADMIN, "27460", 1, row.full_name)


def _ctx(engine: Engine, actor: Actor) -> AppContext:
    return AppContext(engine, default_paths().ensure(), DeviceSettings(unit_code="27460", counter_no=1), actor)


def _table(viewer: AuditViewer) -> list[list[str]]:
    t = viewer.table
    return [[t.item(r, c).text() for c in range(t.columnCount())] for r in range(t.rowCount())]


def test_audit_viewer_speaks_in_names_and_words(qtbot: QtBot, engine: Engine) -> None:
    admin = _admin(engine)
    with session_scope(engine) as s:
        officer_row = staff.create_staff(s, admin, "canbo1", "Nguyễn Văn Một", Role.OFFICER, PW)
    officer = Actor(officer_row.id, Role.OFFICER, "27460", 2, officer_row.full_name)
    code = "1.004873"
    papers = [p.name for p in default_catalog().get(code).papers if p.required]
    with session_scope(engine) as s:
        made = dossiers.receive_dossier(
            s, officer, dossiers.IntakeInput(code, citizen=CitizenInput("Lê Văn Tám", None), papers_received=papers)
        )
        dossiers.start_processing(s, officer, made.id)
    viewer = AuditViewer(_ctx(engine, admin))
    qtbot.addWidget(viewer)
    rows = _table(viewer)
    move = next(r for r in rows if r[3] == "Chuyển trạng thái hồ sơ")
    assert move[1] == "Nguyễn Văn Một" and move[2] == "2"
    assert move[4] == f"Hồ sơ {made.code}" and move[5] == "Được tiếp nhận → Đang xử lý"
    created = next(r for r in rows if r[3] == "Tạo tài khoản cán bộ")
    assert (
        created[1] == "Trần Thị Quản Trị"
        and created[4] == "Tài khoản canbo1"
        and created[5] == "Vai trò: Cán bộ một cửa"
    )
    assert not any("dossier." in cell or '{"' in cell for row in rows for cell in row)
    viewer.person.setCurrentIndex(viewer.person.findText("Nguyễn Văn Một"))  # a picker, not a UUID to type
    assert {r[1] for r in _table(viewer)} == {"Nguyễn Văn Một"}
    viewer.action.setCurrentIndex(viewer.action.findText("Tiếp nhận hồ sơ"))
    assert [r[3] for r in _table(viewer)] == ["Tiếp nhận hồ sơ"]
    viewer.person.setCurrentIndex(0)
    viewer.action.setCurrentIndex(0)
    today = QDate(local_today())
    viewer.date_to.setDate(today.addDays(-1))  # a range that ends yesterday: nothing from today
    viewer.date_from.setDate(today.addDays(-3))
    assert viewer.table.rowCount() == 0


def test_accounts_dialog_defaults_to_least_privilege(qtbot: QtBot, engine: Engine) -> None:
    admin = _admin(engine)
    dialog = AccountsDialog(_ctx(engine, admin))
    qtbot.addWidget(dialog)
    show_active(qtbot, dialog)
    assert dialog.role.currentText() == "Tình nguyện viên"
    assert (
        dialog.create_button.mapTo(dialog, dialog.create_button.rect().topLeft()).y()
        > dialog.password.mapTo(dialog, dialog.password.rect().bottomLeft()).y()
    )  # the button sits below the fields it submits
    qtbot.keyClicks(dialog.username, "tnv2")
    dialog.full_name.setText("Phạm Thanh Niên Hai")
    qtbot.keyClicks(dialog.password, PW)
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    with session_scope(engine) as s:
        made = s.exec(select(Staff).where(Staff.username == "tnv2")).one()
        assert made.role == Role.VOLUNTEER.value
    names = [dialog.table.item(r, 1).text() for r in range(dialog.table.rowCount())]
    assert "Phạm Thanh Niên Hai" in names and not dialog.table.wordWrap()
    assert dialog.role.currentText() == "Tình nguyện viên"


def test_sync_panel_says_what_waits_in_plain_words(qtbot: QtBot, engine: Engine) -> None:
    _admin(engine)  # writes an account and an audit entry, both waiting for the hub
    panel = SyncPanel(_ctx(engine, Actor(None, Role.ADMIN, "27460", 1)), None)
    qtbot.addWidget(panel)
    texts = [panel.pending.item(i).text() for i in range(panel.pending.count())]
    assert any(t.endswith("· Lưu tài khoản") for t in texts) and any(
        t.endswith("· Ghi nhật ký thao tác") for t in texts
    )
    assert not any("upsert" in t or "insert" in t or "(" in t for t in texts)


def test_first_run_chooses_no_ward_by_itself(qtbot: QtBot, engine: Engine) -> None:
    dialog = FirstRunDialog(engine)
    qtbot.addWidget(dialog)
    show_active(qtbot, dialog)
    assert dialog.chosen_unit() is None and dialog.ward_list.count() == 168
    dialog.admin_name.setText("Trần Quản Trị")
    dialog.admin_pw.setText(PW)
    dialog.admin_pw2.setText(PW)
    box = dialog.findChild(QDialogButtonBox)
    assert box is not None
    ok = box.button(QDialogButtonBox.StandardButton.Ok)
    assert isinstance(ok, QPushButton)
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert dialog.error.text() == "Hãy chọn phường/xã." and dialog.isVisible()
    with session_scope(engine) as s:
        assert s.exec(select(Staff)).all() == []
    qtbot.keyClicks(dialog.ward_search, "an lac")
    qtbot.keyClick(dialog.ward_search, Qt.Key.Key_Return)  # Enter takes the first ward found; it does not save
    assert dialog.chosen_unit() == "27460" and dialog.isVisible() and dialog.error.text() == ""
