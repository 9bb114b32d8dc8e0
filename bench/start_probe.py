"""Run in a child process by start_bench.py: the real app start (ui.app.run) with timestamps.

Prints one JSON line: seconds since BENCH_T0 (the parent's clock just before it started this process)
when the sign-in dialog shows, when "Đăng nhập" is pressed (at once, by the probe), when sign-in is accepted
(after the wait for the rest of the app to load and the password check), when the main window shows and when the event
loop first turns after that (interactive), plus the RSS after idling. `bare` mode shows a plain window.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

T0 = float(os.environ["BENCH_T0"])
MARKS: dict[str, float] = {}


def mark(name: str) -> None:
    MARKS.setdefault(name, time.time() - T0)


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def finish(idle_s: float) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    def done() -> None:
        import gc

        gc.collect()
        print(json.dumps({**MARKS, "rss_mb": rss_mb()}), flush=True)
        os._exit(0)  # the measurement is over; skip teardown

    QTimer.singleShot(int(idle_s * 1000), done)
    assert QApplication.instance() is not None


def bare() -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QLabel

    app = QApplication(sys.argv)
    label = QLabel("Ward Counter")
    label.show()
    mark("main_shown")
    QTimer.singleShot(0, lambda: mark("interactive"))
    finish(float(os.environ.get("BENCH_IDLE", "1")))
    app.exec()


def app() -> None:
    from PySide6.QtCore import QTimer

    import ui.app
    from ui.sign_in import SignInDialog
    from ui.window_flow import WindowFlow  # not ui.main_window: the app loads that itself, when it needs it

    user, password = os.environ.get("BENCH_USER", "admin"), os.environ.get("BENCH_PASSWORD", "Demo-quantri-1")

    class ProbeSignIn(SignInDialog):
        def showEvent(self, event):  # type: ignore[no-untyped-def]  # noqa: N802
            super().showEvent(event)
            mark("signin_shown")
            self.username.setText(user)
            self.password.setText(password)
            QTimer.singleShot(0, self.attempt)  # pressed at once: the strictest case (a person types first)

        def attempt(self) -> None:
            mark("pressed")
            super().attempt()

        def accept(self) -> None:
            mark("signed_in")
            super().accept()

    original = WindowFlow.open_main

    def shown(self, *args):  # type: ignore[no-untyped-def]
        opened = original(self, *args)  # the main window is built and shown (offscreen: at once) in there
        if opened:
            mark("main_shown")
            QTimer.singleShot(0, lambda: mark("interactive"))
            finish(float(os.environ.get("BENCH_IDLE", "1")))
        return opened

    WindowFlow.open_main = shown  # type: ignore[method-assign]
    ui.app.SignInDialog = ProbeSignIn  # type: ignore[misc]
    ui.app.run([sys.argv[0]])


if __name__ == "__main__":
    bare() if sys.argv[1:] == ["bare"] else app()
