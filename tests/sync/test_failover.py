"""Primary down -> the counter syncs with the backup hub -> primary back -> the backup relays what it
received -> the primary has every operation exactly once, and the counter returns to the primary."""

from __future__ import annotations

import time
from pathlib import Path

from sqlalchemy.engine import Engine

from sync.hub import service
from sync.hub.relay import relay_forever
from tests.sync.conftest import enroll_device
from tests.sync.helpers import add_citizens, counter_db, engine_for, hub_op_ids, outbox_ids, run
from tests.sync.hubserver import RunningHub


def _wait_for(predicate: object, seconds: float = 20) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():  # type: ignore[operator]
            return True
        time.sleep(0.1)
    return False


def test_failover_to_backup_and_relay_to_primary(hub_db_url: str, tmp_path: Path) -> None:
    primary = RunningHub(hub_db_url)  # not started yet: "down"
    peer = service.new_peer_token(primary.engine, "máy chủ dự phòng")
    primary_token = enroll_device(primary)

    def relay(engine: Engine):  # type: ignore[no-untyped-def]
        return lambda: relay_forever(engine, primary.url, peer, idle_s=0.2, max_backoff_s=0.5)

    backup = RunningHub(f"sqlite:///{tmp_path / 'backup.sqlite3'}", relay=relay).start()
    try:
        backup_token = enroll_device(backup)
        db = counter_db(tmp_path, "c1")
        engine = engine_for(db, {primary.url: primary_token, backup.url: backup_token})
        add_citizens(db, 12)
        first = run(engine.sync_once())
        assert first.hub_url == backup.url and first.pushed == 12 and outbox_ids(db) == []
        assert engine.status.hub_url == backup.url
        sent_to_backup = set(hub_op_ids(backup.engine))

        primary.start()
        assert _wait_for(lambda: set(hub_op_ids(primary.engine)) == sent_to_backup)
        add_citizens(db, 5)
        second = run(engine.sync_once())
        assert second.hub_url == primary.url and second.pushed == 5
        at_primary = hub_op_ids(primary.engine)
        assert len(at_primary) == 17 and len(set(at_primary)) == 17
        time.sleep(0.6)  # the relay keeps running: nothing is sent twice
        assert len(hub_op_ids(primary.engine)) == 17
        assert second.mismatched == []  # counts agree with the primary
    finally:
        backup.close()
        primary.close()
