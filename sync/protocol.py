"""Wire schemas shared by the client engine and the hub.

Every request carries `X-Ward-Protocol`; the hub serves the current version and the one before it (a city
rolls a new version out PC by PC) and answers 426 to any other. Version 2 adds the live wait, queue claims
and the snapshot a joining PC starts from; version 1 PCs keep pushing and pulling as before.
Payloads are the row dicts the outbox wrote (`model_dump(mode="json")` of a counter_app.models row).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, Field

PROTOCOL_VERSION = 2
SUPPORTED_VERSIONS = frozenset({1, 2})
PROTOCOL_HEADER = "X-Ward-Protocol"
MAX_BATCH = 500
MAX_PAGE = 1000

OpKind = Literal["upsert", "insert", "delete"]
OpStatus = Literal["applied", "duplicate", "rejected"]


class Operation(BaseModel):
    op_id: str = Field(min_length=1, max_length=64)
    entity: str = Field(min_length=1, max_length=40)
    entity_id: str = Field(min_length=1, max_length=64)
    op: OpKind
    payload: dict[str, Any]
    created_at: datetime
    origin_device: str | None = None  # set only by a hub relaying another hub's operations


class PushRequest(BaseModel):
    ops: list[Operation] = Field(max_length=MAX_BATCH)


class OpResult(BaseModel):
    op_id: str
    status: OpStatus
    reason: str | None = None


class PushResponse(BaseModel):
    results: list[OpResult]


class Change(BaseModel):
    seq: int
    op_id: str
    entity: str
    entity_id: str
    op: OpKind
    payload: dict[str, Any]
    origin_device: str | None


class PullResponse(BaseModel):
    changes: list[Change]
    next_cursor: int
    has_more: bool


class CountsResponse(BaseModel):
    unit_code: str
    counts: dict[str, int]


class EnrollRequest(BaseModel):
    code: str = Field(min_length=4, max_length=32)
    device_name: str = Field(default="", max_length=100)


class EnrollResponse(BaseModel):
    device_id: str
    token: str
    unit_code: str
    counter_no: int


class WaitResponse(BaseModel):
    """Answer to a long poll: the ward's newest change seq; `changed` when it is past the caller's cursor."""

    latest: int
    changed: bool


class ClaimRequest(BaseModel):
    op_id: str = Field(min_length=1, max_length=64)
    ticket_id: str = Field(min_length=1, max_length=64)
    version: str = Field(min_length=1, max_length=64)  # the ticket's updated_at as this counter saw it waiting
    counter_no: int = Field(ge=0, le=999)


ClaimVerdict = Literal["granted", "taken"]


class ClaimResponse(BaseModel):
    verdict: ClaimVerdict
    holder_counter: int | None = None  # who has it, when taken


class SnapshotRecord(BaseModel):
    entity: str
    payload: dict[str, Any]


class SnapshotResponse(BaseModel):
    records: list[SnapshotRecord]
    cursor: int


class HealthResponse(BaseModel):
    status: Literal["ok"] = "ok"
    protocol: int = PROTOCOL_VERSION


class ErrorResponse(BaseModel):
    error: str
    message: str
