"""Hub fixtures: the hub store on SQLite and on a real PostgreSQL server, and a running hub."""

from __future__ import annotations

import os
import subprocess
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import psycopg
import pytest

from sync.hub import service
from tests.sync.hubserver import RunningHub

ROOT = Path(__file__).resolve().parents[2]


def _postgres_base_url() -> str:
    url = os.environ.get("WARD_TEST_PG_URL")
    if url:
        return url
    try:
        out = subprocess.run(
            [str(ROOT / "scripts" / "test-postgres"), "start"], capture_output=True, text=True, timeout=120, check=True
        )
    except (OSError, subprocess.CalledProcessError) as exc:
        pytest.fail(f"PostgreSQL is needed for the hub tests (./dev test starts it): {exc}")
    os.environ["WARD_TEST_PG_URL"] = out.stdout.strip()
    return os.environ["WARD_TEST_PG_URL"]


@pytest.fixture(params=["sqlite", "postgresql"])
def hub_db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'hub.sqlite3'}"
        return
    base = _postgres_base_url()
    name = f"hub_{uuid.uuid4().hex[:12]}"
    admin = base.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    yield base.rsplit("/", 1)[0] + f"/{name}"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def sqlite_hub_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'hub.sqlite3'}"


@pytest.fixture
def hub_factory() -> Iterator[Callable[..., RunningHub]]:
    started: list[RunningHub] = []

    def start(database_url: str, **kwargs: object) -> RunningHub:
        hub = RunningHub(database_url, **kwargs).start()  # type: ignore[arg-type]
        started.append(hub)
        return hub

    yield start
    for hub in started:
        hub.close()


def enroll_device(hub: RunningHub, unit: str = "27460", counter: int = 1) -> str:
    """A device token straight from the hub's store (the HTTP enrollment has its own tests)."""
    code = service.new_enrollment_code(hub.engine, unit, counter)
    return service.enroll(hub.engine, code, f"quầy {counter}")[1]
