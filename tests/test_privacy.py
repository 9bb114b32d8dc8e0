from __future__ import annotations

import json
from datetime import date, datetime

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import select

from counter_app import assisted, audit_view, citizens, dossiers, privacy, retention, search
from counter_app.catalog import default_catalog
from counter_app.clock import VN_TZ
from counter_app.db import session_scope
from counter_app.errors import PermissionDenied, ValidationError
from counter_app.models import AuditEntry, Citizen, Dossier, OutboxEntry
from tests.factories import ADMIN, OFFICER

CODE = "1.004873"  # civil status, kept 20 years (catalog exception)
COPY = "2.000635"  # copies of civil-status extracts: kept 5 years
NAME, ID_NUMBER = "Lê Thị Bí Mật", "079301004567"


def _dossier(engine: Engine, when: datetime | None = None, code: str = CODE) -> Dossier:
    papers = [p.name for p in default_catalog().get(code).papers if p.required]
    data = dossiers.IntakeInput(
        code,
        citizen=citizens.CitizenInput(NAME, ID_NUMBER, phone="0903123456"),
        papers_received=papers,
        consent_notice_version=privacy.current_notice().version,
    )
    with session_scope(engine) as s:
        return dossiers.receive_dossier(s, OFFICER, data, now=when)


def test_notice_names_controller_basis_sensitive_data_rights_limits_and_answer_time(engine: Engine) -> None:
    notice = privacy.current_notice()
    text = notice.as_text("phường An Lạc", "điện thoại 028 1234 5678")
    assert "Ủy ban nhân dân phường An Lạc" in text and "028 1234 5678" in text  # the controller and its contact
    assert "nhiệm vụ, quyền hạn của cơ quan nhà nước" in text and "không cần ông/bà đồng ý" in text
    assert "nhạy cảm" in text and "căn cước" in text  # images of ID cards are sensitive data
    assert "yêu cầu xóa" in text and "không xóa được dữ liệu của hồ sơ đang giải quyết" in text
    assert "02 ngày làm việc" in text and "Điều 5 Nghị định 356/2025/NĐ-CP" in text and "91/2025/QH15" in text
    assert "Số định danh cá nhân (CCCD) hoặc số CMND cũ để đối chiếu" in notice.data_collected
    assert notice.version in text
    # The officer records that the notice was given: the dossier keeps its version.
    assert _dossier(engine).consent_notice_version == notice.version


def test_retention_table_per_field_with_sources_and_admin_override(engine: Engine) -> None:
    with session_scope(engine) as s:
        kept = retention.load(s, ADMIN.unit_code)
    table = {r.field: r for r in retention.table(kept)}
    assert set(table) == set(default_catalog().fields())
    assert table["Hộ tịch"].years is None and "vĩnh viễn" in table["Hộ tịch"].source
    assert table["Chứng thực"].years == 2 and "23/2015" in table["Chứng thực"].source
    assert all(r.source and r.origin == "table" for r in table.values())
    assert all("chưa đối chiếu" in r.source for r in table.values() if not r.confirmed)  # unconfirmed says so
    assert retention.years_for("2.000815", kept) == 2  # the field's
    assert retention.years_for("2.001035", kept) == 20  # the procedure's own (contracts)
    assert retention.years_for("1.001193", kept) is None  # birth registration: permanently
    with session_scope(engine) as s:
        with pytest.raises(PermissionDenied):
            retention.set_retention(s, OFFICER, "Chứng thực", 3, "QĐ 1")
        with pytest.raises(ValidationError, match="1 đến 200"):
            retention.set_retention(s, ADMIN, "Chứng thực", 0, "QĐ 1")
        with pytest.raises(ValidationError, match="căn cứ"):
            retention.set_retention(s, ADMIN, "Chứng thực", 3, " ")
        assert retention.set_retention(s, ADMIN, "Chứng thực", 3, "Quyết định thử 1/QĐ-UBND") == 3
        rule = next(r for r in retention.table(retention.load(s, ADMIN.unit_code)) if r.field == "Chứng thực")
        assert (rule.years, rule.origin, rule.source) == (3, "ward", "Quyết định thử 1/QĐ-UBND")
        entry = s.exec(select(AuditEntry).where(AuditEntry.action == "retention.set")).one()
        detail = json.loads(entry.detail or "{}")
        assert (detail["old"], detail["years"], detail["source"]) == (2, 3, "Quyết định thử 1/QĐ-UBND")
        line = audit_view.lines(s, ADMIN, [entry])[0]
        assert line.detail_template == audit_view.T_RETENTION_CHANGE
        assert line.detail_params == {
            "field": "Chứng thực",
            "old": "2",
            "new": "3",
            "source": "Quyết định thử 1/QĐ-UBND",
        }
        assert s.exec(select(OutboxEntry).where(OutboxEntry.entity == "retention_entry")).one()
        kept = retention.load(s, ADMIN.unit_code)
        assert retention.years_for("2.000815", kept) == 3
        assert next(r for r in retention.table(kept) if r.field == "Chứng thực").overridden
        assert retention.withdraw_retention(s, ADMIN, "Chứng thực") == 2
        assert not next(
            r for r in retention.table(retention.load(s, ADMIN.unit_code)) if r.field == "Chứng thực"
        ).overridden
        retention.set_retention(s, ADMIN, "Hộ tịch", 80, "Quyết định thử 2")
        changed = s.exec(select(AuditEntry).where(AuditEntry.action == "retention.set")).all()[-1]
        assert audit_view.lines(s, ADMIN, [changed])[0].detail_params["old"] == audit_view.PERMANENT
        assert retention.years_for("2.000815", retention.load(s, ADMIN.unit_code)) == 2
        # one procedure's own period, over its field's; listed for the admin, withdrawn back to the field's
        with pytest.raises(ValidationError, match="Thủ tục không có"):
            retention.set_retention(s, ADMIN, "9.999999", 5, "QĐ", scope="procedure")
        assert retention.set_retention(s, ADMIN, "2.000815", 6, "QĐ thử 4", scope="procedure") == 6
        kept = retention.load(s, ADMIN.unit_code)
        assert retention.years_for("2.000815", kept) == 6
        assert [(r.field, r.years, r.scope) for r in retention.procedure_rules(kept)] == [("2.000815", 6, "procedure")]
        assert retention.withdraw_retention(s, ADMIN, "2.000815", scope="procedure") == 2


