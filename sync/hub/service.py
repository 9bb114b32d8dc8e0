"""What the hub does, apart from HTTP: enrollment, tokens, applying pushed operations, pulls, counts."""

from __future__ import annotations

import hashlib
import json
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from json.encoder import encode_basestring_ascii
from typing import Any, Protocol

from pydantic_core import to_json
from sqlalchemy import select as sql_select
from sqlalchemy import text
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, func, select

from counter_app.dossier_states import is_allowed
from counter_app.models import MODEL_BY_ENTITY
from sync.hub import batch_sql
from sync.hub.seen import seen_for
from sync.hub.store import (
    ChangeRow,
    Device,
    EnrollmentCode,
    RecordRow,
    StateRow,
    read_once,
    read_rows,
    read_session,
    write_session,
)
from sync.hub.tokens import tokens_for
from sync.protocol import Change, Operation, OpResult, OpStatus

NOTIFY_CHANNEL = "ward_change"
DEVICE_CHANNEL = "ward_device"  # a revoked device's id (sync/hub/tokens.py)
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud over the phone
CODE_TTL = timedelta(hours=24)
PEER_UNIT = "*"
WARD_HUB = "ward_hub"  # a ward hub relaying its own ward's operations up, and pulling its ward down
UPSTREAM = "upstream"  # not a stored device: what a ward hub pulls down from the city hub is applied as this
REUSED_OP_ID = "Mã thao tác đã dùng cho một bản ghi hoặc thao tác khác."
# Personal-data fields removed from earlier change payloads when a record is deleted.
SCRUBBED = {"scrubbed": True}


class PushedOp(Protocol):
    """What the hub reads of a pushed operation: a validated `Operation`, or the fast lane's lighter
    equivalent (sync/hub/fastpush.py)."""

    @property
    def op_id(self) -> str: ...
    @property
    def entity(self) -> str: ...
    @property
    def entity_id(self) -> str: ...
    @property
    def op(self) -> str: ...
    @property
    def payload(self) -> dict[str, Any]: ...
    @property
    def origin_device(self) -> str | None: ...


# An operation's result as the hub decides it, (op_id, status, reason): OpResult's fields without a model
# built and validated per operation (a push of 2,000 spent a tenth of its time making and writing them).
Outcome = tuple[str, OpStatus, str | None]


@dataclass(frozen=True, slots=True)
class Pusher:
    """Who pushes, read once per batch (each read of a Device's mapped attribute goes through SQLAlchemy)."""

    id: str
    kind: str
    unit_code: str

    @classmethod
    def of(cls, device: Device) -> Pusher:
        return cls(device.id, device.kind, device.unit_code)


class HubError(Exception):
    def __init__(self, status: int, error: str, message: str) -> None:
        super().__init__(message)
        self.status, self.error, self.message = status, error, message


def now() -> datetime:
    return datetime.now(UTC)


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def new_enrollment_code(engine: Engine, unit_code: str, counter_no: int) -> str:
    from counter_app.units import get_unit

    get_unit(unit_code)  # raises a Vietnamese ValidationError for an unknown ward
    code = "-".join("".join(secrets.choice(CODE_ALPHABET) for _ in range(4)) for _ in range(3))
    with write_session(engine) as s:
        s.add(
            EnrollmentCode(
                code_hash=digest(code), unit_code=unit_code, counter_no=counter_no, expires_at=now() + CODE_TTL
            )
        )
    return code


def enroll(engine: Engine, code: str, device_name: str) -> tuple[Device, str]:
    """Exchange a one-time code for a device and its token (only the token's hash is kept)."""
    with write_session(engine) as s:
        row = s.get(EnrollmentCode, digest(code.strip().upper()))
        if row is None or row.used_at is not None or _aware(row.expires_at) < now():
            raise HubError(403, "bad_enrollment_code", "Mã đăng ký không đúng, đã dùng hoặc đã hết hạn.")
        row.used_at = now()
        s.add(row)
        return _new_device(s, "device", row.unit_code, row.counter_no, device_name)


