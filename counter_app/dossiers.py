"""Dossiers: intake against the catalog, codes, the portal state machine, deadlines.

Local receipt code: `<unit code>-<YYMMDD>-<NNNN>`, e.g. 27460-261124-3007 (the official dossier code is
issued later by the city's / national system and kept beside it, see `set_official_code`). The
4-digit daily sequence starts with the counter number (1–9) and continues with that counter's
own count for the day (001–999), kept in the local `dossier_sequence` table and bumped in the
same transaction as the dossier. Two counters of one ward therefore never hand out the same
code, even offline; see docs/dossier-codes.md for the limits.

Missing required papers block receipt; or, at the officer's choice, the dossier is recorded in
state 5 with a Mẫu 02 request to supplement and no deadline until the papers arrive.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import update
from sqlmodel import Session, col, func, select

from counter_app import audit, fees, outbox
from counter_app.access import Actor, Perm, require, require_unit
from counter_app.calendar import add_working_days, due_date
from counter_app.calendar_entries import ward_calendar
from counter_app.catalog import Paper, Procedure, default_catalog
from counter_app.citizens import CitizenInput, upsert_citizen
from counter_app.clock import VN_TZ, local_today, to_local, utc_now
from counter_app.dossier_states import NEEDS_REASON, OPEN, DossierState, is_allowed
from counter_app.errors import StaleStateError, ValidationError
from counter_app.i18n import QT_TRANSLATE_NOOP
from counter_app.ids import new_id
from counter_app.models import Citizen, Dossier, DossierEvent, DossierPaper, DossierSequence
from counter_app.parties import Party, needs_two_applicants

S = DossierState
CHANNELS_VI = {
    "counter": QT_TRANSLATE_NOOP("core", "Trực tiếp tại quầy"),
    "online_assisted": QT_TRANSLATE_NOOP("core", "Trực tuyến có hỗ trợ"),
    "post": QT_TRANSLATE_NOOP("core", "Qua bưu chính"),
}
PER_COUNTER_DAILY = 999


@dataclass
class IntakeInput:
    procedure_code: str
    citizen: CitizenInput | None = None
    citizen_id: str | None = None
    papers_received: list[str] = field(default_factory=list)
    channel: str = "counter"
    fee_amount: int | None = None
    fee_paid: bool = False
    consent_notice_version: str | None = None
    note: str | None = None
    request_supplement: bool = False
    supplement_guidance: str | None = None
    co_applicant: Party | None = None  # the second party, where the procedure has two
    representative: Party | None = None  # an authorised person filing for the citizen


@dataclass(frozen=True)
class DossierView:
    dossier: Dossier
    citizen: Citizen
    procedure: Procedure
    papers: list[DossierPaper]
    events: list[DossierEvent]

    @property
    def state(self) -> DossierState:
        return DossierState(self.dossier.status)


@dataclass(frozen=True)
class DossierRow:
    dossier: Dossier
    citizen_name: str
    citizen_id_number: str | None


def check_papers(procedure: Procedure, received: list[str]) -> list[Paper]:
    """The required papers of `procedure` that are not among `received` (by name)."""
    unknown = set(received) - {p.name for p in procedure.papers}
    if unknown:
        raise ValidationError(
            QT_TRANSLATE_NOOP("core", "Có giấy tờ không thuộc thành phần hồ sơ của thủ tục này."), "papers_received"
        )
    return [p for p in procedure.papers if p.required and p.name not in received]


def next_code(session: Session, unit_code: str, counter_no: int | None, moment: datetime) -> str:
    if counter_no is None or not 1 <= counter_no <= 9:
        raise ValidationError(QT_TRANSLATE_NOOP("core", "Số quầy phải từ 1 đến 9 để cấp mã hồ sơ."), "counter_no")
    day = to_local(moment).date()
    seq = session.get(DossierSequence, (unit_code, day, counter_no))
    if seq is None:
        seq = DossierSequence(unit_code=unit_code, day=day, counter_no=counter_no, last_seq=0)
    if seq.last_seq >= PER_COUNTER_DAILY:
        raise ValidationError(
            QT_TRANSLATE_NOOP("core", "Quầy đã cấp đủ 999 mã hồ sơ trong ngày; hãy tiếp nhận ở quầy khác."),
            "counter_no",
        )
    seq.last_seq += 1
    session.add(seq)
    return f"{unit_code}-{day:%y%m%d}-{counter_no}{seq.last_seq:03d}"


def _citizen_for(session: Session, actor: Actor, data: IntakeInput) -> Citizen:
    if data.citizen is not None:
        return upsert_citizen(session, actor, data.citizen, data.citizen_id)
    citizen = session.get(Citizen, data.citizen_id) if data.citizen_id else None
    if citizen is None:
        raise ValidationError(QT_TRANSLATE_NOOP("core", "Chưa có thông tin người nộp hồ sơ."), "citizen")
    require_unit(actor, citizen.unit_code)
    return citizen


def _event(
    session: Session,
    actor: Actor,
    dossier: Dossier,
    to_state: int,
    action: str,
    from_state: int | None,
    reason: str | None = None,
    form_data: dict[str, Any] | None = None,
    now: datetime | None = None,
) -> DossierEvent:
    event = DossierEvent(
        id=new_id(),
        unit_code=dossier.unit_code,
        dossier_id=dossier.id,
        from_status=from_state,
        to_status=to_state,
        action=action,
        reason=reason,
        actor_id=actor.staff_id,
        at=now or utc_now(),
        form_data=json.dumps(form_data, ensure_ascii=False, default=str) if form_data else None,
    )
    outbox.save(session, event)
    return event


def deadline(session: Session, unit_code: str, procedure: Procedure, received_at: datetime) -> date:
    """The due date: the procedure's working days (and its cutoff, if any) on the ward's calendar."""
    cal = ward_calendar(session, unit_code)
    return due_date(received_at, procedure.processing_days, procedure.cutoff, cal)


def _fee(session: Session, unit_code: str, procedure: Procedure) -> int | None:
    return fees.effective_fee(session, unit_code, procedure).vnd


def preview_fee(session: Session, actor: Actor, procedure_code: str) -> int | None:
    """The fee intake proposes: the ward's value for a council-set fee, else the catalog's."""
    require(actor, Perm.CATALOG_READ)
    return _fee(session, actor.unit_code, default_catalog().get(procedure_code))


def preview_deadline(session: Session, actor: Actor, procedure_code: str, received_at: datetime) -> date:
    """The due date a dossier received now would get (shown before it is saved)."""
    require(actor, Perm.CATALOG_READ)
    return deadline(session, actor.unit_code, default_catalog().get(procedure_code), received_at)


def receive_dossier(session: Session, actor: Actor, data: IntakeInput, now: datetime | None = None) -> Dossier:
    """Receive a dossier at the counter: code, papers, deadline, first event, audit; one transaction."""
    require(actor, Perm.DOSSIER_WRITE)
    if data.channel not in CHANNELS_VI:
        raise ValidationError(QT_TRANSLATE_NOOP("core", "Kênh tiếp nhận không hợp lệ."), "channel")
    procedure = default_catalog().get(data.procedure_code)
    missing = check_papers(procedure, data.papers_received)
    if missing and not data.request_supplement:
        names = "; ".join(p.name for p in missing)
        raise ValidationError(
            QT_TRANSLATE_NOOP("core", "Còn thiếu giấy tờ bắt buộc: {names}."), "papers_received", names=names
        )
    co_applicant, representative = _parties(procedure, data)
    moment = now or utc_now()
    citizen = _citizen_for(session, actor, data)
    state = S.YEU_CAU_BO_SUNG if missing else S.DUOC_TIEP_NHAN
    dossier = Dossier(
        id=new_id(),
        unit_code=actor.unit_code,
        code=next_code(session, actor.unit_code, actor.counter_no, moment),
        procedure_code=procedure.code,
        citizen_id=citizen.id,
        channel=data.channel,
        status=int(state),
        received_at=moment,
        due_date=None if missing else deadline(session, actor.unit_code, procedure, moment),
        fee_amount=data.fee_amount if data.fee_amount is not None else (_fee(session, actor.unit_code, procedure) or 0),
        fee_paid=data.fee_paid,
        officer_id=actor.staff_id,
        counter_no=actor.counter_no,
        consent_notice_version=data.consent_notice_version,
        note=data.note,
        co_applicant=co_applicant.to_json() if co_applicant else None,
        representative=representative.to_json() if representative else None,
    )
    outbox.save(session, dossier)
    for paper in procedure.papers:
        received = paper.name in data.papers_received
        outbox.save(
            session,
            DossierPaper(
                id=new_id(),
                unit_code=actor.unit_code,
                dossier_id=dossier.id,
                name=paper.name,
                form=paper.form,
                count=paper.count,
                received=received,
            ),
        )
    form = _supplement_form(missing, data.supplement_guidance) if missing else None
    _event(
        session,
        actor,
        dossier,
        int(state),
        "receive",
        None,
        data.supplement_guidance if missing else None,
        form,
        moment,
    )
    audit.record(session, actor, "dossier.create", "dossier", dossier.id, {"procedure": procedure.code})
    return dossier


def _parties(procedure: Procedure, data: IntakeInput) -> tuple[Party | None, Party | None]:
    """The second party (required where the procedure has two) and the representative, cleaned."""
    if needs_two_applicants(procedure) and data.co_applicant is None:
        raise ValidationError(
            QT_TRANSLATE_NOOP("core", "Thủ tục «{name}» cần thông tin của cả hai bên: nhập người thứ hai."),
            "co_applicant",
            name=procedure.name,
        )
    co = data.co_applicant.cleaned() if data.co_applicant else None
    rep = data.representative.cleaned(needs_relation=True) if data.representative else None
    return co, rep


def _supplement_form(missing: list[Paper], guidance: str | None) -> dict[str, Any]:
    return {"form": "02", "missing_papers": [p.name for p in missing], "guidance": guidance or ""}


def _load(session: Session, actor: Actor, dossier_id: str) -> Dossier:
    dossier = session.get(Dossier, dossier_id)
    if dossier is None:
        raise ValidationError(QT_TRANSLATE_NOOP("core", "Không tìm thấy hồ sơ."), "dossier_id")
    require_unit(actor, dossier.unit_code)
    return dossier


def transition(
    session: Session,
    actor: Actor,
    dossier_id: str,
    to_state: int,
    reason: str | None = None,
    expected_state: int | None = None,
    form_data: dict[str, Any] | None = None,
    now: datetime | None = None,
    action: str = "transition",
    **values: Any,
) -> Dossier:
    """Move a dossier from the state the caller saw to `to_state`, with reason and actor recorded."""
    require(actor, Perm.DOSSIER_WRITE)
    dossier = _load(session, actor, dossier_id)
    seen = dossier.status if expected_state is None else expected_state
    if not is_allowed(seen, to_state):
        raise ValidationError(
            QT_TRANSLATE_NOOP("core", "Không thể chuyển hồ sơ từ «{old}» sang «{new}»."),
            "status",
            old=DossierState(seen).label_vi,
            new=DossierState(to_state).label_vi,
        )
    if to_state in NEEDS_REASON and not (reason and reason.strip()):
        raise ValidationError(QT_TRANSLATE_NOOP("core", "Cần ghi rõ lý do cho thao tác này."), "reason")
    moment = now or utc_now()
    statement = update(Dossier).where(col(Dossier.id) == dossier_id, col(Dossier.status) == seen)
    result = session.exec(statement.values(status=int(to_state), updated_at=moment, **values))
    if result.rowcount != 1:
        raise StaleStateError(
            QT_TRANSLATE_NOOP("core", "Hồ sơ vừa được người khác cập nhật; hãy mở lại để xem trạng thái mới.")
        )
    session.refresh(dossier)
    outbox.save(session, dossier)
    _event(session, actor, dossier, int(to_state), action, seen, reason, form_data, moment)
    audit.record(session, actor, "dossier.transition", "dossier", dossier.id, {"from": seen, "to": int(to_state)})
    return dossier


def start_processing(session: Session, actor: Actor, dossier_id: str, expected_state: int | None = None) -> Dossier:
    return transition(session, actor, dossier_id, S.DANG_XU_LY, expected_state=expected_state)


def request_supplement(
    session: Session,
    actor: Actor,
    dossier_id: str,
    missing_papers: list[str],
    guidance: str,
    expected_state: int | None = None,
) -> Dossier:
    """Mẫu 02: which papers to add and how."""
    if not missing_papers:
        raise ValidationError(QT_TRANSLATE_NOOP("core", "Chọn ít nhất một giấy tờ cần bổ sung."), "missing_papers")
    form = {"form": "02", "missing_papers": missing_papers, "guidance": guidance}
    return transition(
        session, actor, dossier_id, S.YEU_CAU_BO_SUNG, guidance, expected_state, form, action="request_supplement"
    )


def complete_supplement(
    session: Session, actor: Actor, dossier_id: str, papers_now_received: list[str], now: datetime | None = None
) -> Dossier:
    """The citizen brought what was missing: the dossier is received and its deadline starts now."""
    dossier = _load(session, actor, dossier_id)
    procedure = default_catalog().for_record(dossier.procedure_code, dossier.received_at)
    papers = _papers(session, dossier.id)
    for paper in papers:
        if paper.name in papers_now_received and not paper.received:
            paper.received = True
            outbox.save(session, paper)
    still = check_papers(procedure, [p.name for p in papers if p.received])
    if still:
        raise ValidationError(
            QT_TRANSLATE_NOOP("core", "Vẫn còn thiếu: {names}."),
            "papers_received",
            names="; ".join(p.name for p in still),
        )
    moment = now or utc_now()
    return transition(
        session,
        actor,
        dossier_id,
        S.DUOC_TIEP_NHAN,
        "Đã bổ sung đủ giấy tờ",
        S.YEU_CAU_BO_SUNG,
        now=moment,
        action="supplement_received",
        due_date=deadline(session, actor.unit_code, procedure, moment),
    )


def refuse(session: Session, actor: Actor, dossier_id: str, reason: str, expected_state: int | None = None) -> Dossier:
    """Mẫu 03: refusal with its reason."""
    return transition(
        session,
        actor,
        dossier_id,
        S.KHONG_DUOC_TIEP_NHAN,
        reason,
        expected_state,
        {"form": "03", "reason": reason},
        action="refuse",
    )


def apologise_new_date(
    session: Session, actor: Actor, dossier_id: str, reason: str, new_due_date: date, now: datetime | None = None
) -> Dossier:
    """Mẫu 04: the deadline cannot be met; apologise and set a new date. The state does not change."""
    require(actor, Perm.DOSSIER_WRITE)
    dossier = _load(session, actor, dossier_id)
    if DossierState(dossier.status) not in OPEN:
        raise ValidationError(
            QT_TRANSLATE_NOOP("core", "Chỉ hồ sơ đang giải quyết mới có thể hẹn lại ngày trả kết quả."), "status"
        )
    if not reason.strip():
        raise ValidationError(QT_TRANSLATE_NOOP("core", "Cần ghi rõ lý do chậm trễ."), "reason")
    if dossier.due_date and new_due_date <= dossier.due_date:
        raise ValidationError(QT_TRANSLATE_NOOP("core", "Ngày hẹn mới phải sau ngày hẹn cũ."), "new_due_date")
    old = dossier.due_date
    dossier.due_date = new_due_date
    outbox.save(session, dossier)
    form = {
        "form": "04",
        "reason": reason,
        "old_due_date": old.isoformat() if old else None,
        "new_due_date": new_due_date.isoformat(),
    }
    _event(session, actor, dossier, dossier.status, "apology", dossier.status, reason, form, now)
    audit.record(session, actor, "dossier.apology", "dossier", dossier.id)
    return dossier


def request_financial_obligation(session: Session, actor: Actor, dossier_id: str, note: str) -> Dossier:
    return transition(session, actor, dossier_id, S.YEU_CAU_NGHIA_VU_TAI_CHINH, note, action="financial_obligation")


def withdraw(session: Session, actor: Actor, dossier_id: str, reason: str) -> Dossier:
    return transition(session, actor, dossier_id, S.CONG_DAN_RUT_HO_SO, reason, action="withdraw")


def stop(session: Session, actor: Actor, dossier_id: str, reason: str) -> Dossier:
    return transition(session, actor, dossier_id, S.DUNG_XU_LY, reason, action="stop")


def mark_done(session: Session, actor: Actor, dossier_id: str) -> Dossier:
    return transition(session, actor, dossier_id, S.DA_XU_LY_XONG, action="done")


def return_result(
    session: Session,
    actor: Actor,
    dossier_id: str,
    note: str | None = None,
    collector: Party | None = None,
    now: datetime | None = None,
) -> Dossier:
    """Hand the result over and record who collected it: the applicant (no `collector`) or an
    authorised person with their ID number and relation."""
    require(actor, Perm.DOSSIER_WRITE)
    dossier = _load(session, actor, dossier_id)
    if collector is None:
        citizen = session.get(Citizen, dossier.citizen_id)
        assert citizen is not None  # a foreign key guarantees it
        taker = Party(citizen.full_name, citizen.id_number)
    else:
        if not collector.id_number:
            raise ValidationError(
                QT_TRANSLATE_NOOP("core", "Cần số CCCD của người được ủy quyền nhận kết quả."), "id_number"
            )
        taker = collector.cleaned(needs_relation=True)
    moment = now or utc_now()
    return transition(
        session,
        actor,
        dossier_id,
        S.DA_TRA_KET_QUA,
        note,
        now=moment,
        action="return",
        returned_at=moment,
        collected_by=taker.to_json(),
    )


_OFFICIAL_CODE = re.compile(r"[A-Z0-9][A-Z0-9.\-/]{3,39}")


def set_official_code(session: Session, actor: Actor, dossier_id: str, code: str) -> Dossier:
    """The code the city's / national system issued (typed or scanned from the portal's receipt)."""
    require(actor, Perm.DOSSIER_WRITE)
    dossier = _load(session, actor, dossier_id)
    value = re.sub(r"\s", "", code).upper()
    if not _OFFICIAL_CODE.fullmatch(value):
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "core", "Mã hồ sơ chính thức gồm 4–40 chữ cái không dấu, chữ số, dấu chấm, gạch ngang hoặc gạch chéo."
            ),
            "official_code",
        )
    other = session.exec(
        select(Dossier.code).where(
            Dossier.unit_code == dossier.unit_code, Dossier.official_code == value, Dossier.id != dossier.id
        )
    ).first()
    if other:
        raise ValidationError(
            QT_TRANSLATE_NOOP("core", "Mã hồ sơ chính thức này đã gắn với hồ sơ {code}."), "official_code", code=other
        )
    dossier.official_code = value
    dossier.updated_at = utc_now()
    outbox.save(session, dossier)
    audit.record(session, actor, "dossier.official_code", "dossier", dossier.id)
    return dossier


def _papers(session: Session, dossier_id: str) -> list[DossierPaper]:
    return list(session.exec(select(DossierPaper).where(DossierPaper.dossier_id == dossier_id)).all())


def get_dossier(session: Session, actor: Actor, dossier_id: str) -> DossierView:
    """Everything about one dossier; the view is audited."""
    require(actor, Perm.DOSSIER_READ)
    dossier = _load(session, actor, dossier_id)
    citizen = session.get(Citizen, dossier.citizen_id)
    assert citizen is not None  # a foreign key guarantees it
    events = session.exec(
        select(DossierEvent).where(DossierEvent.dossier_id == dossier.id).order_by(col(DossierEvent.at))
    ).all()
    audit.record(session, actor, "dossier.view", "dossier", dossier.id)
    return DossierView(
        dossier,
        citizen,
        default_catalog().for_record(dossier.procedure_code, dossier.received_at),
        _papers(session, dossier.id),
        list(events),
    )


@dataclass(frozen=True)
class DossierFilter:
    """What the dossier list shows; every field narrows it. Dates are Vietnam local dates."""

    state: int | None = None
    procedure_code: str | None = None
    date_from: date | None = None  # received on or after
    date_to: date | None = None  # received on or before
    overdue_on: date | None = None  # open and due before this day
    due_from: date | None = None  # open and due on or after
    due_by: date | None = None  # open and due on or before
    citizen_id: str | None = None


def _filtered(query: Any, unit_code: str, f: DossierFilter) -> Any:
    query = query.where(Dossier.unit_code == unit_code)
    if f.state is not None:
        query = query.where(Dossier.status == f.state)
    if f.procedure_code:
        query = query.where(Dossier.procedure_code == f.procedure_code)
    if f.citizen_id:
        query = query.where(Dossier.citizen_id == f.citizen_id)
    if f.date_from:
        query = query.where(col(Dossier.received_at) >= _start_of(f.date_from))
    if f.date_to:
        query = query.where(col(Dossier.received_at) < _start_of(f.date_to, 1))
    if f.overdue_on or f.due_from or f.due_by:
        query = query.where(col(Dossier.status).in_([int(s) for s in OPEN]), col(Dossier.due_date).is_not(None))
    if f.overdue_on:
        query = query.where(col(Dossier.due_date) < f.overdue_on)
    if f.due_from:
        query = query.where(col(Dossier.due_date) >= f.due_from)
    if f.due_by:
        query = query.where(col(Dossier.due_date) <= f.due_by)
    return query


def list_dossiers(
    session: Session, actor: Actor, limit: int = 200, offset: int = 0, **filters: Any
) -> list[DossierRow]:
    """One page of the ward's dossiers, newest first; `filters` are DossierFilter's fields."""
    require(actor, Perm.DOSSIER_READ)
    query = _filtered(select(Dossier, Citizen).join(Citizen), actor.unit_code, DossierFilter(**filters))
    query = query.order_by(col(Dossier.received_at).desc(), col(Dossier.id).desc()).limit(limit).offset(offset)
    return [DossierRow(d, c.full_name, c.id_number) for d, c in session.exec(query).all()]


def count_dossiers(session: Session, actor: Actor, **filters: Any) -> int:
    """How many dossiers the same filters give (for "page 2 of 5")."""
    require(actor, Perm.DOSSIER_READ)
    query = _filtered(select(func.count()).select_from(Dossier), actor.unit_code, DossierFilter(**filters))
    return int(session.exec(query).one())


def _start_of(day: date, plus_days: int = 0) -> datetime:
    return datetime.combine(day + timedelta(days=plus_days), time(0), VN_TZ)


def overdue(session: Session, actor: Actor, today: date | None = None) -> list[DossierRow]:
    """Open dossiers whose appointment date has passed."""
    return list_dossiers(session, actor, overdue_on=today or local_today(), limit=10_000)


def due_soon(
    session: Session, actor: Actor, within_working_days: int = 2, today: date | None = None
) -> list[DossierRow]:
    """Open dossiers due today or within the next `within_working_days` working days."""
    day = today or local_today()
    by = add_working_days(day, within_working_days, ward_calendar(session, actor.unit_code))
    return list_dossiers(session, actor, due_from=day, due_by=by, limit=10_000)


def count_by_state(session: Session, actor: Actor) -> dict[int, int]:
    require(actor, Perm.DOSSIER_READ)
    query = (
        select(Dossier.status, func.count()).where(Dossier.unit_code == actor.unit_code).group_by(col(Dossier.status))
    )
    return {int(status): int(n) for status, n in session.exec(query).all()}


# Procedures whose result waits on the citizen's financial obligation (land use fee, registration fee, income
# tax on a transfer): changing land use purpose, transfers/gifts/inheritance, the first certificate.
FINANCIAL_OBLIGATION = frozenset({"1.013949", "1.013831", "1.013978"})


def skipped_steps(view: DossierView, target: DossierState) -> list[DossierState]:
    """Steps the procedure needs that the dossier has not been through, if it moved to `target` now:
    the officer is asked before such a move (it is allowed: a step may have been done outside the app)."""
    if target != S.DA_XU_LY_XONG:
        return []
    seen = {view.state} | {DossierState(e.to_status) for e in view.events}
    skipped = []
    if not view.procedure.same_day and S.DANG_XU_LY not in seen:
        skipped.append(S.DANG_XU_LY)
    if view.procedure.code in FINANCIAL_OBLIGATION and S.YEU_CAU_NGHIA_VU_TAI_CHINH not in seen:
        skipped.append(S.YEU_CAU_NGHIA_VU_TAI_CHINH)
    return skipped
