"""Settings (admin): this counter, the groups it serves, idle sign-out, hubs, and enrolling the PC with a hub."""

from __future__ import annotations

import asyncio
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import replace

from PySide6.QtCore import QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtPrintSupport import QPrinterInfo
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
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
from sqlmodel import Session

from counter_app import settings
from counter_app.errors import CounterError, ValidationError
from sync.client.enroll import device_token, enroll
from sync.client.transport import HubRefused, HubUnavailable
from sync.protocol import EnrollResponse
from ui import i18n
from ui.context import AppContext
from ui.ops import run_op
from ui.widgets import dialog_buttons

_worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="enroll")


def _choices(items: list[tuple[str, str]], current: str) -> QComboBox:
    """A combo box of (value, label); a saved value that is no longer offered (a printer removed) stays shown."""
    box = QComboBox()
    for value, label in items:
        box.addItem(label, value)
    if box.findData(current) < 0:
        box.addItem(current, current)
    box.setCurrentIndex(box.findData(current))
    return box


class SettingsDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        device = ctx.settings
        self.setWindowTitle(self.tr("Cài đặt quầy"))
        self.counter_name = QLineEdit(device.counter_name)
        self.groups = QLineEdit(", ".join(device.service_groups))
        self.idle = QSpinBox(minimum=0, maximum=240, suffix=self.tr(" phút"))
        self.idle.setValue(device.idle_signout_minutes)
        self.primary, self.backup = QLineEdit(device.primary_hub), QLineEdit(device.backup_hub)
        self.language = _choices(list(i18n.LANGUAGES.items()), device.language)
        printers = [(n, n) for n in QPrinterInfo.availablePrinterNames()]
        self.printer = _choices([("", self.tr("(Không in — chỉ lưu PDF)"))] + printers, device.slip_printer)
        self.form_printer = _choices([("", self.tr("(Máy in mặc định của hệ thống)"))] + printers, device.form_printer)
        screens = [
            (sc.name(), f"{sc.name()} — {sc.size().width()}×{sc.size().height()}") for sc in QGuiApplication.screens()
        ]
        self.board_screen = _choices([("", self.tr("(Màn hình cuối)"))] + screens, device.board_screen)
        self.kiosk_mode = QCheckBox(self.tr("Máy lấy số (kiosk): mở thẳng màn hình lấy số, không cần đăng nhập"))
        self.kiosk_mode.setChecked(device.kiosk_mode)
        self.voice_calls = QCheckBox(self.tr("Đọc số bằng giọng nói sau tiếng chuông (màn hình gọi số)"))
        self.voice_calls.setChecked(device.voice_calls)
        self.voice_volume = QSpinBox(minimum=0, maximum=100, suffix=" %")
        self.voice_volume.setValue(device.voice_volume)
        self.enroll_hub = QLineEdit(device.primary_hub, placeholderText=self.tr("Địa chỉ máy chủ"))
        self.enroll_code = QLineEdit(placeholderText=self.tr("Mã đăng ký do CNTT cấp (vd: ABCD-EFGH-JKLM)"))
        self.enroll_print = QLineEdit(
            placeholderText=self.tr("Dấu vân tay chứng chỉ (máy chủ phường dùng HTTPS riêng)")
        )
        self.enroll_button = QPushButton(self.tr("Đăng ký máy"))
        self.enroll_state = QLabel(self._token_state(), wordWrap=True)
        self._pending: Future[EnrollResponse] | None = None
        form = QFormLayout()
        form.addRow(self.tr("Tên quầy"), self.counter_name)
        form.addRow(self.tr("Nhóm dịch vụ phục vụ (mã, cách nhau bằng dấu phẩy)"), self.groups)
        form.addRow(self.tr("Tự đăng xuất khi không dùng (0 = không)"), self.idle)
        form.addRow(self.tr("Ngôn ngữ giao diện"), self.language)
        form.addRow(self.tr("Máy in phiếu số thứ tự"), self.printer)
        form.addRow(self.tr("Máy in biểu mẫu A4"), self.form_printer)
        form.addRow(self.tr("Màn hình gọi số (TV)"), self.board_screen)
        form.addRow("", self.kiosk_mode)
        form.addRow("", self.voice_calls)
        form.addRow(self.tr("Âm lượng đọc số"), self.voice_volume)
        form.addRow(self.tr("Máy chủ đồng bộ chính"), self.primary)
        form.addRow(self.tr("Máy chủ dự phòng"), self.backup)
        enroll_row = QHBoxLayout()
        for widget in (self.enroll_hub, self.enroll_code, self.enroll_print, self.enroll_button):
            enroll_row.addWidget(widget)
        buttons = dialog_buttons(self.tr("Lưu"), self.save, self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel(self.tr("<b>Đăng ký máy này với máy chủ đồng bộ</b>")))
        layout.addLayout(enroll_row)
        layout.addWidget(self.enroll_state)
        layout.addWidget(buttons)
        self.enroll_button.clicked.connect(self.start_enroll)
        self._poll = QTimer(self, interval=100)
        self._poll.timeout.connect(self._check_enroll)

    def _token_state(self) -> str:
        enrolled = [h for h in self.ctx.settings.hubs if device_token(h)]
        return (
            self.tr("Đã đăng ký với: ") + ", ".join(enrolled)
            if enrolled
            else self.tr("Máy chưa đăng ký với máy chủ nào.")
        )

    def save(self) -> None:
        device = replace(self.ctx.settings)  # the live settings change only once saved
        device.counter_name = self.counter_name.text().strip()
        device.service_groups = [g.strip().upper() for g in self.groups.text().split(",") if g.strip()]
        device.idle_signout_minutes = self.idle.value()
        device.primary_hub, device.backup_hub = self.primary.text().strip(), self.backup.text().strip()
        device.language = self.language.currentData()
        device.slip_printer, device.board_screen = self.printer.currentData(), self.board_screen.currentData()
        device.form_printer = self.form_printer.currentData()
        device.kiosk_mode = self.kiosk_mode.isChecked()
        device.voice_calls, device.voice_volume = self.voice_calls.isChecked(), self.voice_volume.value()

        def save(session: Session) -> bool:
            settings.save(session, device)
            return True

        if run_op(self, self.ctx.engine, save):
            vars(self.ctx.settings).update(vars(device))
            self.accept()

    def start_enroll(self) -> None:
        """Exchange the code off the UI thread; the dialog stays responsive meanwhile."""
        hub, code = self.enroll_hub.text().strip(), self.enroll_code.text().strip()
        if not hub or not code:
            self.enroll_state.setText(self.tr("Nhập địa chỉ máy chủ và mã đăng ký."))
            return
        try:
            settings.check_hub_url(hub)  # the token must not travel in clear
        except ValidationError as exc:
            self.enroll_state.setText(i18n.error_text(exc))
            return
        self.enroll_button.setEnabled(False)
        self.enroll_state.setText(self.tr("Đang đăng ký…"))
        name = self.ctx.settings.counter_name or self.tr("Quầy {counter_no}").format(
            counter_no=self.ctx.settings.counter_no
        )
        self._pending = _worker.submit(asyncio.run, enroll(hub, code, name, self.enroll_print.text()))
        self._poll.start()

    def _check_enroll(self) -> None:
        if self._pending is None or not self._pending.done():
            return
        self._poll.stop()
        self.enroll_button.setEnabled(True)
        try:
            answer = self._pending.result()
        except HubRefused as exc:
            self.enroll_state.setText(self.tr("Không đăng ký được: {exc}").format(exc=exc))
            return
        except HubUnavailable:
            self.enroll_state.setText(self.tr("Không kết nối được máy chủ; kiểm tra địa chỉ và mạng rồi thử lại."))
            return
        except CounterError as exc:  # e.g. the certificate's fingerprint does not match
            self.enroll_state.setText(i18n.error_text(exc))
            return
        self.enroll_state.setText(
            self.tr("Đã đăng ký: đơn vị {unit_code}, quầy {counter_no}.").format(
                unit_code=answer.unit_code, counter_no=answer.counter_no
            )
        )
        self.enroll_code.clear()
