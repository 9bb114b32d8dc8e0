"""A fresh PC applies pulled history in bulk, with the same result as one by one: hub order kept, search
indexed, pending local changes and clashes still under the conflict rules (sync.client.local.apply_page)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import delete as sql_delete
from sqlalchemy.engine import Engine
from sqlmodel import select

from counter_app import outbox, search
from counter_app.db import session_scope
from counter_app.models import Citizen, Dossier, OutboxEntry, Staff, SyncConflict, SyncedModel, Ticket
from sync.client import local
from sync.protocol import Change
from tests.factories import OFFICER

HUB = "http://127.0.0.1:1"
T0 = datetime(2026, 3, 2, 1, 0, tzinfo=UTC)


def _change(seq: int, row: SyncedModel, op: str = "upsert") -> Change:
    payload: dict[str, Any] = row.model_dump(mode="json")
    return Change(
        seq=seq, op_id=f"op{seq}", entity=row.entity, entity_id=row.id, op=op, payload=payload, origin_device="pc"
    )  # type: ignore[arg-type]


def _citizen(cid: str, name: str, at: datetime = T0) -> Citizen:
    return Citizen(id=cid, unit_code="27460", created_at=at, updated_at=at, full_name=name, id_number=f"0790900{cid}")


def _dossier(did: str, cid: str) -> Dossier:
    return Dossier(
        id=did,
        unit_code="27460",
        created_at=T0,
        updated_at=T0,
        code=f"27460-260302-1{did}",
        procedure_code="1.001193",
        citizen_id=cid,
        received_at=T0,
        due_date=date(2026, 3, 10),
    )


def test_history_lands_in_order_and_is_searchable(engine: Engine) -> None:
    renamed = _citizen("00001", "Nguyễn Văn Bình", T0 + timedelta(hours=1))
    ticket = Ticket(
        id="t1",
        unit_code="27460",
        created_at=T0,
        updated_at=T0,
        service_day=date(2026, 3, 2),
        group_code="A",
        number=1,
        label="A001",
        issued_at=T0,
    )
    page = [
        _change(1, _citizen("00001", "Nguyễn Văn An")),
        _change(2, _citizen("00002", "Trần Thị Hoa")),
        _change(3, _dossier("d2", "00002")),  # needs the citizen just before it
        _change(4, ticket),
        _change(5, renamed),  # the same citizen again later in the page: the later version wins
        _change(6, _dossier("d1", "00001")),
    ]
    with session_scope(engine) as s:
        assert local.apply_page(s, HUB, page, 6) == 0
    with session_scope(engine) as s:
        assert s.get(Citizen, "00001").full_name == "Nguyễn Văn Bình"  # type: ignore[union-attr]
        assert s.get(Dossier, "d2").citizen_id == "00002"  # type: ignore[union-attr]
        assert s.get(Ticket, "t1").label == "A001"  # type: ignore[union-attr]
        assert s.get(Dossier, "d1").received_at.replace(tzinfo=UTC) == T0  # type: ignore[union-attr]
        assert local.get_cursor(s, HUB) == 6
        assert outbox.pending_count(s) == 0  # pulled rows never echo back
        hits = search.search(s, OFFICER, "tran thi hoa")
        assert {(h.kind, h.id) for h in hits} == {("citizen", "00002"), ("dossier", "d2")}
        assert [h.id for h in search.search(s, OFFICER, "nguyen van binh")] == ["d1", "00001"]


def test_pending_local_change_and_clashes_still_follow_the_rules(engine: Engine) -> None:
    with session_scope(engine) as s:
        outbox.save(s, _citizen("00003", "Lê Văn Chín"))  # saved here, not yet at the hub
        outbox.save(
            s,
            Staff(id="s-local", unit_code="27460", username="canbo1", full_name="A", role="officer", password_hash="x"),
        )
    newer = _citizen("00003", "Lê Văn Mười", datetime.now(UTC) + timedelta(hours=1))
    clash = Staff(id="s-remote", unit_code="27460", username="canbo1", full_name="B", role="officer", password_hash="y")
    page = [_change(1, _citizen("00004", "Võ Thị Năm")), _change(2, newer), _change(3, clash)]
    with session_scope(engine) as s:
        assert local.apply_page(s, HUB, page, 3) == 2
    with session_scope(engine) as s:
        assert s.get(Citizen, "00003").full_name == "Lê Văn Chín"  # type: ignore[union-attr]
        assert s.get(Citizen, "00004") is not None and s.get(Staff, "s-remote") is None
        kept = {c.entity_id for c in s.exec(select(SyncConflict)).all()}
        assert kept == {"00003", "s-remote"}


def test_own_changes_coming_back_are_left_alone_and_newer_ones_applied(engine: Engine) -> None:
    with session_scope(engine) as s:
        outbox.save(s, _citizen("00005", "Đỗ Văn Sáu"))
        outbox.save(s, _citizen("00006", "Đỗ Văn Bảy"))
    with session_scope(engine) as s:
        mine = {c.id: c for c in s.exec(select(Citizen)).all()}
        s.exec(sql_delete(OutboxEntry))  # the hub took them
    echo = _change(1, mine["00005"])
    changed = mine["00006"].model_copy(update={"full_name": "Đỗ Văn Tám", "updated_at": datetime.now(UTC)})
    with session_scope(engine) as s:
        assert local.apply_page(s, HUB, [echo, _change(2, changed)], 2) == 0
    with session_scope(engine) as s:
        assert s.get(Citizen, "00005").full_name == "Đỗ Văn Sáu"  # type: ignore[union-attr]
        assert s.get(Citizen, "00006").full_name == "Đỗ Văn Tám"  # type: ignore[union-attr]
        assert [h.id for h in search.search(s, OFFICER, "do van tam")] == ["00006"]
        assert s.exec(select(SyncConflict)).all() == []


def _rows_as_stored(engine: Engine, table: str) -> list[tuple[Any, ...]]:
    """Every value with SQLite's own type of it, as the file holds them."""
    with engine.connect() as conn:
        columns = [r[1] for r in conn.exec_driver_sql(f"PRAGMA table_info({table})").fetchall()]
        typed = ", ".join(f"{c}, typeof({c})" for c in columns)
        return [tuple(r) for r in conn.exec_driver_sql(f"SELECT {typed} FROM {table} ORDER BY id").fetchall()]


