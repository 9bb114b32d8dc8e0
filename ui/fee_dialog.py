"""Admin: fees set by the city People's Council, with the amount in force and its resolution."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from counter_app import fees, settings
from counter_app.text import money
from ui.context import AppContext
from ui.ops import run_op
from ui.window_state import remember_geometry


class FeeDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("Lệ phí do HĐND Thành phố quy định"))
        remember_geometry(self, ctx.paths.data, "fees", (900, 480))
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels([self.tr("Mã"), self.tr("Thủ tục"), self.tr("Mức thu"), self.tr("Căn cứ")])
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.amount = QSpinBox(maximum=100_000_000, singleStep=1000, suffix=" đồng")
        self.source = QLineEdit(placeholderText=self.tr("số, ngày Nghị quyết HĐND Thành phố"))
        self.save_button = QPushButton(self.tr("Lưu mức thu cho thủ tục đã chọn"))
        form = QFormLayout()
        form.addRow(self.tr("Mức thu"), self.amount)
        form.addRow(self.tr("Căn cứ *"), self.source)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(form)
        layout.addWidget(self.save_button)
        self.save_button.clicked.connect(self.save)
        self.table.currentCellChanged.connect(lambda r, _c, _pr, _pc: self._pick(r))
        self.amounts: list[int] = []
        self.codes: list[str] = []
        self.refresh()

    def refresh(self) -> None:
        device = run_op(self, self.ctx.engine, settings.load) or self.ctx.settings
        rows = fees.council_fees(device)
        self.codes = [p.code for p, _ in rows]
        self.amounts = [fee.vnd or 0 for _, fee in rows]
        self.table.setRowCount(len(rows))
        for i, (p, fee) in enumerate(rows):
            amount = money(fee.vnd) if fee.vnd else self.tr("chưa rõ / không thu")
            source = fee.source if not fee.set_by_ward else self.tr("{source} (phường ghi)").format(source=fee.source)
            for j, text in enumerate((p.code, p.name, amount, source)):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.table.setItem(i, j, item)
        self.table.resizeColumnsToContents()
        self.table.setColumnWidth(1, min(self.table.columnWidth(1), 320))

    def _pick(self, row: int) -> None:
        if 0 <= row < len(self.amounts):
            self.amount.setValue(self.amounts[row])  # start from the amount in force

    def save(self) -> None:
        actor, row = self.ctx.actor, self.table.currentRow()
        if actor is None or not 0 <= row < len(self.codes):
            return
        code, vnd, source = self.codes[row], self.amount.value(), self.source.text()
        if run_op(self, self.ctx.engine, lambda s: fees.set_fee(s, actor, code, vnd, source)) is not None:
            self.source.clear()
            self.refresh()
