"""The hub's schema steps: from an empty database and from the schema that has landed, on both backends."""

from __future__ import annotations

import json
import shutil
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import psycopg
import pytest
from sqlalchemy import inspect, text

from sync.hub import migrations, service
from sync.hub.store import make_hub_engine
from sync.protocol import Operation

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "schemas"


def _op(op_id: str, unit: str, entity_id: str = "g-1") -> Operation:
    payload = {"id": entity_id, "unit_code": unit, "code": "A", "name": "Nhóm A", "prefix": "A", "active": True}
    payload |= {"created_at": "2026-01-05T01:00:00Z", "updated_at": "2026-01-05T01:00:00Z"}
    return Operation(
        op_id=op_id,
        entity="service_group",
        entity_id=entity_id,
        op="upsert",
        payload=payload,
        created_at=datetime.now(UTC),
    )


def _device(engine, unit: str):  # type: ignore[no-untyped-def]
    return service.enroll(engine, service.new_enrollment_code(engine, unit, 1), "quầy 1")[0]


def test_empty_database_gets_every_step(hub_db_url: str) -> None:
    engine = make_hub_engine(hub_db_url)
    with engine.connect() as conn:
        assert migrations.current_version(conn) == migrations.LATEST
        assert {"hub_change", "hub_claim", "hub_state", "hub_device"} <= set(inspect(conn).get_table_names())
    # idempotency is per ward: one ward's op id is nothing to another's
    a, b = _device(engine, "27460"), _device(engine, "26740")
    assert service.push(engine, a, [_op("op-1", "27460")])[0].status == "applied"
    assert service.push(engine, b, [_op("op-1", "26740", "g-2")])[0].status == "applied"
    assert service.push(engine, a, [_op("op-1", "27460")])[0].status == "duplicate"
    reused = service.push(engine, a, [_op("op-1", "27460", "g-3")])[0]
    assert reused.status == "rejected" and reused.reason == service.REUSED_OP_ID
    assert migrations.migrate(engine) == migrations.LATEST  # a second start changes nothing
    engine.dispose()


def test_landed_sqlite_hub_upgrades_keeping_every_change(tmp_path: Path) -> None:
    path = tmp_path / "hub.sqlite3"
    shutil.copy(FIXTURES / "hub-v1.sqlite3", path)
    with sqlite3.connect(path) as conn:
        before = conn.execute("SELECT seq, op_id, payload FROM hub_change ORDER BY seq").fetchall()
    engine = make_hub_engine(f"sqlite:///{path}")
    with engine.connect() as conn:
        assert migrations.current_version(conn) == migrations.LATEST
        after = conn.execute(text("SELECT seq, op_id, payload FROM hub_change ORDER BY seq")).all()
        assert [tuple(r) for r in after] == before and len(before) == 150
        assert conn.execute(text("SELECT count(*) FROM hub_device")).scalar() == 2
    device = _device(engine, "27460")
    again = Operation.model_validate({**_op(before[0][1], "27460").model_dump(), "entity": "x"})
    assert service.push(engine, device, [again])[0].status == "rejected"
    first = service.pull(engine, device, 0, 5)[0][0]
    assert first.seq == before[0][0]
    engine.dispose()


@pytest.mark.parametrize("hub_db_url", ["postgresql"], indirect=True)
@pytest.mark.parametrize("landed", ["hub-v1.postgresql.sql", "hub-v2.postgresql.sql", "hub-v3.postgresql.sql"])
def test_landed_postgresql_hub_upgrades(hub_db_url: str, landed: str) -> None:
    plain = hub_db_url.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(plain, autocommit=True) as conn:
        conn.execute((FIXTURES / landed).read_text())
        conn.execute(
            "INSERT INTO hub_change (op_id, unit_code, entity, entity_id, op, payload, received_at) "
            "VALUES ('op-old', '27460', 'service_group', 'g-1', 'upsert', '{}', now())"
        )
    engine = make_hub_engine(hub_db_url)
    with engine.connect() as conn:
        assert migrations.current_version(conn) == migrations.LATEST
    device = _device(engine, "27460")
    assert service.push(engine, device, [_op("op-old", "27460")])[0].status == "duplicate"
    assert [c.op_id for c in service.pull(engine, device, 0, 10)[0]] == ["op-old"]
    assert service.push(engine, _device(engine, "26740"), [_op("op-old", "26740")])[0].status == "applied"
    engine.dispose()


