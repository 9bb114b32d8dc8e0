"""Mẫu 01–07 as PDF from real dossiers: every field a citizen or an inspector reads is in the file, with
its diacritics (read back with poppler's pdftotext); a form for a dossier in the wrong state is refused."""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import pytest
import segno
from PySide6.QtWidgets import QApplication
from sqlalchemy.engine import Engine

from counter_app import dossiers, forms, privacy, staff
from counter_app.access import Actor, Role
from counter_app.catalog import default_catalog
from counter_app.citizens import CitizenInput
from counter_app.clock import VN_TZ, local_today
from counter_app.db import session_scope
from counter_app.dossier_states import DossierState
from counter_app.errors import ValidationError
from counter_app.parties import Party
from tests.factories import UNIT
from ui.forms_pdf import qr_image, write_pdf

MARRIAGE = "1.000894"
STATUS = "1.004873"  # certificate of marital status: 3 working days
RECEIVED = datetime(2026, 3, 9, 9, 5, tzinfo=VN_TZ)  # a Monday
PASSWORD = "Mật-khẩu-đủ-dài-2026"


def pdf_text(pdf: Path, first: int | None = None, last: int | None = None) -> str:
    """The PDF's text with whitespace folded, so a phrase wrapped over two lines still matches."""
    pages = [*(["-f", str(first)] if first else []), *(["-l", str(last)] if last else [])]
    out = subprocess.run(["pdftotext", *pages, str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return " ".join(out.split())


def page_count(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    match = re.search(r"Pages:\s+(\d+)", info)
    assert match is not None
    return int(match.group(1))


@dataclass(frozen=True)
class People:
    officer: Actor
    handler: Actor


@pytest.fixture
def people(engine: Engine) -> People:
    """Two officers with real accounts, so the control sheet can name who handed over and who received."""
    with session_scope(engine) as s:
        admin = staff.create_first_admin(s, UNIT, "quantri", "Quản Trị Viên", PASSWORD)
        boss = Actor(admin.id, Role.ADMIN, UNIT, 1, "Quản Trị Viên")
        one = staff.create_staff(s, boss, "trang", "Phạm Thị Thu Trang", Role.OFFICER, PASSWORD)
        two = staff.create_staff(s, boss, "khoa", "Lê Minh Khoa", Role.OFFICER, PASSWORD)
        return People(
            Actor(one.id, Role.OFFICER, UNIT, 1, "Phạm Thị Thu Trang"),
            Actor(two.id, Role.OFFICER, UNIT, 2, "Lê Minh Khoa"),
        )


APPLICANT = CitizenInput(
    "Nguyễn Thị Ánh Tuyết", "079301004567", None, "0903123456", None, "12 đường số 7, khu phố 3, phường An Lạc"
)


def receive(engine: Engine, actor: Actor, code: str = STATUS, **extra: object) -> str:
    papers = [p.name for p in default_catalog().get(code).papers if p.required]
    data = dossiers.IntakeInput(
        code,
        citizen=APPLICANT,
        papers_received=papers,
        consent_notice_version=privacy.current_notice().version,
        **extra,  # type: ignore[arg-type]
    )
    with session_scope(engine) as s:
        return dossiers.receive_dossier(s, actor, data, now=RECEIVED).id


def render(engine: Engine, actor: Actor, dossier_id: str, form: str, folder: Path) -> Path:
    with session_scope(engine) as s:
        data = forms.build(forms.load(s, actor, dossier_id), form, actor.name)
    return write_pdf(data, folder / f"mau-{form}.pdf")


HEADER = [
    "UBND PHƯỜNG AN LẠC",
    "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG PHƯỜNG AN LẠC",
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
]


def assert_all(text: str, expected: list[str]) -> None:
    missing = [e for e in expected if e not in text]
    assert not missing, missing


def test_mau_01_receipt_of_a_marriage_registration_has_every_field(
    qapp: QApplication, engine: Engine, people: People, tmp_path: Path
) -> None:
    spouse = Party("Trần Quốc Bảo", "079096001234", "0912345678", "45 Kinh Dương Vương, phường An Lạc")
    dossier_id = receive(engine, people.officer, MARRIAGE, co_applicant=spouse)
    with session_scope(engine) as s:
        dossiers.set_official_code(s, people.officer, dossier_id, "g22.99-260309-0042")
        code = dossiers.get_dossier(s, people.officer, dossier_id).dossier.code
    pdf = render(engine, people.officer, dossier_id, "01", tmp_path)
    assert page_count(pdf) == 3  # two copies of the form, then the personal-data notice on its own sheet
    first, second, notice = (pdf_text(pdf, n, n) for n in (1, 2, 3))
    papers = default_catalog().get(MARRIAGE).papers
    assert_all(
        first,
        [
            *HEADER,
            "Phường An Lạc, ngày 09 tháng 3 năm 2026",
            "Mẫu số 01 (Phụ lục I, Thông tư số 03/2025/TT-VPCP) — Liên 1: Lưu tại Bộ phận Một cửa",
            forms.TITLES["01"],
            f"Mã hồ sơ: {code}",
            "Mã hồ sơ (hệ thống): G22.99-260309-0042",
            "Trung tâm Phục vụ hành chính công phường An Lạc tiếp nhận hồ sơ của:",
            "Ông/Bà: Nguyễn Thị Ánh Tuyết",
            "Số định danh cá nhân: 079******567",
            "Địa chỉ: 12 đường số 7, khu phố 3, phường An Lạc",
            "Số điện thoại: 0903123456",
            "Và Ông/Bà: Trần Quốc Bảo",
            "Số định danh cá nhân: 079******234",
            "Địa chỉ: 45 Kinh Dương Vương, phường An Lạc",
            "Nội dung yêu cầu giải quyết: Đăng ký kết hôn (mã thủ tục 1.000894)",
            "1. Thành phần hồ sơ nộp gồm:",
            papers[0].name,
            papers[1].name,
            "Bản chính",
            "Xuất trình bản chính",
            "2. Số lượng hồ sơ: 01 (một) bộ",
            "3. Thời gian giải quyết hồ sơ theo quy định: trong ngày",
            "4. Thời gian nhận hồ sơ: 09 giờ 05 phút, ngày 09/03/2026",
            "5. Thời gian trả kết quả giải quyết hồ sơ: 09 giờ 05 phút, ngày 09/03/2026",
            "6. Nơi nhận kết quả: Trung tâm Phục vụ hành chính công phường An Lạc, quầy số 1",
            "7. Lệ phí: không thu",
            "8. Tra cứu tình trạng hồ sơ: quét mã QR trên phiếu hoặc nhập mã hồ sơ tại Cổng Dịch vụ công quốc gia",
            "dichvucong.gov.vn",
            "1022",
            "Vào Sổ theo dõi hồ sơ: Sổ ngày 09/03/2026, số thứ tự 1001",
            "Mã tra cứu nhanh",
            "NGƯỜI NỘP HỒ SƠ",
            "NGƯỜI TIẾP NHẬN HỒ SƠ",
            "(Ký và ghi rõ họ tên)",
            "Phạm Thị Thu Trang",
        ],
    )
    assert papers[2].name not in first  # an optional paper not brought is not listed as received
    assert "079301004567" not in first  # the full ID number is not needed on the slip
    assert "Liên 2: Giao người nộp hồ sơ" in second and "Nguyễn Thị Ánh Tuyết" in second
    notice_text = privacy.current_notice()
    assert_all(notice, [notice_text.title.upper(), notice_text.purpose, f"Hồ sơ {code}", "Họ và tên"])
    assert forms.TITLES["01"] not in notice  # the official form stays as the appendix has it


def test_mau_01_shows_the_representative_and_the_returned_result(
    qapp: QApplication, engine: Engine, people: People, tmp_path: Path
) -> None:
    agent = Party("Võ Thanh Tâm", "079088005555", relation="Con trai, giấy ủy quyền số 15/2026")
    dossier_id = receive(engine, people.officer, representative=agent)
    with session_scope(engine) as s:
        dossiers.mark_done(s, people.handler, dossier_id)
        taker = Party("Võ Thanh Tâm", "079088005555", relation="Người được ủy quyền")
        dossiers.return_result(
            s, people.officer, dossier_id, collector=taker, now=datetime(2026, 3, 12, 14, 30, tzinfo=VN_TZ)
        )
    text = pdf_text(render(engine, people.officer, dossier_id, "01", tmp_path), 1, 1)
    assert_all(
        text,
        [
            "Người được ủy quyền nộp hồ sơ: Võ Thanh Tâm (CCCD 079******555; Con trai, giấy ủy quyền số 15/2026)",
            "3. Thời gian giải quyết hồ sơ theo quy định: 3 ngày làm việc",
            "5. Thời gian trả kết quả giải quyết hồ sơ: 09 giờ 05 phút, ngày 12/03/2026",
            "Đã trả kết quả: 14 giờ 30 phút, ngày 12/03/2026, người nhận: Võ Thanh Tâm (Người được ủy quyền)",
        ],
    )


def test_mau_02_request_to_supplement(qapp: QApplication, engine: Engine, people: People, tmp_path: Path) -> None:
    dossier_id = receive(engine, people.officer)
    with session_scope(engine) as s:
        dossiers.request_supplement(
            s, people.officer, dossier_id, ["Bản án ly hôn của vợ/chồng trước"], "Nộp bản sao có chứng thực"
        )
    text = pdf_text(render(engine, people.officer, dossier_id, "02", tmp_path))
    assert_all(
        text,
        [
            *HEADER,
            f"Phường An Lạc, {forms.date_words(local_today())}",
            "Mẫu số 02 (Phụ lục I, Thông tư số 03/2025/TT-VPCP)",
            forms.TITLES["02"],
            "Ông/Bà: Nguyễn Thị Ánh Tuyết",
            "Nội dung yêu cầu giải quyết: Cấp Giấy xác nhận tình trạng hôn nhân (mã thủ tục 1.004873)",
            "Thời gian tiếp nhận: 09 giờ 05 phút, ngày 09/03/2026",
            "Đề nghị Ông/Bà bổ sung, hoàn thiện những nội dung sau:",
            "Bản án ly hôn của vợ/chồng trước",
            "Hướng dẫn: Nộp bản sao có chứng thực",
            "NGƯỜI HƯỚNG DẪN",
            "Phạm Thị Thu Trang",
        ],
    )


def test_mau_03_refusal(qapp: QApplication, engine: Engine, people: People, tmp_path: Path) -> None:
    dossier_id = receive(engine, people.officer)
    with session_scope(engine) as s:
        dossiers.refuse(s, people.officer, dossier_id, "Không thuộc thẩm quyền giải quyết của phường")
    text = pdf_text(render(engine, people.officer, dossier_id, "03", tmp_path))
    assert_all(
        text,
        [
            *HEADER,
            forms.TITLES["03"],
            "Mẫu số 03",
            "Ông/Bà: Nguyễn Thị Ánh Tuyết",
            "hồ sơ không được tiếp nhận, giải quyết với lý do: Không thuộc thẩm quyền giải quyết của phường",
            "NGƯỜI TIẾP NHẬN HỒ SƠ",
        ],
    )


def test_mau_04_apology_with_the_new_date_and_reason(
    qapp: QApplication, engine: Engine, people: People, tmp_path: Path
) -> None:
    dossier_id = receive(engine, people.officer)
    with session_scope(engine) as s:
        dossiers.apologise_new_date(
            s, people.handler, dossier_id, "Cần xác minh thêm tại nơi cư trú cũ", date(2026, 3, 20)
        )
    text = pdf_text(render(engine, people.officer, dossier_id, "04", tmp_path))
    assert_all(
        text,
        [
            *HEADER,
            forms.TITLES["04"],
            "Kính gửi: Ông/Bà Nguyễn Thị Ánh Tuyết",
            "vào 09 giờ 05 phút, ngày 09/03/2026",
            "Ngày hẹn trả kết quả: 12/03/2026",
            "Đến nay hồ sơ chưa giải quyết xong, lý do: Cần xác minh thêm tại nơi cư trú cũ",
            "thành thật xin lỗi Ông/Bà",
            "Ngày hẹn trả kết quả mới: 20/03/2026",
            "THỦ TRƯỞNG CƠ QUAN, ĐƠN VỊ",
            "Nơi nhận:",
            "- Lưu: Bộ phận Một cửa.",
        ],
    )


def test_mau_05_notice_that_handling_stopped(
    qapp: QApplication, engine: Engine, people: People, tmp_path: Path
) -> None:
    dossier_id = receive(engine, people.officer)
    with session_scope(engine) as s:
        dossiers.stop(s, people.handler, dossier_id, "Người yêu cầu đã chết theo trích lục khai tử")
    text = pdf_text(render(engine, people.officer, dossier_id, "05", tmp_path))
    assert_all(
        text,
        [
            *HEADER,
            forms.TITLES["05"],
            "Kính gửi: Ông/Bà Nguyễn Thị Ánh Tuyết",
            "Hồ sơ được dừng giải quyết từ",
            "Lý do dừng giải quyết: Người yêu cầu đã chết theo trích lục khai tử",
            "Cấp Giấy xác nhận tình trạng hôn nhân",
        ],
    )


def test_mau_06_control_sheet_names_every_hand_over(
    qapp: QApplication, engine: Engine, people: People, tmp_path: Path
) -> None:
    dossier_id = receive(engine, people.officer)
    with session_scope(engine) as s:
        dossiers.transition(
            s, people.handler, dossier_id, DossierState.DANG_XU_LY, now=datetime(2026, 3, 9, 14, 0, tzinfo=VN_TZ)
        )
        dossiers.transition(
            s, people.handler, dossier_id, DossierState.DA_XU_LY_XONG, now=datetime(2026, 3, 11, 10, 0, tzinfo=VN_TZ)
        )
        dossiers.return_result(s, people.officer, dossier_id, now=datetime(2026, 3, 12, 8, 0, tzinfo=VN_TZ))
    text = pdf_text(render(engine, people.officer, dossier_id, "06", tmp_path))
    assert_all(
        text,
        [
            *HEADER,
            forms.TITLES["06"],
            "Kèm theo Giấy tiếp nhận hồ sơ và hẹn trả kết quả",
            "Người nộp hồ sơ: Nguyễn Thị Ánh Tuyết",
            "Cơ quan chủ trì giải quyết: Ủy ban nhân dân phường An Lạc",
            "Bước xử lý",
            "Người giao",
            "Người nhận",
            "Tiếp nhận hồ sơ",
            "Đang xử lý",
            "Đã xử lý xong",
            "Trả kết quả",
            "ngày 09/03/2026",
            "ngày 11/03/2026",
            "Nguyễn Thị Ánh Tuyết",  # the first hand-over: the citizen to the counter
            "Phạm Thị Thu Trang",
            "Lê Minh Khoa",
            "Trước hạn",  # done on the 11th, due on the 12th
            "Đúng hạn",  # returned on the 12th
            "NGƯỜI LẬP PHIẾU",
        ],
    )


@pytest.mark.parametrize(
    ("form", "words"),
    [
        ("02", "đang chờ bổ sung"),
        ("03", "không được tiếp nhận"),
        ("04", "đã được hẹn lại ngày"),
        ("05", "đã dừng xử lý"),
    ],
)
def test_a_form_for_the_wrong_state_is_refused_in_vietnamese(
    engine: Engine, people: People, form: str, words: str
) -> None:
    dossier_id = receive(engine, people.officer)  # received, state 2
    with session_scope(engine) as s, pytest.raises(ValidationError) as caught:
        forms.build(forms.load(s, people.officer, dossier_id), form, "")
    assert f"Không lập được Mẫu số {form} cho hồ sơ ở trạng thái «Được tiếp nhận»" in str(caught.value)
    assert words in str(caught.value)


def test_receipt_is_refused_for_a_refused_dossier_and_the_menu_offers_what_applies(
    engine: Engine, people: People
) -> None:
    dossier_id = receive(engine, people.officer)
    with session_scope(engine) as s:
        assert forms.applicable(forms.load(s, people.officer, dossier_id)) == ["01", "06"]
        dossiers.refuse(s, people.officer, dossier_id, "Sai thẩm quyền")
        source = forms.load(s, people.officer, dossier_id)
        assert forms.applicable(source) == ["03"]
        with pytest.raises(ValidationError, match="giấy tiếp nhận chỉ lập cho hồ sơ đã được tiếp nhận"):
            forms.build(source, "01", "")


def test_marriage_registration_needs_both_parties(engine: Engine, people: People) -> None:
    with pytest.raises(ValidationError, match="cần thông tin của cả hai bên"):
        receive(engine, people.officer, MARRIAGE)


def test_qr_code_encodes_the_dossier_code(qapp: QApplication) -> None:
    code = "27460-260309-1001"
    image = qr_image(code)
    matrix = segno.make(code, error="m").matrix  # what a reader decodes the code from
    assert image.width() == (len(matrix) + 4) * 4
    for y, row in enumerate(matrix):
        for x, dark in enumerate(row):
            pixel = image.pixelColor((x + 2) * 4 + 1, (y + 2) * 4 + 1).lightness()
            assert (pixel < 128) == bool(dark)


def test_forms_are_set_in_the_shipped_times_metric_serif(
    qapp: QApplication, engine: Engine, people: People, tmp_path: Path
) -> None:
    from ui.fonts import FORM_FONT, register_form_fonts

    assert FORM_FONT in register_form_fonts()  # from resources/fonts, not from the system (it has none here)
    pdf = render(engine, people.officer, receive(engine, people.officer), "01", tmp_path)
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    embedded = [line.split()[0] for line in fonts.splitlines()[2:]]
    assert embedded and all("LiberationSerif" in name for name in embedded), fonts


def _word_height(pdf: Path, word: str) -> float:
    """The height in points of the first box poppler finds for `word`: the font size it was set in, roughly."""
    out = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    match = re.search(rf'yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">{re.escape(word)}</word>', out)
    assert match is not None, word
    return float(match.group(2)) - float(match.group(1))


def test_forms_and_slips_print_at_their_point_size(
    qapp: QApplication, engine: Engine, people: People, tmp_path: Path
) -> None:
    """Laid out for the screen and scaled onto a 150 dpi page, 12 pt came out at 8 pt (and a 40 pt ticket
    number at 26 pt); the layout now measures on the device."""
    from ui.forms_pdf import write_ticket_slip

    pdf = render(engine, people.officer, receive(engine, people.officer), "01", tmp_path)
    assert 12.5 < _word_height(pdf, "GIẤY") < 18  # the 13 pt title
    assert 11.5 < _word_height(pdf, "Ông/Bà:") < 17  # 12 pt body
    slip = write_ticket_slip("A012", "Phường An Lạc", "Hộ tịch", 3, "08:15 25/11/2026", tmp_path / "slip.pdf")
    assert 38 < _word_height(slip, "A012") < 55
