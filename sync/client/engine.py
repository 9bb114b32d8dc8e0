"""The background sync engine: push the outbox, pull changes, compare counts; the ward hub first, the
city (or backup) hub when it cannot be reached, and back by itself; back off with jitter while offline and
sync at once when a cheap probe says the network is back. No Qt: the app runs it on the qasync loop, tests
on plain asyncio. Database work runs on one worker thread, so access stays serialised.

Live: every save that queued an outbox entry wakes the engine, which pushes at once; a long poll on the hub
(`/v1/wait`) wakes it when another PC of the ward saved something, so it pulls at once. Together they keep a
ward's PCs within a second of each other. Who calls a ticket is asked of the hub (`claim`, see
sync/client/calling.py).
"""

from __future__ import annotations

import asyncio
import contextlib
import math
import random
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import TypeVar

from sqlalchemy.engine import Engine
from sqlmodel import Session

from counter_app import catalog_admin, outbox
from counter_app.clock import utc_now
from counter_app.db import session_scope
from counter_app.errors import StorageError
from counter_app.i18n import QT_TRANSLATE_NOOP
from counter_app.ids import new_id
from sync.client import local, pacing, transport
from sync.client.transport import OFF_LOOP, HubClient, HubRefused, HubUnavailable
from sync.protocol import (
    MAX_BATCH,
    MAX_CLAIM,
    MAX_PAGE,
    MAX_PUSH,
    Change,
    ClaimRequest,
    ClaimResponse,
    ClaimTicket,
    PullResponse,
)

T = TypeVar("T")
# Pulled changes applied per write transaction at most: a page (a history's 1,000: some 20-40 ms). Each commit
# costs about 2 ms of its own (the WAL's fsync), a tenth of a new PC's pull in transactions of 500.
APPLY_CHUNK = MAX_PAGE
APPLY_FIRST = 500  # before the pace is known: changes through the conflict rules take 1 ms each
APPLY_MIN = 20
# What one write transaction of pulled changes may last. Changes that go through the conflict rules take about
# 1 ms each (500 of them: 0.5-1 s), so their chunks shrink to fit: the counter's own saves wait for the write lock
# at most about this long, and between chunks the UI thread has the GIL to itself (bench/ui_stall_bench.py).
APPLY_TARGET_S = 0.05
MSG_OFFLINE = QT_TRANSLATE_NOOP(
    "core", "Không kết nối được máy chủ đồng bộ; dữ liệu vẫn được lưu trên máy và sẽ gửi khi có mạng."
)
MSG_REFUSED = QT_TRANSLATE_NOOP("core", "Máy chủ đồng bộ từ chối: {reason}")
MSG_NO_TOKEN = QT_TRANSLATE_NOOP("core", "Máy này chưa được đăng ký với máy chủ đồng bộ.")
MSG_RETURNING = QT_TRANSLATE_NOOP(
    "core", "Máy chủ đã hoạt động lại; máy này đồng bộ sau {seconds} giây (các máy lần lượt trở lại)."
)
MSG_COUNTS = QT_TRANSLATE_NOOP("core", "Số bản ghi trên máy và máy chủ chưa khớp ({entities}); đã đồng bộ lại toàn bộ.")


@dataclass(frozen=True)
class SyncStatus:
    online: bool = False
    hub_url: str | None = None
    pending: int = 0
    quarantined: int = 0
    last_success: datetime | None = None
    last_error_vi: str | None = None  # filled Vietnamese text of error_template
    error_template: str | None = None  # marked for translation (counter_app.i18n); the UI shows it translated
    error_params: dict[str, str] = field(default_factory=dict)
    progress: tuple[int, int] | None = None  # (done, total) of the running sync step; total 0 = unknown
    phase: str | None = None  # "push" or "pull" while a sync runs, else None
    conflicts: int = 0


def _error(template: str | None, **params: str) -> dict[str, object]:
    """The status fields for an error message (or for none)."""
    text = template.format(**params) if template else None
    return {"last_error_vi": text, "error_template": template, "error_params": params}


@dataclass
class SyncReport:
    hub_url: str
    pushed: int = 0
    pulled: int = 0
    quarantined: int = 0
    conflicts: int = 0
    mismatched: list[str] = field(default_factory=list)


PUSH_BODY_BUDGET = 4 * 1024 * 1024  # a push's body stays under the hub's limit (guard.MAX_BODY, 8 MiB)


