"""A citizen's data erased on request disappears from the hub and from the other counters too; an open
dossier keeps it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from sqlmodel import Session, select

from counter_app import dossiers, privacy
from counter_app.access import Actor, Role
from counter_app.db import session_scope
from counter_app.errors import ValidationError
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
    admin = Actor("admin", Role.ADMIN, "27460", 1)
    with session_scope(c1) as s:
        citizen_id = s.get(Dossier, dossier_id).citizen_id  # type: ignore[union-attr]
    with session_scope(c1) as s, pytest.raises(ValidationError, match="đang giải quyết"):
        privacy.delete_citizen_data(s, admin, citizen_id, "citizen_request")
    with session_scope(c1) as s:
        dossiers.mark_done(s, officer(counter=1), dossier_id)
        dossiers.return_result(s, officer(counter=1), dossier_id)
    run(e1.sync_once())
    with session_scope(c1) as s:  # past the procedure's retention period (marital status: 20 years)
        privacy.delete_citizen_data(s, admin, citizen_id, "citizen_request", today=date(2050, 1, 1))
    run(e1.sync_once())
    run(e2.sync_once())
    with Session(hub.engine) as s:
        log = " ".join(r.payload for r in s.exec(select(ChangeRow)).all())
        live = {r.entity for r in s.exec(select(RecordRow)).all()}
    assert NAME not in log and ID_NUMBER not in log
    assert {"citizen", "dossier", "audit_entry"} <= live  # the register entry stays, without the person
    with session_scope(c2) as s:
        person = s.exec(select(Citizen)).one()
        assert person.full_name == privacy.PSEUDONYM and person.id_number is None
        assert s.exec(select(Dossier)).one().id == dossier_id