def new_peer_token(engine: Engine, name: str) -> str:
    with write_session(engine) as s:
        return _new_device(s, "peer", PEER_UNIT, 0, name)[1]


def new_ward_hub_token(engine: Engine, unit_code: str, name: str) -> str:
    """A token for a ward's own hub: it may push its ward's operations (keeping their origin) and pull them."""
    from counter_app.units import get_unit

    get_unit(unit_code)
    with write_session(engine) as s:
        return _new_device(s, WARD_HUB, unit_code, 0, name)[1]


def _new_device(s: Session, kind: str, unit_code: str, counter_no: int, name: str) -> tuple[Device, str]:
    token = secrets.token_urlsafe(32)  # 256 bits
    device = Device(
        id=secrets.token_hex(8),
        kind=kind,
        unit_code=unit_code,
        counter_no=counter_no,
        name=name,
        token_hash=digest(token),
        enrolled_at=now(),
    )
    s.add(device)
    return device, token


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


_DEVICE = Device.__table__  # type: ignore[attr-defined]


DEVICE_COLUMNS = ("id", "kind", "unit_code", "counter_no", "name", "token_hash", "enrolled_at", "last_seen_at")
_DEVICE_BY_TOKEN = f"SELECT {', '.join(DEVICE_COLUMNS)} FROM hub_device WHERE token_hash = %s AND revoked_at IS NULL"
UNAUTHENTICATED = "Mã thiết bị không hợp lệ hoặc đã bị thu hồi."


def authenticate(engine: Engine, token: str | None) -> Device:
    """The device of a token that is neither unknown nor revoked (HubError 401 otherwise). Every request comes
    here: the device this worker accepted lately, or one read (no lock, no write, no ORM session); "last
    seen" is noted in memory and written by the worker a few seconds later (sync/hub/seen.py)."""
    if not token:
        raise HubError(401, "unauthenticated", "Thiếu mã thiết bị (Bearer token).")
    key = digest(token)
    tokens = tokens_for(engine)
    device = tokens.get(key)
    if device is None:
        generation = tokens.generation
        device = _stored_device(engine, key)
        if device is None:
            raise HubError(401, "unauthenticated", UNAUTHENTICATED)
        tokens.keep(key, device, generation)
    seen_for(engine).note(device)
    return device


def cached_device(engine: Engine, token: str | None) -> Device | None:
    """`authenticate`'s device when it needs no database read (the event loop asks this before it sends a
    request's authentication to a worker thread); None otherwise."""
    device = tokens_for(engine).get(digest(token)) if token else None
    if device is not None:
        seen_for(engine).note(device)
    return device


def _stored_device(engine: Engine, key: str) -> Device | None:
    if engine.dialect.name == "postgresql":
        rows = read_rows(engine, _DEVICE_BY_TOKEN, (key,))
        return Device(**dict(zip(DEVICE_COLUMNS, rows[0], strict=True))) if rows else None
    # SQLite (a ward hub: a few PCs) reads through SQLAlchemy, which turns its stored text into datetimes
    query = sql_select(_DEVICE).where(_DEVICE.c.token_hash == key)
    row = read_once(engine, lambda conn: conn.execute(query).first())
    return Device(**row._mapping) if row is not None and row.revoked_at is None else None


def revoke(engine: Engine, device_id: str) -> bool:
    """Revoke a device's token; every hub worker over this database forgets it at once (sync/hub/tokens.py:
    the NOTIFY goes out with the commit)."""
    with write_session(engine) as s:
        device = s.get(Device, device_id)
        if device is None:
            return False
        device.revoked_at = now()
        s.add(device)
        if engine.dialect.name == "postgresql":
            s.exec(text("SELECT pg_notify(:channel, :id)").bindparams(channel=DEVICE_CHANNEL, id=device_id))  # type: ignore[call-overload]
    tokens_for(engine).forget(device_id)  # this process's own requests need no notification
    return True