def _fit(batch: list[local.Outgoing]) -> list[local.Outgoing]:
    """The batch cut where its body would pass the budget (the rest goes in the next request, read after
    the last one sent): a few large records must not make a request the hub refuses."""
    size = 0
    for i, outgoing in enumerate(batch):
        size += len(outgoing.payload) + 256  # the envelope: ids, entity, op, moment
        if size > PUSH_BODY_BUDGET and i:
            return batch[:i]
    return batch


def _outgoing(session: Session, size: int, after: tuple[str, str] | None) -> tuple[list[local.Outgoing], str]:
    """The next batch to push and its request body, both made on the database worker: the body is ready
    when the answer to the batch before arrives, so the hub waits for nothing of the PC's."""
    batch = _fit(local.next_outgoing(session, size, after))
    pacing.checkpoint()
    return batch, transport.push_body(batch) if batch else ""


class SyncEngine:
    def __init__(
        self,
        db: Engine,
        hubs: list[str],
        token_provider: Callable[[str], str | None],
        unit_code: str,
        on_status: Callable[[SyncStatus], None] | None = None,
        batch_size: int = MAX_PUSH,
        page_size: int = 1000,
        interval_s: float = 30.0,
        probe_s: float = 5.0,
        max_backoff_s: float = 300.0,
        timeout_s: float = 15.0,
        on_pulled: Callable[[set[str]], None] | None = None,
        live: bool = True,
        wait_s: float = 25.0,
        claim_timeout_s: float = 2.0,
        pacer: pacing.Pacer | None = None,
        return_draw: Callable[[], float] = random.random,
    ) -> None:
        self.db, self.hubs, self.unit_code = db, [h.rstrip("/") for h in hubs if h], unit_code
        self.token_provider, self.on_status, self.on_pulled = token_provider, on_status, on_pulled
        self.batch_size, self.page_size, self.timeout_s = batch_size, page_size, timeout_s
        self.interval_s, self.probe_s, self.max_backoff_s = interval_s, probe_s, max_backoff_s
        self.live, self.wait_s, self.claim_timeout_s = live, wait_s, claim_timeout_s
        self.pacer = pacer
        self.return_draw = return_draw  # this PC's place, 0 to 1, in the spread of a return (_take_place)
        self.status = SyncStatus()
        self._push_sizes: dict[str, int] = {}  # per hub: operations it takes per push, once it has said
        # gives way to the window's thread at checkpoints when the window beats the pacer (sync/client/pacing.py)
        self._worker = ThreadPoolExecutor(1, "sync-db", initializer=pacing.install, initargs=(pacer,))
        self._apply_size = APPLY_FIRST  # pulled changes per write transaction, fitted to APPLY_TARGET_S
        self._wake = asyncio.Event()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stopped = False
        self._unresolved: list[str] = []  # entities still mismatched after a full resync
        self._down_until: dict[str, float] = {}  # a hub that did not answer is skipped for a while
        self._seen_latest: dict[str, int] = {}  # the newest seq a long poll reported, per hub
        self._paged: dict[str, bool] = {}  # per hub: its long poll's last news carried the page
        self._listening: str | None = None  # the hub a long poll is open on (None: none, or it failed)
        self._pull_due = False  # the long poll asked for a sync because a pull must run
        self._clients: dict[tuple[str, str], HubClient] = {}  # kept open: a new client costs a TLS setup
        self._clients_loop: asyncio.AbstractEventLoop | None = None
        self._pull_lock: tuple[asyncio.AbstractEventLoop, asyncio.Lock] | None = None

    # -- plumbing ---------------------------------------------------------------------------
    async def _client(self, url: str, token: str, purpose: str = "sync") -> HubClient:
        """One open client per hub and purpose (a long poll must not hold up a claim). A new one is made off
        the loop: its TLS context reads certificate files and the key store, tens of milliseconds the window
        would stand still for."""
        loop = asyncio.get_running_loop()
        if loop is not self._clients_loop:  # connections belong to the loop that opened them
            self._clients, self._clients_loop = {}, loop
        key = (url, purpose)
        client = self._clients.get(key)
        if client is None or client.token != token:
            client = await loop.run_in_executor(OFF_LOOP, HubClient, url, token, self.timeout_s)
            self._clients[key] = client
        return client

    async def _drop(self, url: str, purpose: str) -> None:
        client = self._clients.pop((url, purpose), None)
        if client is not None:
            await client.close()

    async def _close_clients(self) -> None:
        for client in self._clients.values():
            await client.close()
        self._clients.clear()

    async def run_db(self, fn: Callable[..., T], *args: object) -> T:
        """Run `fn(session, *args)` in one transaction on the engine's database worker."""
        return await self._db(fn, *args)

    async def _db(self, fn: Callable[..., T], *args: object) -> T:
        def run() -> T:
            with session_scope(self.db) as session:
                return fn(session, *args)

        return await asyncio.get_running_loop().run_in_executor(self._worker, run)

    def _pulling(self) -> asyncio.Lock:
        """Held while pulled changes are applied: a page the long poll brought and a sync's pull must not
        interleave (a page applied after a later one would move the cursor back)."""
        loop = asyncio.get_running_loop()
        if self._pull_lock is None or self._pull_lock[0] is not loop:  # a lock belongs to its loop
            self._pull_lock = (loop, asyncio.Lock())
        return self._pull_lock[1]

    def _report(self, **changes: object) -> None:
        self.status = replace(self.status, **changes)  # type: ignore[arg-type]
        if self.on_status:
            self.on_status(self.status)

    async def refresh_counts(self) -> None:
        pending = await self._db(outbox.pending_count)
        quarantined = len(await self._db(local.list_quarantined))
        conflicts = await self._db(local.open_conflicts)
        self._report(pending=pending, quarantined=quarantined, conflicts=conflicts)

    # -- one sync -------------------------------------------------------------------------------
    async def sync_once(self, live: bool = False) -> SyncReport:
        """Push everything due, pull everything new, check counts; on the first hub that answers, in the
        configured order (ward hub first). A live sync (woken by a save or by the hub's news) skips a hub that
        failed a moment ago, so a save is not held up by a dead ward hub, and leaves the count check (a scan at
        the hub) to the periodic sync, which also tries the ward hub again and so comes back to it."""
        order = self._hub_order() if live else list(self.hubs)
        tokens = {url: self.token_provider(url) for url in order}
        if not any(tokens.values()):
            self._report(online=False, **_error(MSG_NO_TOKEN))
            raise HubRefused(401, MSG_NO_TOKEN)
        last: Exception | None = None
        for url, token in tokens.items():
            if not token:
                continue
            client = await self._client(url, token)
            try:
                report = await self._sync_with(client, live)
            except HubUnavailable as exc:
                last = exc
                self._down_until[url] = self._now() + self.interval_s
                await self._drop(url, "sync")
                continue
            except HubRefused as exc:
                self._report(
                    online=True, hub_url=url, progress=None, phase=None, **_error(MSG_REFUSED, reason=str(exc))
                )
                raise
            self._down_until.pop(url, None)
            error = _error(MSG_COUNTS, entities=", ".join(report.mismatched)) if report.mismatched else _error(None)
            self._report(online=True, hub_url=url, last_success=utc_now(), progress=None, phase=None, **error)
            if not live or report.pushed or report.quarantined or report.conflicts:  # else the counts stand
                await self.refresh_counts()
            return report
        self._report(online=False, hub_url=None, progress=None, phase=None, **_error(MSG_OFFLINE))
        await self.refresh_counts()
        raise HubUnavailable(str(last))

    async def _sync_with(self, client: HubClient, live: bool) -> SyncReport:
        report = SyncReport(client.base_url)
        await self._push(client, report)
        if self._pull_needed(client.base_url, live, report):
            await self._pull(client, report)
        if not live and await self._db(outbox.pending_count) == 0:
            await self._check_counts(client, report)
        return report

    def _pull_needed(self, url: str, live: bool, report: SyncReport) -> bool:
        """A live sync that pushed leaves the pull to the long poll when that brings pages: the hub answers
        it with the next change of another PC, and this PC's own changes ride in the same page (a city hub
        is spared the pull after every save: one request in seven). Anything else pulls: the periodic
        sync, a sync the long poll asked for, a hub whose news came without a page or that is not listened to."""
        due, self._pull_due = self._pull_due, False
        paged = self._listening == url and self._paged.get(url, False)
        return not (live and report.pushed and not due and paged)

    def _now(self) -> float:
        return asyncio.get_running_loop().time()

    def _hub_order(self) -> list[str]:
        """The ward hub first, unless it failed a moment ago (then it is tried again after an interval);
        every hub when all of them failed."""
        up = [url for url in self.hubs if self._down_until.get(url, 0.0) <= self._now()]
        return up or list(self.hubs)

    async def _push(self, client: HubClient, report: SyncReport) -> None:
        """Send the outbox in order, a batch per request. While one batch travels, the answer to the one
        before is read and written down and the next batch is read (the outbox is walked by position, so
        nothing unacknowledged is read twice): the PC's database work overlaps the hub's."""
        size = min(self.batch_size, self._push_sizes.get(client.base_url, MAX_BATCH))
        batch, body = await self._db(_outgoing, size, None)
        if not batch:  # a live sync with nothing to push stays cheap
            return
        total = await self._db(outbox.pending_count)
        self._report(progress=(0, total), phase="push")
        answered: bytes | None = None
        while batch:
            sending = asyncio.ensure_future(client.push_outgoing(batch, body))
            try:
                if answered is not None:
                    size = await self._acknowledge(client.base_url, answered, report, total, size)
                following, body = await self._db(_outgoing, size, batch[-1].position)
                answered = await sending
            except BaseException:  # nothing is lost: what reached the hub comes back "duplicate" next time
                if sending.done() and not sending.cancelled():
                    sending.exception()  # retrieved: it is the one being raised, or superseded by it
                sending.cancel()
                raise
            batch = following
        if answered is not None:
            await self._acknowledge(client.base_url, answered, report, total, size)

    async def _acknowledge(self, url: str, answer: bytes, report: SyncReport, total: int, size: int) -> int:
        """Write down a push's answer; the batch size for the next reads (the hub says how many it takes)."""
        quarantined, pushed, most = await self._db(_acknowledged, answer)
        report.quarantined += quarantined
        report.pushed += pushed
        self._report(progress=(min(report.pushed, total), total), phase="push")
        if most is None:
            return size
        self._push_sizes[url] = min(self.batch_size, max(most, 1))
        return self._push_sizes[url]

    async def _pull(self, client: HubClient, report: SyncReport) -> None:
        async with self._pulling():
            await self._pull_pages(client, report)

    async def _pull_pages(self, client: HubClient, report: SyncReport) -> None:
        """Pull pages until the hub has no more, fetching the next page while this one is applied."""
        since = await self._db(local.get_cursor, client.base_url)
        self._report(progress=(report.pulled, 0), phase="pull")
        fetch = asyncio.ensure_future(client.pull(since, self.page_size))
        total, counted = 0, False  # how many in all: asked with the second page (a live pull has one page)
        try:
            while True:
                page = await fetch
                if page.remaining is not None:  # a hub from before counts leaves it out
                    total = report.pulled + page.remaining
                if page.has_more:
                    fetch = asyncio.ensure_future(client.pull(page.next_cursor, self.page_size, count=not counted))
                    counted = True
                await self._apply(client.base_url, page, report)
                self._report(progress=(report.pulled, max(total, report.pulled) if total else 0), phase="pull")
                if not page.has_more:
                    return
        finally:
            if not fetch.done():
                fetch.cancel()

    async def _apply(self, hub_url: str, page: PullResponse, report: SyncReport) -> None:
        """One page in small write transactions: the counter's own saves wait for the write lock at most
        one chunk. The windows are told which entities changed here (its own changes coming back change
        nothing on screen)."""
        touched: set[str] = set()
        start = 0
        while start < len(page.changes):
            chunk = page.changes[start : start + self._apply_size]
            start += len(chunk)
            cursor = page.next_cursor if start >= len(page.changes) else chunk[-1].seq
            conflicts, took = await self._db(_timed_apply, hub_url, chunk, cursor, touched)
            report.conflicts += conflicts
            self._apply_size = _fitting(len(chunk), took)
        if not page.changes:
            await self._db(local.apply_page, hub_url, [], page.next_cursor)
        report.pulled += len(page.changes)
        if any(c.entity == "catalog_release" for c in page.changes):  # imported on another counter
            await self._db(catalog_admin.install_newest, self.unit_code)
        if touched and self.on_pulled:
            self.on_pulled(touched)

    async def _check_counts(self, client: HubClient, report: SyncReport) -> None:
        """Anki-style check: the same number of records on both sides, else pull everything again."""
        hub = (await client.counts()).counts
        wrong = local.mismatched(await self._db(local.local_counts, self.unit_code), hub)
        if wrong and wrong == self._unresolved:
            report.mismatched = wrong  # a resync did not fix it last time: report, don't pull everything every sync
            return
        if wrong:
            await self._db(local.set_cursor, client.base_url, 0)
            await self._pull(client, report)
            wrong = local.mismatched(await self._db(local.local_counts, self.unit_code), hub)
        report.mismatched = self._unresolved = wrong

    # -- forever --------------------------------------------------------------------------------
    def request_sync(self) -> None:
        """Sync as soon as possible. Safe from any thread (saves commit on the UI's or the engine's)."""
        loop = self._loop
        if loop is None or loop.is_closed() or _on_loop(loop):
            self._wake.set()
        else:
            loop.call_soon_threadsafe(self._wake.set)

    def stop(self) -> None:
        self._stopped = True
        self.request_sync()

    # -- queue claims ---------------------------------------------------------------------------
    async def claim(self, tickets: list[ClaimTicket], counter_no: int) -> ClaimResponse | None:
        """Ask the hub which of these tickets (in this counter's order) it may call; None when no hub
        answered within the claim timeout (then the offline policy applies)."""
        request = ClaimRequest(op_id=new_id(), counter_no=counter_no, tickets=tickets[:MAX_CLAIM])
        order = [self.status.hub_url] if self.status.online and self.status.hub_url else []
        order += [url for url in self._hub_order() if url not in order]
        deadline = self._now() + self.claim_timeout_s
        for url in order:
            token, remaining = self.token_provider(url), deadline - self._now()
            if not token or remaining <= 0:
                continue
            try:
                return await (await self._client(url, token, "claim")).claim(request, remaining)
            except HubUnavailable:
                await self._drop(url, "claim")
                continue
            except HubRefused:
                return None  # a hub from before claims: decide as when offline
        return None

    # -- live -----------------------------------------------------------------------------------
    async def _listen(self) -> None:
        """Long-poll the hub this PC syncs with; a change of the ward comes with the poll's answer, or wakes
        the engine to pull it."""
        try:
            await self._poll_forever()
        finally:
            self._listening = None

    async def _poll_forever(self) -> None:
        failures = 0
        while not self._stopped:
            url = self.status.hub_url if self.status.online else None
            token = self.token_provider(url) if url else None
            if not url or not token:
                self._listening = None
                await asyncio.sleep(0.2)
                continue
            self._listening = url
            cursor = await self._db(local.get_cursor, url)
            since = max(cursor, self._seen_latest.get(url, 0))
            page = self.page_size if since == cursor else None  # a page from elsewhere would leave a gap
            try:
                answer = await (await self._client(url, token, "wait")).wait(since, self.wait_s, page)
                failures = 0
                if answer.changed:
                    self._seen_latest[url] = answer.latest
                    self._paged[url] = answer.page is not None
                    if answer.page is None or not await self._take(url, since, answer.page):
                        self._pull_soon()
            except StorageError:  # the page could not be written here: a sync pulls it and says why
                self._pull_soon()
            except HubRefused:
                self._listening = None
                await asyncio.sleep(self.interval_s)  # a hub without long polls: the interval it is
            except HubUnavailable:
                self._listening = None
                await self._drop(url, "wait")
                # full jitter, growing to the probe interval: a city's PCs whose hub restarted must not
                # come back in the same second
                failures += 1
                await asyncio.sleep(random.uniform(0, min(self.probe_s, 0.5 * 2**failures)))

    def _pull_soon(self) -> None:
        self._pull_due = True
        self.request_sync()

    async def _take(self, url: str, since: int, page: PullResponse) -> bool:
        """Apply the page a long poll brought, as a pull from `since` would; False when a sync must pull
        (the page starts past the cursor here, or there is more). A page holds every change of the ward
        from `since` to its end, so when the cursor has moved into it meanwhile (the sync after this PC's
        own push), what lies past the cursor is exactly what a pull from there would bring. A PC woken by
        another counter's save so makes one request instead of two."""
        async with self._pulling():
            cursor = await self._db(local.get_cursor, url)
            if cursor < since or not page.changes:
                return False  # a gap between what is here and the page
            rest = [change for change in page.changes if change.seq > cursor]
            if not rest:
                return not page.has_more  # all here already
            report = SyncReport(url)
            page = PullResponse(changes=rest, next_cursor=page.next_cursor, has_more=page.has_more)
            await self._apply(url, page, report)
        self._report(last_success=utc_now())
        if report.conflicts:
            await self.refresh_counts()
        return not page.has_more

    async def _wait(self, seconds: float) -> bool:
        """Wait for a request or the time; True when a request came."""
        woken = False
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._wake.wait(), timeout=seconds)
            woken = True
        self._wake.clear()
        return woken

    async def _probe(self) -> float | None:
        """None while no hub answers; else the seconds the hub that answered asks its PCs to spread their
        return over (sync/hub/spread.py)."""
        for url in self.hubs:
            client = HubClient(url, None, self.timeout_s)
            try:
                spread = await client.health(timeout=min(3.0, self.probe_s))
                if spread is not None:
                    return spread
            finally:
                await client.close()
        return None

    async def _take_place(self, seconds: float) -> None:
        """Wait for this PC's place in the return, `seconds`, whatever comes but a stop: a save or news meanwhile
        is synced when it ends. The status says so when the wait is long enough to notice."""
        if seconds >= 1:
            self._report(**_error(MSG_RETURNING, seconds=str(math.ceil(seconds))))
        deadline = asyncio.get_running_loop().time() + seconds
        while not self._stopped and (left := deadline - asyncio.get_running_loop().time()) > 0:
            await asyncio.sleep(min(left, 0.25))

    async def run(self) -> None:
        """Sync, then wait for the interval or a request; offline, back off with full jitter
        (capped) but probe every few seconds and sync at once when a hub answers."""
        self._loop = asyncio.get_running_loop()
        stop_hearing = outbox.on_saved(self.db, self.request_sync)
        listener = asyncio.ensure_future(self._listen()) if self.live else None
        try:
            await self._run()
        finally:
            stop_hearing()
            if listener is not None:
                listener.cancel()
            await self._close_clients()
            self._worker.shutdown(wait=False)

    async def _run(self) -> None:
        failures, woken = 0, False
        await self.refresh_counts()
        while not self._stopped:
            try:
                await self.sync_once(live=woken)
                failures = 0
                woken = await self._wait(self.interval_s)
                continue
            except (HubUnavailable, HubRefused):
                failures, woken = failures + 1, False
            except StorageError as exc:  # disk full or read-only: the status says so; retried later
                self._report(progress=None, phase=None, **_error(exc.template))
                failures, woken = failures + 1, False
            backoff = random.uniform(0, min(self.max_backoff_s, self.probe_s * 2**failures))
            deadline = asyncio.get_running_loop().time() + backoff
            while not self._stopped:  # the next sync follows a probe: one that finds the hub, or the last one
                await self._wait(min(self.probe_s, max(0.0, deadline - asyncio.get_running_loop().time())))
                spread = None if self._stopped else await self._probe()
                if spread is not None:
                    # the hub is back, and so is every PC that was probing it: each at its own moment
                    await self._take_place(spread * self.return_draw())
                    break
                if asyncio.get_running_loop().time() >= deadline:
                    break


