"""Tab walks the fields in the order a person reads them (top to bottom), so the keyboard is enough."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy.engine import Engine

from counter_app.config import default_paths
from counter_app.settings import DeviceSettings
from tests.factories import OFFICER
from tests.ui.active import show_active
from ui.context import AppContext
from ui.dossiers.intake_wizard import IntakeWizard
from ui.first_run import FirstRunDialog


def _tab_through(qtbot: QtBot, window: QWidget, first: QWidget, steps: int) -> list[QWidget]:
    show_active(qtbot, window)
    first.setFocus()
    seen = [first]
    for _ in range(steps):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        seen.append(QApplication.focusWidget())
    return seen


def test_first_run_fields_in_reading_order(qtbot: QtBot, engine: Engine) -> None:
    d = FirstRunDialog(engine)
    qtbot.addWidget(d)
    expected = [d.ward_search, d.ward_list, d.counter_no, d.counter_name, *d.groups, d.primary_hub, d.backup_hub]
    expected += [d.admin_user, d.admin_name, d.admin_pw, d.admin_pw2]
    assert _tab_through(qtbot, d, d.ward_search, len(expected) - 1) == expected


def test_applicant_fields_in_reading_order(qtbot: QtBot, engine: Engine) -> None:
    ctx = AppContext(engine, default_paths().ensure(), DeviceSettings(unit_code="27460", counter_no=1), OFFICER)
    wizard = IntakeWizard(ctx)
    qtbot.addWidget(wizard)
    wizard.show()  # a wizard starts at its first page when shown
    wizard.procedure_page.query.setText("1.004873")
    wizard.next()
    assert wizard.currentPage() is wizard.applicant_page
    p = wizard.applicant_page
    expected = [p.lookup, p.name, p.id_number, p.old_id, p.phone, p.birth, p.address, p.ward]
    assert _tab_through(qtbot, wizard, p.lookup, len(expected) - 1) == expected
