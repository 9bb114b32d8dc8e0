"""What the one-stop forms say, assembled from a dossier (no layout here; `ui/forms_pdf.py` lays them
out on A4). Legal basis, named once: Decree 118/2025/NĐ-CP (amended by Decree 367/2025/NĐ-CP) and
Circular 03/2025/TT-VPCP, whose Appendix I sets the forms:

    Mẫu 01 receipt and appointment      (states 2, 4, 6, 9, 10: the dossier was received)
    Mẫu 02 request to supplement        (state 5)
    Mẫu 03 refusal                      (state 3)
    Mẫu 04 apology and extension        (an open dossier whose date was moved, with the reason)
    Mẫu 05 notice of stopped handling   (state 8)
    Mẫu 06 process control sheet        (any received dossier: every step, who handed over, who received)
    Mẫu 07 register of dossiers         (`counter_app.register`)

Each form's wording lives in its own builder below; docs/forms.md says what each holds and what was
assumed. A form asked for a dossier in a state where it does not apply is refused in Vietnamese."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlmodel import Session, col, select

from counter_app.access import Actor
from counter_app.catalog import FORM_LABELS_VI
from counter_app.clock import local_today, to_local
from counter_app.dossier_states import OPEN, DossierState
from counter_app.dossiers import DossierView, get_dossier
from counter_app.errors import ValidationError
from counter_app.i18n import QT_TRANSLATE_NOOP
from counter_app.identity import mask_id
from counter_app.models import Staff
from counter_app.parties import Party
from counter_app.privacy import current_notice, ward_name
from counter_app.text import money
from counter_app.units import get_unit

LEGAL_BASIS = (
    "Nghị định số 118/2025/NĐ-CP của Chính phủ (sửa đổi, bổ sung bởi Nghị định số 367/2025/NĐ-CP) "
    "và Thông tư số 03/2025/TT-VPCP ngày 15/9/2025 của Văn phòng Chính phủ"
)
APPENDIX = "Phụ lục I, Thông tư số 03/2025/TT-VPCP"
MOTTO = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")
LOOKUP = "Cổng Dịch vụ công quốc gia (dichvucong.gov.vn)"
HOTLINE = "1022"
TITLES = {
    "01": "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ",
    "02": "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ",
    "03": "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ",
    "04": "VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT",
    "05": "THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ",
    "06": "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ",
    "07": "SỔ THEO DÕI HỒ SƠ",
}
SIGN_HINT = "(Ký và ghi rõ họ tên)"
SEAL_HINT = "(Ký, ghi rõ họ tên và đóng dấu)"
S = DossierState
RECEIVED = frozenset({S.DUOC_TIEP_NHAN, S.DANG_XU_LY, S.YEU_CAU_NGHIA_VU_TAI_CHINH, S.DA_XU_LY_XONG, S.DA_TRA_KET_QUA})


@dataclass(frozen=True)
class Header:
    """The two header columns of an administrative document and the place-date line."""

    ruling_body: str  # UBND PHƯỜNG AN LẠC
    issuing_body: str  # TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG PHƯỜNG AN LẠC
    place_date: str  # Phường An Lạc, ngày 09 tháng 3 năm 2026


@dataclass(frozen=True)
class Line:
    """A sentence of the body; with a value, "label: value" (the value stands out)."""

    text: str
    value: str = ""
    indent: bool = False


@dataclass(frozen=True)
class Table:
    headers: list[str]
    rows: list[list[str]]


@dataclass(frozen=True)
class Signature:
    role: str
    hint: str = SIGN_HINT
    name: str = ""


@dataclass(frozen=True)
class FormData:
    form: str
    title: str
    header: Header
    code: str  # the local receipt code
    official_code: str | None
    body: list[Line | Table]
    signatures: list[Signature]
    addressee: str = ""  # "Kính gửi: …" for letters (04, 05)
    recipients: list[str] = field(default_factory=list)  # "Nơi nhận" of a letter, left of its signature
    copies: list[str] = field(default_factory=lambda: [""])  # one page per copy, with its label
    qr: str | None = None  # what the QR code holds (Mẫu 01: the dossier code)
    annex_title: str = ""  # a separate sheet after the form (Mẫu 01: the personal-data notice)
    annex: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class FormSource:
    """Everything a form reads about one dossier."""

    view: DossierView
    staff_names: Mapping[str, str]


def load(session: Session, actor: Actor, dossier_id: str) -> FormSource:
    view = get_dossier(session, actor, dossier_id)
    ids = {e.actor_id for e in view.events if e.actor_id} | ({view.dossier.officer_id} - {None})
    rows = session.exec(select(Staff.id, Staff.full_name).where(col(Staff.id).in_(ids))).all() if ids else []
    return FormSource(view, {sid: name for sid, name in rows})


class FormNotApplicable(ValidationError):
    pass


def ward_header(unit_code: str, day: date) -> Header:
    ward = get_unit(unit_code).name
    return Header(
        f"UBND {ward.upper()}",  # Decree 30/2020 allows "UBND" in the superior body's name
        f"TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG {ward.upper()}",
        f"{ward}, {date_words(day)}",
    )


def unit_in_sentence(unit_code: str) -> str:
    """phường An Lạc: the unit's kind in lower case, as it is written mid-sentence."""
    unit = get_unit(unit_code)
    return unit.kind.lower() + unit.name[len(unit.kind) :]


