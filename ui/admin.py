"""Admin screens: staff accounts and the audit trail (both go through the core's role checks)."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
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

from counter_app import audit, privacy, search, staff
from counter_app.access import ROLE_LABELS_VI, Role
from counter_app.clock import to_local
from ui.context import AppContext
from ui.i18n import core
from ui.ops import run_op
from ui.window_state import remember_geometry


def _table(headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
    table.horizontalHeader().setStretchLastSection(True)
    return table


class AccountsDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("Tài khoản cán bộ"))
        remember_geometry(self, ctx.paths.data, "accounts", (760, 420))
        self.table = _table([self.tr("Tên đăng nhập"), self.tr("Họ tên"), self.tr("Vai trò"), self.tr("Trạng thái")])
        self.username, self.full_name, self.password = QLineEdit(), QLineEdit(), QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.role = QComboBox()
        for role in Role:
            self.role.addItem(core(ROLE_LABELS_VI[role]), role)
        self.create_button = QPushButton(self.tr("Tạo tài khoản"))
        self.reset_button = QPushButton(self.tr("Đặt lại mật khẩu…"))
        self.deactivate_button = QPushButton(self.tr("Khóa tài khoản"))
        form = QFormLayout()
        form.addRow(self.tr("Tên đăng nhập"), self.username)
        form.addRow(self.tr("Họ tên"), self.full_name)
        form.addRow(self.tr("Vai trò"), self.role)
        form.addRow(self.tr("Mật khẩu tạm (≥ 10 ký tự)"), self.password)
        row = QHBoxLayout()
        for button in (self.create_button, self.reset_button, self.deactivate_button):
            row.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        layout.addWidget(QLabel(self.tr("<b>Tài khoản mới</b> (phải đổi mật khẩu ở lần đăng nhập đầu)")))
        layout.addLayout(form)
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
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("Nhật ký truy cập và thao tác"))
        remember_geometry(self, ctx.paths.data, "audit", (900, 520))
        self.action = QLineEdit(placeholderText=self.tr("Thao tác bắt đầu bằng… (vd: dossier., sign_in.)"))
        self.person = QLineEdit(placeholderText=self.tr("Mã cán bộ"))
        self.filter_button = QPushButton(self.tr("Lọc"))
        self.chain = QLabel()
        self.table = _table(
            [
                "#",
                self.tr("Thời gian"),
                self.tr("Cán bộ"),
                self.tr("Quầy"),
                self.tr("Thao tác"),
                self.tr("Đối tượng"),
                self.tr("Chi tiết"),
            ]
        )
        row = QHBoxLayout()
        for widget in (self.action, self.person, self.filter_button):
            row.addWidget(widget)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.chain)
        layout.addWidget(self.table, 1)
        self.filter_button.clicked.connect(self.refresh)
        self.action.returnPressed.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        actor = self.ctx.actor
        assert actor is not None
        action, person = self.action.text().strip() or None, self.person.text().strip() or None
        rows = run_op(self, self.ctx.engine, lambda s: audit.query(s, actor, action=action, actor_id=person)) or []
        report = run_op(self, self.ctx.engine, audit.verify_chain)
        if report is not None:
            self.chain.setText(
                self.tr("Chuỗi băm toàn vẹn: {entries} mục, không bị sửa.").format(entries=report.entries)
                if report.ok
                else self.tr("CẢNH BÁO: nhật ký bị sửa hoặc xóa từ mục số {first_bad_seq}.").format(
                    first_bad_seq=report.first_bad_seq
                )
            )
        self.table.setRowCount(len(rows))
        for i, e in enumerate(rows):
            detail = json.loads(e.detail) if e.detail else {}
            values = (
                str(e.seq),
                f"{to_local(e.at):%d/%m/%Y %H:%M:%S}",
                e.actor_id or "—",
                str(e.counter_no or ""),
                e.action,
                f"{e.target_entity or ''} {e.target_id or ''}".strip(),
                json.dumps(detail, ensure_ascii=False),
            )
            for j, text in enumerate(values):
                self.table.setItem(i, j, QTableWidgetItem(text))


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
            "Xóa vĩnh viễn dữ liệu của {citizen} và mọi hồ sơ của người này, trên máy này và máy chủ?"
        ).format(citizen=item.text())
        if not confirmed and QMessageBox.question(self, "Xác nhận xóa", question) != QMessageBox.StandardButton.Yes:
            return
        citizen_id, reason = str(item.data(Qt.ItemDataRole.UserRole)), self.reason.currentData()
        report = run_op(self, self.ctx.engine, lambda s: privacy.delete_citizen_data(s, actor, citizen_id, reason))
        if report is not None:
            self.state.setText(
                self.tr("Đã xóa {records} bản ghi ({dossiers} hồ sơ); máy chủ sẽ xóa khi đồng bộ.").format(
                    records=report.records, dossiers=report.dossiers
                )
            )
            self.find_citizens(self.query.text())
