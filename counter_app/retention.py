"""How long a dossier's personal data is kept: per procedure field (lĩnh vực), the shipped default with its source
(resources/retention.json), or a procedure's own period from the catalog; over them the city's values and the ward
admin's own, held for the whole ward (synced records, see `ward_values`), so a deletion request is judged alike at
every counter. Each change is audited with the old and new period and its basis.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache

from sqlmodel import Session, col, select

from counter_app import audit, outbox
from counter_app.access import Actor, Perm, require
from counter_app.catalog import default_catalog, former_codes
from counter_app.clock import to_local
from counter_app.config import resources_dir
from counter_app.errors import ValidationError
from counter_app.i18n import QT_TRANSLATE_NOOP
from counter_app.ids import ward_value_id
from counter_app.models import Dossier, RetentionEntry
from counter_app.text import tidy
from counter_app.ward_values import in_force, staff_names


@dataclass(frozen=True)
class RetentionRule:
    field: str  # the procedure field (lĩnh vực); for scope "procedure", the procedure's code
    years: int | None  # None: kept permanently
    source: str
    confirmed: bool
    origin: str = "table"  # "table" (shipped default) | "city" | "ward"
    set_by: str = ""  # the admin's name, when the ward set it
    set_at: datetime | None = None
    scope: str = "field"  # "field" | "procedure"

    @property
    def overridden(self) -> bool:
        return self.origin != "table"


@dataclass(frozen=True)
class WardRetention:
    """The ward's entries in force, read once to judge many dossiers."""

    by_field: dict[str, RetentionEntry]
    by_procedure: dict[str, RetentionEntry]
    names: dict[str, str]


def load(session: Session, unit_code: str) -> WardRetention:
    query = select(RetentionEntry).where(RetentionEntry.unit_code == unit_code, col(RetentionEntry.active).is_(True))
    rows = list(session.exec(query).all())
    by_field = in_force((r for r in rows if r.scope == "field"), lambda r: r.subject)
    by_procedure = in_force((r for r in rows if r.scope == "procedure"), lambda r: r.subject)
    names = staff_names(session, (r.set_by for r in [*by_field.values(), *by_procedure.values()]))
    return WardRetention(by_field, by_procedure, names)


@cache
def _defaults() -> tuple[RetentionRule, dict[str, RetentionRule]]:
    data = json.loads((resources_dir() / "retention.json").read_text(encoding="utf-8"))
    d = data["default"]
    fallback = RetentionRule("*", d["years"], d["source"], bool(d["confirmed"]))
    rows = {
        r["field"]: RetentionRule(r["field"], r["years"], r["source"], bool(r["confirmed"])) for r in data["fields"]
    }
    return fallback, rows


def _rule(name: str, kept: WardRetention) -> RetentionRule:
    fallback, rows = _defaults()
    rule = rows.get(name, RetentionRule(name, fallback.years, fallback.source, fallback.confirmed))
    own = kept.by_field.get(name)
    if own is None:
        return rule
    who = kept.names.get(own.set_by or "", "")
    return RetentionRule(name, own.years, own.source, True, own.origin, who, own.updated_at)


def table(kept: WardRetention) -> list[RetentionRule]:
    """Every procedure field of the catalog with its retention: the ward's, the city's or the default."""
    return [_rule(name, kept) for name in default_catalog().fields()]


def procedure_rules(kept: WardRetention) -> list[RetentionRule]:
    """The periods set for one procedure (over its field's), e.g. carried over from a PC's old settings."""
    return [
        RetentionRule(
            code, e.years, e.source, True, e.origin, kept.names.get(e.set_by or "", ""), e.updated_at, "procedure"
        )
        for code, e in sorted(kept.by_procedure.items())
    ]


