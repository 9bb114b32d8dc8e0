"""The longest stall of the UI event loop while the real main window's PC syncs 10,000 operations with
a hub on 127.0.0.1, on the app's qasync loop; a 5 ms QTimer measures the gaps. Floor: the same window idle.

    .venv/bin/python bench/ui_stall_bench.py [--ops 10000] [--runs 3]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.common import CACHE, demo_db, machine  # noqa: E402
from bench.hubkit import HubProcess, enroll_tokens, fresh_database, pc_with_outbox  # noqa: E402


class GapMeter:
    def __init__(self) -> None:
        from PySide6.QtCore import QTimer

        self.gaps: list[float] = []
        self.last = time.perf_counter()
        self.timer = QTimer(interval=5)
        self.timer.timeout.connect(self.tick)

    def tick(self) -> None:
        now = time.perf_counter()
        self.gaps.append((now - self.last) * 1000)
        self.last = now

    def start(self) -> None:
        self.gaps.clear()
        self.last = time.perf_counter()
        self.timer.start()

    def stop(self) -> float:
        self.timer.stop()
        return max(self.gaps) if self.gaps else 0.0


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--ops", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--unpaced", action="store_true", help="without the app's heartbeat (as before it had one)")
    args = parser.parse_args()
    import qasync
    from PySide6.QtWidgets import QApplication

    from counter_app import settings, staff
    from counter_app.config import Paths
    from counter_app.db import open_database, session_scope
    from sync.client.engine import SyncEngine
    from ui import heap
    from ui.context import AppContext
    from ui.heartbeat import Heartbeat
    from ui.main_window import MainWindow
    from ui.pulled_news import PulledNews

    app = QApplication([])
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    print(machine())
    idle, busy, durations = [], [], []  # durations: the whole sync (push, pull, count check)
    for run in range(args.runs):
        url = fresh_database("sqlite", f"stall{run}")
        [token] = enroll_tokens(url, 1)
        hub = HubProcess(url)
        folder = CACHE / "stall" / f"pc{run}"
        db = pc_with_outbox(folder, args.ops, demo_db())
        engine = open_database(db)
        with session_scope(engine) as s:
            device = settings.load(s)
        device.primary_hub = hub.base
        actor = staff.sign_in(engine, "admin", "Demo-quantri-1", device.counter_no)
        ctx = AppContext(engine, Paths(folder), device, actor)
        window = MainWindow(ctx)
        window.show()
        heap.settle()  # as ui.app does once the main window shows
        sync = SyncEngine(  # wired as ui/app.py wires it: status to the window, pulled news to the open lists
            engine,
            [hub.base],
            lambda _u, t=token: t,
            device.unit_code,
            on_status=ctx.bus.sync_status.emit,
            on_pulled=PulledNews(ctx.bus),
            pacer=None if args.unpaced else Heartbeat.for_app(app).pacer,
        )
        meter = GapMeter()

        async def measure(meter: GapMeter = meter, sync: SyncEngine = sync) -> tuple[float, float, float]:
            meter.start()
            await asyncio.sleep(2)
            quiet = meter.stop()
            meter.start()
            began = time.perf_counter()
            report = await sync.sync_once()
            took = time.perf_counter() - began
            assert report.pushed >= args.ops, report  # plus the demo day's own outbox
            return quiet, meter.stop(), took

        quiet, worst, took = loop.run_until_complete(measure())
        idle.append(quiet)
        busy.append(worst)
        durations.append(took)
        window.close()
        window.deleteLater()
        engine.dispose()
        hub.stop()
    print(f"idle window (floor): longest stall median {statistics.median(idle):.0f} ms, max {max(idle):.0f} ms")
    print(
        f"syncing {args.ops:,} ops: longest stall median {statistics.median(busy):.0f} ms, max {max(busy):.0f} ms"
        f" ({args.runs} runs)"
    )
    took = statistics.median(durations)
    print(f"the sync itself: median {took:.2f} s ({args.ops / took:,.0f} ops/s), max {max(durations):.2f} s")
    sys.stdout.flush()
    os._exit(0)  # measured; skip Qt's teardown of the windows and loop


if __name__ == "__main__":
    main()
