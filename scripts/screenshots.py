"""Drive the real windows on a demo database and grab each main screen (called by scripts/screenshots)."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication

from counter_app import citizens, queue, settings, staff
from counter_app.config import default_paths
from counter_app.db import open_database, session_scope
from ui.context import AppContext
from ui.first_run import FirstRunDialog
from ui.main_window import MainWindow
from ui.sign_in import SignInDialog

PW = "Demo-mat-khau-1"


def main(out: Path) -> None:
    app = QApplication(sys.argv)
    paths = default_paths().ensure()
    engine = open_database(paths.database)
    first = FirstRunDialog(engine)
    first.show()
    first.ward_search.setText("an lac")
    app.processEvents()
    first.grab().save(str(out / "first-run.png"))
    with session_scope(engine) as s:
        staff.create_first_admin(s, "27460", "admin", "Trần Thị Quản Trị", PW)
        settings.save(
            s,
            settings.DeviceSettings(unit_code="27460", counter_no=2, counter_name="Quầy 2", service_groups=["A", "B"]),
        )
    admin = staff.sign_in(engine, "admin", PW, 2)
    with session_scope(engine) as s:
        for code, name in (("A", "Hộ tịch – Chứng thực"), ("B", "Đất đai – Xây dựng")):
            queue.ensure_group(s, admin, code, name, code)
        for i, reason in enumerate([None, "elderly", None, None, "pregnant", None]):
            queue.issue_ticket(s, admin.__class__(None, admin.role, "27460", 0), "AB"[i % 2], reason)
        citizens.upsert_citizen(s, admin, citizens.CitizenInput("Nguyễn Văn Dũng", "079090001234", phone="0912345678"))
        citizens.upsert_citizen(s, admin, citizens.CitizenInput("Đặng Thị Lan", "079190001235"))
    with session_scope(engine) as s:
        device = settings.load(s)
    sign_in = SignInDialog(engine, device)
    sign_in.show()
    app.processEvents()
    sign_in.grab().save(str(out / "sign-in.png"))
    window = MainWindow(AppContext(engine, paths, device, admin))
    window.show()
    window.queue.call_next()
    app.processEvents()
    window.grab().save(str(out / "queue.png"))
    window.focus_search()
    window.search.box.setText("dang")
    window.search.run()
    app.processEvents()
    window.grab().save(str(out / "search.png"))


if __name__ == "__main__":
    main(Path(sys.argv[1]))
