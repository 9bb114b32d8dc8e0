"""Code that runs on the app's qasync loop never hands work to the loop's default executor: under qasync that
is a pool of QThreads, and a QThread still running when the process exits aborts it ("QThread: Destroyed while
thread is still running", exit code 134): at the officer's PC a crash report on every close."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ON_THE_LOOP = ("sync/client", "ui")  # the hub runs under uvicorn's own loop, where the default executor is fine
DEFAULT_EXECUTOR = re.compile(r"run_in_executor\(\s*None|asyncio\.to_thread|to_thread\.run_sync")


def test_no_default_executor_on_the_apps_loop() -> None:
    found = [
        f"{path.relative_to(ROOT)}:{n}"
        for folder in ON_THE_LOOP
        for path in sorted((ROOT / folder).rglob("*.py"))
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if DEFAULT_EXECUTOR.search(line)
    ]
    assert found == []
