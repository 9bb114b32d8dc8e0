"""The read lane: `GET /v1/pull` and `GET /v1/wait`, most of a hub's requests (every PC keeps a long poll
open and pulls after each push and each piece of news), answered in front of FastAPI by the guard.

A request whose query is plainly valid (each known parameter at most once, digits within the route's bounds,
`count` as `true`/`false`) is authenticated and read in one trip to a worker thread, and answered with the
same JSON the route writes; anything else (an unknown or repeated parameter, another spelling of a number
or a boolean, a value out of bounds) goes to the route as declared, whose validation answers it. So a
refused request gets the same answer as before and the OpenAPI document stays the whole truth; the lane
only saves FastAPI's routing and dependencies and a second thread hop per request.
"""

from __future__ import annotations

import asyncio
import contextlib
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import parse_qsl

from anyio import to_thread
from sqlalchemy.engine import Engine

from sync.hub import service
from sync.hub.live import Feed
from sync.hub.store import Device
from sync.protocol import MAX_CURSOR, MAX_PAGE, WaitResponse

MAX_WAIT_S = 60.0
DEFAULT_WAIT_S = 25.0
_DIGITS = re.compile(r"\d{1,19}")
_SECONDS = re.compile(r"\d{1,5}(\.\d{1,6})?")
_ANSWERS = {"true": True, "false": False}
Authenticate = Callable[[str | None], Device]


@dataclass(frozen=True)
class Pull:
    since: int
    limit: int
    count: bool


@dataclass(frozen=True)
class Wait:
    since: int
    timeout: float


def read_request(path: str, method: str, query: bytes) -> Pull | Wait | None:
    """What the lane will answer, or None when the route must decide."""
    if method != "GET" or path not in ("/v1/pull", "/v1/wait"):
        return None
    try:
        pairs = parse_qsl(query.decode("ascii"), keep_blank_values=True, strict_parsing=bool(query))
    except (UnicodeDecodeError, ValueError):
        return None
    params = dict(pairs)
    if len(params) != len(pairs):
        return None
    since = _cursor(params.pop("since", "0"))
    if path == "/v1/pull":
        limit, count = _cursor(params.pop("limit", "500")), _ANSWERS.get(params.pop("count", "false"))
        if since is None or limit is None or not 1 <= limit <= MAX_PAGE or count is None or params:
            return None
        return Pull(since, limit, count)
    timeout = params.pop("timeout", str(DEFAULT_WAIT_S))
    if since is None or params or not _SECONDS.fullmatch(timeout) or float(timeout) > MAX_WAIT_S:
        return None
    return Wait(since, float(timeout))


def _cursor(text: str) -> int | None:
    if not _DIGITS.fullmatch(text):
        return None
    value = int(text)
    return value if value <= MAX_CURSOR else None


def allowed(device: Device) -> bool:
    """Pulls are for a ward's own PCs and its ward hub; a backup hub's peer token only pushes."""
    return device.kind in ("device", service.WARD_HUB)


NOT_ALLOWED = "Thao tác chỉ dành cho thiết bị của một phường/xã."


class ReadLane:
    """The lane of one hub database (the guard calls it)."""

    def __init__(self, engine: Engine, feed: Feed, authenticate: Authenticate) -> None:
        self.engine, self.feed, self.authenticate = engine, feed, authenticate

    async def answer(self, asked: Pull | Wait, token: str | None, state: dict[str, object]) -> bytes | None:
        """The JSON answer; None when the device may not read (403); HubError when the token is refused."""
        if isinstance(asked, Wait):
            return await wait(self.engine, self.feed, self.authenticate, token, asked, state)
        device, body = await to_thread.run_sync(pull, self.engine, self.authenticate, token, asked)
        state["device"] = device
        return body


def pull(engine: Engine, authenticate: Authenticate, token: str | None, asked: Pull) -> tuple[Device, bytes | None]:
    """On a worker thread: the device and its page (None when the device may not pull)."""
    device = authenticate(token)
    if not allowed(device):
        return device, None
    return device, service.pull_json(engine, device, asked.since, asked.limit, asked.count)


async def wait(
    engine: Engine, feed: Feed, authenticate: Authenticate, token: str | None, asked: Wait, state: dict[str, object]
) -> bytes | None:
    """The long poll, as the route's (app._wait_for_change): answers when the ward has a change past
    `since`, or at the timeout; None when the device may not wait (HubError when its token is refused).
    A waiter subscribes to its ward's news before it looks, so a change committed in between is heard; the
    ward is known before the token is checked when this worker has seen the token before (it only says which
    news to listen to: the token is checked in the same trip to the thread as the first look)."""
    deadline = time.monotonic() + asked.timeout
    key = service.digest(token) if token else ""
    unit = _UNITS.get(key)
    device: Device | None = None
    while True:
        subscribed = unit
        future = feed.subscribe(subscribed) if subscribed is not None else None
        try:
            if device is None:
                found, latest = await to_thread.run_sync(_first_look, engine, authenticate, token)
                state["device"] = device = found
                if latest is None:
                    return None
                _remember(key, found.unit_code)
                unit = found.unit_code
            else:
                latest = await to_thread.run_sync(service.latest_seq, engine, device.unit_code)
            remaining = deadline - time.monotonic()
            if latest > asked.since or remaining <= 0:
                return WaitResponse(latest=latest, changed=latest > asked.since).model_dump_json().encode()
            if future is None or subscribed != unit:  # it looked before listening: listen, then look again
                continue
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(asyncio.shield(future), timeout=min(remaining, feed.recheck_s))
        finally:
            if future is not None and subscribed is not None:
                feed.unsubscribe(subscribed, future)


_UNITS: dict[str, str] = {}  # token digest -> ward, as this worker last authenticated it
MAX_REMEMBERED = 100_000


def _remember(key: str, unit: str) -> None:
    if len(_UNITS) >= MAX_REMEMBERED:
        _UNITS.clear()
    _UNITS[key] = unit


def _first_look(engine: Engine, authenticate: Authenticate, token: str | None) -> tuple[Device, int | None]:
    device = authenticate(token)
    if not allowed(device):
        return device, None
    return device, service.latest_seq(engine, device.unit_code)
