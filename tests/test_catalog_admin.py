"""The admin's catalog import: validated, compared, versioned, audited, carried to the other counters."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import select

from counter_app import catalog, catalog_admin
from counter_app.config import resources_dir
from counter_app.db import session_scope
from counter_app.errors import PermissionDenied, ValidationError
from counter_app.models import AuditEntry, CatalogRelease, OutboxEntry
from tests.factories import ADMIN, OFFICER


def official(tmp_path: Path, version: str = "2027.01-1") -> Path:
    """The shipped catalog with one fee changed, one procedure added and one removed."""
    folder = tmp_path / "official"
    shutil.copytree(resources_dir() / "catalog", folder)
    for f in folder.glob("*.json"):
        data = json.loads(f.read_text(encoding="utf-8"))
        data["catalog_version"] = version
        if f.name == "chung_thuc.json":
            data["procedures"][0]["fee_vnd"] = 3000
            added = dict(data["procedures"][0], code="2.999999", name="Thủ tục thử mới")
            data["procedures"].append(added)
        if f.name == "khac.json":
            data["procedures"] = [p for p in data["procedures"] if p["code"] != "2.001909"]
        f.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return folder


def test_preview_shows_the_difference_and_changes_nothing(tmp_path: Path) -> None:
    preview = catalog_admin.preview(official(tmp_path))
    d = preview.diff
    assert (d.old_version, d.new_version) == (catalog.default_catalog().version, "2027.01-1")
    assert [c.code for c in d.added] == ["2.999999"] and [c.code for c in d.removed] == ["2.001909"]
    assert [(c.code, c.fields) for c in d.changed] == [("2.000815", ("fee_vnd",))]
    assert catalog.default_catalog().version != "2027.01-1"


def test_apply_installs_records_the_release_and_audits(engine: Engine, tmp_path: Path) -> None:
    source = official(tmp_path)
    with session_scope(engine) as s, pytest.raises(PermissionDenied):
        catalog_admin.apply(s, OFFICER, source)
    with session_scope(engine) as s:
        catalog_admin.apply(s, ADMIN, source)
    assert catalog.default_catalog().version == "2027.01-1"
    assert catalog.default_catalog().get("2.000815").fee_vnd == 3000
    with session_scope(engine) as s:
        release = s.exec(select(CatalogRelease)).one()
        assert release.version == "2027.01-1" and len(json.loads(release.files)) == 8
        assert s.exec(select(OutboxEntry).where(OutboxEntry.entity == "catalog_release")).one()
        entry = s.exec(select(AuditEntry).where(AuditEntry.action == "catalog.import")).one()
    assert json.loads(entry.detail or "{}") == {"version": "2027.01-1", "added": 1, "removed": 1, "changed": 1}
    with session_scope(engine) as s, pytest.raises(ValidationError, match="đang được dùng"):
        catalog_admin.apply(s, ADMIN, source)  # the same version again: refused


def test_a_bad_catalog_changes_nothing(engine: Engine, tmp_path: Path) -> None:
    source = official(tmp_path)
    (source / "chung_thuc.json").write_text('{"catalog_version": "x", "procedures": [{"code": "abc"}]}', "utf-8")
    with session_scope(engine) as s, pytest.raises(ValidationError, match="chung_thuc.json"):
        catalog_admin.apply(s, ADMIN, source)
    with session_scope(engine) as s:
        assert s.exec(select(CatalogRelease)).all() == [] and s.exec(select(OutboxEntry)).all() == []
    assert catalog.default_catalog().version == catalog.load_catalog().version


def test_another_counter_installs_the_newest_release(engine: Engine, tmp_path: Path) -> None:
    with session_scope(engine) as s:
        catalog_admin.apply(s, ADMIN, official(tmp_path))
    elsewhere = tmp_path / "other-pc"
    with session_scope(engine) as s:
        assert catalog_admin.install_newest(s, ADMIN.unit_code) is None  # already in use here
        shutil.rmtree(catalog.installed_dir())
        catalog.install_catalog(resources_dir() / "catalog", elsewhere)  # a PC still on the shipped one
        assert catalog_admin.install_newest(s, ADMIN.unit_code, elsewhere) == "2027.01-1"
    assert catalog.load_catalog(elsewhere).get("2.999999").name == "Thủ tục thử mới"
