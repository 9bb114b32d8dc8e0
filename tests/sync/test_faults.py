"""Faults between client and hub, through our own TCP proxy: after each, every operation is at
the hub exactly once and the outbox is empty."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest

from sync.client.engine import SyncEngine
from sync.client.transport import HubUnavailable
from tests.sync.conftest import enroll_device
from tests.sync.helpers import add_citizens, counter_db, engine_for, hub_op_ids, outbox_ids, run
from tests.sync.hubserver import RunningHub
from tests.sync.proxy import FaultProxy

HubFactory = Callable[..., RunningHub]
OPS = 40


@pytest.fixture
def proxied(
    hub_factory: HubFactory, sqlite_hub_url: str, tmp_path: Path
) -> Iterator[tuple[RunningHub, FaultProxy, SyncEngine]]:
    hub = hub_factory(sqlite_hub_url)
    proxy = FaultProxy(hub.port)
    db = counter_db(tmp_path, "c1")
    add_citizens(db, OPS)
    engine = engine_for(db, {proxy.url: enroll_device(hub)}, batch_size=10, timeout_s=1.5)
    yield hub, proxy, engine
    proxy.close()


def _exactly_once(hub: RunningHub, engine: SyncEngine) -> None:
    ids = hub_op_ids(hub.engine)
    assert len(ids) == OPS and len(set(ids)) == OPS
    assert outbox_ids(engine.db) == []


@pytest.mark.parametrize("mode", ["refuse", "drop_request", "drop_response", "error503"])
def test_fault_then_recovery(proxied: tuple[RunningHub, FaultProxy, SyncEngine], mode: str) -> None:
    hub, proxy, engine = proxied
    proxy.set(mode, faults=1)  # the first connection fails
    with pytest.raises(HubUnavailable):
        run(engine.sync_once())
    run(engine.sync_once())
    _exactly_once(hub, engine)


def test_response_lost_after_the_hub_committed(proxied: tuple[RunningHub, FaultProxy, SyncEngine]) -> None:
    hub, proxy, engine = proxied
    proxy.set("drop_response", faults=1)
    with pytest.raises(HubUnavailable):
        run(engine.sync_once())
    assert len(hub_op_ids(hub.engine)) == 10  # the hub has the first batch...
    assert len(outbox_ids(engine.db)) == OPS  # ...but the client never heard, so it keeps everything
    report = run(engine.sync_once())
    assert report.pushed == OPS  # the first batch comes back as "duplicate"
    _exactly_once(hub, engine)


def test_slow_answers(proxied: tuple[RunningHub, FaultProxy, SyncEngine]) -> None:
    hub, proxy, engine = proxied
    proxy.set("delay", delay_s=3.0, faults=1)  # slower than the client's 1.5 s timeout
    with pytest.raises(HubUnavailable):
        run(engine.sync_once())
    proxy.set("delay", delay_s=0.2)  # slow but within the timeout
    run(engine.sync_once())
    _exactly_once(hub, engine)


def test_hub_restarted_mid_batch(proxied: tuple[RunningHub, FaultProxy, SyncEngine]) -> None:
    hub, proxy, engine = proxied
    proxy.set("delay", delay_s=0.3)

    async def scenario() -> None:
        task = asyncio.create_task(engine.sync_once())
        await asyncio.sleep(0.7)  # a few batches in
        await asyncio.to_thread(hub.restart)
        with contextlib.suppress(HubUnavailable):
            await task

    run(scenario())
    assert 0 < len(hub_op_ids(hub.engine)) <= OPS
    proxy.set("pass")
    run(engine.sync_once())
    _exactly_once(hub, engine)


def test_one_narrow_case_with_a_mock_transport(tmp_path: Path) -> None:
    """A hub that answers 200 with garbage: treated as unavailable, nothing removed."""
    from sync.client import transport

    db = counter_db(tmp_path, "c1")
    add_citizens(db, 3)
    original = transport.httpx.AsyncClient

    def garbage_client(**kwargs: object) -> httpx.AsyncClient:
        kwargs["transport"] = httpx.MockTransport(lambda _r: httpx.Response(200, content=b"<html>proxy login</html>"))
        return original(**kwargs)  # type: ignore[arg-type]

    transport.httpx.AsyncClient = garbage_client  # type: ignore[assignment,misc]
    try:
        with pytest.raises(HubUnavailable):
            run(engine_for(db, {"http://hub.invalid": "t"}).sync_once())
    finally:
        transport.httpx.AsyncClient = original  # type: ignore[misc]
    assert len(outbox_ids(db)) == 3
