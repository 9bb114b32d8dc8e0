"""Admin screens: staff accounts and the audit trail (both go through the core's role checks)."""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlmodel import Session

from counter_app import audit, audit_view, privacy, search, staff
from counter_app.access import ROLE_LABELS_VI, Role
from counter_app.clock import VN_TZ, local_today, to_local
from ui.context import AppContext
from ui.i18n import core
from ui.ops import run_op
from ui.window_state import remember_geometry

LEAST_PRIVILEGE = Role.VOLUNTEER  # a new account starts with the fewest rights; more are given on purpose


def _table(headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
    table.horizontalHeader().setStretchLastSection(True)
    table.verticalHeader().hide()  # row numbers say nothing here
    return table


class AccountsDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("Tài khoản cán bộ"))
        remember_geometry(self, ctx.paths.data, "accounts", (860, 540))
        self.table = _table([self.tr("Tên đăng nhập"), self.tr("Họ tên"), self.tr("Vai trò"), self.tr("Trạng thái")])
        self.username, self.full_name, self.password = QLineEdit(), QLineEdit(), QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.role = QComboBox()
        for role in Role:
            self.role.addItem(core(ROLE_LABELS_VI[role]), role)
        self.role.setCurrentIndex(self.role.findData(LEAST_PRIVILEGE))  # admin rights are given on purpose
        self.create_button = QPushButton(self.tr("Tạo tài khoản"))
        self.create_button.setDefault(True)
        self.reset_button = QPushButton(self.tr("Đặt lại mật khẩu…"))
        self.deactivate_button = QPushButton(self.tr("Khóa tài khoản"))
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)  # names take the room
        form = QFormLayout()
        form.addRow(self.tr("Tên đăng nhập"), self.username)
        form.addRow(self.tr("Họ tên"), self.full_name)
        form.addRow(self.tr("Vai trò"), self.role)
        form.addRow(self.tr("Mật khẩu tạm (≥ 10 ký tự)"), self.password)
        selected = QHBoxLayout()  # what acts on the selected account sits under the list
        selected.addStretch(1)
        selected.addWidget(self.reset_button)
        selected.addWidget(self.deactivate_button)
        submit = QHBoxLayout()  # the button that submits the fields sits under them
        submit.addStretch(1)
        submit.addWidget(self.create_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(selected)
        layout.addWidget(QLabel(self.tr("<b>Tài khoản mới</b> (phải đổi mật khẩu ở lần đăng nhập đầu)")))
        layout.addLayout(form)
        layout.addLayout(submit)
        self.create_button.clicked.connect(self.create_account)
        self.reset_button.clicked.connect(self.reset)
        self.deactivate_button.clicked.connect(self.deactivate)
        self.ids: list[str] = []
        self.refresh()

    def refresh(self) -> None:
        actor = self.ctx.actor
        assert actor is not None
        rows = run_op(self, self.ctx.engine, lambda s: staff.list_staff(s, actor)) or []
        self.table.setRowCount(len(rows))
        self.ids = [r.id for r in rows]
        for i, r in enumerate(rows):
            state = self.tr("Hoạt động") if r.active else self.tr("Đã khóa")
            for j, text in enumerate((r.username, r.full_name, core(ROLE_LABELS_VI[Role(r.role)]), state)):
                self.table.setItem(i, j, QTableWidgetItem(text))

    def _selected(self) -> str | None:
        row = self.table.currentRow()
        return self.ids[row] if 0 <= row < len(self.ids) else None

    def create_account(self) -> None:
        actor = self.ctx.actor
        assert actor is not None
        made = run_op(
            self,
            self.ctx.engine,
            lambda s: staff.create_staff(
                s,
                actor,
                self.username.text(),
                self.full_name.text(),
                Role(self.role.currentData()),
                self.password.text(),
            ),
        )
        if made:
            for field in (self.username, self.full_name, self.password):
                field.clear()
            self.role.setCurrentIndex(self.role.findData(LEAST_PRIVILEGE))
            self.refresh()

    def reset(self, password: str | None = None) -> None:
        actor, target = self.ctx.actor, self._selected()
        if actor is None or target is None:
            return
        if not password:
            password, ok = QInputDialog.getText(
                self, self.tr("Đặt lại mật khẩu"), self.tr("Mật khẩu tạm mới:"), QLineEdit.EchoMode.Password
            )
            if not ok:
                return
        run_op(self, self.ctx.engine, lambda s: staff.reset_password(s, actor, target, password or ""))

    def deactivate(self) -> None:
        actor, target = self.ctx.actor, self._selected()
        if actor is None or target is None:
            return
        if run_op(self, self.ctx.engine, lambda s: staff.deactivate(s, actor, target)) is not None:
            self.refresh()


class AuditViewer(QDialog):
    """The trail in words: names, actions, states; a date range and pickers instead of codes."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("Nhật ký truy cập và thao tác"))
        remember_geometry(self, ctx.paths.data, "audit", (1180, 600))
        today = QDate(local_today())  # the ward's day, whatever the PC's time zone
        self.date_from, self.date_to = _date_box(today.addDays(-7)), _date_box(today)
        self.action = QComboBox()
        self.action.addItem(self.tr("Mọi thao tác"), None)
        for code, label in sorted(audit_view.ACTIONS_VI.items(), key=lambda kv: core(kv[1])):
            self.action.addItem(core(label), code)
        self.person = QComboBox()
        self.person.addItem(self.tr("Mọi người"), None)
        unit = ctx.settings.unit_code
        names = run_op(self, ctx.engine, lambda s: audit_view.staff_names(s, unit)) or {}
        for staff_id, name in sorted(names.items(), key=lambda kv: kv[1]):
            self.person.addItem(name, staff_id)
        self.filter_button = QPushButton(self.tr("Lọc"))
        self.chain = QLabel()
        self.table = _table(
            [
                self.tr("Thời gian"),
                self.tr("Người thực hiện"),
                self.tr("Quầy"),
                self.tr("Thao tác"),
                self.tr("Đối tượng"),
                self.tr("Chi tiết"),
            ]
        )
        row = QHBoxLayout()
        for widget in (
            QLabel(self.tr("Từ ngày")),
            self.date_from,
            QLabel(self.tr("đến")),
            self.date_to,
            self.action,
            self.person,
            self.filter_button,
        ):
            row.addWidget(widget)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.chain)
        layout.addWidget(self.table, 1)
        self.filter_button.clicked.connect(self.refresh)
        for box in (self.action, self.person):
            box.currentIndexChanged.connect(lambda _i: self.refresh())
        for edit in (self.date_from, self.date_to):
            edit.dateChanged.connect(lambda _d: self.refresh())
        self.refresh()

    def refresh(self) -> None:
        actor = self.ctx.actor
        assert actor is not None
        first, last = self.date_from.date(), self.date_to.date()
        start = datetime(first.year(), first.month(), first.day(), tzinfo=VN_TZ)
        end = datetime(last.year(), last.month(), last.day(), tzinfo=VN_TZ) + timedelta(days=1)
        action, person = self.action.currentData(), self.person.currentData()

        def load(s: Session) -> list[audit_view.Line]:
            rows = audit.query(s, actor, action=action, actor_id=person, date_from=start, date_to=end)
            return audit_view.lines(s, actor, rows)

        lines = run_op(self, self.ctx.engine, load) or []
        report = run_op(self, self.ctx.engine, audit.verify_chain)
        if report is not None:
            self.chain.setText(
                self.tr("Chuỗi băm toàn vẹn: {entries} mục, không bị sửa.").format(entries=report.entries)
                if report.ok
                else self.tr("CẢNH BÁO: nhật ký bị sửa hoặc xóa từ mục số {first_bad_seq}.").format(
                    first_bad_seq=report.first_bad_seq
                )
            )
        self.table.setRowCount(len(lines))
        for i, line in enumerate(lines):
            e = line.entry
            target = f"{core(line.target_label)} {line.target_name}".strip() if line.target_label else line.target_name
            values = (
                f"{to_local(e.at):%d/%m/%Y %H:%M:%S}",
                line.who or self.tr("(máy này)"),
                str(e.counter_no or ""),
                core(line.action_label),
                target,
                _detail_text(line),
            )
            for j, text in enumerate(values):
                self.table.setItem(i, j, QTableWidgetItem(text))
        for column in range(self.table.columnCount() - 1):
            self.table.resizeColumnToContents(column)
        # the detail takes what is left and no more: the table fits the window, no sideways scrolling
        self.table.horizontalHeader().setSectionResizeMode(self.table.columnCount() - 1, QHeaderView.ResizeMode.Stretch)


def _date_box(day: QDate) -> QDateEdit:
    box = QDateEdit(day)
    box.setCalendarPopup(True)
    box.setDisplayFormat("dd/MM/yyyy")
    return box


def _detail_text(line: audit_view.Line) -> str:
    if line.detail_template is None:
        return ""
    if not line.detail_params:
        return core(line.detail_template)
    params = {k: core(v) if isinstance(v, str) else v for k, v in line.detail_params.items()}
    return core(line.detail_template).format(**params)


class DeleteCitizenDialog(QDialog):
    """Delete a citizen's data on request: find them, choose the reason, confirm."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("Xóa dữ liệu cá nhân của công dân"))
        remember_geometry(self, ctx.paths.data, "delete_citizen", (640, 420))
        self.query = QLineEdit(placeholderText=self.tr("Họ tên, số CCCD hoặc số điện thoại"))
        self.results = QListWidget()
        self.reason = QComboBox()
        for key, label in privacy.REASONS_VI.items():
            self.reason.addItem(core(label), key)
        self.delete_button = QPushButton(self.tr("Xóa toàn bộ dữ liệu của công dân này"))
        self.state = QLabel(wordWrap=True)
        layout = QVBoxLayout(self)
        for widget in (self.query, self.results, self.reason, self.delete_button, self.state):
            layout.addWidget(widget)
        self.query.textChanged.connect(self.find_citizens)
        self.delete_button.clicked.connect(lambda: self.delete_selected())

    def find_citizens(self, text: str) -> None:
        actor = self.ctx.actor
        assert actor is not None
        hits = run_op(self, self.ctx.engine, lambda s: search.search(s, actor, text)) or []
        self.results.clear()
        for hit in hits:
            if hit.kind == "citizen":
                item = QListWidgetItem(f"{hit.title} — {hit.subtitle}")
                item.setData(Qt.ItemDataRole.UserRole, hit.id)
                self.results.addItem(item)

    def delete_selected(self, confirmed: bool = False) -> None:
        actor, item = self.ctx.actor, self.results.currentItem()
        if actor is None or item is None:
            self.state.setText(self.tr("Chọn công dân cần xóa."))
            return
        question = self.tr(
            "Xóa dữ liệu cá nhân của {citizen} trên máy này và máy chủ? Hồ sơ đang giải quyết hoặc còn trong thời hạn"
            " lưu trữ thì không xóa được; hồ sơ đã hết hạn được giữ mục đăng ký, thông tin cá nhân bị ẩn danh."
        ).format(citizen=item.text())
        if not confirmed and QMessageBox.question(self, "Xác nhận xóa", question) != QMessageBox.StandardButton.Yes:
            return
        citizen_id, reason = str(item.data(Qt.ItemDataRole.UserRole)), self.reason.currentData()
        report = run_op(self, self.ctx.engine, lambda s: privacy.delete_citizen_data(s, actor, citizen_id, reason))
        if report is not None and report.pseudonymised:
            self.state.setText(
                self.tr(
                    "Đã ẩn danh thông tin cá nhân trong {records} bản ghi ({dossiers} hồ sơ, giữ mục đăng ký);"
                    " máy chủ xóa các bản cũ khi đồng bộ."
                ).format(records=report.records, dossiers=report.dossiers)
            )
        elif report is not None:
            self.state.setText(
                self.tr("Đã xóa {records} bản ghi ({dossiers} hồ sơ); máy chủ sẽ xóa khi đồng bộ.").format(
                    records=report.records, dossiers=report.dossiers
                )
            )
            self.find_citizens(self.query.text())
