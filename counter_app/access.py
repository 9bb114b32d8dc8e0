"""Who may do what. Every core service that reads or writes citizens' data calls `require`.

Roles: admin (settings, accounts, backups, enrollment, and everything an officer does),
officer (queue, dossiers, citizens), volunteer (online-filing guides, assisted filings,
issuing tickets; never other citizens' dossiers).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from counter_app.errors import PermissionDenied
from counter_app.i18n import QT_TRANSLATE_NOOP


class Role(StrEnum):
    ADMIN = "admin"
    OFFICER = "officer"
    VOLUNTEER = "volunteer"


class Perm(StrEnum):
    TICKET_ISSUE = "ticket.issue"
    QUEUE_SERVE = "queue.serve"
    CITIZEN_READ = "citizen.read"
    CITIZEN_WRITE = "citizen.write"
    DOSSIER_READ = "dossier.read"
    DOSSIER_WRITE = "dossier.write"
    CATALOG_READ = "catalog.read"
    ASSISTED_FILING = "assisted_filing.write"
    SEARCH = "search"
    SETTINGS = "settings"
    STAFF_ADMIN = "staff.admin"
    BACKUP = "backup"
    AUDIT_READ = "audit.read"
    PERSONAL_DATA_DELETE = "personal_data.delete"
    SYNC_ADMIN = "sync.admin"
    CALENDAR_EDIT = "calendar.edit"
    CATALOG_ADMIN = "catalog.admin"


_OFFICER = {
    Perm.TICKET_ISSUE,
    Perm.QUEUE_SERVE,
    Perm.CITIZEN_READ,
    Perm.CITIZEN_WRITE,
    Perm.DOSSIER_READ,
    Perm.DOSSIER_WRITE,
    Perm.CATALOG_READ,
    Perm.ASSISTED_FILING,
    Perm.SEARCH,
}
ROLE_PERMS: dict[Role, frozenset[Perm]] = {
    Role.VOLUNTEER: frozenset({Perm.TICKET_ISSUE, Perm.CATALOG_READ, Perm.ASSISTED_FILING}),
    Role.OFFICER: frozenset(_OFFICER),
    Role.ADMIN: frozenset(Perm),
}
ROLE_LABELS_VI = {
    Role.ADMIN: QT_TRANSLATE_NOOP("core", "Quản trị"),
    Role.OFFICER: QT_TRANSLATE_NOOP("core", "Cán bộ một cửa"),
    Role.VOLUNTEER: QT_TRANSLATE_NOOP("core", "Tình nguyện viên"),
}


@dataclass(frozen=True)
class Actor:
    """The signed-in person (or the system) on whose behalf a core call runs."""

    staff_id: str | None
    role: Role
    unit_code: str
    counter_no: int | None = None
    name: str = ""

    def can(self, perm: Perm) -> bool:
        return perm in ROLE_PERMS[self.role]


def require(actor: Actor, perm: Perm) -> None:
    if not actor.can(perm):
        raise PermissionDenied(
            QT_TRANSLATE_NOOP("core", "Vai trò «{role}» không được phép thực hiện thao tác này."),
            role=ROLE_LABELS_VI[actor.role],
        )


def require_unit(actor: Actor, unit_code: str) -> None:
    """A record of another ward is out of reach, whatever the role."""
    if unit_code != actor.unit_code:
        raise PermissionDenied(QT_TRANSLATE_NOOP("core", "Hồ sơ này thuộc đơn vị khác."))
