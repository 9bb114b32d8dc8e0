"""Admin: how long each procedure field's personal data is kept, for the whole ward: the default with its source,
the city's value or the ward's own with its basis, who set it and when."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import (
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

from counter_app import retention
from counter_app.catalog import default_catalog
from ui.context import AppContext
from ui.ops import run_op
from ui.ward_value_table import fill, origin_text, set_by_text, value_table
from ui.window_state import remember_geometry


class RetentionDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("Thời hạn lưu trữ dữ liệu cá nhân"))
        remember_geometry(self, ctx.paths.data, "retention", (1120, 500))
        self.table = value_table(
            [self.tr("Lĩnh vực"), self.tr("Thời hạn"), self.tr("Nguồn"), self.tr("Người sửa, lúc"), self.tr("Căn cứ")]
        )
        self.years = QSpinBox(minimum=0, maximum=200)
        self.years.setMaximumWidth(160)
        self.years.setSpecialValueText(self.tr("vĩnh viễn"))  # 0 shown as "permanently"
        self.source = QLineEdit(placeholderText=self.tr("số, ngày văn bản hoặc quyết định của phường"))
        self.save_button = QPushButton(self.tr("Lưu thời hạn cho dòng đã chọn"))
        self.withdraw_button = QPushButton(self.tr("Bỏ thời hạn riêng của phường"))
        form = QFormLayout()
        form.addRow(self.tr("Số năm"), self.years)
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
                    "Thời hạn áp dụng cho mọi quầy của phường. Hồ sơ đang giải quyết hoặc còn trong thời hạn không"
                    " xóa được theo yêu cầu."
                ),
                wordWrap=True,
            )
        )
        self.save_button.clicked.connect(self.save)
        self.withdraw_button.clicked.connect(self.withdraw)
        self.table.currentCellChanged.connect(lambda r, _c, _pr, _pc: self._pick(r))
        self.rules: list[retention.RetentionRule] = []
        self.refresh()

    def refresh(self) -> None:
        actor = self.ctx.actor
        assert actor is not None
        kept = run_op(self, self.ctx.engine, lambda s: retention.load(s, actor.unit_code))
        # the fields, then any procedure with its own period (over its field's)
        self.rules = [*retention.table(kept), *retention.procedure_rules(kept)] if kept is not None else []
        fill(
            self.table,
            [
                (
                    self._subject(r),
                    self.tr("vĩnh viễn") if r.years is None else self.tr("{n} năm").format(n=r.years),
                    origin_text(r.origin),
                    set_by_text(r.origin, r.set_by, r.set_at),
                    r.source,  # an unconfirmed default's source says so itself
                )
                for r in self.rules
            ],
        )
        self.table.setColumnWidth(0, min(self.table.columnWidth(0), 260))

    def _subject(self, rule: retention.RetentionRule) -> str:
        if rule.scope == "field":
            return rule.field
        name = default_catalog().for_record(rule.field).name
        return self.tr("Thủ tục {code} {name}").format(code=rule.field, name=name)

    def _pick(self, row: int) -> None:
        if 0 <= row < len(self.rules):
            self.years.setValue(self.rules[row].years or 0)

    def _selected(self) -> retention.RetentionRule | None:
        row = self.table.currentRow()
        return self.rules[row] if 0 <= row < len(self.rules) else None

    def _done(self, work: Callable[[Any], object]) -> bool:
        """Run a change through ui/ops; True when it was made (the period it returns may be None: permanently)."""

        def call(session: Any) -> bool:
            work(session)
            return True

        return run_op(self, self.ctx.engine, call) is not None

    def save(self) -> None:
        actor, rule = self.ctx.actor, self._selected()
        if actor is None or rule is None:
            return
        years, source = self.years.value() or None, self.source.text()
        if self._done(lambda s: retention.set_retention(s, actor, rule.field, years, source, rule.scope)):
            self.source.clear()
            self._refresh_keeping(rule)

    def withdraw(self) -> None:
        actor, rule = self.ctx.actor, self._selected()
        if actor is None or rule is None:
            return
        if self._done(lambda s: retention.withdraw_retention(s, actor, rule.field, rule.scope)):
            self._refresh_keeping(rule)

    def _refresh_keeping(self, rule: retention.RetentionRule) -> None:
        self.refresh()
        keys = [(r.scope, r.field) for r in self.rules]
        if (rule.scope, rule.field) in keys:
            self.table.selectRow(keys.index((rule.scope, rule.field)))
