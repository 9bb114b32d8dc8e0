"""How fast a ward's PCs are in step (issue #9): issue → every counter's list, call → the board.

Five PCs, each in its own process with its own SQLite file and sync engine at the app's defaults (30 s interval,
live on), around a ward hub run as IT staff run it (`counter-hub serve`, its own process), all on 127.0.0.1:
a reception kiosk issuing 200 tickets, three counters (counter 1 calls them as they come), and a board PC.
Each PC notes the wall-clock moment it first holds each ticket (and each call); the same clock on one machine.
Floor, same run: a bare HTTP round trip to the hub (GET /v1/health).

    .venv/bin/python bench/ward_latency.py [--tickets 200] [--every 0.25]

Runs on demand (not in the test suite); results go to docs/PERFORMANCE.md with machine and date.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing as mp
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
UNIT = "27460"


def _quantiles(values: list[float]) -> dict[str, float]:
    cuts = statistics.quantiles(values, n=100)
    return {"p50_ms": round(cuts[49] * 1000, 1), "p95_ms": round(cuts[94] * 1000, 1), "n": len(values)}


def _pc(role: str, counter: int, db_path: str, hub: str, token: str, args: dict[str, float], out: str) -> None:
    from sqlmodel import select

    from counter_app import queue
    from counter_app.access import Actor, Role
    from counter_app.db import open_database, session_scope
    from counter_app.models import Ticket
    from sync.client import calling
    from sync.client.engine import SyncEngine

    db = open_database(Path(db_path))
    kind = Role.ADMIN if role == "kiosk" else Role.OFFICER
    actor = Actor(f"staff-{role}-{counter}", kind, UNIT, counter, role)
    seen: dict[str, float] = {}
    called: dict[str, float] = {}
    issued: dict[str, float] = {}
    mine: dict[str, float] = {}

    def look(_entities: set[str] | None = None) -> None:
        now = time.time()
        with session_scope(db) as s:  # ids and states only: the measuring must not slow the PC it measures
            for ticket_id, status in s.exec(select(Ticket.id, Ticket.status)).all():
                seen.setdefault(ticket_id, now)
                if status != queue.WAITING:
                    called.setdefault(ticket_id, now)

    async def main() -> None:
        engine = SyncEngine(db, [hub], {hub: token}.get, UNIT, on_pulled=look)
        task = asyncio.ensure_future(engine.run())
        while not engine.status.online:
            await asyncio.sleep(0.05)
        await asyncio.sleep(1.0)
        end = time.time() + args["tickets"] * args["every"] + 8
        if role == "kiosk":
            for _ in range(int(args["tickets"])):
                with session_scope(db) as s:
                    ticket = queue.issue_ticket(s, actor, "A")
                issued[ticket.id] = time.time()
                await asyncio.sleep(args["every"])
        while time.time() < end:
            if role == "caller":
                outcome = await calling.call(db, engine, actor)
                if outcome.ticket is not None:
                    mine[outcome.ticket.id] = time.time()
            await asyncio.sleep(args["every"] / 2)
        engine.stop()
        await asyncio.wait_for(task, 10)

    if role == "kiosk":
        admin = Actor("staff-admin", Role.ADMIN, UNIT, 0, "admin")
        with session_scope(db) as s:
            queue.ensure_group(s, admin, "A", "Đất đai", "A")
    asyncio.run(main())
    Path(out).write_text(json.dumps({"seen": seen, "called": called, "issued": issued, "mine": mine}))


def run(tickets: int, every: float) -> dict[str, object]:
    import httpx

    from sync.hub import service
    from tests.sync.hubserver import ProcessHub

    folder = Path(tempfile.mkdtemp(prefix="ward-bench-"))
    hub = ProcessHub(f"sqlite:///{folder / 'ward.sqlite3'}").start()
    roles = [("kiosk", 0), ("caller", 1), ("counter", 2), ("counter", 3), ("board", 90)]
    procs, outs = [], []
    try:
        floor = []
        with httpx.Client(base_url=hub.url) as client:
            for _ in range(200):
                started = time.perf_counter()
                client.get("/v1/health")
                floor.append(time.perf_counter() - started)
        options = {"tickets": float(tickets), "every": every}
        for role, counter in roles:
            token = service.enroll(hub.engine, service.new_enrollment_code(hub.engine, UNIT, counter), role)[1]
            out = str(folder / f"{role}-{counter}.json")
            db = str(folder / f"{role}-{counter}.sqlite3")
            proc = mp.get_context("spawn").Process(target=_pc, args=(role, counter, db, hub.url, token, options, out))
            proc.start()
            procs.append(proc)
            outs.append(out)
        for proc in procs:
            proc.join(tickets * every + 120)
    finally:
        hub.close()
    data = [json.loads(Path(o).read_text()) for o in outs]
    kiosk, caller, counters, board = data[0], data[1], data[1:4], data[4]
    everywhere = [t for t in kiosk["issued"] if all(t in c["seen"] for c in counters)]
    to_counters = [max(c["seen"][t] for c in counters) - kiosk["issued"][t] for t in everywhere]
    to_board = [board["called"][t] - at for t, at in caller["mine"].items() if t in board["called"]]
    return {
        "machine": f"{platform.node()} {platform.machine()} {mp.cpu_count()} cores, Python {platform.python_version()}",
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "tickets_issued": len(kiosk["issued"]),
        "issue_to_every_counter": _quantiles(to_counters),
        "call_to_board": _quantiles(to_board),
        "floor_http_round_trip": _quantiles(floor),
    }


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tickets", type=int, default=200)
    parser.add_argument("--every", type=float, default=0.25)
    options = parser.parse_args()
    print(json.dumps(run(options.tickets, options.every), indent=1))
