"""Mẫu 07, the register of dossiers: per day, per period and per field, as an A4 landscape PDF read back
with pdftotext, as XLSX read back with openpyxl, and printed from its preview without a crash."""

from __future__ import annotations

import gc
import re
import subprocess
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewWidget
from pytestqt.qtbot import QtBot
from sqlalchemy.engine import Engine

from counter_app import dossiers, register
from counter_app.catalog import Procedure, default_catalog
from counter_app.citizens import CitizenInput
from counter_app.clock import VN_TZ
from counter_app.config import default_paths
from counter_app.db import session_scope
from counter_app.parties import Party, needs_two_applicants
from counter_app.settings import DeviceSettings
from tests.factories import OFFICER
from tests.ui.active import show_active
from ui.context import AppContext
from ui.register_dialog import RegisterDialog
from ui.register_export import write_register_pdf, write_register_xlsx

STATUS = "1.004873"  # Hộ tịch
MONDAY, TUESDAY = date(2026, 3, 9), date(2026, 3, 10)


def _other_field() -> Procedure:
    return next(p for p in default_catalog().procedures if p.field != "Hộ tịch" and not needs_two_applicants(p))


def _text(pdf: Path) -> str:
    out = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return " ".join(out.split())


def _receive(engine: Engine, code: str, name: str, day: date, hour: int, phone: str | None = None) -> str:
    papers = [p.name for p in default_catalog().get(code).papers if p.required]
    citizen = CitizenInput(name, None, None, phone, None, "Số 5 Hồ Học Lãm, phường An Lạc")
    data = dossiers.IntakeInput(code, citizen=citizen, papers_received=papers)
    when = datetime(day.year, day.month, day.day, hour, 0, tzinfo=VN_TZ)
    with session_scope(engine) as s:
        return dossiers.receive_dossier(s, OFFICER, data, now=when).id


@pytest.fixture
def day(engine: Engine) -> dict[str, str]:
    """Three dossiers on Monday (one returned to an authorised person, one with an official code), one on Tuesday."""
    ids = {
        "Đặng Thị Hồng": _receive(engine, STATUS, "Đặng Thị Hồng", MONDAY, 8, "0903111222"),
        "Bùi Văn Ước": _receive(engine, _other_field().code, "Bùi Văn Ước", MONDAY, 10),
        "Hà Thị Ngân": _receive(engine, STATUS, "Hà Thị Ngân", MONDAY, 15),
        "Tô Văn Lâm": _receive(engine, STATUS, "Tô Văn Lâm", TUESDAY, 9),
    }
    with session_scope(engine) as s:
        first = ids["Đặng Thị Hồng"]
        dossiers.mark_done(s, OFFICER, first)
        taker = Party("Phan Minh Đức", "079088005555", relation="Chồng, giấy ủy quyền số 7")
        dossiers.return_result(s, OFFICER, first, collector=taker, now=datetime(2026, 3, 12, 14, 30, tzinfo=VN_TZ))
        dossiers.set_official_code(s, OFFICER, ids["Hà Thị Ngân"], "H29.99.19-260309-0003")
    return ids


def _codes(engine: Engine, ids: dict[str, str]) -> dict[str, str]:
    with session_scope(engine) as s:
        return {name: dossiers.get_dossier(s, OFFICER, i).dossier.code for name, i in ids.items()}


def test_register_of_a_day_as_a_landscape_pdf(
    qapp: object, engine: Engine, day: dict[str, str], tmp_path: Path
) -> None:
    codes = _codes(engine, day)
    with session_scope(engine) as s:
        reg = register.build_register(s, OFFICER, MONDAY)
    assert [r.applicant for r in reg.rows] == ["Đặng Thị Hồng", "Bùi Văn Ước", "Hà Thị Ngân"]  # order received
    pdf = write_register_pdf(reg, tmp_path / "so.pdf")
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    width, height = map(float, re.findall(r"Page size:\s+([\d.]+) x ([\d.]+)", info)[0])
    assert round(width) == 842 and round(height) == 595  # A4 landscape, in points
    text = _text(pdf)
    compact = text.replace(" ", "")  # a long code may wrap inside its cell
    for expected in (
        "SỔ THEO DÕI HỒ SƠ",
        "Mẫu số 07 (Phụ lục I, Thông tư số 03/2025/TT-VPCP)",
        "UBND PHƯỜNG AN LẠC",
        "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG PHƯỜNG AN LẠC",
        "Ngày 09/03/2026 · 3 hồ sơ",
        "Đặng Thị Hồng",
        "Bùi Văn Ước",
        "Hà Thị Ngân",
        "0903111222",
        "Cấp Giấy xác nhận",  # long cells wrap; their full text is checked in the XLSX
        " ".join(_other_field().name.split()[:2]),
        "Ủy ban nhân",
        "09/03/2026",
        "08:00",  # received (the time sits under the date in its cell)
        "12/03/2026",
        "14:30",  # returned
        "Phan Minh Đức",
        "079088005555",
        "Chồng, giấy",
        "Người nhận kết quả",
        "Ký nhận",
        "Ngày trả kết quả",
    ):
        assert expected in text, expected
    assert "Tô Văn Lâm" not in text  # Tuesday's
    for code in (codes["Đặng Thị Hồng"], codes["Bùi Văn Ước"], codes["Hà Thị Ngân"], "H29.99.19-260309-0003"):
        assert code in compact, code


