"""Days off and make-up days added by the ward admin: audited, synced, new due dates only."""

from __future__ import annotations

import json
import shutil
import sqlite3
from contextlib import closing
from datetime import date, datetime
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import select

from counter_app import calendar, calendar_entries, citizens, db, dossiers, migrations, outbox
from counter_app.access import Actor, Role
from counter_app.catalog import default_catalog
from counter_app.clock import VN_TZ
from counter_app.db import session_scope
from counter_app.errors import PermissionDenied, ValidationError
from counter_app.ids import new_id
from counter_app.models import AuditEntry, CalendarEntry, Dossier, OutboxEntry
from tests.factories import ADMIN, OFFICER, OTHER_WARD

CODE = "1.004873"  # 3 working days, no afternoon cutoff
FIXTURE = Path(__file__).parent / "fixtures" / "schemas" / "pc-v2.sqlite3"


def _receive(engine: Engine, when: datetime, id_number: str) -> Dossier:
    papers = [p.name for p in default_catalog().get(CODE).papers if p.required]
    data = dossiers.IntakeInput(CODE, citizen=citizens.CitizenInput("Lê Văn Tám", id_number), papers_received=papers)
    with session_scope(engine) as s:
        return dossiers.receive_dossier(s, OFFICER, data, now=when)


def test_make_up_day_moves_only_new_due_dates_and_lists_the_affected(engine: Engine) -> None:
    # Thursday 10/12/2026, 3 working days: Fri 11, Mon 14, Tue 15 December.
    before = _receive(engine, datetime(2026, 12, 10, 9, tzinfo=VN_TZ), "079201004567")
    assert before.due_date == date(2026, 12, 15)
    with session_scope(engine) as s:
        report = calendar_entries.add_entry(
            s, ADMIN, date(2026, 12, 12), "working_day", "Làm bù", "Công văn 999/VPCP-KGVX (thử)"
        )
    assert [(a.code, a.due, a.would_be) for a in report.affected] == [
        (before.code, date(2026, 12, 15), date(2026, 12, 14))
    ]
    with session_scope(engine) as s:
        assert s.get(Dossier, before.id).due_date == date(2026, 12, 15)  # type: ignore[union-attr]
        entry = s.exec(select(AuditEntry).where(AuditEntry.action == "calendar.add")).one()
        assert json.loads(entry.detail or "{}") == {"day": "2026-12-12", "kind": "working_day", "affected": 1}
        queued = s.exec(select(OutboxEntry).where(OutboxEntry.entity == "calendar_entry")).one()
        assert json.loads(queued.payload)["basis"] == "Công văn 999/VPCP-KGVX (thử)"
    after = _receive(engine, datetime(2026, 12, 10, 10, tzinfo=VN_TZ), "079201004568")
    assert after.due_date == date(2026, 12, 14)  # Saturday 12/12 now counts


def test_day_off_added_and_withdrawn(engine: Engine) -> None:
    with session_scope(engine) as s:
        added = calendar_entries.add_entry(s, ADMIN, date(2026, 12, 24), "day_off", "Nghỉ thử", "QĐ thử")
        assert not calendar_entries.ward_calendar(s, ADMIN.unit_code).is_working_day(date(2026, 12, 24))
        calendar_entries.withdraw_entry(s, ADMIN, added.entry.id)
        assert calendar_entries.ward_calendar(s, ADMIN.unit_code).is_working_day(date(2026, 12, 24))
        actions = s.exec(select(AuditEntry.action).where(AuditEntry.action.startswith("calendar."))).all()  # type: ignore[attr-defined]
    assert actions == ["calendar.add", "calendar.withdraw"]


def test_ward_entry_overrides_the_citys_and_is_shown_as_local(engine: Engine) -> None:
    day = date(2026, 12, 31)
    with session_scope(engine) as s:
        city = CalendarEntry(
            id=new_id(), unit_code=ADMIN.unit_code, day=day, kind="day_off", name="Nghỉ", basis="UBND TP", origin="city"
        )
        outbox.save(s, city)
        assert not calendar_entries.ward_calendar(s, ADMIN.unit_code).is_working_day(day)
        calendar_entries.add_entry(s, ADMIN, day, "working_day", "Phường vẫn làm", "Quyết định của UBND phường")
        assert calendar_entries.ward_calendar(s, ADMIN.unit_code).is_working_day(day)
        rows = [r for r in calendar_entries.list_days(s, ADMIN, 2026) if r.day == day]
    assert [(r.origin, r.kind) for r in rows] == [("ward", "working_day")] and rows[0].entry_id


def test_rejections(engine: Engine) -> None:
    with session_scope(engine) as s:
        with pytest.raises(PermissionDenied):
            calendar_entries.add_entry(s, OFFICER, date(2026, 12, 24), "day_off", "", "QĐ")
        with pytest.raises(ValidationError, match="căn cứ") as err:
            calendar_entries.add_entry(s, ADMIN, date(2026, 12, 24), "day_off", "", "  ")
        assert err.value.field == "basis"
        with pytest.raises(ValidationError, match="đã là ngày nghỉ"):
            calendar_entries.add_entry(s, ADMIN, date(2026, 1, 2), "day_off", "", "CV 12729")
        with pytest.raises(ValidationError, match="Loại ngày"):
            calendar_entries.add_entry(s, ADMIN, date(2026, 12, 24), "holiday", "", "QĐ")
    with session_scope(engine) as s:
        added = calendar_entries.add_entry(s, ADMIN, date(2026, 12, 24), "day_off", "", "QĐ")
    admin_elsewhere = Actor("staff-admin-2", Role.ADMIN, OTHER_WARD.unit_code, 1)
    with session_scope(engine) as s, pytest.raises(PermissionDenied):
        calendar_entries.withdraw_entry(s, admin_elsewhere, added.entry.id)


def test_other_wards_entries_do_not_count(engine: Engine) -> None:
    with session_scope(engine) as s:
        calendar_entries.add_entry(s, ADMIN, date(2026, 12, 24), "day_off", "", "QĐ")
        assert calendar_entries.ward_calendar(s, OTHER_WARD.unit_code).is_working_day(date(2026, 12, 24))
    assert calendar.is_working_day(date(2026, 12, 24))  # the shipped table is untouched


def test_landed_pc_v2_database_upgrades_with_calendar_catalog_and_pseudonymisation_steps(tmp_path: Path) -> None:
    path = tmp_path / "counter.sqlite3"
    shutil.copy(FIXTURE, path)
    with closing(sqlite3.connect(path)) as conn:
        dossiers_before = conn.execute("SELECT count(*) FROM dossier").fetchone()[0]
    db.migrate(path, tmp_path / "bk")
    assert db.schema_version(path) == migrations.LATEST_VERSION
    with closing(sqlite3.connect(path)) as conn:
        assert conn.execute("SELECT count(*) FROM dossier").fetchone()[0] == dossiers_before > 0
        assert conn.execute("SELECT count(*) FROM calendar_entry").fetchone()[0] == 0
        assert conn.execute("SELECT count(*) FROM catalog_release").fetchone()[0] == 0
        assert conn.execute("SELECT count(*) FROM citizen WHERE pseudonymised_at IS NULL").fetchone()[0] > 0
        with pytest.raises(sqlite3.IntegrityError):
            conn.execute(
                "INSERT INTO calendar_entry (id, unit_code, created_at, updated_at, day, kind, name, basis)"
                " VALUES ('x', '27460', '2026-01-01', '2026-01-01', '2026-12-24', 'holiday', 'n', 'b')"
            )
