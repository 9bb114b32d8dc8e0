"""Push 100,000 outbox operations from a PC to a hub on 127.0.0.1 (SQLite and PostgreSQL), beside two
floors from the same run: the same rows written by `executemany` into a copy of the hub's change table,
and the same JSON bodies posted to a bare Starlette endpoint; then a fresh PC of the ward pulls it all.

    .venv/bin/python bench/hub_push_bench.py [--ops 100000] [--backends sqlite,postgresql]

The hub runs as `counter-hub serve` in its own process; the PC side is the app's real sync engine, with its heap
settled as the app settles it once the main window shows (ui/heap.py).
PostgreSQL is the throwaway test server (scripts/test-postgres, port WARD_TEST_PG_PORT).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.common import CACHE, UNIT, machine  # noqa: E402
from bench.hubkit import HubProcess, enroll_tokens, fresh_database, pc_with_outbox, ticket_payloads  # noqa: E402
from sync.protocol import MAX_PUSH as MAX_BATCH  # noqa: E402  (the batches the engine sends to this hub)


async def sync_phases(db_path: Path, hub: str, token: str) -> tuple[float, float, int, int]:
    """(push seconds, pull seconds, pushed, pulled) of one sync_once by the app's engine."""
    from counter_app.db import open_database
    from sync.client.engine import SyncEngine

    engine = open_database(db_path)
    settle_heap()
    marks: dict[str, float] = {}

    def on_status(status: object) -> None:
        phase = getattr(status, "phase", None)
        if phase:
            marks.setdefault(phase, time.perf_counter())

    sync = SyncEngine(engine, [hub], lambda _u: token, UNIT, on_status=on_status, timeout_s=120)
    started = time.perf_counter()
    report = await sync.sync_once()
    ended = time.perf_counter()
    engine.dispose()
    pull_start = marks.get("pull", ended)
    return pull_start - started, ended - pull_start, report.pushed, report.pulled


def settle_heap() -> None:
    """What the desktop app does once its main window shows (ui/heap.py): what exists then lives as long as the
    app and is kept out of the garbage collector's full passes. Without it this process's PC walked its
    whole heap (about 110,000 objects, some 100 ms) several times in a pull, which the app never does."""
    import gc

    gc.freeze()


def floor_executemany(url: str, n: int) -> float:
    """Rows per second for the same change rows by executemany into a copy of hub_change."""
    from sqlalchemy import text

    from sync.hub.store import make_hub_engine

    engine = make_hub_engine(url)
    payloads = ticket_payloads(n, prefix="f")
    rows = [
        {"op_id": f"fl-{p['id']}", "unit": UNIT, "id": p["id"], "payload": json.dumps(p, sort_keys=True)}
        for p in payloads
    ]
    with engine.begin() as conn:
        conn.execute(text("DROP TABLE IF EXISTS bench_floor"))
        if engine.dialect.name == "postgresql":
            conn.execute(text("CREATE TABLE bench_floor (LIKE hub_change INCLUDING ALL)"))
        else:
            ddl = conn.execute(text("SELECT sql FROM sqlite_master WHERE name='hub_change'")).scalar_one()
            conn.execute(text(ddl.replace("hub_change", "bench_floor", 1)))
    insert = text(
        "INSERT INTO bench_floor (op_id, unit_code, entity, entity_id, op, payload, received_at)"
        " VALUES (:op_id, :unit, 'ticket', :id, 'upsert', :payload, CURRENT_TIMESTAMP)"
    )
    started = time.perf_counter()
    for i in range(0, n, MAX_BATCH):  # the same batches the engine sends, one transaction each
        with engine.begin() as conn:
            conn.execute(insert, rows[i : i + MAX_BATCH])
    elapsed = time.perf_counter() - started
    with engine.begin() as conn:
        conn.execute(text("DROP TABLE bench_floor"))
    engine.dispose()
    return n / elapsed


