"""Where a search's time goes at 1,000,000 dossiers, query by query, in one run (so a busy machine slows all alike):
the name query with a half-typed word as FTS5's prefix beside the same word spelled out as the whole words it can
be (`counter_app.search._prefix`), and, for the whole search as the UI runs it, the query alone beside the audit
entry written and committed with it.

    .venv/bin/python bench/search_parts.py [--dossiers 1000000] [--rounds 5]

Each query runs `--rounds` times each way, alternating; a query's figure is its median.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.common import CACHE, UNIT, big_db, copy_db, machine, pct  # noqa: E402
from bench.search_bench import queries  # noqa: E402
from counter_app import search  # noqa: E402
from counter_app.access import Actor, Role  # noqa: E402
from counter_app.db import open_database, read_scope, session_scope  # noqa: E402


def _line(label: str, values: list[float]) -> str:
    return f"{label}: p50 {statistics.median(values):.2f} ms, p95 {pct(values, 95):.2f} ms, max {max(values):.2f} ms"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--dossiers", type=int, default=1_000_000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    engine = open_database(copy_db(big_db(args.dossiers), CACHE / "search-parts"))
    actor = Actor("bench", Role.OFFICER, UNIT, 1)
    spelled_out = search._prefix
    ways: dict[str, Callable[..., str | None]] = {"prefix": lambda _run, w: f'"{w}"*', "spelled out": spelled_out}
    timed: dict[str, dict[str, list[float]]] = {"prefix": {}, "spelled out": {}, "with audit + commit": {}}
    print(machine())
    for _ in range(args.rounds):
        for q in queries(random.Random(2)):
            for way, fn in ways.items():
                search._prefix = fn  # type: ignore[assignment]
                with read_scope(engine) as s:
                    started = time.perf_counter()
                    search._search(s, actor, q, 30)
                    timed[way].setdefault(q, []).append((time.perf_counter() - started) * 1000)
            started = time.perf_counter()
            with session_scope(engine) as s:
                search.search(s, actor, q)
            timed["with audit + commit"].setdefault(q, []).append((time.perf_counter() - started) * 1000)
    search._prefix = spelled_out  # type: ignore[assignment]
    engine.dispose()
    for way, per_query in timed.items():
        print(
            _line(
                f"{args.dossiers:,} dossiers, {len(per_query)} queries, {way}",
                [statistics.median(v) for v in per_query.values()],
            )
        )
    slowest = sorted(timed["prefix"], key=lambda q: -statistics.median(timed["prefix"][q]))[:6]
    for q in slowest:
        before, after = (statistics.median(timed[w][q]) for w in ("prefix", "spelled out"))
        typed = "with accents" if q != search.fold(q) else "folded"
        print(f"    slowest as prefix: {len(q.split())} words {typed}: {before:.2f} -> {after:.2f} ms")


if __name__ == "__main__":
    main()
