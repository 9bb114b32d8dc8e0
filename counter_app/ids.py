"""Record identifiers made on the device.

UUIDv7 is time-ordered (index-friendly, sorts by creation) and random enough that two
offline counters never collide, so records need no server round-trip to get an id.
"""

from __future__ import annotations

import uuid

import uuid6


def new_id() -> str:
    return str(uuid6.uuid7())


WARD_VALUE_NAMESPACE = uuid.UUID("a6f1c0de-2b5e-4c61-9d0a-7e3b51f0c011")


def ward_value_id(entity: str, unit_code: str, *key: str) -> str:
    """The one id of a ward's own value (a fee, a retention period): every counter of the ward that sets it
    updates the same record, so the ward holds one value, not one per PC."""
    return str(uuid.uuid5(WARD_VALUE_NAMESPACE, "|".join((entity, unit_code, *key))))