def list_devices(engine: Engine) -> list[Device]:
    with read_session(engine) as s:
        return list(s.exec(select(Device).order_by(col(Device.enrolled_at))).all())


def push(engine: Engine, device: Device, ops: Sequence[PushedOp]) -> list[OpResult]:
    """`push_outcomes` as the protocol's models."""
    return [OpResult(op_id=i, status=status, reason=why) for i, status, why in push_outcomes(engine, device, ops)]


def push_outcomes(engine: Engine, device: Device, ops: Sequence[PushedOp]) -> list[Outcome]:
    """Apply a batch in order, each op idempotently; one transaction for the batch. On PostgreSQL the
    ward's listeners in every worker are told at commit (NOTIFY is delivered only if the commit happens)."""
    wards = {str(op.payload.get("unit_code") or "") for op in ops}
    pusher = Pusher.of(device)
    # a delete or a pseudonymisation scrubs earlier changes: one by one, in order
    one_by_one = any(op.op == "delete" or op.payload.get("pseudonymised_at") for op in ops)
    if engine.dialect.name == "postgresql" and not one_by_one and len(ops) <= PIPELINED_UP_TO:
        return _push_postgres(engine, pusher, ops, sorted(wards))
    with write_session(engine, wards) as s:
        results = [_apply(s, pusher, op) for op in ops] if one_by_one else _apply_batch(s, pusher, ops)
        if engine.dialect.name == "postgresql":
            applied = zip(ops, results, strict=True)
            for unit in {str(op.payload.get("unit_code")) for op, r in applied if r[1] == "applied"}:
                s.exec(text("SELECT pg_notify(:channel, :unit)").bindparams(channel=NOTIFY_CHANNEL, unit=unit))  # type: ignore[call-overload]
    return results


# a batch up to this size goes to PostgreSQL in two round trips (`_push_postgres`: a city's PCs push a few
# operations at a time); a larger one through COPY (`_apply_batch`), which costs PostgreSQL less per row
PIPELINED_UP_TO = 100


def _push_postgres(engine: Engine, device: Pusher, ops: Sequence[PushedOp], wards: list[str]) -> list[Outcome]:
    """`_apply_batch` on PostgreSQL in two round trips, on the driver's connection (batch_sql.PostgresBatch):
    the wards' locks, then what the batch needs to know (its known op ids, its dossiers' states, as many
    seqs as it has ops), read after the locks; then the changes, the records and the NOTIFYs, and COMMIT."""
    with batch_sql.PostgresBatch(engine) as batch:
        dossiers = [op.entity_id for op in ops if op.entity == "dossier"]
        known, states, seqs = batch.look(wards, _op_ids_by_unit(ops), dossiers, len(ops))
        results, rows, statuses = _decide(device, ops, known, states)
        batch.write(rows, seqs[: len(rows)], statuses, {row[1] for row in rows}, NOTIFY_CHANNEL)
    return results


def get_state(engine: Engine, key: str) -> str | None:
    with read_session(engine) as s:
        row = s.get(StateRow, key)
        return row.value if row else None


def apply_from_upstream(engine: Engine, changes: list[Change], cursor_key: str, cursor: int) -> None:
    """A ward hub applies what its city hub holds for the ward, and moves its cursor, in one transaction."""
    with write_session(engine, {str(c.payload.get("unit_code", "")) for c in changes}) as s:
        for change in changes:
            unit = str(change.payload.get("unit_code", ""))
            upstream = Pusher(id="upstream", kind=UPSTREAM, unit_code=unit)
            op = Operation(
                op_id=change.op_id,
                entity=change.entity,
                entity_id=change.entity_id,
                op=change.op,
                payload=change.payload,
                created_at=now(),
                origin_device=change.origin_device,
            )
            _apply(s, upstream, op)
        row = s.get(StateRow, cursor_key) or StateRow(key=cursor_key, value="0")
        row.value = str(cursor)
        s.add(row)


