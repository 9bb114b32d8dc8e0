"""How widely PCs spread their return after the hub was away (`/v1/health`'s `return_spread_s`).

Every PC probes the hub every few seconds while it is away and used to sync the moment it answered, so after an
outage the whole city came back within those seconds, each PC with its backlog: on 2 cores, 1,000 PCs within
5 s waited 3–8 s for their pushes at p99, while the same pushes spread over 30 s were served in about 0.1 s
(docs/PERFORMANCE.md, "The return after an outage"). The hub knows how many PCs it serves, so it tells them
how widely to spread: `SPREAD_PER_DEVICE_S` for each enrolled device, within `MAX_RETURN_SPREAD_S`. A ward
hub's few PCs come back within a fraction of a second; a city hub's thousand within half a minute.
"""

from __future__ import annotations

import os
import time

from sqlalchemy.engine import Engine

from sync.hub.store import per_engine, read_rows
from sync.protocol import MAX_RETURN_SPREAD_S

PER_DEVICE_ENV = "WARD_HUB_SPREAD_PER_DEVICE_S"
# the 1,000-PC storm on 2 cores took some 10 ms of the hub per PC's return (a push of 50, its pulls and the
# long polls it wakes): three times that keeps the hub about a third busy while a city comes back
SPREAD_PER_DEVICE_S = 0.03
COUNT_EVERY_S = 60.0  # enrolments change slowly; probes during an outage come every few seconds from every PC
_ACTIVE_DEVICES = "SELECT count(*) FROM hub_device WHERE revoked_at IS NULL"


class _Count:
    """The enrolled devices a worker last counted, and until when that count stands (monotonic)."""

    def __init__(self) -> None:
        self.devices, self.until = 0.0, float("-inf")


def per_device_s() -> float:
    """IT staff may tune it for a larger hub (docs/hub.md); a value that is not a number is ignored."""
    try:
        value = float(os.environ.get(PER_DEVICE_ENV, SPREAD_PER_DEVICE_S))
    except ValueError:
        return SPREAD_PER_DEVICE_S
    return value if 0 <= value < float("inf") else SPREAD_PER_DEVICE_S


def return_spread(engine: Engine) -> float:
    """Seconds over which this hub's PCs should spread their return; the device count is read at most once
    a minute per worker."""
    moment, kept = time.monotonic(), per_engine(engine, "device_count", _Count)
    if kept.until < moment:
        (count,) = read_rows(engine, _ACTIVE_DEVICES, ())[0]
        kept.devices, kept.until = float(count), moment + COUNT_EVERY_S
    return round(min(MAX_RETURN_SPREAD_S, kept.devices * per_device_s()), 3)
