"""First run. The ward's very first PC founds it: the ward, this counter, the service groups, optional hubs, the
first admin. Every other PC joins it through the ward hub (sync/client/join.py): hub address, enrollment code and
certificate fingerprint from IT staff, and what this PC is (a counter, the reception kiosk, the TV board); it
then takes the ward's accounts and groups, and its officers sign in with the accounts they have."""

from __future__ import annotations

import asyncio

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QFontDatabase, QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.engine import Engine
from sqlmodel import Session

from counter_app import queue, settings, staff, units
from counter_app.access import Actor, Role
from counter_app.deployment import Deployment
from counter_app.errors import ValidationError
from sync.client.join import Joined, join_ward
from sync.client.transport import HubRefused, HubUnavailable
from ui.i18n import error_text
from ui.ops import Report, run_in_worker, run_op
from ui.widgets import dialog_buttons, error_label

DEFAULT_GROUPS = (
    ("A", "Hộ tịch – Chứng thực", "A"),
    ("B", "Đất đai – Xây dựng", "B"),
    ("C", "Hộ kinh doanh", "C"),
    ("D", "Bảo trợ xã hội – Khác", "D"),
)


JOIN_TAB = 1


class FirstRunDialog(QDialog):
    def __init__(self, engine: Engine, parent: QWidget | None = None, deployment: Deployment | None = None) -> None:
        super().__init__(parent)
        self.engine = engine
        self.deployment = deployment or Deployment()
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
        self.join_hub = QLineEdit(placeholderText=self.tr("https://may-chu-phuong:8765"))
        self.join_code = QLineEdit(placeholderText=self.tr("Mã đăng ký do CNTT cấp (vd: ABCD-EFGH-JKLM)"))
        self.join_print = QLineEdit(placeholderText=self.tr("Dấu vân tay chứng chỉ do CNTT đọc cùng mã"))
        self.join_print.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))  # 3F:A1… read aloud
        self.join_name = QLineEdit(self.tr("Quầy"))
        self.join_mode = QComboBox()
        for mode, label in (
            ("counter", self.tr("Quầy tiếp nhận")),
            ("kiosk", self.tr("Máy lấy số (kiosk)")),
            ("board", self.tr("Màn hình gọi số (TV)")),
        ):
            self.join_mode.addItem(label, mode)
        self.joined: Joined | None = None
        self.error = error_label()
        self.setMinimumWidth(680)
        self.ward_list.setMinimumHeight(180)
        self._layout()
        self.ward_search.textChanged.connect(self._filter_wards)
        self.ward_search.installEventFilter(self)  # ↓ or Enter picks the first ward found: a choice made
        self.ward_list.currentItemChanged.connect(lambda *_: self.error.clear())
        self._filter_wards("")
        self.tabs.currentChanged.connect(self._tab_changed)
        if self.deployment.ward_hub:  # IT staff's deployment file: only the code is left to type
            self.join_hub.setText(self.deployment.ward_hub)
            self.join_print.setText(self.deployment.ward_hub_fingerprint)
            self.join_print.setCursorPosition(0)  # the start of the fingerprint, as IT staff read it out
            self.tabs.setCurrentIndex(JOIN_TAB)
            self.join_code.setFocus()

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
        found = QWidget()
        founding = QVBoxLayout(found)
        founding.addWidget(
            QLabel(
                self.tr(
                    "Chỉ dành cho <b>máy đầu tiên</b> của phường. Phường đã có máy khác: chọn thẻ "
                    "«Tham gia phường đã có máy» để không tạo trùng tài khoản và nhóm dịch vụ."
                ),
                wordWrap=True,
            )
        )
        founding.addLayout(form)
        founding.addWidget(groups)
        founding.addLayout(hubs)
        founding.addWidget(QLabel(self.tr("<b>Tài khoản quản trị đầu tiên</b> (không có mật khẩu mặc định)")))
        founding.addLayout(admin)
        self.tabs = QTabWidget()
        self.tabs.addTab(found, self.tr("Máy đầu tiên của phường"))
        self.tabs.addTab(self._join_tab(), self.tr("Tham gia phường đã có máy"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def _tab_changed(self, index: int) -> None:
        box = self.findChild(QDialogButtonBox)
        assert box is not None
        text = self.tr("Tham gia phường") if index == JOIN_TAB else self.tr("Lưu và bắt đầu")
        box.button(QDialogButtonBox.StandardButton.Ok).setText(text)
        self.error.clear()

    def _join_tab(self) -> QWidget:
        tab = QWidget()
        form = QFormLayout(tab)
        form.addRow(
            QLabel(
                self.tr(
                    "Phường đã có máy chủ phường và tài khoản: máy này nhận tài khoản, nhóm dịch vụ từ máy chủ; "
                    "cán bộ đăng nhập bằng tài khoản đã có."
                ),
                wordWrap=True,
            )
        )
        form.addRow(self.tr("Địa chỉ máy chủ phường"), self.join_hub)
        form.addRow(self.tr("Mã đăng ký"), self.join_code)
        form.addRow(self.tr("Dấu vân tay chứng chỉ"), self.join_print)
        form.addRow(self.tr("Tên máy"), self.join_name)
        form.addRow(self.tr("Máy này là"), self.join_mode)
        return tab

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
        if self.tabs.currentIndex() == JOIN_TAB:
            self.join()
            return
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

    def join(self) -> None:
        """Enroll and take the ward's accounts off the UI thread, with progress; accept when done."""
        hub, code = self.join_hub.text().strip(), self.join_code.text().strip()
        if not hub or not code:
            self.error.setText(self.tr("Nhập địa chỉ máy chủ phường và mã đăng ký."))
            return
        try:
            settings.check_hub_url(hub)  # the token must not travel in clear
        except ValidationError as exc:
            self.error.setText(error_text(exc))
            return
        name, mode, print_ = self.join_name.text().strip(), str(self.join_mode.currentData()), self.join_print.text()

        def work(_report: Report) -> Joined | str:
            try:
                city = self.deployment.city_hub
                return asyncio.run(join_ward(self.engine, hub, code, name, print_, mode, city))
            except HubUnavailable:
                return self.tr("Không kết nối được máy chủ phường; kiểm tra địa chỉ và mạng rồi thử lại.")
            except HubRefused as exc:
                return self.tr("Máy chủ từ chối: {exc}").format(exc=exc)

        self.join_future = run_in_worker(self, self.tr("Đang tham gia phường…"), work, self._joined)

    def _joined(self, result: Joined | str) -> None:
        if isinstance(result, str):
            self.error.setText(result)
            return
        self.joined = result
        self.accept()