def centre_name(unit_code: str) -> str:
    return f"Trung tâm Phục vụ hành chính công {unit_in_sentence(unit_code)}"


def handling_body(unit_code: str) -> str:
    return f"Ủy ban nhân dân {unit_in_sentence(unit_code)}"


def date_words(day: date) -> str:
    """ngày 09 tháng 3 năm 2026: days below 10 and months 1 and 2 take a leading 0 (Decree 30/2020)."""
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"


def clock_words(moment: datetime) -> str:
    local = to_local(moment)
    return f"{local:%H} giờ {local:%M} phút, ngày {local:%d/%m/%Y}"


def appointment(view: DossierView) -> datetime | None:
    """The appointment: the due date at the clock time of receipt (N working days later); assumed,
    see docs/forms.md."""
    d = view.dossier
    if d.due_date is None:
        return None
    return datetime.combine(d.due_date, to_local(d.received_at).timetz().replace(second=0, microsecond=0))


def register_entry(code: str) -> str:
    """Where the dossier stands in the register (Mẫu 07): the receipt day and the counter's sequence,
    the same numbers as in the local code, so the entry never changes after a sync."""
    _unit, day, seq = code.split("-")
    return f"Sổ ngày {day[4:6]}/{day[2:4]}/20{day[:2]}, số thứ tự {seq}"


def _refuse(form: str, view: DossierView, when: str) -> FormNotApplicable:
    return FormNotApplicable(
        QT_TRANSLATE_NOOP("core", "Không lập được Mẫu số {form} cho hồ sơ ở trạng thái «{state}»: {when}"),
        "form",
        form=form,
        state=view.state.label_vi,
        when=when,
    )


def _form_event(view: DossierView, number: str) -> dict[str, Any]:
    for event in reversed(view.events):
        data = json.loads(event.form_data) if event.form_data else {}
        if data.get("form") == number:
            return dict(data)
    return {}


def _applicant_lines(view: DossierView) -> list[Line | Table]:
    d, c = view.dossier, view.citizen
    lines: list[Line | Table] = [
        Line("Ông/Bà", c.full_name, indent=True),
        Line("Số định danh cá nhân", mask_id(c.id_number) or "—", indent=True),
        Line("Địa chỉ", c.address or "—", indent=True),
        Line("Số điện thoại", c.phone or "—", indent=True),
    ]
    co = Party.from_json(d.co_applicant)
    if co is not None:
        lines += [
            Line("Và Ông/Bà", co.full_name, indent=True),
            Line("Số định danh cá nhân", mask_id(co.id_number) or "—", indent=True),
            Line("Địa chỉ", co.address or "—", indent=True),
            Line("Số điện thoại", co.phone or "—", indent=True),
        ]
    rep = Party.from_json(d.representative)
    if rep is not None:
        who = f"{rep.full_name} (CCCD {mask_id(rep.id_number) or '—'}; {rep.relation or ''})"
        lines.append(Line("Người được ủy quyền nộp hồ sơ", who, indent=True))
    return lines


def _procedure_line(view: DossierView) -> Line:
    p = view.procedure
    return Line("Nội dung yêu cầu giải quyết", f"{p.name} (mã thủ tục {p.code})")


def _papers_table(view: DossierView, received: bool = True) -> Table:
    rows = [
        [str(i), p.name, FORM_LABELS_VI.get(p.form, p.form), f"{p.count:02d}"]
        for i, p in enumerate((p for p in view.papers if p.received == received), 1)
    ]
    return Table(["TT", "Tên giấy tờ", "Hình thức", "Số lượng"], rows)


