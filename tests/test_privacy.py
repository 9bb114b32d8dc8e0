from __future__ import annotations

import json
from datetime import date, datetime

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import select

from counter_app import assisted, citizens, dossiers, privacy, search
from counter_app.catalog import default_catalog
from counter_app.clock import VN_TZ
from counter_app.db import session_scope
from counter_app.errors import PermissionDenied
from counter_app.models import AuditEntry, Citizen, Dossier, DossierEvent, DossierPaper, OutboxEntry
from counter_app.settings import DeviceSettings
from tests.factories import ADMIN, OFFICER

CODE = "1.004873"
NAME, ID_NUMBER = "Lê Thị Bí Mật", "079301004567"


def _dossier(engine: Engine, when: datetime | None = None) -> Dossier:
    papers = [p.name for p in default_catalog().get(CODE).papers if p.required]
    data = dossiers.IntakeInput(
        CODE,
        citizen=citizens.CitizenInput(NAME, ID_NUMBER, phone="0903123456"),
        papers_received=papers,
        consent_notice_version=privacy.current_notice().version,
    )
    with session_scope(engine) as s:
        return dossiers.receive_dossier(s, OFFICER, data, now=when)


def test_notice_is_versioned_and_recorded_on_the_dossier(engine: Engine) -> None:
    notice = privacy.current_notice()
    assert notice.version and "Số định danh cá nhân (CCCD) hoặc CMND" in notice.data_collected
    assert notice.version in notice.as_text() and "91/2025/QH15" in notice.as_text()
    assert _dossier(engine).consent_notice_version == notice.version


def test_retention_per_procedure_with_ward_override(engine: Engine) -> None:
    device = DeviceSettings(unit_code="27460")
    assert privacy.retention_years(CODE, device) == default_catalog().get(CODE).retention_years
    device.retention_years_override[CODE] = 2
    assert privacy.retention_years(CODE, device) == 2
    old = _dossier(engine, datetime(2023, 3, 1, 9, tzinfo=VN_TZ))
    recent = _dossier(engine, datetime(2026, 3, 1, 9, tzinfo=VN_TZ))
    with session_scope(engine) as s:
        for d in (old, recent):
            dossiers.mark_done(s, OFFICER, d.id)
            dossiers.return_result(s, OFFICER, d.id)
        assert [d.id for d in privacy.expired_dossiers(s, ADMIN, device, date(2026, 11, 24))] == [old.id]
        with pytest.raises(PermissionDenied):
            privacy.expired_dossiers(s, OFFICER, device)


def test_deletion_removes_everything_and_leaves_an_audit_entry_without_personal_data(engine: Engine) -> None:
    d = _dossier(engine)
    with session_scope(engine) as s:
        assisted.record_assisted_filing(s, OFFICER, CODE, "filed_online", portal_code="X-1", citizen_id=d.citizen_id)
        with pytest.raises(PermissionDenied):
            privacy.delete_citizen_data(s, OFFICER, d.citizen_id, "citizen_request")
    with session_scope(engine) as s:
        report = privacy.delete_citizen_data(s, ADMIN, d.citizen_id, "citizen_request")
    assert report.dossiers == 1 and report.records >= 5 and report.pending_dropped >= report.records
    with session_scope(engine) as s:
        for model in (Citizen, Dossier, DossierPaper, DossierEvent):
            assert s.exec(select(model)).all() == []
        assert search.search(s, ADMIN, "le thi bi mat") == [] and search.search(s, ADMIN, ID_NUMBER[:6]) == []
        left = s.exec(select(OutboxEntry).where(OutboxEntry.entity != "audit_entry")).all()
        assert left and all(e.op == "delete" for e in left)
        everything = " ".join(e.payload for e in s.exec(select(OutboxEntry)).all())
        entry = s.exec(select(AuditEntry).where(AuditEntry.action == "personal_data.delete")).one()
    assert NAME not in everything and ID_NUMBER not in everything and "0903123456" not in everything
    assert json.loads(entry.detail or "{}") == {"reason": "citizen_request", "dossiers": 1, "records": report.records}
    assert entry.target_id == d.citizen_id
