"""Personal-data protection (Law 91/2025/QH15, Decree 356/2025/NĐ-CP, in force 1 January 2026): the
notice handed to the citizen, retention per procedure field (`retention`: defaults, the city's, the ward's),
and deletion on request: refused for open dossiers and those within retention, otherwise the personal
fields are erased (pseudonymised) here and at the hub while the register entry stays. The audit entry
holds ids and counts only.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Literal

from sqlalchemy import delete as sql_delete
from sqlmodel import Session, col, select

from counter_app import audit, outbox, retention
from counter_app.access import Actor, Perm, require, require_unit
from counter_app.clock import local_today, utc_now
from counter_app.config import resources_dir
from counter_app.dossier_states import OPEN, DossierState
from counter_app.errors import ValidationError
from counter_app.i18n import QT_TRANSLATE_NOOP
from counter_app.models import AssistedFiling, Citizen, Dossier, DossierEvent, OutboxEntry
from counter_app.units import get_unit

DeletionReason = Literal["citizen_request", "retention_expired", "entered_in_error"]
REASONS_VI: dict[str, str] = {
    "citizen_request": QT_TRANSLATE_NOOP("core", "Công dân yêu cầu xóa"),
    "retention_expired": QT_TRANSLATE_NOOP("core", "Hết thời hạn lưu trữ"),
    "entered_in_error": QT_TRANSLATE_NOOP("core", "Nhập nhầm"),
}


@dataclass(frozen=True)
class Notice:
    """The notice handed to the citizen with Mẫu 01. The legal basis is the state body's legal duty, so
    the officer records that it was given (an acknowledgement on the dossier), never a consent box."""

    version: str
    title: str
    controller: str  # template: {unit_name}, {contact}
    legal_basis: str
    purpose: str
    data_collected: tuple[str, ...]
    sensitive: str
    retention: str
    rights: str
    deletion_limits: str
    response_time: str

    def paragraphs(self, unit_name: str = "phường/xã", contact: str = "") -> list[str]:
        """The notice's paragraphs in reading order, for the printed annex and the screen."""
        return [
            self.controller.format(unit_name=unit_name, contact=f", {contact}" if contact else ""),
            self.legal_basis,
            self.purpose,
            "Dữ liệu thu thập: " + "; ".join(self.data_collected) + ".",
            self.sensitive,
            self.retention,
            self.rights,
            self.deletion_limits,
            self.response_time,
        ]

    def as_text(self, unit_name: str = "phường/xã", contact: str = "") -> str:
        return f"{self.title} (phiên bản {self.version})\n" + "\n".join(self.paragraphs(unit_name, contact))


def ward_name(unit_code: str) -> str:
    """The ward as the notice names it ("phường An Lạc"); the generic words for an unknown code."""
    try:
        name = get_unit(unit_code).name
    except ValidationError:
        return "phường/xã"
    return name[:1].lower() + name[1:]


@cache
def current_notice() -> Notice:
    data = json.loads((resources_dir() / "privacy_notice.json").read_text(encoding="utf-8"))
    return Notice(
        version=data["version"],
        title=data["title"],
        controller=data["controller"],
        legal_basis=data["legal_basis"],
        purpose=data["purpose"],
        data_collected=tuple(data["data_collected"]),
        sensitive=data["sensitive"],
        retention=data["retention"],
        rights=data["rights"],
        deletion_limits=data["deletion_limits"],
        response_time=data["response_time"],
    )


def expired_dossiers(session: Session, actor: Actor, today: date | None = None) -> list[Dossier]:
    """Closed dossiers kept longer than their procedure's retention period (the ward's table)."""
    require(actor, Perm.PERSONAL_DATA_DELETE)
    day = today or local_today()
    kept = retention.load(session, actor.unit_code)
    closed = [int(s) for s in DossierState if s not in OPEN]
    query = select(Dossier).where(Dossier.unit_code == actor.unit_code, col(Dossier.status).in_(closed))
    expired = []
    for dossier in session.exec(query).all():
        until = retention.keep_until(dossier, kept)
        if until is not None and until <= day:
            expired.append(dossier)
    return expired


@dataclass(frozen=True)
class DeletionReport:
    citizen_id: str
    dossiers: int
    records: int
    pending_dropped: int
    pseudonymised: bool = False  # True: the register entries stay, the personal fields are erased


PSEUDONYM = "(đã ẩn danh)"


