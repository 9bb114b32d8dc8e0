"""The push route's fast lane: a batch read by pydantic-core's JSON parser (the one `PushRequest` uses)
and checked by hand, without building and validating a model per operation (about half of a push's
time at the hub). The hand check accepts a subset of what `PushRequest` accepts: whatever it is not sure
of (bad input, or input it does not know to be good) goes to the route's full validation, so a refused
request gets the same answer as before and the OpenAPI document stays the whole truth.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any, NamedTuple, TypeGuard

from pydantic_core import from_json

from sync.protocol import DOSSIER_STATES, MAX_PUSH, check_json_value, has_surrogate

_KINDS = frozenset({"upsert", "insert", "delete"})
# RFC 3339 as pydantic reads it; the calendar itself is checked by datetime.fromisoformat
_MOMENT = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?(Z|[+-]\d{2}:\d{2})?")


class FastOp(NamedTuple):
    """An operation that passed the hand check: what the hub reads of it (service.PushedOp)."""

    op_id: str
    entity: str
    entity_id: str
    op: str
    payload: dict[str, Any]
    origin_device: str | None


def decode_push(body: bytes) -> list[FastOp] | None:
    """The operations of a push body, or None when the full validation must decide."""
    try:
        data = from_json(body, cache_strings="keys")  # values are ids and times, rarely repeated: half the time
    except ValueError:
        return None
    if type(data) is not dict:
        return None
    raw_ops = data.get("ops")
    if type(raw_ops) is not list or len(raw_ops) > MAX_PUSH:
        return None
    ops: list[FastOp] = []
    for raw in raw_ops:
        op = _operation(raw)
        if op is None:
            return None
        ops.append(op)
    return ops


def _operation(raw: Any) -> FastOp | None:
    if type(raw) is not dict:
        return None
    op_id, entity, entity_id = raw.get("op_id"), raw.get("entity"), raw.get("entity_id")
    kind, payload, created, origin = raw.get("op"), raw.get("payload"), raw.get("created_at"), raw.get("origin_device")
    if not (_name(op_id, 64) and _name(entity, 40) and _name(entity_id, 64)):
        return None
    if type(kind) is not str or kind not in _KINDS or type(payload) is not dict or not _moment(created):
        return None
    if origin is not None and not _name(origin, 64):
        return None
    if not _storable(payload):
        return None
    status = payload.get("status")
    if entity == "dossier" and status is not None and (type(status) is not int or status not in DOSSIER_STATES):
        return None
    return FastOp(op_id, entity, entity_id, kind, payload, origin)


def _name(value: Any, longest: int) -> TypeGuard[str]:
    """An id or name: text of 1 to `longest` characters, no NUL, no lone surrogate (protocol.NO_CONTROL)."""
    return (
        type(value) is str
        and 0 < len(value) <= longest
        and "\x00" not in value
        and (value.isascii() or not has_surrogate(value))
    )


def _moment(value: Any) -> bool:
    if type(value) is not str or not _MOMENT.fullmatch(value):
        return False
    try:
        datetime.fromisoformat(value)
    except ValueError:
        return False
    return True


def _storable(payload: dict[str, Any]) -> bool:
    """The payload's own check; `from_json` is the parser pydantic validates with (integers beyond 64 bits
    stay integers and are refused here, as there)."""
    try:
        check_json_value(payload)
    except ValueError:
        return False
    return True
