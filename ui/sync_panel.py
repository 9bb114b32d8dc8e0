"""What is waiting to reach the hub and why: pending operations, quarantined ones to retry, conflicts, sync now."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QHBoxLayout, QLabel, QListWidget, QPushButton, QVBoxLayout, QWidget
from sqlmodel import Session, col, select

from counter_app.clock import to_local
from counter_app.i18n import QT_TRANSLATE_NOOP
from counter_app.models import OutboxEntry, SyncConflict
from sync.client import local
from ui.context import AppContext
from ui.i18n import core, number
from ui.ops import read_op, run_op
from ui.widgets import ReadsWhenSeen

ENTITY_VI = {
    "citizen": QT_TRANSLATE_NOOP("sync_panel", "công dân"),
    "dossier": QT_TRANSLATE_NOOP("sync_panel", "hồ sơ"),
    "dossier_paper": QT_TRANSLATE_NOOP("sync_panel", "giấy tờ"),
    "dossier_event": QT_TRANSLATE_NOOP("sync_panel", "lịch sử hồ sơ"),
    "ticket": QT_TRANSLATE_NOOP("sync_panel", "phiếu"),
    "staff": QT_TRANSLATE_NOOP("sync_panel", "tài khoản"),
    "audit_entry": QT_TRANSLATE_NOOP("sync_panel", "nhật ký thao tác"),
    "service_group": QT_TRANSLATE_NOOP("sync_panel", "nhóm dịch vụ"),
    "assisted_filing": QT_TRANSLATE_NOOP("sync_panel", "hỗ trợ trực tuyến"),
}


REFRESH_DELAY_MS = 300


OPS_VI = {  # what happened to the record, as the officer would say it (never "upsert")
    "upsert": QT_TRANSLATE_NOOP("sync_panel", "Lưu {entity}"),
    "insert": QT_TRANSLATE_NOOP("sync_panel", "Ghi {entity}"),
    "delete": QT_TRANSLATE_NOOP("sync_panel", "Xóa {entity}"),
}


def _what(op: str, entity: str) -> str:
    template = OPS_VI.get(op, OPS_VI["upsert"])
    return QCoreApplication.translate("sync_panel", template).format(entity=_entity(entity))


def _entity(name: str) -> str:
    return QCoreApplication.translate("sync_panel", ENTITY_VI[name]) if name in ENTITY_VI else name


def _pending(session: Session) -> list[OutboxEntry]:
    query = select(OutboxEntry).where(col(OutboxEntry.quarantined_at).is_(None)).order_by(col(OutboxEntry.created_at))
    return list(session.exec(query.limit(200)).all())


def _conflicts(session: Session) -> list[SyncConflict]:
    return list(session.exec(select(SyncConflict).where(col(SyncConflict.resolved_at).is_(None))).all())


class SyncPanel(ReadsWhenSeen):
    def __init__(self, ctx: AppContext, request_sync: Callable[[], None] | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.request_sync = ctx, request_sync
        self.summary = QLabel(wordWrap=True)
        self.progress = QLabel(wordWrap=True)  # what the running sync is doing, from its status (no reads)
        self.progress.hide()
        self.pending, self.quarantined, self.conflicts = QListWidget(), QListWidget(), QListWidget()
        self.sync_button = QPushButton(self.tr("Đồng bộ ngay (Ctrl+R)"))
        self.retry_button = QPushButton(self.tr("Gửi lại các thao tác bị từ chối"))
        self.sync_button.setEnabled(request_sync is not None)
        self.sync_button.clicked.connect(self.sync_now)
        self.retry_button.clicked.connect(self.retry)
        buttons = QHBoxLayout()
        buttons.addWidget(self.sync_button)
        buttons.addWidget(self.retry_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.progress)
        layout.addLayout(buttons)
        for title, widget in (
            (self.tr("Đang chờ gửi"), self.pending),
            (self.tr("Bị máy chủ từ chối (cách ly)"), self.quarantined),
            (self.tr("Khác biệt cần đối chiếu"), self.conflicts),
        ):
            layout.addWidget(QLabel(f"<b>{title}</b>"))
            layout.addWidget(widget)
        # Many status updates arrive during one sync: re-read the lists once, shortly after the last.
        self._refresh_later = QTimer(self, singleShot=True, interval=REFRESH_DELAY_MS)
        self._refresh_later.timeout.connect(self.refresh_when_seen)
        ctx.bus.data_changed.connect(self._on_change)  # methods: disconnected when the panel goes
        ctx.bus.sync_status.connect(self._on_status)
        self.refresh()

    def _on_change(self, _what: object) -> None:
        self._refresh_later.start()

    def _on_status(self, status: object) -> None:
        phase, progress = getattr(status, "phase", None), getattr(status, "progress", None)
        self._show_progress(phase, progress)
        if phase is None:  # between syncs; while one runs, the lists are re-read only when it ends
            self._refresh_later.start()

    def _show_progress(self, phase: str | None, progress: tuple[int, int] | None) -> None:
        if phase is None or progress is None or not (progress[0] or progress[1]):
            self.progress.hide()
            return
        done, total = progress
        if phase == "push":
            text = self.tr("Đang gửi lên máy chủ: {done}/{total} thao tác.")
        elif total:
            text = self.tr(
                "Đang nhận dữ liệu của phường từ máy chủ: {done}/{total} thay đổi. "
                "Vẫn cấp số, gọi số và tiếp nhận hồ sơ bình thường trong lúc này."
            )
        else:
            text = self.tr("Đang nhận từ máy chủ: {done} thay đổi.")
        self.progress.setText(text.format(done=number(done), total=number(total)))
        self.progress.show()

    def refresh(self) -> None:
        self._refresh_later.stop()
        self.stale = False
        pending = read_op(self, self.ctx.engine, _pending) or []
        stuck = read_op(self, self.ctx.engine, local.list_quarantined) or []
        conflicts = read_op(self, self.ctx.engine, _conflicts) or []
        self.pending.clear()
        for e in pending:
            tries = (
                self.tr(", đã thử {attempts} lần: {last_error}").format(
                    attempts=e.attempts, last_error=core(e.last_error or "")
                )
                if e.attempts
                else ""
            )
            self.pending.addItem(f"{to_local(e.created_at):%d/%m %H:%M} · {_what(e.op, e.entity)}{tries}")
        self.quarantined.clear()
        for e in stuck:
            self.quarantined.addItem(f"{_what(e.op, e.entity)} — {core(e.last_error or '')}")
        self.conflicts.clear()
        for c in conflicts:
            self.conflicts.addItem(f"{_entity(c.entity)} {c.entity_id[:8]} — {core(c.reason or '')}")
        hubs = self.ctx.settings.hubs
        where = ", ".join(hubs) if hubs else self.tr("chưa cấu hình máy chủ (làm việc ngoại tuyến)")
        self.summary.setText(
            self.tr("Máy chủ: {where}. {n} chờ gửi, {n2} bị từ chối, {n3} khác biệt.").format(
                where=where, n=len(pending), n2=len(stuck), n3=len(conflicts)
            )
        )
        self.retry_button.setEnabled(bool(stuck))

    def sync_now(self) -> None:
        if self.request_sync is not None:
            self.request_sync()
            self.summary.setText(self.summary.text() + self.tr(" Đang đồng bộ…"))

    def retry(self) -> None:
        run_op(self, self.ctx.engine, local.retry_all)
        self.refresh()
        self.sync_now()
