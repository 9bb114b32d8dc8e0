"""The push path at city scale (issue 13): the hub's fast lane takes only what PushRequest takes and
leaves every refusal to the full validation; old and new bodies (protocol 1 beside 2, Operation JSON
beside the outbox's own JSON) store the same; the PC's pipelined push keeps the outbox's order and
sends each operation once; the outbox is read along its index."""

from __future__ import annotations

import json
import shutil
import sqlite3
from contextlib import closing
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError
from sqlalchemy import text

from counter_app import db, migrations
from counter_app.db import session_scope
from counter_app.models import OutboxEntry, Ticket
from sync.client import local
from sync.client.transport import push_body
from sync.hub.fastpush import decode_push
from sync.protocol import MAX_PUSH, PROTOCOL_HEADER, Operation, PushRequest
from tests.sync.conftest import enroll_device
from tests.sync.helpers import counter_db, engine_for, hub_op_ids, outbox_ids, run
from tests.sync.hubserver import RunningHub

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "schemas" / "pc-v7.sqlite3"


def _op(**changes: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "op_id": "op-1",
        "entity": "ticket",
        "entity_id": "t-1",
        "op": "upsert",
        "payload": {"id": "t-1", "unit_code": "27460", "label": "A001", "number": 1},
        "created_at": "2026-03-02T01:00:00.123456Z",
    }
    return {**base, **changes}


def _body(*ops: dict[str, Any]) -> bytes:
    return json.dumps({"ops": list(ops)}).encode()  # ASCII: a lone surrogate goes as its escape


def _full_accepts(body: bytes) -> bool:
    try:
        PushRequest.model_validate_json(body)
    except ValidationError:
        return False
    return True


REFUSED = {
    "NUL in an op id": _op(op_id="op\x00"),
    "empty entity": _op(entity=""),
    "op id too long": _op(op_id="x" * 65),
    "lone surrogate": _op(payload={"id": "t-1", "note": "\ud800"}),
    "unknown kind": _op(op="merge"),
    "kind not text": _op(op=["upsert"]),
    "integer beyond 64 bits": _op(payload={"id": "t-1", "unit_code": "27460", "n": 2**64}),
    "moment as a number": _op(created_at=1_700_000_000),
    "moment without a calendar": _op(created_at="2026-02-30T01:00:00Z"),
    "dossier state unknown": _op(entity="dossier", payload={"id": "t-1", "unit_code": "27460", "status": 99}),
    "payload not an object": _op(payload=["id", "t-1"]),
    "nested too deep": _op(payload={"id": "t-1", "a": {"b": {"c": {"d": {"e": {"f": 1}}}}}}),
}


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_the_fast_lane_refuses_what_the_full_validation_refuses(name: str) -> None:
    body = _body(REFUSED[name])
    assert not _full_accepts(body)
    assert decode_push(body) is None


def test_the_fast_lane_takes_the_bodies_pcs_send() -> None:
    ops = [
        _op(),
        _op(op_id="op-2", entity="dossier", entity_id="d-1", payload={"id": "d-1", "unit_code": "27460", "status": 4}),
        _op(op_id="op-3", created_at="2026-03-02T08:00:00+07:00", origin_device="hub-a"),
        _op(op_id="op-4", op="delete", created_at="2026-03-02T01:00:00"),
    ]
    body = _body(*ops)
    fast = decode_push(body)
    full = PushRequest.model_validate_json(body).ops
    assert fast is not None
    assert [(o.op_id, o.entity, o.entity_id, o.op, o.payload, o.origin_device) for o in fast] == [
        (o.op_id, o.entity, o.entity_id, o.op, o.payload, o.origin_device) for o in full
    ]


