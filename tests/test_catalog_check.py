"""The shipped catalog against the law and its sources: codes of the portal's form and unique, every
procedure with a source row, every fee with the authority that sets it, the corrected codes."""

from __future__ import annotations

import json
import re
from datetime import date, datetime
from pathlib import Path

from sqlalchemy.engine import Engine

from counter_app import catalog, citizens, dossiers
from counter_app.clock import VN_TZ
from counter_app.config import resources_dir
from counter_app.db import session_scope
from tests.factories import OFFICER

SOURCES = Path(__file__).parents[1] / "docs" / "catalog-sources.md"


def _raw_codes() -> list[str]:
    files = sorted((resources_dir() / "catalog").glob("*.json"))
    return [p["code"] for f in files for p in json.loads(f.read_text(encoding="utf-8"))["procedures"]]


def test_codes_are_unique_and_of_the_portals_form() -> None:
    codes = _raw_codes()
    assert len(codes) == len(set(codes))
    assert all(re.fullmatch(r"[12]\.\d{6}", c) for c in codes), [
        c for c in codes if not re.fullmatch(r"[12]\.\d{6}", c)
    ]


def test_every_procedure_has_a_source_row_and_unconfirmed_rows_say_so() -> None:
    rows = {}
    for line in SOURCES.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if re.fullmatch(r"[12]\.\d{6}", cells[0]):
            rows[cells[0]] = cells
    codes = {p.code for p in catalog.load_catalog().procedures}
    assert codes == set(rows), (codes - set(rows), set(rows) - codes)
    for code, cells in rows.items():
        assert cells[-2] and cells[-1] in ("đã đối chiếu", "đã đối chiếu mã", "CHƯA ĐỐI CHIẾU"), code
        if cells[-1] == "CHƯA ĐỐI CHIẾU":  # an unconfirmed row says what was searched
            assert "không tìm thấy" in cells[-2], code


def test_every_fee_has_its_authority_and_source() -> None:
    for p in catalog.load_catalog().procedures:
        assert p.fee_authority in ("none", "central", "city_council") and p.fee_source, p.code
        if (p.fee_vnd or 0) > 0:
            assert p.fee_authority != "none", p.code
    assert catalog.load_catalog().get("2.000884").fee_authority == "central"  # Circular 226/2016/TT-BTC
    assert catalog.load_catalog().get("1.013225").fee_authority == "city_council"


def test_corrected_codes_and_names() -> None:
    cat = catalog.load_catalog()
    first = cat.get("1.013978")
    assert "lần đầu đối với hộ gia đình, cá nhân" in first.name and "2304/QĐ-BNNMT" in first.legal_basis
    assert "Cấp đổi Giấy chứng nhận" in cat.get("1.012783").name
    assert "Cấp lại Giấy chứng nhận" in cat.get("1.012786").name and "bị mất" in cat.get("1.012786").name
    assert "không phải xin phép" in cat.get("1.013992").name
    assert cat.get("1.004746").name == "Đăng ký lại kết hôn"
    assert cat.get("1.012784").name == "Tách thửa hoặc hợp thửa đất"
    codes = {p.code for p in cat.procedures}
    for wrong in ("1.012756", "1.012782", "1.012790", "1.012800", "1.012773", "1.005461"):
        assert wrong not in codes
    # The police's residence confirmation is not the ward People's Committee's one-stop procedure.
    assert "1.013130" not in codes and not cat.search("xac nhan thong tin ve cu tru")


def test_processing_conditions_and_in_person_steps() -> None:
    cat = catalog.load_catalog()
    marriage, death = cat.get("1.000894"), cat.get("1.000656")
    assert marriage.same_day and marriage.verification_days == 5 and "xác minh" in (marriage.processing_note or "")
    assert death.verification_days == 3
    assert any("Hai bên" in s for s in marriage.in_person)
    assert any("ký" in s for s in cat.get("2.000884").in_person)


def test_cutoff_is_per_procedure() -> None:
    cat = catalog.load_catalog()
    with_cutoff = {p.code for p in cat.procedures if p.cutoff is not None}
    assert {"2.000815", "2.000884", "1.001193", "1.000894", "1.000656"} <= with_cutoff
    assert all(cat.get(c).same_day for c in with_cutoff)
    assert cat.get("1.004873").cutoff is None and cat.get("1.013978").cutoff is None


def test_received_at_1530_multi_day_is_not_a_day_late_same_day_moves(engine: Engine) -> None:
    at = datetime(2026, 3, 10, 15, 30, tzinfo=VN_TZ)  # Tuesday afternoon
    with session_scope(engine) as s:
        three_days = dossiers.deadline(s, OFFICER.unit_code, catalog.load_catalog().get("1.004873"), at)
        copy = dossiers.deadline(s, OFFICER.unit_code, catalog.load_catalog().get("2.000815"), at)
        morning = dossiers.deadline(s, OFFICER.unit_code, catalog.load_catalog().get("2.000815"), at.replace(hour=9))
    assert three_days == date(2026, 3, 13)  # Wed, Thu, Fri: counted from Tuesday, the cutoff does not apply
    assert copy == date(2026, 3, 11) and morning == date(2026, 3, 10)
    data = dossiers.IntakeInput(
        "1.004873",
        citizen=citizens.CitizenInput("Lê Văn Tám", "079201004567"),
        papers_received=[p.name for p in catalog.load_catalog().get("1.004873").papers if p.required],
    )
    with session_scope(engine) as s:
        assert dossiers.receive_dossier(s, OFFICER, data, now=at).due_date == date(2026, 3, 13)


