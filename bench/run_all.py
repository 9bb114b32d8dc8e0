"""Run every benchmark in turn (each also runs alone): `.venv/bin/python bench/run_all.py [--quick]`.

Not part of the test suite. `--quick` uses smaller sizes to check that everything still runs.
PostgreSQL comes from scripts/test-postgres on WARD_TEST_PG_PORT (default 55432).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
FULL = [
    ["start_bench.py"],
    ["start_bench.py", "--first-of-day", "--sizes", "1000000", "--runs", "7"],
    ["start_parts.py"],
    ["core_bench.py"],
    ["search_bench.py"],
    ["hub_push_bench.py"],
    ["ui_stall_bench.py"],
    ["hub_load.py"],
    ["hub_load.py", "--model", "day", "--devices", "1000"],
    ["memory_bench.py"],
]
QUICK = [
    ["start_bench.py", "--runs", "1", "--sizes", "demo"],
    ["core_bench.py", "--n", "20"],
    ["search_bench.py", "--sizes", "10000"],
    ["hub_push_bench.py", "--ops", "2000"],
    ["ui_stall_bench.py", "--ops", "1000", "--runs", "1"],
    ["hub_load.py", "--devices", "20", "--ramp", "1"],
    ["memory_bench.py", "--runs", "1", "--idle", "1", "--sizes", "demo"],
]


def main() -> int:
    failed = 0
    for args in QUICK if "--quick" in sys.argv else FULL:
        print(f"\n$ bench/{' '.join(args)}", flush=True)
        failed += subprocess.run([sys.executable, str(HERE / args[0]), *args[1:]]).returncode != 0
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
