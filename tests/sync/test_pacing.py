"""The sync worker's pacer (sync/client/pacing.py): it gives way while the window's beat is late, not when the
beat is fresh or nobody beats, and never for longer than its cap. A clock the test moves stands in for time,
except in the last test, where a real thread waits for a real beat."""

from __future__ import annotations

import threading
import time

from sqlalchemy.engine import Engine

from counter_app import settings
from counter_app.db import session_scope
from sync.client import pacing
from sync.client.pacing import Pacer


class Clock:
    """Time that moves only when the pacer sleeps (or the test says so); `on_sleep` plays the window."""

    def __init__(self) -> None:
        self.now = 100.0
        self.slept: list[float] = []
        self.on_sleep: list[object] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds
        for hook in self.on_sleep:
            hook()  # type: ignore[operator]


def _pacer(clock: Clock) -> Pacer:
    return Pacer(late_s=0.015, cap_s=0.035, step_s=0.001, clock=clock, sleep=clock.sleep)


def test_no_beat_no_pacing() -> None:
    clock = Clock()
    pacer = _pacer(clock)
    for _ in range(5):
        pacer.checkpoint()
        clock.now += 1.0
    assert clock.slept == [] and pacer.waited_s == 0


def test_a_fresh_beat_lets_the_worker_go_on() -> None:
    clock = Clock()
    pacer = _pacer(clock)
    pacer.beat()
    clock.now += 0.010  # beats come every 10 ms
    pacer.checkpoint()
    assert clock.slept == []


def test_a_late_beat_makes_the_worker_wait_until_the_window_beats() -> None:
    clock = Clock()
    pacer = _pacer(clock)
    pacer.beat()
    clock.now += 0.020  # the window's thread has not had its turn for 20 ms
    steps_until_beat = 4

    def window() -> None:
        if len(clock.slept) == steps_until_beat:
            pacer.beat()  # the worker slept: the window ran and beat

    clock.on_sleep.append(window)
    pacer.checkpoint()
    assert clock.slept == [0.001] * steps_until_beat  # in small steps, and no longer than until the beat
    assert pacer.beats == 2
    pacer.checkpoint()  # the beat is fresh now
    assert len(clock.slept) == steps_until_beat


def test_the_worker_waits_at_most_the_cap_for_a_window_busy_with_its_own_work() -> None:
    clock = Clock()
    pacer = _pacer(clock)
    pacer.beat()
    beat_at = clock.now
    clock.now += 0.016
    pacer.checkpoint()  # no beat comes: it gives up at the cap past the beat's due time
    assert abs(clock.now - (beat_at + 0.015 + 0.035)) < 0.0015
    waited = len(clock.slept)
    for _ in range(10):  # and does not wait again for the same late beat
        clock.now += 0.005
        pacer.checkpoint()
    assert len(clock.slept) == waited
    pacer.beat()  # the window is back: the next late beat is waited for again
    clock.now += 0.020
    clock.on_sleep.append(pacer.beat)
    pacer.checkpoint()
    assert len(clock.slept) == waited + 1


def test_the_worker_asks_for_beats_once_and_the_window_stops_when_it_goes_quiet() -> None:
    clock = Clock()
    pacer = _pacer(clock)
    asked: list[float] = []
    pacer.on_demand = lambda: asked.append(clock.now)
    pacer.checkpoint()
    pacer.checkpoint()
    assert asked == [100.0]  # once, not at every checkpoint
    clock.now += 0.020  # the window has not started beating yet: the request counts as a beat, late now
    clock.on_sleep.append(lambda: pacer.beat() if len(clock.slept) == 2 else None)
    pacer.checkpoint()
    assert len(clock.slept) == 2 and pacer.beats == 1
    clock.on_sleep.clear()
    clock.now += 0.5
    assert pacer.beat()  # the worker checked in within the last second: beats still wanted
    clock.now += pacing.QUIET_S
    assert not pacer.beat()  # quiet for a second: the window may stop
    pacer.rest()
    clock.now += 5.0
    pacer.checkpoint()  # no beats while resting: no waiting, but a new request
    assert len(clock.slept) == 2 and len(asked) == 2


def test_a_window_gone_for_good_is_not_waited_for() -> None:
    clock = Clock()
    pacer = _pacer(clock)
    pacer.on_demand = lambda: None
    pacer.checkpoint()
    pacer.beat()
    pacer.on_demand = None  # the app quit (ui.heartbeat.Heartbeat.stop)
    pacer.rest()
    clock.now += 1.0
    pacer.checkpoint()
    assert clock.slept == []


def test_a_worker_thread_waits_for_the_beat_of_another_thread() -> None:
    """Real threads and real sleeps; a cap of a minute, so the worker can only go on by the window's beat."""
    sleeping = threading.Event()

    def sleep(seconds: float) -> None:
        sleeping.set()
        time.sleep(seconds)

    pacer = Pacer(late_s=0.001, cap_s=60.0, sleep=sleep)
    done = threading.Event()
    worker = threading.Thread(target=lambda: (pacing.install(pacer), pacing.checkpoint(), done.set()))
    pacer.beat()
    time.sleep(0.01)  # late now
    worker.start()
    assert sleeping.wait(30)  # the worker gives way...
    assert not done.is_set()
    pacer.beat()  # ...until the window's turn came
    assert done.wait(30)
    worker.join(30)
    assert pacer.waited_s > 0


def test_the_worker_does_not_wait_while_the_window_waits_for_its_write_lock(engine: Engine) -> None:
    """The window saving while the worker's write transaction is open cannot beat (it waits for the lock in
    SQLite): the worker stops waiting for it, finishes, and the save goes through. Real SQLite file; a cap of a
    minute and no beat, so only the waiting writer can end the worker's wait."""
    sleeping, saved = threading.Event(), threading.Event()

    def sleep(seconds: float) -> None:
        sleeping.set()
        time.sleep(seconds)

    pacer = Pacer(late_s=0.001, cap_s=60.0, sleep=sleep)

    def worker() -> None:
        pacing.install(pacer)
        with session_scope(engine) as s:
            settings.save(s, settings.load(s))  # the write lock taken
            pacing.checkpoint()

    def window() -> None:
        with session_scope(engine) as s:  # waits at BEGIN IMMEDIATE until the worker commits
            settings.save(s, settings.load(s))
        saved.set()

    pacer.beat()
    time.sleep(0.01)
    threads = [threading.Thread(target=worker)]
    threads[0].start()
    assert sleeping.wait(30)  # the worker waits for the late beat, holding the write lock
    threads.append(threading.Thread(target=window))
    threads[1].start()
    assert saved.wait(30)  # not a minute: the worker let go when the window came for the lock
    for thread in threads:
        thread.join(30)
    assert pacer.beats == 1 and pacer.waited_s < 30


def test_a_thread_without_a_pacer_never_waits() -> None:
    pacing.install(None)
    pacing.checkpoint()
    assert pacing.waited() == 0.0
