"""Dossiers of the ward: filter by state, procedure, date, overdue or due soon, a page at a time (Alt+← / Alt+→);
Enter opens one."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QCoreApplication, QDate, Qt
from PySide6.QtGui import QBrush, QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlmodel import Session

from counter_app import dossiers
from counter_app.calendar import add_working_days
from counter_app.catalog import Catalog, default_catalog
from counter_app.clock import local_today, to_local
from counter_app.dossier_states import OPEN, DossierState
from counter_app.errors import ValidationError
from counter_app.i18n import QT_TRANSLATE_NOOP
from counter_app.identity import mask_id
from ui import style
from ui.context import AppContext
from ui.i18n import core
from ui.ops import read_op
from ui.widgets import ReadsWhenSeen, empty_state

HEADERS = [
    QT_TRANSLATE_NOOP("list_page", "Mã hồ sơ"),
    QT_TRANSLATE_NOOP("list_page", "Người nộp"),
    QT_TRANSLATE_NOOP("list_page", "Số CCCD"),
    QT_TRANSLATE_NOOP("list_page", "Thủ tục"),
    QT_TRANSLATE_NOOP("list_page", "Tiếp nhận"),
    QT_TRANSLATE_NOOP("list_page", "Hẹn trả"),
    QT_TRANSLATE_NOOP("list_page", "Trạng thái"),
]
PROCEDURE_COLUMN = 3


def _procedure_name(catalog: Catalog, code: str) -> str:
    """The procedure's name; its code alone when a newer catalog no longer lists it (old dossiers stay readable)."""
    try:
        return catalog.get(code).name
    except ValidationError:
        return code


@dataclass(frozen=True)
class FilterState:
    state: int
    procedure: int
    use_dates: bool
    date_from: QDate
    overdue: bool
    due_soon: bool
    citizen_id: str | None
    citizen_name: str
    page: int


DUE_SOON_DAYS = 2  # working days


