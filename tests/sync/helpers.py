"""Counter databases and engines for the sync tests (real SQLite files, real core services)."""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from counter_app import dossiers, outbox
from counter_app.access import Actor, Role
from counter_app.catalog import default_catalog
from counter_app.citizens import CitizenInput
from counter_app.db import open_database, session_scope
from counter_app.ids import new_id
from counter_app.models import Citizen
from sync.client.engine import SyncEngine
from sync.hub.store import ChangeRow

T = TypeVar("T")
CERT = "1.004873"


def officer(unit: str = "27460", counter: int = 1) -> Actor:
    return Actor(f"staff-{unit}-{counter}", Role.OFFICER, unit, counter)


def counter_db(tmp_path: Path, name: str) -> Engine:
    return open_database(tmp_path / f"{name}.sqlite3")


def engine_for(db: Engine, hubs: dict[str, str], unit: str = "27460", **kwargs: Any) -> SyncEngine:
    """hubs: url -> device token for that hub."""
    kwargs.setdefault("timeout_s", 3.0)
    return SyncEngine(db, list(hubs), hubs.get, unit, **kwargs)


def run(coro: Coroutine[Any, Any, T], timeout: float = 60) -> T:
    return asyncio.run(asyncio.wait_for(coro, timeout))


def receive(db: Engine, actor: Actor, name: str = "Nguyễn Văn Dũng", id_number: str = "079090001234") -> str:
    papers = [p.name for p in default_catalog().get(CERT).papers if p.required]
    data = dossiers.IntakeInput(CERT, citizen=CitizenInput(name, id_number), papers_received=papers)
    with session_scope(db) as s:
        return dossiers.receive_dossier(s, actor, data).id


def add_citizens(db: Engine, count: int, unit: str = "27460") -> None:
    with session_scope(db) as s:
        for i in range(count):
            outbox.save(s, Citizen(id=new_id(), unit_code=unit, full_name=f"Công Dân {i}"))


def hub_op_ids(hub_engine: Engine) -> list[str]:
    with Session(hub_engine) as s:
        return list(s.exec(select(ChangeRow.op_id)).all())


def outbox_ids(db: Engine) -> list[str]:
    from counter_app.models import OutboxEntry

    with session_scope(db) as s:
        return list(s.exec(select(OutboxEntry.op_id)).all())
