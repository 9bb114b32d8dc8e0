"""The ward admin replaces the procedure catalog from the app (a packaged build has no Python prompt).

A catalog file or folder is validated first (nothing changes when it is wrong), its difference from
the catalog in use is shown, and only then applied: installed on this PC, recorded as a
`CatalogRelease` (the files themselves, with their version and hash) that the outbox carries to the
ward's other counters, and audited. Each counter installs the newest release it holds
(`install_newest`, at start and after a sync).
"""

from __future__ import annotations

import hashlib
import json
import tempfile
from dataclasses import dataclass, fields
from pathlib import Path

from sqlmodel import Session, col, select

from counter_app import audit, outbox
from counter_app.access import Actor, Perm, require
from counter_app.catalog import Catalog, Procedure, default_catalog, install_catalog, load_catalog
from counter_app.errors import ValidationError
from counter_app.i18n import QT_TRANSLATE_NOOP
from counter_app.ids import new_id
from counter_app.models import CatalogRelease


@dataclass(frozen=True)
class Change:
    code: str
    name: str
    fields: tuple[str, ...]  # which fields differ (empty for an added or removed procedure)


@dataclass(frozen=True)
class CatalogDiff:
    old_version: str
    new_version: str
    added: tuple[Change, ...]
    removed: tuple[Change, ...]
    changed: tuple[Change, ...]

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.changed)

    def summary(self) -> dict[str, int | str]:
        return {
            "version": self.new_version,
            "added": len(self.added),
            "removed": len(self.removed),
            "changed": len(self.changed),
        }


def _differing(a: Procedure, b: Procedure) -> tuple[str, ...]:
    return tuple(f.name for f in fields(Procedure) if getattr(a, f.name) != getattr(b, f.name))


def diff(old: Catalog, new: Catalog) -> CatalogDiff:
    before = {p.code: p for p in old.procedures}
    after = {p.code: p for p in new.procedures}
    return CatalogDiff(
        old.version,
        new.version,
        tuple(Change(c, after[c].name, ()) for c in sorted(after.keys() - before.keys())),
        tuple(Change(c, before[c].name, ()) for c in sorted(before.keys() - after.keys())),
        tuple(
            Change(c, after[c].name, d)
            for c in sorted(before.keys() & after.keys())
            if (d := _differing(before[c], after[c]))
        ),
    )


def _files(source: Path) -> dict[str, str]:
    paths = sorted(source.glob("*.json")) if source.is_dir() else [source]
    return {p.name: p.read_text(encoding="utf-8") for p in paths}


@dataclass(frozen=True)
class ImportPreview:
    source: Path
    catalog: Catalog
    diff: CatalogDiff


def preview(source: Path, current: Catalog | None = None) -> ImportPreview:
    """Validate a catalog file or folder and say how it differs from the one in use; changes nothing."""
    new = load_catalog(source)
    old = current or default_catalog()
    if new.version == old.version:
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "core",
                "Danh mục phiên bản {version} đang được dùng; hãy nhập danh mục có phiên bản mới (catalog_version).",
            ),
            "catalog",
            version=new.version,
        )
    return ImportPreview(source, new, diff(old, new))


def apply(session: Session, actor: Actor, source: Path) -> CatalogDiff:
    """Install the catalog here, queue it for the ward's other counters, audit; all or nothing."""
    require(actor, Perm.CATALOG_ADMIN)
    checked = preview(source)
    files = _files(source)
    body = json.dumps(files, ensure_ascii=False, sort_keys=True)
    release = CatalogRelease(
        id=new_id(),
        unit_code=actor.unit_code,
        version=checked.catalog.version,
        files=body,
        sha256=hashlib.sha256(body.encode()).hexdigest(),
        summary=json.dumps(checked.diff.summary(), ensure_ascii=False),
        imported_by=actor.staff_id,
    )
    outbox.save(session, release)
    audit.record(session, actor, "catalog.import", "catalog_release", release.id, checked.diff.summary())
    session.flush()  # the row and its outbox entry are in place before the files change on disk
    install_catalog(source)
    return checked.diff


def install_newest(session: Session, unit_code: str, target_dir: Path | None = None) -> str | None:
    """Install the ward's newest imported catalog if this PC does not use it yet; its version, or None."""
    query = select(CatalogRelease).where(CatalogRelease.unit_code == unit_code)
    newest = session.exec(query.order_by(col(CatalogRelease.created_at).desc()).limit(1)).first()
    if newest is None or newest.version == default_catalog().version:
        return None
    if hashlib.sha256(newest.files.encode()).hexdigest() != newest.sha256:
        return None  # damaged on the way: keep the catalog in use
    files: dict[str, str] = json.loads(newest.files)
    with tempfile.TemporaryDirectory() as folder:
        for name, text in files.items():
            (Path(folder) / Path(name).name).write_text(text, encoding="utf-8")
        try:
            install_catalog(Path(folder), target_dir)
        except ValidationError:
            return None  # made by a newer app whose catalog format this one does not read: keep ours
    return newest.version
