"""The hub's tables (their own metadata, apart from the counter app's) and its engine.

SQLite by default, PostgreSQL by URL; the same code runs on both. A pull reads one ward's changes
after a cursor, so a reader that has seen seq N of a ward must have seen every seq below N of that
ward: a change that commits late must never land behind a cursor. The database keeps this:
- PostgreSQL: a transaction that assigns seqs holds a transaction-scoped advisory lock for each ward it
  writes, from before its first insert to its commit, so one ward's seqs commit in order while other
  wards (and every read) go on in parallel, across any number of workers.
- SQLite: a write transaction starts with BEGIN IMMEDIATE, so writers take the database's one write lock
  in turn and commit in seq order. (Within one process writers also queue on a lock, which wakes the next
  at once instead of SQLite's busy-wait sleeps: speed, not correctness.)
"""

from __future__ import annotations

import os
import threading
import time
import weakref
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar

from platformdirs import user_data_path
from sqlalchemy import BigInteger, Column, Index, Integer, Text, UniqueConstraint, event, text
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import DBAPIError, DisconnectionError
from sqlalchemy.orm import registry
from sqlmodel import Field, Session, SQLModel, create_engine

from sync.hub.migrations import migrate

HUB_REGISTRY = registry()
_WRITE_LOCK = threading.Lock()
ADVISORY_KEY = 727460
IMMEDIATE = "hub_write"  # execution option: this SQLite transaction writes (BEGIN IMMEDIATE)
PING_AFTER_IDLE_S = 10.0  # a pooled PostgreSQL connection idle this long is checked before it is used
T = TypeVar("T")


class HubModel(SQLModel, registry=HUB_REGISTRY):
    pass


class Device(HubModel, table=True):
    __tablename__ = "hub_device"
    id: str = Field(primary_key=True)
    kind: str = "device"  # "device" | "peer" (another hub relaying)
    unit_code: str = Field(index=True)
    counter_no: int = 0
    name: str = ""
    token_hash: str = Field(unique=True)
    enrolled_at: datetime
    last_seen_at: datetime | None = None
    revoked_at: datetime | None = None


class EnrollmentCode(HubModel, table=True):
    __tablename__ = "hub_enrollment_code"
    code_hash: str = Field(primary_key=True)
    unit_code: str
    counter_no: int
    expires_at: datetime
    used_at: datetime | None = None


class ChangeRow(HubModel, table=True):
    __tablename__ = "hub_change"
    __table_args__ = (
        UniqueConstraint("unit_code", "op_id", name="uq_hub_change_unit_op"),
        Index("ix_hub_change_unit_seq", "unit_code", "seq"),  # migrations step 3
    )
    # BIGINT on PostgreSQL; INTEGER on SQLite so the key is the rowid and autoincrements.
    seq: int | None = Field(
        default=None,
        sa_column=Column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True),
    )
    op_id: str  # unique per ward: see migrations step 2
    unit_code: str
    entity: str
    entity_id: str = Field(index=True)
    op: str
    payload: str = Field(sa_column=Column(Text, nullable=False))
    origin_device: str | None = None
    received_at: datetime
    relayed_at: datetime | None = Field(default=None, index=True)
    relay_note: str | None = None


class RecordRow(HubModel, table=True):
    __tablename__ = "hub_record"
    unit_code: str = Field(primary_key=True)
    entity: str = Field(primary_key=True)
    entity_id: str = Field(primary_key=True)
    payload: str = Field(sa_column=Column(Text, nullable=False))
    status: int | None = None
    last_seq: int


class ClaimRow(HubModel, table=True):
    """Who calls a ticket, decided once here (see sync/hub/claims.py)."""

    __tablename__ = "hub_claim"
    unit_code: str = Field(primary_key=True)
    ticket_id: str = Field(primary_key=True)
    version: str = Field(primary_key=True)
    op_id: str
    counter_no: int
    device_id: str
    claimed_at: datetime


class StateRow(HubModel, table=True):
    """The hub's own small state, e.g. its cursor on the upstream hub."""

    __tablename__ = "hub_state"
    key: str = Field(primary_key=True)
    value: str


def hub_home() -> Path:
    """The hub's folder: its SQLite database (the default) and its TLS certificate."""
    home = os.environ.get("WARD_HUB_HOME")
    folder = Path(home) if home else user_data_path("WardCounterHub", "WardCounter")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def default_database_url() -> str:
    return f"sqlite:///{hub_home() / 'hub.sqlite3'}"


def make_hub_engine(url: str | None = None) -> Engine:
    url = url or default_database_url()
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})

        @event.listens_for(engine, "connect")
        def _pragmas(conn, _record):  # type: ignore[no-untyped-def]
            conn.isolation_level = None  # SQLAlchemy's BEGIN below, so DDL is transactional too
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=FULL")
            conn.execute("PRAGMA busy_timeout=30000")

        @event.listens_for(engine, "begin")
        def _begin(conn):  # type: ignore[no-untyped-def]
            conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get(IMMEDIATE) else "BEGIN")
    else:
        # per worker: the requests that run at once (FastAPI's thread pool) share this many connections, kept
        # open (no overflow: under load, overflow connections were opened and closed again for every burst,
        # a new PostgreSQL process each); workers x (pool + 1 for LISTEN) stay under max_connections (docs/hub.md)
        pool = int(os.environ.get("WARD_HUB_DB_POOL", "10"))
        engine = create_engine(url, pool_size=pool, max_overflow=0, pool_timeout=60)
        _ping_when_idle(engine)
    migrate(engine)
    return engine


