"""A citizen's data deleted on request disappears from the hub and from the other counters too."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from sqlmodel import Session, select

from counter_app import privacy
from counter_app.access import Actor, Role
from counter_app.db import session_scope
from counter_app.models import Citizen, Dossier
from sync.hub.store import ChangeRow, RecordRow
from tests.sync.conftest import enroll_device
from tests.sync.helpers import counter_db, engine_for, officer, receive, run
from tests.sync.hubserver import RunningHub

NAME, ID_NUMBER = "Phan Thị Riêng", "079301004567"


def test_deletion_reaches_hub_and_other_counters(
    hub_factory: Callable[..., RunningHub], hub_db_url: str, tmp_path: Path
) -> None:
    hub = hub_factory(hub_db_url)
    c1, c2 = counter_db(tmp_path, "c1"), counter_db(tmp_path, "c2")
    e1 = engine_for(c1, {hub.url: enroll_device(hub, "27460", 1)})
    e2 = engine_for(c2, {hub.url: enroll_device(hub, "27460", 2)})
    dossier_id = receive(c1, officer(counter=1), NAME, ID_NUMBER)
    run(e1.sync_once())
    run(e2.sync_once())
    with session_scope(c1) as s:
        citizen_id = s.get(Dossier, dossier_id).citizen_id  # type: ignore[union-attr]
        privacy.delete_citizen_data(s, Actor("admin", Role.ADMIN, "27460", 1), citizen_id, "citizen_request")
    run(e1.sync_once())
    run(e2.sync_once())
    with Session(hub.engine) as s:
        log = " ".join(r.payload for r in s.exec(select(ChangeRow)).all())
        live = [r.entity for r in s.exec(select(RecordRow)).all()]
    assert NAME not in log and ID_NUMBER not in log
    assert "citizen" not in live and "dossier" not in live and "audit_entry" in live
    with session_scope(c2) as s:
        assert s.exec(select(Citizen)).all() == [] and s.exec(select(Dossier)).all() == []
