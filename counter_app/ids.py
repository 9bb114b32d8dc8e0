"""Record identifiers made on the device.

UUIDv7 is time-ordered (index-friendly, sorts by creation) and random enough that two
offline counters never collide, so records need no server round-trip to get an id.
"""

from __future__ import annotations

import uuid6


def new_id() -> str:
    return str(uuid6.uuid7())
