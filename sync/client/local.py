"""The client's database side of sync: outbox batches, acknowledgements, quarantine, and
applying pulled changes under the conflict rules (see docs/sync.md). Plain functions on a
session; the engine runs them on one worker thread so database access stays serialised.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime, timedelta
from functools import cache
from operator import itemgetter
from typing import Any, NamedTuple, Protocol

from pydantic import BaseModel, Field, create_model
from pydantic import ValidationError as PydanticValidationError
from sqlalchemy import delete as sql_delete
from sqlalchemy.engine import Dialect
from sqlalchemy.exc import IntegrityError
from sqlalchemy.types import Date
from sqlmodel import Session, col, func, or_, select
from sqlmodel.sql.sqltypes import UTCDateTime

from counter_app import outbox, search, settings
from counter_app.clock import utc_now
from counter_app.dossier_states import is_allowed
from counter_app.i18n import QT_TRANSLATE_NOOP
from counter_app.ids import new_id
from counter_app.models import MODEL_BY_ENTITY, OutboxEntry, SyncConflict, SyncedModel, SyncState, Ticket
from sync.client.pacing import checkpoint
from sync.protocol import Change, Operation

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


class Outgoing(NamedTuple):
    """An outbox entry as it goes on the wire: the payload stays the JSON text the outbox holds, so
    pushing parses and re-encodes nothing (transport.HubClient.push_outgoing writes the body). A named
    tuple, made from the driver's row as it is (a frozen dataclass cost 4 µs an entry, more than reading it)."""

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
    return list(map(Outgoing._make, rows))


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


class Acked(Protocol):
    """A pushed operation's result: an OpResult, or the engine's lighter transport.Outcome."""

    @property
    def op_id(self) -> str: ...
    @property
    def status(self) -> str: ...
    @property
    def reason(self) -> str | None: ...


def acknowledge(session: Session, results: Sequence[Acked], now: datetime | None = None) -> int:
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
        checkpoint()
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


def apply_page(
    session: Session, hub_url: str, changes: list[Change], next_cursor: int, touched: set[str] | None = None
) -> int:
    """Apply one pulled page and move the cursor, in the caller's single transaction.
    Returns how many changes produced a conflict.

    Records this PC has never seen (a new or restored PC pulling its ward's history) are inserted in
    bulk; records already here exactly as sent (its own changes coming back) are left alone; everything
    else (updates, deletes, anything pending here) goes through the conflict rules one by one. Changes
    are applied in the hub's order either way: a run of new records is written before the next change
    that needs the rules (a dossier may need the citizen just before it). `touched` collects the entities
    that changed here (not the echoes): what the windows must re-read."""
    conflicts = 0
    own_counter: int | None = None  # read only when a change needs the rules
    fresh, echoes = _sort_out(session, changes)  # neither can clash in the queue: not here, or here as sent
    run: list[Change] = []
    with outbox.remote_apply(session):
        for change in changes:
            if change.op_id in echoes:
                continue
            checkpoint()  # between changes: the window's thread may be waiting (sync/client/pacing.py)
            if touched is not None:
                touched.add(change.entity)
            if change.op_id in fresh:
                run.append(change)
                continue
            conflicts += _insert_new(session, run)
            run = []
            if own_counter is None:
                own_counter = settings.load(session).counter_no
            clash = _queue_clash(session, change, own_counter)
            if clash and _conflict(session, change, clash):
                conflicts += 1
            reason = _apply(session, change)
            if reason and _conflict(session, change, reason):
                conflicts += 1
        conflicts += _insert_new(session, run)
    set_cursor(session, hub_url, next_cursor)
    return conflicts