def latest_seq(engine: Engine, unit_code: str) -> int:
    """The ward's newest seq (0 when it has no change yet): the long poll's look."""
    return int(read_rows(engine, "SELECT max(seq) FROM hub_change WHERE unit_code = %s", (unit_code,))[0][0] or 0)


def snapshot(engine: Engine, unit_code: str, entities: list[str]) -> tuple[list[dict[str, Any]], int]:
    """The ward's current records of some entities (accounts, groups: what a joining PC needs first),
    with the seq they are current at."""
    with read_session(engine) as s:
        cursor = int(s.exec(select(func.max(ChangeRow.seq)).where(ChangeRow.unit_code == unit_code)).one() or 0)
        rows = s.exec(
            select(RecordRow).where(RecordRow.unit_code == unit_code, col(RecordRow.entity).in_(entities))
        ).all()
    return [{"entity": r.entity, "payload": json.loads(r.payload)} for r in rows], cursor


def _apply_batch(s: Session, device: Pusher, ops: Sequence[PushedOp]) -> list[Outcome]:
    """A batch without deletes, with the same results as `_apply` one by one, in a few statements:
    one look-up of known op ids, one of the dossiers' states, one multi-row insert of the changes and
    one upsert of the records (INSERT … ON CONFLICT)."""
    known = {
        (unit, op_id): seen
        for unit, op_ids in _op_ids_by_unit(ops).items()
        for op_id, seen in batch_sql.known_ops(s, unit, op_ids).items()
    }
    results, rows, statuses = _decide(device, ops, known, _dossier_states(s, ops))
    if rows:
        _insert_changes(s, rows, statuses)
    return results


Known = dict[tuple[str, str], tuple[str, str, str]]  # (ward, op id) -> (entity, entity_id, op) held by the hub


def _decide(
    device: Pusher, ops: Sequence[PushedOp], known: Known, states: dict[tuple[str, str], Any]
) -> tuple[list[Outcome], list[tuple[Any, ...]], list[object]]:
    """Each op's outcome, in order, as `_apply` decides it; the change rows to insert and their dossier
    statuses (`known` and `states` grow with the batch's own ops)."""
    moment = now()
    results: list[Outcome] = []
    rows: list[tuple[Any, ...]] = []
    statuses: list[object] = []
    for op in ops:
        # as in `_apply`: a known op is a duplicate before the other rules are checked
        ward = op.payload.get("unit_code")
        seen = known.get((ward, op.op_id)) if isinstance(ward, str) else None
        if seen is not None and (device.kind != "device" or ward == device.unit_code):
            same = seen == (op.entity, op.entity_id, op.op)
            results.append((op.op_id, "duplicate", None) if same else (op.op_id, "rejected", REUSED_OP_ID))
            continue
        reason = _reject_reason(None, device, op, states)
        if reason:
            results.append((op.op_id, "rejected", reason))
            continue
        unit = str(op.payload["unit_code"])
        known[(unit, op.op_id)] = (op.entity, op.entity_id, op.op)
        if op.entity == "dossier":
            states[(unit, op.entity_id)] = op.payload.get("status")
        rows.append(_change_row(device, op, unit, moment))
        statuses.append(op.payload.get("status") if op.entity == "dossier" else None)  # the record's, not stored here
        results.append((op.op_id, "applied", None))
    return results, rows, statuses


def _op_ids_by_unit(ops: Sequence[PushedOp]) -> dict[str, list[str]]:
    by_unit: dict[str, list[str]] = {}
    for op in ops:
        by_unit.setdefault(str(op.payload.get("unit_code")), []).append(op.op_id)
    return by_unit


