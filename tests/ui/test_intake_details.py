"""The intake wizard's rough edges: Enter in the applicant lookup only looks up or picks, the review keeps
commas, and money reads "50.000 đồng" on every page."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard
from pytestqt.qtbot import QtBot
from sqlalchemy.engine import Engine

from counter_app import citizens
from counter_app.config import default_paths
from counter_app.db import session_scope
from counter_app.settings import DeviceSettings
from tests.factories import OFFICER
from tests.ui.active import show_active
from tests.ui.test_intake_wizard import type_vietnamese
from ui.context import AppContext
from ui.dossiers.intake_wizard import IntakeWizard


@pytest.fixture
def wizard(qtbot: QtBot, engine: Engine) -> IntakeWizard:
    ctx = AppContext(engine, default_paths().ensure(), DeviceSettings(unit_code="27460", counter_no=1), OFFICER)
    w = IntakeWizard(ctx)
    qtbot.addWidget(w)
    show_active(qtbot, w)
    return w


def _procedure(qtbot: QtBot, w: IntakeWizard, query: str, code: str) -> None:
    qtbot.keyClicks(w.procedure_page.query, query)
    row = next(i for i in range(w.procedure_page.list.count()) if code in w.procedure_page.list.item(i).text())
    w.procedure_page.list.setCurrentRow(row)
    w.button(QWizard.WizardButton.NextButton).click()


def test_enter_in_the_lookup_picks_and_stays(qtbot: QtBot, wizard: IntakeWizard, engine: Engine) -> None:
    with session_scope(engine) as s:
        citizens.upsert_citizen(s, OFFICER, citizens.CitizenInput("Nguyễn Văn An", "079090001234"))
        citizens.upsert_citizen(s, OFFICER, citizens.CitizenInput("Nguyễn Văn Ân", "079090005678"))
    _procedure(qtbot, wizard, "xac nhan tinh trang hon nhan", "1.004873")
    page = wizard.applicant_page
    qtbot.keyClicks(page.lookup, "nguyen van an")
    qtbot.keyClick(page.lookup, Qt.Key.Key_Return)
    assert wizard.currentPage() is page and page.matches.isVisible() and page.error.text() == ""
    qtbot.keyClick(page.matches, Qt.Key.Key_Return)
    assert wizard.currentPage() is page and page.error.text() == ""  # no "Chưa nhập họ và tên."
    assert page.name.text().startswith("Nguyễn Văn") and wizard.citizen_id is not None


def test_review_keeps_commas_and_money_reads_the_same_everywhere(qtbot: QtBot, wizard: IntakeWizard) -> None:
    _procedure(qtbot, wizard, "sua doi, bo sung, huy bo giao dich", "2.000913")
    assert "Lệ phí: 30.000 đồng" in wizard.procedure_page.info.text()
    page = wizard.applicant_page
    type_vietnamese(page.name, "Trần Văn Bình")
    wizard.button(QWizard.WizardButton.NextButton).click()
    for _name, check in wizard.papers_page.checks:
        check.setChecked(True)
    wizard.button(QWizard.WizardButton.NextButton).click()
    assert wizard.fee_page.fee.text() == "30.000 đồng"
    wizard.fee_page.told.setChecked(True)
    wizard.button(QWizard.WizardButton.NextButton).click()
    review = wizard.review_page.summary.text()
    assert "Chứng thực việc sửa đổi, bổ sung, hủy bỏ giao dịch" in review
    assert "Lệ phí: 30.000 đồng" in review
