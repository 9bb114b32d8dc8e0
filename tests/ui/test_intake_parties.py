"""The intake wizard with two applicants (marriage registration) or an authorised representative, and
what follows saving: the new code shown and its form printed at once with Enter."""

from __future__ import annotations

import gc
import subprocess
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewWidget
from PySide6.QtWidgets import QWidget, QWizard
from pytestqt.qtbot import QtBot
from sqlalchemy.engine import Engine
from sqlmodel import select

from counter_app.config import default_paths
from counter_app.db import session_scope
from counter_app.models import Dossier
from counter_app.parties import Party
from counter_app.settings import DeviceSettings
from tests.factories import OFFICER
from tests.ui.active import show_active
from tests.ui.test_intake_wizard import type_vietnamese
from ui.context import AppContext
from ui.dossiers.intake_wizard import IntakeWizard


@pytest.fixture
def parent(qtbot: QtBot) -> QWidget:
    window = QWidget()  # the main window's stand-in: the saved dialog and the preview stay after the wizard
    qtbot.addWidget(window)
    window.show()
    return window


@pytest.fixture
def wizard(qtbot: QtBot, engine: Engine, parent: QWidget) -> IntakeWizard:
    ctx = AppContext(engine, default_paths().ensure(), DeviceSettings(unit_code="27460", counter_no=1), OFFICER)
    w = IntakeWizard(ctx, parent)
    w.show()
    return w


def _next(w: IntakeWizard) -> None:
    w.button(QWizard.WizardButton.NextButton).click()


def _applicant(qtbot: QtBot, w: IntakeWizard, query: str, name: str) -> None:
    qtbot.keyClicks(w.procedure_page.query, query)
    _next(w)
    type_vietnamese(w.applicant_page.name, name)


def _finish(w: IntakeWizard) -> None:
    for _name, check in w.papers_page.checks:
        check.setChecked(True)
    _next(w)
    w.fee_page.told.setChecked(True)
    _next(w)
    w.button(QWizard.WizardButton.FinishButton).click()


def test_marriage_takes_both_spouses_then_enter_prints_the_receipt(
    qtbot: QtBot, wizard: IntakeWizard, engine: Engine, tmp_path: Path
) -> None:
    _applicant(qtbot, wizard, "dang ky ket hon", "Nguyễn Thị Hoa")
    assert wizard.procedure is not None and wizard.procedure.code == "1.000894"
    _next(wizard)
    page = wizard.parties_page
    assert wizard.currentPage() is page and page.co_box.isVisible() and not page.rep_box.isVisible()
    _next(wizard)
    assert "Chưa nhập họ và tên" in page.error.text() and wizard.currentPage() is page
    type_vietnamese(page.co_name, "phạm văn hùng")
    qtbot.keyClicks(page.co_id, "079096001234")
    _next(wizard)
    assert wizard.currentPage() is wizard.papers_page
    _finish(wizard)
    with session_scope(engine) as s:
        dossier = s.exec(select(Dossier)).one()
    assert Party.from_json(dossier.co_applicant) == Party("Phạm Văn Hùng", "079096001234")
    saved = wizard.saved_dialog
    assert saved is not None and saved.isVisible() and dossier.code in saved.code.text()
    show_active(qtbot, saved)
    qtbot.keyClick(saved, Qt.Key.Key_Return)  # Enter prints
    preview = wizard.preview_dialog
    assert preview is not None
    qtbot.waitUntil(lambda: preview.isVisible() and preview.paint_count >= 1)
    gc.collect()
    printer = preview.printer()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    widget = preview.findChild(QPrintPreviewWidget)
    assert widget is not None
    widget.print_()
    text = subprocess.run(["pdftotext", str(tmp_path / "printed.pdf"), "-"], capture_output=True, text=True).stdout
    assert "GIẤY TIẾP NHẬN HỒ SƠ" in text and "Nguyễn Thị Hoa" in text and "Phạm Văn Hùng" in text
    preview.close()


def test_representative_needs_a_relation_and_is_saved(qtbot: QtBot, wizard: IntakeWizard, engine: Engine) -> None:
    _applicant(qtbot, wizard, "xac nhan tinh trang hon nhan", "Lê Thị Bé")
    wizard.applicant_page.by_agent.setChecked(True)
    _next(wizard)
    page = wizard.parties_page
    assert page.rep_box.isVisible() and not page.co_box.isVisible()
    type_vietnamese(page.rep_name, "Lê Văn Lớn")
    _next(wizard)
    assert "quan hệ hoặc giấy ủy quyền" in page.error.text()
    type_vietnamese(page.rep_relation, "Con, giấy ủy quyền số 12")
    _next(wizard)
    _finish(wizard)
    with session_scope(engine) as s:
        dossier = s.exec(select(Dossier)).one()
    assert Party.from_json(dossier.representative) == Party("Lê Văn Lớn", relation="Con, giấy ủy quyền số 12")
    assert dossier.co_applicant is None


def test_a_single_applicant_skips_the_parties_page(qtbot: QtBot, wizard: IntakeWizard) -> None:
    _applicant(qtbot, wizard, "xac nhan tinh trang hon nhan", "Lê Thị Bé")
    _next(wizard)
    assert wizard.currentPage() is wizard.papers_page
