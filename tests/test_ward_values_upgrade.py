"""Upgrading a landed PC database: the fees and retention periods an admin kept in the PC's settings become the
ward's synced records, and the settings no longer hold them."""

from __future__ import annotations

import json
import shutil
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from sqlmodel import select

from counter_app import catalog, db, fees, migrations, outbox, retention, settings
from counter_app.db import session_scope
from counter_app.models import FeeEntry, OutboxEntry, RetentionEntry

SCHEMAS = Path(__file__).parent / "fixtures" / "schemas"
CARRIES = 8  # the step that carries per-PC values from the settings into the ward's tables


def _version(path: Path) -> int:
    with closing(sqlite3.connect(path)) as conn:
        return int(conn.execute("PRAGMA user_version").fetchone()[0])


# pc-v2, and every later landed PC schema whose settings could still hold the values (before step 8)
LANDED = [p for p in sorted(SCHEMAS.glob("pc-v*.sqlite3")) if _version(p) < CARRIES]
PERMIT = "1.009994"  # the building-permit code PCs recorded fees under; catalog 2026.11-3 moved it to 1.013225


def _with_old_values(fixture: Path, tmp_path: Path) -> Path:
    """The landed database with values in its settings as an admin of that version could have set them."""
    path = tmp_path / "counter.sqlite3"
    shutil.copy(fixture, path)
    with closing(sqlite3.connect(path)) as conn:
        (value,) = conn.execute("SELECT value FROM setting WHERE key = 'device'").fetchone()
        device = json.loads(value)
        device["fee_overrides"] = {PERMIT: {"vnd": 95000, "source": "Nghị quyết cũ/2025/NQ-HĐND"}}
        device["retention_field_override"] = {"Chứng thực": 4, "Xây dựng": None}
        device["retention_years_override"] = {"2.001035": 25}
        conn.execute("UPDATE setting SET value = ? WHERE key = 'device'", (json.dumps(device, ensure_ascii=False),))
        conn.commit()
    return path


@pytest.mark.parametrize("fixture", LANDED, ids=[p.stem for p in LANDED])
def test_old_per_pc_values_are_carried_into_the_wards_tables(fixture: Path, tmp_path: Path) -> None:
    path = _with_old_values(fixture, tmp_path)
    with closing(sqlite3.connect(path)) as conn:
        queued_before = conn.execute("SELECT count(*) FROM outbox").fetchone()[0]
    db.migrate(path, tmp_path / "bk")
    assert db.schema_version(path) == migrations.LATEST_VERSION
    with closing(sqlite3.connect(path)) as conn:
        (value,) = conn.execute("SELECT value FROM setting WHERE key = 'device'").fetchone()
        assert conn.execute("SELECT count(*) FROM outbox").fetchone()[0] == queued_before + 4
    device = json.loads(value)
    assert not {"fee_overrides", "retention_field_override", "retention_years_override"} & set(device)
    assert device["unit_code"] == "27460" and device["counter_no"] == 1  # the rest of the settings stay
    engine = db.open_database(path)
    try:
        with session_scope(engine) as s:
            unit = settings.load(s).unit_code
            fee = fees.effective_fee(s, unit, catalog.default_catalog().for_record(PERMIT))  # now 1.013225
            assert (fee.vnd, fee.source, fee.origin) == (95000, "Nghị quyết cũ/2025/NQ-HĐND", "ward")
            kept = retention.load(s, unit)
            assert retention.years_for("2.000815", kept) == 4  # authentication (Chứng thực), as the admin set it
            assert retention.years_for("2.001035", kept) == 25  # the procedure's own override
            rule = next(r for r in retention.table(kept) if r.field == "Xây dựng")
            assert (rule.years, rule.origin, rule.source) == (None, "ward", migrations.CARRIED_OVER)
            # queued for the hub exactly as the row reads, so the other counters get the same value
            rows = [*s.exec(select(FeeEntry)).all(), *s.exec(select(RetentionEntry)).all()]
            for row in rows:
                entry = s.exec(select(OutboxEntry).where(OutboxEntry.entity_id == row.id)).one()
                assert json.loads(entry.payload) == outbox.row_payload(row)
            assert len(rows) == 4
    finally:
        engine.dispose()


def test_a_pc_without_old_values_upgrades_to_empty_tables(tmp_path: Path) -> None:
    path = tmp_path / "counter.sqlite3"
    shutil.copy(SCHEMAS / "pc-v2.sqlite3", path)
    db.migrate(path, tmp_path / "bk")
    with closing(sqlite3.connect(path)) as conn:
        assert conn.execute("SELECT count(*) FROM fee_entry").fetchone()[0] == 0
        assert conn.execute("SELECT count(*) FROM retention_entry").fetchone()[0] == 0
        with pytest.raises(sqlite3.IntegrityError):  # a negative fee cannot be stored, whatever the path
            conn.execute(
                "INSERT INTO fee_entry (id, unit_code, created_at, updated_at, procedure_code, vnd, source)"
                " VALUES ('x', '27460', '2026-01-01', '2026-01-01', '1.009994', -1, 'b')"
            )
