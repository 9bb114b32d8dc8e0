"""What the ward admin changes on one counter (a make-up day, a new catalog) reaches the other counters."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

from counter_app import calendar_entries, catalog, catalog_admin, dossiers
from counter_app.access import Actor, Role
from counter_app.catalog import default_catalog
from counter_app.clock import VN_TZ
from counter_app.db import session_scope
from tests.sync.conftest import enroll_device
from tests.sync.helpers import counter_db, engine_for, run
from tests.sync.hubserver import RunningHub
from tests.test_catalog_admin import official


def test_added_make_up_day_reaches_the_other_counter(
    hub_factory: Callable[..., RunningHub], hub_db_url: str, tmp_path: Path
) -> None:
    hub = hub_factory(hub_db_url)
    c1, c2 = counter_db(tmp_path, "c1"), counter_db(tmp_path, "c2")
    e1 = engine_for(c1, {hub.url: enroll_device(hub, "27460", 1)})
    e2 = engine_for(c2, {hub.url: enroll_device(hub, "27460", 2)})
    with session_scope(c1) as s:
        calendar_entries.add_entry(
            s, Actor("admin", Role.ADMIN, "27460", 1), date(2026, 12, 12), "working_day", "Làm bù", "CV thử"
        )
    run(e1.sync_once())
    run(e2.sync_once())
    procedure = default_catalog().get("1.004873")
    with session_scope(c2) as s:
        assert calendar_entries.ward_calendar(s, "27460").is_working_day(date(2026, 12, 12))
        due = dossiers.deadline(s, "27460", procedure, datetime(2026, 12, 10, 9, tzinfo=VN_TZ))
    assert due == date(2026, 12, 14)


def test_imported_catalog_reaches_the_other_counter(
    hub_factory: Callable[..., RunningHub], hub_db_url: str, tmp_path: Path
) -> None:
    hub = hub_factory(hub_db_url)
    c1, c2 = counter_db(tmp_path, "c1"), counter_db(tmp_path, "c2")
    e1 = engine_for(c1, {hub.url: enroll_device(hub, "27460", 1)})
    e2 = engine_for(c2, {hub.url: enroll_device(hub, "27460", 2)})
    with session_scope(c1) as s:
        catalog_admin.apply(s, Actor("admin", Role.ADMIN, "27460", 1), official(tmp_path))
    run(e1.sync_once())
    # Both test counters share one data folder: put it back to the shipped catalog, as on a second PC.
    shutil.rmtree(catalog.installed_dir())
    assert catalog.default_catalog().version != "2027.01-1"
    run(e2.sync_once())
    assert catalog.default_catalog().version == "2027.01-1"
    assert catalog.default_catalog().get("2.999999").name == "Thủ tục thử mới"