def test_expired_dossiers(engine: Engine) -> None:
    old = _dossier(engine, datetime(2020, 3, 1, 9, tzinfo=VN_TZ), COPY)
    recent = _dossier(engine, datetime(2026, 3, 1, 9, tzinfo=VN_TZ), COPY)
    with session_scope(engine) as s:
        for d in (old, recent):
            dossiers.mark_done(s, OFFICER, d.id)
            dossiers.return_result(s, OFFICER, d.id)
        assert [d.id for d in privacy.expired_dossiers(s, ADMIN, date(2026, 11, 24))] == [old.id]
        with pytest.raises(PermissionDenied):
            privacy.expired_dossiers(s, OFFICER)


def test_deletion_refused_for_an_open_dossier(engine: Engine) -> None:
    d = _dossier(engine, code=COPY)
    with session_scope(engine) as s, pytest.raises(ValidationError, match="1 hồ sơ đang giải quyết") as err:
        privacy.delete_citizen_data(s, ADMIN, d.citizen_id, "citizen_request", today=date(2040, 1, 1))
    assert NAME not in str(err.value) and ID_NUMBER not in str(err.value)
    with session_scope(engine) as s:
        assert s.get(Citizen, d.citizen_id).full_name == NAME  # type: ignore[union-attr]


def _closed(engine: Engine, when: datetime, code: str) -> Dossier:
    d = _dossier(engine, when, code)
    with session_scope(engine) as s:
        dossiers.mark_done(s, OFFICER, d.id)
        dossiers.return_result(s, OFFICER, d.id)
    return d


def test_deletion_refused_within_retention(engine: Engine) -> None:
    d = _closed(engine, datetime(2026, 3, 2, 9, tzinfo=VN_TZ), COPY)
    with session_scope(engine) as s, pytest.raises(ValidationError, match=r"thời hạn lưu trữ \(đến 02/03/2031\)"):
        privacy.delete_citizen_data(s, ADMIN, d.citizen_id, "citizen_request", today=date(2026, 11, 24))
    birth = _closed(engine, datetime(2026, 3, 2, 9, tzinfo=VN_TZ), "1.001193")  # civil status: kept permanently
    with session_scope(engine) as s, pytest.raises(ValidationError, match="vĩnh viễn"):
        privacy.delete_citizen_data(s, ADMIN, birth.citizen_id, "citizen_request", today=date(2090, 1, 1))


def test_closed_dossier_past_retention_is_pseudonymised_keeping_the_register_entry(engine: Engine) -> None:
    d = _closed(engine, datetime(2020, 3, 2, 9, tzinfo=VN_TZ), COPY)
    with session_scope(engine) as s:
        assisted.record_assisted_filing(s, OFFICER, COPY, "filed_online", portal_code="X-1", citizen_id=d.citizen_id)
        with pytest.raises(PermissionDenied):
            privacy.delete_citizen_data(s, OFFICER, d.citizen_id, "citizen_request")
    with session_scope(engine) as s:
        report = privacy.delete_citizen_data(s, ADMIN, d.citizen_id, "citizen_request", today=date(2026, 11, 24))
    assert report.pseudonymised and report.dossiers == 1 and report.records >= 4
    with session_scope(engine) as s:
        citizen = s.get(Citizen, d.citizen_id)
        assert citizen is not None and citizen.full_name == privacy.PSEUDONYM and citizen.pseudonymised_at
        assert (citizen.id_number, citizen.phone, citizen.birth_date, citizen.address) == (None, None, None, None)
        kept = s.get(Dossier, d.id)
        assert kept is not None and kept.code == d.code and kept.procedure_code == COPY  # the register entry
        assert kept.status == d.status or kept.returned_at is not None
        assert search.search(s, ADMIN, "le thi bi mat") == [] and search.search(s, ADMIN, ID_NUMBER[:6]) == []
        everything = " ".join(e.payload for e in s.exec(select(OutboxEntry)).all())
        entry = s.exec(select(AuditEntry).where(AuditEntry.action == "personal_data.pseudonymise")).one()
    assert NAME not in everything and ID_NUMBER not in everything and "0903123456" not in everything
    assert json.loads(entry.detail or "{}") == {"reason": "citizen_request", "dossiers": 1, "records": report.records}


def test_a_citizen_without_dossiers_is_deleted(engine: Engine) -> None:
    with session_scope(engine) as s:
        c = citizens.upsert_citizen(s, OFFICER, citizens.CitizenInput(NAME, ID_NUMBER))
    with session_scope(engine) as s:
        report = privacy.delete_citizen_data(s, ADMIN, c.id, "entered_in_error")
    assert not report.pseudonymised and report.records == 1
    with session_scope(engine) as s:
        assert s.get(Citizen, c.id) is None
        left = s.exec(select(OutboxEntry).where(OutboxEntry.entity == "citizen")).all()
    assert [e.op for e in left] == ["delete"]
