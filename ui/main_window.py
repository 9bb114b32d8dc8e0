"""The window officers and volunteers live in: who is signed in, ward and counter, queue, search, sync state."""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QLabel, QMainWindow, QTabWidget, QVBoxLayout, QWidget

from counter_app.access import ROLE_LABELS_VI, Perm
from counter_app.units import get_unit
from ui.context import AppContext
from ui.queue_panel import QueuePanel
from ui.search_panel import SearchPanel

OFFLINE = "Ngoại tuyến: chưa cấu hình máy chủ đồng bộ — dữ liệu được lưu an toàn trên máy này."


class MainWindow(QMainWindow):
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
        self.search = SearchPanel(ctx)
        if actor.can(Perm.SEARCH):
            self.tabs.addTab(self.search, "Tra cứu")
            QShortcut(QKeySequence("Ctrl+F"), self, self.focus_search, context=Qt.ShortcutContext.WindowShortcut)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.addWidget(header)
        layout.addWidget(self.tabs, 1)
        self.setCentralWidget(body)
        self.sync_label = QLabel(OFFLINE if not ctx.settings.hubs else "Đang kết nối máy chủ đồng bộ…")
        self.statusBar().addPermanentWidget(self.sync_label, 1)
        ctx.bus.sync_status.connect(self.show_sync)
        self._restore_geometry()

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
        super().closeEvent(event)  # type: ignore[arg-type]
