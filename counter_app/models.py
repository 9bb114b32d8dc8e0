"""Table classes of the counter's local database.

The schema itself is created and evolved by `migrations` (plain DDL, versioned); these
classes mirror it for the ORM, and a test checks that the two agree.

Every synced record has a device-made UUIDv7 `id` and the `unit_code` of its ward.
Timestamps are aware UTC (see `clock`).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import ClassVar

from sqlmodel import Field, SQLModel

from counter_app.clock import utc_now


class SyncedModel(SQLModel):
    """A record that must reach the hub. Written only through `outbox.save`."""

    entity: ClassVar[str] = ""

    id: str = Field(primary_key=True)
    unit_code: str = Field(index=True)
    created_at: datetime = Field(default_factory=utc_now)
    updated_at: datetime = Field(default_factory=utc_now)


class Citizen(SyncedModel, table=True):
    entity: ClassVar[str] = "citizen"
    full_name: str
    id_number: str | None = None
    old_id_number: str | None = None
    phone: str | None = None
    birth_date: date | None = None
    address: str | None = None
    address_unit_code: str | None = None
    pseudonymised_at: datetime | None = None  # personal fields erased; the register entry stays


class ServiceGroup(SyncedModel, table=True):
    __tablename__ = "service_group"
    entity: ClassVar[str] = "service_group"
    code: str
    name: str
    prefix: str
    active: bool = True


class Ticket(SyncedModel, table=True):
    entity: ClassVar[str] = "ticket"
    service_day: date
    group_code: str
    number: int
    label: str
    priority_reason: str | None = None
    status: str = "waiting"
    counter_no: int | None = None
    target_counter: int | None = None
    issued_at: datetime = Field(default_factory=utc_now)
    called_at: datetime | None = None
    started_at: datetime | None = None
    finished_at: datetime | None = None
    recall_count: int = 0
    note: str | None = None


class Dossier(SyncedModel, table=True):
    entity: ClassVar[str] = "dossier"
    code: str = Field(unique=True)
    procedure_code: str
    citizen_id: str = Field(foreign_key="citizen.id")
    channel: str = "counter"
    status: int = 2
    received_at: datetime = Field(default_factory=utc_now)
    due_date: date | None = None
    fee_amount: int = 0
    fee_paid: bool = False
    officer_id: str | None = None
    counter_no: int | None = None
    consent_notice_version: str | None = None
    note: str | None = None
    returned_at: datetime | None = None
    official_code: str | None = Field(default=None, index=True)  # issued by the city's / national system
    co_applicant: str | None = None  # JSON `parties.Party`: the second party (marriage registration)
    representative: str | None = None  # JSON `parties.Party`: an authorised person filing for the citizen
    collected_by: str | None = None  # JSON `parties.Party`: who collected the result
    pseudonymised_at: datetime | None = None


class DossierPaper(SyncedModel, table=True):
    __tablename__ = "dossier_paper"
    entity: ClassVar[str] = "dossier_paper"
    dossier_id: str = Field(foreign_key="dossier.id")
    name: str
    form: str = "copy"
    count: int = 1
    received: bool = False


class DossierEvent(SyncedModel, table=True):
    __tablename__ = "dossier_event"
    entity: ClassVar[str] = "dossier_event"
    dossier_id: str = Field(foreign_key="dossier.id")
    from_status: int | None = None
    to_status: int
    action: str
    reason: str | None = None
    actor_id: str | None = None
    at: datetime = Field(default_factory=utc_now)
    form_data: str | None = None
    pseudonymised_at: datetime | None = None


class AssistedFiling(SyncedModel, table=True):
    __tablename__ = "assisted_filing"
    entity: ClassVar[str] = "assisted_filing"
    procedure_code: str
    citizen_id: str | None = Field(default=None, foreign_key="citizen.id")
    volunteer_id: str | None = None
    outcome: str
    portal_code: str | None = None
    missing_papers: str | None = None
    ticket_id: str | None = None
    note: str | None = None
    pseudonymised_at: datetime | None = None


class CalendarEntry(SyncedModel, table=True):
    """A day off or a make-up working day added in the app, with its basis (see `calendar_entries`)."""

    __tablename__ = "calendar_entry"
    entity: ClassVar[str] = "calendar_entry"
    day: date
    kind: str  # "day_off" | "working_day"
    name: str
    basis: str
    origin: str = "ward"  # "ward" (this ward's own) | "city" (published by the city to every ward)
    active: bool = True
    added_by: str | None = None


class CatalogRelease(SyncedModel, table=True):
    """A procedure catalog imported by the ward admin, carried whole to the ward's other counters."""

    __tablename__ = "catalog_release"
    entity: ClassVar[str] = "catalog_release"
    version: str
    files: str  # JSON object: file name -> file text, exactly as imported
    sha256: str
    summary: str  # JSON: counts of added, removed and changed procedures
    imported_by: str | None = None


