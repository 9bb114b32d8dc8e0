"""`python -m reliability kill|network|storage|hypothesis|fuzz|all`: the harness on demand.

Prints each test's figures as JSON with the machine and the date, for docs/RELIABILITY.md."""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def _machine() -> str:
    cpu = (
        next(
            (
                line.split(":", 1)[1].strip()
                for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")
            ),
            platform.processor(),
        )
        if Path("/proc/cpuinfo").exists()
        else ""
    )
    return (
        f"{platform.system()} {platform.release()}, {os.cpu_count()} CPUs ({cpu}), Python {platform.python_version()}"
    )


def _figures(result: Any) -> dict[str, Any]:
    # asdict would rebuild a Counter from (key, count) pairs; plain dicts keep the tallies readable
    data = {
        f.name: dict(v) if isinstance(v, dict) else v
        for f in dataclasses.fields(result)
        for v in [getattr(result, f.name)]
    }
    data["ok"] = result.ok
    return data


def _pytest(paths: list[str], env: dict[str, str]) -> int:
    return subprocess.call(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--timeout=0", *paths],
        cwd=ROOT,
        env={**os.environ, **env},
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m reliability", description=__doc__)
    parser.add_argument("test", choices=["kill", "network", "storage", "hypothesis", "fuzz"])
    parser.add_argument("--size", type=int, help="kills, operations, rounds or examples (each has a default)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workdir", type=Path, help="keep the databases here (default: a temporary folder)")
    args = parser.parse_args(argv)
    if args.workdir and args.workdir.exists() and any(args.workdir.iterdir()):
        parser.error(f"{args.workdir} is not empty: a run starts from fresh databases")
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix=f"ward-{args.test}-"))
    workdir.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    report: dict[str, Any] = {"test": args.test, "machine": _machine(), "date": datetime.now(UTC).isoformat()}
    if args.test == "kill":
        from reliability import kill

        report["figures"] = _figures(kill.run(args.size or 300, workdir, args.seed))
    elif args.test == "network":
        from reliability import network

        report["figures"] = _figures(network.run(args.size or 3000, workdir, args.seed))
    elif args.test == "storage":
        from reliability import storage

        report["figures"] = _figures(storage.run(args.size or 200, workdir, args.seed))
    else:
        tally = workdir / "fuzz.json"
        env = {
            "WARD_HYPOTHESIS_PROFILE": "long",
            "WARD_HYPOTHESIS_EXAMPLES": str(args.size or 400),
            "WARD_FUZZ_REPORT": str(tally),
        }
        paths = (
            ["tests/reliability/test_api_fuzz.py"]
            if args.test == "fuzz"
            else ["tests/reliability/test_sync_model.py", "tests/reliability/test_input_fuzz.py"]
        )
        code = _pytest(paths, env)
        report["figures"] = {
            "pytest_exit": code,
            "ok": code == 0,
            **(json.loads(tally.read_text()) if tally.exists() else {}),
        }
    report["seconds"] = round(time.monotonic() - started, 1)
    print(json.dumps(report, ensure_ascii=False, indent=2))
    return 0 if report["figures"]["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
