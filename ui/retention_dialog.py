"""Admin: how long each procedure field's personal data is kept, with the source of each default."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from counter_app import privacy, settings
from ui.context import AppContext
from ui.ops import run_op
from ui.window_state import remember_geometry


class RetentionDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("Thời hạn lưu trữ dữ liệu cá nhân"))
        remember_geometry(self, ctx.paths.data, "retention", (860, 440))
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels([self.tr("Lĩnh vực"), self.tr("Thời hạn"), self.tr("Căn cứ")])
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.years = QSpinBox(minimum=0, maximum=200)
        self.years.setSpecialValueText(self.tr("vĩnh viễn"))  # 0 shown as "permanently"
        self.save_button = QPushButton(self.tr("Lưu thời hạn cho lĩnh vực đã chọn"))
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Số năm")))
        row.addWidget(self.years)
        row.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        layout.addWidget(QLabel(self.tr("Hồ sơ đang giải quyết hoặc còn trong thời hạn không xóa được theo yêu cầu.")))
        self.save_button.clicked.connect(self.save)
        self.table.currentCellChanged.connect(lambda r, _c, _pr, _pc: self._pick(r))
        self.rules: list[privacy.RetentionRule] = []
        self.refresh()

    def refresh(self) -> None:
        device = run_op(self, self.ctx.engine, settings.load) or self.ctx.settings
        self.rules = privacy.retention_table(device)
        self.table.setRowCount(len(self.rules))
        for i, r in enumerate(self.rules):
            years = self.tr("vĩnh viễn") if r.years is None else self.tr("{n} năm").format(n=r.years)
            if r.overridden:
                years += self.tr(" (đã sửa)")
            source = r.source  # an unconfirmed default's source says so itself
            for j, text in enumerate((r.field, years, source)):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.table.setItem(i, j, item)
        self.table.resizeColumnsToContents()

    def _pick(self, row: int) -> None:
        if 0 <= row < len(self.rules):
            self.years.setValue(self.rules[row].years or 0)

    def save(self) -> None:
        actor, row = self.ctx.actor, self.table.currentRow()
        if actor is None or not 0 <= row < len(self.rules):
            return
        field, years = self.rules[row].field, self.years.value() or None
        if run_op(self, self.ctx.engine, lambda s: privacy.set_field_retention(s, actor, field, years)) is not None:
            self.refresh()
            self.table.selectRow(row)
