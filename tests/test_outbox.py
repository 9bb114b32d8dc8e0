from __future__ import annotations

import json

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import select

from counter_app import outbox
from counter_app.db import session_scope
from counter_app.ids import new_id
from counter_app.models import Citizen, OutboxEntry


def _citizen(name: str = "Trần Thị B") -> Citizen:
    return Citizen(id=new_id(), unit_code="27460", full_name=name)


def test_save_writes_row_and_entry_together(engine: Engine) -> None:
    row = _citizen()
    with session_scope(engine) as session:
        outbox.save(session, row)
        row.phone = "0912345678"  # edited after save: the payload must carry it
    with session_scope(engine) as session:
        entry = session.exec(select(OutboxEntry)).one()
        assert session.get(Citizen, row.id) is not None
        assert (entry.entity, entry.entity_id, entry.op) == ("citizen", row.id, "upsert")
        assert json.loads(entry.payload)["phone"] == "0912345678"
        assert outbox.pending_count(session) == 1 and outbox.has_pending(session, row.id)


def test_failed_transaction_leaves_neither_row_nor_entry(engine: Engine) -> None:
    row = _citizen()
    with pytest.raises(RuntimeError), session_scope(engine) as session:
        outbox.save(session, row)
        session.flush()
        raise RuntimeError("power cut")
    with session_scope(engine) as session:
        assert session.get(Citizen, row.id) is None
        assert session.exec(select(OutboxEntry)).all() == []


def test_direct_write_of_synced_row_is_refused(engine: Engine) -> None:
    with pytest.raises(outbox.OutboxBypassError), session_scope(engine) as session:
        session.add(_citizen())
        session.flush()
    row = _citizen()
    with session_scope(engine) as session:
        outbox.save(session, row)
    with pytest.raises(outbox.OutboxBypassError), session_scope(engine) as session:
        loaded = session.get(Citizen, row.id)
        assert loaded is not None
        loaded.full_name = "Đổi lén"
    with session_scope(engine) as session:
        loaded = session.get(Citizen, row.id)
        assert loaded is not None and loaded.full_name == "Trần Thị B"


def test_delete_queues_a_delete_and_remote_apply_queues_nothing(engine: Engine) -> None:
    row = _citizen()
    with session_scope(engine) as session:
        outbox.save(session, row)
    with session_scope(engine) as session:
        loaded = session.get(Citizen, row.id)
        assert loaded is not None
        outbox.delete(session, loaded)
    remote = _citizen("Lê Văn C")
    with session_scope(engine) as session, outbox.remote_apply(session):
        session.add(remote)
    with session_scope(engine) as session:
        ops = [e.op for e in session.exec(select(OutboxEntry).order_by(OutboxEntry.op_id)).all()]
        assert ops == ["upsert", "delete"]
        assert session.get(Citizen, row.id) is None and session.get(Citizen, remote.id) is not None
