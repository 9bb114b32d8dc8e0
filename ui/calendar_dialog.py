"""Admin: the ward's working-day calendar; add a day off or a make-up working day with its basis."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from counter_app import calendar_entries
from counter_app.calendar import DAY_OFF, WORKING_DAY
from counter_app.calendar_entries import ChangeReport
from counter_app.clock import local_today
from ui.context import AppContext
from ui.i18n import core
from ui.ops import run_op
from ui.ward_value_table import fill, value_table
from ui.widgets import error_label
from ui.window_state import remember_geometry


class CalendarDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("Lịch làm việc: ngày nghỉ và ngày làm bù"))
        remember_geometry(self, ctx.paths.data, "calendar", (900, 560))
        today = local_today()
        self.year = QSpinBox(minimum=2025, maximum=2100, value=today.year)
        self.table = value_table(
            [self.tr("Ngày"), self.tr("Loại"), self.tr("Nguồn"), self.tr("Tên"), self.tr("Căn cứ")]
        )
        self.day = QDateEdit(QDate(today.year, today.month, today.day))
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("dd/MM/yyyy")
        self.kind = QComboBox()
        for kind in (DAY_OFF, WORKING_DAY):
            self.kind.addItem(core(calendar_entries.KIND_LABELS[kind]), kind)
        self.name = QLineEdit(placeholderText=self.tr("ví dụ: Nghỉ hoán đổi dịp Tết Dương lịch"))
        self.basis = QLineEdit(
            placeholderText=self.tr("số, ngày văn bản, ví dụ: Công văn 12729/VPCP-KGVX ngày 25/12/2025")
        )
        self.add_button = QPushButton(self.tr("Thêm ngày"))
        self.withdraw_button = QPushButton(self.tr("Thu hồi ngày đã thêm"))
        self.error = error_label()
        self.report = QLabel(wordWrap=True)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Năm")))
        top.addWidget(self.year)
        top.addStretch(1)
        top.addWidget(self.withdraw_button)
        form = QFormLayout()
        form.addRow(self.tr("Ngày"), self.day)
        form.addRow(self.tr("Loại"), self.kind)
        form.addRow(self.tr("Tên"), self.name)
        form.addRow(self.tr("Căn cứ *"), self.basis)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(QLabel(self.tr("<b>Thêm ngày nghỉ hoặc ngày làm bù</b> (hạn đã hẹn không tự thay đổi)")))
        layout.addLayout(form)
        layout.addWidget(self.add_button)
        layout.addWidget(self.error)
        layout.addWidget(self.report)
        self.year.valueChanged.connect(lambda _v: self.refresh())
        self.add_button.clicked.connect(self.add)
        self.withdraw_button.clicked.connect(self.withdraw)
        self.entry_ids: list[str | None] = []
        self.refresh()

    def refresh(self) -> None:
        actor = self.ctx.actor
        assert actor is not None
        year = self.year.value()
        rows = run_op(self, self.ctx.engine, lambda s: calendar_entries.list_days(s, actor, year)) or []
        self.entry_ids = [r.entry_id for r in rows]
        # an unconfirmed row's basis says so itself (a test of the table checks)
        fill(
            self.table,
            [
                (
                    f"{r.day:%d/%m/%Y}",
                    core(calendar_entries.KIND_LABELS[r.kind]),
                    core(calendar_entries.ORIGIN_LABELS[r.origin]),
                    r.name,
                    r.basis,
                )
                for r in rows
            ],
        )
        self.table.setColumnWidth(3, min(self.table.columnWidth(3), 280))

    def add(self) -> None:
        actor = self.ctx.actor
        assert actor is not None
        qday = self.day.date()
        day, kind = date(qday.year(), qday.month(), qday.day()), str(self.kind.currentData())
        name, basis = self.name.text(), self.basis.text()
        report = run_op(self, self.ctx.engine, lambda s: calendar_entries.add_entry(s, actor, day, kind, name, basis))
        if report is not None:
            self.name.clear()
            self.basis.clear()
            self._show(report)
            self.refresh()

    def withdraw(self) -> None:
        actor, row = self.ctx.actor, self.table.currentRow()
        assert actor is not None
        entry_id = self.entry_ids[row] if 0 <= row < len(self.entry_ids) else None
        if entry_id is None:
            self.error.setText(
                self.tr("Chọn một ngày do phường hoặc Thành phố thêm (ngày của bảng gốc không thu hồi được).")
            )
            return
        report = run_op(self, self.ctx.engine, lambda s: calendar_entries.withdraw_entry(s, actor, entry_id))
        if report is not None:
            self._show(report)
            self.refresh()

    def _show(self, report: ChangeReport) -> None:
        if not report.affected:
            self.report.setText(self.tr("Đã lưu. Không hồ sơ đang giải quyết nào bị ảnh hưởng."))
            return
        lines = [
            self.tr("{code}: hẹn {due:%d/%m/%Y} (theo lịch mới sẽ là {would_be:%d/%m/%Y})").format(
                code=a.code, due=a.due, would_be=a.would_be
            )
            for a in report.affected
        ]
        self.report.setText(
            self.tr("Đã lưu. {n} hồ sơ đang giải quyết có hạn tính theo lịch cũ; hạn đã hẹn giữ nguyên:").format(
                n=len(lines)
            )
            + "<br>"
            + "<br>".join(lines)
        )
