"""The intake wizard driven by keystrokes: a new citizen, a returning one, a missing paper."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QWidget, QWizard
from pytestqt.qtbot import QtBot
from sqlalchemy.engine import Engine
from sqlmodel import select

from counter_app import citizens, privacy
from counter_app.config import default_paths
from counter_app.db import session_scope
from counter_app.dossier_states import DossierState
from counter_app.models import Citizen, Dossier, DossierPaper
from counter_app.settings import DeviceSettings
from tests.factories import OFFICER
from ui.context import AppContext
from ui.dossiers.intake_wizard import IntakeWizard


@pytest.fixture
def wizard(qtbot: QtBot, engine: Engine) -> IntakeWizard:
    ctx = AppContext(engine, default_paths().ensure(), DeviceSettings(unit_code="27460", counter_no=1), OFFICER)
    w = IntakeWizard(ctx)
    qtbot.addWidget(w)
    w.show()
    return w


def type_vietnamese(widget: QWidget, text: str) -> None:
    """Vietnamese arrives through the input method (Unikey, Telex), as committed text, not as key codes."""
    widget.setFocus()
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def _next(w: IntakeWizard) -> None:
    w.button(QWizard.WizardButton.NextButton).click()


def _choose_procedure(qtbot: QtBot, w: IntakeWizard) -> None:
    qtbot.keyClicks(w.procedure_page.query, "xac nhan tinh trang hon nhan")
    assert w.procedure is not None and w.procedure.code == "1.004873"
    assert "Hẹn trả kết quả" in w.procedure_page.info.text()
    _next(w)


def test_new_citizen_end_to_end(qtbot: QtBot, wizard: IntakeWizard, engine: Engine) -> None:
    _choose_procedure(qtbot, wizard)
    page = wizard.applicant_page
    qtbot.keyClicks(page.lookup, "079301004567")
    qtbot.keyClick(page.lookup, Qt.Key.Key_Return)
    assert "Chưa có" in page.found.text() and page.id_number.text() == "079301004567"
    type_vietnamese(page.name, "trần thị mai")
    qtbot.keyClicks(page.phone, "0903 123 456")
    qtbot.keyClicks(page.birth, "31/02/2003")
    _next(wizard)
    assert "ngày/tháng/năm" in page.error.text() and wizard.currentPage() is page
    page.birth.setText("01/02/2001")
    _next(wizard)
    for _name, check in wizard.papers_page.checks:
        check.setChecked(True)
    _next(wizard)
    assert wizard.currentPage() is wizard.fee_page, wizard.currentPage().title()
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()  # the notice must be confirmed
    wizard.fee_page.told.setChecked(True)
    _next(wizard)
    assert "Được tiếp nhận" in wizard.review_page.summary.text()
    wizard.button(QWizard.WizardButton.FinishButton).click()
    assert wizard.saved is not None and wizard.receipt is not None
    with session_scope(engine) as s:
        d = s.exec(select(Dossier)).one()
        c = s.get(Citizen, d.citizen_id)
        assert c is not None and (c.full_name, c.phone) == ("Trần Thị Mai", "0903123456")
        assert d.status == DossierState.DUOC_TIEP_NHAN and d.consent_notice_version == privacy.current_notice().version
        assert all(p.received for p in s.exec(select(DossierPaper)).all())
    text = subprocess.run(["pdftotext", str(wizard.receipt), "-"], capture_output=True, text=True).stdout
    assert d.code in text and "Trần Thị Mai" in text


def test_returning_citizen_and_missing_paper(qtbot: QtBot, wizard: IntakeWizard, engine: Engine) -> None:
    with session_scope(engine) as s:
        known = citizens.upsert_citizen(s, OFFICER, citizens.CitizenInput("Võ Văn Kiệt", "079090001234"))
    _choose_procedure(qtbot, wizard)
    page = wizard.applicant_page
    qtbot.keyClicks(page.lookup, "079090001234")
    qtbot.keyClick(page.lookup, Qt.Key.Key_Return)
    assert page.name.text() == "Võ Văn Kiệt" and wizard.citizen_id == known.id
    _next(wizard)
    wizard.papers_page.checks[0][1].setChecked(True)  # the second required paper is missing
    _next(wizard)
    assert "Còn thiếu" in wizard.papers_page.error.text() and wizard.currentPage() is wizard.papers_page
    wizard.papers_page.supplement.setChecked(True)
    type_vietnamese(wizard.papers_page.guidance, "Mang CCCD bản chính")
    _next(wizard)
    wizard.fee_page.told.setChecked(True)
    _next(wizard)
    assert "Mẫu 02" in wizard.review_page.summary.text()
    wizard.button(QWizard.WizardButton.FinishButton).click()
    with session_scope(engine) as s:
        d = s.exec(select(Dossier)).one()
        assert d.citizen_id == known.id and d.status == DossierState.YEU_CAU_BO_SUNG
        assert len(s.exec(select(Citizen)).all()) == 1
    assert wizard.receipt is not None and wizard.receipt.name.endswith("-02.pdf")
    text = subprocess.run(["pdftotext", str(wizard.receipt), "-"], capture_output=True, text=True).stdout
    assert "PHIẾU YÊU CẦU BỔ SUNG" in text and "Mang CCCD bản chính" in text


def test_cancel_saves_nothing(qtbot: QtBot, wizard: IntakeWizard, engine: Engine, tmp_path: Path) -> None:
    _choose_procedure(qtbot, wizard)
    wizard.reject()
    with session_scope(engine) as s:
        assert s.exec(select(Dossier)).all() == []


def test_returning_citizen_found_by_name_without_accents(qtbot: QtBot, wizard: IntakeWizard, engine: Engine) -> None:
    with session_scope(engine) as s:
        citizens.upsert_citizen(s, OFFICER, citizens.CitizenInput("Nguyễn Văn Ân", "079090005678"))
        known = citizens.upsert_citizen(
            s, OFFICER, citizens.CitizenInput("Nguyễn Văn An", "079090001234", phone="0903123456")
        )
        citizens.upsert_citizen(s, OFFICER, citizens.CitizenInput("Lê Thị Hoa", "079190001111"))
    _choose_procedure(qtbot, wizard)
    page = wizard.applicant_page
    qtbot.keyClicks(page.lookup, "nguyen van an")
    qtbot.keyClick(page.lookup, Qt.Key.Key_Return)
    listed = [page.matches.item(i).text() for i in range(page.matches.count())]
    assert page.matches.isVisible() and len(listed) == 2 and "2 người" in page.found.text()
    assert all("079******" in text and "1234" not in text for text in listed)  # ID numbers masked in the list
    row = next(i for i, text in enumerate(listed) if text.startswith("Nguyễn Văn An —"))
    page.matches.setCurrentRow(row)
    qtbot.keyClick(page.matches, Qt.Key.Key_Return)
    assert wizard.citizen_id == known.id and page.name.text() == "Nguyễn Văn An"
    assert page.phone.text() == "0903123456" and not page.matches.isVisible()
    _next(wizard)
    for _name, check in wizard.papers_page.checks:
        check.setChecked(True)
    _next(wizard)
    wizard.fee_page.told.setChecked(True)
    _next(wizard)
    wizard.button(QWizard.WizardButton.FinishButton).click()
    with session_scope(engine) as s:
        d = s.exec(select(Dossier)).one()
        assert d.citizen_id == known.id
        assert len(s.exec(select(Citizen)).all()) == 3  # nobody typed twice


def test_unknown_name_starts_a_new_citizen(qtbot: QtBot, wizard: IntakeWizard) -> None:
    _choose_procedure(qtbot, wizard)
    page = wizard.applicant_page
    type_vietnamese(page.lookup, "Đặng Thùy Trâm")
    qtbot.keyClick(page.lookup, Qt.Key.Key_Return)
    assert "Không có ai" in page.found.text() and page.name.text() == "Đặng Thùy Trâm"
    assert wizard.citizen_id is None and not page.matches.isVisible()


def test_full_width_id_finds_the_returning_citizen_and_the_old_cmnd_is_kept_apart(
    qtbot: QtBot, wizard: IntakeWizard, engine: Engine
) -> None:
    with session_scope(engine) as s:
        known = citizens.upsert_citizen(s, OFFICER, citizens.CitizenInput("Nguyễn Văn An", "079090001234"))
    _choose_procedure(qtbot, wizard)
    page = wizard.applicant_page
    type_vietnamese(page.lookup, "０７９０９０００１２３４")  # as a Windows IME in full-width mode sends it
    qtbot.keyClick(page.lookup, Qt.Key.Key_Return)
    assert wizard.citizen_id == known.id and page.id_number.text() == "079090001234"
    assert wizard.currentPage() is page  # Enter looked the number up; the officer still sees the applicant
    qtbot.keyClicks(page.old_id, "025123456")
    _next(wizard)
    assert wizard.currentPage() is wizard.papers_page
    assert wizard.citizen is not None and wizard.citizen.old_id_number == "025123456"
    assert wizard.citizen.id_number == "079090001234"


def test_notice_is_an_acknowledgement_never_pre_ticked(qtbot: QtBot, wizard: IntakeWizard) -> None:
    page = wizard.fee_page
    assert not page.told.isChecked()  # the officer ticks it after handing over the notice
    text = page.notice.toPlainText()
    assert "Ủy ban nhân dân phường An Lạc" in text and "02 ngày làm việc" in text and "nhạy cảm" in text
    assert "đồng ý" not in page.told.text()  # it records the notice given, it asks no consent
