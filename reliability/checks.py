"""The invariants the harness checks: a sound database, every reported write present, and at the
hub every operation exactly once with both sides holding the same records."""

from __future__ import annotations

import json
from collections import Counter as Tally
from collections.abc import Iterable
from pathlib import Path

from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from counter_app import audit
from counter_app.db import open_database, session_scope
from counter_app.models import MODEL_BY_ENTITY, SYNCED_MODELS, OutboxEntry
from counter_app.outbox import row_payload
from reliability.workload import Op
from sync.client.local import NOT_PULLED
from sync.hub.store import ChangeRow, RecordRow


def database_problems(engine: Engine) -> list[str]:
    """integrity_check, foreign_key_check and the audit chain, on the app's own engine."""
    problems: list[str] = []
    with engine.connect() as conn:
        integrity = [r[0] for r in conn.exec_driver_sql("PRAGMA integrity_check").fetchall()]
        if integrity != ["ok"]:
            problems.append(f"integrity_check: {integrity[:3]}")
        orphans = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
        if orphans:
            problems.append(f"foreign_key_check: {len(orphans)} rows, first {orphans[0]}")
    with session_scope(engine) as s:
        chain = audit.verify_chain(s)
        if not chain.ok:
            problems.append(f"audit chain broken at seq {chain.first_bad_seq}")
    return problems


def reopen_and_check(path: Path) -> tuple[Engine, list[str]]:
    """Start as the app does (integrity check, migration) and check everything."""
    engine = open_database(path)
    return engine, database_problems(engine)


def missing_writes(engine: Engine, reported: Iterable[Op]) -> list[Op]:
    """Reported-saved operations whose record is not in the database (the workload never deletes)."""
    missing: list[Op] = []
    with session_scope(engine) as s:
        for op in reported:
            model = MODEL_BY_ENTITY[op.entity]
            if s.get(model, op.entity_id) is None:
                missing.append(op)
    return missing


def outbox_op_ids(engine: Engine) -> set[str]:
    with session_scope(engine) as s:
        return set(s.exec(select(OutboxEntry.op_id)).all())


def hub_tally(hub_engine: Engine) -> Tally[str]:
    with Session(hub_engine) as s:
        return Tally(s.exec(select(ChangeRow.op_id)).all())


def duplicated(tally: Tally[str]) -> int:
    return sum(n - 1 for n in tally.values() if n > 1)


def lost(reported: Iterable[Op], tally: Tally[str], pending: set[str]) -> list[Op]:
    """Reported operations neither at the hub nor still waiting in an outbox."""
    return [op for op in reported if op.op_id not in tally and op.op_id not in pending]


def diverging_records(pc: Engine, hub_engine: Engine, unit: str) -> list[str]:
    """Records whose current version differs between the PC and the hub (after a full sync)."""
    with Session(hub_engine) as s:
        hub = {
            (r.entity, r.entity_id): json.loads(r.payload)
            for r in s.exec(select(RecordRow).where(RecordRow.unit_code == unit)).all()
        }
    local: dict[tuple[str, str], dict[str, object]] = {}
    with session_scope(pc) as s:
        for model in SYNCED_MODELS:
            for row in s.exec(select(model).where(model.unit_code == unit)).all():
                local[(row.entity, row.id)] = row_payload(row)
    keys = set(hub) | set(local)
    # entities that are never pulled (the audit trail) are compared only for the PC's own records
    keys = {(e, i) for e, i in keys if e not in NOT_PULLED or (e, i) in local}
    return sorted(f"{e}/{i}" for e, i in keys if hub.get((e, i)) != local.get((e, i)))
