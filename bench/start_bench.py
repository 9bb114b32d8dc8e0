"""Start time: process start to the sign-in dialog, and sign-in to an interactive main window.

    .venv/bin/python bench/start_bench.py [--runs 7] [--sizes demo,1000000]

Offscreen, one fresh process per run, median of the runs, beside a bare PySide6 window started the
same way. `--first-of-day` makes each run the first start of a day (no backup yet today).

Python's compiled bytecode (`__pycache__`) is used as on an installed PC, where the packaged build ships it
and a source install writes it at its first start: the child runs without PYTHONDONTWRITEBYTECODE (which
this sandbox sets) after one unmeasured warm-up start. `--no-bytecode` compiles every module from source at
every start instead, as the figures before 2026-11-25 02:40 UTC did.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.common import CACHE, big_db, copy_db, demo_db, machine  # noqa: E402

PROBE = Path(__file__).with_name("start_probe.py")
ROOT = Path(__file__).resolve().parent.parent


BYTECODE = True  # --no-bytecode turns it off


def one(args: list[str], home: Path | None, idle: float = 1.0) -> dict[str, float]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "BENCH_IDLE": str(idle), "PYTHONPATH": str(ROOT)}
    if BYTECODE:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
    else:
        env["PYTHONDONTWRITEBYTECODE"] = "1"
        env["PYTHONPYCACHEPREFIX"] = str(CACHE / "no-pycache")  # nothing compiled earlier is found
    if home:
        env["WARD_COUNTER_HOME"] = str(home)
    env["BENCH_T0"] = repr(time.time())
    out = subprocess.run([sys.executable, str(PROBE), *args], env=env, capture_output=True, text=True, timeout=300)
    lines = [ln for ln in out.stdout.splitlines() if ln.startswith("{")]
    if not lines:
        raise RuntimeError(f"probe failed: {out.stderr[-2000:]}")
    result: dict[str, float] = json.loads(lines[-1])
    return result


def prepare_home(source: Path, name: str, first_of_day: bool) -> Path:
    home = CACHE / "start" / name
    if not (home / "counter.sqlite3").exists():
        copy_db(source, home)
    if first_of_day:
        shutil.rmtree(home / "backups", ignore_errors=True)
    return home


def report(label: str, runs: list[dict[str, float]]) -> None:
    def med(key: str, minus: str | None = None) -> str:
        values = [r[key] - (r[minus] if minus else 0.0) for r in runs if key in r and (minus is None or minus in r)]
        return f"{statistics.median(values) * 1000:.0f} ms" if values else "-"

    print(
        f"{label}: to sign-in {med('signin_shown')}; sign-in pressed to interactive {med('interactive', 'pressed')}"
        f" (of which waiting + password check {med('signed_in', 'pressed')});"
        f" accepted to main shown {med('main_shown', 'signed_in')}, to interactive {med('interactive', 'signed_in')};"
        f" whole start {med('interactive')};"
        f" RSS {statistics.median(r['rss_mb'] for r in runs):.0f} MB  (median of {len(runs)})"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--sizes", default="demo,1000000")
    parser.add_argument("--first-of-day", action="store_true")
    parser.add_argument("--no-bytecode", action="store_true")
    args = parser.parse_args()
    global BYTECODE
    BYTECODE = not args.no_bytecode
    print(machine(), "" if BYTECODE else "(no bytecode: every module compiled at every start)")
    one(["bare"], None, 0.1)  # warm-up, unmeasured: writes the bytecode the runs then use
    report("bare PySide6 window", [one(["bare"], None) for _ in range(args.runs)])
    for size in args.sizes.split(","):
        source = demo_db() if size == "demo" else big_db(int(size))
        home = prepare_home(source, size, args.first_of_day)
        one([], home, 0.1)  # warm-up, unmeasured
        runs = []
        for _ in range(args.runs):
            if args.first_of_day:
                shutil.rmtree(home / "backups", ignore_errors=True)
            runs.append(one([], home))
        label = "demo day" if size == "demo" else f"{int(size):,} dossiers"
        report(label + (" (first start of the day)" if args.first_of_day else ""), runs)


if __name__ == "__main__":
    main()
