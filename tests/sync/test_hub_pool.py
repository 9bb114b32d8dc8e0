"""The hub's PostgreSQL connections: reads run in autocommit without a check before every use, so a pooled
connection the database dropped must not cost a PC its request (reads try again once on a fresh one)."""

from __future__ import annotations

from collections.abc import Callable

import httpx
import psycopg
import pytest

from sync.protocol import PROTOCOL_HEADER
from tests.sync.conftest import enroll_device
from tests.sync.hubserver import RunningHub
from tests.sync.test_hub_api import op

HubFactory = Callable[..., RunningHub]


def _drop_hub_connections(hub: RunningHub) -> int:
    """What a PostgreSQL restart does to the hub's pool: every server process of its database ends."""
    url = hub.engine.url
    admin = url.set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(admin, autocommit=True) as conn:
        rows = conn.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
            (url.database,),
        ).fetchall()
    return len(rows)


@pytest.mark.parametrize("hub_db_url", ["postgresql"], indirect=True)  # SQLite keeps no pool of server connections
def test_requests_after_the_database_dropped_the_pool(hub_factory: HubFactory, hub_db_url: str) -> None:
    hub = hub_factory(hub_db_url)
    token = enroll_device(hub)
    headers = {PROTOCOL_HEADER: "2", "Authorization": f"Bearer {token}"}
    with httpx.Client(base_url=hub.url, headers=headers, timeout=10) as c:
        first = op(entity="ticket")
        assert c.post("/v1/push", json={"ops": [first]}).status_code == 200
        assert c.get("/v1/pull", params={"since": 0}).status_code == 200
        assert _drop_hub_connections(hub) >= 1  # the pooled ones (idle for less than the ping's 10 s)
        pulled = c.get("/v1/pull", params={"since": 0})
        assert pulled.status_code == 200, pulled.text
        assert [ch["op_id"] for ch in pulled.json()["changes"]] == [first["op_id"]]
        waited = c.get("/v1/wait", params={"since": 0, "timeout": 0})
        assert waited.status_code == 200 and waited.json()["changed"] is True
        second = op(entity="ticket")
        results = c.post("/v1/push", json={"ops": [first, second]}).json()["results"]
        assert [r["status"] for r in results] == ["duplicate", "applied"]
        assert [ch["op_id"] for ch in c.get("/v1/pull", params={"since": 0}).json()["changes"]] == [
            first["op_id"],
            second["op_id"],
        ]