def years_for(procedure_code: str, kept: WardRetention, received_at: datetime | None = None) -> int | None:
    """Years the dossier's personal data is kept (None: permanently): the ward's setting for the procedure (also one
    recorded under a code the catalog corrected to it), else the catalog's value for it, else its field's (the
    ward's, then the table's)."""
    keys = [procedure_code, *former_codes(procedure_code)]
    own = next((kept.by_procedure[k] for k in keys if k in kept.by_procedure), None)
    if own is not None:
        return own.years
    proc = default_catalog().for_record(procedure_code, received_at)
    if proc.retention_years:
        return proc.retention_years
    if proc.field not in default_catalog().fields():
        return None  # a field the table does not know: kept, never erased by mistake
    return _rule(proc.field, kept).years


def keep_until(dossier: Dossier, kept: WardRetention) -> date | None:
    """The last day the dossier must be kept; None when it is kept permanently."""
    years = years_for(dossier.procedure_code, kept, dossier.received_at)
    if years is None:
        return None
    received = to_local(dossier.received_at).date()
    return received.replace(year=received.year + years, day=min(received.day, 28))


def _current(kept: WardRetention, scope: str, subject: str) -> int | None:
    return years_for(subject, kept) if scope == "procedure" else _rule(subject, kept).years


def _check_subject(scope: str, subject: str) -> None:
    catalog = default_catalog()
    if scope == "field" and subject not in catalog.fields():
        raise ValidationError(QT_TRANSLATE_NOOP("core", "Lĩnh vực không có trong danh mục."), "field")
    if scope == "procedure" and subject not in {p.code for p in catalog.procedures}:
        raise ValidationError(QT_TRANSLATE_NOOP("core", "Thủ tục không có trong danh mục."), "field")
    if scope not in ("field", "procedure"):
        raise ValidationError(QT_TRANSLATE_NOOP("core", "Phạm vi thời hạn lưu trữ không hợp lệ."), "scope")


def set_retention(
    session: Session, actor: Actor, subject: str, years: int | None, source: str, scope: str = "field"
) -> int | None:
    """The admin sets a field's (or one procedure's) retention, None = permanently, with its basis: audited
    (old → new), synced to the ward's counters. Returns the period now in force."""
    require(actor, Perm.SETTINGS)
    _check_subject(scope, subject)
    if years is not None and not 1 <= years <= 200:
        raise ValidationError(QT_TRANSLATE_NOOP("core", "Thời hạn lưu trữ phải từ 1 đến 200 năm."), "years")
    source = tidy(source or "")
    if not source:
        raise ValidationError(
            QT_TRANSLATE_NOOP("core", "Ghi căn cứ của thời hạn lưu trữ (số, ngày văn bản hoặc quyết định)."), "source"
        )
    before = load(session, actor.unit_code)
    row_id = ward_value_id(RetentionEntry.entity, actor.unit_code, scope, subject)
    row = session.get(RetentionEntry, row_id) or RetentionEntry(
        id=row_id, unit_code=actor.unit_code, scope=scope, subject=subject, source=source
    )
    row.years, row.source, row.active, row.set_by = years, source, True, actor.staff_id
    outbox.save(session, row)
    detail = {"field": subject, "old": _current(before, scope, subject), "years": years, "source": source}
    audit.record(session, actor, "retention.set", RetentionEntry.entity, row.id, detail)
    return _current(load(session, actor.unit_code), scope, subject)


def withdraw_retention(session: Session, actor: Actor, subject: str, scope: str = "field") -> int | None:
    """Drop the ward's own period: the city's (or the default) applies again; audited, synced. Returns the period
    now in force."""
    require(actor, Perm.SETTINGS)
    row = session.get(RetentionEntry, ward_value_id(RetentionEntry.entity, actor.unit_code, scope, subject))
    if row is None or not row.active:
        raise ValidationError(QT_TRANSLATE_NOOP("core", "Phường chưa sửa thời hạn của lĩnh vực này."), "field")
    row.active, row.set_by = False, actor.staff_id
    outbox.save(session, row)
    after = load(session, actor.unit_code)
    now = _current(after, scope, subject)
    basis = _rule(subject, after).source if scope == "field" else ""  # the basis of the period that stands now
    detail = {"field": subject, "old": row.years, "years": now, "source": basis}
    audit.record(session, actor, "retention.withdraw", RetentionEntry.entity, row.id, detail)
    return now