ODD = ["", "\x00", "a\x00", "\ud800", "x\udfff"]
TEXT = st.text(st.characters(exclude_characters="\x00"), max_size=70) | st.sampled_from(ODD)
VALUE = st.none() | st.booleans() | st.integers(-(2**65), 2**65) | st.floats() | TEXT
OPS = st.fixed_dictionaries(
    {
        "op_id": TEXT,
        "entity": TEXT | st.just("dossier"),
        "entity_id": TEXT,
        "op": st.sampled_from(["upsert", "insert", "delete", "merge"]),
        "payload": st.dictionaries(TEXT, VALUE | st.lists(VALUE, max_size=3), max_size=6),
        "created_at": st.sampled_from(
            ["2026-03-02T01:00:00Z", "2026-03-02T01:00:00.5+07:00", "2026-13-02T01:00:00Z", "yesterday", "2026-03-02"]
        )
        | st.integers(),
    },
    optional={"origin_device": st.none() | TEXT, "status": VALUE},
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(OPS, max_size=4))
def test_whatever_the_fast_lane_takes_the_full_validation_takes_too(ops: list[dict[str, Any]]) -> None:
    body = json.dumps({"ops": ops}).encode()  # ASCII: lone surrogates and NaN go as the JSON a client could send
    fast = decode_push(body)
    if fast is not None:
        full = PushRequest.model_validate_json(body).ops  # raises if the fast lane took too much
        assert [(o.op_id, o.payload) for o in fast] == [(o.op_id, o.payload) for o in full]


def _hub_rows(hub: RunningHub) -> list[tuple[str, dict[str, Any]]]:
    with hub.engine.connect() as conn:
        rows = conn.execute(text("SELECT op_id, payload FROM hub_change ORDER BY seq")).all()
    return [(op_id, json.loads(payload)) for op_id, payload in rows]


@pytest.mark.parametrize("protocol", ["1", "2"])
def test_old_and_new_bodies_store_the_same(hub_factory: Any, hub_db_url: str, protocol: str) -> None:
    hub = hub_factory(hub_db_url)
    headers = {"Authorization": f"Bearer {enroll_device(hub)}", PROTOCOL_HEADER: protocol}
    payload = {"id": "t-1", "unit_code": "27460", "label": "Ậ001", "number": 1, "note": None}
    old = Operation(op_id="op-old", entity="ticket", entity_id="t-1", op="upsert", payload=payload,
                    created_at="2026-03-02T01:00:00Z")  # type: ignore[arg-type]  # fmt: skip
    new = local.Outgoing("op-new", "ticket", "t-1", "upsert", json.dumps(payload), "2026-03-02 01:00:01.000000")
    with httpx.Client(base_url=hub.url, headers=headers, timeout=10) as c:
        for body in (PushRequest(ops=[old]).model_dump_json(), push_body([new])):
            answer = c.post("/v1/push", content=body, headers={"Content-Type": "application/json"})
            assert answer.status_code == 200, answer.text
            assert answer.json() == {"results": [{"op_id": json.loads(body)["ops"][0]["op_id"], "status": "applied",
                                                  "reason": None}], "max_batch": MAX_PUSH}  # fmt: skip
        refused = c.post("/v1/push", json={"ops": [_op(op_id="bad\x00")]})
        assert refused.status_code == 422 and "op_id" in refused.json()["message"]
        with_query = c.post("/v1/push", params={"x": "1"}, content=push_body([new]))
        assert with_query.status_code == 422 and "x" in with_query.json()["message"]
    assert _hub_rows(hub) == [("op-old", payload), ("op-new", payload)]


