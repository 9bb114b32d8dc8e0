"""Append-only audit trail with a hash chain: each entry hashes its content and the previous
entry's hash, so an edited or removed entry breaks the chain. Details never hold personal data
(ids of records, never names, ID numbers or phones).
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from sqlmodel import Session, col, select

from counter_app import outbox
from counter_app.access import Actor
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
