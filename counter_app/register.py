"""Mẫu 07, the register of dossiers (Sổ theo dõi hồ sơ, Appendix I of Circular 03/2025/TT-VPCP): one row
per dossier received in a day or a period, optionally for one procedure field, with the returned-result
columns (date returned, who collected it, their signature). `ui/register_export.py` writes it as an
A4 landscape PDF and as XLSX."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, col, select

from counter_app import audit
from counter_app.access import Actor, Perm, require
from counter_app.catalog import default_catalog
from counter_app.clock import local_today, to_local
from counter_app.dossier_states import DossierState
from counter_app.dossiers import _start_of
from counter_app.errors import ValidationError
from counter_app.forms import TITLES, Header, handling_body, ward_header
from counter_app.i18n import QT_TRANSLATE_NOOP
from counter_app.models import Citizen, Dossier
from counter_app.parties import Party

COLUMNS = (
    "TT",
    "Mã hồ sơ",
    "Số vào sổ",
    "Tên thủ tục hành chính",
    "Số lượng (bộ)",
    "Tên cá nhân, tổ chức",
    "Địa chỉ, số điện thoại",
    "Cơ quan chủ trì giải quyết",
    "Ngày nhận hồ sơ",
    "Ngày hẹn trả kết quả",
    "Ngày trả kết quả",
    "Người nhận kết quả (họ tên, CCCD, quan hệ)",
    "Ký nhận",
    "Ghi chú",
)


@dataclass(frozen=True)
class RegisterRow:
    number: int
    code: str  # the local code, with the official one under it when known
    entry: str
    procedure: str
    sets: int
    applicant: str
    contact: str
    handling_body: str
    received: str
    due: str
    returned: str
    collected_by: str
    signature: str
    note: str

    def cells(self) -> list[str]:
        return [
            str(self.number),
            self.code,
            self.entry,
            self.procedure,
            str(self.sets),
            self.applicant,
            self.contact,
            self.handling_body,
            self.received,
            self.due,
            self.returned,
            self.collected_by,
            self.signature,
            self.note,
        ]


@dataclass(frozen=True)
class Register:
    title: str
    header: Header
    period: str
    field: str | None
    rows: list[RegisterRow]


def build_register(
    session: Session, actor: Actor, date_from: date, date_to: date | None = None, field: str | None = None
) -> Register:
    """The register of the dossiers received from `date_from` to `date_to` (one day when omitted),
    in the order they were received; `field` keeps one procedure field (e.g. "Hộ tịch")."""
    require(actor, Perm.DOSSIER_READ)
    last = date_to or date_from
    if last < date_from:
        raise ValidationError(QT_TRANSLATE_NOOP("core", "Ngày kết thúc phải sau ngày bắt đầu."), "date_to")
    catalog = default_catalog()
    query = (
        select(Dossier, Citizen)
        .join(Citizen)
        .where(
            Dossier.unit_code == actor.unit_code,
            col(Dossier.received_at) >= _start_of(date_from),
            col(Dossier.received_at) < _start_of(last, 1),
        )
        .order_by(col(Dossier.received_at), col(Dossier.code))
    )
    body = handling_body(actor.unit_code)
    # Every dossier on file, also one received under a code a later catalog corrected or dropped (field by the
    # procedure it stands for), so the register never silently loses an entry.
    kept = [(d, c, catalog.for_record(d.procedure_code, d.received_at)) for d, c in session.exec(query)]
    rows = [
        _row(i, d, c, proc.name, body)
        for i, (d, c, proc) in enumerate(((d, c, p) for d, c, p in kept if field is None or p.field == field), 1)
    ]
    audit.record(session, actor, "register.view", detail={"rows": len(rows)})
    period = (
        f"Ngày {date_from:%d/%m/%Y}" if last == date_from else f"Từ ngày {date_from:%d/%m/%Y} đến ngày {last:%d/%m/%Y}"
    )
    return Register(TITLES["07"], ward_header(actor.unit_code, local_today()), period, field, rows)


def _row(number: int, d: Dossier, c: Citizen, procedure: str, body: str) -> RegisterRow:
    co = Party.from_json(d.co_applicant)
    rep = Party.from_json(d.representative)
    taker = Party.from_json(d.collected_by)
    names = c.full_name + (f"; {co.full_name}" if co else "") + (f" (ủy quyền: {rep.full_name})" if rep else "")
    contact = "; ".join(x for x in (c.address, c.phone) if x) or "—"
    collected = ""
    if taker is not None:
        collected = ", ".join(x for x in (taker.full_name, taker.id_number, taker.relation or "người nộp") if x)
    code = d.code + (f"\n{d.official_code}" if d.official_code else "")
    return RegisterRow(
        number,
        code,
        d.code.rsplit("-", 1)[1],  # the day's register number, as on the receipt (forms.register_entry)
        procedure,
        1,
        names,
        contact,
        body,
        f"{to_local(d.received_at):%d/%m/%Y %H:%M}",
        f"{d.due_date:%d/%m/%Y}" if d.due_date else "—",
        f"{to_local(d.returned_at):%d/%m/%Y %H:%M}" if d.returned_at else "",
        collected,
        "",
        DossierState(d.status).label_vi if d.returned_at is None else "",
    )


def fields() -> list[str]:
    """The procedure fields of the catalog, for the register's filter."""
    return sorted({p.field for p in default_catalog().procedures})