BARE = """
import sys, json, uvicorn
from starlette.applications import Starlette
from starlette.responses import Response
from starlette.routing import Route
async def push(request):
    body = json.loads(await request.body())
    out = {"results": [{"op_id": op["op_id"], "status": "applied", "reason": None} for op in body["ops"]]}
    return Response(json.dumps(out), media_type="application/json")
async def health(request):
    return Response("{}", media_type="application/json")
app = Starlette(routes=[Route("/v1/push", push, methods=["POST"]), Route("/v1/health", health)])
uvicorn.run(app, host="127.0.0.1", port=int(sys.argv[1]), log_config=None, access_log=False)
"""


def floor_starlette(n: int) -> float:
    """Ops per second for the same JSON bodies (the engine's batches) posted to a bare Starlette endpoint."""
    import subprocess

    import httpx

    from bench.hubkit import free_port
    from sync.protocol import Operation, PushRequest

    port = free_port()
    proc = subprocess.Popen([sys.executable, "-c", BARE, str(port)], stderr=subprocess.DEVNULL)
    try:
        for _ in range(100):
            try:
                httpx.get(f"http://127.0.0.1:{port}/v1/health", timeout=1)
                break
            except httpx.HTTPError:
                time.sleep(0.1)
        payloads = ticket_payloads(n, prefix="s")
        bodies = [
            PushRequest(
                ops=[
                    Operation(
                        op_id=f"op-{p['id']}",
                        entity="ticket",
                        entity_id=str(p["id"]),
                        op="upsert",
                        payload=p,
                        created_at=p["created_at"],
                    )  # type: ignore[arg-type]
                    for p in payloads[i : i + MAX_BATCH]
                ]
            ).model_dump_json()
            for i in range(0, n, MAX_BATCH)
        ]

        async def send() -> float:
            async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}") as client:
                started = time.perf_counter()
                for body in bodies:
                    r = await client.post("/v1/push", content=body, headers={"Content-Type": "application/json"})
                    r.json()
                return time.perf_counter() - started

        return n / asyncio.run(send())
    finally:
        proc.terminate()
        proc.wait(10)


def run_backend(kind: str, n: int, extra: list[str]) -> None:
    url = fresh_database(kind, "bench_push")
    floor_rows = floor_executemany(url, n)
    token_a, token_b = enroll_tokens(url, 2)
    hub = HubProcess(url, extra)
    try:
        pc = pc_with_outbox(CACHE / "push" / "pc-a", n)
        push_s, _pull_s, pushed, _ = asyncio.run(sync_phases(pc, hub.base, token_a))
        from counter_app.db import open_database

        fresh = CACHE / "push" / "pc-b" / "counter.sqlite3"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{fresh}{suffix}").unlink(missing_ok=True)
        fresh.parent.mkdir(parents=True, exist_ok=True)
        open_database(fresh).dispose()
        _, pull_s, _, pulled = asyncio.run(sync_phases(fresh, hub.base, token_b))
    finally:
        hub.stop()
    print(
        f"{kind:>10} hub: push {pushed:,} ops in {push_s:.1f} s = {pushed / push_s:,.0f} ops/s"
        f" | floor executemany {floor_rows:,.0f} rows/s"
        f" | fresh PC pull {pulled:,} changes in {pull_s:.1f} s = {pulled / max(pull_s, 1e-9):,.0f} changes/s"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--ops", type=int, default=100_000)
    parser.add_argument("--backends", default="sqlite,postgresql")
    parser.add_argument("--hub-args", default="", help="extra `serve` arguments, e.g. '--workers 2'")
    args = parser.parse_args()
    print(machine())
    print(f"floor: bare Starlette endpoint, same JSON bodies: {floor_starlette(args.ops):,.0f} ops/s")
    for kind in args.backends.split(","):
        run_backend(kind, args.ops, args.hub_args.split())


if __name__ == "__main__":
    main()
