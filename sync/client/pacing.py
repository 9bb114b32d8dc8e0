"""The sync worker giving way to the window's thread.

The sync engine's database worker runs Python between its SQLite calls (checking and applying pulled changes,
writing push bodies). The window's thread needs the same interpreter lock for every Qt event that reaches Python,
and it gets it only when the worker lets go: in CPython that is after the 5 ms switch interval, once per event,
and each SQLite call that lets go and at once takes it back restarts that wait. So while a chunk of changes was
applied the window stood still for the whole chunk (bench/ui_stall_bench.py: 30-130 ms).

The window beats a heartbeat (ui/heartbeat.py, a timer of 10 ms) into a `Pacer`; at checkpoints between changes
the worker looks at it, and while the beat is late it sleeps in 1 ms steps, which leaves the interpreter lock to
the window's thread until the beat comes. It waits at most `cap_s` past a late beat in all: when the window is
busy with long work of its own the sync goes on regardless; and not at all while another thread waits for the
database's write lock the worker holds. No pacer (headless, tests, the hub) is no pacing.

The heartbeat runs only while the worker works: the first checkpoint after a quiet spell asks for it
(`on_demand`, called on the worker's thread), and the window stops beating when no checkpoint came for a second.
No Qt here: the window's side is ui/heartbeat.py.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from counter_app.db import writer_waiting

LATE_S = 0.015  # a beat older than this is late: the window's thread is waiting (beats come every 10 ms)
CAP_S = 0.035  # the longest the worker waits for one late beat
STEP_S = 0.001
QUIET_S = 1.0  # no checkpoint for this long: the window may stop beating

_here = threading.local()  # the pacer of the worker thread this runs on (set by `install`)


class Pacer:
    def __init__(
        self,
        late_s: float = LATE_S,
        cap_s: float = CAP_S,
        step_s: float = STEP_S,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.late_s, self.cap_s, self.step_s = late_s, cap_s, step_s
        self._clock, self._sleep = clock, sleep
        self._beat: float | None = None  # the last beat (or request for beats); None: nobody beats
        self._beating = False  # the window's heartbeat runs
        self._asked = False  # beats were asked for and have not started yet
        self._checked = -float("inf")  # the last checkpoint
        self.on_demand: Callable[[], None] | None = None  # asks the window to beat; from the worker's thread
        self.beats = 0  # for the record (bench/ui_stall_bench.py)
        self.waited_s = 0.0  # in all, for the record

    # -- the window's side ---------------------------------------------------------------------------
    def beat(self) -> bool:
        """The window's thread is free. Returns whether the worker still wants beats (it checked in lately)."""
        now = self._clock()
        self._beat, self._beating, self._asked = now, True, False
        self.beats += 1
        return now - self._checked < QUIET_S

    def rest(self) -> None:
        """The window stopped beating (the worker went quiet, or the window closed): no pacing until asked."""
        self._beating, self._asked, self._beat = False, False, None

    # -- the worker's side ---------------------------------------------------------------------------
    def checkpoint(self) -> None:
        """Between two pieces of the worker's work: while the window's beat is late, sleep (letting the lock
        go), for at most `cap_s` past the beat's due time."""
        now = self._checked = self._clock()
        ask = self.on_demand
        if ask is not None and not self._beating and not self._asked:
            self._asked, self._beat = True, now  # counted as a beat: the window has `late_s` to start beating
            ask()
            return
        beat = self._beat
        if beat is None or now - beat <= self.late_s:
            return
        until = beat + self.late_s + self.cap_s
        began = now
        # A thread waiting for the write lock this worker holds (the window saving, say) cannot beat:
        # waiting for it would only keep it waiting longer.
        while now < until and self._beat == beat and not writer_waiting():
            self._sleep(self.step_s)
            now = self._clock()
        self.waited_s += now - began


def install(pacer: Pacer | None) -> None:
    """Make `pacer` the one `checkpoint()` consults on the calling thread (a worker thread's initializer)."""
    _here.pacer = pacer


def checkpoint() -> None:
    """Give way to the window if the running thread's pacer says it waits; nothing without one."""
    pacer: Pacer | None = getattr(_here, "pacer", None)
    if pacer is not None:
        pacer.checkpoint()


def waited() -> float:
    """How long the running thread's pacer has waited in all (0 without one)."""
    pacer: Pacer | None = getattr(_here, "pacer", None)
    return pacer.waited_s if pacer is not None else 0.0
