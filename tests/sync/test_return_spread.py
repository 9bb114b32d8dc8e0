"""After the hub was away, its PCs come back spread over the time the hub asks for (`/v1/health`'s
`return_spread_s`, sync/hub/spread.py: so much per enrolled device), not all within the few seconds of their
probes; a hub from before asks for nothing and a PC comes back at once, as before."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest
from starlette.types import ASGIApp, Receive, Scope, Send

from sync.hub import service
from sync.hub.spread import PER_DEVICE_ENV, SPREAD_PER_DEVICE_S
from sync.protocol import MAX_RETURN_SPREAD_S
from tests.sync.conftest import enroll_device
from tests.sync.helpers import add_citizens, counter_db, engine_for, outbox_ids, run
from tests.sync.hubserver import RunningHub

HubFactory = Callable[..., RunningHub]


def _spread(hub: RunningHub) -> float:
    answer = httpx.get(f"{hub.url}/v1/health", timeout=10)
    assert answer.status_code == 200
    return float(answer.json()["return_spread_s"])


def test_the_hub_asks_for_a_spread_by_the_devices_it_serves(
    hub_factory: HubFactory, hub_db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    hub = hub_factory(hub_db_url)
    for counter in range(1, 6):
        enroll_device(hub, counter=counter)
    assert service.revoke(hub.engine, service.list_devices(hub.engine)[0].id)  # a revoked PC comes back to nothing
    assert _spread(hub) == pytest.approx(4 * SPREAD_PER_DEVICE_S)
    monkeypatch.setenv(PER_DEVICE_ENV, "0.5")  # IT staff's setting for their hub (docs/hub.md)
    assert _spread(hub) == pytest.approx(2.0)
    monkeypatch.setenv(PER_DEVICE_ENV, "1000")
    assert _spread(hub) == MAX_RETURN_SPREAD_S
    monkeypatch.setenv(PER_DEVICE_ENV, "nhiều")
    assert _spread(hub) == pytest.approx(4 * SPREAD_PER_DEVICE_S)


def _before_spread(app: ASGIApp) -> ASGIApp:
    """A hub from before the spread: its health answer says only that it is up."""

    async def hub(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["path"] == "/v1/health":
            body = json.dumps({"status": "ok", "protocol": 2}).encode()
            await send(
                {"type": "http.response.start", "status": 200, "headers": [(b"content-type", b"application/json")]}
            )
            await send({"type": "http.response.body", "body": body})
            return
        await app(scope, receive, send)

    return hub


def _returns(hub: RunningHub, tmp_path: Path, draws: dict[str, float]) -> dict[str, float]:
    """Each PC (its own SQLite file, its own engine) saves while the hub is away; the hub starts; the seconds
    from then until each PC's backlog is at the hub."""
    engines = {}
    for n, (name, draw) in enumerate(draws.items(), start=1):
        db = counter_db(tmp_path, name)
        add_citizens(db, 2)
        fast = {"probe_s": 0.2, "interval_s": 60, "max_backoff_s": 60, "return_draw": lambda d=draw: d}
        engines[name] = (db, engine_for(db, {hub.url: enroll_device(hub, counter=n)}, **fast))
    came: dict[str, float] = {}

    async def scenario() -> None:
        tasks = [asyncio.create_task(engine.run()) for _, engine in engines.values()]
        await asyncio.sleep(1.0)
        assert not any(engine.status.online for _, engine in engines.values())
        await asyncio.to_thread(hub.start)
        back = time.monotonic()
        while len(came) < len(engines) and time.monotonic() - back < 30:
            for name, (db, _) in engines.items():
                if name not in came and not outbox_ids(db):
                    came[name] = time.monotonic() - back
            await asyncio.sleep(0.05)
        for _, engine in engines.values():
            engine.stop()
        await asyncio.wait_for(asyncio.gather(*tasks), 10)

    try:
        run(scenario(), timeout=60)
    finally:
        hub.close()
    return came


def test_pcs_coming_back_take_their_places_in_the_spread(
    sqlite_hub_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(PER_DEVICE_ENV, "2.0")  # 2 PCs: a spread of 4 s
    came = _returns(RunningHub(sqlite_hub_url), tmp_path, {"first": 0.0, "late": 0.75})
    assert set(came) == {"first", "late"}  # both backlogs at the hub: nothing lost
    assert came["first"] < 2.0  # its place is the start: back within a probe or two
    assert came["late"] >= 3.0  # 0.75 of 4 s after the probe that found the hub


def test_a_hub_from_before_is_returned_to_at_once(sqlite_hub_url: str, tmp_path: Path) -> None:
    came = _returns(RunningHub(sqlite_hub_url, wrap=_before_spread), tmp_path, {"late": 0.75})
    assert came["late"] < 2.0  # no spread asked: as before


def test_a_stop_ends_the_wait_for_a_place(sqlite_hub_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(PER_DEVICE_ENV, "1000")  # the longest spread, 300 s
    hub = RunningHub(sqlite_hub_url)
    db = counter_db(tmp_path, "c1")
    add_citizens(db, 1)
    engine = engine_for(db, {hub.url: enroll_device(hub)}, probe_s=0.2, return_draw=lambda: 1.0)

    async def scenario() -> float:
        task = asyncio.create_task(engine.run())
        await asyncio.sleep(0.5)
        await asyncio.to_thread(hub.start)
        await asyncio.sleep(1.5)  # found the hub, holding for its place at the end of 300 s
        assert outbox_ids(db)
        assert not engine.status.online  # the officer's status bar says why nothing is sent yet
        assert engine.status.last_error_vi == (
            "Máy chủ đã hoạt động lại; máy này đồng bộ sau 300 giây (các máy lần lượt trở lại)."
        )
        began = time.monotonic()
        engine.stop()
        await asyncio.wait_for(task, 10)
        return time.monotonic() - began

    try:
        assert run(scenario(), timeout=30) < 5
    finally:
        hub.close()
    assert outbox_ids(db)  # stopped before it synced: still in the outbox, sent at the next start
