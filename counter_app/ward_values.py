"""What fees and retention periods share: values held for the whole ward, the city's and the ward's own.

Each value is a synced record (one per subject and origin, updated in place), so an edit at one counter holds at
every counter of the ward. The city publishes its values to every ward through the hub (`counter-hub publish`); a
ward's own entry for the same subject stands over the city's and is shown as the ward's.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Protocol, TypeVar

from sqlmodel import Session, col, select

from counter_app.i18n import QT_TRANSLATE_NOOP
from counter_app.models import Staff

ORIGIN_LABELS = {
    "table": QT_TRANSLATE_NOOP("core", "Mặc định"),
    "catalog": QT_TRANSLATE_NOOP("core", "Danh mục"),
    "city": QT_TRANSLATE_NOOP("core", "Thành phố"),
    "ward": QT_TRANSLATE_NOOP("core", "Phường (riêng)"),
}


class WardValue(Protocol):
    origin: str
    active: bool
    updated_at: datetime


V = TypeVar("V", bound=WardValue)


def in_force(rows: Iterable[V], key: Callable[[V], str]) -> dict[str, V]:
    """Per subject, the active entry that stands: the ward's own over the city's; the newer of two alike."""
    found: dict[str, V] = {}
    for row in rows:
        if not row.active:
            continue
        held = found.get(key(row))
        if held is None or (row.origin == "ward", row.updated_at) > (held.origin == "ward", held.updated_at):
            found[key(row)] = row
    return found


def staff_names(session: Session, ids: Iterable[str | None]) -> dict[str, str]:
    """Who set a value, by name (accounts are synced, so another counter's admin is known here too); an account
    not here yet by the end of its id, as the audit trail shows it."""
    wanted = {i for i in ids if i}
    if not wanted:
        return {}
    rows = dict(session.exec(select(Staff.id, Staff.full_name).where(col(Staff.id).in_(wanted))).all())
    return {i: rows.get(i) or f"…{i[-6:]}" for i in wanted}
