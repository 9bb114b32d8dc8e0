"""What is waiting to reach the hub and why: pending operations, quarantined ones to retry, conflicts, sync now."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QHBoxLayout, QLabel, QListWidget, QPushButton, QVBoxLayout, QWidget
from sqlmodel import Session, col, select

from counter_app.clock import to_local
from counter_app.models import OutboxEntry, SyncConflict
from sync.client import local
from ui.context import AppContext
from ui.ops import run_op

ENTITY_VI = {
    "citizen": "công dân",
    "dossier": "hồ sơ",
    "dossier_paper": "giấy tờ",
    "dossier_event": "lịch sử hồ sơ",
    "ticket": "phiếu",
    "staff": "tài khoản",
    "audit_entry": "nhật ký",
    "service_group": "nhóm dịch vụ",
    "assisted_filing": "hỗ trợ trực tuyến",
}


def _pending(session: Session) -> list[OutboxEntry]:
    query = select(OutboxEntry).where(col(OutboxEntry.quarantined_at).is_(None)).order_by(col(OutboxEntry.created_at))
    return list(session.exec(query.limit(200)).all())


def _conflicts(session: Session) -> list[SyncConflict]:
    return list(session.exec(select(SyncConflict).where(col(SyncConflict.resolved_at).is_(None))).all())


class SyncPanel(QWidget):
    def __init__(self, ctx: AppContext, request_sync: Callable[[], None] | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.request_sync = ctx, request_sync
        self.summary = QLabel(wordWrap=True)
        self.pending, self.quarantined, self.conflicts = QListWidget(), QListWidget(), QListWidget()
        self.sync_button = QPushButton("Đồng bộ ngay (Ctrl+R)")
        self.retry_button = QPushButton("Gửi lại các thao tác bị từ chối")
        self.sync_button.setEnabled(request_sync is not None)
        self.sync_button.clicked.connect(self.sync_now)
        self.retry_button.clicked.connect(self.retry)
        buttons = QHBoxLayout()
        buttons.addWidget(self.sync_button)
        buttons.addWidget(self.retry_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addLayout(buttons)
        for title, widget in (
            ("Đang chờ gửi", self.pending),
            ("Bị máy chủ từ chối (cách ly)", self.quarantined),
            ("Khác biệt cần đối chiếu", self.conflicts),
        ):
            layout.addWidget(QLabel(f"<b>{title}</b>"))
            layout.addWidget(widget)
        ctx.bus.data_changed.connect(lambda _e: self.refresh())
        ctx.bus.sync_status.connect(lambda _s: self.refresh())
        self.refresh()

    def refresh(self) -> None:
        pending = run_op(self, self.ctx.engine, _pending) or []
        stuck = run_op(self, self.ctx.engine, local.list_quarantined) or []
        conflicts = run_op(self, self.ctx.engine, _conflicts) or []
        self.pending.clear()
        for e in pending:
            tries = f", đã thử {e.attempts} lần: {e.last_error}" if e.attempts else ""
            self.pending.addItem(
                f"{to_local(e.created_at):%d/%m %H:%M} {ENTITY_VI.get(e.entity, e.entity)} ({e.op}){tries}"
            )
        self.quarantined.clear()
        for e in stuck:
            self.quarantined.addItem(f"{ENTITY_VI.get(e.entity, e.entity)} — {e.last_error}")
        self.conflicts.clear()
        for c in conflicts:
            self.conflicts.addItem(f"{ENTITY_VI.get(c.entity, c.entity)} {c.entity_id[:8]} — {c.reason}")
        hubs = self.ctx.settings.hubs
        where = ", ".join(hubs) if hubs else "chưa cấu hình máy chủ (làm việc ngoại tuyến)"
        self.summary.setText(
            f"Máy chủ: {where}. {len(pending)} chờ gửi, {len(stuck)} bị từ chối, {len(conflicts)} khác biệt."
        )
        self.retry_button.setEnabled(bool(stuck))

    def sync_now(self) -> None:
        if self.request_sync is not None:
            self.request_sync()
            self.summary.setText(self.summary.text() + " Đang đồng bộ…")

    def retry(self) -> None:
        run_op(self, self.ctx.engine, local.retry_all)
        self.refresh()
        self.sync_now()