class DossierListPage(ReadsWhenSeen):
    PAGE_SIZE = 100

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, load_now: bool = True) -> None:
        """`load_now=False`: the list reads the database when first shown or refreshed, not before (in the main
        window it is a tab behind the queue; at a million dossiers counting them takes 40–100 ms)."""
        super().__init__(parent)
        self.ctx = ctx
        self.loaded = False
        self.stale = not load_now  # read when it first shows (ReadsWhenSeen)
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
        self.page, self.total = 0, 0
        self.citizen_id: str | None = None  # set from search: one citizen's dossiers
        self.citizen_name = ""
        self.citizen_label = QLabel()
        self.clear_citizen = QPushButton(self.tr("Bỏ lọc theo công dân"))
        self.clear_citizen.clicked.connect(lambda: self.show_citizen(None))
        self.prev_button, self.next_button = QPushButton(self.tr("◀ Trang trước")), QPushButton(self.tr("Trang sau ▶"))
        self.prev_button.setToolTip("Alt+←")
        self.next_button.setToolTip("Alt+→")
        self.table = QTableWidget(0, len(HEADERS))
        self.table.setHorizontalHeaderLabels([QCoreApplication.translate("list_page", h) for h in HEADERS])
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        header = self.table.horizontalHeader()
        for column in range(len(HEADERS)):  # codes, dates and states whole; the procedure takes the rest
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(PROCEDURE_COLUMN, QHeaderView.ResizeMode.Stretch)
        self.table.setWordWrap(False)
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
        paging = QHBoxLayout()
        paging.addWidget(self.count)
        paging.addWidget(self.citizen_label, 1)
        paging.addWidget(self.clear_citizen)
        paging.addWidget(self.prev_button)
        paging.addWidget(self.next_button)
        layout.addLayout(paging)
        layout.addWidget(self.table, 1)
        self.empty = empty_state("")
        layout.addWidget(self.empty, 1)
        for signal in (self.state.currentIndexChanged, self.procedure.currentIndexChanged):
            signal.connect(lambda _i: self.first_page())
        for box in (self.overdue, self.due_soon, self.use_dates):
            box.toggled.connect(lambda _c: self.first_page())
        self.date_from.dateChanged.connect(lambda _d: self.first_page() if self.use_dates.isChecked() else None)
        self.refresh_button.clicked.connect(self.first_page)
        self.prev_button.clicked.connect(lambda: self.go_to(self.page - 1))
        self.next_button.clicked.connect(lambda: self.go_to(self.page + 1))
        within = Qt.ShortcutContext.WidgetWithChildrenShortcut
        QShortcut(QKeySequence("Alt+Left"), self, lambda: self.go_to(self.page - 1), context=within)
        QShortcut(QKeySequence("Alt+Right"), self, lambda: self.go_to(self.page + 1), context=within)
        self.table.cellDoubleClicked.connect(lambda r, _c: self.open_row(r))
        ctx.bus.data_changed.connect(self._on_data_changed)  # a method: disconnected when the page goes
        self.clear_citizen.hide()
        if load_now:
            self.refresh()

    def _on_data_changed(self, entity: str) -> None:
        if entity == "dossier":  # hidden (or not read yet): it reads when it shows
            self.refresh_when_seen()

    def keyPressEvent(self, event: object) -> None:  # noqa: N802 (Qt's name)
        if getattr(event, "key", lambda: None)() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.open_row(self.table.currentRow())
            return
        super().keyPressEvent(event)  # type: ignore[arg-type]

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.PAGE_SIZE))

    def first_page(self) -> None:
        """A filter changed: back to the newest dossiers."""
        self.page = 0
        self.refresh()

    def go_to(self, page: int) -> None:
        if 0 <= page < self.pages and page != self.page:
            self.page = page
            self.refresh()

    def filters(self) -> dict[str, object]:
        today = local_today()
        return {
            "state": self.state.currentData(),
            "procedure_code": self.procedure.currentData(),
            "date_from": self.date_from.date().toPython() if self.use_dates.isChecked() else None,
            "overdue_on": today if self.overdue.isChecked() else None,
            "due_from": today if self.due_soon.isChecked() else None,
            "due_by": add_working_days(today, DUE_SOON_DAYS) if self.due_soon.isChecked() else None,
            "citizen_id": self.citizen_id,
        }

    def show_citizen(self, citizen_id: str | None, name: str = "") -> None:
        """Only this citizen's dossiers (None: everyone's again)."""
        self.citizen_id, self.citizen_name = citizen_id, name
        self.citizen_label.setText(self.tr("Hồ sơ của <b>{name}</b>").format(name=name) if citizen_id else "")
        self.clear_citizen.setVisible(citizen_id is not None)
        self.first_page()

    def refresh(self) -> None:
        self.loaded, self.stale = True, False
        actor = self.ctx.actor
        assert actor is not None
        filters = self.filters()

        def load(s: Session) -> tuple[int, list[dossiers.DossierRow]]:
            total = dossiers.count_dossiers(s, actor, **filters)
            page = min(self.page, max(0, (total - 1) // self.PAGE_SIZE))
            self.page = page
            return total, dossiers.list_dossiers(s, actor, self.PAGE_SIZE, page * self.PAGE_SIZE, **filters)

        self.total, rows = read_op(self, self.ctx.engine, load) or (0, [])
        self._show(rows)
        self.count.setText(
            self.tr("Trang {page}/{pages} · {n} hồ sơ").format(page=self.page + 1, pages=self.pages, n=self.total)
        )
        filtered = any(v for k, v in self.filters().items())
        self.empty.setText(
            self.tr("Không có hồ sơ nào khớp bộ lọc. Bỏ bớt điều kiện để xem thêm.")
            if filtered
            else self.tr("Chưa có hồ sơ nào. Hồ sơ tiếp nhận (Ctrl+N) sẽ hiện ở đây.")
        )
        self.table.setVisible(self.total > 0)
        self.empty.setVisible(self.total == 0)
        self.prev_button.setEnabled(self.page > 0)
        self.next_button.setEnabled(self.page + 1 < self.pages)

    def _urgency(self, status: int, due: date | None, today: date, soon: date) -> str | None:
        """The colour of an open dossier's row: overdue, due soon, or none."""
        if due is None or DossierState(status) not in OPEN:
            return None
        return style.OVERDUE if due < today else style.DUE_SOON if due <= soon else None

    def _show(self, rows: list[dossiers.DossierRow]) -> None:
        self.ids = [r.dossier.id for r in rows]
        catalog = default_catalog()
        today = local_today()
        soon = add_working_days(today, DUE_SOON_DAYS)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)  # sized once after filling, not per cell
        self.table.setRowCount(len(rows))
        for i, r in enumerate(rows):
            d = r.dossier
            urgency = self._urgency(d.status, d.due_date, today, soon)
            due = f"{d.due_date:%d/%m/%Y}" if d.due_date else "—"
            if urgency == style.OVERDUE:
                due = self.tr("{due} · quá hạn").format(due=due)
            elif urgency == style.DUE_SOON:
                due = self.tr("{due} · sắp đến hạn").format(due=due)
            values = (
                d.code,
                r.citizen_name,
                mask_id(r.citizen_id_number),
                _procedure_name(catalog, d.procedure_code),
                f"{to_local(d.received_at):%d/%m/%Y %H:%M}",
                due,
                core(DossierState(d.status).label_vi),
            )
            for j, text in enumerate(values):
                item = QTableWidgetItem(text)
                if urgency:
                    item.setForeground(QBrush(QColor(urgency)))
                    item.setBackground(QBrush(QColor(style.TINTS[urgency])))
                self.table.setItem(i, j, item)
        for column in range(len(HEADERS)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(PROCEDURE_COLUMN, QHeaderView.ResizeMode.Stretch)

    def filter_state(self) -> FilterState:
        """What the officer chose, to put back after the window is rebuilt (a language switch)."""
        return FilterState(
            self.state.currentIndex(),
            self.procedure.currentIndex(),
            self.use_dates.isChecked(),
            self.date_from.date(),
            self.overdue.isChecked(),
            self.due_soon.isChecked(),
            self.citizen_id,
            self.citizen_name,
            self.page,
        )

    def restore_filters(self, saved: FilterState) -> None:
        widgets = (self.state, self.procedure, self.use_dates, self.date_from, self.overdue, self.due_soon)
        for widget in widgets:
            widget.blockSignals(True)  # one refresh at the end, not one per box
        self.state.setCurrentIndex(saved.state)
        self.procedure.setCurrentIndex(saved.procedure)
        self.use_dates.setChecked(saved.use_dates)
        self.date_from.setDate(saved.date_from)
        self.overdue.setChecked(saved.overdue)
        self.due_soon.setChecked(saved.due_soon)
        for widget in widgets:
            widget.blockSignals(False)
        self.show_citizen(saved.citizen_id, saved.citizen_name)
        self.go_to(saved.page)

    def open_row(self, row: int) -> None:
        if 0 <= row < len(self.ids):
            from ui.dossiers.detail import DossierDetailDialog  # loads at the first dossier opened

            DossierDetailDialog(self.ctx, self.ids[row], self).exec()
            self.refresh()
