"""Search latency as the UI runs it (one transaction per query, with its audit entry committed) on
10,000 / 100,000 / 1,000,000 dossiers; target p95 under 20 ms at 1,000,000.

    .venv/bin/python bench/search_bench.py [--sizes 10000,100000,1000000]

Databases are built once with bulk SQL (bench/common.py, cached under /tmp/ward-bench) and copied.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.common import CACHE, UNIT, big_db, copy_db, machine, summary  # noqa: E402
from counter_app import search  # noqa: E402
from counter_app.access import Actor, Role  # noqa: E402
from counter_app.db import open_database, session_scope  # noqa: E402
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


def run(size: int) -> list[float]:
    path = copy_db(big_db(size), CACHE / "search")
    engine = open_database(path)
    actor = Actor("bench", Role.OFFICER, UNIT, 1)
    timings = []
    for q in queries(random.Random(1))[:10]:
        with session_scope(engine) as s:
            search.search(s, actor, q)  # warm the page cache
    for q in queries(random.Random(2)):
        started = time.perf_counter()
        with session_scope(engine) as s:  # as ui.ops.run_op does
            search.search(s, actor, q)
        timings.append((time.perf_counter() - started) * 1000)
    engine.dispose()
    return timings


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="10000,100000,1000000")
    args = parser.parse_args()
    print(machine())
    for size in (int(s) for s in args.sizes.split(",")):
        timings = run(size)
        print(f"search, {size:>9,} dossiers, {len(timings)} queries: {summary(timings)}")


if __name__ == "__main__":
    main()