def test_online_guides_are_per_procedure() -> None:
    cat = catalog.load_catalog()
    online = [p for p in cat.procedures if p.online != "none"]
    assert len({p.online_steps for p in online}) == len(online)  # no two procedures share one template
    for p in online:
        assert p.guide is not None
        assert any("mật khẩu" in s and "Không" in s for s in p.guide.volunteer_must_not), p.code
        assert any(p.code in s for s in p.online_steps), p.code
        if p.fee_authority != "none":
            assert p.guide.payment and any("Thanh toán" in s for s in p.online_steps), p.code
        for step in p.in_person:
            assert any(step in s for s in p.online_steps), p.code
    marriage_again = cat.get("1.004746")
    assert marriage_again.guide is not None
    divorce = cat.get("1.004873")  # a divorce judgment or death extract may already be in the data store
    assert divorce.guide is not None and divorce.guide.data_store
    assert any("Kho dữ liệu" in s and divorce.guide.data_store[0] in s for s in divorce.online_steps)
    assert not any(divorce.guide.data_store[0] in s for s in divorce.online_steps if s.startswith("Tải lên"))
    assert cat.get("2.000986").guide.vneid  # type: ignore[union-attr]


def test_codes_and_names_checked_in_2026_11_3_are_what_the_catalog_serves() -> None:
    """Codes and names from published lists (docs/catalog-sources.md): household business under Decree 168/2025,
    authentication, building permits, adoption, the linked birth registration."""
    cat = catalog.load_catalog()
    assert cat.version == "2026.11-3"
    served = {
        "1.001612": "Đăng ký thành lập hộ kinh doanh",
        "2.000720": "Đăng ký thay đổi nội dung đăng ký hộ kinh doanh",
        "1.001570": "Tạm ngừng kinh doanh, tiếp tục kinh doanh trước thời hạn đã thông báo của hộ kinh doanh",
        "1.001266": "Chấm dứt hoạt động hộ kinh doanh",
        "2.000575": "Cấp lại Giấy chứng nhận đăng ký hộ kinh doanh, Cấp đổi sang Giấy chứng nhận đăng ký hộ kinh doanh",
        "2.000815": "Chứng thực bản sao từ bản chính giấy tờ, văn bản do cơ quan, tổ chức có thẩm quyền của Việt Nam; "
        "cơ quan, tổ chức có thẩm quyền của nước ngoài; cơ quan, tổ chức có thẩm quyền của Việt Nam liên kết với cơ "
        "quan, tổ chức có thẩm quyền của nước ngoài cấp hoặc chứng nhận",
        "2.001019": "Chứng thực di chúc",
        "2.000913": "Chứng thực việc sửa đổi, bổ sung, hủy bỏ giao dịch",
        "2.000927": "Sửa lỗi sai sót trong giao dịch",
        "2.001406": "Chứng thực văn bản thỏa thuận phân chia di sản mà di sản là động sản, quyền sử dụng đất, nhà ở",
        "2.001035": "Chứng thực giao dịch liên quan đến tài sản là động sản, quyền sử dụng đất, nhà ở",
        "1.013225": "Cấp giấy phép xây dựng mới đối với công trình cấp III, cấp IV và nhà ở riêng lẻ",
        "1.013228": "Cấp lại giấy phép xây dựng đối với công trình cấp III, cấp IV và nhà ở riêng lẻ",
        "2.001263": "Đăng ký việc nuôi con nuôi trong nước",
        "2.000986": "Liên thông thủ tục hành chính về đăng ký khai sinh, đăng ký thường trú, cấp thẻ bảo hiểm y tế "
        "cho trẻ em dưới 6 tuổi",
        "1.000689": "Đăng ký khai sinh kết hợp đăng ký nhận cha, mẹ, con",
        "1.010833": "Cấp giấy xác nhận thân nhân của người có công",
        "1.012812": "Hòa giải tranh chấp đất đai",
        "1.003622": "Thông báo tổ chức lễ hội cấp xã",
    }
    transfer = cat.get("1.013831")  # land transfer, inheritance, gift (Decision 2304/QĐ-BNNMT)
    assert transfer.name.startswith("Đăng ký biến động quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất")
    assert transfer.processing_days == 5 and "2304/QĐ-BNNMT" in transfer.legal_basis
    for code, name in served.items():
        assert cat.get(code).name == name, code
        assert any(code in s for s in cat.get(code).online_steps) or cat.get(code).online == "none", code
    # Processing times the published household-business list gives (working days).
    assert [cat.get(c).processing_days for c in ("1.001612", "2.000720", "1.001570", "1.001266")] == [3, 3, 1, 5]
    assert cat.get("2.001263").fee_vnd == 400_000 and cat.get("2.001263").fee_authority == "central"
    codes = {p.code for p in cat.procedures}
    gone = ("2.000644", "2.000908", "2.001016", "2.001050", "2.001009", "1.003005", "1.001695", "1.010815")
    gone += ("1.003554", "1.000775", "1.012761", "2.000286")
    assert not codes & {*gone, "1.009994", "1.009995", "1.009996", "1.009997"}
    for old in gone[:-1]:  # each leads a dossier on file to the procedure it was received for
        assert catalog.CORRECTED_CODES[old] in codes, old
    assert "2.000286" not in catalog.CORRECTED_CODES  # on the portal another procedure; no code known for ours



def test_codes_the_core_names_are_in_the_catalog() -> None:
    """A list of codes kept in the code (procedures whose result waits on a financial obligation) follows the
    catalog's corrections: it held 1.012782 and 1.012756 after 2026.11-2 had moved them."""
    from counter_app import dossiers

    codes = {p.code for p in catalog.load_catalog().procedures}
    assert not dossiers.FINANCIAL_OBLIGATION - codes, dossiers.FINANCIAL_OBLIGATION - codes