def test_register_per_period_and_per_field(engine: Engine, day: dict[str, str]) -> None:
    with session_scope(engine) as s:
        both = register.build_register(s, OFFICER, MONDAY, TUESDAY)
        civil = register.build_register(s, OFFICER, MONDAY, TUESDAY, "Hộ tịch")
    assert both.period == "Từ ngày 09/03/2026 đến ngày 10/03/2026" and len(both.rows) == 4
    assert [r.applicant for r in civil.rows] == ["Đặng Thị Hồng", "Hà Thị Ngân", "Tô Văn Lâm"]
    assert [r.number for r in civil.rows] == [1, 2, 3]


def test_register_xlsx_rows_match_the_dossiers(engine: Engine, day: dict[str, str], tmp_path: Path) -> None:
    codes = _codes(engine, day)
    with session_scope(engine) as s:
        reg = register.build_register(s, OFFICER, MONDAY, TUESDAY)
    book = openpyxl.load_workbook(write_register_xlsx(reg, tmp_path / "so.xlsx"))
    sheet = book.active
    assert sheet is not None
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[1][0] == "SỔ THEO DÕI HỒ SƠ" and rows[2][0] == "Từ ngày 09/03/2026 đến ngày 10/03/2026"
    header = rows.index(tuple(register.COLUMNS))
    data = rows[header + 1 :]
    assert [r[0] for r in data] == [1, 2, 3, 4]
    assert [r[5] for r in data] == ["Đặng Thị Hồng", "Bùi Văn Ước", "Hà Thị Ngân", "Tô Văn Lâm"]
    assert [str(r[1]).split("\n")[0] for r in data] == [
        codes[n] for n in ("Đặng Thị Hồng", "Bùi Văn Ước", "Hà Thị Ngân", "Tô Văn Lâm")
    ]
    assert data[2][1].endswith("H29.99.19-260309-0003")
    assert data[0][10] == "12/03/2026 14:30" and data[0][11] == "Phan Minh Đức, 079088005555, Chồng, giấy ủy quyền số 7"
    assert data[1][10] == "" or data[1][10] is None  # not returned yet
    assert sheet.page_setup.orientation == "landscape"


def test_register_dialog_previews_paints_prints_and_exports(
    qtbot: QtBot, engine: Engine, day: dict[str, str], tmp_path: Path
) -> None:
    ctx = AppContext(engine, default_paths().ensure(), DeviceSettings(unit_code="27460", counter_no=1), OFFICER)
    dialog = RegisterDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.date_from.setDate(QDate(2026, 3, 9))
    dialog.date_to.setDate(QDate(2026, 3, 10))
    dialog.field.setCurrentIndex(dialog.field.findData("Hộ tịch"))
    show_active(qtbot, dialog)
    qtbot.keyClick(dialog, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    preview = dialog.preview_dialog
    assert preview is not None
    qtbot.waitUntil(lambda: preview.isVisible() and preview.paint_count >= 1)
    gc.collect()
    printer = preview.printer()
    assert printer.pageLayout().orientation().name == "Landscape"
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    widget = preview.findChild(QPrintPreviewWidget)
    assert widget is not None
    widget.print_()
    printed = _text(tmp_path / "printed.pdf")
    assert "SỔ THEO DÕI HỒ SƠ" in printed and "Tô Văn Lâm" in printed and "Bùi Văn Ước" not in printed
    preview.close()
    assert dialog.isVisible()
    xlsx = dialog.export_xlsx()
    assert xlsx is not None and xlsx.name == "so-theo-doi-20260309-20260310-ho-tich.xlsx"
    assert "3 hồ sơ. Đã xuất Excel" in dialog.status.text()