_PENDING_AMONG = "SELECT DISTINCT entity_id FROM outbox WHERE entity_id IN (SELECT value FROM json_each(?))"


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
    here: dict[str, tuple[object, ...]] = {}
    conn = session.connection()
    dialect = session.get_bind().dialect
    ids = json.dumps([c.entity_id for c in candidates])  # one parameter, however many ids (json_each)
    pending = {r[0] for r in conn.exec_driver_sql(_PENDING_AMONG, (ids,))}
    for entity in {c.entity for c in candidates}:
        here.update(_stored_rows(conn, entity, ids))
    free = [c for c in candidates if c.entity_id not in pending]
    fresh = {c.op_id for c in free if c.entity_id not in here}
    echoes = {c.op_id for c in free if c.entity_id in here and _echoes(c, dialect, here[c.entity_id])}
    return fresh, echoes


def _echoes(change: Change, dialect: Dialect, stored: tuple[object, ...]) -> bool:
    checkpoint()  # tens of microseconds each, hundreds in a chunk: the window's thread may be waiting
    return _as_stored(change, dialect) == stored


def _stored_rows(conn: Any, entity: str, ids: str) -> dict[str, tuple[object, ...]]:
    """The entity's rows among `ids` (a JSON list) as SQLite holds them, by id: read by the driver, no ORM
    object per row (loading and dumping them held the GIL for most of a 500-change chunk of echoes)."""
    table = MODEL_BY_ENTITY[entity].__table__  # type: ignore[attr-defined]
    names = [c.name for c in table.columns]
    query = f"SELECT {', '.join(names)} FROM {table.name} WHERE id IN (SELECT value FROM json_each(?))"
    at = names.index("id")
    return {row[at]: tuple(row) for row in conn.exec_driver_sql(query, (ids,))}


def _as_stored(change: Change, dialect: Dialect) -> tuple[object, ...] | None:
    """The change's record as the bulk insert would store it (the ORM's bytes: tests/sync/test_pull_bulk.py),
    or None when its payload is not one the bulk insert takes (it then goes through the rules)."""
    try:
        return _row_values(_insert_plan(change.entity, dialect), change)
    except (PydanticValidationError, ValueError, TypeError):
        return None


def _insert_new(session: Session, changes: list[Change]) -> int:
    """Insert new records in bulk (the driver's executemany, the same stored values as the ORM), then index
    citizens and dossiers for search in bulk too, which the ORM's flush hook would otherwise have done.
    Returns how many conflicts the one-by-one fallback recorded."""
    if not changes:
        return 0
    session.flush()
    dialect = session.get_bind().dialect
    by_entity: dict[str, list[tuple[object, ...]]] = {}
    for change in changes:
        checkpoint()
        by_entity.setdefault(change.entity, []).append(_row_values(_insert_plan(change.entity, dialect), change))
    try:
        with session.begin_nested():
            conn = session.connection()
            for entity, rows in by_entity.items():
                conn.exec_driver_sql(_insert_plan(entity, dialect)[0], rows)
    except IntegrityError:  # a clash among them (e.g. a username taken here): the rules sort each one out
        conflicts = 0
        for change in changes:
            reason = _apply(session, change)
            if reason and _conflict(session, change, reason):
                conflicts += 1
        return conflicts
    search.index_new(session.connection(), [(c.entity, c.entity_id) for c in changes])
    return 0


def _row_values(plan: InsertPlan, change: Change) -> tuple[object, ...]:
    """The change's record as the table's column values, checked as the ORM checks them and converted
    for the database as the ORM converts them (tests/sync/test_pull_bulk.py compares the stored bytes).
    Times in the form the PCs send them (`2026-01-05T01:00:00Z`) become SQLite's text by slicing; any other
    form goes the whole way through datetime objects."""
    _sql, take, times, convert = plan
    try:
        values = list(take(_row_model(change.entity, True).model_validate(change.payload).__dict__))  # the fields
        texts: dict[str, str] = {}  # a record's times are often one moment (a ticket's created, updated, issued)
        for i in times:
            moment = values[i]
            if moment is not None:
                stored = texts.get(moment)
                values[i] = stored if stored is not None else texts.setdefault(moment, _utc_text(moment))
    except (PydanticValidationError, ValueError):
        values = list(take(_row_model(change.entity, False).model_validate(change.payload).__dict__))
        for i in times:
            if values[i] is not None:
                values[i] = _sqlite_datetime(values[i])
    for i, fn in convert:
        if values[i] is not None:
            values[i] = fn(values[i])
    return tuple(values)


