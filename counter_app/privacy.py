"""Personal-data protection: the notice a citizen is shown, retention per procedure, and deletion on
request (Law 91/2025/QH15, Decree 356/2025). Deletion reaches the outbox and the hub, and leaves an
audit entry that holds ids and counts only.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Literal

from sqlalchemy import delete as sql_delete
from sqlmodel import Session, col, select

from counter_app import audit, outbox
from counter_app.access import Actor, Perm, require, require_unit
from counter_app.catalog import default_catalog
from counter_app.clock import local_today, to_local
from counter_app.config import resources_dir
from counter_app.dossier_states import OPEN, DossierState
from counter_app.errors import ValidationError
from counter_app.i18n import QT_TRANSLATE_NOOP
from counter_app.models import AssistedFiling, Citizen, Dossier, DossierEvent, DossierPaper, OutboxEntry
from counter_app.settings import DeviceSettings

DeletionReason = Literal["citizen_request", "retention_expired", "entered_in_error"]
REASONS_VI: dict[str, str] = {
    "citizen_request": QT_TRANSLATE_NOOP("core", "Công dân yêu cầu xóa"),
    "retention_expired": QT_TRANSLATE_NOOP("core", "Hết thời hạn lưu trữ"),
    "entered_in_error": QT_TRANSLATE_NOOP("core", "Nhập nhầm"),
}


@dataclass(frozen=True)
class Notice:
    version: str
    title: str
    purpose: str
    data_collected: tuple[str, ...]
    retention: str
    rights: str

    def as_text(self) -> str:
        """The notice as printed on the receipt."""
        return f"{self.title} (phiên bản {self.version}): {self.purpose} {self.retention} {self.rights}"


@cache
def current_notice() -> Notice:
    data = json.loads((resources_dir() / "privacy_notice.json").read_text(encoding="utf-8"))
    return Notice(
        data["version"],
        data["title"],
        data["purpose"],
        tuple(data["data_collected"]),
        data["retention"],
        data["rights"],
    )


def retention_years(procedure_code: str, device: DeviceSettings) -> int:
    """The ward's setting for this procedure if it has one, else the catalog's."""
    override = device.retention_years_override.get(procedure_code)
    return int(override) if override else default_catalog().get(procedure_code).retention_years


def expired_dossiers(
    session: Session, actor: Actor, device: DeviceSettings, today: date | None = None
) -> list[Dossier]:
    """Closed dossiers kept longer than their procedure's retention period."""
    require(actor, Perm.PERSONAL_DATA_DELETE)
    day = today or local_today()
    closed = [int(s) for s in DossierState if s not in OPEN]
    query = select(Dossier).where(Dossier.unit_code == actor.unit_code, col(Dossier.status).in_(closed))
    expired = []
    for dossier in session.exec(query).all():
        received = to_local(dossier.received_at).date()
        years = retention_years(dossier.procedure_code, device)
        if received.replace(year=received.year + years, day=min(received.day, 28)) <= day:
            expired.append(dossier)
    return expired


@dataclass(frozen=True)
class DeletionReport:
    citizen_id: str
    dossiers: int
    records: int
    pending_dropped: int


def delete_citizen_data(session: Session, actor: Actor, citizen_id: str, reason: DeletionReason) -> DeletionReport:
    """Delete a citizen and everything about them, here, in the outbox and (through it) at the hub."""
    require(actor, Perm.PERSONAL_DATA_DELETE)
    if reason not in REASONS_VI:
        raise ValidationError(QT_TRANSLATE_NOOP("core", "Lý do xóa không hợp lệ."), "reason")
    citizen = session.get(Citizen, citizen_id)
    if citizen is None:
        raise ValidationError(QT_TRANSLATE_NOOP("core", "Không tìm thấy công dân."), "citizen_id")
    require_unit(actor, citizen.unit_code)
    dossiers = list(session.exec(select(Dossier).where(Dossier.citizen_id == citizen_id)).all())
    ids = [d.id for d in dossiers]
    # Children before parents: the database's foreign keys check every step.
    groups: list[list[Citizen | Dossier | DossierEvent | DossierPaper | AssistedFiling]] = [
        list(session.exec(select(DossierEvent).where(col(DossierEvent.dossier_id).in_(ids))).all()),
        list(session.exec(select(DossierPaper).where(col(DossierPaper.dossier_id).in_(ids))).all()),
        list(dossiers),
        list(session.exec(select(AssistedFiling).where(AssistedFiling.citizen_id == citizen_id)).all()),
        [citizen],
    ]
    rows = [row for group in groups for row in group]
    # Unsent changes carry the personal data too: they go, and only the deletions are sent.
    unsent = sql_delete(OutboxEntry).where(col(OutboxEntry.entity_id).in_([r.id for r in rows]))
    dropped = session.exec(unsent).rowcount
    for group in groups:
        for row in group:
            outbox.delete(session, row)
        session.flush()
    detail = {"reason": reason, "dossiers": len(dossiers), "records": len(rows)}
    audit.record(session, actor, "personal_data.delete", "citizen", citizen_id, detail)
    return DeletionReport(citizen_id, len(dossiers), len(rows), int(dropped or 0))
