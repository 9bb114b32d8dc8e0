"""The hub's schema, in ordered steps kept in `hub_schema_version` (as the PCs keep theirs in user_version).

Each step runs in one transaction on SQLite and PostgreSQL alike (DDL is transactional on both), and
records its version in that same transaction. A database made before these steps existed (tables from
`create_all`, no version table) is recognised as version 1. A database from a newer hub is refused.
Append new steps; never edit a released one: step 1 keeps its own frozen copy of the tables.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import (
    BigInteger,
    Column,
    DateTime,
    Integer,
    MetaData,
    PrimaryKeyConstraint,
    String,
    Table,
    Text,
    UniqueConstraint,
    inspect,
    text,
)
from sqlalchemy.engine import Connection, Engine

VERSION_TABLE = "hub_schema_version"


class NewerHubSchemaError(RuntimeError):
    """The database was made by a newer hub; an older one must not write to it."""


@dataclass(frozen=True)
class HubMigration:
    version: int
    description: str
    run: Callable[[Connection], None]


def _v1_tables() -> MetaData:
    """The tables as the first hub made them (frozen: later changes are later steps)."""
    md = MetaData()
    ts = DateTime(timezone=True)
    Table(
        "hub_device",
        md,
        Column("id", String, primary_key=True),
        Column("kind", String, nullable=False),
        Column("unit_code", String, nullable=False, index=True),
        Column("counter_no", Integer, nullable=False),
        Column("name", String, nullable=False),
        Column("token_hash", String, nullable=False, unique=True),
        Column("enrolled_at", ts, nullable=False),
        Column("last_seen_at", ts),
        Column("revoked_at", ts),
    )
    Table(
        "hub_enrollment_code",
        md,
        Column("code_hash", String, primary_key=True),
        Column("unit_code", String, nullable=False),
        Column("counter_no", Integer, nullable=False),
        Column("expires_at", ts, nullable=False),
        Column("used_at", ts),
    )
    Table(
        "hub_change",
        md,
        Column("seq", BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True),
        Column("op_id", String, nullable=False, unique=True),
        Column("unit_code", String, nullable=False, index=True),
        Column("entity", String, nullable=False),
        Column("entity_id", String, nullable=False, index=True),
        Column("op", String, nullable=False),
        Column("payload", Text, nullable=False),
        Column("origin_device", String),
        Column("received_at", ts, nullable=False),
        Column("relayed_at", ts, index=True),
        Column("relay_note", String),
    )
    Table(
        "hub_record",
        md,
        Column("unit_code", String, nullable=False),
        Column("entity", String, nullable=False),
        Column("entity_id", String, nullable=False),
        Column("payload", Text, nullable=False),
        Column("status", Integer),
        Column("last_seq", Integer, nullable=False),
        PrimaryKeyConstraint("unit_code", "entity", "entity_id"),
    )
    return md


def _v1(conn: Connection) -> None:
    _v1_tables().create_all(conn)


_V2_CHANGE_SQLITE = """CREATE TABLE hub_change_v2 (
    seq INTEGER NOT NULL PRIMARY KEY,
    op_id VARCHAR NOT NULL,
    unit_code VARCHAR NOT NULL,
    entity VARCHAR NOT NULL,
    entity_id VARCHAR NOT NULL,
    op VARCHAR NOT NULL,
    payload TEXT NOT NULL,
    origin_device VARCHAR,
    received_at DATETIME NOT NULL,
    relayed_at DATETIME,
    relay_note VARCHAR,
    CONSTRAINT uq_hub_change_unit_op UNIQUE (unit_code, op_id))"""
_CHANGE_COLUMNS = (
    "seq, op_id, unit_code, entity, entity_id, op, payload, origin_device, received_at, relayed_at, relay_note"
)


def _v2(conn: Connection) -> None:
    """Idempotency per ward: an operation is known by (ward, op id), so one that reaches the city hub both
    directly and through its ward hub counts once, and another ward's op id tells a device nothing.
    Queue claims (who calls a ticket is decided once, at the hub) and the hub's own small state."""
    if conn.dialect.name == "sqlite":
        conn.execute(text(_V2_CHANGE_SQLITE))
        conn.execute(text(f"INSERT INTO hub_change_v2 ({_CHANGE_COLUMNS}) SELECT {_CHANGE_COLUMNS} FROM hub_change"))
        conn.execute(text("DROP TABLE hub_change"))
        conn.execute(text("ALTER TABLE hub_change_v2 RENAME TO hub_change"))
        for column in ("unit_code", "entity_id", "relayed_at"):
            conn.execute(text(f"CREATE INDEX ix_hub_change_{column} ON hub_change ({column})"))
    else:
        conn.execute(text("ALTER TABLE hub_change DROP CONSTRAINT hub_change_op_id_key"))
        conn.execute(text("ALTER TABLE hub_change ADD CONSTRAINT uq_hub_change_unit_op UNIQUE (unit_code, op_id)"))
    md = MetaData()
    ts = DateTime(timezone=True)
    Table(
        "hub_claim",
        md,
        Column("unit_code", String, nullable=False),
        Column("ticket_id", String, nullable=False),
        Column("version", String, nullable=False),  # the ticket's updated_at as the caller saw it waiting
        Column("op_id", String, nullable=False),
        Column("counter_no", Integer, nullable=False),
        Column("device_id", String, nullable=False),
        Column("claimed_at", ts, nullable=False),
        PrimaryKeyConstraint("unit_code", "ticket_id", "version"),
        UniqueConstraint("unit_code", "op_id", name="uq_hub_claim_unit_op"),
    )
    Table("hub_state", md, Column("key", String, primary_key=True), Column("value", Text, nullable=False))
    md.create_all(conn)


