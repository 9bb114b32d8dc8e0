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
from typing import NamedTuple
from urllib.parse import parse_qsl

from anyio import to_thread
from sqlalchemy.engine import Engine

from sync.hub import service
from sync.hub.live import Feed
from sync.hub.store import Device
from sync.protocol import MAX_CURSOR, MAX_PAGE

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
    page: int | None = None  # carry up to this many changes past `since` in the answer (protocol.py)


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
    asks_page = "page" in params
    page = _cursor(params.pop("page", "1"))
    if since is None or params or not _SECONDS.fullmatch(timeout) or float(timeout) > MAX_WAIT_S:
        return None
    if page is None or not 1 <= page <= MAX_PAGE:
        return None
    return Wait(since, float(timeout), page if asks_page else None)


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
    return device, service.pull_json(engine, device.unit_code, asked.since, asked.limit, asked.count)


async def wait(
    engine: Engine, feed: Feed, authenticate: Authenticate, token: str | None, asked: Wait, state: dict[str, object]
) -> bytes | None:
    """The long poll: answers when the ward has a change past `since`, or at the timeout; None when the
    device may not wait (HubError when its token is refused). The ward is known before the token is checked
    when this worker has seen the token before: the poll then listens to the ward's news before its first
    look (the token is checked in the same trip to the thread as that look), so a change committed in
    between is heard. It only says which news to listen to."""
    deadline = time.monotonic() + asked.timeout
    key = service.digest(token) if token else ""
    unit = _UNITS.get(key)
    future = feed.subscribe(unit) if unit is not None else None
    try:
        device, found = await to_thread.run_sync(_first_look, engine, authenticate, token, asked)
        state["device"] = device
        if not allowed(device):
            return None
        _remember(key, device.unit_code)
        answer = await _answer(engine, device, found, deadline)
        if answer is not None:
            return answer
        if future is not None and unit == device.unit_code:  # it listened before it looked: wait for news
            await _news(feed, future, deadline)
    finally:
        if future is not None and unit is not None:
            feed.unsubscribe(unit, future)
    return await watch(engine, feed, device, asked, deadline)


async def watch(engine: Engine, feed: Feed, device: Device, asked: Wait, deadline: float) -> bytes:
    """Listen to the ward's news, then look; until a look finds a change or the deadline passes (the lane
    and the route both wait here). The waiters a piece of news wakes share one look (Feed.shared)."""
    unit = device.unit_code
    key = (unit, asked.since, asked.page)
    while True:
        future = feed.subscribe(unit)
        try:
            found = await feed.shared(unit, key, lambda: to_thread.run_sync(news, engine, unit, asked))
            answer = await _answer(engine, device, found, deadline)
            if answer is not None:
                return answer
            await _news(feed, future, deadline)
        finally:
            feed.unsubscribe(unit, future)


async def _news(feed: Feed, future: asyncio.Future[None], deadline: float) -> None:
    """Until the ward's news, the feed's periodic re-check, or the deadline."""
    remaining = deadline - time.monotonic()
    if remaining > 0:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(asyncio.shield(future), timeout=min(remaining, feed.recheck_s))


class News(NamedTuple):
    """What a look found past `since`: the answer, and who made the changes its page carries."""

    answer: bytes
    origins: frozenset[str | None] | None = None  # None: no page asked, so not known
    more: bool = False


def news(engine: Engine, unit: str, asked: Wait) -> News | None:
    """On a worker thread: what the ward has past `since` (with the page when asked: one query), else None.
    Written as WaitResponse's JSON, the page spliced in as pull writes it."""
    if asked.page is not None:
        found = service.news_json(engine, unit, asked.since, asked.page)
        if found is None:
            return None
        latest, page, origins, more = found
        return News(b'{"latest":%d,"changed":true,"page":%s}' % (latest, page), origins, more)
    latest = service.latest_seq(engine, unit)
    return News(b'{"latest":%d,"changed":true}' % latest) if latest > asked.since else None


async def _answer(engine: Engine, device: Device, found: News | None, deadline: float) -> bytes | None:
    """The answer for this device, or None to wait on. A PC that asked for pages is not woken by its own
    changes alone: the sync after its push pulls them, and the page of the next news brings them too."""
    if found is not None and not (found.origins == frozenset({device.id}) and not found.more):
        return found.answer
    if time.monotonic() < deadline:
        return None
    return await to_thread.run_sync(unchanged, engine, device.unit_code)


def unchanged(engine: Engine, unit: str) -> bytes:
    """The answer at the timeout: nothing new for the caller past `since` (the ward's newest seq, which may
    be behind `since`, or past it with the caller's own changes)."""
    return b'{"latest":%d,"changed":false}' % service.latest_seq(engine, unit)


_UNITS: dict[str, str] = {}  # token digest -> ward, as this worker last authenticated it
MAX_REMEMBERED = 100_000


def _remember(key: str, unit: str) -> None:
    if len(_UNITS) >= MAX_REMEMBERED:
        _UNITS.clear()
    _UNITS[key] = unit


def _first_look(
    engine: Engine, authenticate: Authenticate, token: str | None, asked: Wait
) -> tuple[Device, News | None]:
    device = authenticate(token)
    if not allowed(device):
        return device, None
    return device, news(engine, device.unit_code, asked)
