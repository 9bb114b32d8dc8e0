"""Kill test: a child process does real counter work and syncs to a real hub; it is killed with
SIGKILL at random moments, again and again. After every kill the database is opened as the app
opens it and checked (integrity, foreign keys, audit chain, every write the child reported saved
is there); at the end one last sync, after which the hub holds every operation exactly once and
the outbox is empty."""

from __future__ import annotations

import asyncio
import json
import os
import random
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from reliability import checks
from reliability.workload import UNIT, Op, prepare
from sync.client.engine import SyncEngine
from sync.hub import service
from tests.sync.hubserver import RunningHub

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class KillFigures:
    kills: int = 0
    kills_before_ready: int = 0
    reported_ops: int = 0
    hub_ops: int = 0
    lost: int = 0
    duplicated: int = 0
    outbox_left: int = 0
    diverging: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not (self.lost or self.duplicated or self.outbox_left or self.diverging or self.problems)


def _read(stream: object, into: list[str]) -> None:
    for line in stream:  # type: ignore[attr-defined]
        into.append(line)


def _one_life(db: Path, hub: RunningHub, token: str, seed: int, rng: random.Random) -> tuple[list[Op], bool]:
    """Start the child, let it work a random while, SIGKILL it; returns the ops it reported."""
    env = {**os.environ, "WARD_KILL_TOKEN": token}
    child = subprocess.Popen(
        [sys.executable, "-m", "reliability.kill_child", str(db), hub.url, str(seed)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    lines: list[str] = []
    reader = threading.Thread(target=_read, args=(child.stdout, lines), daemon=True)
    reader.start()
    early = rng.random() < 0.1  # sometimes during start-up: integrity check, migration, pragmas
    deadline = time.monotonic() + 30
    while not early and not any('"ready"' in line for line in lines) and time.monotonic() < deadline:
        if child.poll() is not None:
            break
        time.sleep(0.01)
    time.sleep(rng.uniform(0.0, 0.6) if early else rng.uniform(0.0, 1.5))
    child.send_signal(signal.SIGKILL)
    child.wait()
    reader.join(5)
    ops = []
    for line in lines:
        if line.startswith('{"op"'):
            op_id, entity, entity_id = json.loads(line)["op"]
            ops.append(Op(op_id, entity, entity_id))
    return ops, early


def run(rounds: int, workdir: Path, seed: int = 1) -> KillFigures:
    workdir.mkdir(parents=True, exist_ok=True)
    db = workdir / "counter.sqlite3"
    prepare(db).dispose()
    hub = RunningHub(f"sqlite:///{workdir / 'hub.sqlite3'}").start()
    figures, reported = KillFigures(), []
    rng = random.Random(seed)
    try:
        code = service.new_enrollment_code(hub.engine, UNIT, 1)
        token = service.enroll(hub.engine, code, "quầy 1")[1]
        for round_no in range(rounds):
            ops, early = _one_life(db, hub, token, seed * 100_000 + round_no, rng)
            reported += ops
            figures.kills += 1
            figures.kills_before_ready += early
            engine, problems = checks.reopen_and_check(db)
            missing = checks.missing_writes(engine, ops)
            engine.dispose()
            figures.problems += [f"kill {round_no}: {p}" for p in problems]
            if missing:
                figures.problems.append(f"kill {round_no}: {len(missing)} reported writes missing")
        _final_sync(db, hub, token, reported, figures)
    finally:
        hub.close()
    return figures


def _final_sync(db: Path, hub: RunningHub, token: str, reported: list[Op], figures: KillFigures) -> None:
    engine, problems = checks.reopen_and_check(db)
    figures.problems += problems
    sync = SyncEngine(engine, [hub.url], lambda _u: token, UNIT, timeout_s=30.0)
    asyncio.run(sync.sync_once())
    tally = checks.hub_tally(hub.engine)
    pending = checks.outbox_op_ids(engine)
    figures.reported_ops = len(reported)
    figures.hub_ops = len(tally)
    figures.lost = len(checks.lost(reported, tally, pending))
    figures.duplicated = checks.duplicated(tally)
    figures.outbox_left = len(pending)
    figures.diverging = len(checks.diverging_records(engine, hub.engine, UNIT))
    engine.dispose()
