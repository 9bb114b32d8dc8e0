"""The window's heartbeat for the sync worker's pacer (sync/client/pacing.py): while the worker works, a 10 ms
timer on the UI thread tells the pacer the window's thread got its turn; when a beat is late the worker sleeps
a moment so the window can run. The timer runs only while the worker asks for beats (none when idle) and stops
for good when the app quits."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer, Signal

from sync.client.pacing import Pacer

INTERVAL_MS = 10


class Heartbeat(QObject):
    _asked = Signal()  # emitted on the sync worker's thread, delivered on the UI thread

    @classmethod
    def for_app(cls, app: QCoreApplication) -> Heartbeat:
        """The app's heartbeat, for the sync engine it runs (ui/app.py; the benchmark wires it the same way):
        it lives as long as the app and stops for good when the app quits."""
        heartbeat = cls(Pacer(), app)
        app.aboutToQuit.connect(heartbeat.stop)
        return heartbeat

    def __init__(self, pacer: Pacer, parent: QObject | None = None, interval_ms: int = INTERVAL_MS) -> None:
        super().__init__(parent)
        self.pacer = pacer
        self.timer = QTimer(self, interval=interval_ms, timerType=Qt.TimerType.PreciseTimer)
        self.timer.timeout.connect(self._beat)
        self._asked.connect(self._start, Qt.ConnectionType.QueuedConnection)
        pacer.on_demand = self._asked.emit

    def _start(self) -> None:
        if self.pacer.on_demand is not None and not self.timer.isActive():
            self.pacer.beat()
            self.timer.start()

    def _beat(self) -> None:
        if not self.pacer.beat():  # the worker went quiet
            self.timer.stop()
            self.pacer.rest()

    @property
    def beating(self) -> bool:
        return self.timer.isActive()

    def stop(self) -> None:
        """For good (the app quits): the worker no longer asks, and does not wait for beats."""
        self.pacer.on_demand = None
        self.timer.stop()
        self.pacer.rest()
