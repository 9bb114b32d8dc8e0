"""The app's own windows, driven by clicks and keys: first run, sign in, queue with F-keys, Ctrl+F search,
and recovery from a corrupted database."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy.engine import Engine
from sqlmodel import select

from counter_app import backup, citizens, queue, settings, staff
from counter_app.access import Role
from counter_app.config import default_paths
from counter_app.db import open_database, session_scope
from counter_app.models import AuditEntry, ServiceGroup, Staff, Ticket
from tests.ui.active import show_active
from ui.app import open_with_recovery
from ui.context import AppContext
from ui.first_run import FirstRunDialog
from ui.main_window import OFFLINE, MainWindow
from ui.sign_in import SignInDialog

PW = "Mat-khau-2026"


def _ok(dialog: QDialog) -> None:
    box = dialog.findChild(QDialogButtonBox)
    assert box is not None
    box.button(QDialogButtonBox.StandardButton.Ok).click()


def _first_run(qtbot: QtBot, engine: Engine) -> FirstRunDialog:
    dialog = FirstRunDialog(engine)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.ward_search, "an lac")
    assert dialog.chosen_unit() is None  # found, not chosen
    qtbot.keyClick(dialog.ward_search, Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: dialog.chosen_unit() == "27460")
    dialog.counter_no.setValue(3)
    dialog.groups[2].setChecked(False)
    dialog.admin_name.setText("Trần Quản Trị")
    qtbot.keyClicks(dialog.admin_pw, PW)
    qtbot.keyClicks(dialog.admin_pw2, PW)
    _ok(dialog)
    return dialog


@pytest.fixture
def configured(qtbot: QtBot, engine: Engine) -> Engine:
    dialog = _first_run(qtbot, engine)
    assert dialog.result() == QDialog.DialogCode.Accepted
    return engine


def test_first_run_sets_up_ward_counter_groups_and_admin(configured: Engine) -> None:
    with session_scope(configured) as s:
        device = settings.load(s)
        assert (device.unit_code, device.counter_no, device.service_groups) == ("27460", 3, ["A", "B", "D"])
        assert [g.code for g in s.exec(select(ServiceGroup).order_by(ServiceGroup.code)).all()] == ["A", "B", "C", "D"]
        admin = s.exec(select(Staff)).one()
        assert admin.role == "admin" and admin.full_name == "Trần Quản Trị"


def test_first_run_refuses_mismatched_passwords(qtbot: QtBot, engine: Engine) -> None:
    dialog = FirstRunDialog(engine)
    qtbot.addWidget(dialog)
    dialog.ward_list.setCurrentRow(0)
    dialog.admin_name.setText("A B")
    dialog.admin_pw.setText(PW)
    dialog.admin_pw2.setText(PW + "x")
    _ok(dialog)
    assert "không giống nhau" in dialog.error.text() and dialog.result() != QDialog.DialogCode.Accepted


def test_sign_in_shows_the_error_then_accepts(qtbot: QtBot, configured: Engine) -> None:
    with session_scope(configured) as s:
        device = settings.load(s)
    dialog = SignInDialog(configured, device)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.username, "admin")
    qtbot.keyClicks(dialog.password, "sai-mat-khau-1")
    _ok(dialog)
    assert dialog.error.text() == staff.BAD_LOGIN and dialog.password.text() == ""
    qtbot.keyClicks(dialog.password, PW)
    _ok(dialog)
    assert dialog.actor is not None and dialog.actor.role == Role.ADMIN and dialog.actor.counter_no == 3


def _window(qtbot: QtBot, engine: Engine, role: Role = Role.ADMIN) -> MainWindow:
    with session_scope(engine) as s:
        device = settings.load(s)
    admin = staff.sign_in(engine, "admin", PW, device.counter_no)
    actor = admin
    if role != Role.ADMIN:
        with session_scope(engine) as s:
            staff.create_staff(s, admin, "nguoi.dung", "Người Dùng", role, "Tam-thoi-123")
        actor = staff.sign_in(engine, "nguoi.dung", "Tam-thoi-123", device.counter_no)
    window = MainWindow(AppContext(engine, default_paths(), device, actor))
    qtbot.addWidget(window)
    show_active(qtbot, window)  # shortcuts only fire in the active window
    return window


def test_queue_with_function_keys(qtbot: QtBot, configured: Engine) -> None:
    window = _window(qtbot, configured)
    panel = window.queue
    assert window.sync_label.text() == OFFLINE
    qtbot.mouseClick(panel.issue_button, Qt.MouseButton.LeftButton)
    panel.priority.setCurrentIndex(1)  # elderly
    qtbot.keyClick(window, Qt.Key.Key_F8)
    assert panel.waiting.count() == 2 and "★" in panel.waiting.item(0).text()
    qtbot.keyClick(window, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: panel.current is not None)
    assert panel.serving.text().startswith("A3002")  # counter 3 issued it, from its own block of numbers
    assert panel.waiting.count() == 1
    qtbot.keyClick(window, Qt.Key.Key_F5)
    qtbot.keyClick(window, Qt.Key.Key_F6)
    with session_scope(configured) as s:
        done = s.exec(select(Ticket).where(Ticket.label == "A3002")).one()
        assert (done.status, done.counter_no) == (queue.DONE, 3)
    assert "Đã xong" in panel.serving.text()


def test_ctrl_f_finds_a_citizen_without_accents(qtbot: QtBot, configured: Engine) -> None:
    window = _window(qtbot, configured)
    actor = window.ctx.actor
    assert actor is not None
    with session_scope(configured) as s:
        citizens.upsert_citizen(s, actor, citizens.CitizenInput("Nguyễn Văn Dũng", "079090001234"))
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.search.box.hasFocus()
    qtbot.keyClicks(window.search.box, "nguyen van dung")
    qtbot.waitUntil(lambda: window.search.results.count() == 1)
    assert "Nguyễn Văn Dũng" in window.search.results.item(0).text()
    assert "079******234" in window.search.results.item(0).text()


def test_search_result_opens_the_citizens_dossiers_or_the_dossier(qtbot: QtBot, configured: Engine) -> None:
    from counter_app import dossiers
    from counter_app.catalog import default_catalog
    from ui.dossiers.detail import DossierDetailDialog

    window = _window(qtbot, configured)
    actor = window.ctx.actor
    assert actor is not None
    papers = [p.name for p in default_catalog().get("1.004873").papers if p.required]
    with session_scope(configured) as s:
        mine = dossiers.receive_dossier(
            s,
            actor,
            dossiers.IntakeInput(
                "1.004873", citizen=citizens.CitizenInput("Phan Văn Trị", None), papers_received=papers
            ),
        )
        dossiers.receive_dossier(
            s,
            actor,
            dossiers.IntakeInput(
                "1.004873", citizen=citizens.CitizenInput("Lê Văn Duyệt", None), papers_received=papers
            ),
        )
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(window.search.box, "phan van tri")
    qtbot.waitUntil(lambda: window.search.results.count() == 2)  # the citizen and their dossier
    kinds = [h.kind for h in window.search.hits]
    window.search.results.setCurrentRow(kinds.index("citizen"))
    window.search.box.setFocus()
    qtbot.keyClick(window.search.box, Qt.Key.Key_Return)
    assert window.tabs.currentWidget() is window.dossiers and window.dossiers is not None
    assert window.dossiers.ids == [mine.id] and "Phan Văn Trị" in window.dossiers.citizen_label.text()
    window.dossiers.clear_citizen.click()
    assert len(window.dossiers.ids) == 2
    window.tabs.setCurrentWidget(window.search)
    opened: list[str] = []

    def close_detail() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, DossierDetailDialog):
            opened.append(dialog.dossier_id)
            dialog.reject()

    QTimer.singleShot(200, close_detail)
    window.search.open_item(window.search.results.item(kinds.index("dossier")))
    assert opened == [mine.id]


def test_volunteer_window_offers_tickets_only(qtbot: QtBot, configured: Engine) -> None:
    window = _window(qtbot, configured, Role.VOLUNTEER)
    assert [window.tabs.tabText(i) for i in range(window.tabs.count())] == [
        "Hàng chờ",
        "Hỗ trợ nộp trực tuyến",
        "Đồng bộ",
    ]
    assert not any(b.isVisible() for b in window.queue.buttons.values())
    qtbot.mouseClick(window.queue.issue_button, Qt.MouseButton.LeftButton)
    assert window.queue.waiting.count() == 1


def test_corrupted_database_offers_the_newest_good_backup(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    paths = default_paths().ensure()
    engine = open_database(paths.database)
    with session_scope(engine) as s:
        staff.create_first_admin(s, "27460", "admin", "Quản Trị", PW)
    backup.create_backup(paths.database, paths.backups)
    engine.dispose()
    data = bytearray(paths.database.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)
    paths.database.write_bytes(bytes(data))
    asked: list[str] = []

    def yes(_parent: object, _title: str, text: str) -> QMessageBox.StandardButton:
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", yes)
    restored = open_with_recovery(paths)
    assert restored is not None and "bị hỏng" in asked[0] and "Khôi phục bản sao lưu" in asked[0]
    with session_scope(restored) as s:
        assert s.exec(select(Staff)).one().username == "admin"
    restored.dispose()
    assert list((paths.backups / "set-aside").glob("before-restore-*.sqlite3"))


def test_keys_and_clicks_in_any_window_keep_the_officer_signed_in(qtbot: QtBot, configured: Engine) -> None:
    """Input reaches the idle sign-out through each window's own input path (QWindow, as the platform delivers
    it): the main window's and a dialog's; what is not input (a timer of the window) does not count."""
    from datetime import timedelta

    from PySide6.QtCore import QPoint
    from PySide6.QtTest import QTest

    from counter_app.clock import utc_now
    from ui.admin import AccountsDialog

    window = _window(qtbot, configured)
    minutes = window.ctx.settings.idle_signout_minutes
    later = utc_now() + timedelta(minutes=minutes + 1)
    long_ago = utc_now() - timedelta(minutes=minutes + 1)
    window.activity.last = long_ago
    qtbot.wait(50)  # the window's own timers and paints
    assert window.activity.last == long_ago
    QTest.keyClick(window.windowHandle(), Qt.Key.Key_A)
    assert window.activity.last > long_ago and not window.check_idle(later - timedelta(minutes=2))

    dialog = AccountsDialog(window.ctx, window)
    qtbot.addWidget(dialog)
    show_active(qtbot, dialog)  # a window that took the focus after the main window
    window.activity.last = long_ago
    QTest.mouseClick(dialog.windowHandle(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(5, 5))
    assert window.activity.last > long_ago
    dialog.close()
    window.activity.last = long_ago
    with qtbot.waitSignal(window.signed_out, timeout=2000):
        assert window.check_idle(later)
    QTest.keyClick(dialog.windowHandle(), Qt.Key.Key_A)  # signed out: nothing watches any more
    assert window.activity.last == long_ago


def test_idle_sign_out_and_admin_screens(qtbot: QtBot, configured: Engine) -> None:
    from datetime import timedelta

    from counter_app.clock import utc_now
    from ui.admin import AccountsDialog, AuditViewer

    window = _window(qtbot, configured)
    accounts = AccountsDialog(window.ctx, window)
    qtbot.addWidget(accounts)
    accounts.username.setText("tnv.01")
    accounts.full_name.setText("Lê Văn Tình")
    accounts.role.setCurrentIndex(accounts.role.findData(Role.VOLUNTEER.value))
    accounts.password.setText("Tam-thoi-2026")
    qtbot.mouseClick(accounts.create_button, Qt.MouseButton.LeftButton)
    assert accounts.table.rowCount() == 2 and accounts.table.item(1, 2).text() == "Tình nguyện viên"
    accounts.table.selectRow(1)
    accounts.reset("Moi-cap-2026x")
    qtbot.mouseClick(accounts.deactivate_button, Qt.MouseButton.LeftButton)
    assert accounts.table.item(1, 3).text() == "Đã khóa"
    viewer = AuditViewer(window.ctx, window)
    qtbot.addWidget(viewer)
    qtbot.mouseClick(viewer.filter_button, Qt.MouseButton.LeftButton)
    shown = {viewer.table.item(i, 3).text() for i in range(viewer.table.rowCount())}
    assert {"Tạo tài khoản cán bộ", "Đặt lại mật khẩu", "Khóa tài khoản"} <= shown
    assert "không bị sửa" in viewer.chain.text()
    assert not window.check_idle(utc_now() + timedelta(minutes=5))
    with qtbot.waitSignal(window.signed_out, timeout=2000):
        assert window.check_idle(utc_now() + timedelta(minutes=window.ctx.settings.idle_signout_minutes + 1))
    assert window.ctx.actor is None and not window.isVisible()
    with session_scope(configured) as s:
        assert s.exec(select(AuditEntry.action).where(AuditEntry.action == "sign_out")).all() == ["sign_out"]


def test_settings_and_enrollment_with_a_real_hub(qtbot: QtBot, configured: Engine, tmp_path: Path) -> None:
    from sync.client.enroll import device_token
    from sync.hub import service
    from tests.sync.hubserver import RunningHub
    from ui.settings_dialog import SettingsDialog

    hub = RunningHub(f"sqlite:///{tmp_path / 'hub.sqlite3'}").start()
    try:
        window = _window(qtbot, configured)
        window.ctx.settings.form_printer = "HP LaserJet A4 tầng 1"  # chosen earlier, not installed here
        dialog = SettingsDialog(window.ctx, window)
        qtbot.addWidget(dialog)
        assert dialog.form_printer.currentData() == "HP LaserJet A4 tầng 1"
        dialog.enroll_hub.setText(hub.url)
        dialog.enroll_code.setText("WRNG-CODE-XXXX")
        qtbot.mouseClick(dialog.enroll_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: dialog.enroll_button.isEnabled(), timeout=10_000)
        assert "Mã đăng ký không đúng" in dialog.enroll_state.text()
        dialog.enroll_code.setText(service.new_enrollment_code(hub.engine, "27460", 3))
        qtbot.mouseClick(dialog.enroll_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: "Đã đăng ký" in dialog.enroll_state.text(), timeout=10_000)
        assert device_token(hub.url)
        dialog.primary.setText(hub.url)
        dialog.idle.setValue(3)
        dialog.save()
        with session_scope(configured) as s:
            saved = settings.load(s)
        assert (saved.primary_hub, saved.idle_signout_minutes) == (hub.url, 3)
        assert saved.form_printer == "HP LaserJet A4 tầng 1"
    finally:
        hub.close()


def test_admin_deletes_a_citizen_on_request(qtbot: QtBot, configured: Engine) -> None:
    from ui.admin import DeleteCitizenDialog

    window = _window(qtbot, configured)
    actor = window.ctx.actor
    assert actor is not None
    with session_scope(configured) as s:
        citizens.upsert_citizen(s, actor, citizens.CitizenInput("Hồ Văn Xóa", "079090001234"))
    dialog = DeleteCitizenDialog(window.ctx, window)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.query, "ho van xoa")
    assert dialog.results.count() == 1
    dialog.results.setCurrentRow(0)
    dialog.delete_selected(confirmed=True)
    assert "Đã xóa 1 bản ghi" in dialog.state.text() and dialog.results.count() == 0
    with session_scope(configured) as s:
        assert (
            s.exec(select(Staff)).all()
            and s.exec(select(AuditEntry.action).where(AuditEntry.action == "personal_data.delete")).one()
        )


def test_backup_now_runs_off_the_ui_thread_and_reports(qtbot: QtBot, configured: Engine) -> None:
    window = _window(qtbot, configured)
    future = window.backup_now()
    qtbot.waitUntil(future.done, timeout=20_000)
    made = future.result()
    assert made.exists() and made.parent == window.ctx.paths.backups
    qtbot.waitUntil(lambda: "Đã sao lưu và kiểm tra" in window.statusBar().currentMessage(), timeout=5000)


def test_first_run_joins_a_ward_through_its_hub(qtbot: QtBot, engine: Engine, tmp_path: Path) -> None:
    """The second PC of a ward: it takes the ward's accounts and groups, creates none, and signs in with them."""
    from counter_app import queue, staff
    from counter_app.access import Actor, Role
    from sync.hub import service
    from tests.sync.helpers import counter_db, engine_for, run
    from tests.sync.hubserver import RunningHub
    from ui.first_run import JOIN_TAB

    hub = RunningHub(f"sqlite:///{tmp_path / 'ward.sqlite3'}").start()
    try:
        first = counter_db(tmp_path, "first")
        with session_scope(first) as s:
            admin = staff.create_first_admin(s, "27460", "admin", "Trần Quản Trị", PW)
            queue.ensure_group(s, Actor(admin.id, Role.ADMIN, "27460", 1), "A", "Hộ tịch", "A")
        token = service.enroll(hub.engine, service.new_enrollment_code(hub.engine, "27460", 1), "pc1")[1]
        run(engine_for(first, {hub.url: token}).sync_once())
        dialog = FirstRunDialog(engine)
        qtbot.addWidget(dialog)
        dialog.tabs.setCurrentIndex(JOIN_TAB)
        _ok(dialog)
        assert "Nhập địa chỉ máy chủ phường" in dialog.error.text()
        # with IT staff's deployment file the join tab opens filled in: only the code is left to type
        from counter_app.deployment import Deployment

        prefilled = FirstRunDialog(engine, deployment=Deployment(ward_hub=hub.url, ward_hub_fingerprint="AB:CD"))
        qtbot.addWidget(prefilled)
        assert prefilled.tabs.currentIndex() == JOIN_TAB and prefilled.join_hub.text() == hub.url
        assert prefilled.join_print.text() == "AB:CD"
        ok = prefilled.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)  # type: ignore[union-attr]
        assert ok.text() == "Tham gia phường"
        qtbot.keyClicks(dialog.join_hub, hub.url)
        qtbot.keyClicks(dialog.join_code, service.new_enrollment_code(hub.engine, "27460", 4))
        dialog.join_mode.setCurrentIndex(dialog.join_mode.findData("board"))
        _ok(dialog)
        qtbot.waitUntil(lambda: dialog.result() == QDialog.DialogCode.Accepted, timeout=15_000)
        assert dialog.joined is not None and dialog.joined.counter_no == 4 and dialog.joined.groups == ["A"]
        with session_scope(engine) as s:
            device = settings.load(s)
            assert (device.unit_code, device.counter_no, device.board_mode) == ("27460", 4, True)
            assert [st.username for st in s.exec(select(Staff)).all()] == ["admin"]  # none made here
        assert staff.sign_in(engine, "admin", PW, 4).name == "Trần Quản Trị"
    finally:
        hub.close()
