"""One ward, one queue: a kiosk, counters and a board PC, each with its own database and sync engine (at the
app's 30-second interval, so only the live path can make these fast), a real ward hub and a real city hub."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from sqlmodel import Session, select

from counter_app import queue
from counter_app.access import Actor, Role
from counter_app.db import session_scope
from counter_app.models import SyncConflict
from sync.client import calling
from sync.hub.store import ChangeRow
from tests.sync.helpers import hub_op_ids
from tests.sync.ward import PC, UNIT, Ward, issue, until


def _setup_group(pc: PC) -> None:
    admin = Actor("staff-admin", Role.ADMIN, UNIT, pc.actor.counter_no, "Quản trị")
    with session_scope(pc.db) as s:
        queue.ensure_group(s, admin, "A", "Đất đai", "A")


def _ward(tmp_path: Path, counters: int = 3, hub_process: bool = False) -> tuple[Ward, PC, list[PC], PC]:
    ward = Ward(tmp_path, hub_process=hub_process)
    kiosk = ward.add_pc("kiosk", 0, Role.VOLUNTEER)
    desks = [ward.add_pc(f"quay{k}", k) for k in range(1, counters + 1)]
    board = ward.add_pc("board", 90)
    _setup_group(kiosk)
    return ward, kiosk, desks, board


def test_a_ticket_and_a_call_reach_every_pc_live(tmp_path: Path) -> None:
    ward, kiosk, desks, board = _ward(tmp_path)

    async def scenario() -> None:
        for pc in ward.pcs:
            pc.start(ward.hubs)
        await until(lambda: all(pc.engine and pc.engine.status.online for pc in ward.pcs))
        await until(lambda: all(pc.engine and pc.engine.status.hub_url == ward.hub.url for pc in ward.pcs))
        await asyncio.sleep(0.5)  # every long poll is in place
        ticket = issue(kiosk)
        took = await until(lambda: all(ticket.id in pc.tickets() for pc in [*desks, board]), seconds=5)
        assert took < 5  # the interval is 30 s: only the live path gets here (the benchmark measures p95)
        await until(lambda: any("ticket" in news for news in board.pulled))  # the UI is told what changed
        outcome = await calling.call(desks[1].db, desks[1].engine, desks[1].actor)
        assert outcome.ticket is not None and outcome.ticket.id == ticket.id and not outcome.offline
        await until(lambda: board.tickets()[ticket.id].status == queue.CALLED, seconds=5)
        assert board.tickets()[ticket.id].counter_no == 2
        for pc in ward.pcs:
            await pc.stop()

    try:
        asyncio.run(asyncio.wait_for(scenario(), 60))
    finally:
        ward.close()


def test_two_counters_pressing_f2_at_once_get_two_citizens(tmp_path: Path) -> None:
    ward, kiosk, desks, _board = _ward(tmp_path)

    async def scenario() -> None:
        for pc in ward.pcs:
            pc.start(ward.hubs)
        first, second = issue(kiosk), issue(kiosk)
        await until(lambda: all({first.id, second.id} <= set(pc.tickets()) for pc in desks))
        a, b = await asyncio.gather(*(calling.call(pc.db, pc.engine, pc.actor) for pc in desks[:2]))
        assert a.ticket is not None and b.ticket is not None
        assert {a.ticket.id, b.ticket.id} == {first.id, second.id}  # the loser got the next citizen
        # the third counter finds nobody waiting once the calls have reached it
        await until(lambda: desks[2].tickets()[second.id].status == queue.CALLED)
        await until(lambda: desks[2].tickets()[first.id].status == queue.CALLED)
        third = await calling.call(desks[2].db, desks[2].engine, desks[2].actor)
        assert third.ticket is None
        for pc in ward.pcs:
            await pc.stop()

    try:
        asyncio.run(asyncio.wait_for(scenario(), 60))
    finally:
        ward.close()


def test_ward_hub_down_city_hub_serves_and_pcs_come_back(tmp_path: Path) -> None:
    ward, kiosk, desks, board = _ward(tmp_path)

    async def scenario() -> None:
        for pc in ward.pcs:
            pc.start(ward.hubs, interval_s=1.0)  # the periodic sync is what tries the ward hub again
        await until(lambda: all(pc.engine and pc.engine.status.hub_url == ward.hub.url for pc in ward.pcs))
        ward.hub.stop()
        ticket = issue(kiosk)
        await until(lambda: all(ticket.id in pc.tickets() for pc in [*desks, board]), seconds=15)
        outcome = await calling.call(desks[0].db, desks[0].engine, desks[0].actor)  # claimed at the city hub
        assert outcome.ticket is not None and outcome.ticket.id == ticket.id and not outcome.offline
        ward.hub.start()
        await until(lambda: all(pc.engine and pc.engine.status.hub_url == ward.hub.url for pc in ward.pcs), 15)
        # what the PCs pushed to the city hub meanwhile came down to the ward hub, and went up once
        await until(lambda: set(hub_op_ids(ward.city.engine)) <= set(hub_op_ids(ward.hub.engine)), 15)
        at_city = hub_op_ids(ward.city.engine)
        assert len(at_city) == len(set(at_city))
        for pc in ward.pcs:
            await pc.stop()

    try:
        asyncio.run(asyncio.wait_for(scenario(), 90))
    finally:
        ward.close()


def test_city_hub_down_the_ward_works_as_one_and_catches_up(tmp_path: Path) -> None:
    ward, kiosk, desks, board = _ward(tmp_path)

    async def scenario() -> None:
        for pc in ward.pcs:
            pc.start(ward.hubs)
        await until(lambda: all(pc.engine and pc.engine.status.online for pc in ward.pcs))
        ward.city.stop()
        tickets = [issue(kiosk) for _ in range(3)]
        await until(lambda: all({t.id for t in tickets} <= set(pc.tickets()) for pc in [*desks, board]))
        calls = await asyncio.gather(*(calling.call(pc.db, pc.engine, pc.actor) for pc in desks))
        called = [c.ticket.id for c in calls if c.ticket is not None]
        assert sorted(called) == sorted(t.id for t in tickets)  # one each, nobody twice, via the ward hub
        await until(lambda: all(board.tickets()[t].status == queue.CALLED for t in called))
        ward.city.start()
        # the ward hub relays everything up exactly once
        await until(lambda: set(hub_op_ids(ward.hub.engine)) <= set(hub_op_ids(ward.city.engine)), 20)
        at_city = hub_op_ids(ward.city.engine)
        assert len(at_city) == len(set(at_city))
        for pc in ward.pcs:
            await pc.stop()

    try:
        asyncio.run(asyncio.wait_for(scenario(), 90))
    finally:
        ward.close()


def test_both_hubs_down_the_offline_policy_prevents_a_double_call(tmp_path: Path) -> None:
    ward, kiosk, desks, _board = _ward(tmp_path, counters=2)

    async def scenario() -> None:
        for pc in ward.pcs:
            pc.start(ward.hubs, claim_timeout_s=0.5)
        from_kiosk = issue(kiosk)
        await until(lambda: all(from_kiosk.id in pc.tickets() for pc in desks))
        ward.hub.stop()
        ward.city.stop()
        own = issue(desks[0])  # counter 1 issues a ticket itself (its own number block)
        assert own.label == "A1001"
        a, b = await asyncio.gather(*(calling.call(pc.db, pc.engine, pc.actor) for pc in desks))
        # no hub to decide: the kiosk's ticket is held back on both counters; counter 1 calls its own
        assert a.offline and a.ticket is not None and a.ticket.id == own.id and a.held_back == 1
        assert b.offline and b.ticket is None and b.held_back == 1
        assert desks[0].tickets()[from_kiosk.id].status == desks[1].tickets()[from_kiosk.id].status == queue.WAITING
        ward.hub.start()
        await until(lambda: all(pc.engine and pc.engine.status.online for pc in desks), 15)
        late = await calling.call(desks[1].db, desks[1].engine, desks[1].actor)
        assert late.ticket is not None and late.ticket.id == from_kiosk.id and not late.offline
        for pc in ward.pcs:
            await pc.stop()

    try:
        asyncio.run(asyncio.wait_for(scenario(), 90))
    finally:
        ward.close()


@pytest.mark.timeout(300)
def test_eight_counters_calling_as_fast_as_they_can_call_each_ticket_once(tmp_path: Path) -> None:
    """Eight PCs in one test process share one interpreter (real counters are eight machines): the bound is
    generous for a busy shared test machine; docs/PERFORMANCE.md has the measured rate."""
    ward, kiosk, desks, _board = _ward(tmp_path, counters=8, hub_process=True)
    admin = Actor("staff-admin", Role.ADMIN, UNIT, 0, "Quản trị")
    tickets: list[str] = []
    for _ in range(25):  # as a kiosk issues them: a few per transaction, not 500 in one
        with session_scope(kiosk.db) as s:
            tickets += [queue.issue_ticket(s, admin, "A").id for _ in range(20)]

    async def counter(pc: PC) -> list[str]:
        called: list[str] = []
        while True:
            outcome = await calling.call(pc.db, pc.engine, pc.actor)
            if outcome.ticket is None:
                return called
            assert not outcome.offline
            called.append(outcome.ticket.id)

    async def scenario() -> list[list[str]]:
        for pc in ward.pcs:
            pc.start([ward.hub.url])
        await until(lambda: all(pc.ticket_count() == 500 for pc in desks), seconds=90)
        results = await asyncio.wait_for(asyncio.gather(*(counter(pc) for pc in desks)), 120)
        for pc in ward.pcs:
            await pc.stop()
        return results

    try:
        per_counter = asyncio.run(asyncio.wait_for(scenario(), 240))
    finally:
        ward.close()
    everything = [t for called in per_counter for t in called]
    assert sorted(everything) == sorted(tickets)  # every ticket called, and exactly once
    assert sum(1 for called in per_counter if called) >= 4  # really concurrent, not one counter doing it all


@pytest.mark.parametrize("hub_db_url", ["postgresql"], indirect=True)
def test_city_hub_workers_over_postgresql_wake_each_others_pcs(hub_db_url: str, tmp_path: Path) -> None:
    """Two hub processes over one PostgreSQL database stand for the city hub's workers: a PC long-polling one
    worker hears at once of a ticket pushed through the other (LISTEN/NOTIFY): the workers' own re-check is set to
    a minute here, so nothing else could tell it."""
    from sync.hub import service
    from tests.sync.hubserver import ProcessHub
    from tests.sync.ward import PC

    quiet = {"WARD_HUB_RECHECK_S": "60"}
    workers = [ProcessHub(hub_db_url, env=quiet).start(), ProcessHub(hub_db_url, env=quiet).start()]
    try:
        pcs = []
        for counter, worker in ((0, workers[0]), (1, workers[1])):
            code = service.new_enrollment_code(worker.engine, UNIT, counter)
            token = service.enroll(worker.engine, code, f"pc{counter}")[1]
            role = Role.VOLUNTEER if counter == 0 else Role.OFFICER
            actor = Actor(f"staff-{counter}", role, UNIT, counter, f"pc{counter}")
            from counter_app.db import open_database

            pcs.append(PC(f"pc{counter}", actor, open_database(tmp_path / f"pc{counter}.sqlite3"), {worker.url: token}))
        kiosk, desk = pcs
        _setup_group(kiosk)

        async def scenario() -> float:
            kiosk.start([workers[0].url])
            desk.start([workers[1].url], wait_s=50.0)
            await until(lambda: desk.ticket_count() == 0 and bool(desk.engine and desk.engine.status.online))
            await until(lambda: bool(desk.pulled), seconds=10)  # the group arrived: the desk is polling now
            await asyncio.sleep(1.0)
            ticket = issue(kiosk)
            took = await until(lambda: ticket.id in desk.tickets(), seconds=10)
            for pc in pcs:
                await pc.stop()
            return took

        took = asyncio.run(asyncio.wait_for(scenario(), 60))
        assert took < 10.0  # the long poll waits 50 s and the worker re-checks after 60: only NOTIFY woke it
    finally:
        for worker in workers:
            worker.close()


def test_a_ward_hub_process_relays_up_with_its_token_file(tmp_path: Path) -> None:
    ward, kiosk, _desks, _board = _ward(tmp_path, counters=1, hub_process=True)

    async def scenario() -> None:
        kiosk.start([ward.hub.url])
        ticket = issue(kiosk)
        await until(lambda: ticket.id in {c.entity_id for c in _city_changes(ward)}, seconds=20)
        await kiosk.stop()

    try:
        asyncio.run(asyncio.wait_for(scenario(), 60))
    finally:
        ward.close()


def _city_changes(ward: Ward) -> list[ChangeRow]:
    with Session(ward.city.engine) as s:
        return list(s.exec(select(ChangeRow)).all())


def test_a_day_off_the_city_publishes_reaches_the_wards_pcs(tmp_path: Path) -> None:
    import json
    import subprocess
    import sys

    from counter_app.models import CalendarEntry

    ward, _kiosk, desks, _board = _ward(tmp_path, counters=1)
    table = tmp_path / "city-days.json"
    day_off = {"day": "2026-12-31", "kind": "day_off", "name": "Nghỉ bù (thử)", "basis": "Công văn thử 1/UBND"}
    table.write_text(json.dumps([day_off], ensure_ascii=False), encoding="utf-8")
    command = [sys.executable, "-m", "sync.hub.cli", "--database-url", str(ward.city.engine.url), "publish"]
    out = subprocess.run([*command, "calendar_entry", str(table), "--unit", UNIT], capture_output=True, text=True)
    assert out.returncode == 0 and "Đã phát hành 1 bản ghi cho 1 đơn vị" in out.stdout, out.stderr
    again = subprocess.run([*command, "calendar_entry", str(table), "--unit", UNIT], capture_output=True, text=True)
    assert again.returncode == 0  # publishing again updates the same record

    def entries() -> list[CalendarEntry]:
        with session_scope(desks[0].db) as s:
            return list(s.exec(select(CalendarEntry)).all())

    async def scenario() -> None:
        desks[0].start(ward.hubs)  # through the ward hub, which pulled it down from the city
        await until(lambda: len(entries()) == 1, seconds=20)
        await desks[0].stop()

    try:
        asyncio.run(asyncio.wait_for(scenario(), 60))
        entry = entries()[0]
        assert (entry.origin, entry.kind, str(entry.day), entry.unit_code) == ("city", "day_off", "2026-12-31", UNIT)
        assert desks[0].engine is not None and desks[0].engine.status.hub_url == ward.hub.url
    finally:
        ward.close()


def test_a_ticket_called_at_two_counters_is_told_to_both_when_they_meet(tmp_path: Path) -> None:
    """PCs of one ward split between hubs cannot ask one hub: both may call the same ticket. When their changes
    meet, the hub's order stands and both officers are told (a conflict in the sync panel and status bar)."""
    from sync.client import local
    from sync.client.local import QUEUE_CLASH

    ward, kiosk, desks, _board = _ward(tmp_path, counters=2)

    async def scenario() -> None:
        for pc in [kiosk, *desks]:
            pc.start([ward.hub.url])
        ticket = issue(kiosk)
        await until(lambda: all(ticket.id in pc.tickets() for pc in desks))
        for pc in desks:
            await pc.stop()
        for pc in desks:  # each calls it as if no hub could decide (the split): straight in the core
            with session_scope(pc.db) as s:
                queue.call_ticket(s, pc.actor, ticket.id)
        for pc in desks:
            pc.start([ward.hub.url])
        await until(lambda: all(pc.engine and pc.engine.status.conflicts == 1 for pc in desks), seconds=15)
        for pc in [kiosk, *desks]:
            await pc.stop()
        for pc, other in ((desks[0], 2), (desks[1], 1)):
            with session_scope(pc.db) as s:
                assert local.open_conflicts(s) == 1
                reasons = [c.reason for c in s.exec(select(SyncConflict)).all()]
            expected = QUEUE_CLASH.format(label=ticket.label, mine=pc.actor.counter_no, other=other)
            assert reasons == [expected]

    try:
        asyncio.run(asyncio.wait_for(scenario(), 60))
    finally:
        ward.close()
