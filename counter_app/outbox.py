"""The outbox: every change that must reach the hub, written in the row's own transaction.

`save` and `delete` are the only write paths for synced records. A session guard refuses
to flush a synced row that did not come through them, so no service can forget the outbox.
The payload is taken at flush time, so later edits to the row in the same transaction are
what gets sent. Rows pulled from the hub are written inside `remote_apply`, which is
exempt: they came from the hub and must not echo back.
"""

from __future__ import annotations

import json
import weakref
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, func, select

from counter_app.clock import utc_now
from counter_app.ids import new_id
from counter_app.models import OutboxEntry, SyncedModel

_PENDING = "outbox_pending"
_REMOTE = "outbox_remote_apply"


class OutboxBypassError(RuntimeError):
    """A synced record was written without its outbox entry (a programming error)."""


def row_payload(row: SyncedModel) -> dict[str, Any]:
    return row.model_dump(mode="json")


def save(session: Session, row: SyncedModel, op: str = "upsert") -> OutboxEntry:
    """Add or update `row` and queue it for the hub, in the caller's transaction."""
    row.updated_at = utc_now()
    session.add(row)
    return _queue(session, row, op)


def delete(session: Session, row: SyncedModel) -> OutboxEntry:
    """Delete `row` locally and queue its deletion for the hub."""
    entry = _queue(session, row, "delete")
    session.delete(row)
    return entry


def _queue(session: Session, row: SyncedModel, op: str) -> OutboxEntry:
    if not row.entity:
        raise TypeError(f"{type(row).__name__} has no sync entity name")
    entry = OutboxEntry(
        op_id=new_id(),
        unit_code=row.unit_code,
        entity=row.entity,
        entity_id=row.id,
        op=op,
        payload="{}",
    )
    session.add(entry)
    session.info.setdefault(_PENDING, []).append((row, entry))
    return entry


@contextmanager
def remote_apply(session: Session) -> Iterator[Session]:
    """Write rows that came from the hub: no outbox entries, no guard."""
    session.info[_REMOTE] = True
    try:
        yield session
        session.flush()
    finally:
        session.info.pop(_REMOTE, None)


def pending_count(session: Session, include_quarantined: bool = False) -> int:
    query = select(func.count()).select_from(OutboxEntry)
    if not include_quarantined:
        query = query.where(col(OutboxEntry.quarantined_at).is_(None))
    return int(session.exec(query).one())


def has_pending(session: Session, entity_id: str) -> bool:
    """True while a local change to this record still waits to reach the hub."""
    query = select(OutboxEntry.op_id).where(OutboxEntry.entity_id == entity_id).limit(1)
    return session.exec(query).first() is not None


@event.listens_for(Session, "before_flush")
def _fill_and_guard(session: Session, _ctx: Any, _instances: Any) -> None:
    pending: list[tuple[SyncedModel, OutboxEntry]] = session.info.get(_PENDING, [])
    for row, entry in pending:
        if entry.op != "delete":
            entry.payload = json.dumps(row_payload(row), ensure_ascii=False, sort_keys=True)
        elif entry.payload == "{}":
            entry.payload = json.dumps({"id": row.id, "unit_code": row.unit_code})
    if session.info.get(_REMOTE):
        return
    queued = {id(row) for row, _ in pending}
    changed = [*session.new, *session.deleted, *(o for o in session.dirty if session.is_modified(o))]
    for obj in changed:
        if isinstance(obj, SyncedModel) and id(obj) not in queued:
            raise OutboxBypassError(f"{type(obj).__name__} written without outbox.save")


def _forget(session: Session, *_args: Any) -> None:
    session.info.pop(_PENDING, None)


# Who wants to know that a save reached the outbox: the sync engine pushes at once instead of at its
# next interval. Per database, so several PCs in one test process only wake their own engine.
_ON_SAVED: weakref.WeakKeyDictionary[Engine, list[Callable[[], None]]] = weakref.WeakKeyDictionary()


def on_saved(engine: Engine, callback: Callable[[], None]) -> Callable[[], None]:
    """Call `callback` (from the committing thread) after each commit that queued something; returns a
    function that stops it."""
    _ON_SAVED.setdefault(engine, []).append(callback)
    return lambda: _ON_SAVED.get(engine, []).remove(callback)


def _committed(session: Session) -> None:
    queued = bool(session.info.get(_PENDING))
    _forget(session)
    bind = session.get_bind()
    if queued and isinstance(bind, Engine):
        for callback in list(_ON_SAVED.get(bind, ())):
            callback()


event.listen(Session, "after_commit", _committed)
event.listen(Session, "after_soft_rollback", _forget)