class FeeEntry(SyncedModel, table=True):
    """A fee set by the city People's Council as in force for the ward, with its resolution (see `fees`).

    One row per procedure and origin, updated in place: the ward's own ("ward") or published by the city
    to every ward ("city"); the ward's own stands over the city's."""

    __tablename__ = "fee_entry"
    entity: ClassVar[str] = "fee_entry"
    procedure_code: str
    vnd: int
    source: str
    origin: str = "ward"  # "ward" | "city"
    active: bool = True
    set_by: str | None = None  # staff id; None for the city or a value carried over from a PC's settings


class RetentionEntry(SyncedModel, table=True):
    """How long a procedure field's (or one procedure's) personal data is kept, as the admin set it
    (see `retention`); one row per subject and origin, updated in place."""

    __tablename__ = "retention_entry"
    entity: ClassVar[str] = "retention_entry"
    scope: str  # "field" (lĩnh vực) | "procedure" (a procedure code)
    subject: str
    years: int | None = None  # None: kept permanently
    source: str
    origin: str = "ward"  # "ward" | "city"
    active: bool = True
    set_by: str | None = None


class Staff(SyncedModel, table=True):
    entity: ClassVar[str] = "staff"
    username: str = Field(unique=True)
    full_name: str
    role: str
    password_hash: str
    failed_attempts: int = 0
    locked_until: datetime | None = None
    active: bool = True
    must_change_password: bool = False


class AuditEntry(SyncedModel, table=True):
    __tablename__ = "audit_entry"
    entity: ClassVar[str] = "audit_entry"
    seq: int = Field(unique=True)
    at: datetime = Field(default_factory=utc_now)
    actor_id: str | None = None
    counter_no: int | None = None
    action: str
    target_entity: str | None = None
    target_id: str | None = None
    detail: str | None = None
    prev_hash: str
    hash: str


class DossierSequence(SQLModel, table=True):
    """Local only: the last daily sequence this counter handed out (see dossiers)."""

    __tablename__ = "dossier_sequence"
    unit_code: str = Field(primary_key=True)
    day: date = Field(primary_key=True)
    counter_no: int = Field(primary_key=True)
    last_seq: int = 0


class OutboxEntry(SQLModel, table=True):
    __tablename__ = "outbox"
    op_id: str = Field(primary_key=True)
    unit_code: str
    entity: str
    entity_id: str = Field(index=True)
    op: str
    payload: str
    created_at: datetime = Field(default_factory=utc_now)
    attempts: int = 0
    last_error: str | None = None
    next_attempt_at: datetime | None = None
    quarantined_at: datetime | None = None


class SyncState(SQLModel, table=True):
    __tablename__ = "sync_state"
    key: str = Field(primary_key=True)
    value: str


class SyncConflict(SQLModel, table=True):
    __tablename__ = "sync_conflict"
    id: str = Field(primary_key=True)
    entity: str
    entity_id: str
    local_payload: str | None = None
    remote_payload: str
    reason: str
    detected_at: datetime = Field(default_factory=utc_now)
    resolved_at: datetime | None = None


class Setting(SQLModel, table=True):
    key: str = Field(primary_key=True)
    value: str


SYNCED_MODELS: tuple[type[SyncedModel], ...] = (
    Citizen,
    ServiceGroup,
    Ticket,
    Dossier,
    DossierPaper,
    DossierEvent,
    AssistedFiling,
    Staff,
    AuditEntry,
    CalendarEntry,
    CatalogRelease,
    FeeEntry,
    RetentionEntry,
)
MODEL_BY_ENTITY: dict[str, type[SyncedModel]] = {m.entity: m for m in SYNCED_MODELS}
