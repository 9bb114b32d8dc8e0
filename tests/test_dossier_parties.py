"""The official dossier code, the second applicant, the representative and who collected the result;
and the schema step that adds them, upgrading a PC database as it landed (pc-v2)."""

from __future__ import annotations

import shutil
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import select

from counter_app import db, dossiers, migrations, search
from counter_app.catalog import default_catalog
from counter_app.citizens import CitizenInput
from counter_app.clock import VN_TZ
from counter_app.db import session_scope
from counter_app.errors import ValidationError
from counter_app.models import Dossier, OutboxEntry
from counter_app.parties import Party
from tests.factories import OFFICER

FIXTURE = Path(__file__).parent / "fixtures" / "schemas" / "pc-v2.sqlite3"
STATUS = "1.004873"


def _receive(engine: Engine, **extra: object) -> str:
    papers = [p.name for p in default_catalog().get(STATUS).papers if p.required]
    data = dossiers.IntakeInput(STATUS, citizen=CitizenInput("Đỗ Thị Mai", None), papers_received=papers, **extra)  # type: ignore[arg-type]
    with session_scope(engine) as s:
        return dossiers.receive_dossier(s, OFFICER, data, now=datetime(2026, 3, 9, 9, 0, tzinfo=VN_TZ)).id


def test_pc_v2_database_upgrades_and_takes_an_official_code(tmp_path: Path) -> None:
    path = tmp_path / "counter.sqlite3"
    shutil.copy(FIXTURE, path)
    assert db.schema_version(path) == 2
    engine = db.open_database(path, tmp_path / "backups")
    assert db.schema_version(path) == migrations.LATEST_VERSION
    with session_scope(engine) as s:
        old = s.exec(select(Dossier)).all()
        assert len(old) == 15 and all(d.official_code is None and d.collected_by is None for d in old)
        actor = replace(OFFICER, unit_code=old[0].unit_code)
        dossiers.set_official_code(s, actor, old[0].id, " h29.99.19-250715-0012 ")
    with session_scope(engine) as s:
        hits = search.search(s, actor, "H29.99.19-2507")
        assert [h.id for h in hits] == [old[0].id]
        assert search.search(s, actor, "h29.99.19-250715-0012")[0].title == old[0].code


def test_official_code_is_checked_unique_and_synced(engine: Engine) -> None:
    first, second = _receive(engine), _receive(engine)
    with session_scope(engine) as s:
        dossiers.set_official_code(s, OFFICER, first, "G22.99-260309-0001")
        with pytest.raises(ValidationError, match="đã gắn với hồ sơ"):
            dossiers.set_official_code(s, OFFICER, second, "g22.99-260309-0001")
        with pytest.raises(ValidationError, match="Mã hồ sơ chính thức gồm"):
            dossiers.set_official_code(s, OFFICER, second, "mã?")
    with session_scope(engine) as s:
        pushed = s.exec(select(OutboxEntry.payload).where(OutboxEntry.entity_id == first)).all()
        assert any('"official_code": "G22.99-260309-0001"' in p for p in pushed)


def test_marriage_takes_both_spouses_and_a_representative_needs_a_relation(engine: Engine) -> None:
    with pytest.raises(ValidationError, match="quan hệ hoặc giấy ủy quyền"):
        _receive(engine, representative=Party("Lý Văn Hai", "079088005555"))
    dossier_id = _receive(engine, representative=Party("lý  văn hai", "079088005555", relation="Con"))
    with session_scope(engine) as s:
        d = s.get(Dossier, dossier_id)
        assert d is not None and Party.from_json(d.representative) == Party(
            "Lý Văn Hai", "079088005555", relation="Con"
        )


def test_returning_a_result_records_who_collected_it(engine: Engine) -> None:
    own, by_agent = _receive(engine), _receive(engine)
    with session_scope(engine) as s:
        for dossier_id in (own, by_agent):
            dossiers.mark_done(s, OFFICER, dossier_id)
        dossiers.return_result(s, OFFICER, own)
        with pytest.raises(ValidationError, match="Cần số CCCD"):
            dossiers.return_result(s, OFFICER, by_agent, collector=Party("Lý Văn Hai", relation="Con"))
        with pytest.raises(ValidationError, match="quan hệ"):
            dossiers.return_result(s, OFFICER, by_agent, collector=Party("Lý Văn Hai", "079088005555"))
        dossiers.return_result(s, OFFICER, by_agent, collector=Party("Lý Văn Hai", "079088005555", relation="Con"))
    with session_scope(engine) as s:
        a, b = s.get(Dossier, own), s.get(Dossier, by_agent)
        assert a is not None and b is not None
        assert Party.from_json(a.collected_by) == Party("Đỗ Thị Mai")
        assert Party.from_json(b.collected_by) == Party("Lý Văn Hai", "079088005555", relation="Con")
