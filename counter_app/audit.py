"""Append-only audit trail with a hash chain: each entry hashes its content and the previous
entry's hash, so an edited or removed entry breaks the chain. Details never hold personal data
(ids of records, never names, ID numbers or phones).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlmodel import Session, col, select

from counter_app import outbox
from counter_app.access import Actor, Perm, require
from counter_app.ids import new_id
from counter_app.models import AuditEntry

GENESIS = "0" * 64


def _digest(entry: AuditEntry) -> str:
    body = {
        "id": entry.id,
        "seq": entry.seq,
        "at": entry.at.isoformat(),
        "unit": entry.unit_code,
        "actor": entry.actor_id,
        "counter": entry.counter_no,
        "action": entry.action,
        "entity": entry.target_entity,
        "target": entry.target_id,
        "detail": entry.detail,
        "prev": entry.prev_hash,
    }
    return hashlib.sha256(json.dumps(body, sort_keys=True).encode()).hexdigest()


def record(
    session: Session,
    actor: Actor | None,
    action: str,
    target_entity: str | None = None,
    target_id: str | None = None,
    detail: dict[str, Any] | None = None,
    unit_code: str | None = None,
) -> AuditEntry:
    """Append one entry in the caller's transaction (so it commits or vanishes with the action)."""
    last = session.exec(select(AuditEntry).order_by(col(AuditEntry.seq).desc()).limit(1)).first()
    entry = AuditEntry(
        id=new_id(),
        unit_code=unit_code or (actor.unit_code if actor else ""),
        seq=(last.seq + 1) if last else 1,
        actor_id=actor.staff_id if actor else None,
        counter_no=actor.counter_no if actor else None,
        action=action,
        target_entity=target_entity,
        target_id=target_id,
        detail=json.dumps(detail, ensure_ascii=False, sort_keys=True) if detail else None,
        prev_hash=last.hash if last else GENESIS,
        hash="",
    )
    entry.hash = _digest(entry)
    outbox.save(session, entry, op="insert")
    return entry


@dataclass(frozen=True)
class ChainReport:
    ok: bool
    entries: int
    first_bad_seq: int | None = None


def verify_chain(session: Session) -> ChainReport:
    """Recompute every hash in order: an edited, inserted or removed entry breaks the chain there."""
    previous, count = GENESIS, 0
    for entry in session.exec(select(AuditEntry).order_by(col(AuditEntry.seq))).all():
        count += 1
        if entry.prev_hash != previous or _digest(entry) != entry.hash or entry.seq != count:
            return ChainReport(False, count, entry.seq)
        previous = entry.hash
    return ChainReport(True, count)


def query(
    session: Session,
    actor: Actor,
    action: str | None = None,
    actor_id: str | None = None,
    date_from: datetime | None = None,
    date_to: datetime | None = None,
    target_id: str | None = None,
    limit: int = 500,
    offset: int = 0,
) -> list[AuditEntry]:
    """The trail for an admin, newest first, filtered; reading the trail is itself recorded."""
    require(actor, Perm.AUDIT_READ)
    stmt = select(AuditEntry).where(col(AuditEntry.unit_code).in_([actor.unit_code, ""]))
    if action:
        stmt = stmt.where(col(AuditEntry.action).startswith(action))
    if actor_id:
        stmt = stmt.where(AuditEntry.actor_id == actor_id)
    if date_from:
        stmt = stmt.where(col(AuditEntry.at) >= date_from)
    if date_to:
        stmt = stmt.where(col(AuditEntry.at) < date_to)
    if target_id:
        stmt = stmt.where(AuditEntry.target_id == target_id)
    rows = list(session.exec(stmt.order_by(col(AuditEntry.seq).desc()).limit(limit).offset(offset)).all())
    record(session, actor, "audit.view", detail={"rows": len(rows)})
    return rows
