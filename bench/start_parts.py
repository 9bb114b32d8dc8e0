"""The parts of a start on a big ward, each beside what it replaced, timed in the same run (so a busy
machine slows both alike): the quick check beside SQLite's full integrity check, and the dossier list's
first page through its index beside the plan it had before (the ward index, then a sort of every row).

    .venv/bin/python bench/start_parts.py [--dossiers 1000000] [--runs 3]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.common import CACHE, UNIT, big_db, copy_db, machine  # noqa: E402
from counter_app import db  # noqa: E402

PAGE = (
    "SELECT d.id, c.full_name FROM dossier d {hint} JOIN citizen c ON c.id = d.citizen_id"
    " WHERE d.unit_code = ? ORDER BY d.received_at DESC, d.id DESC LIMIT 100"
)


def ms(fn: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--dossiers", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    path = copy_db(big_db(args.dossiers), CACHE / "parts")
    print(machine())
    print(
        f"{args.dossiers:,} dossiers: quick check {ms(lambda: db.quick_check(path), args.runs):.1f} ms"
        f" | full integrity check {ms(lambda: db.check_integrity(path), args.runs):.0f} ms"
    )
    with closing(db.raw_connect(path)) as conn:
        now = ms(lambda: conn.execute(PAGE.format(hint=""), (UNIT,)).fetchall(), args.runs)
        forced = PAGE.format(hint="INDEXED BY ix_dossier_unit_code")
        old = ms(lambda: conn.execute(forced, (UNIT,)).fetchall(), args.runs)
    print(f"dossier list, first page: through its index {now:.1f} ms | as before (ward index, sort) {old:.0f} ms")


if __name__ == "__main__":
    main()
