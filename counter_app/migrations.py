"""Ordered schema steps, kept in `PRAGMA user_version`.

Each step runs in one transaction (DDL is transactional in SQLite) and bumps the version
in that same transaction, so a crash leaves the database at the old or the new version,
never between. Append new steps; never edit a released one.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from counter_app import search_index
from counter_app.ids import new_id, ward_value_id

_SYNCED = """
    id TEXT PRIMARY KEY,
    unit_code TEXT NOT NULL,
    created_at DATETIME NOT NULL,
    updated_at DATETIME NOT NULL"""


@dataclass(frozen=True)
class Migration:
    version: int
    description: str
    statements: tuple[str, ...]
    # Data work that SQL alone cannot do (e.g. Python folding), run in the step's transaction.
    python: Callable[[sqlite3.Connection], None] | None = None


V1 = Migration(
    1,
    "initial schema",
    (
        f"""CREATE TABLE citizen ({_SYNCED},
            full_name TEXT NOT NULL,
            id_number TEXT,
            old_id_number TEXT,
            phone TEXT,
            birth_date DATE,
            address TEXT,
            address_unit_code TEXT)""",
        "CREATE INDEX ix_citizen_unit_code ON citizen (unit_code)",
        "CREATE INDEX ix_citizen_id_number ON citizen (id_number)",
        f"""CREATE TABLE service_group ({_SYNCED},
            code TEXT NOT NULL,
            name TEXT NOT NULL,
            prefix TEXT NOT NULL,
            active BOOLEAN NOT NULL DEFAULT 1)""",
        "CREATE INDEX ix_service_group_unit_code ON service_group (unit_code)",
        f"""CREATE TABLE ticket ({_SYNCED},
            service_day DATE NOT NULL,
            group_code TEXT NOT NULL,
            number INTEGER NOT NULL,
            label TEXT NOT NULL,
            priority_reason TEXT,
            status TEXT NOT NULL,
            counter_no INTEGER,
            target_counter INTEGER,
            issued_at DATETIME NOT NULL,
            called_at DATETIME,
            started_at DATETIME,
            finished_at DATETIME,
            recall_count INTEGER NOT NULL DEFAULT 0,
            note TEXT)""",
        "CREATE INDEX ix_ticket_unit_code ON ticket (unit_code)",
        "CREATE INDEX ix_ticket_day_status ON ticket (service_day, status)",
        f"""CREATE TABLE dossier ({_SYNCED},
            code TEXT NOT NULL UNIQUE,
            procedure_code TEXT NOT NULL,
            citizen_id TEXT NOT NULL REFERENCES citizen (id),
            channel TEXT NOT NULL,
            status INTEGER NOT NULL,
            received_at DATETIME NOT NULL,
            due_date DATE,
            fee_amount INTEGER NOT NULL DEFAULT 0,
            fee_paid BOOLEAN NOT NULL DEFAULT 0,
            officer_id TEXT,
            counter_no INTEGER,
            consent_notice_version TEXT,
            note TEXT,
            returned_at DATETIME)""",
        "CREATE INDEX ix_dossier_unit_code ON dossier (unit_code)",
        "CREATE INDEX ix_dossier_citizen ON dossier (citizen_id)",
        "CREATE INDEX ix_dossier_status_due ON dossier (status, due_date)",
        f"""CREATE TABLE dossier_paper ({_SYNCED},
            dossier_id TEXT NOT NULL REFERENCES dossier (id),
            name TEXT NOT NULL,
            form TEXT NOT NULL,
            count INTEGER NOT NULL DEFAULT 1,
            received BOOLEAN NOT NULL DEFAULT 0)""",
        "CREATE INDEX ix_dossier_paper_unit_code ON dossier_paper (unit_code)",
        "CREATE INDEX ix_dossier_paper_dossier ON dossier_paper (dossier_id)",
        f"""CREATE TABLE dossier_event ({_SYNCED},
            dossier_id TEXT NOT NULL REFERENCES dossier (id),
            from_status INTEGER,
            to_status INTEGER NOT NULL,
            action TEXT NOT NULL,
            reason TEXT,
            actor_id TEXT,
            at DATETIME NOT NULL,
            form_data TEXT)""",
        "CREATE INDEX ix_dossier_event_unit_code ON dossier_event (unit_code)",
        "CREATE INDEX ix_dossier_event_dossier ON dossier_event (dossier_id)",
        f"""CREATE TABLE assisted_filing ({_SYNCED},
            procedure_code TEXT NOT NULL,
            citizen_id TEXT REFERENCES citizen (id),
            volunteer_id TEXT,
            outcome TEXT NOT NULL,
            portal_code TEXT,
            missing_papers TEXT,
            ticket_id TEXT,
            note TEXT)""",
        "CREATE INDEX ix_assisted_filing_unit_code ON assisted_filing (unit_code)",
        f"""CREATE TABLE staff ({_SYNCED},
            username TEXT NOT NULL UNIQUE,
            full_name TEXT NOT NULL,
            role TEXT NOT NULL,
            password_hash TEXT NOT NULL,
            failed_attempts INTEGER NOT NULL DEFAULT 0,
            locked_until DATETIME,
            active BOOLEAN NOT NULL DEFAULT 1,
            must_change_password BOOLEAN NOT NULL DEFAULT 0)""",
        "CREATE INDEX ix_staff_unit_code ON staff (unit_code)",
        f"""CREATE TABLE audit_entry ({_SYNCED},
            seq INTEGER NOT NULL UNIQUE,
            at DATETIME NOT NULL,
            actor_id TEXT,
            counter_no INTEGER,
            action TEXT NOT NULL,
            target_entity TEXT,
            target_id TEXT,
            detail TEXT,
            prev_hash TEXT NOT NULL,
            hash TEXT NOT NULL)""",
        "CREATE INDEX ix_audit_entry_unit_code ON audit_entry (unit_code)",
        # Append-only: the database itself refuses to change or remove an audit entry.
        """CREATE TRIGGER audit_entry_no_update BEFORE UPDATE ON audit_entry
            BEGIN SELECT RAISE(ABORT, 'audit entries are append-only'); END""",
        """CREATE TRIGGER audit_entry_no_delete BEFORE DELETE ON audit_entry
            BEGIN SELECT RAISE(ABORT, 'audit entries are append-only'); END""",
        """CREATE TABLE dossier_sequence (
            unit_code TEXT NOT NULL,
            day DATE NOT NULL,
            counter_no INTEGER NOT NULL,
            last_seq INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (unit_code, day, counter_no))""",
        """CREATE TABLE outbox (
            op_id TEXT PRIMARY KEY,
            unit_code TEXT NOT NULL,
            entity TEXT NOT NULL,
            entity_id TEXT NOT NULL,
            op TEXT NOT NULL,
            payload TEXT NOT NULL,
            created_at DATETIME NOT NULL,
            attempts INTEGER NOT NULL DEFAULT 0,
            last_error TEXT,
            next_attempt_at DATETIME,
            quarantined_at DATETIME)""",
        "CREATE INDEX ix_outbox_entity_id ON outbox (entity_id)",
        "CREATE TABLE sync_state (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
        """CREATE TABLE sync_conflict (
            id TEXT PRIMARY KEY,
            entity TEXT NOT NULL,
            entity_id TEXT NOT NULL,
            local_payload TEXT,
            remote_payload TEXT NOT NULL,
            reason TEXT NOT NULL,
            detected_at DATETIME NOT NULL,
            resolved_at DATETIME)""",
        "CREATE TABLE setting (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    ),
)


def _fill_search_index(conn: sqlite3.Connection) -> None:
    search_index.rebuild(lambda sql, params: conn.execute(sql, tuple(params)).fetchall(), with_words=False)


V2 = Migration(2, "search index over citizens and dossiers", search_index.SCHEMA, _fill_search_index)

V3 = Migration(
    3,
    "dossier: official code, second applicant, representative, who collected the result",
    (
        "ALTER TABLE dossier ADD COLUMN official_code TEXT",
        "ALTER TABLE dossier ADD COLUMN co_applicant TEXT",
        "ALTER TABLE dossier ADD COLUMN representative TEXT",
        "ALTER TABLE dossier ADD COLUMN collected_by TEXT",
        "CREATE INDEX ix_dossier_official_code ON dossier (official_code)",
    ),
)

V4 = Migration(
    4,
    "days off and make-up working days added in the app",
    (
        f"""CREATE TABLE calendar_entry ({_SYNCED},
            day DATE NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('day_off', 'working_day')),
            name TEXT NOT NULL,
            basis TEXT NOT NULL,
            origin TEXT NOT NULL DEFAULT 'ward' CHECK (origin IN ('ward', 'city')),
            active BOOLEAN NOT NULL DEFAULT 1,
            added_by TEXT)""",
        "CREATE INDEX ix_calendar_entry_unit_code ON calendar_entry (unit_code)",
        "CREATE INDEX ix_calendar_entry_day ON calendar_entry (day)",
    ),
)

V5 = Migration(
    5,
    "procedure catalogs imported in the app",
    (
        f"""CREATE TABLE catalog_release ({_SYNCED},
            version TEXT NOT NULL,
            files TEXT NOT NULL,
            sha256 TEXT NOT NULL,
            summary TEXT NOT NULL,
            imported_by TEXT)""",
        "CREATE INDEX ix_catalog_release_unit_code ON catalog_release (unit_code)",
    ),
)

V6 = Migration(
    6,
    "mark records whose personal fields were pseudonymised (the hub scrubs earlier copies)",
    tuple(
        f"ALTER TABLE {table} ADD COLUMN pseudonymised_at DATETIME"
        for table in ("citizen", "dossier", "dossier_event", "assisted_filing")
    ),
)

# The dossier list shows a ward's newest dossiers a page at a time: without these, SQLite sorted the whole
# ward for every page (2.7 s at 1,000,000 dossiers); with them it walks the index and stops after a page.
V7 = Migration(
    7,
    "dossier list pages in index order",
    (
        "CREATE INDEX IF NOT EXISTS ix_dossier_unit_received ON dossier (unit_code, received_at DESC, id DESC)",
        "CREATE INDEX IF NOT EXISTS ix_dossier_unit_status_received"
        " ON dossier (unit_code, status, received_at DESC, id DESC)",
    ),
)

CARRIED_OVER = "Giá trị đã ghi trên máy này trước khi đồng bộ toàn phường (không ghi căn cứ)"


def _carry_over_device_values(conn: sqlite3.Connection) -> None:
    """The fees and retention periods an admin set in this PC's settings become the ward's records (queued for
    the hub, so they reach the other counters), and leave the settings: nothing entered is lost, nothing is
    read from two places."""
    row = conn.execute("SELECT value FROM setting WHERE key = 'device'").fetchone()
    if row is None:
        return
    device: dict[str, Any] = json.loads(row[0])
    fees = device.pop("fee_overrides", None) or {}
    by_field = device.pop("retention_field_override", None) or {}
    by_procedure = device.pop("retention_years_override", None) or {}
    unit = str(device.get("unit_code") or "")
    if unit:
        for code, fee in fees.items():
            values = {"procedure_code": code, "vnd": int(fee["vnd"]), "source": str(fee.get("source") or CARRIED_OVER)}
            _insert_ward_value(conn, "fee_entry", unit, (code,), values)
        for scope, table in (("field", by_field), ("procedure", by_procedure)):
            for subject, years in table.items():
                values = {"scope": scope, "subject": subject, "years": years, "source": CARRIED_OVER}
                _insert_ward_value(conn, "retention_entry", unit, (scope, subject), values)
    conn.execute(
        "UPDATE setting SET value = ? WHERE key = 'device'", (json.dumps(device, ensure_ascii=False, sort_keys=True),)
    )


def _insert_ward_value(
    conn: sqlite3.Connection, entity: str, unit: str, key: tuple[str, ...], values: dict[str, Any]
) -> None:
    """One row and its outbox entry, with the payload as `outbox.save` would have written it."""
    moment = datetime.now(UTC)
    stored, sent = moment.replace(tzinfo=None).isoformat(sep=" "), moment.isoformat().replace("+00:00", "Z")
    row_id = ward_value_id(entity, unit, *key)
    row = {"id": row_id, "unit_code": unit, **values, "origin": "ward", "active": True, "set_by": None}
    columns = [*row, "created_at", "updated_at"]
    conn.execute(
        f"INSERT INTO {entity} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
        (*row.values(), stored, stored),
    )
    payload = json.dumps({**row, "created_at": sent, "updated_at": sent}, ensure_ascii=False, sort_keys=True)
    conn.execute(
        "INSERT INTO outbox (op_id, unit_code, entity, entity_id, op, payload, created_at)"
        " VALUES (?, ?, ?, ?, 'upsert', ?, ?)",
        (new_id(), unit, entity, row_id, payload, stored),
    )


V8 = Migration(
    8,
    "fees and retention periods held for the whole ward (synced), carried over from this PC's settings",
    (
        f"""CREATE TABLE fee_entry ({_SYNCED},
            procedure_code TEXT NOT NULL,
            vnd INTEGER NOT NULL CHECK (vnd >= 0),
            source TEXT NOT NULL,
            origin TEXT NOT NULL DEFAULT 'ward' CHECK (origin IN ('ward', 'city')),
            active BOOLEAN NOT NULL DEFAULT 1,
            set_by TEXT)""",
        "CREATE INDEX ix_fee_entry_unit_code ON fee_entry (unit_code)",
        f"""CREATE TABLE retention_entry ({_SYNCED},
            scope TEXT NOT NULL CHECK (scope IN ('field', 'procedure')),
            subject TEXT NOT NULL,
            years INTEGER CHECK (years IS NULL OR years >= 1),
            source TEXT NOT NULL,
            origin TEXT NOT NULL DEFAULT 'ward' CHECK (origin IN ('ward', 'city')),
            active BOOLEAN NOT NULL DEFAULT 1,
            set_by TEXT)""",
        "CREATE INDEX ix_retention_entry_unit_code ON retention_entry (unit_code)",
    ),
    _carry_over_device_values,
)

# The sync engine sends the outbox oldest first, a batch at a time: without this, SQLite sorted the whole
# outbox for every batch (100,000 waiting operations: 500 sorts of what is left).
V9 = Migration(
    9,
    "outbox read in sending order",
    ("CREATE INDEX IF NOT EXISTS ix_outbox_due ON outbox (created_at, op_id)",),
)

# A half-typed word of four letters or more is searched as the whole words it can be (counter_app.search):
# FTS5 merged the lists of every word it starts, e.g. 270,000 entries for "nguyen" on a million records.
V10 = Migration(10, "the name index's word list", search_index.WORDS_SCHEMA, search_index.fill_words)

MIGRATIONS: tuple[Migration, ...] = (V1, V2, V3, V4, V5, V6, V7, V8, V9, V10)
LATEST_VERSION = MIGRATIONS[-1].version
