"""Tokens a hub worker keeps (sync/hub/tokens.py): most requests authenticate without a database read, and a
revoked token is still refused at once by every worker, through NOTIFY; a revocation no worker heard is refused
after the kept entry's time at most; nothing is kept while a worker's LISTEN link is down, nor on SQLite."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC, datetime

import httpx
import psycopg
import pytest
from sqlalchemy import text

from sync.hub import cli, service
from sync.hub.tokens import TokenCache, tokens_for
from sync.protocol import PROTOCOL_HEADER
from tests.sync.conftest import enroll_device
from tests.sync.hubserver import ProcessHub, RunningHub
from tests.sync.test_hub_api import op

HubFactory = Callable[..., RunningHub]
POSTGRES = pytest.mark.parametrize("hub_db_url", ["postgresql"], indirect=True)


def _client(url: str, token: str) -> httpx.Client:
    return httpx.Client(base_url=url, headers={PROTOCOL_HEADER: "2", "Authorization": f"Bearer {token}"}, timeout=10)


def _answers(c: httpx.Client) -> set[int]:
    """The status of each kind of request a PC makes: the guard's own check (counts, push) and the read
    lane's (pull, long poll)."""
    return {
        c.get("/v1/counts").status_code,
        c.post("/v1/push", json={"ops": [op(entity="ticket")]}).status_code,
        c.get("/v1/pull", params={"since": 0}).status_code,
        c.get("/v1/wait", params={"since": 0, "timeout": 0}).status_code,
    }


def _until(check: Callable[[], bool], seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while not check():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


def _revoke_unannounced(engine: object, device_id: str) -> None:
    """A revocation no worker hears of (as if every LISTEN link had missed its notification)."""
    moment = datetime.now(UTC).replace(tzinfo=None)  # as the hub stores its moments
    with engine.begin() as conn:  # type: ignore[attr-defined]
        conn.execute(text("UPDATE hub_device SET revoked_at = :at WHERE id = :id"), {"at": moment, "id": device_id})


def _device_id(engine: object, token: str) -> str:
    (device,) = [d for d in service.list_devices(engine) if d.token_hash == service.digest(token)]  # type: ignore[arg-type]
    return device.id


@POSTGRES
def test_a_revoked_token_is_refused_by_every_hub_process_at_once(hub_db_url: str) -> None:
    """Two hub processes over one database stand for the city hub's workers, each keeping the tokens it
    accepted for an hour here: only the revocation's NOTIFY can make them refuse it."""
    workers = [ProcessHub(hub_db_url, env={"WARD_HUB_TOKEN_CACHE_S": "3600"}).start() for _ in range(2)]
    try:
        token = enroll_device(workers[0])  # type: ignore[arg-type]
        clients = [_client(w.url, token) for w in workers]
        for c in clients:  # each worker accepts it (and keeps it)
            assert _answers(c) == {200}
            assert _answers(c) == {200}
        assert cli.main(["--database-url", hub_db_url, "revoke", _device_id(workers[0].engine, token)]) == 0
        for c in clients:
            assert _until(lambda c=c: _answers(c) == {401}, seconds=10), "a worker still serves a revoked token"
            assert c.get("/v1/pull").json()["error"] == "unauthenticated"
        for c in clients:
            c.close()
    finally:
        for w in workers:
            w.close()


@POSTGRES
def test_a_kept_token_is_forgotten_by_notify_or_when_its_time_is_up(hub_factory: HubFactory, hub_db_url: str) -> None:
    hub = hub_factory(hub_db_url)
    cache = tokens_for(hub.engine)
    assert _until(lambda: cache._live, seconds=10)  # the hub's LISTEN link is up
    cache.ttl_s = 3600
    token = enroll_device(hub)
    device_id = _device_id(hub.engine, token)
    with _client(hub.url, token) as c:
        assert _answers(c) == {200}
        assert cache.get(service.digest(token)) is not None  # kept: the next requests read no token
        _revoke_unannounced(hub.engine, device_id)
        assert _answers(c) == {200}  # kept, and nobody said otherwise
        with hub.engine.begin() as conn:  # what service.revoke sends with its commit
            conn.execute(text("SELECT pg_notify('ward_device', :id)"), {"id": device_id})
        assert _until(lambda: _answers(c) == {401}, seconds=10)

    cache.ttl_s = 0.5  # the bound when a worker hears nothing at all
    token = enroll_device(hub, counter=2)
    with _client(hub.url, token) as c:
        assert _answers(c) == {200}
        _revoke_unannounced(hub.engine, _device_id(hub.engine, token))
        assert _until(lambda: _answers(c) == {401}, seconds=10)


@POSTGRES
def test_no_token_is_kept_while_the_listen_link_is_down(hub_factory: HubFactory, hub_db_url: str) -> None:
    """A worker whose LISTEN link dropped would not hear a revocation: it reads every token until the link is
    back, and then starts afresh (what it kept before may have been revoked meanwhile)."""
    hub = hub_factory(hub_db_url)
    cache = tokens_for(hub.engine)
    assert _until(lambda: cache._live, seconds=10)
    cache.ttl_s = 3600
    token = enroll_device(hub)
    with _client(hub.url, token) as c:
        assert _answers(c) == {200}
        assert cache.get(service.digest(token)) is not None
        admin = hub.engine.url.set(drivername="postgresql").render_as_string(hide_password=False)
        with psycopg.connect(admin, autocommit=True) as conn:  # the link drops (a database restart does this)
            ended = conn.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query LIKE 'LISTEN ward_change%%'"
                " AND datname = %s",
                (hub.engine.url.database,),
            ).fetchall()
        assert ended == [(True,)]
        assert _until(lambda: not cache._live, seconds=10)
        assert cache.get(service.digest(token)) is None
        _revoke_unannounced(hub.engine, _device_id(hub.engine, token))
        assert _answers(c) == {401}  # read from the database: refused at once
    assert _until(lambda: cache._live, seconds=10)  # the link came back (it retries every 2 s)
    other = enroll_device(hub, counter=2)
    with _client(hub.url, other) as c:
        assert _answers(c) == {200}
        assert cache.get(service.digest(other)) is not None


def test_a_sqlite_hub_keeps_no_token(hub_factory: HubFactory, sqlite_hub_url: str) -> None:
    """A ward hub on SQLite hears no revocation from `counter-hub revoke` (another process): it reads the token
    of every request."""
    hub = hub_factory(sqlite_hub_url)
    token = enroll_device(hub)
    with _client(hub.url, token) as c:
        assert _answers(c) == {200}
        assert tokens_for(hub.engine).get(service.digest(token)) is None
        _revoke_unannounced(hub.engine, _device_id(hub.engine, token))
        assert _answers(c) == {401}


def test_a_read_that_began_before_a_revocation_was_heard_is_not_kept() -> None:
    """A worker thread read the device, then a revocation was heard, then the thread would keep what it read:
    it may have read it before the revocation committed, so it is not kept."""
    from sync.hub.store import Device

    cache = TokenCache(ttl_s=3600)
    cache.listening(True)
    device = Device(id="d1", unit_code="27460", token_hash="h", enrolled_at=datetime.now(UTC))
    began = cache.generation
    cache.forget("d1")
    cache.keep("h", device, began)
    assert cache.get("h") is None
    cache.keep("h", device, cache.generation)  # a read that began after it
    assert cache.get("h") is device
    cache.forget("d1")
    assert cache.get("h") is None
