"""Every PC schema that has reached users opens in this version with nothing lost: the rows, the
unsent outbox (sent as it was), the admin's settings, the ward's days off, and search still finds people."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest
from sqlmodel import Session, select

from counter_app import db, fees, migrations, retention, search, settings
from counter_app.access import Actor, Role
from counter_app.catalog import default_catalog
from counter_app.db import session_scope
from counter_app.models import Citizen
from counter_app.text import fold
from sync.client.local import next_batch

SCHEMAS = Path(__file__).parent / "fixtures" / "schemas"
TABLES = ("ticket", "dossier", "citizen", "dossier_event", "audit_entry", "staff", "outbox")


def _counts(path: Path, tables: tuple[str, ...]) -> dict[str, int]:
    with sqlite3.connect(path) as conn:
        return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}


def _unsent(path: Path) -> list[tuple[str, str, str, object]]:
    with sqlite3.connect(path) as conn:
        rows = conn.execute("SELECT op_id, entity, entity_id, payload FROM outbox ORDER BY created_at, op_id")
        return [(op_id, entity, entity_id, json.loads(payload)) for op_id, entity, entity_id, payload in rows]


@pytest.mark.parametrize("name, version", [("pc-v2.sqlite3", 2), ("pc-v7.sqlite3", 7), ("pc-v9.sqlite3", 9)])
def test_a_landed_pc_database_upgrades_keeping_everything(tmp_path: Path, name: str, version: int) -> None:
    path = tmp_path / "counter.sqlite3"
    shutil.copy(SCHEMAS / name, path)
    assert db.schema_version(path) == version
    before, unsent = _counts(path, TABLES), _unsent(path)
    engine = db.open_database(path, tmp_path / "backups")
    assert db.schema_version(path) == migrations.LATEST_VERSION
    after = _counts(path, TABLES)
    carried = after["outbox"] - before["outbox"]  # per-PC fees and retention periods, now queued for the ward
    assert {**after, "outbox": before["outbox"]} == before and before["outbox"] > 0 and carried >= 0
    with Session(engine) as s:
        ops = next_batch(s, 10_000)
    assert [(o.op_id, o.entity, o.entity_id, o.payload) for o in ops[: len(unsent)]] == unsent  # sent as it was
    assert {o.entity for o in ops[len(unsent) :]} <= {"fee_entry", "retention_entry"} and len(ops) == len(
        unsent
    ) + carried
    with session_scope(engine) as s:
        citizen = s.exec(select(Citizen)).first()
        assert citizen is not None
        actor = Actor("x", Role.OFFICER, citizen.unit_code, 1, "Cán bộ")
        assert citizen.id in {h.id for h in search.search(s, actor, citizen.full_name)}
        people = {c.id: fold(c.full_name).split() for c in s.exec(select(Citizen)).all()}
        who, long_word = next((i, w) for i, ws in people.items() for w in ws if len(w) > search.PREFIX_INDEXED)
        assert who in {h.id for h in search.search(s, actor, long_word)}  # through the word list (step 10)
        words = {w for (w,) in s.connection().exec_driver_sql("SELECT word FROM search_word")}
        assert fold(citizen.full_name).split()[0] in words
    engine.dispose()


def test_pc_v7_keeps_the_admins_values_and_the_wards_days_off(tmp_path: Path) -> None:
    """pc-v7 was made with a council fee, two retention edits and a day off (see README)."""
    path = tmp_path / "counter.sqlite3"
    shutil.copy(SCHEMAS / "pc-v7.sqlite3", path)
    engine = db.open_database(path, tmp_path / "backups")
    with sqlite3.connect(path) as conn:
        days = conn.execute("SELECT day, kind, basis FROM calendar_entry").fetchall()
    assert days == [("2026-12-28", "day_off", "CV thử 1/2026")]
    with session_scope(engine) as s:
        device = settings.load(s)
        # recorded under 2.000644, which catalog 2026.11-3 moved to 2.000575: the fee follows the procedure
        fee = fees.effective_fee(s, device.unit_code, default_catalog().for_record("2.000644"))
        kept = retention.load(s, device.unit_code)
        assert (fee.vnd, fee.source, fee.origin) == (12345, "NQ thử nghiệm số 1/2025/NQ-HĐND", "ward")
        assert next(r for r in retention.table(kept) if r.field == "Bảo trợ xã hội").years == 7
        assert retention.years_for("1.001731", kept) == 3
    assert device.counter_no == 1
    engine.dispose()


def test_pc_v9_keeps_the_wards_values_and_sends_them_as_they_were(tmp_path: Path) -> None:
    """pc-v9 keeps the ward's fee and retention periods in synced tables (steps 8-9), still unsent (see README)."""
    path = tmp_path / "counter.sqlite3"
    shutil.copy(SCHEMAS / "pc-v9.sqlite3", path)
    unsent = [u for u in _unsent(path) if u[1] in ("fee_entry", "retention_entry")]
    engine = db.open_database(path, tmp_path / "backups")
    cat = default_catalog()
    council = next(p for p in cat.procedures if p.fee_authority == "city_council")
    with session_scope(engine) as s:
        device = settings.load(s)
        fee = fees.effective_fee(s, device.unit_code, council)
        kept = retention.load(s, device.unit_code)
        assert (fee.vnd, fee.source, fee.origin) == (12345, "NQ thử nghiệm số 1/2025/NQ-HĐND", "ward")
        assert next(r for r in retention.table(kept) if r.field == sorted(cat.fields())[0]).years == 7
        assert retention.years_for(cat.procedures[0].code, kept) == 3
    with Session(engine) as s:
        sent = [(o.op_id, o.entity, o.entity_id, o.payload) for o in next_batch(s, 10_000)]
    assert sorted(e for _, e, _, _ in unsent) == ["fee_entry", "retention_entry", "retention_entry"]
    assert [u for u in sent if u[1] in ("fee_entry", "retention_entry")] == unsent
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT day, kind FROM calendar_entry").fetchall() == [("2026-12-28", "day_off")]
    engine.dispose()
