"""A device's "last seen" (sync/hub/seen.py): noted in memory by its requests, written by the hub worker a few
seconds later for many devices in one statement, written when the hub stops, never moved back, and kept for the
next round when the database refuses the write."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import httpx
import pytest
from sqlalchemy import text

from sync.hub import seen, service
from sync.hub.store import Device, make_hub_engine
from sync.protocol import PROTOCOL_HEADER
from tests.sync.conftest import enroll_device
from tests.sync.hubserver import ProcessHub, RunningHub

HubFactory = Callable[..., RunningHub]


def _last_seen(engine: object) -> dict[str, datetime | None]:
    return {d.id: d.last_seen_at for d in service.list_devices(engine)}  # type: ignore[arg-type]


def _aware(moment: datetime | None) -> datetime | None:
    return moment.replace(tzinfo=UTC) if moment is not None and moment.tzinfo is None else moment


def _ask(url: str, token: str) -> None:
    headers = {PROTOCOL_HEADER: "2", "Authorization": f"Bearer {token}"}
    with httpx.Client(base_url=url, headers=headers, timeout=10) as c:
        assert c.get("/v1/counts").status_code == 200  # the guard's lane
        assert c.get("/v1/pull", params={"since": 0}).status_code == 200  # the read lane


def test_many_devices_are_seen_within_a_round(hub_factory: HubFactory, hub_db_url: str) -> None:
    hub = hub_factory(hub_db_url)
    tokens = [enroll_device(hub, counter=n) for n in range(1, 13)]
    before = datetime.now(UTC)
    for token in tokens:
        _ask(hub.url, token)
    after = datetime.now(UTC)
    deadline = time.monotonic() + 3 * seen.FLUSH_S
    while None in _last_seen(hub.engine).values() and time.monotonic() < deadline:
        time.sleep(0.2)
    moments = [_aware(m) for m in _last_seen(hub.engine).values()]
    assert len(moments) == 12
    assert all(m is not None and before - timedelta(seconds=1) <= m <= after for m in moments)


def test_a_hub_that_stops_writes_what_it_noted(sqlite_hub_url: str) -> None:
    hub = ProcessHub(sqlite_hub_url).start()
    try:
        token = service.enroll(hub.engine, service.new_enrollment_code(hub.engine, "27460", 1), "quầy 1")[1]
        _ask(hub.url, token)
        hub.stop()  # SIGTERM long before the next round: the stop writes it
        assert list(_last_seen(hub.engine).values())[0] is not None
    finally:
        hub.close()


def _device(engine: object, token_unit: str = "27460") -> Device:
    code = service.new_enrollment_code(engine, token_unit, 1)  # type: ignore[arg-type]
    return service.enroll(engine, code, "quầy 1")[0]  # type: ignore[arg-type]


def test_noted_once_a_minute_and_never_moved_back(sqlite_hub_url: str) -> None:
    engine = make_hub_engine(sqlite_hub_url)
    try:
        device = _device(engine)
        book = seen.seen_for(engine)
        book.note(device)
        book.note(device)  # again within the minute: nothing more to write
        assert seen.flush(engine) == 1
        book.note(device)
        assert seen.flush(engine) == 0
        later = datetime.now(UTC) + timedelta(hours=1)  # another worker wrote a later moment
        with engine.begin() as conn:
            conn.execute(text("UPDATE hub_device SET last_seen_at = :t"), {"t": later.replace(tzinfo=None)})
        book.put_back({device.id: datetime.now(UTC)})
        assert seen.flush(engine) == 1
        assert _aware(_last_seen(engine)[device.id]) == later
    finally:
        engine.dispose()


def test_a_refused_write_is_kept_for_the_next_round(sqlite_hub_url: str) -> None:
    engine = make_hub_engine(sqlite_hub_url)
    try:
        device = _device(engine)
        seen.seen_for(engine).note(device)
        with engine.begin() as conn:
            conn.execute(text("ALTER TABLE hub_device RENAME TO hub_device_away"))
        with pytest.raises(Exception, match="hub_device"):
            seen.flush(engine)
        with engine.begin() as conn:
            conn.execute(text("ALTER TABLE hub_device_away RENAME TO hub_device"))
        assert seen.flush(engine) == 1
        assert _last_seen(engine)[device.id] is not None
    finally:
        engine.dispose()
