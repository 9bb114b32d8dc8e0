"""Wire schemas shared by the client engine and the hub.

Every request carries `X-Ward-Protocol`; the hub serves the current version and the one before it (a city
rolls a new version out PC by PC) and answers 426 to any other. Version 2 adds the live wait, queue claims
and the snapshot a joining PC starts from; version 1 PCs keep pushing and pulling as before.
Within version 2, a long poll may ask for `page`: the hub's answer then carries the changes a pull from
`since` would bring (WaitResponse.page), so a PC woken by another counter's save needs no pull request of
its own. A hub from before ignores the parameter and answers without a page; the PC then pulls as before.
Payloads are the row dicts the outbox wrote (`model_dump(mode="json")` of a counter_app.models row).
"""

from __future__ import annotations

import math
from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    WithJsonSchema,
    field_validator,
    model_validator,
)

from counter_app.dossier_states import DossierState

PROTOCOL_VERSION = 2
SUPPORTED_VERSIONS = frozenset({1, 2})
PROTOCOL_HEADER = "X-Ward-Protocol"
MAX_BATCH = 500  # operations per push every hub takes; a PC sends this many until its hub says it takes more
MAX_PUSH = 2000  # operations per push this hub takes (PushResponse.max_batch tells the PC): a request's fixed
# cost (some 10 ms of HTTP, routing, a transaction and its fsync) is then spread over four times as many
MAX_PAGE = 1000
MAX_CLAIM = 50
MAX_RETURN_SPREAD_S = 300.0  # the longest a PC waits to come back after the hub was away (the engine's backoff cap)
INT64_MAX = 2**63 - 1  # what SQLite and PostgreSQL can store; larger JSON integers are refused
MAX_CURSOR = INT64_MAX
MAX_DEPTH = 4  # payloads are flat rows (depth 1); a little room for JSON-valued fields
# Ids and names on the wire: no NUL (PostgreSQL text refuses it) and no lone UTF-16
# surrogates (they cannot be stored as UTF-8). Python's regex engine: Rust's cannot name surrogates.
NO_CONTROL = r"^[^\x00\ud800-\udfff]+$"
TEXT = r"^[^\x00\ud800-\udfff]*$"  # any text value in a payload

OpKind = Literal["upsert", "insert", "delete"]
OpStatus = Literal["applied", "duplicate", "rejected"]


def _not_a_number(value: object) -> object:
    """A moment is an ISO 8601 text on the wire; pydantic would otherwise take 1700000000 as one."""
    if isinstance(value, int | float):
        raise ValueError("created_at phải là thời điểm ISO 8601 (chuỗi), không phải số")
    return value


DOSSIER_STATES = frozenset(int(s) for s in DossierState)
WireDatetime = Annotated[datetime, BeforeValidator(_not_a_number)]


def check_json_value(value: object, depth: int = 0) -> None:
    """Values any backend can store: 64-bit integers, finite numbers, text without NUL, bounded nesting."""
    if type(value) is dict and depth < MAX_DEPTH:  # the usual flat row: its plain texts checked in the loop
        for key, item in value.items():
            if type(key) is not str or "\x00" in key:
                check_json_value(key, depth + 1)
            kind = type(item)
            if kind is str:
                if "\x00" in item:
                    raise ValueError("chuỗi chứa ký tự NUL")
            elif kind is int:  # the other common value, checked here as below: no call per number
                if not -INT64_MAX - 1 <= item <= INT64_MAX:
                    raise ValueError("số nguyên vượt quá 64 bit")
            elif item is not None and kind is not bool:
                check_json_value(item, depth + 1)
        return
    if depth > MAX_DEPTH:
        raise ValueError("dữ liệu lồng quá sâu")
    if isinstance(value, bool) or value is None:
        return
    if isinstance(value, int) and not -INT64_MAX - 1 <= value <= INT64_MAX:
        raise ValueError("số nguyên vượt quá 64 bit")
    if isinstance(value, float) and not math.isfinite(value):
        raise ValueError("số không hữu hạn")
    if isinstance(value, str) and ("\x00" in value or not value.isascii() and has_surrogate(value)):
        raise ValueError("chuỗi chứa ký tự NUL hoặc ký tự Unicode không hợp lệ")
    if isinstance(value, dict):
        for key, item in value.items():
            check_json_value(key, depth + 1)
            check_json_value(item, depth + 1)
    elif isinstance(value, list):
        for item in value:
            check_json_value(item, depth + 1)


