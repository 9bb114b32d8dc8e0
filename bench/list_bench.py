"""How long the dossier list takes to show a page when the officer ticks a filter (target: under 200 ms),
on the demo day: `.venv/bin/python bench/list_bench.py [--db /tmp/demo/counter.sqlite3]` (offscreen Qt).

Times the real widget, from the tick to the filled table: the query and the filling of 100 rows.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication  # noqa: E402 (after the platform is chosen)

from counter_app import demo, settings, staff  # noqa: E402
from counter_app.config import default_paths  # noqa: E402
from counter_app.db import make_engine, session_scope  # noqa: E402
from ui.context import AppContext  # noqa: E402
from ui.dossiers.list_page import DossierListPage  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", type=Path)
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()
    app = QApplication(sys.argv)
    db = args.db or Path(tempfile.mkdtemp()) / "counter.sqlite3"
    if not db.exists():
        demo.fill(db)
    engine = make_engine(db)
    officer = staff.sign_in(engine, "canbo1", demo.PASSWORDS["canbo1"], 1)
    with session_scope(engine) as s:
        device = settings.load(s)
    page = DossierListPage(AppContext(engine, default_paths().ensure(), device, officer))
    page.resize(1300, 700)
    page.show()
    app.processEvents()
    times = {"quá hạn": [], "bỏ lọc": []}
    for _ in range(args.rounds):
        for box, key in ((True, "quá hạn"), (False, "bỏ lọc")):
            start = time.perf_counter()
            page.overdue.setChecked(box)
            app.processEvents()
            times[key].append((time.perf_counter() - start) * 1000)
    print(f"{platform.processor() or platform.machine()}, Python {platform.python_version()}, {page.total} rows")
    for key, values in times.items():
        print(f"{key}: p50 {statistics.median(values):.1f} ms, max {max(values):.1f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