def _dossier_states(s: Session, ops: Sequence[PushedOp]) -> dict[tuple[str, str], Any]:
    ids = [op.entity_id for op in ops if op.entity == "dossier"]
    if not ids:
        return {}
    query = select(RecordRow.unit_code, RecordRow.entity_id, RecordRow.status).where(
        RecordRow.entity == "dossier", col(RecordRow.entity_id).in_(ids)
    )
    return {(u, i): status for u, i, status in s.exec(query).all()}


def stored_payload(payload: dict[str, Any]) -> str:
    """A change's payload as the hub stores it and pulls write it out: compact JSON, UTF-8 as is
    (pydantic-core's writer: several times faster than json.dumps)."""
    return to_json(payload).decode()


def _change_row(device: Pusher, op: PushedOp, unit: str, moment: datetime) -> tuple[Any, ...]:
    """The change's values in batch_sql.CHANGE_COLUMNS order."""
    upstream = device.kind == UPSTREAM
    return (
        op.op_id,
        unit,
        op.entity,
        op.entity_id,
        op.op,
        stored_payload(op.payload),
        device.id if device.kind == "device" else op.origin_device,
        moment,  # received_at
        moment if upstream else None,  # relayed_at: what came down from the upstream hub is not sent back up
        "from upstream" if upstream else None,  # relay_note
    )


def _insert_changes(s: Session, rows: list[tuple[Any, ...]], statuses: list[object]) -> None:
    """The changes in order (their seqs follow it), then each record's newest version."""
    seqs = batch_sql.insert_changes(s, rows)
    newest: dict[tuple[str, str, str], tuple[str, str, str, str, int | None, int]] = {}
    for (_op_id, unit, entity, entity_id, _op, payload, *_), seq, status in zip(rows, seqs, statuses, strict=True):
        known = status if type(status) is int else None
        newest[unit, entity, entity_id] = (unit, entity, entity_id, payload, known, seq)
    batch_sql.upsert_records(s, list(newest.values()))


def _apply(s: Session, device: Pusher, op: PushedOp) -> Outcome:
    # Known by (ward, op id): the same op reaching this hub directly and through a ward hub counts once,
    # and another ward's op ids are neither visible nor in the way. Checked before the other rules: a
    # batch re-sent after a lost answer must come back "duplicate" even though the record has moved on
    # since (a dossier's 2 then 4 in one batch: re-checking 2 against 4 would refuse an applied op).
    unit = op.payload.get("unit_code")
    if isinstance(unit, str) and (device.kind != "device" or unit == device.unit_code):
        known = s.exec(select(ChangeRow).where(ChangeRow.unit_code == unit, ChangeRow.op_id == op.op_id)).first()
        if known is not None:
            if (known.entity, known.entity_id, known.op) != (op.entity, op.entity_id, op.op):
                return op.op_id, "rejected", REUSED_OP_ID
            return op.op_id, "duplicate", None
    reason = _reject_reason(s, device, op)
    if reason:
        return op.op_id, "rejected", reason
    unit = str(op.payload["unit_code"])
    change = ChangeRow(
        op_id=op.op_id,
        unit_code=unit,
        entity=op.entity,
        entity_id=op.entity_id,
        op=op.op,
        payload=stored_payload(op.payload),
        origin_device=device.id if device.kind == "device" else op.origin_device,
        # what came down from the upstream hub is not sent back up
        relayed_at=now() if device.kind == UPSTREAM else None,
        relay_note="from upstream" if device.kind == UPSTREAM else None,
        received_at=now(),
    )
    s.add(change)
    s.flush()
    assert change.seq is not None
    record = s.get(RecordRow, (unit, op.entity, op.entity_id))
    if op.op == "delete":
        _delete(s, record, unit, op.entity_id, change.seq)
    else:
        status = op.payload.get("status") if op.entity == "dossier" else None
        if record is None:
            record = RecordRow(unit_code=unit, entity=op.entity, entity_id=op.entity_id, payload="", last_seq=0)
        record.payload, record.status, record.last_seq = change.payload, status, change.seq
        s.add(record)
        if op.payload.get("pseudonymised_at"):  # personal fields erased on request: so are the old copies
            _scrub_earlier(s, unit, op.entity_id, change.seq)
    return op.op_id, "applied", None


