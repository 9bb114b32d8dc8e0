"""Live news for long-polling PCs: a ward's PCs wait on `/v1/wait` and are answered the moment a change of
their ward commits, so a ticket issued at the kiosk shows on every counter within a second.

Why long polling: it is plain HTTP request/response, so it goes through the same client, token, TLS pinning,
failover and proxies as every other call, needs no new library on either side, and a worker holds no state a
PC depends on (a lost answer just means the next poll returns at once). Server-sent events or WebSocket would
save one request per change, which a ward's few PCs do not need.

Within one worker a push wakes the waiters directly. Several workers over PostgreSQL learn of each other's
commits through LISTEN/NOTIFY (the push sends NOTIFY in its transaction, so it arrives only after the commit).
On PostgreSQL every writer notifies (pushes, and `counter-hub publish` from another process), so a
notification can only be missed while a worker's LISTEN link is down: when it comes back, every waiter of
that worker looks again at once, and otherwise waiters look again every 30 s (a PC's poll lasts 25 s, so in
practice its own next poll looks). Every 5 s, as before, made 1,000 waiting PCs cost the database 200 queries
a second doing nothing. On SQLite another process writing (`counter-hub publish`) tells nobody: waiters look
again every 5 s there. Either way a missed notification delays news, never loses it.
"""

from __future__ import annotations

import asyncio
import logging
import os
import weakref
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from sqlalchemy.engine import Engine

from sync.hub.service import DEVICE_CHANNEL, NOTIFY_CHANNEL
from sync.hub.tokens import tokens_for

log = logging.getLogger("ward_hub.live")
RECHECK_ENV = "WARD_HUB_RECHECK_S"  # tests set it long to prove NOTIFY alone suffices
T = TypeVar("T")


class Feed:
    """The waiters of one hub database, by ward."""

    def __init__(self, recheck_s: float = 5.0) -> None:
        self.recheck_s = recheck_s
        self._waiters: dict[str, set[asyncio.Future[None]]] = {}
        self._loop: asyncio.AbstractEventLoop | None = None
        self._news: dict[str, int] = {}  # per ward: how many times its news came (this worker)
        self._everyone = 0  # how many times every waiter was told to look again
        self._reads: dict[tuple[Any, ...], tuple[tuple[int, int], asyncio.Future[Any]]] = {}

    def attach(self, loop: asyncio.AbstractEventLoop) -> None:
        self._loop = loop

    def subscribe(self, unit_code: str) -> asyncio.Future[None]:
        """Register before looking at the database, so a change committed in between is not missed."""
        future: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._waiters.setdefault(unit_code, set()).add(future)
        return future

    def unsubscribe(self, unit_code: str, future: asyncio.Future[None]) -> None:
        self._waiters.get(unit_code, set()).discard(future)

    def publish(self, unit_code: str) -> None:
        """Safe from any thread (pushes run in the server's thread pool)."""
        if self._loop is not None and not self._loop.is_closed():
            self._loop.call_soon_threadsafe(self._wake, unit_code)

    def wake_all(self) -> None:
        """Every waiter looks again (the LISTEN link was down: a notification may have been missed)."""
        self._everyone += 1
        for unit_code in list(self._waiters):
            self._wake(unit_code)

    async def shared(self, unit_code: str, key: tuple[Any, ...], read: Callable[[], Awaitable[T]]) -> T:
        """`read()` for a subscribed waiter of the ward, or the answer of the same read (same `key`) that
        another waiter started with no news of the ward since. The waiters a piece of news wakes all ask the
        same question: one of them reads the database for all. Sound because news comes after its commit: a
        change the shared read may have missed has news after the read began, which every waiter that took
        the read's answer hears (it was subscribed), and no waiter takes a read begun before the news it heard."""
        version = (self._everyone, self._news.get(unit_code, 0))
        running = self._reads.get(key)
        if running is None or running[0] != version:
            running = self._reads[key] = (version, asyncio.ensure_future(read()))

            def forget(_done: asyncio.Future[Any]) -> None:
                if self._reads.get(key) is running:  # not a newer read of the same question
                    del self._reads[key]

            running[1].add_done_callback(forget)
        result: T = await asyncio.shield(running[1])
        return result

    def _wake(self, unit_code: str) -> None:
        self._news[unit_code] = self._news.get(unit_code, 0) + 1
        for future in self._waiters.pop(unit_code, set()):
            if not future.done():
                future.set_result(None)


async def listen_postgres(engine: Engine, feed: Feed) -> None:
    """Relay NOTIFY from every worker's pushes to this worker's waiters, and revocations to its kept tokens
    (sync/hub/tokens.py: kept only while this link is up); reconnect when the link drops."""
    import psycopg

    tokens = tokens_for(engine)
    conninfo = engine.url.set(drivername="postgresql").render_as_string(hide_password=False)
    while True:
        try:
            async with await psycopg.AsyncConnection.connect(conninfo, autocommit=True) as conn:
                await conn.execute(f"LISTEN {NOTIFY_CHANNEL}; LISTEN {DEVICE_CHANNEL}")
                tokens.listening(True)
                feed.wake_all()  # what committed while the link was down was not heard
                async for note in conn.notifies():
                    if note.channel == DEVICE_CHANNEL:
                        tokens.forget(note.payload)
                    else:
                        feed._wake(note.payload)
        except asyncio.CancelledError:
            tokens.listening(False)
            raise
        except Exception as exc:  # noqa: BLE001 - a lost link to the database: waiters still re-check
            tokens.listening(False)
            log.warning("listen: %s; reconnecting", type(exc).__name__)
            await asyncio.sleep(2)


_FEEDS: weakref.WeakKeyDictionary[Engine, Feed] = weakref.WeakKeyDictionary()


def feed_for(engine: Engine) -> Feed:
    """One feed per hub database, shared by the HTTP app and the relay that applies upstream changes."""
    feed = _FEEDS.get(engine)
    if feed is None:
        default = "30" if engine.dialect.name == "postgresql" else "5"
        feed = _FEEDS[engine] = Feed(float(os.environ.get(RECHECK_ENV, default)))
    return feed
