"""The client's database side of sync: outbox batches, acknowledgements, quarantine, and
applying pulled changes under the conflict rules (see docs/sync.md). Plain functions on a
session; the engine runs them on one worker thread so database access stays serialised.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import delete as sql_delete
from sqlalchemy import insert as sql_insert
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, func, or_, select

from counter_app import outbox, search, settings
from counter_app.clock import utc_now
from counter_app.dossier_states import is_allowed
from counter_app.i18n import QT_TRANSLATE_NOOP
from counter_app.ids import new_id
from counter_app.models import MODEL_BY_ENTITY, OutboxEntry, SyncConflict, SyncedModel, SyncState, Ticket
from sync.protocol import Change, Operation, OpResult

MAX_REJECTIONS = 3
CONFLICT_PENDING = QT_TRANSLATE_NOOP(
    "core",
    "Thay đổi trên máy này chưa gửi lên máy chủ; giữ bản trên máy, lưu bản từ máy chủ để đối chiếu.",
)
REJECT_RETRY = timedelta(seconds=30)
QUEUE_CLASH = QT_TRANSLATE_NOOP(
    "core",
    "Số {label} đã được gọi ở cả quầy {mine} và quầy {other} lúc các máy không cùng liên lạc được máy chủ; "
    "hãy xem công dân đang được quầy nào phục vụ.",
)
CALLED_STATES = frozenset({"called", "serving", "done", "no_show"})
# Audit entries travel to the hub for safekeeping; each counter keeps its own hash chain, so
# other counters' entries are never pulled back into it.
NOT_PULLED = frozenset({"audit_entry"})
COMPARED = tuple(e for e in MODEL_BY_ENTITY if e not in NOT_PULLED)


@dataclass(frozen=True, slots=True)
class Outgoing:
    """An outbox entry as it goes on the wire: the payload stays the JSON text the outbox holds, so
    pushing parses and re-encodes nothing (transport.HubClient.push_outgoing writes the body)."""

    op_id: str
    entity: str
    entity_id: str
    op: str
    payload: str
    created_at: str  # as stored: the walk's position with op_id (see next_outgoing)

    @property
    def position(self) -> tuple[str, str]:
        return self.created_at, self.op_id


DUE = (
    "SELECT op_id, entity, entity_id, op, payload, created_at FROM outbox"
    " WHERE quarantined_at IS NULL AND (next_attempt_at IS NULL OR next_attempt_at <= ?){after}"
    " ORDER BY created_at, op_id LIMIT ?"
)


def next_outgoing(
    session: Session, limit: int, after: tuple[str, str] | None = None, now: datetime | None = None
) -> list[Outgoing]:
    """The oldest operations due for sending, after `after` (the last one of the batch before, still
    unacknowledged while it travels): the order of `next_batch`, read along the index ix_outbox_due."""
    moment = _stored_moment(now or utc_now())
    sql = DUE.format(after=" AND (created_at, op_id) > (?, ?)" if after else "")
    params = (moment, *(after or ()), limit)
    rows = session.connection().exec_driver_sql(sql, params).all()
    return [Outgoing(*row) for row in rows]


def _stored_moment(moment: datetime) -> str:
    """A moment as the app's SQLite columns hold it (SQLAlchemy's text form, UTC without the offset)."""
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return moment.strftime("%Y-%m-%d %H:%M:%S.%f")


def next_batch(session: Session, limit: int, now: datetime | None = None) -> list[Operation]:
    """The oldest operations due for sending (quarantined ones wait for a person)."""
    moment = now or utc_now()
    query = (
        select(OutboxEntry)
        .where(col(OutboxEntry.quarantined_at).is_(None))
        .where(or_(col(OutboxEntry.next_attempt_at).is_(None), col(OutboxEntry.next_attempt_at) <= moment))
        .order_by(col(OutboxEntry.created_at), col(OutboxEntry.op_id))
        .limit(limit)
    )
    return [
        Operation.model_validate(
            {
                "op_id": e.op_id,
                "entity": e.entity,
                "entity_id": e.entity_id,
                "op": e.op,
                "payload": json.loads(e.payload),
                "created_at": e.created_at,
            }
        )
        for e in session.exec(query).all()
    ]


def acknowledge(session: Session, results: list[OpResult], now: datetime | None = None) -> int:
    """Remove what the hub took (applied or duplicate); count rejections, quarantining repeat ones.
    Returns how many were quarantined now."""
    moment = now or utc_now()
    done = [r.op_id for r in results if r.status in ("applied", "duplicate")]
    if done:  # one plain statement: this runs for every pushed batch
        marks = ", ".join("?" * len(done))
        session.connection().exec_driver_sql(f"DELETE FROM outbox WHERE op_id IN ({marks})", tuple(done))
    quarantined = 0
    for result in results:
        if result.status != "rejected":
            continue
        entry = session.get(OutboxEntry, result.op_id)
        if entry is None:
            continue
        entry.attempts += 1
        entry.last_error = result.reason or "Máy chủ từ chối thao tác."
        entry.next_attempt_at = moment + REJECT_RETRY * entry.attempts
        if entry.attempts >= MAX_REJECTIONS:
            entry.quarantined_at = moment
            quarantined += 1
        session.add(entry)
    return quarantined


def list_quarantined(session: Session) -> list[OutboxEntry]:
    query = select(OutboxEntry).where(col(OutboxEntry.quarantined_at).is_not(None))
    return list(session.exec(query.order_by(col(OutboxEntry.created_at))).all())


def retry(session: Session, op_id: str) -> bool:
    """Put a quarantined operation back in line (after a person fixed the cause)."""
    entry = session.get(OutboxEntry, op_id)
    if entry is None:
        return False
    entry.quarantined_at, entry.next_attempt_at, entry.attempts = None, None, 0
    session.add(entry)
    return True


def retry_all(session: Session) -> int:
    return sum(retry(session, e.op_id) for e in list_quarantined(session))


def cursor_key(hub_url: str) -> str:
    return f"cursor:{hub_url.rstrip('/')}"


def get_cursor(session: Session, hub_url: str) -> int:
    row = session.get(SyncState, cursor_key(hub_url))
    return int(row.value) if row else 0


def set_cursor(session: Session, hub_url: str, cursor: int) -> None:
    row = session.get(SyncState, cursor_key(hub_url)) or SyncState(key=cursor_key(hub_url), value="0")
    row.value = str(cursor)
    session.add(row)


def apply_page(session: Session, hub_url: str, changes: list[Change], next_cursor: int) -> int:
    """Apply one pulled page and move the cursor, in the caller's single transaction.
    Returns how many changes produced a conflict.

    Records this PC has never seen (a new or restored PC pulling its ward's history) are inserted in
    bulk; records already here exactly as sent (its own changes coming back) are left alone; everything
    else (updates, deletes, anything pending here) goes through the conflict rules one by one. Changes
    are applied in the hub's order either way: a run of new records is written before the next change
    that needs the rules (a dossier may need the citizen just before it)."""
    conflicts = 0
    own_counter = settings.load(session).counter_no
    fresh, echoes = _sort_out(session, changes)  # neither can clash in the queue: not here, or here as sent
    run: list[Change] = []
    with outbox.remote_apply(session):
        for change in changes:
            if change.op_id in echoes:
                continue
            if change.op_id in fresh:
                run.append(change)
                continue
            conflicts += _insert_new(session, run)
            run = []
            clash = _queue_clash(session, change, own_counter)
            if clash and _conflict(session, change, clash):
                conflicts += 1
            reason = _apply(session, change)
            if reason and _conflict(session, change, reason):
                conflicts += 1
        conflicts += _insert_new(session, run)
    set_cursor(session, hub_url, next_cursor)
    return conflicts


def _sort_out(session: Session, changes: list[Change]) -> tuple[set[str], set[str]]:
    """(fresh, echoes): the op ids of upserts, changed once in this page and not pending here, of records
    absent here (inserted in bulk), and of records already here exactly as sent (this PC's own changes
    coming back from the hub, or a replay: nothing to do). The rest goes through the rules."""
    seen: dict[str, int] = {}
    for change in changes:
        seen[change.entity_id] = seen.get(change.entity_id, 0) + 1
    candidates = [
        c
        for c in changes
        if c.op == "upsert"
        and c.entity in MODEL_BY_ENTITY
        and c.entity not in NOT_PULLED
        and not c.payload.get("scrubbed")
        and seen[c.entity_id] == 1
        and c.payload.get("id") == c.entity_id
    ]
    if not candidates:
        return set(), set()
    pending: set[str] = set()
    here: dict[str, dict[str, object]] = {}
    ids = [c.entity_id for c in candidates]
    for chunk in range(0, len(ids), 500):
        part = ids[chunk : chunk + 500]
        pending.update(session.exec(select(OutboxEntry.entity_id).where(col(OutboxEntry.entity_id).in_(part))).all())
        for entity in {c.entity for c in candidates}:
            model = MODEL_BY_ENTITY[entity]
            here.update(
                (r.id, outbox.row_payload(r)) for r in session.exec(select(model).where(col(model.id).in_(part)))
            )
    free = [c for c in candidates if c.entity_id not in pending]
    fresh = {c.op_id for c in free if c.entity_id not in here}
    echoes = {c.op_id for c in free if here.get(c.entity_id) == c.payload}
    return fresh, echoes


def _insert_new(session: Session, changes: list[Change]) -> int:
    """Insert new records in bulk (Core executemany, same column types as the ORM), then index
    citizens and dossiers for search, which the ORM's flush hook would otherwise have done.
    Returns how many conflicts the one-by-one fallback recorded."""
    if not changes:
        return 0
    session.flush()
    by_entity: dict[str, list[dict[str, object]]] = {}
    for change in changes:
        model = MODEL_BY_ENTITY[change.entity]
        by_entity.setdefault(change.entity, []).append(model.model_validate(change.payload).model_dump())
    try:
        with session.begin_nested():
            for entity, rows in by_entity.items():
                session.execute(sql_insert(MODEL_BY_ENTITY[entity].__table__), rows)  # type: ignore[attr-defined]
    except IntegrityError:  # a clash among them (e.g. a username taken here): the rules sort each one out
        conflicts = 0
        for change in changes:
            reason = _apply(session, change)
            if reason and _conflict(session, change, reason):
                conflicts += 1
        return conflicts
    run = search.session_runner(session)
    for change in changes:
        if change.entity == "citizen":
            search.index_citizen(run, change.entity_id)
        elif change.entity == "dossier":
            search.index_dossier(run, change.entity_id)
    return 0


def _queue_clash(session: Session, change: Change, own_counter: int) -> str | None:
    """A ticket this counter called, called at another counter too: possible only when the ward's PCs could not
    reach one hub to decide (docs/sync.md). The hub's order still decides what stands; the officers are told (a
    conflict, shown in the sync panel and the status bar) the moment the PCs meet again, on both PCs."""
    if change.entity != "ticket" or change.op == "delete":
        return None
    local = session.get(Ticket, change.entity_id)
    other = change.payload.get("counter_no")
    if local is None or local.counter_no != own_counter or local.status not in CALLED_STATES:
        return None
    if change.payload.get("status") not in CALLED_STATES or other in (None, own_counter):
        return None
    return QUEUE_CLASH.format(label=local.label, mine=own_counter, other=other)


def _apply(session: Session, change: Change) -> str | None:
    """Apply one change; returns a conflict reason when it must be kept aside instead."""
    model = MODEL_BY_ENTITY.get(change.entity)
    if model is None or change.entity in NOT_PULLED or change.payload.get("scrubbed"):
        return None
    local = session.get(model, change.entity_id)
    if change.op == "delete":
        return _delete(session, local, change)
    remote = model.model_validate(change.payload)
    # The hub's order is the authority, not device clocks (a counter's clock may run late). Timestamps only
    # tell an echo or a replayed old version (kept silently) from a real clash (kept as a conflict).
    newer = local is None or remote.updated_at > local.updated_at
    if outbox.has_pending(session, change.entity_id):
        return CONFLICT_PENDING if newer else None
    old, new = getattr(local, "status", None), getattr(remote, "status", None)
    moved = isinstance(old, int) and isinstance(new, int) and old != new
    if change.entity == "dossier" and moved and not is_allowed(int(old or 0), int(new or 0)):
        return f"Chuyển trạng thái hồ sơ {old} → {new} không hợp lệ." if newer else None
    try:
        with session.begin_nested():  # one bad row must not stop the whole page (and so every later sync)
            if local is None:
                session.add(remote)
            else:
                for name in model.model_fields:
                    setattr(local, name, getattr(remote, name))
                session.add(local)
            session.flush()
    except IntegrityError:
        return "Không áp dụng được: trùng hoặc thiếu dữ liệu liên quan trên máy này (ví dụ trùng tên đăng nhập)."
    return None


def _delete(session: Session, local: SyncedModel | None, change: Change) -> str | None:
    if local is None:
        return None
    try:
        with session.begin_nested():
            session.delete(local)
            session.flush()
    except IntegrityError:
        return "Không xóa được vì còn dữ liệu khác tham chiếu tới bản ghi này."
    session.exec(sql_delete(OutboxEntry).where(col(OutboxEntry.entity_id) == change.entity_id))
    return None


def _conflict(session: Session, change: Change, reason: str) -> bool:
    """Keep the pulled version aside, once (a full resync replays the same change); True when new."""
    remote_payload = json.dumps(change.payload, ensure_ascii=False)
    known = select(SyncConflict.id).where(
        SyncConflict.entity_id == change.entity_id,
        SyncConflict.remote_payload == remote_payload,
        col(SyncConflict.resolved_at).is_(None),
    )
    if session.exec(known).first() is not None:
        return False
    model = MODEL_BY_ENTITY.get(change.entity)
    local = session.get(model, change.entity_id) if model else None
    session.add(
        SyncConflict(
            id=new_id(),
            entity=change.entity,
            entity_id=change.entity_id,
            local_payload=json.dumps(outbox.row_payload(local), ensure_ascii=False) if local else None,
            remote_payload=remote_payload,
            reason=reason,
        )
    )
    return True


def open_conflicts(session: Session) -> int:
    query = select(func.count()).select_from(SyncConflict).where(col(SyncConflict.resolved_at).is_(None))
    return int(session.exec(query).one())


def local_counts(session: Session, unit_code: str) -> dict[str, int]:
    counts: dict[str, int] = {}
    for entity in COMPARED:
        model = MODEL_BY_ENTITY[entity]
        n = session.exec(select(func.count()).select_from(model).where(model.unit_code == unit_code)).one()
        if n:
            counts[entity] = int(n)
    return counts


def mismatched(local: dict[str, int], hub: dict[str, int]) -> list[str]:
    return sorted(e for e in COMPARED if local.get(e, 0) != hub.get(e, 0))
