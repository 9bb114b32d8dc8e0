"""A ward as it really is, for tests: a city hub, a ward hub relaying to it, and PCs that each have their own
SQLite file and their own sync engine (ward hub first, city hub second), all on 127.0.0.1."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy.engine import Engine
from sqlmodel import func, select
from starlette.types import ASGIApp

from counter_app import queue, settings
from counter_app.access import Actor, Role
from counter_app.db import open_database, session_scope
from counter_app.models import Ticket
from sync.client.engine import SyncEngine
from sync.hub import service
from sync.hub.relay import relay_and_pull
from tests.sync.hubserver import ProcessHub, RunningHub

UNIT = "27460"
FAST = {"interval_s": 30.0, "probe_s": 0.3, "timeout_s": 2.0, "max_backoff_s": 1.0, "wait_s": 5.0}


@dataclass
class PC:
    name: str
    actor: Actor
    db: Engine
    tokens: dict[str, str]
    engine: SyncEngine | None = None
    task: asyncio.Future[None] | None = None
    pulled: list[set[str]] = field(default_factory=list)

    def tickets(self) -> dict[str, Ticket]:
        with session_scope(self.db) as s:
            return {t.id: t for t in s.exec(select(Ticket)).all()}

    def ticket_count(self) -> int:
        with session_scope(self.db) as s:
            return int(s.exec(select(func.count()).select_from(Ticket)).one())

    def start(self, hubs: list[str], **kwargs: Any) -> None:
        options = {**FAST, **kwargs}
        self.engine = SyncEngine(
            self.db,
            hubs,
            self.tokens.get,
            UNIT,
            on_pulled=self.pulled.append,
            **options,  # type: ignore[arg-type]
        )
        self.task = asyncio.ensure_future(self.engine.run())

    async def stop(self) -> None:
        if self.engine is not None and self.task is not None:
            self.engine.stop()
            await asyncio.wait_for(self.task, 10)


class Ward:
    def __init__(
        self,
        tmp_path: Path,
        city_url: str | None = None,
        hub_process: bool = False,
        hub_wrap: Callable[[ASGIApp], ASGIApp] | None = None,
    ) -> None:
        """`hub_process`: the ward hub in its own process, as deployed (for tests of many busy PCs);
        `hub_wrap`: around the ward hub's app (tests/sync/hubserver.py)."""
        self.tmp_path = tmp_path
        self.city = RunningHub(city_url or f"sqlite:///{tmp_path / 'city.sqlite3'}").start()
        token = service.new_ward_hub_token(self.city.engine, UNIT, "máy chủ phường")
        city = self.city

        def relay(engine: Engine) -> Callable[[], Any]:
            return lambda: relay_and_pull(engine, city.url, token, idle_s=0.1)

        ward_url = f"sqlite:///{tmp_path / 'ward.sqlite3'}"
        self.hub: RunningHub | ProcessHub
        if hub_process:  # as the systemd unit in docs/hub.md runs it: the token in a file, not on the command line
            token_file = tmp_path / "upstream-token"
            token_file.write_text(token, encoding="utf-8")
            extra = ["--upstream", city.url, "--upstream-token-file", str(token_file)]
            self.hub = ProcessHub(ward_url, extra=extra).start()
        else:
            self.hub = RunningHub(ward_url, relay=relay, wrap=hub_wrap).start()
        self.pcs: list[PC] = []

    @property
    def hubs(self) -> list[str]:
        return [self.hub.url, self.city.url]

    def add_pc(self, name: str, counter: int, role: Role = Role.OFFICER) -> PC:
        tokens = {}
        for hub in (self.hub, self.city):
            code = service.new_enrollment_code(hub.engine, UNIT, counter)
            tokens[hub.url] = service.enroll(hub.engine, code, name)[1]
        actor = Actor(f"staff-{name}", role, UNIT, counter, name)
        pc = PC(name, actor, open_database(self.tmp_path / f"{name}.sqlite3"), tokens)
        with session_scope(pc.db) as s:
            settings.save(s, settings.DeviceSettings(unit_code=UNIT, counter_no=counter, primary_hub=self.hub.url))
        self.pcs.append(pc)
        return pc

    def close(self) -> None:
        self.hub.close()
        self.city.close()
        for pc in self.pcs:
            pc.db.dispose()


def issue(pc: PC, group: str = "A") -> Ticket:
    with session_scope(pc.db) as s:
        return queue.issue_ticket(s, pc.actor, group)


async def until(predicate: Callable[[], bool], seconds: float = 10.0) -> float:
    """Wait (on the loop, so the engines run) until `predicate` holds; returns the seconds it took."""
    started = time.monotonic()
    while not predicate():
        if time.monotonic() - started > seconds:
            raise AssertionError(f"not within {seconds} s")
        await asyncio.sleep(0.05)
    return time.monotonic() - started
