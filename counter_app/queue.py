"""The walk-in queue (NovoSGA-style): tickets by service group, fair priority, conditional moves.

Every move is `UPDATE … WHERE id = ? AND status = <the state the caller saw>`: when another
counter got there first the update touches no row and the caller gets StaleStateError, so two
counters can never call the same ticket.

Numbering: a daily number per group and issuing device. The reception kiosk (counter 0)
issues A001, A002…; a counter k that issues tickets itself uses the block k000 (A3001…), so two
devices issuing offline never print the same label. Tickets still waiting at midnight are not
lost: they stay first in the waiting list (oldest first) until called or cancelled.

Fair priority: priority tickets (elderly, disabled, pregnant, children) go before normal ones,
but after MAX_PRIORITY_RUN priority calls in a row a waiting normal ticket is called next.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import update
from sqlmodel import Session, col, func, select

from counter_app import outbox
from counter_app.access import Actor, Perm, require, require_unit
from counter_app.clock import local_today, utc_now
from counter_app.errors import StaleStateError, ValidationError
from counter_app.i18n import QT_TRANSLATE_NOOP
from counter_app.ids import new_id
from counter_app.models import ServiceGroup, Ticket

WAITING, CALLED, SERVING, DONE, NO_SHOW, CANCELLED = "waiting", "called", "serving", "done", "no_show", "cancelled"
STATUS_LABELS_VI = {
    WAITING: QT_TRANSLATE_NOOP("core", "Đang chờ"),
    CALLED: QT_TRANSLATE_NOOP("core", "Đã gọi"),
    SERVING: QT_TRANSLATE_NOOP("core", "Đang phục vụ"),
    DONE: QT_TRANSLATE_NOOP("core", "Đã xong"),
    NO_SHOW: QT_TRANSLATE_NOOP("core", "Vắng mặt"),
    CANCELLED: QT_TRANSLATE_NOOP("core", "Đã hủy"),
}
PRIORITY_REASONS_VI = {
    "elderly": QT_TRANSLATE_NOOP("core", "Người cao tuổi"),
    "disabled": QT_TRANSLATE_NOOP("core", "Người khuyết tật"),
    "pregnant": QT_TRANSLATE_NOOP("core", "Phụ nữ mang thai"),
    "child": QT_TRANSLATE_NOOP("core", "Người đi cùng trẻ nhỏ"),
}
MAX_PRIORITY_RUN = 2
_NOT_CALLED = QT_TRANSLATE_NOOP("core", "Phiếu không còn ở trạng thái đã gọi.")
DEVICE_BLOCK = 1000
TRANSFER_NOTE = "transfer:"  # note of a transferred ticket: "transfer:<from counter>:<from group>"


def ensure_group(session: Session, actor: Actor, code: str, name: str, prefix: str) -> ServiceGroup:
    require(actor, Perm.SETTINGS)
    group = _group(session, actor.unit_code, code)
    if group is None:
        group = ServiceGroup(id=new_id(), unit_code=actor.unit_code, code=code, name=name, prefix=prefix)
    group.name, group.prefix, group.active = name, prefix, True
    outbox.save(session, group)
    return group


def list_groups(session: Session, unit_code: str) -> list[ServiceGroup]:
    query = select(ServiceGroup).where(ServiceGroup.unit_code == unit_code, col(ServiceGroup.active).is_(True))
    return list(session.exec(query.order_by(ServiceGroup.code)).all())


def _group(session: Session, unit_code: str, code: str) -> ServiceGroup | None:
    query = select(ServiceGroup).where(ServiceGroup.unit_code == unit_code, ServiceGroup.code == code)
    return session.exec(query).first()


def issue_ticket(
    session: Session, actor: Actor, group_code: str, priority_reason: str | None = None, now: datetime | None = None
) -> Ticket:
    require(actor, Perm.TICKET_ISSUE)
    group = _group(session, actor.unit_code, group_code)
    if group is None or not group.active:
        raise ValidationError(QT_TRANSLATE_NOOP("core", "Nhóm dịch vụ không tồn tại."), "group_code")
    if priority_reason is not None and priority_reason not in PRIORITY_REASONS_VI:
        raise ValidationError(QT_TRANSLATE_NOOP("core", "Lý do ưu tiên không hợp lệ."), "priority_reason")
    moment = now or utc_now()
    day = local_today(moment)
    block = (actor.counter_no or 0) * DEVICE_BLOCK
    last = session.exec(
        select(func.max(Ticket.number)).where(
            Ticket.unit_code == actor.unit_code,
            Ticket.service_day == day,
            Ticket.group_code == group_code,
            col(Ticket.number) > block,
            col(Ticket.number) < block + DEVICE_BLOCK,
        )
    ).one()
    number = (last or block) + 1
    if number >= block + DEVICE_BLOCK:
        raise ValidationError(
            QT_TRANSLATE_NOOP("core", "Đã hết số phiếu trong ngày cho nhóm này trên máy này."), "group_code"
        )
    ticket = Ticket(
        id=new_id(),
        unit_code=actor.unit_code,
        service_day=day,
        group_code=group_code,
        number=number,
        label=f"{group.prefix}{number:03d}",
        priority_reason=priority_reason,
        issued_at=moment,
    )
    outbox.save(session, ticket)
    return ticket


def _waiting(session: Session, actor: Actor, groups: Sequence[str] | None) -> list[Ticket]:
    query = select(Ticket).where(Ticket.unit_code == actor.unit_code, Ticket.status == WAITING)
    if groups:
        query = query.where(col(Ticket.group_code).in_(list(groups)))
    tickets = session.exec(query.order_by(col(Ticket.service_day), col(Ticket.issued_at))).all()
    # A ticket transferred to a particular counter is only for that counter.
    return [t for t in tickets if t.target_counter in (None, actor.counter_no)]


def _recent_priority_run(session: Session, actor: Actor) -> int:
    """How many of this ward's latest calls today were priority tickets, in a row."""
    query = (
        select(Ticket.priority_reason)
        .where(Ticket.unit_code == actor.unit_code, col(Ticket.called_at).is_not(None))
        .where(Ticket.service_day == local_today())
        .order_by(col(Ticket.called_at).desc())
        .limit(MAX_PRIORITY_RUN)
    )
    run = 0
    for reason in session.exec(query).all():
        if reason is None:
            break
        run += 1
    return run