def _ping_when_idle(engine: Engine) -> None:
    """Check a pooled connection before use only when it sat idle a while (the database may have restarted
    meanwhile): `pool_pre_ping` checked it before every use, a round trip per request. A connection that
    dies in use anyway fails its statement; SQLAlchemy then renews the whole pool, and reads try again
    once (`read_once`)."""

    @event.listens_for(engine, "checkin")
    def _checkin(_conn, record):  # type: ignore[no-untyped-def]
        record.info["idle_since"] = time.monotonic()

    @event.listens_for(engine, "checkout")
    def _checkout(conn, record, _proxy):  # type: ignore[no-untyped-def]
        since = record.info.get("idle_since")
        if since is None or time.monotonic() - since <= PING_AFTER_IDLE_S:
            return
        try:
            engine.dialect.do_ping(conn)
        except Exception as exc:  # the pool replaces it and checks out again
            raise DisconnectionError("stale pooled connection") from exc


@contextmanager
def write_session(engine: Engine, wards: Iterable[str] = ()) -> Iterator[Session]:
    """A write transaction that may assign seqs for `wards` (see the module note): their locks are
    taken first, in a fixed order so two multi-ward writers cannot deadlock."""
    if engine.dialect.name == "sqlite":
        with _WRITE_LOCK, Session(engine.execution_options(**{IMMEDIATE: True}), expire_on_commit=False) as session:
            yield from _committed(session)
        return
    with Session(engine, expire_on_commit=False) as session:
        for ward in sorted(set(wards)):
            session.exec(  # type: ignore[call-overload]
                text("SELECT pg_advisory_xact_lock(:k, hashtext(:w))").bindparams(k=ADVISORY_KEY, w=ward)
            )
        yield from _committed(session)


def _committed(session: Session) -> Iterator[Session]:
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise


def read_once(engine: Engine, read: Callable[[Connection], T]) -> T:
    """`read(connection)` for the reads every request makes (its device, a pull page, the ward's newest seq):
    on PostgreSQL in autocommit, so a statement is one round trip (no BEGIN, no ROLLBACK), and tried again
    once on a fresh connection if the database dropped the pooled one (a read changes nothing)."""
    options: dict[str, Any] = {"isolation_level": "AUTOCOMMIT"} if engine.dialect.name == "postgresql" else {}
    for attempt in (1, 2):
        try:
            with engine.connect().execution_options(**options) as conn:
                return read(conn)
        except DBAPIError as exc:
            if attempt == 2 or not exc.connection_invalidated:
                raise
    raise AssertionError("unreachable")


def read_rows(engine: Engine, sql: str, params: Sequence[Any]) -> list[tuple[Any, ...]]:
    """The rows of one read the hub makes on every request (a pull page, a ward's newest seq, a token's device),
    written in the driver's own SQL (`%s` marks; `?` on SQLite): its cursor on a pooled connection, without
    SQLAlchemy's statement, cache key, execution context and result (three times the driver's own CPU per
    read). As `read_once`: autocommit on PostgreSQL (one round trip, prepared by psycopg once it repeats),
    tried again once on a fresh connection if the database dropped the pooled one."""
    postgres = engine.dialect.name == "postgresql"
    if not postgres:
        sql = sql.replace("%s", "?")
    for attempt in (1, 2):
        fairy = engine.raw_connection()
        driver: Any = fairy.dbapi_connection
        try:
            if not postgres:
                return list(driver.execute(sql, params).fetchall())
            driver.autocommit = True
            try:
                cursor = _kept_cursor(fairy.info, driver)
                cursor.execute(sql, params)
                return list(cursor.fetchall())
            finally:
                if not driver.closed:
                    driver.autocommit = False
        except engine.dialect.loaded_dbapi.Error as exc:
            if attempt == 2 or not engine.dialect.is_disconnect(exc, driver, None):
                raise
            # as SQLAlchemy does with a dropped connection: every connection of the pool made before now is
            # replaced at its next checkout (a database restart dropped them all)
            engine.pool._invalidate(fairy, exc)
        finally:
            fairy.close()
    raise AssertionError("unreachable")


def _kept_cursor(info: dict[str, Any], driver: Any) -> Any:
    """One psycopg cursor per pooled connection, kept with it (a new one per read cost a tenth of the read)."""
    kept = info.get("read_cursor")
    if kept is None or kept[0] is not driver:
        kept = info["read_cursor"] = (driver, driver.cursor())
    return kept[1]


@contextmanager
def read_session(engine: Engine) -> Iterator[Session]:
    with Session(engine, expire_on_commit=False) as session:
        yield session


_PER_ENGINE: weakref.WeakKeyDictionary[Engine, dict[str, Any]] = weakref.WeakKeyDictionary()
_PER_ENGINE_MADE = threading.Lock()


def per_engine(engine: Engine, name: str, make: Callable[[], T]) -> T:
    """The one `name` object a worker keeps for a hub database (its token cache, its "last seen" book),
    made by `make` the first time; forgotten with the engine."""
    kept = _PER_ENGINE.get(engine, {}).get(name)
    if kept is None:
        with _PER_ENGINE_MADE:
            held = _PER_ENGINE.setdefault(engine, {})
            kept = held.get(name)
            if kept is None:
                kept = held[name] = make()
    return kept