Convert = Callable[[Any], Any]
InsertPlan = tuple[str, Callable[[dict[str, Any]], tuple[Any, ...]], list[int], list[tuple[int, Convert]]]
_PLANS: dict[tuple[str, str], InsertPlan] = {}


def _insert_plan(entity: str, dialect: Dialect) -> InsertPlan:
    """(INSERT statement, the row's values in column order, the time columns, the other columns to convert
    and how) of the entity's table: a bulk insert through the driver's executemany, without SQLAlchemy
    compiling parameters row by row."""
    plan = _PLANS.get((entity, dialect.name))
    if plan is None:
        table = MODEL_BY_ENTITY[entity].__table__  # type: ignore[attr-defined]
        names = [c.name for c in table.columns]
        sql = f"INSERT INTO {table.name} ({', '.join(names)}) VALUES ({', '.join('?' for _ in names)})"
        if dialect.name != "sqlite":
            raise ValueError(f"bulk insert for SQLite only, not {dialect.name}")  # the PC's database
        times = [i for i, c in enumerate(table.columns) if isinstance(c.type, UTCDateTime)]
        converts = [
            (i, fn) for i, c in enumerate(table.columns) if i not in times and (fn := _convert(c, dialect)) is not None
        ]
        plan = _PLANS[entity, dialect.name] = (sql, itemgetter(*names), times, converts)
    return plan


def _utc_text(text: str) -> str:
    """A time as pydantic writes an aware UTC one (`…T01:00:00Z`, `…T01:00:00.500000Z`), as SQLAlchemy stores
    it in SQLite (`… 01:00:00.000000`); `fromisoformat` checks it is a real date and time. Any other form:
    ValueError, and the caller goes the whole way."""
    if len(text) not in (20, 27) or text[10] != "T" or text[-1] != "Z" or (len(text) == 27 and text[19] != "."):
        raise ValueError("not in the PCs' own form")
    datetime.fromisoformat(text)
    return f"{text[:10]} {text[11:19]}.{text[20:26] if len(text) == 27 else '000000'}"


def _convert(column: Any, dialect: Dialect) -> Convert | None:
    """SQLAlchemy's own bind processor, except for SQLite's dates, which it formats through a dict per value:
    the same text (`YYYY-MM-DD`) made directly."""
    if type(column.type) is Date:
        return date.isoformat
    processor: Convert | None = column.type.dialect_impl(dialect).bind_processor(dialect)
    return processor


def _sqlite_datetime(value: datetime) -> str:
    offset = value.utcoffset()
    if offset is None:
        raise ValueError("naive datetime")  # as the ORM's UTCDateTime refuses it
    return (value - offset).replace(tzinfo=None).isoformat(" ", "microseconds")


@cache
def _row_model(entity: str, times_as_text: bool) -> type[BaseModel]:
    """A plain pydantic twin of the entity's table class: the same fields, types and defaults, so a pulled
    payload is checked exactly as `model_validate` checks it, without the table class's instrumented
    attribute setting (most of the time of a bulk insert otherwise). `times_as_text`: times are taken as text
    (and required), for `_utc_text` to check and convert."""
    table = MODEL_BY_ENTITY[entity]
    fields: dict[str, Any] = {}
    for name, info in table.model_fields.items():
        default = Field(default_factory=info.default_factory) if info.default_factory else info.default
        annotation = info.annotation
        if times_as_text and annotation in (datetime, datetime | None):
            annotation = str if annotation is datetime else str | None
            default = ... if info.default_factory or info.is_required() else info.default
        fields[name] = (annotation, default)
    return create_model(f"{table.__name__}{'Text' if times_as_text else ''}Row", **fields)


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
