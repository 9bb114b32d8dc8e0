"""A second and a third PC join a ward through the ward hub: its officers sign in with the accounts made on the
first PC, and nothing clashes (no second "admin", no second group "A")."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import func, select

from counter_app import fees, queue, retention, settings, staff
from counter_app.access import Actor, Role
from counter_app.catalog import default_catalog
from counter_app.db import session_scope
from counter_app.models import ServiceGroup, Staff
from sync.client import local
from sync.client.enroll import device_token
from sync.client.join import join_ward
from sync.hub import service
from tests.sync.helpers import counter_db, engine_for, run
from tests.sync.hubserver import RunningHub

PASSWORD = "Mat-khau-dai-2026"
COUNCIL_FEE = next(p.code for p in default_catalog().procedures if p.fee_authority == "city_council")
FIELD = sorted(default_catalog().fields())[0]


def _wards_values_here(db: Engine) -> tuple[int | None, str, int | None]:
    with session_scope(db) as s:
        fee = fees.effective_fee(s, "27460", default_catalog().get(COUNCIL_FEE))
        kept = retention.load(s, "27460")
    rules = retention.table(kept)
    return fee.vnd, fee.origin, rules[0].years if rules else None


def _founding_pc(tmp_path: Path, hub: RunningHub) -> None:
    db = counter_db(tmp_path, "pc1")
    with session_scope(db) as s:
        admin = staff.create_first_admin(s, "27460", "admin", "Trần Quản Trị", PASSWORD)
        actor = Actor(admin.id, Role.ADMIN, "27460", 1, admin.full_name)
        for code, name in (("A", "Hộ tịch – Chứng thực"), ("B", "Đất đai – Xây dựng")):
            queue.ensure_group(s, actor, code, name, code)
        staff.create_staff(s, actor, "canbo2", "Lê Cán Bộ", Role.OFFICER, PASSWORD)
        fees.set_fee(s, actor, COUNCIL_FEE, 12_000, "Nghị quyết HĐND Thành phố (thử)")
        retention.set_retention(s, actor, FIELD, 9, "Quyết định lưu trữ (thử)")
    token = service.enroll(hub.engine, service.new_enrollment_code(hub.engine, "27460", 1), "pc1")[1]
    run(engine_for(db, {hub.url: token}).sync_once())


def test_second_and_third_pc_join_and_sign_in_with_the_wards_accounts(tmp_path: Path) -> None:
    hub = RunningHub(f"sqlite:///{tmp_path / 'ward.sqlite3'}").start()
    try:
        _founding_pc(tmp_path, hub)
        second, third = counter_db(tmp_path, "pc2"), counter_db(tmp_path, "pc3")
        code2 = service.new_enrollment_code(hub.engine, "27460", 2)
        joined = run(join_ward(second, hub.url, code2, "Quầy 2"))
        assert (joined.unit_code, joined.counter_no, joined.accounts, joined.groups) == ("27460", 2, 2, ["A", "B"])
        assert _wards_values_here(second) == (12_000, "ward", 9)  # the first dossier is charged as elsewhere
        officer = staff.sign_in(second, "canbo2", PASSWORD, 2)  # an account made on the first PC
        assert officer.name == "Lê Cán Bộ" and officer.role == Role.OFFICER
        code3 = service.new_enrollment_code(hub.engine, "27460", 0)
        run(join_ward(third, hub.url, code3, "Quầy lấy số", mode="kiosk"))
        with session_scope(third) as s:
            device = settings.load(s)
            assert device.kiosk_mode and not device.board_mode and device.primary_hub == hub.url
        for db, url in ((second, hub.url), (third, hub.url)):
            report = run(engine_for(db, {url: device_token(url) or ""}).sync_once())  # the history follows
            assert report.conflicts == 0 and report.mismatched == []
            with session_scope(db) as s:
                assert local.open_conflicts(s) == 0
                assert s.exec(select(func.count()).select_from(Staff)).one() == 2  # one admin, one officer
                assert sorted(s.exec(select(ServiceGroup.code)).all()) == ["A", "B"]
        assert staff.sign_in(third, "admin", PASSWORD, 0).role == Role.ADMIN
    finally:
        hub.close()


def test_the_snapshot_takes_only_what_a_joining_pc_needs(tmp_path: Path) -> None:
    import httpx

    from sync.protocol import PROTOCOL_HEADER

    hub = RunningHub(f"sqlite:///{tmp_path / 'ward.sqlite3'}").start()
    try:
        token = service.enroll(hub.engine, service.new_enrollment_code(hub.engine, "27460", 1), "pc")[1]
        headers = {PROTOCOL_HEADER: "2", "Authorization": f"Bearer {token}"}
        with httpx.Client(base_url=hub.url, headers=headers, timeout=10) as c:
            assert c.get("/v1/snapshot", params={"entities": ["staff"]}).status_code == 200
            for bad in (["citizen"], [""], []):  # personal data is never part of it; nothing to ask is an error
                answer = c.get("/v1/snapshot", params={"entities": bad})
                assert answer.status_code == 422 and answer.json()["error"] == "invalid_request"
    finally:
        hub.close()


def test_a_pc_joining_through_a_hub_not_yet_upgraded_takes_what_it_serves(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A hub from before fees and retention periods were in the snapshot refuses to be asked for them (422):
    the PC joins with what that hub serves, and the history brings the rest."""
    from sync import protocol
    from sync.hub import app

    monkeypatch.setattr(app, "SnapshotEntity", Literal[protocol.SNAPSHOT_FIRST_VERSION])  # type: ignore[valid-type]
    hub = RunningHub(f"sqlite:///{tmp_path / 'ward.sqlite3'}").start()
    try:
        _founding_pc(tmp_path, hub)
        second = counter_db(tmp_path, "pc2")
        joined = run(join_ward(second, hub.url, service.new_enrollment_code(hub.engine, "27460", 2), "Quầy 2"))
        assert joined.accounts == 2 and joined.groups == ["A", "B"]
        assert _wards_values_here(second)[1] == "catalog"  # not in what that hub served
        run(engine_for(second, {hub.url: device_token(hub.url) or ""}).sync_once())
        assert _wards_values_here(second) == (12_000, "ward", 9)
    finally:
        hub.close()