def _reject_reason(
    s: Session | None, device: Pusher, op: PushedOp, states: dict[tuple[str, str], Any] | None = None
) -> str | None:
    """Why the hub refuses `op`, or None; `states` holds the dossiers' current states when the caller
    looked them up for the whole batch (else the record is read here)."""
    if op.entity not in MODEL_BY_ENTITY:
        return f"Loại dữ liệu không được hỗ trợ: {op.entity}"
    unit = op.payload.get("unit_code")
    if str(op.payload.get("id")) != op.entity_id or not unit:
        return "Dữ liệu thiếu mã bản ghi hoặc mã đơn vị."
    if device.kind != "peer" and unit != device.unit_code:
        return "Thiết bị không được ghi dữ liệu của đơn vị khác."
    if op.entity == "dossier" and op.op != "delete" and device.kind != UPSTREAM:
        new = op.payload.get("status")
        if states is not None:
            old = states.get((str(unit), op.entity_id))
        else:
            assert s is not None
            record = s.get(RecordRow, (str(unit), op.entity, op.entity_id))
            old = record.status if record is not None else None
        if old is not None and isinstance(new, int) and new != old and not is_allowed(old, new):
            return f"Chuyển trạng thái hồ sơ {old} → {new} không hợp lệ."
    return None


def _delete(s: Session, record: RecordRow | None, unit: str, entity_id: str, seq: int) -> None:
    """Remove the record and the personal data of every earlier change about it."""
    if record is not None:
        s.delete(record)
    _scrub_earlier(s, unit, entity_id, seq)


def _scrub_earlier(s: Session, unit: str, entity_id: str, seq: int) -> None:
    """Replace the payload of every earlier change about the record: it held the personal data."""
    earlier = s.exec(select(ChangeRow).where(ChangeRow.entity_id == entity_id, col(ChangeRow.seq) < seq))
    for change in earlier.all():
        if change.unit_code == unit and change.op != "delete":
            change.payload = json.dumps({"id": entity_id, "unit_code": unit, **SCRUBBED})
            s.add(change)


def pull(engine: Engine, device: Device, since: int, limit: int) -> tuple[list[Change], int, bool]:
    with read_session(engine) as s:
        rows = s.exec(
            select(ChangeRow)
            .where(ChangeRow.unit_code == device.unit_code, col(ChangeRow.seq) > since)
            .order_by(col(ChangeRow.seq))
            .limit(limit + 1)
        ).all()
    page = rows[:limit]
    changes = [
        Change(
            seq=r.seq or 0,
            op_id=r.op_id,
            entity=r.entity,
            entity_id=r.entity_id,
            op=r.op,  # type: ignore[arg-type]
            payload=json.loads(r.payload),
            origin_device=r.origin_device,
        )
        for r in page
    ]
    return changes, (page[-1].seq or since) if page else since, len(rows) > limit


_PAGE_COLUMNS = "seq, op_id, entity, entity_id, op, payload, origin_device"
_PAGE = f"SELECT {_PAGE_COLUMNS} FROM hub_change WHERE unit_code = %s AND seq > %s ORDER BY seq LIMIT %s"
_AHEAD = "SELECT count(*) FROM hub_change WHERE unit_code = %s AND seq > %s"
_NEWS = (
    f"SELECT {_PAGE_COLUMNS}, (SELECT max(seq) FROM hub_change WHERE unit_code = %s) FROM hub_change"
    " WHERE unit_code = %s AND seq > %s ORDER BY seq LIMIT %s"
)