def _applicant_signature(view: DossierView) -> Signature:
    rep = Party.from_json(view.dossier.representative)
    return Signature("NGƯỜI NỘP HỒ SƠ", name=rep.full_name if rep else view.citizen.full_name)


def _form_01(src: FormSource, officer: str) -> FormData:
    view = src.view
    if view.state not in RECEIVED:
        raise _refuse("01", view, QT_TRANSLATE_NOOP("core", "giấy tiếp nhận chỉ lập cho hồ sơ đã được tiếp nhận."))
    d, p = view.dossier, view.procedure
    centre = centre_name(d.unit_code)
    due = appointment(view)
    days = "trong ngày" if p.same_day else f"{p.processing_days} ngày làm việc"
    collected = Party.from_json(d.collected_by)
    body: list[Line | Table] = [
        Line(f"{centre} tiếp nhận hồ sơ của:"),
        *_applicant_lines(view),
        _procedure_line(view),
        Line("1. Thành phần hồ sơ nộp gồm:"),
        _papers_table(view),
        Line("2. Số lượng hồ sơ", "01 (một) bộ"),
        Line("3. Thời gian giải quyết hồ sơ theo quy định", days),
        Line("4. Thời gian nhận hồ sơ", clock_words(d.received_at)),
        Line("5. Thời gian trả kết quả giải quyết hồ sơ", clock_words(due) if due else "—"),
        Line("6. Nơi nhận kết quả", f"{centre}, quầy số {d.counter_no or '—'}"),
        Line("7. Lệ phí", _fee(d.fee_amount, d.fee_paid)),
        Line(
            "8. Tra cứu tình trạng hồ sơ",
            f"quét mã QR trên phiếu hoặc nhập mã hồ sơ tại {LOOKUP}; đường dây nóng {HOTLINE}",
        ),
        Line("Vào Sổ theo dõi hồ sơ", register_entry(d.code)),
    ]
    if collected is not None and d.returned_at is not None:
        who = collected.full_name + (f" ({collected.relation})" if collected.relation else "")
        body.append(Line("Đã trả kết quả", f"{clock_words(d.returned_at)}, người nhận: {who}"))
    notice = current_notice()
    return FormData(
        "01",
        TITLES["01"],
        ward_header(d.unit_code, to_local(d.received_at).date()),
        d.code,
        d.official_code,
        body,
        [_applicant_signature(view), Signature("NGƯỜI TIẾP NHẬN HỒ SƠ", name=officer)],
        copies=["Liên 1: Lưu tại Bộ phận Một cửa", "Liên 2: Giao người nộp hồ sơ"],
        qr=d.code,
        annex_title=f"{notice.title.upper()} (phiên bản {notice.version})",
        annex=[
            *notice.paragraphs(ward_name(d.unit_code)),
            f"Hồ sơ {d.code}: công dân đã được thông báo"
            + (f" (phiên bản {d.consent_notice_version})." if d.consent_notice_version else "."),
        ],
    )


def _fee(amount: int, paid: bool) -> str:
    if not amount:
        return "không thu"
    return money(amount) + (" (đã nộp)" if paid else " (chưa nộp)")


def _form_02(src: FormSource, officer: str) -> FormData:
    view = src.view
    if view.state != S.YEU_CAU_BO_SUNG:
        raise _refuse(
            "02", view, QT_TRANSLATE_NOOP("core", "phiếu yêu cầu bổ sung chỉ lập khi hồ sơ đang chờ bổ sung giấy tờ.")
        )
    d = view.dossier
    data = _form_event(view, "02")
    missing = data.get("missing_papers") or [p.name for p in view.papers if not p.received]
    body: list[Line | Table] = [
        Line(f"{centre_name(d.unit_code)} tiếp nhận hồ sơ của:"),
        *_applicant_lines(view),
        _procedure_line(view),
        Line("Thời gian tiếp nhận", clock_words(d.received_at)),
        Line("Sau khi xem xét, hồ sơ chưa đầy đủ, hợp lệ. Đề nghị Ông/Bà bổ sung, hoàn thiện những nội dung sau:"),
        Table(["TT", "Giấy tờ cần bổ sung, hoàn thiện"], [[str(i), n] for i, n in enumerate(missing, 1)]),
        Line("Hướng dẫn", data.get("guidance") or "—"),
        Line(
            "Thời hạn giải quyết được tính lại từ ngày nhận đủ hồ sơ. Nếu có vướng mắc, Ông/Bà liên hệ "
            f"{centre_name(d.unit_code)} (quầy số {d.counter_no or '—'}) hoặc đường dây nóng {HOTLINE}."
        ),
    ]
    return _letter("02", src, body, [Signature("NGƯỜI HƯỚNG DẪN", name=officer)])