def _refuse_if_kept(session: Session, unit_code: str, dossiers: list[Dossier], today: date) -> None:
    """Open dossiers and those within their retention period must be kept: refuse, saying why."""
    still_open = [d for d in dossiers if d.status in {int(s) for s in OPEN}]
    if still_open:
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "core",
                "Không xóa được: công dân còn {n} hồ sơ đang giải quyết. Xóa sau khi hồ sơ đã trả kết quả và hết"
                " thời hạn lưu trữ.",
            ),
            "citizen_id",
            n=len(still_open),
        )
    ward = retention.load(session, unit_code)
    kept = [(d, retention.keep_until(d, ward)) for d in dossiers]
    within = [(d, until) for d, until in kept if until is None or until > today]
    if within:
        dated = [until for _, until in within if until is not None]
        if len(dated) < len(within):
            raise ValidationError(
                QT_TRANSLATE_NOOP(
                    "core",
                    "Không xóa được: {n} hồ sơ thuộc loại lưu trữ vĩnh viễn (ví dụ hộ tịch); dữ liệu phải được giữ"
                    " theo quy định lưu trữ. Trả lời công dân về giới hạn này.",
                ),
                "citizen_id",
                n=len(within),
            )
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "core",
                "Không xóa được: {n} hồ sơ còn trong thời hạn lưu trữ (đến {until:%d/%m/%Y}); dữ liệu phải được giữ"
                " theo quy định lưu trữ. Trả lời công dân về giới hạn này.",
            ),
            "citizen_id",
            n=len(within),
            until=max(dated),
        )


def delete_citizen_data(
    session: Session, actor: Actor, citizen_id: str, reason: DeletionReason, today: date | None = None
) -> DeletionReport:
    """Erase a citizen's personal data on request, here, in the outbox and (through it) at the hub.

    Refused while a dossier is open or within its retention period. A citizen without dossiers is
    deleted; otherwise the register entries (dossier code, procedure, dates, states) stay and the
    personal fields are erased (pseudonymised), and the hub scrubs its earlier copies."""
    require(actor, Perm.PERSONAL_DATA_DELETE)
    if reason not in REASONS_VI:
        raise ValidationError(QT_TRANSLATE_NOOP("core", "Lý do xóa không hợp lệ."), "reason")
    citizen = session.get(Citizen, citizen_id)
    if citizen is None:
        raise ValidationError(QT_TRANSLATE_NOOP("core", "Không tìm thấy công dân."), "citizen_id")
    require_unit(actor, citizen.unit_code)
    dossiers = list(session.exec(select(Dossier).where(Dossier.citizen_id == citizen_id)).all())
    _refuse_if_kept(session, citizen.unit_code, dossiers, today or local_today())
    ids = [d.id for d in dossiers]
    events = list(session.exec(select(DossierEvent).where(col(DossierEvent.dossier_id).in_(ids))).all())
    filings = list(session.exec(select(AssistedFiling).where(AssistedFiling.citizen_id == citizen_id)).all())
    rows: list[Citizen | Dossier | DossierEvent | AssistedFiling] = [*events, *dossiers, *filings, citizen]
    # Unsent changes carry the personal data too: they go, and only what is left is sent.
    unsent = sql_delete(OutboxEntry).where(col(OutboxEntry.entity_id).in_([r.id for r in rows]))
    dropped = int(session.exec(unsent).rowcount or 0)
    if not dossiers:
        for row in [*filings, citizen]:
            outbox.delete(session, row)
            session.flush()
        detail = {"reason": reason, "dossiers": 0, "records": len(filings) + 1}
        audit.record(session, actor, "personal_data.delete", "citizen", citizen_id, detail)
        return DeletionReport(citizen_id, 0, len(filings) + 1, dropped)
    _pseudonymise(session, citizen, dossiers, events, filings)
    detail = {"reason": reason, "dossiers": len(dossiers), "records": len(rows)}
    audit.record(session, actor, "personal_data.pseudonymise", "citizen", citizen_id, detail)
    return DeletionReport(citizen_id, len(dossiers), len(rows), dropped, pseudonymised=True)


def _pseudonymise(
    session: Session,
    citizen: Citizen,
    dossiers: list[Dossier],
    events: list[DossierEvent],
    filings: list[AssistedFiling],
) -> None:
    """Erase every personal field, keep what the register needs; each row is sent marked, so the hub
    scrubs the copies it kept of earlier versions."""
    moment = utc_now()
    citizen.full_name = PSEUDONYM
    citizen.id_number = citizen.old_id_number = citizen.phone = citizen.address = None
    citizen.birth_date = None
    for d in dossiers:
        d.note = d.co_applicant = d.representative = d.collected_by = None
    for e in events:
        e.reason = e.form_data = None
    for f in filings:
        f.note = f.missing_papers = None
    for row in [*events, *dossiers, *filings, citizen]:
        row.pseudonymised_at = moment
        outbox.save(session, row)
    session.flush()
