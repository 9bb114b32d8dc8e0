"""Memory: resident set size of the app idling at its main window (signed in) on the demo day and on
1,000,000 dossiers, beside a bare PySide6 window; a fresh process each, median of the runs.

    .venv/bin/python bench/memory_bench.py [--runs 3] [--idle 5] [--sizes demo,1000000]
"""

from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.common import big_db, demo_db, machine  # noqa: E402
from bench.start_bench import one, prepare_home  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--idle", type=float, default=5.0)
    parser.add_argument("--sizes", default="demo,1000000")
    args = parser.parse_args()
    print(machine())
    bare = [one(["bare"], None, args.idle)["rss_mb"] for _ in range(args.runs)]
    print(f"bare PySide6 window: {statistics.median(bare):.0f} MB")
    for size in args.sizes.split(","):
        home = prepare_home(demo_db() if size == "demo" else big_db(int(size)), size, False)
        values = [one([], home, args.idle)["rss_mb"] for _ in range(args.runs)]
        label = "demo day" if size == "demo" else f"{int(size):,} dossiers"
        print(f"{label}, idle at the main window after {args.idle:.0f} s: {statistics.median(values):.0f} MB")


if __name__ == "__main__":
    main()
