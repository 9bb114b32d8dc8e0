"""Sign in: who sits at this counter decides what the window offers (and the core enforces it)."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from counter_app.access import Actor
from counter_app.errors import CounterError
from counter_app.settings import DeviceSettings
from counter_app.units import get_unit
from ui.i18n import error_text
from ui.widgets import dialog_buttons, error_label

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine


_checker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="sign-in")


class SignInDialog(QDialog):
    """`engine` may be a callable giving it: at start the window shows while the database engine and the
    rest of the app still load (ui.warm_start); a sign-in waits for them. Given the `database` file, the
    password is checked at once with plain sqlite3 and Argon2 (`passwords.check_ahead`) while they load, not
    after. `meanwhile` runs on the UI thread while the sign-in is checked: at start, loading the main window."""

    def __init__(
        self,
        engine: Engine | Callable[[], Engine],
        device: DeviceSettings,
        parent: QWidget | None = None,
        meanwhile: Callable[[], object] | None = None,
        database: Path | None = None,
    ) -> None:
        super().__init__(parent)
        self.engine, self.device, self.meanwhile, self.database = engine, device, meanwhile, database
        self.actor: Actor | None = None
        self.setWindowTitle(self.tr("Đăng nhập – Ward Counter"))
        self.username = QLineEdit()
        self.password = QLineEdit(echoMode=QLineEdit.EchoMode.Password)
        self.error = error_label()
        form = QFormLayout()
        form.addRow(self.tr("Tên đăng nhập"), self.username)
        form.addRow(self.tr("Mật khẩu"), self.password)
        buttons = dialog_buttons(self.tr("Đăng nhập"), self.attempt, self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"<b>{get_unit(device.unit_code).name}</b> · {device.counter_name or self.tr('Quầy')}"))
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def attempt(self) -> None:
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)  # the password hash takes a moment
        try:
            who, password, counter = self.username.text(), self.password.text(), self.device.counter_no
            checking = _checker.submit(self._sign_in, who, password, counter)
            if self.meanwhile is not None:
                self.meanwhile()
            self.actor = checking.result()
        except CounterError as exc:  # the attempt itself was recorded and committed
            self.error.setText(error_text(exc))
            self.password.clear()
            return
        finally:
            QGuiApplication.restoreOverrideCursor()
        self.accept()

    def _sign_in(self, who: str, password: str, counter: int | None) -> Actor:
        """On the checker thread: Argon2 first (it needs only sqlite3), then, once the engine has loaded, the
        sign-in transaction, which uses that answer and records the attempt."""
        checked = None
        if self.database is not None:
            from counter_app.passwords import check_ahead

            checked = check_ahead(self.database, who, password)
        engine = self.engine() if callable(self.engine) else self.engine
        from counter_app import staff

        return staff.sign_in(engine, who, password, counter, checked=checked)
