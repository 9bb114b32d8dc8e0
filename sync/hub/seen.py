"""When each device was last seen (the status page and `counter-hub devices`), noted in memory by the request
and written by the worker a few seconds later, many devices in one statement.

Writing it from the request cost a transaction of its own the first time a worker saw a device each minute:
after a hub restart or an outage, every PC of the city at once (in a reconnect storm of 1,000 PCs, an eighth
of the workers' CPU; docs/PERFORMANCE.md). A worker that dies loses at most the last `FLUSH_S` seconds of
"last seen", which says when a PC last reached the hub and decides nothing.
"""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime, timedelta

from sqlalchemy import bindparam, or_, update
from sqlalchemy.engine import Engine

from sync.hub.store import Device, per_engine

EVERY = timedelta(minutes=1)  # how stale a device's "last seen" may get before it is written again
FLUSH_S = 5.0  # how often a worker writes what its requests noted


class SeenBook:
    """Device id -> when a request of it came, not yet written; one per hub database in a worker."""

    def __init__(self) -> None:
        self._pending: dict[str, datetime] = {}
        self._noted: dict[str, float] = {}  # device id -> when it was last noted (monotonic)
        self._lock = threading.Lock()

    def note(self, device: Device) -> None:
        """A request of `device` came now: noted if it was not in the last minute (no I/O, no wait)."""
        moment = time.monotonic()
        last = self._noted.get(device.id)
        if last is not None and moment - last < EVERY.total_seconds():
            return
        with self._lock:
            self._noted[device.id] = moment
            self._pending[device.id] = datetime.now(UTC)

    def take(self) -> dict[str, datetime]:
        with self._lock:
            pending, self._pending = self._pending, {}
        return pending

    def put_back(self, pending: dict[str, datetime]) -> None:
        """A write that failed (the database away): written with the next one, unless newer news came."""
        with self._lock:
            for device_id, seen in pending.items():
                self._pending.setdefault(device_id, seen)


def seen_for(engine: Engine) -> SeenBook:
    return per_engine(engine, "seen", SeenBook)


_DEVICE = Device.__table__  # type: ignore[attr-defined]
# never moves "last seen" back (another worker may have written a later moment)
_WRITE = (
    update(_DEVICE)
    .where(_DEVICE.c.id == bindparam("device_id"))
    .where(or_(_DEVICE.c.last_seen_at.is_(None), _DEVICE.c.last_seen_at < bindparam("seen")))
    .values(last_seen_at=bindparam("seen"))
)


def flush(engine: Engine) -> int:
    """Write what the requests noted, in one transaction; how many devices. Run on a worker thread."""
    pending = seen_for(engine).take()
    if not pending:
        return 0
    rows = [{"device_id": device_id, "seen": seen} for device_id, seen in pending.items()]
    try:
        with engine.begin() as conn:
            conn.execute(_WRITE, rows)
    except Exception:
        seen_for(engine).put_back(pending)
        raise
    return len(rows)
