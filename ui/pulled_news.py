"""Telling the windows that pulled changes arrived, without flooding them.

A live sync brings one page now and then: the windows hear of it at once. A history pull (a new or restored
PC) brings a page every few milliseconds; each open list would re-read the database on the UI thread for
every one of them. So the news goes out at once when none went out for a while, and otherwise at most once
per interval, with every entity the pages touched meanwhile.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QObject, QTimer

from ui.context import Bus

INTERVAL_MS = 500


class PulledNews(QObject):
    def __init__(self, bus: Bus, interval_ms: int = INTERVAL_MS) -> None:
        super().__init__()
        self.bus, self.interval_ms = bus, interval_ms
        self._waiting: set[str] = set()
        self._last = -float("inf")  # when news last went out (monotonic seconds)
        self._later = QTimer(self, singleShot=True)
        self._later.timeout.connect(self.flush)

    def __call__(self, entities: set[str]) -> None:
        """The engine's `on_pulled`: called on the UI thread (the engine runs on the app's qasync loop)."""
        self._waiting |= entities
        if self._later.isActive():
            return
        since_ms = (time.monotonic() - self._last) * 1000
        if since_ms >= self.interval_ms:
            self.flush()
        else:
            self._later.start(int(self.interval_ms - since_ms))

    def flush(self) -> None:
        self._later.stop()
        self._last = time.monotonic()
        entities, self._waiting = sorted(self._waiting), set()
        for entity in entities:
            self.bus.data_changed.emit(entity)