def _fair_order(tickets: list[Ticket], priority_run: int) -> list[Ticket]:
    """Call order: carried-over and targeted first, then priority, yielding to a normal ticket
    after MAX_PRIORITY_RUN priority calls in a row."""
    today = local_today()
    carried = [t for t in tickets if t.service_day < today]
    fresh = [t for t in tickets if t.service_day >= today]
    priority = [t for t in fresh if t.priority_reason]
    normal = [t for t in fresh if not t.priority_reason]
    order: list[Ticket] = list(carried)
    run = priority_run
    while priority or normal:
        if priority and (run < MAX_PRIORITY_RUN or not normal):
            order.append(priority.pop(0))
            run += 1
        else:
            order.append(normal.pop(0))
            run = 0
    return order


def waiting_list(session: Session, actor: Actor, groups: Sequence[str] | None = None) -> list[Ticket]:
    """Tickets waiting for this counter, in the order `call_next` will take them."""
    require(actor, Perm.TICKET_ISSUE)
    return _fair_order(_waiting(session, actor, groups), _recent_priority_run(session, actor))


def _move(session: Session, ticket_id: str, expected: Sequence[str], stale_message: str, **values: Any) -> Ticket:
    """The conditional update every move goes through; reload and queue for the hub."""
    values.setdefault("updated_at", utc_now())
    statement = update(Ticket).where(col(Ticket.id) == ticket_id, col(Ticket.status).in_(list(expected)))
    result = session.exec(statement.values(**values))
    if result.rowcount != 1:
        raise StaleStateError(stale_message)
    ticket = session.get(Ticket, ticket_id)
    assert ticket is not None
    session.refresh(ticket)
    outbox.save(session, ticket)
    return ticket


def _mine(session: Session, actor: Actor, ticket_id: str) -> Ticket:
    require(actor, Perm.QUEUE_SERVE)
    ticket = session.get(Ticket, ticket_id)
    if ticket is None:
        raise ValidationError(QT_TRANSLATE_NOOP("core", "Không tìm thấy phiếu."), "ticket_id")
    require_unit(actor, ticket.unit_code)
    return ticket


TAKEN_ELSEWHERE = QT_TRANSLATE_NOOP("core", "Số phiếu này đã được quầy khác gọi hoặc đã thay đổi.")


