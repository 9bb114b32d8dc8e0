"""Hub load: a bounded asyncio load generator (127.0.0.1 only) simulating N enrolled devices of the 168
wards against the PostgreSQL backend, the hub run as docs/hub.md tells IT staff to run it.

    .venv/bin/python bench/hub_load.py [--devices 200,1000] [--model storm|day] [--ops 50] [--batch 10]
                                       [--ramp 5] [--hour 120] [--burst] [--no-page] [--no-spread]
                                       [--hub-args '--workers 2']
                                       [--limit-s 300]

Each device does what the app's sync engine (sync/client/engine.py) does with a day's work of `--ops`
operations, on its own keep-alive connection (a lean HTTP client: bench/lean_http.py):
- it pushes in batches of `--batch` and after each push pulls its ward until nothing is left (sync_once);
- it keeps a long poll open (`/v1/wait`, as every PC does all day) from past what it pulled or was last told
  of, asking for the page when that is its cursor; when the hub says its ward changed (another PC of the ward
  pushed) it takes the page the answer carries if it is the next one there (else, or when there is more, it
  pulls); as in the engine, the next poll goes out at once and news that comes while a pull runs makes one
  more pull after it; once the hub's news has come with a page, it does not pull after its own push (its
  changes come back in the next page). `--no-page`: the long poll as before the page (every piece of news
  makes a pull, every push is followed by a pull);
- a request that fails (transport error, timeout, 5xx) is retried after the engine's backoff: full jitter,
  uniform(0, min(300 s, 5 s × 2^failures)). Each failure counts as an error.
Two models of when the work comes:
- `storm`: a reconnect storm. The hub was away; every device comes back within `--ramp` seconds (the
  engine probes every 5 s) and sends its whole backlog at once, batch after batch.
- `day`: a peak hour compressed. Devices come online within `--ramp` seconds (their long polls open) and
  spread their batches over `--hour` seconds, as counters save through a busy morning: the first batch after
  a pause drawn from the first interval, each pause after it jittered ±50 %. `--burst`: every device sends its
  first batch the moment it comes online (the model before 2026-12-07 23:00: a storm of 1,000 first pushes
  within the ramp, then the spread; the storm model is that at its worst).
Reports requests per second, p50/p99 per endpoint (the long poll's hold time is not a latency), errors and
devices that had not finished their work when the run was cut off at `--limit-s` seconds.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import re
import sys
import time
from collections import defaultdict
from dataclasses import dataclass, field, replace
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.common import machine, pct  # noqa: E402
from bench.hubkit import HubProcess, fresh_database, ticket_payloads  # noqa: E402
from bench.lean_http import LeanError, LeanHTTP  # noqa: E402

PROBE_S, MAX_BACKOFF_S, TIMEOUT_S, WAIT_S = 5.0, 300.0, 15.0, 25.0  # the engine's defaults
TAIL = re.compile(rb'"next_cursor":(\d+),"has_more":(true|false)\}$')
WAIT_HEAD = re.compile(rb'^\{"latest":(\d+),"changed":(true|false)')
WAIT_TAIL = re.compile(rb'"next_cursor":(\d+),"has_more":(true|false)(?:,"remaining":\d+)?\}\}$')
PAGE = 1000  # the engine's page_size


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


@dataclass
class Stats:
    times: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    waits: int = 0
    done: int = 0
    began: float = field(default_factory=time.perf_counter)
    at: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))  # when each timed request began

    def timeline(self, window: float = 20.0) -> str:
        """p50/p99 per endpoint in windows of the run by when the request began: where the slow ones are."""
        lines = []
        end = max((max(v) for v in self.at.values() if v), default=0.0)
        for start in range(0, int(end) + 1, int(window)):
            parts = []
            for name in sorted(self.times):
                took = [t for t, a in zip(self.times[name], self.at[name], strict=True) if start <= a < start + window]
                if took:
                    parts.append(
                        f"{name} n={len(took)} p50 {pct(took, 50) * 1000:.0f} p99 {pct(took, 99) * 1000:.0f} ms"
                    )
            lines.append(f"  {start:>4}-{start + int(window)} s: " + "; ".join(parts))
        return "\n".join(lines)

    def line(self, elapsed: float, devices: int) -> str:
        total = sum(len(v) for v in self.times.values()) + self.waits
        parts = [
            f"{name} n={len(v)} p50 {pct(v, 50) * 1000:.0f} ms p99 {pct(v, 99) * 1000:.0f} ms"
            for name, v in sorted(self.times.items())
        ]
        errors = sum(self.errors.values())
        detail = f" ({dict(self.errors)})" if errors else ""
        return (
            f"{total / elapsed:.0f} requests/s over {elapsed:.1f} s; " + "; ".join(parts)
            + f"; long polls answered {self.waits}; errors {errors}{detail}; devices done {self.done}/{devices}"
        )  # fmt: skip


@dataclass(frozen=True)
class Model:
    name: str
    ops: int
    batch: int
    ramp: float
    hour: float
    burst: bool = False
    spread: float = 0.0  # `storm`: the hub's return_spread_s, over which each PC's return is placed after its probe


class Device:
    def __init__(
        self, n: int, unit: str, token: str, port: int, stats: Stats, deadline: float, pages: bool = True
    ) -> None:
        from sync.protocol import PROTOCOL_HEADER, PROTOCOL_VERSION

        headers = {"Authorization": f"Bearer {token}", PROTOCOL_HEADER: str(PROTOCOL_VERSION)}
        self.n, self.unit, self.stats, self.deadline = n, unit, stats, deadline
        self.sync, self.poll = LeanHTTP("127.0.0.1", port, headers), LeanHTTP("127.0.0.1", port, headers)
        self.cursor, self.lock, self.rng = 0, asyncio.Lock(), random.Random(n)
        self.news, self.seen = asyncio.Event(), 0  # the engine's request_sync and _seen_latest
        self.pages, self.paged = pages, False  # the engine's _paged: the hub's news came with the page

    async def call(self, name: str, method: str, target: str, body: bytes = b"") -> bytes:
        """One request as the engine makes it: retried after a jittered backoff while it fails."""
        failures = 0
        while True:
            started = time.perf_counter()
            try:
                status, answer = await self.sync.request(method, target, body, TIMEOUT_S)
                if status == 200:
                    self.stats.times[name].append(time.perf_counter() - started)
                    self.stats.at[name].append(started - self.stats.began)
                    return answer
                self.stats.errors[f"{name} HTTP {status}"] += 1
                if status < 500:
                    raise RuntimeError(f"{name}: HTTP {status} {answer[:200]!r}")  # a bug, not load
            except LeanError as exc:
                self.stats.errors[f"{name} {exc}"] += 1
            failures += 1
            await asyncio.sleep(self.rng.uniform(0, min(MAX_BACKOFF_S, PROBE_S * 2**failures)))

    async def pull_all(self) -> None:
        async with self.lock:
            while True:
                answer = await self.call("pull", "GET", f"/v1/pull?since={self.cursor}&limit=500")
                tail = TAIL.search(answer)
                assert tail is not None, answer[-200:]
                self.cursor = int(tail.group(1))
                if tail.group(2) == b"false":
                    return

    async def listen(self) -> None:
        """The long poll every PC keeps open, from past what it pulled or was last told of; news of the ward
        brings its page or wakes a pull, and the next poll goes out at once (the engine's _listen, _take and
        request_sync)."""
        while True:
            since = max(self.cursor, self.seen)
            page = f"&page={PAGE}" if self.pages and since == self.cursor else ""
            try:
                status, answer = await self.poll.request(
                    "GET", f"/v1/wait?since={since}&timeout={WAIT_S}{page}", timeout=WAIT_S + 10
                )
            except LeanError as exc:
                self.stats.errors[f"wait {exc}"] += 1
                await asyncio.sleep(self.rng.uniform(0, PROBE_S))
                continue
            self.stats.waits += 1
            if status != 200:
                self.stats.errors[f"wait HTTP {status}"] += 1
                await asyncio.sleep(self.rng.uniform(0, PROBE_S))
                continue
            head = WAIT_HEAD.match(answer)
            assert head is not None, answer[:200]
            if head.group(2) == b"true":
                self.seen = max(self.seen, int(head.group(1)))
                tail = WAIT_TAIL.search(answer) if page else None
                self.paged = tail is not None
                if tail is None or not await self.take(since, int(tail.group(1)), tail.group(2) == b"true"):
                    self.news.set()

    async def take(self, since: int, next_cursor: int, more: bool) -> bool:
        """The engine's _take: the page is applied when it reaches from the cursor here (it may start before
        it); False when a pull must run."""
        async with self.lock:
            if self.cursor < since or next_cursor <= since:
                return False
            self.cursor = max(self.cursor, next_cursor)
        return not more

    async def puller(self) -> None:
        """Pulls when woken; news that comes while a pull runs makes one more pull after it."""
        while True:
            await self.news.wait()
            self.news.clear()
            await self.pull_all()

    async def work(self, model: Model, bodies: list[bytes]) -> None:
        await asyncio.sleep(self.rng.uniform(0, model.ramp))  # the probe that finds the hub back
        if model.name == "storm":
            await asyncio.sleep(model.spread * self.rng.random())  # the engine's _take_place: its place in the spread
        listener = asyncio.ensure_future(self.listen())
        puller = asyncio.ensure_future(self.puller())
        try:
            if model.name == "day" and not model.burst:  # counters already at work: saves come spread out
                await asyncio.sleep(model.hour / len(bodies) * self.rng.uniform(0, 1))
            for body in bodies:
                await self.call("push", "POST", "/v1/push", body)
                if not self.paged:  # the engine's _pull_needed: else its own changes come in the next page
                    await self.pull_all()
                if model.name == "day":
                    await asyncio.sleep(model.hour / len(bodies) * self.rng.uniform(0.5, 1.5))
            self.stats.done += 1
            await asyncio.sleep(max(0.0, self.deadline - time.monotonic()))  # stays online until the end
        finally:
            listener.cancel()
            puller.cancel()
            await self.sync.close()
            await self.poll.close()


def push_bodies(n: int, unit: str, ops: int, batch: int) -> list[bytes]:
    payloads = ticket_payloads(ops, unit, prefix=f"L{n:05d}-")
    return [
        json.dumps(
            {
                "ops": [
                    {"op_id": f"op-{p['id']}", "entity": "ticket", "entity_id": p["id"], "op": "upsert",
                     "payload": p, "created_at": p["created_at"]}
                    for p in payloads[i : i + batch]
                ]
            },
            ensure_ascii=False,
        ).encode()
        for i in range(0, ops, batch)
    ]  # fmt: skip


async def load(
    port: int, devices: list[tuple[str, str]], model: Model, limit_s: float, pages: bool, timeline: bool = False
) -> str:
    stats = Stats()
    bodies = [push_bodies(n, unit, model.ops, model.batch) for n, (unit, _) in enumerate(devices)]
    started = time.perf_counter()
    deadline = time.monotonic() + limit_s
    fleet = [Device(n, unit, token, port, stats, deadline, pages) for n, (unit, token) in enumerate(devices)]
    tasks = [asyncio.ensure_future(d.work(model, b)) for d, b in zip(fleet, bodies, strict=True)]
    while stats.done < len(devices) and time.monotonic() < deadline:
        await asyncio.sleep(0.2)
    elapsed = time.perf_counter() - started
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    if stats.done < len(devices):
        stats.errors["unfinished at the time limit"] += len(devices) - stats.done
    return (stats.timeline() + "\n" if timeline else "") + stats.line(elapsed, len(devices))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--devices", default="200,1000")
    parser.add_argument("--model", choices=["storm", "day"], default="storm")
    parser.add_argument("--ops", type=int, default=50)
    parser.add_argument("--batch", type=int, default=10)
    parser.add_argument("--ramp", type=float, default=5.0)
    parser.add_argument("--hour", type=float, default=120.0, help="`day`: seconds over which a device's batches spread")
    parser.add_argument("--hub-args", default="--workers 2")
    parser.add_argument("--limit-s", type=float, default=300)
    parser.add_argument("--burst", action="store_true", help="`day`: first batches at once (the model before)")
    parser.add_argument("--timeline", action="store_true", help="also p50/p99 per 20 s of the run")
    parser.add_argument("--no-page", action="store_true", help="long polls without the page (as before it)")
    parser.add_argument(
        "--no-spread", action="store_true", help="`storm`: every PC back within the ramp (before the spread)"
    )
    args = parser.parse_args()
    model = Model(args.model, args.ops, args.batch, args.ramp, args.hour, args.burst)
    print(machine())
    for count in (int(c) for c in args.devices.split(",")):
        url = fresh_database("postgresql", "bench_load")
        devices = enroll_many(url, count)
        hub = HubProcess(url, ["--host", "127.0.0.1", *args.hub_args.split()])
        try:
            spread = 0.0 if args.no_spread else httpx.get(f"{hub.base}/v1/health").json().get("return_spread_s", 0.0)
            model = replace(model, spread=float(spread))
            line = asyncio.run(load(hub.port, devices, model, args.limit_s, not args.no_page, args.timeline))
            returns = f", back within {args.ramp:g} s + the hub's spread of {model.spread:g} s"
        finally:
            hub.stop()
        print(
            f"{count:>5} devices, {model.name}{' (burst)' if model.burst else ''}:"
            f" {args.ops} ops each in batches of {args.batch} + pulls + long poll"
            f"{'' if args.no_page else ', pages on the long poll'}"
            f"{returns if model.name == 'storm' else ''}"
            f" (hub: serve {args.hub_args or '(one process)'}): {line}"
        )


if __name__ == "__main__":
    main()
