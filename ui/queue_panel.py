"""The queue: issue tickets, see who waits and for how long, call next (F2), recall, no-show, serve."""

from __future__ import annotations

import asyncio

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
from sync.client import calling
from ui import style
from ui.context import AppContext
from ui.i18n import core
from ui.ops import read_op, run_async_op, run_op
from ui.widgets import ReadsWhenSeen, empty_state, primary, set_state

SHOWN = frozenset({"ticket", "service_group"})  # what the panel lists: news of anything else leaves it as it is


class QueuePanel(ReadsWhenSeen):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.calling_task: asyncio.Future[calling.CallOutcome] | None = None  # F2 while the hub decides
        self.ctx = ctx
        self.current: Ticket | None = None
        self.group = QComboBox()
        self.priority = QComboBox()
        self.priority.addItem(self.tr("Không ưu tiên"), None)
        for key, label in queue.PRIORITY_REASONS_VI.items():
            self.priority.addItem(self.tr("Ưu tiên: {label}").format(label=core(label)), key)
        self.issue_button = QPushButton(style.icon("ticket"), self.tr("Cấp số (F8)"))
        self.waiting = QListWidget()
        self.empty = empty_state(self.tr("Chưa có ai chờ. Số mới lấy ở quầy lấy số sẽ hiện ở đây."))
        self.serving = QLabel(self.tr("Chưa gọi số nào"))
        self.serving.setObjectName("nowServing")  # large type: the stylesheet
        self.notice = QLabel()  # what the last move did: a recall, a transfer
        self.notice.setObjectName("notice")
        self.notice.setWordWrap(True)
        self.last_move: str | None = None
        self.buttons = {
            "call": primary(QPushButton(style.icon("speakerphone", "#ffffff"), self.tr("Gọi số tiếp theo (F2)"))),
            "recall": QPushButton(style.icon("repeat"), self.tr("Gọi lại (F3)")),
            "skip": QPushButton(style.icon("user-x"), self.tr("Vắng mặt (F4)")),
            "start": QPushButton(style.icon("player-play"), self.tr("Bắt đầu phục vụ (F5)")),
            "finish": QPushButton(style.icon("circle-check"), self.tr("Hoàn thành (F6)")),
            "transfer": QPushButton(style.icon("arrows-exchange"), self.tr("Chuyển nhóm/quầy (F7)")),
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
        grid.addWidget(self.notice, 1, 0, 1, 3)
        for i, button in enumerate(self.buttons.values()):
            grid.addWidget(button, 2 + i // 3, i % 3)
        layout = QVBoxLayout(self)
        layout.addWidget(issue)
        layout.addWidget(QLabel(self.tr("Danh sách chờ (theo thứ tự gọi)")))
        layout.addWidget(self.waiting, 1)
        layout.addWidget(self.empty, 1)
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
        self.issue_button.setToolTip(self.tr("Cấp số cho nhóm và mức ưu tiên đã chọn (F8)"))
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
            button.setToolTip(key)
            # through the button: a key does nothing when the move is not allowed now (the button is disabled)
            QShortcut(QKeySequence(key), self, button.click, context=Qt.ShortcutContext.WindowShortcut)
        serve_allowed = self.ctx.actor is not None and self.ctx.actor.can(Perm.QUEUE_SERVE)
        for button in self.buttons.values():
            button.setVisible(serve_allowed)
        timer = QTimer(self, interval=5000)
        timer.timeout.connect(self.refresh_when_seen)  # wait times tick, tickets from other counters appear
        timer.start()
        self.ctx.bus.data_changed.connect(self._on_data_changed)  # a method: disconnected when the panel goes

    def _on_data_changed(self, entity: str) -> None:
        if entity in SHOWN:  # not for every pulled dossier, citizen or audit entry
            self.refresh_when_seen()

    def refresh(self) -> None:
        self.stale = False
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
            moved = queue.transferred_from(t)
            if moved:
                mark += "   " + self.tr("↪ chuyển từ Quầy {n}").format(n=moved[0])
            item = QListWidgetItem(
                self.tr("{label}   chờ {minutes} phút   (lấy số {issued_at:%H:%M}){mark}").format(
                    label=t.label, minutes=minutes, issued_at=to_local(t.issued_at), mark=mark
                )
            )
            item.setData(Qt.ItemDataRole.UserRole, t.id)
            self.waiting.addItem(item)
        self.waiting.setVisible(bool(tickets))
        self.empty.setVisible(not tickets)
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
            set_state(self.serving, "none")
        elif t.status == queue.WAITING and queue.transferred_from(t):
            self.serving.setText(self.tr("{label} — đã chuyển đi").format(label=t.label))
            set_state(self.serving, "moved")
        else:
            self.serving.setText(f"{t.label} — {core(queue.STATUS_LABELS_VI[t.status])}")
            set_state(self.serving, {queue.CALLED: "called", queue.SERVING: "serving"}.get(t.status, "done"))
        self.notice.setText(self.last_move or "")
        self._enable_moves()

    def _enable_moves(self) -> None:
        """Only the moves the current ticket allows: no button that can only answer with an error."""
        status = self.current.status if self.current is not None else None
        busy = status in (queue.CALLED, queue.SERVING)
        allowed = {
            "call": not busy,
            "recall": status == queue.CALLED,
            "skip": status == queue.CALLED,
            "start": status == queue.CALLED,
            "finish": status == queue.SERVING,
            "transfer": busy,
        }
        for name, button in self.buttons.items():
            button.setEnabled(allowed[name])

    def _changed(self) -> None:
        self.ctx.bus.data_changed.emit("ticket")

    def issue(self) -> None:
        actor = self.ctx.actor
        if actor is None:
            return
        code, reason = self.group.currentData(), self.priority.currentData()
        ticket = run_op(self, self.ctx.engine, lambda s: queue.issue_ticket(s, actor, code, reason))
        self.priority.setCurrentIndex(0)  # priority is for one person: the next ticket starts without it
        if ticket:
            self.last_move = self.tr("Đã cấp số {label}").format(label=ticket.label)
            self._changed()

    def call_next(self) -> None:
        """F2. With a hub, the hub decides who gets the ticket (the window stays live meanwhile: see
        `calling_task`); a PC alone calls at once."""
        actor = self.ctx.actor
        if actor is None or not actor.can(Perm.QUEUE_SERVE):
            return
        groups = self.ctx.settings.service_groups or None
        sync = self.ctx.sync_engine
        if sync is None:
            self._called(run_op(self, self.ctx.engine, lambda s: queue.call_next(s, actor, groups)))
            return
        self.buttons["call"].setEnabled(False)  # one call at a time; F2 goes through the button
        self.calling_task = run_async_op(
            self,
            lambda: calling.call(self.ctx.engine, sync, actor, groups),
            lambda outcome: self._called(outcome.ticket, outcome.offline, outcome.held_back),
        )
        self.calling_task.add_done_callback(lambda _f: self._enable_moves())

    def _called(self, ticket: Ticket | None, offline: bool = False, held_back: int = 0) -> None:
        note = None
        if offline and held_back:
            note = self.tr(
                "Mất kết nối máy chủ: {n} số do nơi khác cấp đang chờ, tạm chưa gọi để không gọi trùng. "
                "Bấm F8 để cấp số tại quầy."
            ).format(n=held_back)
        if ticket is None:
            # "nobody waits" would be untrue while the list shows people held back by the offline policy
            self.serving.setText(self.tr("Chưa gọi được số nào") if note else self.tr("Không còn ai chờ"))
            self.last_move = note
            self.notice.setText(note or "")
            return
        self.current = ticket
        self.last_move = note
        self._changed()

    def _move(self, fn: object) -> Ticket | None:
        actor, ticket = self.ctx.actor, self.current
        if actor is None or ticket is None:
            return None
        moved = run_op(self, self.ctx.engine, lambda s: fn(s, actor, ticket.id))  # type: ignore[operator]
        if moved is not None:
            self.current = moved
            self.last_move = None
            self._changed()
        return moved

    def recall(self) -> None:
        ticket = self._move(queue.recall)
        if ticket is not None and ticket.called_at is not None:
            self.last_move = self.tr("Đã gọi lại {label} lúc {time:%H:%M:%S} (lần {n})").format(
                label=ticket.label, time=to_local(ticket.called_at), n=ticket.recall_count
            )
            self._show_current()

    def skip(self) -> None:
        self._move(queue.skip)

    def start(self) -> None:
        self._move(queue.start)

    def finish(self) -> None:
        self._move(queue.finish)

    def transfer_choices(self) -> list[str]:
        """The other groups of the ward and the other counters that exist: never the ticket's own group,
        never a counter number nobody has set up."""
        own_group = self.current.group_code if self.current is not None else None
        choices = [self.group.itemText(i) for i in range(self.group.count()) if self.group.itemData(i) != own_group]
        unit, mine = self.ctx.settings.unit_code, self.ctx.settings.counter_no
        counters = run_op(self, self.ctx.engine, lambda s: queue.known_counters(s, unit)) or []
        return choices + [self.tr("Quầy {n}").format(n=n) for n in counters if n != mine]

    def ask_transfer(self) -> None:
        if self.current is None:
            return
        choices = self.transfer_choices()
        if not choices:
            self.last_move = self.tr("Không có nhóm hoặc quầy nào khác để chuyển tới.")
            self._show_current()
            return
        choice, ok = QInputDialog.getItem(self, self.tr("Chuyển phiếu"), self.tr("Chuyển tới:"), choices, 0, False)
        if ok:
            self.transfer(choice)

    def transfer(self, choice: str) -> None:
        """`choice` is a group entry ("B – …") or "Quầy n"."""
        to_counter = int(choice.split()[-1]) if choice.startswith(self.tr("Quầy ")) else None
        to_group = None if to_counter else choice.split(" ", 1)[0]
        ticket = self._move(lambda s, a, tid: queue.transfer(s, a, tid, to_counter=to_counter, to_group=to_group))
        if ticket is not None:
            self.last_move = self.tr("Đã chuyển {label} tới {where}").format(label=ticket.label, where=choice)
            self._show_current()
