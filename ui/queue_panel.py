"""The queue: issue tickets, see who waits and for how long, call next (F2), recall, no-show, serve."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from counter_app import queue
from counter_app.access import Perm
from counter_app.clock import to_local, utc_now
from counter_app.models import Ticket
from ui.context import AppContext
from ui.i18n import core
from ui.ops import read_op, run_op


class QueuePanel(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.current: Ticket | None = None
        self.group = QComboBox()
        self.priority = QComboBox()
        self.priority.addItem(self.tr("Không ưu tiên"), None)
        for key, label in queue.PRIORITY_REASONS_VI.items():
            self.priority.addItem(self.tr("Ưu tiên: {label}").format(label=core(label)), key)
        self.issue_button = QPushButton(self.tr("Cấp số (F8)"))
        self.waiting = QListWidget()
        self.serving = QLabel(self.tr("Chưa gọi số nào"))
        self.serving.setStyleSheet("font-size: 28px; font-weight: bold; padding: 12px")
        self.buttons = {
            "call": QPushButton(self.tr("Gọi số tiếp theo (F2)")),
            "recall": QPushButton(self.tr("Gọi lại (F3)")),
            "skip": QPushButton(self.tr("Vắng mặt (F4)")),
            "start": QPushButton(self.tr("Bắt đầu phục vụ (F5)")),
            "finish": QPushButton(self.tr("Hoàn thành (F6)")),
            "transfer": QPushButton(self.tr("Chuyển nhóm/quầy (F7)")),
        }
        self._layout()
        self._wire()
        self.refresh()

    def _layout(self) -> None:
        issue = QGroupBox(self.tr("Cấp số thứ tự"))
        row = QHBoxLayout(issue)
        for widget in (self.group, self.priority, self.issue_button):
            row.addWidget(widget)
        serve = QGroupBox(self.tr("Quầy đang phục vụ"))
        grid = QGridLayout(serve)
        grid.addWidget(self.serving, 0, 0, 1, 3)
        for i, button in enumerate(self.buttons.values()):
            grid.addWidget(button, 1 + i // 3, i % 3)
        layout = QVBoxLayout(self)
        layout.addWidget(issue)
        layout.addWidget(QLabel(self.tr("Danh sách chờ (theo thứ tự gọi)")))
        layout.addWidget(self.waiting, 1)
        layout.addWidget(serve)

    def _wire(self) -> None:
        with_groups = queue.list_groups
        run_op(
            self,
            self.ctx.engine,
            lambda s: [
                self.group.addItem(f"{g.code} – {g.name}", g.code) for g in with_groups(s, self.ctx.settings.unit_code)
            ],
        )
        self.issue_button.clicked.connect(self.issue)
        QShortcut(QKeySequence("F8"), self, self.issue, context=Qt.ShortcutContext.WindowShortcut)
        actions = {
            "call": self.call_next,
            "recall": self.recall,
            "skip": self.skip,
            "start": self.start,
            "finish": self.finish,
            "transfer": self.ask_transfer,
        }
        for (name, button), key in zip(self.buttons.items(), ("F2", "F3", "F4", "F5", "F6", "F7"), strict=True):
            button.clicked.connect(actions[name])
            QShortcut(QKeySequence(key), self, actions[name], context=Qt.ShortcutContext.WindowShortcut)
        serve_allowed = self.ctx.actor is not None and self.ctx.actor.can(Perm.QUEUE_SERVE)
        for button in self.buttons.values():
            button.setVisible(serve_allowed)
        timer = QTimer(self, interval=5000)
        timer.timeout.connect(self.refresh)  # wait times tick, tickets from other counters appear
        timer.start()
        self.ctx.bus.data_changed.connect(self._on_data_changed)  # a method: disconnected when the panel goes

    def _on_data_changed(self, _entity: str) -> None:
        self.refresh()

    def refresh(self) -> None:
        actor = self.ctx.actor
        if actor is None:
            return
        groups = self.ctx.settings.service_groups or None
        tickets = read_op(self, self.ctx.engine, lambda s: queue.waiting_list(s, actor, groups)) or []
        now = utc_now()
        self.waiting.clear()
        for t in tickets:
            minutes = int((now - t.issued_at).total_seconds() // 60)
            mark = " ★ " + core(queue.PRIORITY_REASONS_VI[t.priority_reason]) if t.priority_reason else ""
            item = QListWidgetItem(
                self.tr("{label}   chờ {minutes} phút   (lấy số {issued_at:%H:%M}){mark}").format(
                    label=t.label, minutes=minutes, issued_at=to_local(t.issued_at), mark=mark
                )
            )
            item.setData(Qt.ItemDataRole.UserRole, t.id)
            self.waiting.addItem(item)
        if actor.can(Perm.QUEUE_SERVE):
            serving = read_op(self, self.ctx.engine, lambda s: queue.now_serving(s, actor)) or []
            if serving:
                self.current = serving[-1]
            elif self.current is not None and self.current.status in (queue.CALLED, queue.SERVING):
                self.current = None  # moved on elsewhere (e.g. transferred); a finished one stays shown
        self._show_current()

    def _show_current(self) -> None:
        t = self.current
        if t is None:
            self.serving.setText(self.tr("Chưa gọi số nào"))
        else:
            self.serving.setText(f"{t.label} — {core(queue.STATUS_LABELS_VI[t.status])}")

    def _changed(self) -> None:
        self.ctx.bus.data_changed.emit("ticket")

    def issue(self) -> None:
        actor = self.ctx.actor
        if actor is None:
            return
        code, reason = self.group.currentData(), self.priority.currentData()
        ticket = run_op(self, self.ctx.engine, lambda s: queue.issue_ticket(s, actor, code, reason))
        if ticket:
            self._changed()

    def call_next(self) -> None:
        actor = self.ctx.actor
        if actor is None or not actor.can(Perm.QUEUE_SERVE):
            return
        groups = self.ctx.settings.service_groups or None
        ticket = run_op(self, self.ctx.engine, lambda s: queue.call_next(s, actor, groups))
        if ticket is None:
            self.serving.setText(self.tr("Không còn ai chờ"))
            return
        self.current = ticket
        self._changed()

    def _move(self, fn: object) -> None:
        actor, ticket = self.ctx.actor, self.current
        if actor is None or ticket is None:
            return
        moved = run_op(self, self.ctx.engine, lambda s: fn(s, actor, ticket.id))  # type: ignore[operator]
        if moved is not None:
            self.current = moved
            self._changed()

    def recall(self) -> None:
        self._move(queue.recall)

    def skip(self) -> None:
        self._move(queue.skip)

    def start(self) -> None:
        self._move(queue.start)

    def finish(self) -> None:
        self._move(queue.finish)

    def ask_transfer(self) -> None:
        if self.current is None:
            return
        choices = [self.group.itemText(i) for i in range(self.group.count())]
        choices += [self.tr("Quầy {n}").format(n=n) for n in range(1, 10) if n != self.ctx.settings.counter_no]
        choice, ok = QInputDialog.getItem(self, self.tr("Chuyển phiếu"), self.tr("Chuyển tới:"), choices, 0, False)
        if ok:
            self.transfer(choice)

    def transfer(self, choice: str) -> None:
        """`choice` is a group entry ("B – …") or "Quầy n"."""
        to_counter = int(choice.split()[-1]) if choice.startswith(self.tr("Quầy ")) else None
        to_group = None if to_counter else choice.split(" ", 1)[0]
        self._move(lambda s, a, tid: queue.transfer(s, a, tid, to_counter=to_counter, to_group=to_group))
