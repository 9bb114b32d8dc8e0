"""What the hub does, apart from HTTP: enrollment, tokens, applying pushed operations, pulls, counts."""

from __future__ import annotations

import hashlib
import json
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy.engine import Engine
from sqlmodel import Session, col, func, select

from counter_app.dossier_states import is_allowed
from counter_app.models import MODEL_BY_ENTITY
from sync.hub.store import ChangeRow, Device, EnrollmentCode, RecordRow, read_session, write_session
from sync.protocol import Change, Operation, OpResult

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud over the phone
CODE_TTL = timedelta(hours=24)
PEER_UNIT = "*"
# Personal-data fields removed from earlier change payloads when a record is deleted.
SCRUBBED = {"scrubbed": True}


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


def authenticate(engine: Engine, token: str | None) -> Device:
    if not token:
        raise HubError(401, "unauthenticated", "Thiếu mã thiết bị (Bearer token).")
    with write_session(engine) as s:
        device = s.exec(select(Device).where(Device.token_hash == digest(token))).first()
        if device is None or device.revoked_at is not None:
            raise HubError(401, "unauthenticated", "Mã thiết bị không hợp lệ hoặc đã bị thu hồi.")
        device.last_seen_at = now()
        s.add(device)
        return device


def revoke(engine: Engine, device_id: str) -> bool:
    with write_session(engine) as s:
        device = s.get(Device, device_id)
        if device is None:
            return False
        device.revoked_at = now()
        s.add(device)
        return True


def list_devices(engine: Engine) -> list[Device]:
    with read_session(engine) as s:
        return list(s.exec(select(Device).order_by(col(Device.enrolled_at))).all())


def push(engine: Engine, device: Device, ops: list[Operation]) -> list[OpResult]:
    """Apply a batch in order, each op idempotently; one transaction for the batch."""
    with write_session(engine) as s:
        return [_apply(s, device, op) for op in ops]


def _apply(s: Session, device: Device, op: Operation) -> OpResult:
    if s.exec(select(ChangeRow.seq).where(ChangeRow.op_id == op.op_id)).first() is not None:
        return OpResult(op_id=op.op_id, status="duplicate")
    reason = _reject_reason(s, device, op)
    if reason:
        return OpResult(op_id=op.op_id, status="rejected", reason=reason)
    unit = str(op.payload["unit_code"])
    change = ChangeRow(
        op_id=op.op_id,
        unit_code=unit,
        entity=op.entity,
        entity_id=op.entity_id,
        op=op.op,
        payload=json.dumps(op.payload, ensure_ascii=False, sort_keys=True),
        origin_device=device.id if device.kind == "device" else op.origin_device,
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
    return OpResult(op_id=op.op_id, status="applied")


def _reject_reason(s: Session, device: Device, op: Operation) -> str | None:
    if op.entity not in MODEL_BY_ENTITY:
        return f"Loại dữ liệu không được hỗ trợ: {op.entity}"
    unit = op.payload.get("unit_code")
    if str(op.payload.get("id")) != op.entity_id or not unit:
        return "Dữ liệu thiếu mã bản ghi hoặc mã đơn vị."
    if device.kind == "device" and unit != device.unit_code:
        return "Thiết bị không được ghi dữ liệu của đơn vị khác."
    if op.entity == "dossier" and op.op != "delete":
        record = s.get(RecordRow, (str(unit), op.entity, op.entity_id))
        new = op.payload.get("status")
        old = record.status if record is not None else None
        if old is not None and isinstance(new, int) and new != old and not is_allowed(old, new):
            return f"Chuyển trạng thái hồ sơ {old} → {new} không hợp lệ."
    return None


def _delete(s: Session, record: RecordRow | None, unit: str, entity_id: str, seq: int) -> None:
    """Remove the record and the personal data of every earlier change about it."""
    if record is not None:
        s.delete(record)
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
