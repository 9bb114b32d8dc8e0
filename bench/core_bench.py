"""Everyday core operations (issue a ticket, call the next, receive a dossier, search) p50/p95 with
`synchronous=FULL`, each as the UI runs it (one transaction), beside a raw INSERT+COMMIT on the same file.

    .venv/bin/python bench/core_bench.py [--n 200]
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.common import CACHE, UNIT, copy_db, demo_db, machine, summary  # noqa: E402
from counter_app import demo, dossiers, queue  # noqa: E402
from counter_app.access import Actor, Role  # noqa: E402
from counter_app.catalog import default_catalog  # noqa: E402
from counter_app.db import open_database, raw_connect, session_scope  # noqa: E402
from counter_app.errors import CounterError  # noqa: E402


def timed(n: int, fn: Callable[[int], object]) -> list[float]:
    out = []
    for i in range(n):
        started = time.perf_counter()
        fn(i)
        out.append((time.perf_counter() - started) * 1000)
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=200)
    args = parser.parse_args()
    path = copy_db(demo_db(), CACHE / "core")
    engine = open_database(path)
    with closing(raw_connect(path)) as conn:
        conn.execute("CREATE TABLE IF NOT EXISTS bench_floor (id INTEGER PRIMARY KEY, v TEXT)")

        def raw(i: int) -> None:
            conn.execute("BEGIN IMMEDIATE")
            conn.execute("INSERT INTO bench_floor (v) VALUES (?)", (f"row {i}",))
            conn.execute("COMMIT")

        floor = timed(args.n, raw)
    kiosk = Actor(None, Role.VOLUNTEER, UNIT, 0)
    with session_scope(engine) as s:
        staff_id = s.exec(__import__("sqlmodel").text("SELECT id FROM staff WHERE username='canbo1'")).one()[0]  # type: ignore[call-overload]
    officer = Actor(staff_id, Role.OFFICER, UNIT, 2, "Cán bộ")

    def issue(_i: int) -> None:
        with session_scope(engine) as s:
            queue.issue_ticket(s, kiosk, "A")

    def call(_i: int) -> None:
        with session_scope(engine) as s:
            queue.call_next(s, officer)

    rng = random.Random(3)
    procs = []
    for proc in default_catalog().procedures:  # those one applicant can file alone (some need a second party)
        data = dossiers.IntakeInput(
            proc.code, citizen=demo._citizen(rng, 800_000 + len(procs)), papers_received=[p.name for p in proc.papers],
            fee_paid=True, consent_notice_version="2026-01",
        )  # fmt: skip
        try:
            with session_scope(engine) as s:
                dossiers.receive_dossier(s, officer, data)
            procs.append(proc)
        except CounterError:
            continue

    def receive(i: int) -> None:
        proc = rng.choice(procs)
        data = dossiers.IntakeInput(
            proc.code,
            citizen=demo._citizen(rng, 900_000 + i),
            papers_received=[p.name for p in proc.papers],
            fee_paid=True,
            consent_notice_version="2026-01",
        )
        with session_scope(engine) as s:
            dossiers.receive_dossier(s, officer, data)

    print(machine())
    print(f"raw INSERT+COMMIT (floor): {summary(floor)}")
    print(f"issue ticket:     {summary(timed(args.n, issue))}")
    print(f"call next:        {summary(timed(args.n, call))}")
    print(f"receive dossier:  {summary(timed(args.n // 2, receive))}")
    engine.dispose()


if __name__ == "__main__":
    main()
