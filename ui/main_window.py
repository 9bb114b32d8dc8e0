"""The window officers and volunteers live in: who is signed in, ward and counter, queue, search, sync state."""

from __future__ import annotations

from concurrent.futures import Future
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QTabWidget, QVBoxLayout, QWidget

from counter_app import audit, backup, staff
from counter_app.access import ROLE_LABELS_VI, Perm
from counter_app.clock import utc_now
from counter_app.units import get_unit
from ui.admin import AccountsDialog, AuditViewer, DeleteCitizenDialog
from ui.board import DisplayBoard
from ui.context import AppContext
from ui.dossiers.intake_wizard import IntakeWizard
from ui.dossiers.list_page import DossierListPage
from ui.kiosk import KioskWindow
from ui.ops import run_in_worker, run_op
from ui.queue_panel import QueuePanel
from ui.search_panel import SearchPanel
from ui.settings_dialog import SettingsDialog
from ui.sync_panel import SyncPanel
from ui.volunteer_page import VolunteerPage

OFFLINE = "Ngoại tuyến: chưa cấu hình máy chủ đồng bộ — dữ liệu được lưu an toàn trên máy này."


def _app() -> QApplication:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    return app


class ActivityWatcher(QObject):
    """Notes every key press and click anywhere in the app, for the idle sign-out."""

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.last = utc_now()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() in (QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress):
            self.last = utc_now()
        return False


