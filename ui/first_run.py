"""First run: the ward, this counter, the service groups it serves, optional hubs, the first admin."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.engine import Engine
from sqlmodel import Session

from counter_app import queue, settings, staff, units
from counter_app.access import Actor, Role
from counter_app.errors import ValidationError
from ui.ops import run_op
from ui.widgets import dialog_buttons, error_label

DEFAULT_GROUPS = (
    ("A", "Hộ tịch – Chứng thực", "A"),
    ("B", "Đất đai – Xây dựng", "B"),
    ("C", "Hộ kinh doanh", "C"),
    ("D", "Bảo trợ xã hội – Khác", "D"),
)


class FirstRunDialog(QDialog):
    def __init__(self, engine: Engine, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.engine = engine
        self.setWindowTitle(self.tr("Thiết lập lần đầu – Ward Counter"))
        self.ward_search = QLineEdit(placeholderText=self.tr("Gõ tên phường/xã, ví dụ: an lac"))
        self.ward_list = QListWidget()
        self.counter_no = QSpinBox(minimum=1, maximum=9)
        self.counter_name = QLineEdit(self.tr("Quầy 1"))
        self.groups = [QCheckBox(f"{code} – {name}") for code, name, _ in DEFAULT_GROUPS]
        for box in self.groups:
            box.setChecked(True)
        self.primary_hub = QLineEdit(placeholderText=self.tr("https://… (để trống nếu chưa có)"))
        self.backup_hub = QLineEdit(placeholderText=self.tr("https://… (máy chủ dự phòng)"))
        self.admin_user = QLineEdit("admin")
        self.admin_name = QLineEdit()
        self.admin_pw = QLineEdit(echoMode=QLineEdit.EchoMode.Password)
        self.admin_pw2 = QLineEdit(echoMode=QLineEdit.EchoMode.Password)
        self.error = error_label()
        self.setMinimumWidth(680)
        self.ward_list.setMinimumHeight(180)
        self._layout()
        self.ward_search.textChanged.connect(self._filter_wards)
        self.ward_search.installEventFilter(self)  # ↓ or Enter picks the first ward found: a choice made
        self.ward_list.currentItemChanged.connect(lambda *_: self.error.clear())
        self._filter_wards("")

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        keys = (Qt.Key.Key_Down, Qt.Key.Key_Return, Qt.Key.Key_Enter)
        pressed = isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress and event.key() in keys
        if watched is self.ward_search and pressed and self.ward_list.count():
            self.ward_list.setCurrentRow(0)
            self.ward_list.setFocus()
            return True
        return super().eventFilter(watched, event)

    def _layout(self) -> None:
        form = QFormLayout()
        form.addRow(self.tr("Phường/xã/đặc khu"), self.ward_search)
        form.addRow("", self.ward_list)
        form.addRow(self.tr("Số quầy"), self.counter_no)
        form.addRow(self.tr("Tên quầy"), self.counter_name)
        groups = QGroupBox(self.tr("Nhóm dịch vụ quầy này phục vụ"))
        box = QVBoxLayout(groups)
        for check in self.groups:
            box.addWidget(check)
        hubs = QFormLayout()
        hubs.addRow(self.tr("Máy chủ đồng bộ chính"), self.primary_hub)
        hubs.addRow(self.tr("Máy chủ dự phòng"), self.backup_hub)
        admin = QFormLayout()
        admin.addRow(self.tr("Tên đăng nhập quản trị"), self.admin_user)
        admin.addRow(self.tr("Họ tên"), self.admin_name)
        admin.addRow(self.tr("Mật khẩu (≥ 10 ký tự)"), self.admin_pw)
        admin.addRow(self.tr("Nhập lại mật khẩu"), self.admin_pw2)
        buttons = dialog_buttons(self.tr("Lưu và bắt đầu"), self.save, self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(groups)
        layout.addLayout(hubs)
        layout.addWidget(QLabel(self.tr("<b>Tài khoản quản trị đầu tiên</b> (không có mật khẩu mặc định)")))
        layout.addLayout(admin)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def _filter_wards(self, text: str) -> None:
        """The 168 units of Ho Chi Minh City first; typing searches all 3,321."""
        found = units.search_units(text, limit=60) if text.strip() else units.hcmc_units()
        self.ward_list.clear()
        for unit in found:
            item = QListWidgetItem(f"{unit.name} ({unit.code}) – {unit.province_name}")
            item.setData(Qt.ItemDataRole.UserRole, unit.code)
            self.ward_list.addItem(item)
        # nothing chosen until the person picks: saving the first ward of a list configures the wrong one
        self.ward_list.setCurrentRow(-1)

    def chosen_unit(self) -> str | None:
        item = self.ward_list.currentItem()
        return str(item.data(Qt.ItemDataRole.UserRole)) if item else None

    def save(self) -> None:
        unit = self.chosen_unit()
        if not unit:
            self.error.setText(self.tr("Hãy chọn phường/xã."))
            return
        if self.admin_pw.text() != self.admin_pw2.text():
            self.error.setText(self.tr("Hai lần nhập mật khẩu không giống nhau."))
            return
        chosen = [g for g, box in zip(DEFAULT_GROUPS, self.groups, strict=True) if box.isChecked()]
        if not chosen:
            self.error.setText(self.tr("Chọn ít nhất một nhóm dịch vụ."))
            return
        if run_op(self, self.engine, lambda s: self._apply(s, unit, chosen)) is not None:
            self.accept()

    def _apply(self, session: Session, unit: str, chosen: list[tuple[str, str, str]]) -> bool:
        if not self.admin_name.text().strip():
            raise ValidationError(self.tr("Nhập họ tên người quản trị."), "full_name")
        admin = staff.create_first_admin(
            session, unit, self.admin_user.text(), self.admin_name.text(), self.admin_pw.text()
        )
        actor = Actor(admin.id, Role.ADMIN, unit, self.counter_no.value(), admin.full_name)
        for code, name, prefix in DEFAULT_GROUPS:
            queue.ensure_group(session, actor, code, name, prefix)
        settings.save(
            session,
            settings.DeviceSettings(
                unit_code=unit,
                counter_no=self.counter_no.value(),
                counter_name=self.counter_name.text().strip(),
                service_groups=[code for code, _, _ in chosen],
                primary_hub=self.primary_hub.text().strip(),
                backup_hub=self.backup_hub.text().strip(),
            ),
        )
        return True