def test_bulk_insert_stores_exactly_what_the_orm_stores(tmp_path: Any) -> None:
    """The bulk path converts values itself (dates and times as text, in UTC); a PC that took the same rows one
    by one through the ORM holds the same bytes: times with microseconds or another offset, dates, booleans,
    empty fields."""
    from counter_app.db import open_database

    later = T0 + timedelta(microseconds=123_456)
    rows: list[SyncedModel] = [
        _citizen("00007", "Phan Thị Chín").model_copy(update={"birth_date": date(1990, 1, 31), "phone": None}),
        _dossier("d7", "00007").model_copy(update={"fee_paid": True, "returned_at": later}),
        Staff(
            id="s7",
            unit_code="27460",
            username="cb7",
            full_name="C",
            role="officer",
            password_hash="h",
            locked_until=later,
            active=False,
            created_at=T0,
            updated_at=T0,
        ),
    ]
    page = [_change(i + 1, row) for i, row in enumerate(rows)]
    ticket = {
        "id": "t7",
        "unit_code": "27460",
        "created_at": "2026-03-02T08:00:00.5+07:00",
        "updated_at": "2026-03-02T01:00:00Z",
        "service_day": "2026-03-02",
        "group_code": "A",
        "number": 7,
        "label": "A007",
        "issued_at": "2026-03-02T01:00:00.000001Z",
        "called_at": None,
    }
    short = {**ticket, "id": "t8", "created_at": "2026-03-02T01:00:00.5Z", "updated_at": "2026-03-02T01:00:00.000001Z"}
    for seq, payload in ((9, ticket), (10, short)):
        page.append(
            Change(
                seq=seq,
                op_id=f"op{seq}",
                entity="ticket",
                entity_id=payload["id"],
                op="upsert",
                payload=payload,
                origin_device="pc",
            )  # type: ignore[arg-type]
        )
    bulk, one_by_one = open_database(tmp_path / "bulk.sqlite3"), open_database(tmp_path / "orm.sqlite3")
    try:
        with session_scope(bulk) as s:
            assert local.apply_page(s, HUB, page, 10) == 0
        with session_scope(one_by_one) as s, outbox.remote_apply(s):
            for change in page:
                assert local._apply(s, change) is None  # the rules' path: the ORM writes each row
        for table in ("citizen", "dossier", "staff", "ticket"):
            stored = _rows_as_stored(bulk, table)
            assert stored and stored == _rows_as_stored(one_by_one, table), table
        assert _rows_as_stored(bulk, "ticket")[0][4:6] == ("2026-03-02 01:00:00.500000", "text")
    finally:
        bulk.dispose()
        one_by_one.dispose()