def _v3(conn: Connection) -> None:
    """A ward's changes in seq order: a pull (`unit_code = ? AND seq > ? ORDER BY seq LIMIT n`) and a long
    poll's newest seq (`max(seq)` of a ward, every few seconds for every waiting PC) walk this index instead
    of every change of the ward. The single-column index it covers goes."""
    conn.execute(text("CREATE INDEX ix_hub_change_unit_seq ON hub_change (unit_code, seq)"))
    conn.execute(text("DROP INDEX ix_hub_change_unit_code"))


MIGRATIONS: tuple[HubMigration, ...] = (
    HubMigration(1, "devices, enrollment codes, changes, records", _v1),
    HubMigration(2, "idempotency per ward, queue claims, hub state", _v2),
    HubMigration(3, "a ward's changes in seq order", _v3),
)
LATEST = MIGRATIONS[-1].version


def current_version(conn: Connection) -> int:
    tables = set(inspect(conn).get_table_names())
    if VERSION_TABLE in tables:
        return int(conn.execute(text(f"SELECT max(version) FROM {VERSION_TABLE}")).scalar() or 0)
    return 1 if "hub_change" in tables else 0  # a hub from before the steps, or an empty database


def migrate(engine: Engine) -> int:
    """Bring the hub database to the latest schema; returns the version it had. Several workers may
    start at once: on PostgreSQL an advisory lock lets one migrate while the others wait."""
    with engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(727461)"))
        start = current_version(conn)
    if start > LATEST:
        raise NewerHubSchemaError(
            f"Cơ sở dữ liệu của máy chủ đồng bộ ở phiên bản {start}, mới hơn bản này ({LATEST}); không ghi vào."
        )
    for step in MIGRATIONS:
        with engine.begin() as conn:
            if conn.dialect.name == "postgresql":
                conn.execute(text("SELECT pg_advisory_xact_lock(727461)"))
            if current_version(conn) >= step.version:
                continue  # another worker did it meanwhile
            step.run(conn)
            conn.execute(text(f"CREATE TABLE IF NOT EXISTS {VERSION_TABLE} (version INTEGER NOT NULL)"))
            conn.execute(text(f"DELETE FROM {VERSION_TABLE}"))
            conn.execute(text(f"INSERT INTO {VERSION_TABLE} (version) VALUES (:v)"), {"v": step.version})
    return start