def call_ticket(session: Session, actor: Actor, ticket_id: str, now: datetime | None = None) -> Ticket:
    """Call one particular waiting ticket (picked from the list the officer sees)."""
    _mine(session, actor, ticket_id)
    return _move(
        session,
        ticket_id,
        [WAITING],
        TAKEN_ELSEWHERE,
        status=CALLED,
        counter_no=actor.counter_no,
        target_counter=None,
        called_at=now or utc_now(),
    )


def clash_free(ticket: Ticket, counter_no: int | None) -> bool:
    """The offline policy (docs/sync.md): with no hub to decide, a counter calls only tickets no other counter
    can call: those it issued itself (its own number block) and those transferred to it."""
    if ticket.target_counter is not None:
        return ticket.target_counter == counter_no
    block = (counter_no or 0) * DEVICE_BLOCK
    return bool(counter_no) and block < ticket.number < block + DEVICE_BLOCK


def call_next(
    session: Session,
    actor: Actor,
    groups: Sequence[str] | None = None,
    now: datetime | None = None,
    only_clash_free: bool = False,
) -> Ticket | None:
    """Call the next ticket in fair order; None when nobody waits (or, offline, nobody this counter may call)."""
    require(actor, Perm.QUEUE_SERVE)
    for candidate in waiting_list(session, actor, groups):
        if only_clash_free and not clash_free(candidate, actor.counter_no):
            continue
        try:
            return call_ticket(session, actor, candidate.id, now)
        except StaleStateError:
            continue  # another counter took it a moment ago: try the next one
    return None


def recall(session: Session, actor: Actor, ticket_id: str, now: datetime | None = None) -> Ticket:
    ticket = _mine(session, actor, ticket_id)
    return _move(
        session,
        ticket_id,
        [CALLED],
        _NOT_CALLED,
        called_at=now or utc_now(),
        recall_count=ticket.recall_count + 1,
    )


def _serve_step(
    session: Session, actor: Actor, ticket_id: str, expected: str, status: str, stamp: str, now: datetime | None
) -> Ticket:
    """One step of serving at this counter: move from `expected` to `status`, stamping the time."""
    _mine(session, actor, ticket_id)
    message = _NOT_CALLED if expected == CALLED else QT_TRANSLATE_NOOP("core", "Phiếu không ở trạng thái đang phục vụ.")
    return _move(session, ticket_id, [expected], message, status=status, **{stamp: now or utc_now()})


def skip(session: Session, actor: Actor, ticket_id: str, now: datetime | None = None) -> Ticket:
    return _serve_step(session, actor, ticket_id, CALLED, NO_SHOW, "finished_at", now)


def start(session: Session, actor: Actor, ticket_id: str, now: datetime | None = None) -> Ticket:
    return _serve_step(session, actor, ticket_id, CALLED, SERVING, "started_at", now)


def finish(session: Session, actor: Actor, ticket_id: str, now: datetime | None = None) -> Ticket:
    return _serve_step(session, actor, ticket_id, SERVING, DONE, "finished_at", now)


def cancel(session: Session, actor: Actor, ticket_id: str, note: str | None = None) -> Ticket:
    require(actor, Perm.TICKET_ISSUE)
    ticket = session.get(Ticket, ticket_id)
    if ticket is None:
        raise ValidationError(QT_TRANSLATE_NOOP("core", "Không tìm thấy phiếu."), "ticket_id")
    require_unit(actor, ticket.unit_code)
    return _move(
        session,
        ticket_id,
        [WAITING, CALLED],
        QT_TRANSLATE_NOOP("core", "Phiếu đã được phục vụ hoặc đã đóng."),
        status=CANCELLED,
        note=note,
    )


def transfer(
    session: Session, actor: Actor, ticket_id: str, to_counter: int | None = None, to_group: str | None = None
) -> Ticket:
    """Send a called or served ticket back to waiting, for another counter or another group.
    It keeps its issue time, so it does not lose its place."""
    ticket = _mine(session, actor, ticket_id)
    if to_counter is None and to_group is None:
        raise ValidationError(QT_TRANSLATE_NOOP("core", "Chọn quầy hoặc nhóm dịch vụ để chuyển."), "transfer")
    if to_group is not None and _group(session, ticket.unit_code, to_group) is None:
        raise ValidationError(QT_TRANSLATE_NOOP("core", "Nhóm dịch vụ không tồn tại."), "group_code")
    if to_group == ticket.group_code and to_counter is None:
        raise ValidationError(QT_TRANSLATE_NOOP("core", "Phiếu đã thuộc nhóm dịch vụ này."), "group_code")
    if to_counter is not None and to_counter == actor.counter_no:
        raise ValidationError(QT_TRANSLATE_NOOP("core", "Chọn một quầy khác quầy này."), "transfer")
    return _move(
        session,
        ticket_id,
        [CALLED, SERVING],
        QT_TRANSLATE_NOOP("core", "Phiếu không còn ở quầy này."),
        status=WAITING,
        target_counter=to_counter,
        group_code=to_group or ticket.group_code,
        counter_no=None,
        called_at=None,
        started_at=None,
        note=f"{TRANSFER_NOTE}{actor.counter_no or 0}:{ticket.group_code}",
    )