def has_surrogate(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _value_schema(depth: int) -> dict[str, Any]:
    """The JSON schema of a payload value at `depth`, unrolled down to MAX_DEPTH: what
    check_json_value accepts, written out so the OpenAPI document is the whole truth."""
    scalars: list[dict[str, Any]] = [
        {"type": "null"},
        {"type": "boolean"},
        {"type": "integer", "minimum": -INT64_MAX - 1, "maximum": INT64_MAX},
        {"type": "number"},
        {"type": "string", "pattern": TEXT},
    ]
    if depth >= MAX_DEPTH:
        return {"anyOf": scalars}
    inner = _value_schema(depth + 1)
    return {
        "anyOf": [
            *scalars,
            {"type": "array", "items": inner},
            {"type": "object", "propertyNames": {"pattern": TEXT}, "additionalProperties": inner},
        ]
    }


PAYLOAD_SCHEMA: dict[str, Any] = {
    "type": "object",
    "propertyNames": {"pattern": TEXT},
    "additionalProperties": _value_schema(2),
}
# A dossier's status is one of the portal's states, said in the schema too (if entity is "dossier").
DOSSIER_STATUS_SCHEMA: dict[str, Any] = {
    "if": {"properties": {"entity": {"const": "dossier"}}, "required": ["entity"]},
    "then": {
        "properties": {"payload": {"properties": {"status": {"enum": [None, *sorted(int(s) for s in DossierState)]}}}}
    },
}


class Operation(BaseModel):
    model_config = ConfigDict(regex_engine="python-re", json_schema_extra={"allOf": [DOSSIER_STATUS_SCHEMA]})

    op_id: str = Field(min_length=1, max_length=64, pattern=NO_CONTROL)
    entity: str = Field(min_length=1, max_length=40, pattern=NO_CONTROL)
    entity_id: str = Field(min_length=1, max_length=64, pattern=NO_CONTROL)
    op: OpKind
    payload: Annotated[dict[str, Any], WithJsonSchema(PAYLOAD_SCHEMA)]
    created_at: WireDatetime
    # set only by a hub relaying another hub's operations
    origin_device: str | None = Field(default=None, min_length=1, max_length=64, pattern=NO_CONTROL)

    @field_validator("payload")
    @classmethod
    def _storable(cls, payload: dict[str, Any]) -> dict[str, Any]:
        check_json_value(payload)
        return payload

    @model_validator(mode="after")
    def _dossier_status(self) -> Operation:
        """A dossier's status is one of the portal's states (the hub indexes it as a small integer)."""
        status = self.payload.get("status")
        if (
            self.entity == "dossier"
            and status is not None
            and (type(status) is not int or status not in DOSSIER_STATES)
        ):
            raise ValueError("trạng thái hồ sơ phải là một trong các trạng thái 1–10")
        return self


class PushRequest(BaseModel):
    ops: list[Operation] = Field(max_length=MAX_PUSH)


class OpResult(BaseModel):
    op_id: str
    status: OpStatus
    reason: str | None = None


class PushResponse(BaseModel):
    results: list[OpResult]
    max_batch: int | None = None  # how many operations the hub takes per push (a hub from before: MAX_BATCH)


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
    remaining: int | None = None  # asked with count=true: the ward's changes after `since`, this page included


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
    """Answer to a long poll: the ward's newest change seq; `changed` when it is past the caller's cursor;
    `page`, when the poll asked for one and the ward changed: what `/v1/pull?since=<since>&limit=<page>`
    would answer (absent from a hub from before). A poll that asks for the page is not answered for the
    caller's own changes alone (its sync after the push pulls them; the next page carries them too)."""

    latest: int
    changed: bool
    page: PullResponse | None = None


def _a_moment(version: str) -> str:
    """Read as a moment at the hub: text that is not one is bad input (422), not a server error."""
    try:
        datetime.fromisoformat(version.replace("Z", "+00:00"))
    except ValueError:
        raise ValueError("version phải là thời điểm ISO 8601") from None
    return version


class ClaimTicket(BaseModel):
    model_config = ConfigDict(regex_engine="python-re")

    ticket_id: str = Field(min_length=1, max_length=64, pattern=NO_CONTROL)
    # the ticket's updated_at as this counter saw it waiting (ISO 8601)
    version: Annotated[
        str, Field(min_length=1, max_length=64, json_schema_extra={"format": "date-time"}), AfterValidator(_a_moment)
    ]


class ClaimRequest(BaseModel):
    """The tickets this counter would call, in its fair order: the hub grants the first nobody else has."""

    model_config = ConfigDict(regex_engine="python-re")

    op_id: str = Field(min_length=1, max_length=64, pattern=NO_CONTROL)
    counter_no: int = Field(ge=0, le=999, strict=True)  # JSON false is not counter 0
    tickets: list[ClaimTicket] = Field(min_length=1, max_length=MAX_CLAIM)


class ClaimResponse(BaseModel):
    ticket_id: str | None  # the one granted; None when every one was taken
    taken: list[str] = Field(default_factory=list)  # those another counter has: skip them until the pull


# What a joining PC takes before the history: accounts, service groups, days off, the catalog.
SnapshotEntity = Literal["staff", "service_group", "calendar_entry", "catalog_release", "fee_entry", "retention_entry"]
# What a hub of the first snapshot version serves: a new PC joining through it asks for these only.
SNAPSHOT_FIRST_VERSION: tuple[SnapshotEntity, ...] = ("staff", "service_group", "calendar_entry", "catalog_release")


class SnapshotRecord(BaseModel):
    entity: str
    payload: dict[str, Any]


class SnapshotResponse(BaseModel):
    records: list[SnapshotRecord]
    cursor: int


class HealthResponse(BaseModel):
    status: Literal["ok"] = "ok"
    protocol: int = PROTOCOL_VERSION
    # A PC that finds the hub back after it was away first waits a random moment within this many seconds
    # (sync/hub/spread.py), so that a city's PCs do not all come back in the same few seconds. Added within
    # protocol 2: a hub from before leaves it out, and a PC then comes back at once, as before.
    return_spread_s: float = Field(default=0.0, ge=0, le=MAX_RETURN_SPREAD_S)


class ErrorResponse(BaseModel):
    error: str
    message: str