def _acknowledged(session: Session, answer: bytes) -> tuple[int, int, int | None]:
    """A push's answer read (transport.read_push_answer) and written down: (quarantined now, taken by the
    hub, how many operations the hub takes per push if it said)."""
    read = transport.read_push_answer(answer)
    quarantined = local.acknowledge(session, read.results)
    return quarantined, sum(r.status != "rejected" for r in read.results), read.max_batch


def _timed_apply(
    session: Session, hub_url: str, chunk: list[Change], cursor: int, touched: set[str]
) -> tuple[int, float]:
    """local.apply_page, and how long it took on the database worker (not counting its waits for the window:
    the chunks are fitted to the work)."""
    began, waited = time.perf_counter(), pacing.waited()
    conflicts = local.apply_page(session, hub_url, chunk, cursor, touched)
    return conflicts, time.perf_counter() - began - (pacing.waited() - waited)


def _fitting(size: int, took: float) -> int:
    """How many changes fit APPLY_TARGET_S at the pace `size` took `took` seconds (within the bounds)."""
    return max(APPLY_MIN, min(APPLY_CHUNK, int(size * APPLY_TARGET_S / max(took, 1e-4))))


def _on_loop(loop: asyncio.AbstractEventLoop) -> bool:
    try:
        return asyncio.get_running_loop() is loop
    except RuntimeError:
        return False
