"""The window officers and volunteers live in: who is signed in, ward and counter, queue, search, sync state."""

from __future__ import annotations

import importlib
from concurrent.futures import Future
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence, QShortcut, QWindow
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from counter_app import audit, settings, staff
from counter_app.access import ROLE_LABELS_VI, Perm
from counter_app.clock import utc_now
from counter_app.i18n import QT_TRANSLATE_NOOP
from counter_app.units import get_unit
from ui import i18n, style, window_state
from ui.context import AppContext
from ui.dossiers.list_page import DossierListPage
from ui.i18n import core
from ui.ops import run_in_worker, run_op
from ui.queue_panel import QueuePanel
from ui.search_panel import SearchPanel
from ui.sync_panel import SyncPanel
from ui.volunteer_page import VolunteerPage
from ui.widgets import named

if TYPE_CHECKING:  # the dialogs and other windows load when first opened, not before the first frame
    from ui.board import DisplayBoard
    from ui.dossiers.intake_wizard import IntakeWizard
    from ui.kiosk import KioskWindow
    from ui.register_dialog import RegisterDialog
    from ui.settings_dialog import SettingsDialog

OFFLINE = QT_TRANSLATE_NOOP(
    "main_window", "Ngoại tuyến: chưa cấu hình máy chủ đồng bộ — dữ liệu được lưu an toàn trên máy này."
)


def _app() -> QApplication:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    return app


