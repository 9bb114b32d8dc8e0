"""HTTP to one hub. Failures are sorted into "try again later/elsewhere" and "the hub said no"."""

from __future__ import annotations

import asyncio
import importlib
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from json.encoder import encode_basestring_ascii
from typing import Any, NamedTuple, TypeVar, cast, get_args

import httpx
from pydantic import BaseModel
from pydantic_core import from_json

from sync.client.local import Outgoing
from sync.client.pinning import verify_for
from sync.protocol import (
    PROTOCOL_HEADER,
    PROTOCOL_VERSION,
    ClaimRequest,
    ClaimResponse,
    CountsResponse,
    EnrollRequest,
    EnrollResponse,
    ErrorResponse,
    HealthResponse,
    Operation,
    OpStatus,
    PullResponse,
    PushRequest,
    PushResponse,
    SnapshotEntity,
    SnapshotResponse,
    WaitResponse,
)

M = TypeVar("M", bound=BaseModel)
# Work kept off the loop (decoding a page, making a client) runs on a plain Python thread, never on the loop's
# default executor: under qasync that is a pool of QThreads, which abort the process at exit if one still runs.
OFF_LOOP = ThreadPoolExecutor(max_workers=1, thread_name_prefix="sync-off-loop")
CONNECT_TIMEOUT_S = 3.0
WARM_MODULES = ("anyio._backends._asyncio", "httpcore._backends.anyio")
OFF_LOOP_BYTES = 32_768  # answers larger than this are decoded on a worker thread


def push_body(batch: Sequence[Outgoing]) -> str:
    """A PushRequest's JSON with each payload spliced in as the outbox holds it (JSON text already). Texts are
    quoted by the json module's own C function, the bytes json.dumps writes for a text, without its call per
    value (a tenth of the time)."""
    dump = encode_basestring_ascii
    ops = ",".join(
        f'{{"op_id":{dump(o.op_id)},"entity":{dump(o.entity)},"entity_id":{dump(o.entity_id)},"op":{dump(o.op)},'
        f'"payload":{o.payload},"created_at":"{_wire_moment(o.created_at)}"}}'
        for o in batch
    )
    return f'{{"ops":[{ops}]}}'


def _wire_moment(stored: str) -> str:
    """The outbox's stored UTC moment as ISO 8601 with its offset, as `Operation` writes it."""
    if len(stored) == 26 and stored[10] == " ":  # SQLAlchemy's own form: "2026-01-05 08:30:00.000000"
        return f"{stored[:10]}T{stored[11:]}Z"
    moment = datetime.fromisoformat(stored)
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return f"{moment:%Y-%m-%dT%H:%M:%S.%f}Z"


class Outcome(NamedTuple):
    """A pushed operation's result as the PC reads it: OpResult's fields, without a model per operation."""

    op_id: str
    status: OpStatus
    reason: str | None


class PushAnswer(NamedTuple):
    """PushResponse as the PC reads it (`read_push_answer`)."""

    results: list[Outcome]
    max_batch: int | None


_STATUSES = frozenset(get_args(OpStatus))


def read_push_answer(content: bytes) -> PushAnswer:
    """A push's answer: read by hand when it is plainly what PushResponse takes (it is, from any hub), else
    validated by PushResponse, so a malformed answer is refused as before (HubUnavailable)."""
    try:
        return _read_push_answer(content)
    except ValueError:
        raise HubUnavailable("malformed answer") from None


def _read_push_answer(content: bytes) -> PushAnswer:
    try:
        data = from_json(content)
    except ValueError:
        data = None
    answer = _plain_push_answer(data) if type(data) is dict else None
    if answer is not None:
        return answer
    model = PushResponse.model_validate_json(content)
    return PushAnswer([Outcome(r.op_id, r.status, r.reason) for r in model.results], model.max_batch)


def _plain_push_answer(data: dict[str, Any]) -> PushAnswer | None:
    results, most = data.get("results"), data.get("max_batch")
    if type(results) is not list or not (most is None or type(most) is int):
        return None
    outcomes = []
    for item in results:
        if type(item) is not dict:
            return None
        op_id, status, reason = item.get("op_id"), item.get("status"), item.get("reason")
        if type(op_id) is not str or type(status) is not str or status not in _STATUSES:
            return None
        if not (reason is None or type(reason) is str):
            return None
        outcomes.append(Outcome(op_id, cast(OpStatus, status), reason))
    return PushAnswer(outcomes, most)


class HubUnavailable(Exception):
    """Network down, timeout, hub restarting or 5xx: nothing was lost; try again or fail over."""


