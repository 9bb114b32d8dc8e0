"""The hub's CPU per request, by endpoint: what `bench/hub_load.py` spends its cores on, measured one kind of
request at a time (127.0.0.1 only, bounded in count).

    .venv/bin/python bench/hub_request_cpu.py [--requests 4000] [--concurrency 32]

The hub runs as one process (`counter-hub serve` over PostgreSQL from `scripts/test-postgres`), so its CPU
time is one process's (/proc/<pid>/stat); PostgreSQL's is the sum over its server processes. `--concurrency`
devices, each of another ward and on its own keep-alive connection (bench/lean_http.py), push 10 tickets
first, so pulls and long polls have something to answer. Each phase sends `--requests` requests of one kind,
one at a time on each connection, and reports the hub's and PostgreSQL's CPU per request and the rate:
- health: `GET /v1/health`, the floor (HTTP, the guard's log line, FastAPI's routing; no token, no database);
- pull, empty: `GET /v1/pull` past the ward's newest change (the pull after a PC's own push, mostly);
- pull, 10: a page of 10 changes (the pull a push of another PC of the ward wakes);
- wait, changed: `GET /v1/wait` that answers at once (the ward has news past `since`);
- push, 10: `POST /v1/push` of 10 new tickets (a batch of the load model).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.common import machine  # noqa: E402
from bench.hub_load import enroll_many, push_bodies  # noqa: E402
from bench.hubkit import PG_PORT, HubProcess, fresh_database  # noqa: E402
from bench.lean_http import LeanHTTP  # noqa: E402

TICK_S = 1 / os.sysconf("SC_CLK_TCK")


def cpu_s(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) * TICK_S  # utime + stime


def postgres_cpu_s() -> float:
    """All server processes of the benchmark's PostgreSQL (its postmaster and the postmaster's children)."""
    data = Path(os.environ.get("TMPDIR", "/tmp")) / f"ward-counter-pg-{PG_PORT}"
    master = int((data / "postmaster.pid").read_text().split()[0])
    total = cpu_s(master)
    for child in Path(f"/proc/{master}/task/{master}/children").read_text().split():
        with contextlib.suppress(FileNotFoundError):  # ended meanwhile
            total += cpu_s(int(child))
    return total


Make = Callable[[int, int], tuple[str, str, bytes]]  # (connection, request number) -> method, target, body


async def phase(clients: list[LeanHTTP], requests: int, make: Make) -> float:
    """`requests` requests, an equal share on each client, one at a time on each; wall seconds."""
    share = requests // len(clients)

    async def worker(n: int, client: LeanHTTP) -> None:
        for i in range(n * share, (n + 1) * share):
            method, target, body = make(n, i)
            status, answer = await client.request(method, target, body)
            if status != 200:
                raise RuntimeError(f"{method} {target}: HTTP {status} {answer[:200]!r}")

    started = time.perf_counter()
    await asyncio.gather(*(worker(n, c) for n, c in enumerate(clients)))
    return time.perf_counter() - started


async def run(
    port: int, pid: int, devices: list[tuple[str, str]], requests: int, concurrency: int, only: str
) -> list[str]:
    from sync.protocol import PROTOCOL_HEADER, PROTOCOL_VERSION

    def client(token: str) -> LeanHTTP:
        return LeanHTTP("127.0.0.1", port, {"Authorization": f"Bearer {token}", PROTOCOL_HEADER: str(PROTOCOL_VERSION)})

    # one connection per device, `concurrency` of them busy at a time (as many PCs, each on its own connection)
    clients = [client(token) for _, token in devices[:concurrency]]
    for n, c in enumerate(clients):  # every ward has changes to pull and wait for
        assert (await c.request("POST", "/v1/push", push_bodies(n, devices[n][0], 10, 10)[0]))[0] == 200
    newest = json.loads((await clients[0].request("GET", "/v1/wait?since=0&timeout=0"))[1])["latest"]
    # push i (connection i // share) of that connection's device's ward, ids never used before
    share = requests // concurrency
    bodies = [push_bodies(1000 + i, devices[i // share][0], 10, 10)[0] for i in range(share * concurrency)]
    kinds: dict[str, Make] = {
        "health": lambda n, i: ("GET", "/v1/health", b""),
        "pull, empty": lambda n, i: ("GET", f"/v1/pull?since={newest}&limit=500", b""),
        "pull, 10": lambda n, i: ("GET", "/v1/pull?since=0&limit=10", b""),
        "wait, changed": lambda n, i: ("GET", "/v1/wait?since=0&timeout=25.0", b""),
        "push, 10": lambda n, i: ("POST", "/v1/push", bodies[i]),
    }
    lines = []
    for name, make in kinds.items():
        if only and not name.startswith(only):
            continue
        if name != "push, 10":  # warm: the statements prepared, the caches filled
            await phase(clients, 4 * concurrency, make)
        hub0, pg0 = cpu_s(pid), postgres_cpu_s()
        wall = await phase(clients, share * concurrency, make)
        done = share * concurrency
        hub, pg = (cpu_s(pid) - hub0) / done, (postgres_cpu_s() - pg0) / done
        lines.append(
            f"{name:>14}: hub {hub * 1e6:6.0f} µs, PostgreSQL {pg * 1e6:5.0f} µs per request;"
            f" {done / wall:5.0f} requests/s"
        )
    for c in clients:
        await c.close()
    return lines


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=4000)
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--only", dest="kinds", default="", help="only the phases whose name starts so, e.g. push")
    args = parser.parse_args()
    print(machine())
    url = fresh_database("postgresql", "bench_request_cpu")
    devices = enroll_many(url, args.concurrency)
    hub = HubProcess(url, ["--host", "127.0.0.1"])
    try:
        lines = asyncio.run(run(hub.port, hub.proc.pid, devices, args.requests, args.concurrency, args.kinds))
    finally:
        hub.stop()
    print(
        f"hub: one process (counter-hub serve); {args.concurrency} devices of as many wards, each on its own connection"
    )
    print("\n".join(lines))


if __name__ == "__main__":
    main()