class MainWindow(QMainWindow):
    signed_out = Signal()
    closed_by_person = Signal()

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        actor = ctx.actor
        assert actor is not None
        unit = get_unit(ctx.settings.unit_code)
        self.setWindowTitle(f"Ward Counter — {unit.name}")
        header = QLabel(
            f"<b>{unit.name}</b> · {ctx.settings.counter_name or f'Quầy {ctx.settings.counter_no}'} · "
            f"{actor.name} ({ROLE_LABELS_VI[actor.role]})",
        )
        self.tabs = QTabWidget()
        self.queue = QueuePanel(ctx)
        self.tabs.addTab(self.queue, "Hàng chờ")
        self.volunteer: VolunteerPage | None = None
        if actor.can(Perm.ASSISTED_FILING):
            self.volunteer = VolunteerPage(ctx)
            self.tabs.addTab(self.volunteer, "Hỗ trợ nộp trực tuyến")
        self.dossiers: DossierListPage | None = None
        if actor.can(Perm.DOSSIER_READ):
            self.dossiers = DossierListPage(ctx)
            self.tabs.addTab(self.dossiers, "Hồ sơ")
        self.search = SearchPanel(ctx)
        if actor.can(Perm.SEARCH):
            self.tabs.addTab(self.search, "Tra cứu")
            QShortcut(QKeySequence("Ctrl+F"), self, self.focus_search, context=Qt.ShortcutContext.WindowShortcut)
        self.sync_panel = SyncPanel(ctx, self.request_sync)
        self.tabs.addTab(self.sync_panel, "Đồng bộ")
        QShortcut(QKeySequence("Ctrl+R"), self, self.request_sync, context=Qt.ShortcutContext.WindowShortcut)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.addWidget(header)
        layout.addWidget(self.tabs, 1)
        self.setCentralWidget(body)
        self.sync_label = QLabel(OFFLINE if not ctx.settings.hubs else "Đang kết nối máy chủ đồng bộ…")
        self.statusBar().addPermanentWidget(self.sync_label, 1)
        ctx.bus.sync_status.connect(self.show_sync)
        self._menus()
        self.activity = ActivityWatcher(self)
        _app().installEventFilter(self.activity)
        self._idle_timer = QTimer(self, interval=15_000)
        self._idle_timer.timeout.connect(self.check_idle)
        self._idle_timer.start()
        self._restore_geometry()

    def _menus(self) -> None:
        actor = self.ctx.actor
        assert actor is not None
        if actor.can(Perm.DOSSIER_WRITE):
            work = self.menuBar().addMenu("Hồ sơ")
            intake = QAction("Tiếp nhận hồ sơ mới…", self, shortcut=QKeySequence("Ctrl+N"))
            intake.triggered.connect(self.new_dossier)
            work.addAction(intake)
        screens = self.menuBar().addMenu("Màn hình")
        board, kiosk = QAction("Màn hình gọi số (TV)", self), QAction("Chế độ lấy số (kiosk)", self)
        board.triggered.connect(self.open_board)
        kiosk.triggered.connect(self.open_kiosk)
        screens.addActions([board, kiosk])
        account = self.menuBar().addMenu("Tài khoản")
        sign_out = QAction("Đăng xuất", self, shortcut=QKeySequence("Ctrl+L"))
        sign_out.triggered.connect(lambda: self.sign_out("manual"))
        account.addAction(sign_out)
        if actor.can(Perm.STAFF_ADMIN):
            admin = self.menuBar().addMenu("Quản trị")
            for label, slot in (
                ("Tài khoản cán bộ…", lambda: AccountsDialog(self.ctx, self).exec()),
                ("Nhật ký truy cập và thao tác…", lambda: AuditViewer(self.ctx, self).exec()),
                ("Cài đặt quầy và máy chủ đồng bộ…", lambda: SettingsDialog(self.ctx, self).exec()),
                ("Xóa dữ liệu công dân theo yêu cầu…", lambda: DeleteCitizenDialog(self.ctx, self).exec()),
                ("Sao lưu ngay", self.backup_now),
            ):
                action = QAction(label, self)
                action.triggered.connect(slot)
                admin.addAction(action)

    def open_board(self) -> DisplayBoard:
        self.board = DisplayBoard(self.ctx)
        self.board.show_on_screen()
        return self.board

    def open_kiosk(self) -> KioskWindow:
        self.kiosk = KioskWindow(self.ctx)
        self.kiosk.showMaximized()
        return self.kiosk

    def new_dossier(self) -> IntakeWizard:
        wizard = IntakeWizard(self.ctx, self)
        wizard.open()
        return wizard

    def backup_now(self) -> Future[Path]:
        """Back up off the UI thread, with progress (a large database takes a while)."""
        actor = self.ctx.actor
        assert actor is not None
        engine = self.ctx.engine
        database, folder = Path(str(engine.url.database)), self.ctx.paths.backups  # the file this window works on
        return run_in_worker(
            self,
            "Đang sao lưu dữ liệu…",
            lambda report: backup.backup_now(engine, database, folder, actor, progress=report),
            lambda made: self.statusBar().showMessage(f"Đã sao lưu và kiểm tra: {made.name}", 15_000),
        )

    def check_idle(self, now: datetime | None = None) -> bool:
        """Sign out after the configured idle minutes; True when it did."""
        minutes = self.ctx.settings.idle_signout_minutes
        if self.ctx.actor is None or not staff.is_idle(self.activity.last, now or utc_now(), minutes):
            return False
        self.sign_out("idle")
        return True

    def sign_out(self, reason: str) -> None:
        actor = self.ctx.actor
        if actor is None:
            return
        run_op(self, self.ctx.engine, lambda s: audit.record(s, actor, "sign_out", detail={"reason": reason}))
        self.ctx.actor = None
        self._idle_timer.stop()
        _app().removeEventFilter(self.activity)
        self.close()
        self.signed_out.emit()

    def request_sync(self) -> None:
        """ "Sync now": wake the background engine (if this PC syncs at all)."""
        if self.ctx.sync_engine is not None:
            self.ctx.sync_engine.request_sync()

    def focus_search(self) -> None:
        self.tabs.setCurrentWidget(self.search)
        self.search.box.setFocus()
        self.search.box.selectAll()

    def show_sync(self, status: object) -> None:
        online = getattr(status, "online", False)
        pending = getattr(status, "pending", 0)
        quarantined = getattr(status, "quarantined", 0)
        last = getattr(status, "last_success", None)
        parts = ["Trực tuyến" if online else "Ngoại tuyến", f"{pending} thao tác chờ gửi"]
        if quarantined:
            parts.append(f"{quarantined} bị máy chủ từ chối (xem mục Đồng bộ)")
        if last is not None:
            parts.append(f"đồng bộ lần cuối {last.astimezone().strftime('%H:%M')}")
        error = getattr(status, "last_error_vi", None)
        self.sync_label.setText(" · ".join(parts) + (f" — {error}" if error and not online else ""))

    def _restore_geometry(self) -> None:
        saved = self._window_settings().value("main/geometry")
        if saved is not None:
            self.restoreGeometry(saved)
        else:
            self.resize(1100, 720)

    def _window_settings(self) -> QSettings:
        """Window state lives beside the database (per data folder), not in the user's global settings."""
        return QSettings(str(self.ctx.paths.data / "window.ini"), QSettings.Format.IniFormat)

    def closeEvent(self, event: object) -> None:  # noqa: N802 (Qt's name)
        self._window_settings().setValue("main/geometry", self.saveGeometry())
        if self.ctx.actor is not None:
            self.closed_by_person.emit()  # not a sign-out: the app ends
        super().closeEvent(event)  # type: ignore[arg-type]
