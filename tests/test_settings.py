from __future__ import annotations

from pathlib import Path

import pytest
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


def test_settings_read_without_sqlalchemy_match_the_session_read(engine: Engine, db_path: Path) -> None:
    assert not settings.read(db_path).configured  # no row yet: the defaults, as load() gives
    with session_scope(engine) as session:
        settings.save(session, settings.DeviceSettings(unit_code="27460", counter_no=4, kiosk_mode=True))
    with session_scope(engine) as session:
        assert settings.read(db_path) == settings.load(session)
    assert (settings.read(db_path).counter_no, settings.read(db_path).kiosk_mode) == (4, True)


def test_deployment_file_is_found_and_checked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from counter_app import deployment
    from counter_app.errors import ValidationError

    monkeypatch.delenv("WARD_COUNTER_DEPLOYMENT", raising=False)
    assert deployment.load(tmp_path) == deployment.Deployment()
    (tmp_path / "deployment.json").write_text(
        '{"ward_hub": "https://192.168.1.10:8765", "ward_hub_fingerprint": "AB:CD", "city_hub": "https://hub.tp"}'
    )
    found = deployment.load(tmp_path)
    assert (found.ward_hub, found.ward_hub_fingerprint, found.city_hub) == (
        "https://192.168.1.10:8765",
        "AB:CD",
        "https://hub.tp",
    )
    other = tmp_path / "elsewhere.json"
    other.write_text('{"ward_hub": "http://192.168.1.10:8765"}')  # the token would travel in clear
    monkeypatch.setenv("WARD_COUNTER_DEPLOYMENT", str(other))
    with pytest.raises(ValidationError):
        deployment.load(tmp_path)
    other.write_text("{not json")
    with pytest.raises(ValidationError, match="không đọc được"):
        deployment.load(tmp_path)
