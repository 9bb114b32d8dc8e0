"""What the one-stop forms of Thông tư 01/2018/TT-VPCP say, assembled from a dossier (no layout here):
Mẫu 01 receipt and appointment slip, Mẫu 02 request to supplement, Mẫu 03 refusal, Mẫu 04 apology
with a new date. `ui/forms_pdf.py` lays them out on A4."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from counter_app.clock import to_local
from counter_app.dossiers import CHANNELS_VI, DossierView
from counter_app.identity import mask_id
from counter_app.privacy import current_notice
from counter_app.text import money
from counter_app.units import get_unit

TITLES = {
    "01": "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ",
    "02": "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ",
    "03": "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ",
    "04": "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ",
}


@dataclass(frozen=True)
class FormData:
    form: str
    title: str
    ward: str
    code: str
    fields: list[tuple[str, str]]
    papers: list[tuple[str, str, int]] = field(default_factory=list)  # name, form label, count
    notes: list[str] = field(default_factory=list)


def _last_form(view: DossierView, number: str) -> dict[str, Any]:
    for event in reversed(view.events):
        data = json.loads(event.form_data) if event.form_data else {}
        if data.get("form") == number:
            return dict(data)
    raise ValueError(f"dossier has no Mẫu {number} event")


def _common(view: DossierView, officer_name: str) -> list[tuple[str, str]]:
    d, c = view.dossier, view.citizen
    return [
        ("Mã hồ sơ", d.code),
        ("Người nộp", c.full_name),
        ("Số định danh cá nhân", mask_id(c.id_number) or "—"),
        ("Thủ tục", f"{view.procedure.name} ({view.procedure.code})"),
        ("Thời gian tiếp nhận", f"{to_local(d.received_at):%H giờ %M, ngày %d/%m/%Y}"),
        ("Hình thức", CHANNELS_VI.get(d.channel, d.channel)),
        ("Người tiếp nhận", officer_name),
    ]


def build(view: DossierView, form: str, officer_name: str) -> FormData:
    d = view.dossier
    ward = get_unit(d.unit_code).name
    fields = _common(view, officer_name)
    notes: list[str] = []
    papers: list[tuple[str, str, int]] = []
    if form == "01":
        due = f"{d.due_date:%d/%m/%Y}" if d.due_date else "—"
        fields += [("Ngày hẹn trả kết quả", due), ("Lệ phí", money(d.fee_amount))]
        papers = [(p.name, _label(p.form), p.count) for p in view.papers if p.received]
        notice = current_notice()
        if d.consent_notice_version:
            notes.append(
                f"Công dân đã được thông báo về việc xử lý dữ liệu cá nhân (phiên bản {d.consent_notice_version})."
            )
        notes += [
            notice.purpose,
            notice.rights,
            "Tra cứu tình trạng hồ sơ bằng mã hồ sơ (mã QR). Đường dây nóng: 1022.",
        ]
    elif form == "02":
        data = _last_form(view, "02")
        papers = [(name, "", 1) for name in data.get("missing_papers", [])]
        notes.append(f"Hướng dẫn: {data.get('guidance') or '—'}")
    elif form == "03":
        notes.append(f"Lý do từ chối: {_last_form(view, '03').get('reason', '')}")
    elif form == "04":
        data = _last_form(view, "04")
        fields += [("Ngày hẹn cũ", data.get("old_due_date") or "—"), ("Ngày hẹn mới", data.get("new_due_date") or "—")]
        notes.append(f"Lý do chậm trễ: {data.get('reason', '')}. Cơ quan chúng tôi xin lỗi ông/bà vì sự chậm trễ này.")
    else:
        raise ValueError(f"unknown form {form}")
    return FormData(form, TITLES[form], ward, d.code, fields, papers, notes)


def _label(form: str) -> str:
    from counter_app.catalog import FORM_LABELS_VI

    return FORM_LABELS_VI.get(form, form)