def _form_03(src: FormSource, officer: str) -> FormData:
    view = src.view
    if view.state != S.KHONG_DUOC_TIEP_NHAN:
        raise _refuse("03", view, QT_TRANSLATE_NOOP("core", "phiếu từ chối chỉ lập cho hồ sơ không được tiếp nhận."))
    d = view.dossier
    reason = _form_event(view, "03").get("reason") or _last_reason(view, S.KHONG_DUOC_TIEP_NHAN)
    body: list[Line | Table] = [
        Line(f"{centre_name(d.unit_code)} nhận được hồ sơ của:"),
        *_applicant_lines(view),
        _procedure_line(view),
        Line("Thời gian nhận hồ sơ", clock_words(d.received_at)),
        Line("Sau khi xem xét, hồ sơ không được tiếp nhận, giải quyết với lý do", reason),
        Line("Xin thông báo để Ông/Bà biết và thực hiện."),
    ]
    return _letter("03", src, body, [Signature("NGƯỜI TIẾP NHẬN HỒ SƠ", name=officer)])


def _form_04(src: FormSource, officer: str) -> FormData:
    view = src.view
    data = _form_event(view, "04")
    if view.state not in OPEN or not data:
        raise _refuse(
            "04",
            view,
            QT_TRANSLATE_NOOP("core", "văn bản xin lỗi chỉ lập cho hồ sơ đang giải quyết đã được hẹn lại ngày."),
        )
    d = view.dossier
    old = _iso_date(data.get("old_due_date"))
    new = _iso_date(data.get("new_due_date"))
    body: list[Line | Table] = [
        Line(
            f"{centre_name(d.unit_code)} tiếp nhận hồ sơ của Ông/Bà {view.citizen.full_name} "
            f"vào {clock_words(d.received_at)}, mã hồ sơ {d.code}."
        ),
        _procedure_line(view),
        Line("Ngày hẹn trả kết quả", old),
        Line("Đến nay hồ sơ chưa giải quyết xong, lý do", data.get("reason") or "—"),
        Line(
            "Sự chậm trễ này đã gây phiền hà cho Ông/Bà. Chúng tôi thành thật xin lỗi Ông/Bà "
            "và đề nghị gia hạn thời gian giải quyết hồ sơ."
        ),
        Line("Ngày hẹn trả kết quả mới", new),
        Line("Rất mong nhận được sự thông cảm của Ông/Bà."),
    ]
    return _letter(
        "04", src, body, [Signature("THỦ TRƯỞNG CƠ QUAN, ĐƠN VỊ", SEAL_HINT)], f"Ông/Bà {view.citizen.full_name}"
    )


def _form_05(src: FormSource, officer: str) -> FormData:
    view = src.view
    if view.state != S.DUNG_XU_LY:
        raise _refuse(
            "05", view, QT_TRANSLATE_NOOP("core", "thông báo dừng giải quyết chỉ lập khi hồ sơ đã dừng xử lý.")
        )
    d = view.dossier
    stopped = next(e for e in reversed(view.events) if e.to_status == S.DUNG_XU_LY)
    body: list[Line | Table] = [
        Line(
            f"{centre_name(d.unit_code)} tiếp nhận hồ sơ của Ông/Bà {view.citizen.full_name} "
            f"vào {clock_words(d.received_at)}, mã hồ sơ {d.code}."
        ),
        _procedure_line(view),
        Line("Hồ sơ được dừng giải quyết từ", clock_words(stopped.at)),
        Line("Lý do dừng giải quyết", stopped.reason or "—"),
        Line(f"Mọi thắc mắc, Ông/Bà liên hệ {centre_name(d.unit_code)} hoặc đường dây nóng {HOTLINE}."),
    ]
    return _letter(
        "05", src, body, [Signature("THỦ TRƯỞNG CƠ QUAN, ĐƠN VỊ", SEAL_HINT)], f"Ông/Bà {view.citizen.full_name}"
    )


