"""The read lane (sync/hub/fastread.py): pulls and long polls answered in front of FastAPI give the same
answers as the routes, which still answer every request the lane is not sure of."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

import httpx
import pytest

from sync.hub import service
from sync.hub.fastread import Pull, Wait, read_request
from sync.hub.live import feed_for
from sync.protocol import PROTOCOL_HEADER
from tests.sync.conftest import enroll_device
from tests.sync.hubserver import RunningHub
from tests.sync.test_hub_api import op, push

HubFactory = Callable[..., RunningHub]


@pytest.mark.parametrize(
    ("path", "query", "expected"),
    [
        ("/v1/pull", b"", Pull(0, 500, False)),
        ("/v1/pull", b"since=7&limit=2&count=true", Pull(7, 2, True)),
        ("/v1/pull", b"since=9223372036854775807", Pull(2**63 - 1, 500, False)),
        ("/v1/wait", b"since=3&timeout=25.0", Wait(3, 25.0)),
        ("/v1/wait", b"timeout=0", Wait(0, 0.0)),
        ("/v1/wait", b"since=3&timeout=25&page=1000", Wait(3, 25.0, 1000)),
        ("/v1/wait", b"page=1", Wait(0, 25.0, 1)),
        # the route decides: unknown, repeated, other spellings, out of bounds, empty
        ("/v1/pull", b"since=1&since=2", None),
        ("/v1/pull", b"sinse=1", None),
        ("/v1/pull", b"count=1", None),
        ("/v1/pull", b"since=-1", None),
        ("/v1/pull", b"since=9223372036854775808", None),
        ("/v1/pull", b"limit=0", None),
        ("/v1/pull", b"limit=1001", None),
        ("/v1/pull", b"since=", None),
        ("/v1/pull", b"since=%FF", None),
        ("/v1/wait", b"timeout=61", None),
        ("/v1/wait", b"timeout=1e1", None),
        ("/v1/wait", b"limit=5", None),
        ("/v1/wait", b"page=0", None),
        ("/v1/wait", b"page=1001", None),
        ("/v1/wait", b"page=", None),
        ("/v1/wait", b"page=1&page=2", None),
        ("/v1/counts", b"", None),
    ],
)
def test_what_the_lane_takes(path: str, query: bytes, expected: Pull | Wait | None) -> None:
    assert read_request(path, "GET", query) == expected
    assert read_request(path, "HEAD", query) is None


def _client(hub: RunningHub, token: str) -> httpx.Client:
    headers = {PROTOCOL_HEADER: "2", "Authorization": f"Bearer {token}"}
    return httpx.Client(base_url=hub.url, headers=headers, timeout=10)


def test_lane_and_route_answer_alike(hub_factory: HubFactory, hub_db_url: str) -> None:
    hub = hub_factory(hub_db_url)
    with _client(hub, enroll_device(hub)) as c:
        pushed = [op(entity="ticket") for _ in range(3)]
        assert [r["status"] for r in push(c, *pushed)] == ["applied"] * 3
        # `count=true` is the lane's, `count=1` the route's (FastAPI reads it as true too)
        lane, route = (c.get(f"/v1/pull?since=0&limit=2&count={flag}") for flag in ("true", "1"))
        assert lane.status_code == route.status_code == 200
        assert lane.content == route.content and lane.headers["content-type"] == route.headers["content-type"]
        assert [ch["op_id"] for ch in lane.json()["changes"]] == [o["op_id"] for o in pushed[:2]]
        assert lane.json()["has_more"] is True and lane.json()["remaining"] == 3
        # `timeout=0` is the lane's, `timeout=0e0` the route's
        waits = [c.get(f"/v1/wait?since={since}&timeout={t}") for since in (0, 10**6) for t in ("0", "0e0")]
        assert waits[0].content == waits[1].content and waits[0].json()["changed"] is True
        assert waits[2].content == waits[3].content and waits[2].json()["changed"] is False
        assert "page" not in waits[0].json()  # a PC from before the page gets the answer it knows
        # with a page: the pull's own answer from `since` rides along; none when nothing changed
        paged = [c.get(f"/v1/wait?since=1&timeout={t}&page=1") for t in ("0", "0e0")]
        assert paged[0].content == paged[1].content
        pulled = c.get("/v1/pull?since=1&limit=1").json()
        assert paged[0].json() == {"latest": waits[0].json()["latest"], "changed": True, "page": pulled}
        assert [ch["op_id"] for ch in pulled["changes"]] == [pushed[1]["op_id"]] and pulled["has_more"] is True
        still = c.get("/v1/wait?since=1000000&timeout=0&page=5").json()
        assert still == {"latest": waits[0].json()["latest"], "changed": False}
        # its own changes alone do not answer a poll that asked for the page; another PC's do
        own = [c.get(f"/v1/wait?since=1&timeout={t}&page=5").json() for t in ("0", "0e0")]
        assert own == [{"latest": waits[0].json()["latest"], "changed": False}] * 2
        with _client(hub, enroll_device(hub, counter=2)) as other:
            assert [r["status"] for r in push(other, op(entity="ticket"))] == ["applied"]
        woken = [c.get(f"/v1/wait?since=1&timeout={t}&page=5").json() for t in ("0", "0e0")]
        assert woken[0] == woken[1] and woken[0]["changed"] is True and len(woken[0]["page"]["changes"]) == 3
        assert "page" not in c.get("/v1/wait?since=1&timeout=0").json()  # without a page: woken by its own
        assert c.get("/v1/wait?since=1&timeout=0").json()["changed"] is True
        assert c.get("/v1/wait?timeout=0&page=1001").status_code == 422  # the route's bounds
        assert "page" in str(c.get("/openapi.json").json()["paths"]["/v1/wait"])
        # what the lane does not take still gets the route's answer
        unknown = c.get("/v1/pull?since=0&sinse=5")
        assert unknown.status_code == 422 and unknown.json()["error"] == "invalid_request"
    for token, status, error in [
        ("wrong", 401, "unauthenticated"),
        (service.new_peer_token(hub.engine, "p"), 403, "forbidden"),
    ]:
        with _client(hub, token) as c:
            for path in ("/v1/pull?since=0", "/v1/pull?since=0&count=1", "/v1/wait?timeout=0", "/v1/wait?timeout=0e0"):
                answer = c.get(path)
                assert answer.status_code == status and answer.json()["error"] == error, path
            assert c.get("/v1/pull?since=0").content == c.get("/v1/pull?since=0&count=1").content


def test_a_long_poll_is_woken_by_another_pcs_push(
    hub_factory: HubFactory, hub_db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Woken by the push itself, not by the periodic re-check (set far beyond the test's wait), both the first
    time a worker sees a token and when it already knows the token's ward (it listens before it looks)."""
    monkeypatch.setenv("WARD_HUB_RECHECK_S", "300")
    hub = hub_factory(hub_db_url)
    assert feed_for(hub.engine).recheck_s == 300
    waiter, pusher = enroll_device(hub, counter=1), enroll_device(hub, counter=2)
    with _client(hub, waiter) as w, _client(hub, pusher) as p:
        latest = 0
        for _round in range(2):
            answers: list[httpx.Response] = []
            started = threading.Event()

            def poll(since: int = latest, out: list[httpx.Response] = answers, go: threading.Event = started) -> None:
                go.set()
                out.append(w.get("/v1/wait", params={"since": since, "timeout": 30}, timeout=40))

            thread = threading.Thread(target=poll)
            thread.start()
            started.wait()
            time.sleep(0.5)  # the poll is waiting at the hub
            assert not answers
            push(p, op(entity="ticket"))
            thread.join(timeout=20)
            assert answers and answers[0].status_code == 200 and answers[0].json()["changed"] is True
            assert answers[0].json()["latest"] > latest
            latest = answers[0].json()["latest"]