def test_the_pipelined_push_sends_each_operation_once_in_the_outbox_order(
    hub_factory: Any, hub_db_url: str, tmp_path: Path
) -> None:
    hub = hub_factory(hub_db_url)
    pc = counter_db(tmp_path, "pc")
    with session_scope(pc) as s:  # saved out of id order, and some at the same moment (op id breaks the tie)
        for i in range(1234):
            moment = datetime(2026, 3, 2, 1, i // 600, (i // 10) % 60, tzinfo=UTC)
            tid = f"t-{(i * 7919) % 1234:05d}"
            ticket = Ticket(id=tid, unit_code="27460", service_day=date(2026, 3, 2), group_code="A", number=i,
                            label=f"A{i:04d}", issued_at=moment, status="waiting")  # fmt: skip
            payload = json.dumps(ticket.model_dump(mode="json"))
            s.add(OutboxEntry(op_id=f"op-{(i * 104729) % 100000:06d}-{i}", unit_code="27460", entity="ticket",
                              entity_id=tid, op="upsert", payload=payload, created_at=moment))  # fmt: skip
    expected = outbox_ids(pc)
    with session_scope(pc) as s:
        order = [o.op_id for o in local.next_outgoing(s, 5000)]
    engine = engine_for(pc, {hub.url: enroll_device(hub)}, batch_size=100)
    report = run(engine.sync_once())
    assert report.pushed == 1234 and outbox_ids(pc) == []
    assert sorted(hub_op_ids(hub.engine)) == sorted(expected)  # each once
    assert [op_id for op_id, _ in _hub_rows(hub)] == order  # the hub's seqs follow the outbox's order
    with session_scope(pc) as s:
        rows = s.exec(text("SELECT min(created_at), max(created_at) FROM outbox")).one()  # type: ignore[call-overload]
    assert rows == (None, None)


def test_the_landed_pc_database_reads_its_outbox_along_an_index(tmp_path: Path) -> None:
    path = tmp_path / "counter.sqlite3"
    shutil.copyfile(FIXTURE, path)
    assert db.migrate(path, tmp_path / "bk") == 7
    assert db.schema_version(path) == migrations.LATEST_VERSION
    with closing(sqlite3.connect(path)) as conn:
        for after in ("", " AND (created_at, op_id) > (?, ?)"):
            sql = local.DUE.format(after=after)
            params = ("2026-03-02 01:00:00.000000", *(("2026-01-01 00:00:00.000000", "a") if after else ()), 500)
            plan = " / ".join(r[3] for r in conn.execute(f"EXPLAIN QUERY PLAN {sql}", params))
            assert "ix_outbox_due" in plan and "TEMP B-TREE" not in plan, plan


def _tickets_in_outbox(pc: Any, count: int, payload_pad: int = 0) -> None:
    with session_scope(pc) as s:
        for i in range(count):
            moment = datetime(2026, 3, 2, 1, i // 3600 % 60, i % 60, tzinfo=UTC)
            label = f"A{i:04d}" + "x" * payload_pad
            ticket = Ticket(id=f"t-{i:05d}", unit_code="27460", service_day=date(2026, 3, 2), group_code="A",
                            number=i, label=label, issued_at=moment, status="waiting")  # fmt: skip
            payload = json.dumps(ticket.model_dump(mode="json"))
            s.add(OutboxEntry(op_id=f"op-{i:06d}", unit_code="27460", entity="ticket", entity_id=ticket.id,
                              op="upsert", payload=payload, created_at=moment))  # fmt: skip


def _sizes_sent(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    from sync.client import transport

    sizes: list[int] = []
    real = transport.push_body

    def counting(batch: Any) -> str:
        sizes.append(len(batch))
        return real(batch)

    monkeypatch.setattr(transport, "push_body", counting)
    return sizes


def test_a_pc_sends_larger_batches_once_its_hub_says_it_takes_them(
    hub_factory: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Until its hub has said how many it takes, a PC sends what every hub takes (500); this hub takes 2,000."""
    from sync.protocol import MAX_BATCH, MAX_PUSH

    hub, pc = hub_factory(f"sqlite:///{tmp_path / 'hub.sqlite3'}"), counter_db(tmp_path, "pc")
    _tickets_in_outbox(pc, 5000)
    expected, sizes = outbox_ids(pc), _sizes_sent(monkeypatch)
    report = run(engine_for(pc, {hub.url: enroll_device(hub)}).sync_once())
    assert report.pushed == 5000 and outbox_ids(pc) == []
    assert sorted(hub_op_ids(hub.engine)) == sorted(expected)  # each once
    # the second batch is read while the first travels, before the hub's answer says more
    assert sizes == [MAX_BATCH, MAX_BATCH, MAX_PUSH, MAX_PUSH]


def test_a_hub_that_does_not_say_gets_what_every_hub_takes(
    hub_factory: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sync.hub import app
    from sync.protocol import MAX_BATCH

    monkeypatch.setattr(app, "MAX_PUSH", None)  # answers as a hub from before: no max_batch
    hub, pc = hub_factory(f"sqlite:///{tmp_path / 'hub.sqlite3'}"), counter_db(tmp_path, "pc")
    _tickets_in_outbox(pc, 1200)
    sizes = _sizes_sent(monkeypatch)
    assert run(engine_for(pc, {hub.url: enroll_device(hub)}).sync_once()).pushed == 1200
    assert sizes == [MAX_BATCH, MAX_BATCH, 200]


def test_large_records_are_sent_in_bodies_the_hub_takes(
    hub_factory: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """2,000 records of 3 KB would make a 6 MB body: the PC cuts its batches at 4 MB (the hub refuses past 8)."""
    hub, pc = hub_factory(f"sqlite:///{tmp_path / 'hub.sqlite3'}"), counter_db(tmp_path, "pc")
    _tickets_in_outbox(pc, 3000, payload_pad=3000)
    sizes = _sizes_sent(monkeypatch)
    assert run(engine_for(pc, {hub.url: enroll_device(hub)}).sync_once()).pushed == 3000
    assert sum(sizes) == 3000 and max(sizes) < 2000 and outbox_ids(pc) == []


def test_the_hub_takes_max_push_operations_and_refuses_one_more(hub_factory: Any, tmp_path: Path) -> None:
    from sync.client.local import Outgoing
    from sync.protocol import MAX_PUSH

    hub = hub_factory(f"sqlite:///{tmp_path / 'hub.sqlite3'}")
    headers = {
        PROTOCOL_HEADER: "2",
        "Authorization": f"Bearer {enroll_device(hub)}",
        "Content-Type": "application/json",
    }
    payload = json.dumps({"id": "g", "unit_code": "27460", "code": "A", "name": "A", "prefix": "A", "active": True,
                          "created_at": "2026-01-05T01:00:00Z", "updated_at": "2026-01-05T01:00:00Z"})  # fmt: skip
    ops = [Outgoing(f"op-{i}", "service_group", "g", "upsert", payload, "2026-01-05 01:00:00.000000")
           for i in range(MAX_PUSH + 1)]  # fmt: skip
    with httpx.Client(base_url=hub.url, headers=headers, timeout=30) as c:
        assert c.post("/v1/push", content=push_body(ops)).status_code == 422
        answer = c.post("/v1/push", content=push_body(ops[:MAX_PUSH]))
        assert answer.status_code == 200 and answer.json()["max_batch"] == MAX_PUSH
        assert len(answer.json()["results"]) == MAX_PUSH


def _batches() -> list[list[dict[str, Any]]]:
    """Batches that meet every rule of a push: new records, a dossier moved twice in one batch, a transition
    the hub refuses, a re-sent operation, an op id reused for another record, another ward's operation, an
    unknown entity, and a whole batch sent again after a lost answer."""
    dossier = {"id": "d-1", "unit_code": "27460", "code": "27460-261124-1001"}
    first = [
        _op(op_id="op-t1", entity_id="t-1", payload={"id": "t-1", "unit_code": "27460", "label": "A001"}),
        _op(op_id="op-d1", entity="dossier", entity_id="d-1", payload={**dossier, "status": 2}),
        _op(op_id="op-d2", entity="dossier", entity_id="d-1", payload={**dossier, "status": 4}),
        _op(op_id="op-t1b", entity_id="t-1", payload={"id": "t-1", "unit_code": "27460", "label": "A001", "n": 2}),
        _op(op_id="op-x", entity_id="t-9", payload={"id": "t-9", "unit_code": "26740"}),
        _op(op_id="op-u", entity="spaceship", entity_id="s-1", payload={"id": "s-1", "unit_code": "27460"}),
        _op(op_id="op-m", entity_id="t-2", payload={"id": "t-3", "unit_code": "27460"}),
    ]
    second = [
        _op(op_id="op-d3", entity="dossier", entity_id="d-1", payload={**dossier, "status": 2}),  # 4 -> 2: refused
        _op(op_id="op-t1", entity_id="t-1", payload={"id": "t-1", "unit_code": "27460", "label": "A001"}),
        _op(op_id="op-t1", entity_id="t-7", payload={"id": "t-7", "unit_code": "27460"}),  # reused op id
        _op(op_id="op-t2", entity_id="t-2", payload={"id": "t-2", "unit_code": "27460", "note": 'Nguyễn "A"'}),
        _op(op_id="op-d4", entity="dossier", entity_id="d-1", payload={**dossier, "status": 5}),
    ]
    return [first, second, first, second]


@pytest.mark.parametrize("hub_db_url", ["postgresql"], indirect=True)
def test_a_batch_is_stored_the_same_whichever_way_it_goes_to_postgresql(hub_db_url: str, monkeypatch: Any) -> None:
    """A small batch goes to PostgreSQL in two pipelined round trips, a large one through COPY and an ORM
    session (service.PIPELINED_UP_TO): the same outcomes, the same changes in the same order, the same records."""
    import psycopg

    from sync.hub import service
    from sync.hub.store import make_hub_engine

    admin = hub_db_url.rsplit("/", 1)[0].replace("postgresql+psycopg://", "postgresql://") + "/postgres"
    other = hub_db_url + "_copy"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{other.rsplit("/", 1)[1]}"')
    stored = []
    try:
        for url, up_to in ((hub_db_url, 10_000), (other, 0)):
            monkeypatch.setattr(service, "PIPELINED_UP_TO", up_to)
            engine = make_hub_engine(url)
            code = service.new_enrollment_code(engine, "27460", 1)
            device = service.enroll(engine, code, "quầy 1")[0]
            pushed = datetime.now(UTC)
            outcomes = [
                service.push_outcomes(engine, device, [Operation.model_validate(o) for o in batch])
                for batch in _batches()
            ]
            with engine.connect() as conn:
                changes = conn.execute(
                    text(
                        "SELECT op_id, unit_code, entity, entity_id, op, payload, origin_device, relayed_at,"
                        " relay_note, received_at FROM hub_change ORDER BY seq"
                    )  # fmt: skip
                ).all()
                records = conn.execute(
                    text(
                        "SELECT r.unit_code, r.entity, r.entity_id, r.payload, r.status, c.op_id FROM hub_record r"
                        " JOIN hub_change c ON c.seq = r.last_seq ORDER BY 1, 2, 3"
                    )  # fmt: skip
                ).all()
            engine.dispose()
            for change in changes:  # the moment it was received
                assert abs((change[-1] - pushed).total_seconds()) < 60
                assert change[6] == device.id
            kept = [(*c[:6], *c[7:9]) for c in changes]  # not the device's id: each database made its own
            stored.append((outcomes, kept, [tuple(r) for r in records]))
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{other.rsplit("/", 1)[1]}" WITH (FORCE)')
    pipelined, copied = stored
    assert pipelined == copied
    outcomes, changes, records = pipelined
    assert [status for _, status, _ in outcomes[0]] == [
        "applied", "applied", "applied", "applied", "rejected", "rejected", "rejected",
    ]  # fmt: skip
    assert [status for _, status, _ in outcomes[1]] == ["rejected", "duplicate", "rejected", "applied", "applied"]
    assert [status for _, status, _ in outcomes[2]] == ["duplicate"] * 4 + ["rejected"] * 3
    # 5 -> 2 is allowed where 4 -> 2 was not: the refused op goes in now
    assert [status for _, status, _ in outcomes[3]] == ["applied", "duplicate", "rejected", "duplicate", "duplicate"]
    assert [c[0] for c in changes] == ["op-t1", "op-d1", "op-d2", "op-t1b", "op-t2", "op-d4", "op-d3"]
    assert [(r[2], r[4], r[5]) for r in records] == [
        ("d-1", 2, "op-d3"),
        ("t-1", None, "op-t1b"),
        ("t-2", None, "op-t2"),
    ]


def _reference_body(batch: list[local.Outgoing]) -> str:
    """push_body as it was written with json.dumps per text (the bytes every hub version reads)."""
    ops = ",".join(
        f'{{"op_id":{json.dumps(o.op_id)},"entity":{json.dumps(o.entity)},"entity_id":{json.dumps(o.entity_id)},'
        f'"op":{json.dumps(o.op)},"payload":{o.payload},"created_at":"{o.created_at[:10]}T{o.created_at[11:]}Z"}}'
        for o in batch
    )
    return f'{{"ops":[{ops}]}}'


def test_a_push_body_quotes_texts_as_json_dumps_does() -> None:
    odd = ['op-"1"', "op\\2", "Ậ-3", "op\n4", "op\t5\u2028", "x" * 64]
    batch = [local.Outgoing(i, "ticket", i, "upsert", '{"id":"t"}', "2026-03-02 01:00:01.000000") for i in odd]
    assert push_body(batch) == _reference_body(batch)
    assert [op.op_id for op in decode_push(push_body(batch).encode()) or []] == odd


ANSWERS = [
    {"results": [{"op_id": "a", "status": "applied", "reason": None}], "max_batch": MAX_PUSH},
    {"results": [{"op_id": "a", "status": "duplicate"}, {"op_id": "b", "status": "rejected", "reason": "Không"}]},
    {"results": [], "max_batch": None},
    {"results": [{"op_id": "a", "status": "applied", "reason": None, "extra": 1}], "max_batch": 3},
    {"results": [{"op_id": "a", "status": "applied"}], "max_batch": "5"},  # lax: the model reads 5
    {"results": [{"op_id": "a", "status": "applied"}], "max_batch": 5.0},
]
REFUSED_ANSWERS = [
    b"<html>proxy login</html>",
    b'{"results": [{"op_id": "a", "status": "merged"}]}',
    b'{"results": [{"op_id": 1, "status": "applied"}]}',
    b'{"results": [{"op_id": "a", "status": ["applied"]}]}',
    b'{"results": {"op_id": "a"}}',
    b'{"results": [{"op_id": "a", "status": "applied"}], "max_batch": "many"}',
    b"[]",
]


@pytest.mark.parametrize("answer", ANSWERS)
def test_a_push_answer_is_read_as_push_response_reads_it(answer: dict[str, Any]) -> None:
    from sync.client.transport import read_push_answer
    from sync.protocol import PushResponse

    content = json.dumps(answer).encode()
    model = PushResponse.model_validate_json(content)
    read = read_push_answer(content)
    assert read.max_batch == model.max_batch
    assert [tuple(r) for r in read.results] == [(r.op_id, r.status, r.reason) for r in model.results]


@pytest.mark.parametrize("content", REFUSED_ANSWERS)
def test_a_push_answer_push_response_refuses_is_refused(content: bytes) -> None:
    from sync.client.transport import HubUnavailable, read_push_answer
    from sync.protocol import PushResponse

    with pytest.raises(ValidationError):
        PushResponse.model_validate_json(content)
    with pytest.raises(HubUnavailable):  # nothing is acknowledged: the batch goes again
        read_push_answer(content)
