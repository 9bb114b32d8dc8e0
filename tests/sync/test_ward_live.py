"""One ward, one queue: a kiosk, counters and a board PC, each with its own database and sync engine (at the
app's 30-second interval, so only the live path can make these fast), a real ward hub and a real city hub."""

from __future__ import annotations

import asyncio
from pathlib import Path

from counter_app import queue
from counter_app.access import Actor, Role
from counter_app.db import session_scope
from sync.client import calling
from tests.sync.ward import PC, UNIT, Ward, issue, until


def _setup_group(pc: PC) -> None:
    admin = Actor("staff-admin", Role.ADMIN, UNIT, pc.actor.counter_no, "Quản trị")
    with session_scope(pc.db) as s:
        queue.ensure_group(s, admin, "A", "Đất đai", "A")


def _ward(tmp_path: Path, counters: int = 3) -> tuple[Ward, PC, list[PC], PC]:
    ward = Ward(tmp_path)
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