class ActivityWatcher(QObject):
    """Notes every key press and click in the app's windows, for the idle sign-out. It watches the top-level
    windows (each QWindow, where the platform delivers input before the widgets get it), not the application: a
    filter on the application runs Python for every event of every object, timers and sockets included, and each
    run must win the GIL back from the sync worker (gaps of 50–130 ms while a pull applied, bench/ui_stall_bench.py).
    A window is watched from when it first takes the focus (dialogs too) or shows (the main window)."""

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.last = utc_now()
        _app().focusWindowChanged.connect(self.watch)  # a method: disconnected when the watcher goes
        for window in QGuiApplication.topLevelWindows():
            self.watch(window)

    def watch(self, window: QWindow | None) -> None:
        if window is not None:
            window.installEventFilter(self)  # again on the same window: still once (Qt moves it to the front)

    def stop(self) -> None:
        _app().focusWindowChanged.disconnect(self.watch)
        for window in QGuiApplication.topLevelWindows():
            window.removeEventFilter(self)

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
        self.search_shortcut = QShortcut(QKeySequence("Ctrl+F"), self, self.focus_search)
        self.search_shortcut.setEnabled(actor.can(Perm.SEARCH))
        QShortcut(QKeySequence("Ctrl+R"), self, self.request_sync, context=Qt.ShortcutContext.WindowShortcut)
        self.sync_label = QLabel()
        self.sync_bar = QProgressBar()
        self.sync_bar.setMinimumWidth(250)  # "Đang nhận 41.000/100.000" on one line
        self.sync_bar.setMaximumWidth(300)
        self.sync_bar.hide()
        self.statusBar().addPermanentWidget(self.sync_label, 1)
        self.statusBar().addPermanentWidget(self.sync_bar)
        self._build()
        ctx.bus.sync_status.connect(self.show_sync)
        self.activity = ActivityWatcher(self)
        self._idle_timer = QTimer(self, interval=15_000)
        self._idle_timer.timeout.connect(self.check_idle)
        self._idle_timer.start()
        self._restore_geometry()

    def _build(self) -> None:
        """Everything that shows text: built again when the language changes."""
        ctx, actor = self.ctx, self.ctx.actor
        assert actor is not None
        unit = get_unit(ctx.settings.unit_code)
        self.setWindowTitle(f"Ward Counter — {unit.name}")
        counter = ctx.settings.counter_name or self.tr("Quầy {n}").format(n=ctx.settings.counter_no)
        self.header = named(
            QLabel(f"<b>{unit.name}</b> · {counter} · {actor.name} ({core(ROLE_LABELS_VI[actor.role])})"), "header"
        )
        self.tabs = QTabWidget()
        self.queue = QueuePanel(ctx)
        self.tabs.addTab(self.queue, self.tr("Hàng chờ"))
        self.volunteer: VolunteerPage | None = None
        if actor.can(Perm.ASSISTED_FILING):
            self.volunteer = VolunteerPage(ctx)
            self.tabs.addTab(self.volunteer, self.tr("Hỗ trợ nộp trực tuyến"))
        self.dossiers: DossierListPage | None = None
        if actor.can(Perm.DOSSIER_READ):
            self.dossiers = DossierListPage(ctx, load_now=False)  # reads when its tab first shows
            self.tabs.addTab(self.dossiers, self.tr("Hồ sơ"))
        self.search = SearchPanel(ctx)
        self.search.citizen_chosen.connect(self.show_citizen_dossiers)
        if actor.can(Perm.SEARCH):
            self.tabs.addTab(self.search, self.tr("Tra cứu"))
        self.sync_panel = SyncPanel(ctx, self.request_sync)
        self.tabs.addTab(self.sync_panel, self.tr("Đồng bộ"))
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.addWidget(self.header)
        layout.addWidget(self.tabs, 1)
        self.setCentralWidget(body)  # the previous body (and its panels) is deleted
        waiting = self.tr("Đang kết nối máy chủ đồng bộ…")
        self.sync_label.setText(waiting if ctx.settings.hubs else QCoreApplication.translate("main_window", OFFLINE))
        if ctx.sync_engine is not None and ctx.sync_engine.status.last_success is not None:
            self.show_sync(ctx.sync_engine.status)
        self.menuBar().clear()
        self._menus()

    def open_register(self) -> RegisterDialog:
        from ui.register_dialog import RegisterDialog

        dialog = RegisterDialog(self.ctx, self)
        dialog.open()
        return dialog

    def open_settings(self) -> SettingsDialog:
        """Settings; a language chosen there applies at once, as from the language menu."""
        from ui.settings_dialog import SettingsDialog

        before = self.ctx.settings.language
        dialog = SettingsDialog(self.ctx, self)
        dialog.finished.connect(lambda _r: self._settings_closed(before))
        dialog.open()
        return dialog

    def _settings_closed(self, language_before: str) -> None:
        if self.ctx.settings.language != language_before:
            self.switch_language(self.ctx.settings.language)

    def switch_language(self, language: str) -> None:
        """Save the choice for this PC and show the window in that language at once."""
        device = self.ctx.settings
        device.language = language
        run_op(self, self.ctx.engine, lambda s: settings.save(s, device))
        if not i18n.install(language):
            QMessageBox.warning(
                self,
                self.tr("Thiếu tệp ngôn ngữ"),
                self.tr("Không tìm thấy bản dịch; giao diện giữ tiếng Việt. Hãy báo bộ phận CNTT."),
            )
        current = self.tabs.currentIndex()
        filters = self.dossiers.filter_state() if self.dossiers is not None else None
        self._build()
        if self.dossiers is not None and filters is not None:
            self.dossiers.restore_filters(filters)  # the officer's filters survive the switch
        self.tabs.setCurrentIndex(current)

    def _menus(self) -> None:
        actor = self.ctx.actor
        assert actor is not None
        work = self.menuBar().addMenu(self.tr("Hồ sơ"))
        if actor.can(Perm.DOSSIER_WRITE):
            intake = QAction(
                style.icon("file-plus"), self.tr("Tiếp nhận hồ sơ mới…"), self, shortcut=QKeySequence("Ctrl+N")
            )
            intake.triggered.connect(self.new_dossier)
            book = QAction(style.icon("list-details"), self.tr("Sổ theo dõi hồ sơ (Mẫu 07)…"), self)
            book.triggered.connect(self.open_register)
            work.addActions([intake, book])
        # Ctrl+F and Ctrl+R live on window shortcuts; the menu shows them (text after a tab) so they can be learnt
        if actor.can(Perm.SEARCH):
            find = QAction(style.icon("search"), self.tr("Tra cứu") + "\tCtrl+F", self)
            find.triggered.connect(self.focus_search)
            work.addAction(find)
        sync_now = QAction(style.icon("refresh"), self.tr("Đồng bộ ngay") + "\tCtrl+R", self)
        sync_now.triggered.connect(self.request_sync)
        work.addAction(sync_now)
        screens = self.menuBar().addMenu(self.tr("Màn hình"))
        board = QAction(style.icon("device-tv"), self.tr("Màn hình gọi số (TV)"), self)
        kiosk = QAction(style.icon("hand-finger"), self.tr("Chế độ lấy số (kiosk)"), self)
        board.triggered.connect(self.open_board)
        kiosk.triggered.connect(self.open_kiosk)
        screens.addActions([board, kiosk])
        account = self.menuBar().addMenu(self.tr("Tài khoản"))
        sign_out = QAction(style.icon("logout"), self.tr("Đăng xuất"), self, shortcut=QKeySequence("Ctrl+L"))
        sign_out.triggered.connect(lambda: self.sign_out("manual"))
        account.addAction(sign_out)
        language = self.menuBar().addMenu(self.tr("Ngôn ngữ / Language"))
        for code, name in i18n.LANGUAGES.items():
            choice = QAction(name, self, checkable=True, checked=code == self.ctx.settings.language)
            choice.triggered.connect(lambda _c=False, code=code: self.switch_language(code))
            language.addAction(choice)
        if actor.can(Perm.STAFF_ADMIN):
            admin = self.menuBar().addMenu(self.tr("Quản trị"))
            for icon, label, slot in (
                ("users", self.tr("Tài khoản cán bộ…"), lambda: self._exec("ui.admin", "AccountsDialog")),
                ("history", self.tr("Nhật ký truy cập và thao tác…"), lambda: self._exec("ui.admin", "AuditViewer")),
                ("settings", self.tr("Cài đặt quầy và máy chủ đồng bộ…"), self.open_settings),
                (
                    "trash",
                    self.tr("Xóa dữ liệu công dân theo yêu cầu…"),
                    lambda: self._exec("ui.admin", "DeleteCitizenDialog"),
                ),
                (
                    "calendar-event",
                    self.tr("Lịch làm việc: ngày nghỉ, ngày làm bù…"),
                    lambda: self._exec("ui.calendar_dialog", "CalendarDialog"),
                ),
                (
                    "list-details",
                    self.tr("Nhập danh mục thủ tục…"),
                    lambda: self._exec("ui.catalog_dialog", "CatalogImportDialog"),
                ),
                (
                    "clock",
                    self.tr("Thời hạn lưu trữ dữ liệu cá nhân…"),
                    lambda: self._exec("ui.retention_dialog", "RetentionDialog"),
                ),
                (
                    "file-text",
                    self.tr("Lệ phí do HĐND Thành phố quy định…"),
                    lambda: self._exec("ui.fee_dialog", "FeeDialog"),
                ),
                ("database-export", self.tr("Sao lưu ngay"), self.backup_now),
            ):
                action = QAction(style.icon(icon), label, self)
                action.triggered.connect(slot)
                admin.addAction(action)

    def _exec(self, module: str, dialog: str) -> int:
        """Open an admin dialog (its module loads at its first use) and wait for it."""
        shown: int = getattr(importlib.import_module(module), dialog)(self.ctx, self).exec()
        return shown

    def open_board(self) -> DisplayBoard:
        from ui.board import DisplayBoard

        self.board = DisplayBoard(self.ctx)
        self.board.show_on_screen(self.ctx.settings.board_screen)
        return self.board

    def open_kiosk(self) -> KioskWindow:
        from ui.kiosk import KioskWindow

        self.kiosk = KioskWindow(self.ctx)  # a window beside this one: full screen only on the reception PC
        self.kiosk.resize(900, 680)
        self.kiosk.show()
        return self.kiosk

    def new_dossier(self) -> IntakeWizard:
        from ui.dossiers.intake_wizard import IntakeWizard

        wizard = IntakeWizard(self.ctx, self)
        wizard.open()
        return wizard

    def backup_now(self) -> Future[Path]:
        """Back up off the UI thread, with progress (a large database takes a while)."""
        from counter_app import backup

        actor = self.ctx.actor
        assert actor is not None
        engine = self.ctx.engine
        database, folder = Path(str(engine.url.database)), self.ctx.paths.backups  # the file this window works on
        return run_in_worker(
            self,
            self.tr("Đang sao lưu dữ liệu…"),
            lambda report: backup.backup_now(engine, database, folder, actor, progress=report),
            lambda made: self.statusBar().showMessage(
                self.tr("Đã sao lưu và kiểm tra: {name}").format(name=made.name), 15_000
            ),
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
        self.activity.stop()
        self.close()
        self.signed_out.emit()

    def request_sync(self) -> None:
        """ "Sync now": wake the background engine (if this PC syncs at all)."""
        if self.ctx.sync_engine is not None:
            self.ctx.sync_engine.request_sync()

    def show_citizen_dossiers(self, citizen_id: str, name: str) -> None:
        if self.dossiers is not None:
            self.dossiers.show_citizen(citizen_id, name)
            self.tabs.setCurrentWidget(self.dossiers)
            self.dossiers.table.setFocus()

    def focus_search(self) -> None:
        self.tabs.setCurrentWidget(self.search)
        self.search.box.setFocus()
        self.search.box.selectAll()

    def show_sync(self, status: object) -> None:
        self._show_sync_progress(getattr(status, "phase", None), getattr(status, "progress", None))
        online = getattr(status, "online", False)
        pending = getattr(status, "pending", 0)
        quarantined = getattr(status, "quarantined", 0)
        last = getattr(status, "last_success", None)
        parts = [self._connection(online, getattr(status, "hub_url", None))]
        parts.append(self.tr("{pending} thao tác chờ gửi").format(pending=pending))
        if quarantined:
            parts.append(self.tr("{quarantined} bị máy chủ từ chối (xem mục Đồng bộ)").format(quarantined=quarantined))
        if last is not None:
            parts.append(self.tr("đồng bộ lần cuối {time}").format(time=last.astimezone().strftime("%H:%M")))
        error = i18n.message(getattr(status, "error_template", None), getattr(status, "error_params", None))
        self.sync_label.setText(" · ".join(parts) + (f" — {error}" if error and not online else ""))

    def _connection(self, online: bool, hub_url: str | None) -> str:
        """Which hub this PC works through: the ward hub, or the city (backup) hub while the ward hub is down."""
        device = self.ctx.settings
        if not online:
            return self.tr("Ngoại tuyến")
        if hub_url and device.backup_hub and hub_url.rstrip("/") == device.backup_hub.rstrip("/"):
            return self.tr("Trực tuyến qua máy chủ dự phòng (máy chủ phường không trả lời; tự quay lại khi có)")
        return self.tr("Trực tuyến")

    def _show_sync_progress(self, phase: str | None, progress: tuple[int, int] | None) -> None:
        """A bar while a sync runs: sent of total when pushing; received of total when pulling history, else a
        busy bar with the count (a live pull is one page: the hub is not asked how many)."""
        if phase is None or progress is None:
            self.sync_bar.hide()
            return
        done, total = progress
        self.sync_bar.setRange(0, total)
        self.sync_bar.setValue(done)
        if phase == "push":
            self.sync_bar.setFormat(self.tr("Đang gửi {done}/{total}").format(done=done, total=total))
        elif total:  # a long pull (a new or restored PC taking its ward's history): the hub said how many
            text = self.tr("Đang nhận {done}/{total}").format(done=i18n.number(done), total=i18n.number(total))
            self.sync_bar.setFormat(text)
        else:
            self.sync_bar.setFormat(self.tr("Đang nhận ({done})").format(done=done))
        self.sync_bar.show()

    def _restore_geometry(self) -> None:
        saved = window_state.store(self.ctx.paths.data)
        geometry = saved.value("main/geometry")
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1100, 720)
        self.tabs.setCurrentIndex(int(saved.value("main/tab", 0)))  # type: ignore[call-overload]

    def showEvent(self, event: object) -> None:  # noqa: N802 (Qt's name)
        if self.ctx.actor is not None:
            self.activity.watch(self.windowHandle())  # it exists from the first show
        super().showEvent(event)  # type: ignore[arg-type]

    def closeEvent(self, event: object) -> None:  # noqa: N802 (Qt's name)
        saved = window_state.store(self.ctx.paths.data)
        saved.setValue("main/geometry", self.saveGeometry())
        saved.setValue("main/tab", self.tabs.currentIndex())
        if self.ctx.actor is not None:
            self.closed_by_person.emit()  # not a sign-out: the app ends
        super().closeEvent(event)  # type: ignore[arg-type]
