"""Hub load: a bounded asyncio load generator (127.0.0.1 only) simulating N enrolled devices of the 168
wards against the PostgreSQL backend, the hub run as docs/hub.md tells IT staff to run it.

    .venv/bin/python bench/hub_load.py [--devices 200,1000] [--ops 50] [--batch 10] [--ramp 5]
                                       [--hub-args '--workers 2'] [--limit-s 600]

Each device pushes a day's work (`--ops` operations in batches of `--batch`), then pulls its ward until
nothing is left. All devices start within `--ramp` seconds (opening time). Reports requests per second,
p50/p99 per endpoint and errors (transport failures, 5xx, any unexpected answer). The whole run is cut
off after `--limit-s` seconds; devices not finished by then count as errors.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import sys
import time
from collections import defaultdict
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.common import machine, pct  # noqa: E402
from bench.hubkit import HubProcess, fresh_database, ticket_payloads  # noqa: E402


def enroll_many(url: str, devices: int) -> list[tuple[str, str]]:
    """(unit_code, token) for `devices` devices spread over the city's 168 wards."""
    from counter_app.units import hcmc_units
    from sync.hub import service
    from sync.hub.store import make_hub_engine

    wards = [u.code for u in hcmc_units()]
    engine = make_hub_engine(url)
    out = []
    for i in range(devices):
        unit = wards[i % len(wards)]
        code = service.new_enrollment_code(engine, unit, 1 + i // len(wards))
        out.append((unit, service.enroll(engine, code, f"load-{i}")[1]))
    engine.dispose()
    return out


class Stats:
    def __init__(self) -> None:
        self.times: dict[str, list[float]] = defaultdict(list)
        self.errors: dict[str, int] = defaultdict(int)

    def line(self, elapsed: float) -> str:
        total = sum(len(v) for v in self.times.values())
        parts = [
            f"{name} n={len(v)} p50 {pct(v, 50) * 1000:.0f} ms p99 {pct(v, 99) * 1000:.0f} ms"
            for name, v in sorted(self.times.items())
        ]
        errs = dict(self.errors) or 0
        return f"{total / elapsed:.0f} requests/s over {elapsed:.1f} s; " + "; ".join(parts) + f"; errors {errs}"


async def device(
    client: httpx.AsyncClient, unit: str, token: str, n: int, ops: int, batch: int, delay: float, stats: Stats
) -> None:
    from sync.protocol import PROTOCOL_HEADER, PROTOCOL_VERSION

    await asyncio.sleep(delay)
    headers = {"Authorization": f"Bearer {token}", PROTOCOL_HEADER: str(PROTOCOL_VERSION)}
    payloads = ticket_payloads(ops, unit, prefix=f"L{n:05d}-")
    for i in range(0, ops, batch):
        body = {
            "ops": [
                {
                    "op_id": f"op-{p['id']}",
                    "entity": "ticket",
                    "entity_id": p["id"],
                    "op": "upsert",
                    "payload": p,
                    "created_at": p["created_at"],
                }
                for p in payloads[i : i + batch]
            ]
        }
        if not await timed(stats, "push", client.post("/v1/push", json=body, headers=headers)):
            return
    since = 0
    while True:
        answer = await timed(
            stats, "pull", client.get("/v1/pull", params={"since": since, "limit": 500}, headers=headers)
        )
        if not answer:
            return
        since = answer["next_cursor"]
        if not answer["has_more"]:
            return


async def timed(stats: Stats, name: str, request: object) -> dict | None:  # type: ignore[type-arg]
    started = time.perf_counter()
    try:
        response = await request  # type: ignore[misc]
    except httpx.HTTPError as exc:
        stats.errors[f"{name} {type(exc).__name__}"] += 1
        return None
    stats.times[name].append(time.perf_counter() - started)
    if response.status_code != 200:
        stats.errors[f"{name} HTTP {response.status_code}"] += 1
        return None
    result: dict = response.json()  # type: ignore[type-arg]
    return result


async def load(base: str, devices: list[tuple[str, str]], ops: int, batch: int, ramp: float, limit_s: float) -> str:
    stats = Stats()
    rng = random.Random(5)
    limits = httpx.Limits(max_connections=len(devices), max_keepalive_connections=len(devices))
    async with httpx.AsyncClient(base_url=base, timeout=60, limits=limits) as client:
        started = time.perf_counter()
        tasks = [
            asyncio.ensure_future(device(client, unit, token, n, ops, batch, rng.uniform(0, ramp), stats))
            for n, (unit, token) in enumerate(devices)
        ]
        done, pending = await asyncio.wait(tasks, timeout=limit_s)
        for task in pending:
            task.cancel()
        if pending:
            stats.errors["unfinished at the time limit"] += len(pending)
        elapsed = time.perf_counter() - started
    return stats.line(elapsed)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--devices", default="200,1000")
    parser.add_argument("--ops", type=int, default=50)
    parser.add_argument("--batch", type=int, default=10)
    parser.add_argument("--ramp", type=float, default=5.0)
    parser.add_argument("--hub-args", default="")
    parser.add_argument("--limit-s", type=float, default=600)
    args = parser.parse_args()
    print(machine())
    for count in (int(c) for c in args.devices.split(",")):
        url = fresh_database("postgresql", "bench_load")
        devices = enroll_many(url, count)
        hub = HubProcess(url, ["--host", "127.0.0.1", *args.hub_args.split()])
        try:
            line = asyncio.run(load(hub.base, devices, args.ops, args.batch, args.ramp, args.limit_s))
        finally:
            hub.stop()
        print(
            f"{count:>5} devices, {args.ops} ops each in batches of {args.batch} + pull"
            f" (hub: serve {args.hub_args or '(one process)'}): {line}"
        )


if __name__ == "__main__":
    main()