class HubRefused(Exception):
    """The hub answered with a 4xx: retrying the same request will not help."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


class HubClient:
    def __init__(self, base_url: str, token: str | None, timeout: float = 15.0) -> None:
        self.base_url, self.token = base_url.rstrip("/"), token
        headers = {PROTOCOL_HEADER: str(PROTOCOL_VERSION)}
        if token:
            headers["Authorization"] = f"Bearer {token}"
        # A hub that is off answers nothing: give up connecting quickly so failover is quick too.
        limits = httpx.Timeout(timeout, connect=min(timeout, CONNECT_TIMEOUT_S))
        self._http = httpx.AsyncClient(
            base_url=self.base_url, headers=headers, timeout=limits, verify=verify_for(self.base_url)
        )
        for module in WARM_MODULES:  # else imported at the first request, on the loop (the engine makes clients off it)
            importlib.import_module(module)

    async def close(self) -> None:
        await self._http.aclose()

    async def _send(self, model: type[M], method: str, path: str, **kwargs: object) -> M:
        content = await self._content(method, path, **kwargs)
        try:
            if len(content) < OFF_LOOP_BYTES:
                return model.model_validate_json(content)
            # a page of history takes milliseconds to check: not on the loop, where the window waits for it
            loop = asyncio.get_running_loop()
            return await loop.run_in_executor(OFF_LOOP, model.model_validate_json, content)
        except ValueError:
            raise HubUnavailable("malformed answer") from None

    async def _content(self, method: str, path: str, **kwargs: object) -> bytes:
        """The body of a 2xx answer (HubUnavailable, HubRefused otherwise)."""
        try:
            response = await self._http.request(method, path, **kwargs)  # type: ignore[arg-type]
        except httpx.HTTPError as exc:
            raise HubUnavailable(type(exc).__name__) from None
        if response.status_code >= 500:
            raise HubUnavailable(f"HTTP {response.status_code}")
        if response.status_code >= 400:
            try:
                message = ErrorResponse.model_validate_json(response.content).message
            except ValueError:
                message = f"HTTP {response.status_code}"
            raise HubRefused(response.status_code, message)
        return response.content

    async def health(self, timeout: float = 3.0) -> float | None:
        """None when the hub does not answer; else the seconds within which the hub asks PCs coming back to
        spread their return (HealthResponse.return_spread_s; 0 from a hub from before)."""
        try:
            response = await self._http.get("/v1/health", timeout=timeout)
        except httpx.HTTPError:
            return None
        if response.status_code != 200:
            return None
        try:
            return HealthResponse.model_validate_json(response.content).return_spread_s
        except ValueError:
            return 0.0  # it answers, but not as a hub this PC knows: back at once, as before

    async def push(self, ops: list[Operation]) -> PushResponse:
        body = PushRequest(ops=ops).model_dump_json()
        return await self._send(
            PushResponse, "POST", "/v1/push", content=body, headers={"Content-Type": "application/json"}
        )

    async def push_outgoing(self, batch: Sequence[Outgoing], body: str | None = None) -> bytes:
        """The same request as `push`, written from the outbox's own JSON (no model per operation); `body` is
        `push_body(batch)` when the caller wrote it already (off the loop). The answer comes back unread, for
        `read_push_answer`: the engine reads it on its database worker with the acknowledgement, while the next
        batch travels, not between one request and the next."""
        content = push_body(batch) if body is None else body
        return await self._content("POST", "/v1/push", content=content, headers={"Content-Type": "application/json"})

    async def pull(self, since: int, limit: int, count: bool = False) -> PullResponse:
        """A page of the ward's changes after `since`; with `count`, the hub also says how many there are
        in all from `since` on (for progress; a hub from before that leaves it out)."""
        params: dict[str, int | str] = {"since": since, "limit": limit}
        if count:
            params["count"] = "true"
        return await self._send(PullResponse, "GET", "/v1/pull", params=params)

    async def wait(self, since: int, timeout: float, page: int | None = None) -> WaitResponse:
        """Long poll: returns when the ward has a change past `since`, or after `timeout` seconds; with
        `page`, the answer carries up to that many of the changes (a hub from before leaves them out)."""
        params: dict[str, int | float] = {"since": since, "timeout": timeout}
        if page is not None:
            params["page"] = page
        return await self._send(WaitResponse, "GET", "/v1/wait", params=params, timeout=timeout + 10)

    async def claim(self, request: ClaimRequest, timeout: float) -> ClaimResponse:
        body = request.model_dump_json()
        headers = {"Content-Type": "application/json"}
        return await self._send(
            ClaimResponse, "POST", "/v1/queue/claim", content=body, headers=headers, timeout=timeout
        )

    async def snapshot(self, entities: list[SnapshotEntity]) -> SnapshotResponse:
        return await self._send(SnapshotResponse, "GET", "/v1/snapshot", params={"entities": entities})

    async def counts(self) -> CountsResponse:
        return await self._send(CountsResponse, "GET", "/v1/counts")

    async def enroll(self, code: str, device_name: str) -> EnrollResponse:
        body = EnrollRequest(code=code, device_name=device_name).model_dump_json()
        return await self._send(
            EnrollResponse, "POST", "/v1/enroll", content=body, headers={"Content-Type": "application/json"}
        )
