"""Volunteer mode: what happened when a volunteer helped a citizen file online."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlmodel import Session, col, select

from counter_app import audit, outbox, queue
from counter_app.access import Actor, Perm, require
from counter_app.catalog import default_catalog
from counter_app.clock import VN_TZ, local_today
from counter_app.errors import ValidationError
from counter_app.i18n import QT_TRANSLATE_NOOP
from counter_app.ids import new_id
from counter_app.models import AssistedFiling, Ticket
from counter_app.text import ascii_digits

OUTCOMES_VI = {
    "filed_online": QT_TRANSLATE_NOOP("core", "Đã nộp trực tuyến"),
    "needs_papers": QT_TRANSLATE_NOOP("core", "Cần bổ sung giấy tờ"),
    "handed_to_counter": QT_TRANSLATE_NOOP("core", "Chuyển sang quầy"),
}


@dataclass(frozen=True)
class FilingResult:
    filing: AssistedFiling
    ticket: Ticket | None


def record_assisted_filing(
    session: Session,
    actor: Actor,
    procedure_code: str,
    outcome: str,
    portal_code: str | None = None,
    missing_papers: str | None = None,
    ticket_group: str | None = None,
    note: str | None = None,
    citizen_id: str | None = None,
) -> FilingResult:
    """Record one assisted filing; handing over to a counter issues the ticket in the same transaction."""
    require(actor, Perm.ASSISTED_FILING)
    default_catalog().get(procedure_code)
    if outcome not in OUTCOMES_VI:
        raise ValidationError(QT_TRANSLATE_NOOP("core", "Kết quả hỗ trợ không hợp lệ."), "outcome")
    portal_code = ascii_digits(portal_code or "").strip() or None
    if outcome == "filed_online" and not portal_code:
        raise ValidationError(QT_TRANSLATE_NOOP("core", "Nhập mã hồ sơ do Cổng Dịch vụ công cấp."), "portal_code")
    if outcome == "needs_papers" and not (missing_papers or "").strip():
        raise ValidationError(QT_TRANSLATE_NOOP("core", "Ghi rõ giấy tờ công dân cần bổ sung."), "missing_papers")
    ticket = None
    if outcome == "handed_to_counter":
        if not ticket_group:
            raise ValidationError(
                QT_TRANSLATE_NOOP("core", "Chọn nhóm dịch vụ để cấp số thứ tự tại quầy."), "ticket_group"
            )
        ticket = queue.issue_ticket(session, actor, ticket_group)
    filing = AssistedFiling(
        id=new_id(),
        unit_code=actor.unit_code,
        procedure_code=procedure_code,
        citizen_id=citizen_id,
        volunteer_id=actor.staff_id,
        outcome=outcome,
        portal_code=portal_code,
        missing_papers=missing_papers,
        ticket_id=ticket.id if ticket else None,
        note=note,
    )
    outbox.save(session, filing)
    audit.record(session, actor, "assisted_filing.create", "assisted_filing", filing.id, {"outcome": outcome})
    return FilingResult(filing, ticket)


def todays_filings(session: Session, actor: Actor, today: date | None = None) -> list[AssistedFiling]:
    """The ward's assisted filings of the (local) day, newest first."""
    require(actor, Perm.ASSISTED_FILING)
    start = datetime.combine(today or local_today(), time(0), VN_TZ)
    query = select(AssistedFiling).where(
        AssistedFiling.unit_code == actor.unit_code,
        col(AssistedFiling.created_at) >= start,
        col(AssistedFiling.created_at) < start + timedelta(days=1),
    )
    return list(session.exec(query.order_by(col(AssistedFiling.created_at).desc())).all())
