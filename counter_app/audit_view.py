"""The audit trail as an admin reads it: who by name, what in words, states by their names.

The trail itself keeps codes (they are hashed and synced); this turns them into marked labels that the UI
translates, so the admin never reads "dossier.transition" or `{"from": 2, "to": 4}`. An action added later
without a label shows its code rather than nothing.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlmodel import Session, col, select

from counter_app.access import ROLE_LABELS_VI, Actor, Perm, Role, require
from counter_app.assisted import OUTCOMES_VI
from counter_app.dossier_states import DossierState
from counter_app.i18n import QT_TRANSLATE_NOOP
from counter_app.models import AuditEntry, Dossier, Staff
from counter_app.privacy import REASONS_VI
from counter_app.text import number

ACTIONS_VI = {
    "sign_in.success": QT_TRANSLATE_NOOP("core", "Đăng nhập"),
    "sign_in.failure": QT_TRANSLATE_NOOP("core", "Đăng nhập không thành công"),
    "sign_out": QT_TRANSLATE_NOOP("core", "Đăng xuất"),
    "staff.create_first_admin": QT_TRANSLATE_NOOP("core", "Tạo tài khoản quản trị đầu tiên"),
    "staff.create": QT_TRANSLATE_NOOP("core", "Tạo tài khoản cán bộ"),
    "staff.reset_password": QT_TRANSLATE_NOOP("core", "Đặt lại mật khẩu"),
    "staff.change_password": QT_TRANSLATE_NOOP("core", "Đổi mật khẩu"),
    "staff.deactivate": QT_TRANSLATE_NOOP("core", "Khóa tài khoản"),
    "citizen.create": QT_TRANSLATE_NOOP("core", "Thêm công dân"),
    "citizen.update": QT_TRANSLATE_NOOP("core", "Sửa thông tin công dân"),
    "citizen.view": QT_TRANSLATE_NOOP("core", "Xem thông tin công dân"),
    "dossier.create": QT_TRANSLATE_NOOP("core", "Tiếp nhận hồ sơ"),
    "dossier.transition": QT_TRANSLATE_NOOP("core", "Chuyển trạng thái hồ sơ"),
    "dossier.apology": QT_TRANSLATE_NOOP("core", "Xin lỗi, hẹn lại ngày trả (Mẫu 04)"),
    "dossier.view": QT_TRANSLATE_NOOP("core", "Xem hồ sơ"),
    "dossier.official_code": QT_TRANSLATE_NOOP("core", "Gắn mã hồ sơ chính thức"),
    "register.view": QT_TRANSLATE_NOOP("core", "Xem sổ theo dõi hồ sơ (Mẫu 07)"),
    "catalog.import": QT_TRANSLATE_NOOP("core", "Nhập danh mục thủ tục"),
    "calendar.add": QT_TRANSLATE_NOOP("core", "Thêm ngày nghỉ / ngày làm bù"),
    "calendar.withdraw": QT_TRANSLATE_NOOP("core", "Bỏ ngày nghỉ / ngày làm bù"),
    "assisted_filing.create": QT_TRANSLATE_NOOP("core", "Ghi nhận hỗ trợ nộp trực tuyến"),
    "personal_data.delete": QT_TRANSLATE_NOOP("core", "Xóa dữ liệu cá nhân theo yêu cầu"),
    "personal_data.pseudonymise": QT_TRANSLATE_NOOP("core", "Ẩn danh dữ liệu theo yêu cầu"),
    "retention.set": QT_TRANSLATE_NOOP("core", "Sửa thời hạn lưu trữ"),
    "fee.set": QT_TRANSLATE_NOOP("core", "Sửa mức lệ phí"),
    "fee.withdraw": QT_TRANSLATE_NOOP("core", "Bỏ mức lệ phí riêng của phường"),
    "retention.withdraw": QT_TRANSLATE_NOOP("core", "Bỏ thời hạn lưu trữ riêng của phường"),
    "search": QT_TRANSLATE_NOOP("core", "Tra cứu"),
    "audit.view": QT_TRANSLATE_NOOP("core", "Xem nhật ký"),
    "backup": QT_TRANSLATE_NOOP("core", "Sao lưu dữ liệu"),
    "restore": QT_TRANSLATE_NOOP("core", "Khôi phục bản sao lưu"),
}
TARGETS_VI = {
    "dossier": QT_TRANSLATE_NOOP("core", "Hồ sơ"),
    "citizen": QT_TRANSLATE_NOOP("core", "Công dân"),
    "staff": QT_TRANSLATE_NOOP("core", "Tài khoản"),
    "assisted_filing": QT_TRANSLATE_NOOP("core", "Hỗ trợ trực tuyến"),
    "catalog_release": QT_TRANSLATE_NOOP("core", "Danh mục thủ tục"),
    "calendar_entry": QT_TRANSLATE_NOOP("core", "Lịch làm việc"),
    "fee_entry": QT_TRANSLATE_NOOP("core", "Lệ phí"),
    "retention_entry": QT_TRANSLATE_NOOP("core", "Thời hạn lưu trữ"),
}
SIGN_IN_REASONS_VI = {
    "unknown_or_inactive": QT_TRANSLATE_NOOP("core", "tài khoản không có hoặc đã khóa"),
    "locked": QT_TRANSLATE_NOOP("core", "tài khoản đang tạm khóa"),
    "password": QT_TRANSLATE_NOOP("core", "sai mật khẩu"),
}
SIGN_OUT_REASONS_VI = {
    "manual": QT_TRANSLATE_NOOP("core", "tự đăng xuất"),
    "idle": QT_TRANSLATE_NOOP("core", "không thao tác quá lâu"),
}
# Each detail as a marked template and its values; a value that is itself a marked label is translated too.
T_MOVE = QT_TRANSLATE_NOOP("core", "{from_state} → {to_state}")
T_ROLE = QT_TRANSLATE_NOOP("core", "Vai trò: {role}")
T_REASON = QT_TRANSLATE_NOOP("core", "Lý do: {reason}")
T_RESULTS = QT_TRANSLATE_NOOP("core", "{n} kết quả")
T_ROWS = QT_TRANSLATE_NOOP("core", "{n} dòng")
T_FILE = QT_TRANSLATE_NOOP("core", "Tệp {file}")
T_PROCEDURE = QT_TRANSLATE_NOOP("core", "Thủ tục {procedure}")
T_OUTCOME = QT_TRANSLATE_NOOP("core", "Kết quả: {outcome}")
T_RETENTION = QT_TRANSLATE_NOOP("core", "{field}: {years} năm")
T_RETENTION_CHANGE = QT_TRANSLATE_NOOP("core", "{field}: {old} → {new} (số năm lưu trữ); căn cứ: {source}")
T_FEE_CHANGE = QT_TRANSLATE_NOOP("core", "Thủ tục {procedure}: {old} → {new} (đồng); căn cứ: {source}")
PERMANENT = QT_TRANSLATE_NOOP("core", "vĩnh viễn")
UNKNOWN_FEE = QT_TRANSLATE_NOOP("core", "chưa rõ")
T_DELETED = QT_TRANSLATE_NOOP("core", "Lý do: {reason}; {records} bản ghi, {dossiers} hồ sơ")


@dataclass(frozen=True)
class Line:
    """One entry, ready to show: labels are marked core texts (translate them), the rest is data."""

    entry: AuditEntry
    who: str  # a person's name, or "" for the PC itself / nobody signed in
    action_label: str  # marked label, or the code when there is none
    target_label: str | None  # marked label of the kind of record
    target_name: str  # a dossier's code, an account's username; never personal data
    detail_template: str | None
    detail_params: dict[str, Any]


def _detail(action: str, detail: dict[str, Any]) -> tuple[str | None, dict[str, Any]]:
    if action == "dossier.transition" and "to" in detail:
        start = DossierState(detail["from"]).label_vi if detail.get("from") else "—"
        return T_MOVE, {"from_state": start, "to_state": DossierState(detail["to"]).label_vi}
    if action == "staff.create" and "role" in detail:
        return T_ROLE, {"role": ROLE_LABELS_VI[Role(detail["role"])]}
    if action == "sign_in.failure" and "reason" in detail:
        return T_REASON, {"reason": SIGN_IN_REASONS_VI.get(detail["reason"], detail["reason"])}
    if action == "sign_out" and "reason" in detail:
        return T_REASON, {"reason": SIGN_OUT_REASONS_VI.get(detail["reason"], detail["reason"])}
    if action in ("retention.set", "retention.withdraw") and "old" in detail:
        years = {k: PERMANENT if detail.get(k) is None else str(detail[k]) for k in ("old", "years")}
        return T_RETENTION_CHANGE, {
            "field": detail.get("field", ""),
            "old": years["old"],
            "new": years["years"],
            "source": detail.get("source", ""),
        }
    if action in ("fee.set", "fee.withdraw") and "old" in detail:
        amounts = {k: UNKNOWN_FEE if detail.get(k) is None else number(int(detail[k])) for k in ("old", "new")}
        params = {"procedure": detail.get("procedure", ""), "source": detail.get("source", "")}
        return T_FEE_CHANGE, {**params, **amounts}
    if action == "retention.set" and "years" in detail:
        return T_RETENTION, {"field": detail.get("field", ""), "years": detail["years"]}
    if action in ("personal_data.delete", "personal_data.pseudonymise"):
        reason = REASONS_VI.get(detail.get("reason", ""), detail.get("reason", ""))
        return T_DELETED, {"reason": reason, "records": detail.get("records", 0), "dossiers": detail.get("dossiers", 0)}
    if action == "assisted_filing.create" and "outcome" in detail:
        return T_OUTCOME, {"outcome": OUTCOMES_VI.get(detail["outcome"], detail["outcome"])}
    simple = {
        "search": ("results", T_RESULTS),
        "audit.view": ("rows", T_ROWS),
        "register.view": ("rows", T_ROWS),
        "dossier.create": ("procedure", None),
    }
    if action in simple and simple[action][0] in detail:
        key, template = simple[action]
        return (template or T_PROCEDURE), {"n" if template else "procedure": detail[key]}
    if "file" in detail:
        return T_FILE, {"file": detail["file"]}
    if not detail:
        return None, {}
    return "; ".join(f"{k}: {v}" for k, v in sorted(detail.items())), {}  # an unknown detail: as it is


def staff_names(session: Session, unit_code: str) -> dict[str, str]:
    """Every account of the ward by id, with its full name (for the pickers and the "who" column)."""
    query = select(Staff.id, Staff.full_name).where(Staff.unit_code == unit_code)
    return {sid: name for sid, name in session.exec(query).all()}


def lines(session: Session, actor: Actor, entries: list[AuditEntry]) -> list[Line]:
    require(actor, Perm.AUDIT_READ)
    names = staff_names(session, actor.unit_code)
    dossier_ids = [e.target_id for e in entries if e.target_entity == "dossier" and e.target_id]
    codes = dict(session.exec(select(Dossier.id, Dossier.code).where(col(Dossier.id).in_(dossier_ids))).all())
    usernames = dict(session.exec(select(Staff.id, Staff.username).where(Staff.unit_code == actor.unit_code)).all())
    result = []
    for e in entries:
        detail = json.loads(e.detail) if e.detail else {}
        template, params = _detail(e.action, detail)
        target = e.target_id or ""
        shown = codes.get(target) or usernames.get(target) or (f"…{target[-6:]}" if target else "")
        result.append(
            Line(
                e,
                names.get(e.actor_id or "", ""),
                ACTIONS_VI.get(e.action, e.action),
                TARGETS_VI.get(e.target_entity or ""),
                shown,
                template,
                params,
            )
        )
    return result
