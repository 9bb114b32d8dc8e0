from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import col, select

from counter_app import audit
from counter_app.db import session_scope
from counter_app.errors import PermissionDenied
from counter_app.models import AuditEntry, OutboxEntry
from tests.factories import OFFICER


def _entries(engine: Engine) -> list[AuditEntry]:
    with session_scope(engine) as s:
        return list(s.exec(select(AuditEntry).order_by(col(AuditEntry.seq))).all())


def test_entries_chain_and_go_to_the_outbox(engine: Engine) -> None:
    with session_scope(engine) as s:
        audit.record(s, OFFICER, "dossier.view", "dossier", "d1")
        audit.record(s, OFFICER, "export", detail={"rows": 12})
    first, second = _entries(engine)
    assert (first.seq, second.seq) == (1, 2)
    assert first.prev_hash == audit.GENESIS and second.prev_hash == first.hash
    assert first.hash == audit._digest(first) and json.loads(second.detail or "") == {"rows": 12}
    assert (first.actor_id, first.counter_no, first.unit_code) == (OFFICER.staff_id, 1, "27460")
    with session_scope(engine) as s:
        ops = s.exec(select(OutboxEntry.op).where(OutboxEntry.entity == "audit_entry")).all()
        assert ops == ["insert", "insert"]


def test_database_refuses_to_change_or_remove_an_entry(engine: Engine, db_path: Path) -> None:
    with session_scope(engine) as s:
        audit.record(s, OFFICER, "sign_in.success")
    with closing(sqlite3.connect(db_path)) as conn:
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            conn.execute("UPDATE audit_entry SET action = 'nothing'")
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            conn.execute("DELETE FROM audit_entry")


def test_tampering_breaks_the_hash(engine: Engine, db_path: Path) -> None:
    with session_scope(engine) as s:
        audit.record(s, OFFICER, "dossier.view", "dossier", "d1")
    with closing(sqlite3.connect(db_path)) as conn:
        conn.execute("DROP TRIGGER audit_entry_no_update")
        conn.execute("UPDATE audit_entry SET target_id = 'd2'")
        conn.commit()
    (entry,) = _entries(engine)
    assert audit._digest(entry) != entry.hash


def test_verify_chain_finds_the_tampered_entry(engine: Engine, db_path: Path) -> None:
    with session_scope(engine) as s:
        for i in range(4):
            audit.record(s, OFFICER, "dossier.view", "dossier", f"d{i}")
        assert audit.verify_chain(s) == audit.ChainReport(True, 4)
    with closing(sqlite3.connect(db_path)) as conn:
        conn.execute("DROP TRIGGER audit_entry_no_update")
        conn.execute("DROP TRIGGER audit_entry_no_delete")
        conn.execute("UPDATE audit_entry SET target_id = 'other' WHERE seq = 3")
        conn.commit()
    with session_scope(engine) as s:
        assert audit.verify_chain(s) == audit.ChainReport(False, 3, 3)
    with closing(sqlite3.connect(db_path)) as conn:
        conn.execute("DELETE FROM audit_entry WHERE seq IN (2, 3)")  # remove entries from the middle
        conn.commit()
    with session_scope(engine) as s:
        assert audit.verify_chain(s) == audit.ChainReport(False, 2, 4)


def test_admin_filters_the_trail_and_reading_it_is_recorded(engine: Engine) -> None:
    from tests.factories import ADMIN, OFFICER2

    with session_scope(engine) as s:
        audit.record(s, OFFICER, "dossier.view", "dossier", "d1")
        audit.record(s, OFFICER2, "dossier.transition", "dossier", "d1")
        audit.record(s, OFFICER, "citizen.view", "citizen", "c1")
        with pytest.raises(PermissionDenied):
            audit.query(s, OFFICER)
        assert [e.action for e in audit.query(s, ADMIN, action="dossier.")] == ["dossier.transition", "dossier.view"]
        assert [e.target_id for e in audit.query(s, ADMIN, actor_id=OFFICER.staff_id)] == ["c1", "d1"]
        assert len(audit.query(s, ADMIN, target_id="d1")) == 2
        assert audit.query(s, ADMIN, action="audit.view")[0].actor_id == ADMIN.staff_id


def test_every_recorded_action_has_a_label() -> None:
    """An admin reads words, not codes: each action the code records has a Vietnamese label."""
    import re
    from pathlib import Path

    from counter_app.audit_view import ACTIONS_VI

    root = Path(__file__).resolve().parents[1]
    recorded = set()
    for folder in ("counter_app", "sync", "ui"):
        for path in (root / folder).rglob("*.py"):
            text = path.read_text(encoding="utf-8")
            recorded |= set(re.findall(r'audit\.record\(\s*[^"]*?"([a-z_.]+)"', text))
            recorded |= set(re.findall(r'\brecord\(session, actor, "([a-z_.]+)"', text))
    assert recorded and recorded <= set(ACTIONS_VI), recorded - set(ACTIONS_VI)
