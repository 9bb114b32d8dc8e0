"""Network faults: two counters write and sync through the project's TCP proxy while it drops,
delays, resets, cuts and garbles connections, loses answers after the hub committed, and the hub
restarts. At the end nothing is lost, nothing is duplicated, both outboxes are empty and both
counters hold what the hub holds."""

from __future__ import annotations

import asyncio
import contextlib
import random
from collections import Counter as Tally
from dataclasses import dataclass, field
from pathlib import Path

from reliability import checks
from reliability.workload import UNIT, Counter, Ledger, Op, prepare
from sync.client.engine import SyncEngine
from sync.client.transport import HubRefused, HubUnavailable
from sync.hub import service
from tests.sync.hubserver import RunningHub
from tests.sync.proxy import FaultProxy

FAULTS = ["refuse", "drop_request", "drop_response", "error503", "reset", "garbage", "cut", "delay"]


@dataclass
class NetworkFigures:
    ops: int = 0
    syncs: int = 0
    failed_syncs: int = 0
    faults: Tally[str] = field(default_factory=Tally)
    hub_restarts: int = 0
    hub_ops: int = 0
    lost: int = 0
    duplicated: int = 0
    outbox_left: int = 0
    diverging: int = 0

    @property
    def ok(self) -> bool:
        return not (self.lost or self.duplicated or self.outbox_left or self.diverging)


def run(target_ops: int, workdir: Path, seed: int = 1, restart_every: int = 40) -> NetworkFigures:
    workdir.mkdir(parents=True, exist_ok=True)
    rng, figures, reported = random.Random(seed), NetworkFigures(), []
    hub = RunningHub(f"sqlite:///{workdir / 'hub.sqlite3'}").start()
    proxy = FaultProxy(hub.port)
    ledger = Ledger()
    dbs = [prepare(workdir / f"counter{n}.sqlite3", n) for n in (1, 2)]
    try:
        tokens = [
            service.enroll(hub.engine, service.new_enrollment_code(hub.engine, UNIT, n), f"quầy {n}")[1] for n in (1, 2)
        ]
        counters = [Counter(db, random.Random(seed * 10 + n), n + 1) for n, db in enumerate(dbs)]
        engines = [_engine(db, proxy.url, token) for db, token in zip(dbs, tokens, strict=True)]
        while len(reported) < target_ops:
            for _ in range(rng.randint(1, 4)):
                rng.choice(counters).step()
            reported += ledger.take()
            _faulty_sync(rng, proxy, rng.choice(engines), figures)
            if figures.syncs % restart_every == 0:
                hub.restart()
                figures.hub_restarts += 1
        proxy.set("pass")
        for _ in range(3):  # each pushes, then each pulls what the other pushed
            for engine in engines:
                asyncio.run(engine.sync_once())
        _count(figures, reported, hub, dbs)
    finally:
        ledger.close()
        proxy.close()
        hub.close()
        for db in dbs:
            db.dispose()
    return figures


def _enroll(hub: RunningHub, counter: int) -> str:
    return service.enroll(hub.engine, service.new_enrollment_code(hub.engine, UNIT, counter), f"quầy {counter}")[1]


def _engine(db: object, url: str, token: str) -> SyncEngine:
    return SyncEngine(db, [url], lambda _u: token, UNIT, timeout_s=1.0, batch_size=20, page_size=50)  # type: ignore[arg-type]


def _faulty_sync(rng: random.Random, proxy: FaultProxy, engine: SyncEngine, figures: NetworkFigures) -> None:
    if rng.random() < 0.6:
        mode = rng.choice(FAULTS)
        proxy.set(mode, faults=rng.randint(1, 3), delay_s=rng.choice([0.05, 0.3, 1.5]))
        figures.faults[mode] += 1
    else:
        proxy.set("pass")
    figures.syncs += 1
    with contextlib.suppress(HubUnavailable, HubRefused):
        asyncio.run(engine.sync_once())
        return
    figures.failed_syncs += 1


def _count(figures: NetworkFigures, reported: list[Op], hub: RunningHub, dbs: list[object]) -> None:
    tally = checks.hub_tally(hub.engine)
    pending = set().union(*(checks.outbox_op_ids(db) for db in dbs))  # type: ignore[arg-type]
    figures.ops, figures.hub_ops = len(reported), len(tally)
    figures.lost = len(checks.lost(reported, tally, pending))
    figures.duplicated = checks.duplicated(tally)
    figures.outbox_left = len(pending)
    figures.diverging = sum(len(checks.diverging_records(db, hub.engine, UNIT)) for db in dbs)  # type: ignore[arg-type]