def test_a_newer_hub_database_is_refused(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'hub.sqlite3'}"
    make_hub_engine(url).dispose()
    with sqlite3.connect(tmp_path / "hub.sqlite3") as conn:
        conn.execute(f"UPDATE {migrations.VERSION_TABLE} SET version = 99")
    with pytest.raises(migrations.NewerHubSchemaError):
        make_hub_engine(url)


@pytest.mark.parametrize("landed, changes", [("hub-v2.sqlite3", 275), ("hub-v3.sqlite3", 293)])
def test_landed_sqlite_hub_upgrades_keeping_changes_claims_and_devices(
    tmp_path: Path, landed: str, changes: int
) -> None:
    path = tmp_path / "hub.sqlite3"
    shutil.copy(FIXTURES / landed, path)
    with sqlite3.connect(path) as conn:
        before = conn.execute("SELECT seq, unit_code, op_id, payload FROM hub_change ORDER BY seq").fetchall()
        first = conn.execute("SELECT op_id, entity, entity_id, op, payload FROM hub_change ORDER BY seq").fetchone()
        claims = conn.execute("SELECT unit_code, ticket_id, version FROM hub_claim").fetchall()
        devices = conn.execute("SELECT id, kind FROM hub_device ORDER BY id").fetchall()
    engine = make_hub_engine(f"sqlite:///{path}")
    with engine.connect() as conn:
        assert migrations.current_version(conn) == migrations.LATEST
        after = conn.execute(text("SELECT seq, unit_code, op_id, payload FROM hub_change ORDER BY seq")).all()
        assert [tuple(r) for r in after] == before and len(before) == changes
        assert [tuple(r) for r in conn.execute(text("SELECT unit_code, ticket_id, version FROM hub_claim"))] == claims
        assert [tuple(r) for r in conn.execute(text("SELECT id, kind FROM hub_device ORDER BY id"))] == devices
    unit = before[0][1]
    device = _device(engine, unit)
    keys = ("op_id", "entity", "entity_id", "op", "payload")
    row = dict(zip(keys, first, strict=True)) | {"created_at": datetime.now(UTC)}
    again = Operation.model_validate(row | {"payload": json.loads(first[4])})
    assert service.push(engine, device, [again])[0].status == "duplicate"
    pulled, _, _ = service.pull(engine, device, 0, 1000)
    assert [c.seq for c in pulled] == [r[0] for r in before]
    engine.dispose()


def test_a_landed_hub_takes_and_serves_what_an_upgraded_pc_carried_over(tmp_path: Path) -> None:
    """No hub step is needed for the ward's fees and retention periods: the landed hub-v2, upgraded, takes the
    records a landed pc-v7 queued at its own upgrade (step 8) and serves them to the ward's other PCs."""
    from sqlmodel import Session as OrmSession

    from counter_app import db
    from sync.client.local import next_batch

    hub_path, pc_path = tmp_path / "hub.sqlite3", tmp_path / "counter.sqlite3"
    shutil.copy(FIXTURES / "hub-v2.sqlite3", hub_path)
    shutil.copy(FIXTURES / "pc-v7.sqlite3", pc_path)
    pc = db.open_database(pc_path, tmp_path / "backups")
    with OrmSession(pc) as s:
        carried = [o for o in next_batch(s, 10_000) if o.entity in ("fee_entry", "retention_entry")]
    pc.dispose()
    assert sorted(o.entity for o in carried) == ["fee_entry", "retention_entry", "retention_entry"]
    engine = make_hub_engine(f"sqlite:///{hub_path}")
    device = _device(engine, "27460")
    assert [r.status for r in service.push(engine, device, carried)] == ["applied"] * 3
    other = _device(engine, "27460")  # another counter of the ward
    since = service.latest_seq(engine, "27460") - 3
    pulled, _, _ = service.pull(engine, other, since, 100)
    assert [(c.entity, c.payload) for c in pulled] == [(o.entity, o.payload) for o in carried]
    assert service.counts(engine, "27460")["retention_entry"] == 2
    engine.dispose()