_ACTIONS_VI = {
    "receive": "Tiếp nhận hồ sơ",
    "transition": "Chuyển bước",
    "request_supplement": "Yêu cầu bổ sung",
    "supplement_received": "Nhận hồ sơ bổ sung",
    "refuse": "Từ chối tiếp nhận",
    "apology": "Xin lỗi, hẹn lại ngày",
    "financial_obligation": "Yêu cầu nghĩa vụ tài chính",
    "withdraw": "Công dân rút hồ sơ",
    "stop": "Dừng giải quyết",
    "done": "Giải quyết xong",
    "return": "Trả kết quả",
}


def _form_06(src: FormSource, officer: str) -> FormData:
    view = src.view
    if view.state in (S.MOI_DANG_KY, S.KHONG_DUOC_TIEP_NHAN):
        raise _refuse("06", view, QT_TRANSLATE_NOOP("core", "phiếu kiểm soát chỉ lập cho hồ sơ đã được tiếp nhận."))
    d = view.dossier
    names = src.staff_names
    rows: list[list[str]] = []
    giver = view.citizen.full_name  # the first hand-over is the citizen's, at the counter
    for i, e in enumerate(view.events, 1):
        taker = names.get(e.actor_id or "", "—")
        step = _ACTIONS_VI.get(e.action, e.action) + f" → {DossierState(e.to_status).label_vi}"
        result = _timeliness(view, e.at, e.to_status)
        rows.append([str(i), step, clock_words(e.at), giver, taker, result, e.reason or ""])
        giver = taker
    body: list[Line | Table] = [
        Line("Kèm theo Giấy tiếp nhận hồ sơ và hẹn trả kết quả", f"mã hồ sơ {d.code}"),
        Line("Người nộp hồ sơ", view.citizen.full_name),
        _procedure_line(view),
        Line("Cơ quan chủ trì giải quyết", handling_body(d.unit_code)),
        Line("Ngày hẹn trả kết quả", f"{d.due_date:%d/%m/%Y}" if d.due_date else "—"),
        Table(
            ["TT", "Bước xử lý", "Thời gian giao, nhận", "Người giao", "Người nhận", "Kết quả", "Ghi chú"],
            rows,
        ),
    ]
    return _letter("06", src, body, [Signature("NGƯỜI LẬP PHIẾU", name=officer)])


def _timeliness(view: DossierView, at: datetime, to_state: int) -> str:
    """Before, on or after the appointment date, for the steps that finish the handling."""
    due = view.dossier.due_date
    if due is None or to_state not in (S.DA_XU_LY_XONG, S.DA_TRA_KET_QUA):
        return ""
    day = to_local(at).date()
    return "Trước hạn" if day < due else "Đúng hạn" if day == due else "Quá hạn"


def _letter(
    form: str, src: FormSource, body: list[Line | Table], signatures: list[Signature], addressee: str = ""
) -> FormData:
    d = src.view.dossier
    recipients = [f"- {addressee};", "- Lưu: Bộ phận Một cửa."] if addressee else []
    return FormData(
        form,
        TITLES[form],
        ward_header(d.unit_code, local_today()),
        d.code,
        d.official_code,
        body,
        signatures,
        addressee=addressee,
        recipients=recipients,
    )


def _last_reason(view: DossierView, state: DossierState) -> str:
    return next((e.reason or "" for e in reversed(view.events) if e.to_status == state), "")


def _iso_date(value: str | None) -> str:
    return f"{date.fromisoformat(value):%d/%m/%Y}" if value else "—"


BUILDERS: dict[str, Callable[[FormSource, str], FormData]] = {
    "01": _form_01,
    "02": _form_02,
    "03": _form_03,
    "04": _form_04,
    "05": _form_05,
    "06": _form_06,
}


def build(src: FormSource, form: str, officer_name: str) -> FormData:
    """Form `form` (01–06) of the dossier; FormNotApplicable when the dossier's state does not call for it."""
    if form not in BUILDERS:
        raise ValueError(f"unknown form {form}")
    return BUILDERS[form](src, officer_name)


def applicable(src: FormSource) -> list[str]:
    """The forms that can be made for this dossier now (for the print menu)."""
    out = []
    for number, builder in BUILDERS.items():
        try:
            builder(src, "")
        except FormNotApplicable:
            continue
        out.append(number)
    return out
