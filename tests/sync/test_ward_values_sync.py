"""Fees and retention periods are the ward's: set at one counter, they hold at every counter of the ward (each PC its
own SQLite file and sync engine, a real ward hub relaying to a real city hub); the city publishes its own values
to every ward, and a ward's own entry stands over the city's."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
from collections.abc import Coroutine
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import select

from counter_app import citizens, dossiers, fees, privacy, retention
from counter_app.access import Role
from counter_app.catalog import default_catalog
from counter_app.clock import VN_TZ
from counter_app.db import session_scope
from counter_app.errors import ValidationError
from counter_app.models import Dossier, FeeEntry, RetentionEntry
from tests.sync.ward import PC, UNIT, Ward, until

PERMIT = "1.013225"  # building permit: fee set by the city People's Council (75.000 đồng in the catalog)
AUTHENTICATION = "2.000815"  # field "Chứng thực": kept 2 years by default


def _receive(pc: PC, code: str, when: datetime | None = None) -> Dossier:
    papers = [p.name for p in default_catalog().get(code).papers if p.required]
    data = dossiers.IntakeInput(
        code, citizen=citizens.CitizenInput("Phạm Thị Thử", "079301007777"), papers_received=papers
    )
    with session_scope(pc.db) as s:
        return dossiers.receive_dossier(s, pc.actor, data, now=when)


def _fee(pc: PC) -> fees.Fee:
    with session_scope(pc.db) as s:
        return fees.effective_fee(s, UNIT, default_catalog().get(PERMIT))


def _run(ward: Ward, scenario: Coroutine[Any, Any, None]) -> None:
    try:
        asyncio.run(asyncio.wait_for(scenario, 60))
    finally:
        ward.close()


def test_a_fee_set_at_one_counter_is_used_for_a_new_dossier_at_another(tmp_path: Path) -> None:
    ward = Ward(tmp_path)
    pc1, pc2 = ward.add_pc("quay1", 1, Role.ADMIN), ward.add_pc("quay2", 2)
    given = _receive(pc2, PERMIT)  # a receipt given before the change keeps its fee
    assert given.fee_amount == 75000

    async def scenario() -> None:
        for pc in ward.pcs:
            pc.start(ward.hubs)
        with session_scope(pc1.db) as s:
            fees.set_fee(s, pc1.actor, PERMIT, "120.000", "Nghị quyết thử 9/2026/NQ-HĐND")
        await until(lambda: _fee(pc2).vnd == 120000, seconds=15)
        for pc in ward.pcs:
            await pc.stop()

    _run(ward, scenario())
    fee = _fee(pc2)
    assert (fee.origin, fee.source) == ("ward", "Nghị quyết thử 9/2026/NQ-HĐND")
    assert _receive(pc2, PERMIT).fee_amount == 120000  # the new dossier at counter 2 takes the ward's amount
    with session_scope(pc2.db) as s:
        assert s.get(Dossier, given.id).fee_amount == 75000  # type: ignore[union-attr]
        assert s.exec(select(FeeEntry)).one().set_by == pc1.actor.staff_id  # who set it, at every counter


def test_a_retention_change_at_one_counter_governs_a_deletion_request_at_another(tmp_path: Path) -> None:
    ward = Ward(tmp_path)
    pc1, pc2 = ward.add_pc("quay1", 1, Role.ADMIN), ward.add_pc("quay2", 2, Role.ADMIN)
    closed = _receive(pc2, AUTHENTICATION, datetime(2023, 3, 1, 9, tzinfo=VN_TZ))
    with session_scope(pc2.db) as s:
        dossiers.mark_done(s, pc2.actor, closed.id)
        dossiers.return_result(s, pc2.actor, closed.id)
        # kept 2 years: past its retention on 24/11/2026, so a deletion request could be met
        assert [d.id for d in privacy.expired_dossiers(s, pc2.actor, date(2026, 11, 24))] == [closed.id]

    def ten_years_at_pc2() -> bool:
        with session_scope(pc2.db) as s:
            return retention.years_for(AUTHENTICATION, retention.load(s, UNIT)) == 10

    async def scenario() -> None:
        for pc in ward.pcs:
            pc.start(ward.hubs)
        with session_scope(pc1.db) as s:
            retention.set_retention(s, pc1.actor, "Chứng thực", 10, "Quyết định thử 3/QĐ-UBND")
        await until(ten_years_at_pc2, seconds=15)
        for pc in ward.pcs:
            await pc.stop()

    _run(ward, scenario())
    with session_scope(pc2.db) as s:
        assert privacy.expired_dossiers(s, pc2.actor, date(2026, 11, 24)) == []
    refused = r"còn trong thời hạn lưu trữ \(đến 01/03/2033\)"  # under the ward's 10 years, set at counter 1
    with session_scope(pc2.db) as s, pytest.raises(ValidationError, match=refused):
        privacy.delete_citizen_data(s, pc2.actor, closed.citizen_id, "citizen_request", today=date(2026, 11, 24))


def _publish(ward: Ward, tmp_path: Path, entity: str, records: list[dict[str, object]]) -> None:
    table = tmp_path / f"city-{entity}.json"
    table.write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")
    command = [sys.executable, "-m", "sync.hub.cli", "--database-url", str(ward.city.engine.url), "publish"]
    out = subprocess.run([*command, entity, str(table), "--unit", UNIT], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0 and f"Đã phát hành {len(records)} bản ghi cho 1 đơn vị" in out.stdout, out.stderr


def test_the_citys_fee_reaches_the_wards_counters_and_the_wards_own_overrides_it(tmp_path: Path) -> None:
    ward = Ward(tmp_path)
    pc1, pc2 = ward.add_pc("quay1", 1, Role.ADMIN), ward.add_pc("quay2", 2)
    city_fee = {"procedure_code": PERMIT, "vnd": 90000, "source": "Nghị quyết thử 1/2026/NQ-HĐND (Thành phố)"}
    _publish(ward, tmp_path, "fee_entry", [city_fee])
    city_days = {"scope": "field", "subject": "Chứng thực", "years": 7, "source": "Quyết định thử của Thành phố"}
    _publish(ward, tmp_path, "retention_entry", [city_days])

    def city_everywhere() -> bool:
        return all(
            (_fee(pc).vnd, _fee(pc).source, _fee(pc).origin) == (90000, city_fee["source"], "city") for pc in ward.pcs
        )

    async def scenario() -> None:
        for pc in ward.pcs:
            pc.start(ward.hubs)
        await until(city_everywhere, seconds=20)
        with session_scope(pc1.db) as s:
            fees.set_fee(s, pc1.actor, PERMIT, 110000, "Nghị quyết riêng thử")
        await until(lambda: _fee(pc2).vnd == 110000, seconds=15)
        for pc in ward.pcs:
            await pc.stop()

    _run(ward, scenario())
    assert _fee(pc2).origin == "ward"  # shown as the ward's own
    assert _receive(pc2, PERMIT).fee_amount == 110000
    with session_scope(pc2.db) as s:
        origins = sorted(e.origin for e in s.exec(select(FeeEntry)).all())
        assert origins == ["city", "ward"]  # the city's stays, the ward's stands over it
        rule = next(r for r in retention.table(retention.load(s, UNIT)) if r.field == "Chứng thực")
        assert (rule.years, rule.origin) == (7, "city")
        assert s.exec(select(RetentionEntry)).one().set_by is None