def pull_json(engine: Engine, unit_code: str, since: int, limit: int, count: bool = False) -> bytes:
    """The same answer as `pull`, as the PullResponse JSON, written straight from the stored rows: each
    payload is already JSON text (json.dumps at push), so it is spliced in, not parsed and dumped again."""
    rows = read_rows(engine, _PAGE, (unit_code, since, limit + 1))
    remaining = ""
    if count:  # for the progress of a long pull (the client asks once per pull)
        ahead = read_rows(engine, _AHEAD, (unit_code, since))[0][0] if len(rows) > limit else len(rows)
        remaining = f',"remaining":{int(ahead)}'
    return _page_json(rows, since, limit, remaining)


def news_json(
    engine: Engine, unit_code: str, since: int, limit: int
) -> tuple[int, bytes, frozenset[str | None], bool] | None:
    """For a long poll that asked for the page: the ward's newest seq, the page a pull from `since` would
    get, who made its changes and whether there is more, in one query; None when nothing is past `since`."""
    rows = read_rows(engine, _NEWS, (unit_code, unit_code, since, limit + 1))
    if not rows:
        return None
    origins = frozenset(row[6] for row in rows[:limit])
    return int(rows[0][-1]), _page_json(rows, since, limit, ""), origins, len(rows) > limit


def _page_json(rows: Sequence[Sequence[Any]], since: int, limit: int, remaining: str) -> bytes:
    page = rows[:limit]
    dump = encode_basestring_ascii  # json.dumps's own bytes for a text, without its call per value
    items = ",".join(
        f'{{"seq":{int(seq)},"op_id":{dump(op_id)},"entity":{dump(entity)},"entity_id":{dump(entity_id)},'
        f'"op":{dump(op)},"payload":{payload},"origin_device":{"null" if origin is None else dump(origin)}}}'
        for seq, op_id, entity, entity_id, op, payload, origin, *_ in page
    )
    cursor = int(page[-1][0]) if page else since
    more = "true" if len(rows) > limit else "false"
    return f'{{"changes":[{items}],"next_cursor":{cursor},"has_more":{more}{remaining}}}'.encode()


def counts(engine: Engine, unit_code: str) -> dict[str, int]:
    with read_session(engine) as s:
        query = select(RecordRow.entity, func.count()).where(RecordRow.unit_code == unit_code)
        return {e: int(n) for e, n in s.exec(query.group_by(col(RecordRow.entity))).all()}


@dataclass(frozen=True)
class WardStatus:
    unit_code: str
    records: int
    changes: int
    unrelayed: int


def status(engine: Engine) -> list[WardStatus]:
    with read_session(engine) as s:
        recs = dict(s.exec(select(RecordRow.unit_code, func.count()).group_by(col(RecordRow.unit_code))).all())
        chg = dict(s.exec(select(ChangeRow.unit_code, func.count()).group_by(col(ChangeRow.unit_code))).all())
        pend = dict(
            s.exec(
                select(ChangeRow.unit_code, func.count())
                .where(col(ChangeRow.relayed_at).is_(None))
                .group_by(col(ChangeRow.unit_code))
            ).all()
        )
    return [WardStatus(u, int(recs.get(u, 0)), int(chg[u]), int(pend.get(u, 0))) for u in sorted(chg)]


def unrelayed(engine: Engine, limit: int) -> list[ChangeRow]:
    with read_session(engine) as s:
        query = select(ChangeRow).where(col(ChangeRow.relayed_at).is_(None)).order_by(col(ChangeRow.seq))
        return list(s.exec(query.limit(limit)).all())


def mark_relayed(engine: Engine, results: dict[str, OpResult]) -> None:
    with write_session(engine) as s:
        for op_id, result in results.items():
            row = s.exec(select(ChangeRow).where(ChangeRow.op_id == op_id)).one()
            row.relayed_at = now()
            row.relay_note = result.status if result.status != "rejected" else f"rejected: {result.reason}"
            s.add(row)


def describe(payload: dict[str, Any]) -> str:
    """Never log payloads: only their shape."""
    return f"{len(payload)} fields"
