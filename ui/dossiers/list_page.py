"""Dossiers of the ward: filter by state, procedure, date, overdue or due soon; Enter opens one."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from counter_app import dossiers
from counter_app.catalog import default_catalog
from counter_app.clock import local_today, to_local
from counter_app.dossier_states import DossierState
from counter_app.i18n import QT_TRANSLATE_NOOP
from counter_app.identity import mask_id
from ui.context import AppContext
from ui.dossiers.detail import DossierDetailDialog
from ui.i18n import core
from ui.ops import run_op

HEADERS = [
    QT_TRANSLATE_NOOP("list_page", "Mã hồ sơ"),
    QT_TRANSLATE_NOOP("list_page", "Người nộp"),
    QT_TRANSLATE_NOOP("list_page", "Số CCCD"),
    QT_TRANSLATE_NOOP("list_page", "Thủ tục"),
    QT_TRANSLATE_NOOP("list_page", "Tiếp nhận"),
    QT_TRANSLATE_NOOP("list_page", "Hẹn trả"),
    QT_TRANSLATE_NOOP("list_page", "Trạng thái"),
]


class DossierListPage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.state = QComboBox()
        self.state.addItem(self.tr("Mọi trạng thái"), None)
        for state in DossierState:
            self.state.addItem(f"{int(state)}. {core(state.label_vi)}", int(state))
        self.procedure = QComboBox()
        # procedure names run to 200 characters: the box stays narrow, its list shows them whole
        self.procedure.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.procedure.setMinimumContentsLength(28)
        self.procedure.view().setMinimumWidth(700)
        self.procedure.addItem(self.tr("Mọi thủ tục"), None)
        for proc in default_catalog().procedures:
            self.procedure.addItem(proc.name, proc.code)
        self.use_dates = QCheckBox(self.tr("Từ ngày"))
        self.date_from = QDateEdit(QDate.currentDate().addDays(-30))
        self.date_from.setCalendarPopup(True)
        self.date_from.setDisplayFormat("dd/MM/yyyy")
        self.overdue = QCheckBox(self.tr("Quá hạn"))
        self.due_soon = QCheckBox(self.tr("Sắp đến hạn (2 ngày làm việc)"))
        self.refresh_button = QPushButton(self.tr("Lọc"))
        self.count = QLabel()
        self.table = QTableWidget(0, len(HEADERS))
        self.table.setHorizontalHeaderLabels([QCoreApplication.translate("list_page", h) for h in HEADERS])
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.ids: list[str] = []
        what, when = QHBoxLayout(), QHBoxLayout()  # two rows: the window fits a 1366-pixel screen
        what.addWidget(self.state)
        what.addWidget(self.procedure, 1)
        for widget in (self.use_dates, self.date_from, self.overdue, self.due_soon, self.refresh_button):
            when.addWidget(widget)
        when.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(what)
        layout.addLayout(when)
        layout.addWidget(self.count)
        layout.addWidget(self.table, 1)
        for signal in (self.state.currentIndexChanged, self.procedure.currentIndexChanged):
            signal.connect(lambda _i: self.refresh())
        for box in (self.overdue, self.due_soon, self.use_dates):
            box.toggled.connect(lambda _c: self.refresh())
        self.refresh_button.clicked.connect(self.refresh)
        self.table.cellDoubleClicked.connect(lambda r, _c: self.open_row(r))
        ctx.bus.data_changed.connect(self._on_data_changed)  # a method: disconnected when the page goes
        self.refresh()

    def _on_data_changed(self, entity: str) -> None:
        if entity == "dossier":
            self.refresh()

    def keyPressEvent(self, event: object) -> None:  # noqa: N802 (Qt's name)
        if getattr(event, "key", lambda: None)() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.open_row(self.table.currentRow())
            return
        super().keyPressEvent(event)  # type: ignore[arg-type]

    def refresh(self) -> None:
        actor = self.ctx.actor
        assert actor is not None
        today = local_today()
        kwargs = {
            "state": self.state.currentData(),
            "procedure_code": self.procedure.currentData(),
            "date_from": self.date_from.date().toPython() if self.use_dates.isChecked() else None,
        }
        if self.overdue.isChecked():
            rows = run_op(self, self.ctx.engine, lambda s: dossiers.overdue(s, actor, today)) or []
        elif self.due_soon.isChecked():
            rows = run_op(self, self.ctx.engine, lambda s: dossiers.due_soon(s, actor, 2, today)) or []
        else:
            rows = run_op(self, self.ctx.engine, lambda s: dossiers.list_dossiers(s, actor, **kwargs)) or []
        self.ids = [r.dossier.id for r in rows]
        self.table.setRowCount(len(rows))
        catalog = default_catalog()
        for i, r in enumerate(rows):
            d = r.dossier
            due = f"{d.due_date:%d/%m/%Y}" if d.due_date else "—"
            values = (
                d.code,
                r.citizen_name,
                mask_id(r.citizen_id_number),
                catalog.get(d.procedure_code).name,
                f"{to_local(d.received_at):%d/%m/%Y %H:%M}",
                due,
                core(DossierState(d.status).label_vi),
            )
            for j, text in enumerate(values):
                self.table.setItem(i, j, QTableWidgetItem(text))
        self.count.setText(self.tr("{n} hồ sơ").format(n=len(rows)))

    def open_row(self, row: int) -> None:
        if 0 <= row < len(self.ids):
            DossierDetailDialog(self.ctx, self.ids[row], self).exec()
            self.refresh()
