"""Admin: fees set by the city People's Council; the amount in force for the ward, its resolution, who set it."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from counter_app import fees
from counter_app.text import money, number
from ui.context import AppContext
from ui.ops import run_op
from ui.ward_value_table import fill, origin_text, set_by_text, value_table
from ui.window_state import remember_geometry


class FeeDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("Lệ phí do HĐND Thành phố quy định"))
        remember_geometry(self, ctx.paths.data, "fees", (1180, 520))
        self.table = value_table(
            [
                self.tr("Mã"),
                self.tr("Thủ tục"),
                self.tr("Mức thu"),
                self.tr("Căn cứ"),
                self.tr("Nguồn"),
                self.tr("Người sửa, lúc"),
            ]
        )
        self.amount = QLineEdit(placeholderText=self.tr("ví dụ: 100.000"))
        self.amount.setMaximumWidth(220)
        self.source = QLineEdit(placeholderText=self.tr("số, ngày Nghị quyết HĐND Thành phố"))
        self.save_button = QPushButton(self.tr("Lưu mức thu của phường cho thủ tục đã chọn"))
        self.withdraw_button = QPushButton(self.tr("Bỏ mức riêng của phường"))
        form = QFormLayout()
        form.addRow(self.tr("Mức thu (đồng) *"), self.amount)
        form.addRow(self.tr("Căn cứ *"), self.source)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.withdraw_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(
            QLabel(
                self.tr(
                    "Mức thu áp dụng cho mọi quầy của phường, cho hồ sơ tiếp nhận từ nay; hồ sơ đã tiếp nhận giữ"
                    " mức đã ghi trên giấy hẹn. Mức riêng của phường thay cho mức Thành phố phát hành."
                ),
                wordWrap=True,
            )
        )
        self.save_button.clicked.connect(self.save)
        self.withdraw_button.clicked.connect(self.withdraw)
        self.table.currentCellChanged.connect(lambda r, _c, _pr, _pc: self._pick(r))
        self.rows: list[tuple[str, fees.Fee]] = []
        self.refresh()

    def refresh(self) -> None:
        actor = self.ctx.actor
        assert actor is not None
        found = run_op(self, self.ctx.engine, lambda s: fees.council_fees(s, actor)) or []
        self.rows = [(p.code, fee) for p, fee in found]
        unknown = self.tr("chưa rõ / không thu")
        fill(
            self.table,
            [
                (
                    p.code,
                    p.name,
                    money(fee.vnd) if fee.vnd else unknown,
                    fee.source,
                    origin_text(fee.origin),
                    set_by_text(fee.origin, fee.set_by, fee.set_at),
                )
                for p, fee in found
            ],
        )
        # the name and the basis can be long (whole text on hover): the origin and who set it stay in view
        self.table.setColumnWidth(1, min(self.table.columnWidth(1), 240))
        self.table.setColumnWidth(3, min(self.table.columnWidth(3), 220))

    def _pick(self, row: int) -> None:
        if 0 <= row < len(self.rows):
            self.amount.setText(number(self.rows[row][1].vnd or 0))  # start from the amount in force

    def _selected(self) -> str | None:
        row = self.table.currentRow()
        return self.rows[row][0] if 0 <= row < len(self.rows) else None

    def save(self) -> None:
        actor, code = self.ctx.actor, self._selected()
        if actor is None or code is None:
            return
        amount, source = self.amount.text(), self.source.text()
        if run_op(self, self.ctx.engine, lambda s: fees.set_fee(s, actor, code, amount, source)) is not None:
            self.source.clear()
            self._refresh_keeping(code)

    def withdraw(self) -> None:
        actor, code = self.ctx.actor, self._selected()
        if actor is None or code is None:
            return
        if run_op(self, self.ctx.engine, lambda s: fees.withdraw_fee(s, actor, code)) is not None:
            self._refresh_keeping(code)

    def _refresh_keeping(self, code: str) -> None:
        self.refresh()
        codes = [c for c, _ in self.rows]
        if code in codes:
            self.table.selectRow(codes.index(code))
