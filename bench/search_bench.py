"""Search latency as the UI runs it (one transaction per query, with its audit entry committed) on
10,000 / 100,000 / 1,000,000 dossiers; target p95 under 20 ms at 1,000,000.

    .venv/bin/python bench/search_bench.py [--sizes 10000,100000,1000000]

Databases are built once with bulk SQL (bench/common.py, cached under /tmp/ward-bench) and copied; the copy
is flushed to disk before timing (otherwise each search's commit waits behind the copy's writeback). Printed
beside each size, from the same run: the floor (a raw one-row INSERT + COMMIT with the app's pragmas,
`synchronous=FULL`, on the same file) and the queries' time before their commit.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from contextlib import closing
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.common import CACHE, UNIT, big_db, copy_db, machine, summary  # noqa: E402
from counter_app import search  # noqa: E402
from counter_app.access import Actor, Role  # noqa: E402
from counter_app.db import open_database, raw_connect, session_scope  # noqa: E402
from counter_app.demo import GIVEN, MIDDLE, SURNAMES  # noqa: E402


def queries(rng: random.Random) -> list[str]:
    names = [f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}" for _ in range(60)]
    folded = [search.fold(n) for n in names[:40]]
    prefixes = [n.split()[0][:3] for n in folded[:20]] + ["nguyen", "dang", "tran thi", "le van h"]
    numbers = [f"079{rng.randint(0, 3)}{rng.randint(50, 99)}" for _ in range(20)] + [
        f"09{rng.randint(0, 9)}12" for _ in range(20)
    ]
    codes = [f"{UNIT}-26{rng.randint(1, 11):02d}" for _ in range(20)] + [f"{UNIT}-2611" for _ in range(5)]
    return names + folded + prefixes + numbers + codes


def floor(path: Path, n: int) -> list[float]:
    """A raw one-row INSERT + COMMIT, `synchronous=FULL`: what any committed search costs at least."""
    timings = []
    with closing(raw_connect(path)) as conn:
        conn.execute("CREATE TABLE IF NOT EXISTS bench_floor (id INTEGER PRIMARY KEY, v TEXT)")
        for i in range(n):
            started = time.perf_counter()
            conn.execute("BEGIN IMMEDIATE")
            conn.execute("INSERT INTO bench_floor (v) VALUES (?)", (f"row {i}",))
            conn.execute("COMMIT")
            timings.append((time.perf_counter() - started) * 1000)
    return timings


def run(size: int) -> tuple[list[float], list[float], list[float]]:
    """(as the UI runs it, the same before its commit, the floor)"""
    path = copy_db(big_db(size), CACHE / "search")
    os.sync()  # the copy's pages on disk before timing
    engine = open_database(path)
    actor = Actor("bench", Role.OFFICER, UNIT, 1)
    timings, before_commit = [], []
    for q in queries(random.Random(1))[:10]:
        with session_scope(engine) as s:
            search.search(s, actor, q)  # warm the page cache
    for q in queries(random.Random(2)):
        started = time.perf_counter()
        with session_scope(engine) as s:  # as ui.ops.run_op does
            search.search(s, actor, q)
            before_commit.append((time.perf_counter() - started) * 1000)
        timings.append((time.perf_counter() - started) * 1000)
    engine.dispose()
    return timings, before_commit, floor(path, len(timings))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="10000,100000,1000000")
    args = parser.parse_args()
    print(machine())
    for size in (int(s) for s in args.sizes.split(",")):
        timings, before_commit, raw = run(size)
        print(f"search, {size:>9,} dossiers, {len(timings)} queries: {summary(timings)}")
        print(f"    of which before the commit: {summary(before_commit)}")
        print(f"    floor, raw INSERT + COMMIT on the same file: {summary(raw)}")


if __name__ == "__main__":
    main()
