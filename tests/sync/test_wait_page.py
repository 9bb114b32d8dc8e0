"""The long poll carries the page: a PC woken by another counter's save applies what the hub's answer brought
and makes no pull request of its own (one request per wake instead of two, for a hub that carries a city).
Each PC has its own SQLite file and sync engine; the hubs are real, on 127.0.0.1."""

from __future__ import annotations

import asyncio
import json
import logging
from pathlib import Path
from urllib.parse import parse_qsl, urlencode

import pytest
from starlette.types import ASGIApp, Receive, Scope, Send

from counter_app.access import Role
from sync.client import local
from sync.client.engine import SyncEngine
from sync.hub import service
from sync.protocol import Change, PullResponse
from tests.sync.ward import PC, UNIT, Ward, issue, until


def _requests(caplog: pytest.LogCaptureFixture, device_id: str) -> list[tuple[str, int]]:
    """(path, status) of each request the hub logged for one device (the guard's request log)."""
    out = []
    for record in caplog.records:
        if record.name == "ward_hub" and record.getMessage().startswith("{"):
            line = json.loads(record.getMessage())
            if line["device"] == device_id:
                out.append((line["path"], line["status"]))
    return out


def _device_id(ward: Ward, name: str) -> str:
    return next(d.id for d in service.list_devices(ward.hub.engine) if d.name == name)


def _before_pages(app: ASGIApp) -> ASGIApp:
    """A hub from before the page: it ignores the parameter it does not know (its route takes no `page`)."""

    async def hub(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["path"] == "/v1/wait":
            kept = [(k, v) for k, v in parse_qsl(scope["query_string"].decode()) if k != "page"]
            scope = {**scope, "query_string": urlencode(kept).encode()}
        await app(scope, receive, send)

    return hub


def _ticket_reaches_the_desk(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, ward: Ward
) -> tuple[list[tuple[str, int]], PC]:
    kiosk = ward.add_pc("kiosk", 0, Role.VOLUNTEER)
    desk = ward.add_pc("quay1", 1)
    from tests.sync.test_ward_live import _setup_group

    _setup_group(kiosk)

    async def scenario() -> list[tuple[str, int]]:
        for pc in ward.pcs:
            pc.start(ward.hubs)
        await until(lambda: all(pc.engine and pc.engine.status.hub_url == ward.hub.url for pc in ward.pcs))
        await until(lambda: any("service_group" in news for news in desk.pulled))  # the kiosk's group is here
        await asyncio.sleep(0.5)  # every long poll is in place again
        caplog.clear()
        ticket = issue(kiosk)
        await until(lambda: ticket.id in desk.tickets(), seconds=5)  # the interval is 30 s: the live path
        await until(lambda: any("ticket" in news for news in desk.pulled))  # the window is told
        await asyncio.sleep(0.3)  # anything the desk would still send because of it
        for pc in ward.pcs:
            await pc.stop()
        return _requests(caplog, _device_id(ward, "quay1"))

    caplog.set_level(logging.INFO, logger="ward_hub")
    try:
        return asyncio.run(asyncio.wait_for(scenario(), 60)), desk
    finally:
        ward.close()


def test_a_counter_woken_by_the_kiosk_takes_the_ticket_from_the_long_poll(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    requests, _desk = _ticket_reaches_the_desk(tmp_path, caplog, Ward(tmp_path))
    assert ("/v1/wait", 200) in requests
    assert not [r for r in requests if r[0] == "/v1/pull"], requests  # no pull of its own


def test_a_hub_from_before_the_page_still_wakes_the_counter_to_pull(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    requests, _desk = _ticket_reaches_the_desk(tmp_path, caplog, Ward(tmp_path, hub_wrap=_before_pages))
    assert ("/v1/wait", 200) in requests and ("/v1/pull", 200) in requests


def _change(seq: int) -> Change:
    payload = {"id": f"g{seq}", "unit_code": UNIT, "code": f"G{seq}", "name": "Nhóm", "prefix": "G"}
    return Change(
        seq=seq, op_id=f"op{seq}", entity="service_group", entity_id=f"g{seq}", op="upsert", payload=payload,
        origin_device="other",
    )  # fmt: skip


def test_a_page_that_is_not_the_next_one_here_is_left_to_a_sync(tmp_path: Path) -> None:
    """A page from the long poll is applied only from the cursor it was asked from: one a sync overtook is
    dropped (or, if there is more, a sync is asked for), and the cursor never moves back."""
    ward = Ward(tmp_path)
    desk = ward.add_pc("quay1", 1)
    url = ward.hub.url
    engine = SyncEngine(desk.db, ward.hubs, desk.tokens.get, UNIT, on_pulled=desk.pulled.append)

    async def scenario() -> None:
        page = PullResponse(changes=[_change(4), _change(5)], next_cursor=5, has_more=False)
        assert await engine._take(url, 3, page) is False  # asked from 3, but the cursor here is 0: a gap
        assert await engine.run_db(local.get_cursor, url) == 0 and not desk.pulled
        assert await engine._take(url, 0, PullResponse(changes=[_change(1), _change(2)], next_cursor=2, has_more=False))
        assert await engine.run_db(local.get_cursor, url) == 2 and desk.pulled == [{"service_group"}]
        stale = PullResponse(changes=[_change(1)], next_cursor=1, has_more=False)
        assert await engine._take(url, 0, stale) is True  # already here: nothing to do, no sync
        assert await engine.run_db(local.get_cursor, url) == 2  # not moved back
        more = PullResponse(changes=[_change(3)], next_cursor=3, has_more=True)
        assert await engine._take(url, 2, more) is False  # applied, but there is more: a sync pulls it
        assert await engine.run_db(local.get_cursor, url) == 3
        # the cursor moved into the page meanwhile: what lies past it is what a pull from there brings
        desk.pulled.clear()
        overtaken = PullResponse(changes=[_change(s) for s in (2, 3, 4, 5)], next_cursor=5, has_more=False)
        assert await engine._take(url, 1, overtaken) is True
        assert await engine.run_db(local.get_cursor, url) == 5 and desk.pulled == [{"service_group"}]

    try:
        asyncio.run(scenario())
    finally:
        engine._worker.shutdown()
        ward.close()
