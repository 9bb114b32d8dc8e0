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
from tests.sync.ward import UNIT, Ward, issue, until


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


Requests = dict[str, list[tuple[str, int]]]


def _tickets_go_both_ways(ward: Ward, caplog: pytest.LogCaptureFixture) -> tuple[Requests, Requests]:
    """The kiosk issues a ticket, the desk one, the kiosk another; each reaches the other PC by the live path
    (the interval is 30 s). Returns the requests each PC made throughout, and after the desk's ticket."""
    kiosk = ward.add_pc("kiosk", 0, Role.VOLUNTEER)
    desk = ward.add_pc("quay1", 1)
    from tests.sync.test_ward_live import _setup_group

    _setup_group(kiosk)
    names = ("kiosk", "quay1")

    def logged() -> Requests:
        return {name: _requests(caplog, _device_id(ward, name)) for name in names}

    async def scenario() -> tuple[Requests, Requests]:
        for pc in ward.pcs:
            pc.start(ward.hubs)
        await until(lambda: all(pc.engine and pc.engine.status.hub_url == ward.hub.url for pc in ward.pcs))
        await until(lambda: any("service_group" in news for news in desk.pulled))  # the kiosk's group is here
        await asyncio.sleep(0.5)  # every long poll is in place again
        caplog.clear()
        first = issue(kiosk)
        await until(lambda: first.id in desk.tickets(), seconds=5)
        await until(lambda: any("ticket" in news for news in desk.pulled))  # the window is told
        second = issue(desk)
        await until(lambda: second.id in kiosk.tickets(), seconds=5)
        await asyncio.sleep(0.3)
        before = logged()
        caplog.clear()
        third = issue(kiosk)
        await until(lambda: third.id in desk.tickets(), seconds=5)
        await asyncio.sleep(0.3)  # anything either would still send because of it
        after = logged()
        for pc in ward.pcs:
            await pc.stop()
        assert {first.id, second.id, third.id} <= set(kiosk.tickets()) & set(desk.tickets())
        everything = {n: before[n] + after[n] for n in names}
        return everything, after

    caplog.set_level(logging.INFO, logger="ward_hub")
    try:
        return asyncio.run(asyncio.wait_for(scenario(), 60))
    finally:
        ward.close()


def _pulls(requests: list[tuple[str, int]]) -> list[tuple[str, int]]:
    return [r for r in requests if r[0] == "/v1/pull"]


def test_counters_take_each_others_tickets_from_the_long_poll(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    """Woken by the other PC's save, each applies the page the answer brought; once its hub is known to bring
    pages, a PC that saved does not pull after its push either: its own changes come back in the next page."""
    everything, after = _tickets_go_both_ways(Ward(tmp_path), caplog)
    assert ("/v1/wait", 200) in everything["quay1"] and ("/v1/wait", 200) in everything["kiosk"]
    assert not _pulls(everything["quay1"]), everything["quay1"]  # the desk never pulled
    assert ("/v1/push", 200) in after["kiosk"] and not _pulls(after["kiosk"]), after["kiosk"]


def test_a_hub_from_before_the_page_still_wakes_the_counters_to_pull(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    everything, after = _tickets_go_both_ways(Ward(tmp_path, hub_wrap=_before_pages), caplog)
    assert ("/v1/wait", 200) in everything["quay1"] and ("/v1/pull", 200) in everything["quay1"]
    assert ("/v1/push", 200) in after["kiosk"] and ("/v1/pull", 200) in after["kiosk"]  # pulls after its push


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
