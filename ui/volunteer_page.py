"""Volunteer mode: pick a procedure, follow its online-filing guide step by step, record what happened."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from counter_app import assisted, queue
from counter_app.catalog import Procedure, default_catalog
from counter_app.clock import to_local
from ui.context import AppContext
from ui.i18n import core
from ui.ops import run_op


class VolunteerPage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.procedure: Procedure | None = None
        self.step = 0
        self.query = QLineEdit(placeholderText=self.tr("Tìm thủ tục (nộp trực tuyến được xếp trước)"))
        self.procedures = QListWidget()
        self.guide_title = QLabel(wordWrap=True)
        self.guide = QLabel(wordWrap=True)
        self.guide.setObjectName("guide")
        self.back, self.next = QPushButton(self.tr("◀ Bước trước")), QPushButton(self.tr("Bước tiếp ▶"))
        self.outcome = QComboBox()
        for key, label in assisted.OUTCOMES_VI.items():
            self.outcome.addItem(core(label), key)
        self.portal_code = QLineEdit(placeholderText=self.tr("Mã hồ sơ trên Cổng (khi đã nộp được)"))
        self.missing = QLineEdit(placeholderText=self.tr("Giấy tờ còn thiếu"))
        self.group = QComboBox()
        self.record_button = QPushButton(self.tr("Ghi kết quả (Ctrl+S)"))
        for button, keys in ((self.back, "Alt+Left"), (self.next, "Alt+Right"), (self.record_button, "Ctrl+S")):
            QShortcut(QKeySequence(keys), self, button.click)  # at once; a disabled button ignores it
            button.setToolTip(QKeySequence(keys).toString(QKeySequence.SequenceFormat.NativeText))
        self.state = QLabel(wordWrap=True)
        self.today = QListWidget()
        self._layout()
        self.query.textChanged.connect(self.filter)
        self.procedures.currentItemChanged.connect(lambda *_: self.choose())
        self.back.clicked.connect(lambda: self.show_step(self.step - 1))
        self.next.clicked.connect(lambda: self.show_step(self.step + 1))
        self.record_button.clicked.connect(self.record)
        run_op(
            self,
            ctx.engine,
            lambda s: [
                self.group.addItem(f"{g.code} – {g.name}", g.code) for g in queue.list_groups(s, ctx.settings.unit_code)
            ],
        )
        self.filter("")
        self.refresh_today()

    def _layout(self) -> None:
        left = QVBoxLayout()
        left.addWidget(self.query)
        left.addWidget(self.procedures, 1)
        steps = QHBoxLayout()
        steps.addWidget(self.back)
        steps.addWidget(self.next)
        right = QVBoxLayout()
        right.addWidget(self.guide_title)
        right.addWidget(self.guide, 1)
        right.addLayout(steps)
        for widget in (
            QLabel(self.tr("<b>Kết quả hỗ trợ</b>")),
            self.outcome,
            self.portal_code,
            self.missing,
            self.group,
            self.record_button,
            self.state,
            QLabel(self.tr("<b>Hồ sơ đã hỗ trợ hôm nay</b>")),
            self.today,
        ):
            right.addWidget(widget)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 2)
        layout.addLayout(right, 3)

    def filter(self, text: str) -> None:
        found = sorted(default_catalog().search(text, limit=200), key=lambda p: p.online == "none")
        self.procedures.clear()
        for proc in found:
            item = QListWidgetItem(f"{proc.name} · {core(proc.online_label_vi)}")
            item.setData(Qt.ItemDataRole.UserRole, proc.code)
            self.procedures.addItem(item)

    def choose(self) -> None:
        item = self.procedures.currentItem()
        self.procedure = default_catalog().get(item.data(Qt.ItemDataRole.UserRole)) if item else None
        self.show_step(0)

    def steps(self) -> list[str]:
        proc = self.procedure
        if proc is None:
            return []
        if proc.online == "none":
            return [self.tr("Thủ tục này chỉ nộp trực tiếp: hãy cấp số thứ tự và hướng dẫn công dân đến quầy.")]
        before = self.tr("Chuẩn bị: ") + "; ".join(proc.online_prerequisites)
        scans = self.tr("Giấy tờ cần chụp/quét: ") + "; ".join(p.name for p in proc.papers)
        rules: list[str] = []
        if proc.guide is not None:  # what a volunteer may and must not do, first: never the citizen's login
            rules.append(
                self.tr("<b>Tình nguyện viên được:</b>{may}<br><b>Không được:</b>{must_not}").format(
                    may="".join(f"<br>• {x}" for x in proc.guide.volunteer_may),
                    must_not="".join(f"<br>• {x}" for x in proc.guide.volunteer_must_not),
                )
            )
            if proc.guide.online_fee:
                before += "<br>" + proc.guide.online_fee
        return [*rules, before, scans, *proc.online_steps]

    def show_step(self, index: int) -> None:
        steps = self.steps()
        if not steps:
            return
        self.step = max(0, min(index, len(steps) - 1))
        assert self.procedure is not None
        self.guide_title.setText(
            self.tr("<b>{name}</b> — bước {step}/{n}").format(
                name=self.procedure.name, step=self.step + 1, n=len(steps)
            )
        )
        self.guide.setText(steps[self.step])
        self.back.setEnabled(self.step > 0)
        self.next.setEnabled(self.step < len(steps) - 1)

    def record(self) -> None:
        actor, proc = self.ctx.actor, self.procedure
        if actor is None or proc is None:
            self.state.setText(self.tr("Chọn thủ tục trước."))
            return
        outcome = self.outcome.currentData()
        result = run_op(
            self,
            self.ctx.engine,
            lambda s: assisted.record_assisted_filing(
                s,
                actor,
                proc.code,
                outcome,
                portal_code=self.portal_code.text(),
                missing_papers=self.missing.text() or None,
                ticket_group=self.group.currentData() if outcome == "handed_to_counter" else None,
            ),
        )
        if result is None:
            return
        ticket = self.tr(" — số thứ tự {label}").format(label=result.ticket.label) if result.ticket else ""
        self.state.setText(
            self.tr("Đã ghi: {outcome}{ticket}").format(outcome=core(assisted.OUTCOMES_VI[outcome]), ticket=ticket)
        )
        self.portal_code.clear()
        self.missing.clear()
        self.ctx.bus.data_changed.emit("ticket" if result.ticket else "assisted_filing")
        self.refresh_today()

    def refresh_today(self) -> None:
        actor = self.ctx.actor
        assert actor is not None
        rows = run_op(self, self.ctx.engine, lambda s: assisted.todays_filings(s, actor)) or []
        self.today.clear()
        catalog = default_catalog()
        for f in rows:
            code = f" ({f.portal_code})" if f.portal_code else ""
            self.today.addItem(
                f"{to_local(f.created_at):%H:%M} {catalog.for_record(f.procedure_code, f.created_at).name}: "
                f"{core(assisted.OUTCOMES_VI[f.outcome])}{code}"
            )
