"""Days off and make-up working days added in the app, on top of the shipped table (see `calendar`).

Government notices arrive late in the year: the ward admin adds the day with its basis, and the
entry reaches the ward's other counters through the outbox. The city's entries (origin "city")
stand for every ward unless the ward's own entry for the same day overrides them.

Due dates already given are not moved: a change lists the open dossiers whose deadline it would
have changed, so the officer can decide (e.g. an apology with a new date, Mẫu 04).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, col, select

from counter_app import audit, outbox
from counter_app.access import Actor, Perm, require, require_unit
from counter_app.calendar import DAY_OFF, WORKING_DAY, DayEntry, Origin, WorkingCalendar, due_date
from counter_app.catalog import default_catalog
from counter_app.dossier_states import OPEN
from counter_app.errors import ValidationError
from counter_app.i18n import QT_TRANSLATE_NOOP
from counter_app.ids import new_id
from counter_app.models import CalendarEntry, Dossier
from counter_app.text import tidy

KIND_LABELS: dict[str, str] = {
    DAY_OFF: QT_TRANSLATE_NOOP("core", "Ngày nghỉ"),
    WORKING_DAY: QT_TRANSLATE_NOOP("core", "Ngày làm việc (làm bù)"),
}
ORIGIN_LABELS = {
    "table": QT_TRANSLATE_NOOP("core", "Bảng gốc"),
    "city": QT_TRANSLATE_NOOP("core", "Thành phố"),
    "ward": QT_TRANSLATE_NOOP("core", "Phường (riêng)"),
}


def _active(session: Session, unit_code: str) -> list[CalendarEntry]:
    query = select(CalendarEntry).where(CalendarEntry.unit_code == unit_code, col(CalendarEntry.active).is_(True))
    return list(session.exec(query.order_by(col(CalendarEntry.created_at))).all())


def _as_day(row: CalendarEntry) -> DayEntry:
    origin: Origin = "city" if row.origin == "city" else "ward"
    return DayEntry(row.day, DAY_OFF if row.kind == DAY_OFF else WORKING_DAY, row.name, row.basis, origin)


def ward_calendar(session: Session, unit_code: str) -> WorkingCalendar:
    """The calendar a ward's deadlines are counted on: the table, the city's entries, then its own."""
    return WorkingCalendar(tuple(_as_day(r) for r in _active(session, unit_code)))


@dataclass(frozen=True)
class Affected:
    """An open dossier whose deadline the change would have moved; its due date stays as given."""

    dossier_id: str
    code: str
    due: date
    would_be: date


@dataclass(frozen=True)
class ChangeReport:
    entry: CalendarEntry
    affected: list[Affected]


def _affected(session: Session, unit_code: str, before: WorkingCalendar, after: WorkingCalendar) -> list[Affected]:
    catalog = default_catalog()
    query = select(Dossier).where(
        Dossier.unit_code == unit_code,
        col(Dossier.status).in_([int(s) for s in OPEN]),
        col(Dossier.due_date).is_not(None),
    )
    found: list[Affected] = []
    for d in session.exec(query.order_by(col(Dossier.due_date))).all():
        try:
            proc = catalog.for_record(d.procedure_code, d.received_at)
        except ValidationError:
            continue  # a procedure gone from the catalog: nothing to recount
        old = due_date(d.received_at, proc.processing_days, proc.cutoff, before)
        new = due_date(d.received_at, proc.processing_days, proc.cutoff, after)
        if old != new and d.due_date is not None:
            found.append(Affected(d.id, d.code, d.due_date, new))
    return found


def add_entry(
    session: Session, actor: Actor, day: date, kind: str, name: str, basis: str, origin: str = "ward"
) -> ChangeReport:
    """Add a day off or a make-up working day with its basis; audited, synced; due dates stay."""
    require(actor, Perm.CALENDAR_EDIT)
    if kind not in KIND_LABELS:
        raise ValidationError(QT_TRANSLATE_NOOP("core", "Loại ngày không hợp lệ."), "kind")
    if origin not in ("ward", "city"):
        raise ValidationError(QT_TRANSLATE_NOOP("core", "Nguồn của ngày không hợp lệ."), "origin")
    basis, name = tidy(basis or ""), tidy(name or "")
    if not basis:
        raise ValidationError(
            QT_TRANSLATE_NOOP("core", "Ghi căn cứ (số, ngày văn bản) của ngày nghỉ hoặc ngày làm bù."), "basis"
        )
    before = ward_calendar(session, actor.unit_code)
    if before.is_working_day(day) == (kind == WORKING_DAY):
        raise ValidationError(
            QT_TRANSLATE_NOOP("core", "Ngày {day:%d/%m/%Y} đã là {what}; không cần thêm."),
            "day",
            day=day,
            what=KIND_LABELS[kind].lower(),
        )
    row = CalendarEntry(
        id=new_id(),
        unit_code=actor.unit_code,
        day=day,
        kind=kind,
        name=name or KIND_LABELS[kind],
        basis=basis,
        origin=origin,
        added_by=actor.staff_id,
    )
    outbox.save(session, row)
    after = ward_calendar(session, actor.unit_code)
    affected = _affected(session, actor.unit_code, before, after)
    audit.record(
        session,
        actor,
        "calendar.add",
        "calendar_entry",
        row.id,
        {"day": day.isoformat(), "kind": kind, "affected": len(affected)},
    )
    return ChangeReport(row, affected)


def withdraw_entry(session: Session, actor: Actor, entry_id: str) -> ChangeReport:
    """Withdraw an entry added in the app (the shipped table is changed only by a new release)."""
    require(actor, Perm.CALENDAR_EDIT)
    row = session.get(CalendarEntry, entry_id)
    if row is None or not row.active:
        raise ValidationError(QT_TRANSLATE_NOOP("core", "Không tìm thấy ngày đã thêm."), "entry_id")
    require_unit(actor, row.unit_code)
    before = ward_calendar(session, actor.unit_code)
    row.active = False
    outbox.save(session, row)
    after = ward_calendar(session, actor.unit_code)
    affected = _affected(session, actor.unit_code, before, after)
    audit.record(session, actor, "calendar.withdraw", "calendar_entry", row.id, {"affected": len(affected)})
    return ChangeReport(row, affected)


@dataclass(frozen=True)
class CalendarRow:
    day: date
    kind: str
    name: str
    basis: str
    origin: str  # "table" | "city" | "ward"
    confirmed: bool
    entry_id: str | None  # set for entries added in the app (they can be withdrawn)


def list_days(session: Session, actor: Actor, year: int) -> list[CalendarRow]:
    """Every entry of the year that decides a day, as the ward's calendar sees it; ward's own marked."""
    require(actor, Perm.CATALOG_READ)
    rows = {r.id: r for r in _active(session, actor.unit_code)}
    ids = {(r.day, r.origin): r.id for r in rows.values()}
    out = []
    for day, e in sorted(ward_calendar(session, actor.unit_code).entries.items()):
        if day.year == year:
            out.append(CalendarRow(day, e.kind, e.name, e.basis, e.origin, e.confirmed, ids.get((day, e.origin))))
    return out
