"""Printing a form from the dossier window: the preview paints, prints on a PDF-format QPrinter and the
app lives on (it crashed before: the preview's printer was freed while the dialog painted with it);
a missing A4 printer or PDF viewer is said, and the PDF is kept."""

from __future__ import annotations

import gc
import subprocess
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QDesktopServices
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewWidget
from pytestqt.qtbot import QtBot
from sqlalchemy.engine import Engine

from counter_app import dossiers, forms
from counter_app.catalog import default_catalog
from counter_app.citizens import CitizenInput
from counter_app.clock import VN_TZ
from counter_app.config import default_paths
from counter_app.db import session_scope
from counter_app.settings import DeviceSettings
from tests.factories import OFFICER
from tests.ui.active import show_active
from ui.context import AppContext
from ui.dossiers.detail import DossierDetailDialog
from ui.form_printing import print_form
from ui.forms_pdf import FormPreviewDialog

CODE = "1.004873"


def _text(pdf: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout


@pytest.fixture
def ctx(engine: Engine) -> AppContext:
    return AppContext(engine, default_paths().ensure(), DeviceSettings(unit_code="27460", counter_no=1), OFFICER)


def _receive(engine: Engine) -> str:
    papers = [p.name for p in default_catalog().get(CODE).papers if p.required]
    data = dossiers.IntakeInput(
        CODE, citizen=CitizenInput("Trần Thị Ngọc Hương", "079301004567"), papers_received=papers
    )
    with session_scope(engine) as s:
        return dossiers.receive_dossier(s, OFFICER, data, now=datetime(2026, 3, 9, 9, 5, tzinfo=VN_TZ)).id


def _print_from(preview: FormPreviewDialog, target: Path) -> str:
    """Press the preview's print action with its printer turned into a PDF file; what it printed."""
    printer = preview.printer()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(target))
    widget = preview.findChild(QPrintPreviewWidget)
    assert widget is not None
    widget.print_()
    return _text(target)


def _painted(qtbot: QtBot, preview: FormPreviewDialog) -> None:
    qtbot.waitUntil(lambda: preview.isVisible() and preview.paint_count >= 1)
    gc.collect()  # the old dialog's printer went here, and the next paint crashed the process
    preview.resize(preview.width() + 40, preview.height() + 40)
    qtbot.wait(50)


def test_ctrl_p_previews_paints_and_prints_and_the_app_lives(qtbot: QtBot, ctx: AppContext, tmp_path: Path) -> None:
    dialog = DossierDetailDialog(ctx, _receive(ctx.engine))
    qtbot.addWidget(dialog)
    show_active(qtbot, dialog)
    qtbot.keyClick(dialog, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    preview = dialog.preview_dialog
    assert preview is not None
    _painted(qtbot, preview)
    text = _print_from(preview, tmp_path / "printed.pdf")
    assert forms.TITLES["01"] in text and "Trần Thị Ngọc Hương" in text
    preview.close()
    gc.collect()
    assert dialog.isVisible()  # still here: the process did not die under the preview
    kept = ctx.paths.data / "forms"
    assert [p.name.endswith("-01.pdf") for p in kept.iterdir()] == [True]  # the PDF is kept too


def test_the_chosen_a4_printer_receives_the_form(qtbot: QtBot, ctx: AppContext, tmp_path: Path) -> None:
    dialog = DossierDetailDialog(ctx, _receive(ctx.engine))
    qtbot.addWidget(dialog)
    chosen = QPrinter(QPrinter.PrinterMode.HighResolution)
    asked: list[str] = []

    def find(name: str) -> QPrinter:
        asked.append(name)
        return chosen

    built = dialog._form("01")
    assert built is not None
    preview = print_form(dialog, *built, "A4 tầng 1", find_printer=find)
    _painted(qtbot, preview)
    assert asked == ["A4 tầng 1"] and preview.printer() is chosen
    assert "Trần Thị Ngọc Hương" in _print_from(preview, tmp_path / "a4.pdf")
    preview.close()


def test_missing_a4_printer_is_said_and_the_pdf_kept(qtbot: QtBot, ctx: AppContext, message_boxes: list[str]) -> None:
    ctx.settings.form_printer = "Máy in đã tháo"
    dialog = DossierDetailDialog(ctx, _receive(ctx.engine))
    qtbot.addWidget(dialog)
    preview = dialog.print_form("01")
    assert preview is not None
    _painted(qtbot, preview)
    assert len(message_boxes) == 1 and "Không tìm thấy máy in A4 «Máy in đã tháo»" in message_boxes[0]
    pdf = Path(message_boxes[0].split("\n")[-1])
    assert pdf.exists() and forms.TITLES["01"] in _text(pdf)
    preview.close()


def test_no_pdf_viewer_shows_the_form_in_the_app_and_where_the_pdf_is(
    qtbot: QtBot, ctx: AppContext, message_boxes: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda _url: False)  # what Qt answers without a viewer
    dialog = DossierDetailDialog(ctx, _receive(ctx.engine))
    qtbot.addWidget(dialog)
    qtbot.mouseClick(dialog.pdf, Qt.MouseButton.LeftButton)
    preview = dialog.preview_dialog
    assert preview is not None
    _painted(qtbot, preview)
    assert "chưa có chương trình xem PDF" in message_boxes[0]
    assert Path(message_boxes[0].split("\n")[-1]).exists()
    preview.close()
