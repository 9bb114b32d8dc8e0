"""Mẫu 01–07 as PDF: the text a citizen reads is really in the file, with its diacritics."""

from __future__ import annotations

import subprocess
from datetime import date, datetime
from pathlib import Path

import pytest
import segno
from PySide6.QtWidgets import QApplication
from sqlalchemy.engine import Engine

from counter_app import dossiers, forms, privacy
from counter_app.catalog import default_catalog
from counter_app.citizens import CitizenInput
from counter_app.clock import VN_TZ
from counter_app.db import session_scope
from tests.factories import OFFICER
from ui.forms_pdf import qr_image, write_pdf

CODE = "1.004873"


def _text(pdf: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def _dossier(engine: Engine) -> str:
    papers = [p.name for p in default_catalog().get(CODE).papers if p.required]
    data = dossiers.IntakeInput(
        CODE,
        citizen=CitizenInput("Nguyễn Thị Ánh Tuyết", "079301004567"),
        papers_received=papers,
        consent_notice_version=privacy.current_notice().version,
    )
    with session_scope(engine) as s:
        return dossiers.receive_dossier(s, OFFICER, data, now=datetime(2026, 3, 9, 9, 5, tzinfo=VN_TZ)).id


def test_receipt_pdf_has_code_applicant_due_date_and_notice(qapp: QApplication, engine: Engine, tmp_path: Path) -> None:
    with session_scope(engine) as s:
        view = dossiers.get_dossier(s, OFFICER, _dossier(engine))
    pdf = write_pdf(forms.build(view, "01", "Cán bộ Một"), tmp_path / "receipt.pdf")
    text = _text(pdf)
    for expected in (
        "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ",
        "Phường An Lạc",
        view.dossier.code,
        "Nguyễn Thị Ánh Tuyết",
        "12/03/2026",
        "079******567",
        "Cán bộ Một",
        f"phiên bản {privacy.current_notice().version}",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    ):
        assert expected in text, expected
    assert "079301004567" not in text  # the full ID is not needed on the slip


def test_qr_code_encodes_the_dossier_code(qapp: QApplication) -> None:
    code = "27460-260309-1001"
    image = qr_image(code)
    matrix = segno.make(code, error="m").matrix  # what a reader decodes the code from
    assert image.width() == (len(matrix) + 4) * 4
    for y, row in enumerate(matrix):
        for x, dark in enumerate(row):
            pixel = image.pixelColor((x + 2) * 4 + 1, (y + 2) * 4 + 1).lightness()
            assert (pixel < 128) == bool(dark)


@pytest.mark.parametrize("form", ["02", "03", "04"])
def test_other_forms(qapp: QApplication, engine: Engine, tmp_path: Path, form: str) -> None:
    dossier_id = _dossier(engine)
    with session_scope(engine) as s:
        if form == "02":
            dossiers.request_supplement(s, OFFICER, dossier_id, ["Bản án ly hôn"], "Nộp bản sao có chứng thực")
        elif form == "03":
            dossiers.refuse(s, OFFICER, dossier_id, "Không thuộc thẩm quyền")
        else:
            dossiers.apologise_new_date(s, OFFICER, dossier_id, "Cần xác minh thêm", date(2026, 3, 20))
        view = dossiers.get_dossier(s, OFFICER, dossier_id)
    text = _text(write_pdf(forms.build(view, form, "Cán bộ Một"), tmp_path / f"{form}.pdf"))
    expected = {"02": "Bản án ly hôn", "03": "Không thuộc thẩm quyền", "04": "2026-03-20"}[form]
    assert forms.TITLES[form] in text and expected in text


def test_forms_are_set_in_the_shipped_times_metric_serif(qapp: QApplication, engine: Engine, tmp_path: Path) -> None:
    from ui.fonts import FORM_FONT, register_form_fonts

    assert FORM_FONT in register_form_fonts()  # from resources/fonts, not from the system (it has none here)
    with session_scope(engine) as s:
        view = dossiers.get_dossier(s, OFFICER, _dossier(engine))
    pdf = write_pdf(forms.build(view, "01", "Cán bộ Một"), tmp_path / "font.pdf")
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    embedded = [line.split()[0] for line in fonts.splitlines()[2:]]
    assert embedded and all("LiberationSerif" in name for name in embedded), fonts