def transferred_from(ticket: Ticket) -> tuple[int, str] | None:
    """(counter, group) a waiting ticket was transferred from, when it was."""
    if not ticket.note or not ticket.note.startswith(TRANSFER_NOTE):
        return None
    counter, _, group = ticket.note.removeprefix(TRANSFER_NOTE).partition(":")
    return (int(counter), group) if counter.isdigit() else None


def known_counters(session: Session, unit_code: str) -> list[int]:
    """Counters of the ward that have served or been sent a ticket: the ones a transfer can go to
    (a number nobody has set up would leave the citizen waiting for nobody)."""
    served = select(Ticket.counter_no).where(Ticket.unit_code == unit_code, col(Ticket.counter_no) > 0).distinct()
    sent = select(Ticket.target_counter).where(Ticket.unit_code == unit_code, col(Ticket.target_counter) > 0)
    numbers = {n for n in session.exec(served).all() if n} | {n for n in session.exec(sent.distinct()).all() if n}
    return sorted(numbers)


def waiting_by_group(session: Session, unit_code: str) -> dict[str, int]:
    """How many wait in each group of the ward: what the display board shows (counts only)."""
    query = (
        select(Ticket.group_code, func.count())
        .where(Ticket.unit_code == unit_code, Ticket.status == WAITING)
        .group_by(col(Ticket.group_code))
    )
    return {code: count for code, count in session.exec(query).all()}


def now_serving(session: Session, actor: Actor) -> list[Ticket]:
    """What this counter has called or is serving."""
    require(actor, Perm.QUEUE_SERVE)
    query = select(Ticket).where(
        Ticket.unit_code == actor.unit_code,
        Ticket.counter_no == actor.counter_no,
        col(Ticket.status).in_([CALLED, SERVING]),
    )
    return list(session.exec(query.order_by(col(Ticket.called_at))).all())


def recent_calls(session: Session, unit_code: str, limit: int = 8) -> list[Ticket]:
    """The latest calls of the ward, newest first, served or not: what the display board shows (no personal data)."""
    query = (
        select(Ticket)
        .where(Ticket.unit_code == unit_code, col(Ticket.called_at).is_not(None))
        .order_by(col(Ticket.called_at).desc())
        .limit(limit)
    )
    return list(session.exec(query).all())


def wait_seconds(ticket: Ticket) -> float | None:
    return (ticket.called_at - ticket.issued_at).total_seconds() if ticket.called_at else None


def service_seconds(ticket: Ticket) -> float | None:
    if ticket.started_at and ticket.finished_at:
        return (ticket.finished_at - ticket.started_at).total_seconds()
    return None


@dataclass(frozen=True)
class GroupSummary:
    group_code: str
    issued: int
    served: int
    no_show: int
    waiting: int
    average_wait_s: float | None
    average_service_s: float | None


def _mean(values: list[float]) -> float | None:
    return sum(values) / len(values) if values else None


def daily_summary(session: Session, actor: Actor, day: date | None = None) -> list[GroupSummary]:
    require(actor, Perm.QUEUE_SERVE)
    query = select(Ticket).where(Ticket.unit_code == actor.unit_code, Ticket.service_day == (day or local_today()))
    by_group: dict[str, list[Ticket]] = {}
    for ticket in session.exec(query).all():
        by_group.setdefault(ticket.group_code, []).append(ticket)
    return [
        GroupSummary(
            group_code=code,
            issued=len(tickets),
            served=sum(t.status == DONE for t in tickets),
            no_show=sum(t.status == NO_SHOW for t in tickets),
            waiting=sum(t.status == WAITING for t in tickets),
            average_wait_s=_mean([w for t in tickets if (w := wait_seconds(t)) is not None]),
            average_service_s=_mean([s for t in tickets if (s := service_seconds(t)) is not None]),
        )
        for code, tickets in sorted(by_group.items())
    ]
