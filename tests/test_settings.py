from __future__ import annotations

from sqlalchemy.engine import Engine

from counter_app import settings
from counter_app.db import session_scope
from counter_app.models import Setting


def test_settings_round_trip_and_tolerate_unknown_keys(engine: Engine) -> None:
    with session_scope(engine) as session:
        assert not settings.load(session).configured
        settings.save(session, settings.DeviceSettings(unit_code="27460", counter_no=3, backup_hub="https://b"))
    with session_scope(engine) as session:
        loaded = settings.load(session)
        assert (loaded.unit_code, loaded.counter_no, loaded.hubs) == ("27460", 3, ["https://b"])
        row = session.get(Setting, settings.KEY)
        assert row is not None
        row.value = row.value.replace("{", '{"from_a_newer_app": 1, ', 1)
        session.add(row)
    with session_scope(engine) as session:
        assert settings.load(session).counter_no == 3
