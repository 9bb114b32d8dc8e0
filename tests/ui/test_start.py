"""The real start (ui.app.run, in its own process): the sign-in window shows before SQLAlchemy and the core
have loaded, a sign-in pressed at once waits for them, then the main window opens for that person."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from sqlmodel import col, select

from counter_app import settings, staff
from counter_app.config import default_paths
from counter_app.db import open_database, session_scope
from counter_app.models import AuditEntry, Staff

PW = "Mat-khau-2026"
SCRIPT = r"""
import json, os, sys
from PySide6.QtCore import QTimer
import ui.app
from ui.sign_in import SignInDialog
from ui.window_flow import WindowFlow

seen = {}

class Pressed(SignInDialog):
    def showEvent(self, event):
        super().showEvent(event)
        seen["loaded_at_sign_in"] = sorted(m for m in ("sqlalchemy", "counter_app.staff") if m in sys.modules)
        self.username.setText("admin")
        self.password.setText(sys.argv[1])
        QTimer.singleShot(0, self.attempt)

original = WindowFlow.open_main

def open_main(self, *args):
    opened = original(self, *args)
    actor = self.ctx.actor
    seen.update(opened=opened, window=type(self.main).__name__, who=[actor.name, actor.role, actor.counter_no])
    print(json.dumps(seen), flush=True)
    os._exit(0)

WindowFlow.open_main = open_main
ui.app.SignInDialog = Pressed
ui.app.run([sys.argv[0]])
"""


def test_sign_in_shows_before_the_core_loads_then_opens_the_main_window(tmp_path: Path) -> None:
    paths = default_paths().ensure()  # WARD_COUNTER_HOME: this test's own folder (tests/conftest.py)
    engine = open_database(paths.database)
    with session_scope(engine) as s:
        staff.create_first_admin(s, "27460", "admin", "Quản Trị", PW)
        settings.save(s, settings.DeviceSettings(unit_code="27460", counter_no=2))
    engine.dispose()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(Path(__file__).parents[2])}
    out = subprocess.run(
        [sys.executable, "-c", SCRIPT, PW], env=env, capture_output=True, text=True, timeout=120, check=True
    )
    seen = json.loads(out.stdout.strip().splitlines()[-1])
    expected = {"loaded_at_sign_in": [], "opened": True, "window": "MainWindow", "who": ["Quản Trị", "admin", 2]}
    assert seen == expected, out.stderr


WRONG = r"""
import json, os, sys
from PySide6.QtCore import QTimer
import ui.app
from ui.sign_in import SignInDialog

class Pressed(SignInDialog):
    def showEvent(self, event):
        super().showEvent(event)
        self.username.setText("admin")
        self.password.setText(sys.argv[1])
        QTimer.singleShot(0, self.pressed)

    def pressed(self):
        self.attempt()  # checked ahead while the engine loads, then refused by the sign-in transaction
        print(json.dumps({"error": self.error.text(), "left": self.password.text(), "open": self.isVisible()}))
        os._exit(0)

ui.app.SignInDialog = Pressed
ui.app.run([sys.argv[0]])
"""


def test_a_wrong_password_pressed_at_once_is_refused_in_vietnamese_and_audited(tmp_path: Path) -> None:
    paths = default_paths().ensure()
    engine = open_database(paths.database)
    with session_scope(engine) as s:
        staff.create_first_admin(s, "27460", "admin", "Quản Trị", PW)
        settings.save(s, settings.DeviceSettings(unit_code="27460", counter_no=2))
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(Path(__file__).parents[2])}
    out = subprocess.run(
        [sys.executable, "-c", WRONG, "Sai-mat-khau-1"], env=env, capture_output=True, text=True, timeout=120
    )
    seen = json.loads(out.stdout.strip().splitlines()[-1])
    assert seen == {"error": "Tên đăng nhập hoặc mật khẩu không đúng.", "left": "", "open": True}, out.stderr
    with session_scope(engine) as s:
        admin = s.exec(select(Staff)).one()
        last = s.exec(select(AuditEntry).order_by(col(AuditEntry.seq).desc())).first()
    engine.dispose()
    assert admin.failed_attempts == 1
    assert last is not None and (last.action, last.detail) == ("sign_in.failure", '{"reason": "password"}')
