"""A pushed batch's rows written through the driver's own cursor (sqlite3 or psycopg) inside the
session's transaction: SQLAlchemy's per-row parameter handling cost more than the database's own work.

Seqs follow the batch's order, and commit in that order per ward (sync/hub/store.py):
- SQLite: the transaction holds the database's write lock (BEGIN IMMEDIATE) and `seq` is the rowid, which
  SQLite gives as the largest so far plus one: an executemany of n rows takes the next n values in order.
  The count is checked; should it ever differ, the seqs are read back by op id.
- PostgreSQL: the batch draws n values of the seq's sequence, sorts them and writes them itself, so the
  order holds whatever order the sequence handed them out in (other wards draw from it at the same time).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from types import TracebackType
from typing import Any

from sqlalchemy.engine import Engine
from sqlmodel import Session

from sync.hub.store import ADVISORY_KEY

CHANGE_COLUMNS = (
    "op_id", "unit_code", "entity", "entity_id", "op", "payload", "origin_device", "received_at", "relayed_at",
    "relay_note",
)  # fmt: skip
MOMENTS = tuple(i for i, c in enumerate(CHANGE_COLUMNS) if c in ("received_at", "relayed_at"))
# PostgreSQL: records arrive by COPY here first (its rows go at commit; created once per connection)
RECORD_SCRATCH = (
    "CREATE TEMP TABLE IF NOT EXISTS hub_record_in"
    " (unit_code text, entity text, entity_id text, payload text, status int, last_seq bigint) ON COMMIT DELETE ROWS"
)
RECORD_UPSERT = (
    "INSERT INTO hub_record (unit_code, entity, entity_id, payload, status, last_seq) {source}"
    " ON CONFLICT (unit_code, entity, entity_id) DO UPDATE"
    " SET payload = excluded.payload, status = excluded.status, last_seq = excluded.last_seq"
)


def insert_changes(s: Session, rows: list[tuple[Any, ...]]) -> list[int]:
    """Insert the change rows (values in CHANGE_COLUMNS order) in order; their seqs, in the same order."""
    cursor = _cursor(s)
    if _postgres(s):
        return _insert_postgres(cursor, rows)
    return _insert_sqlite(cursor, rows)


def upsert_records(s: Session, records: list[tuple[str, str, str, str, int | None, int]]) -> None:
    """(unit_code, entity, entity_id, payload, status, last_seq): each record's newest version."""
    cursor = _cursor(s)
    if _postgres(s):  # COPY into a per-connection scratch table, then one upsert from it
        cursor.execute(RECORD_SCRATCH)
        with cursor.copy("COPY hub_record_in FROM STDIN") as copy:
            for record in records:
                copy.write_row(record)
        cursor.execute(RECORD_UPSERT.format(source="SELECT * FROM hub_record_in"))
    else:
        cursor.executemany(RECORD_UPSERT.format(source="VALUES (?, ?, ?, ?, ?, ?)"), records)


def known_ops(s: Session, unit: str, op_ids: list[str]) -> dict[str, tuple[str, str, str]]:
    """The ops of `unit` among `op_ids` the hub already holds: op id → (entity, entity_id, op)."""
    cursor = _cursor(s)
    query = "SELECT op_id, entity, entity_id, op FROM hub_change WHERE unit_code = {mark} AND op_id {within}"
    if _postgres(s):
        cursor.execute(query.format(mark="%s", within="= ANY(%s)"), (unit, op_ids))
    else:
        marks = ", ".join("?" * len(op_ids))
        cursor.execute(query.format(mark="?", within=f"IN ({marks})"), (unit, *op_ids))
    return {op_id: (entity, entity_id, op) for op_id, entity, entity_id, op in cursor.fetchall()}


def _postgres(s: Session) -> bool:
    return s.get_bind().dialect.name == "postgresql"


def _cursor(s: Session) -> Any:
    """A cursor on the session's own connection, so the rows join its transaction."""
    return s.connection().connection.driver_connection.cursor()  # type: ignore[union-attr]


def _insert_sqlite(cursor: Any, rows: list[tuple[Any, ...]]) -> list[int]:
    texts: dict[datetime, str] = {}  # a batch has one or two moments: each written as text once
    values = [list(row) for row in rows]
    for value in values:
        for i in MOMENTS:
            value[i] = _sqlite_value(value[i], texts)
    before = cursor.execute("SELECT coalesce(max(seq), 0) FROM hub_change").fetchone()[0]
    marks = ", ".join("?" * len(CHANGE_COLUMNS))
    cursor.executemany(f"INSERT INTO hub_change ({', '.join(CHANGE_COLUMNS)}) VALUES ({marks})", values)
    after = cursor.execute("SELECT max(seq) FROM hub_change").fetchone()[0]
    if after - before == len(rows):
        return list(range(before + 1, after + 1))
    # not seen in practice (past rowid 2**63 - 1 SQLite picks free ones at random): read them back
    query = "SELECT seq FROM hub_change WHERE unit_code = ? AND op_id = ?"
    return [int(cursor.execute(query, (row[1], row[0])).fetchone()[0]) for row in rows]


def _sqlite_value(value: datetime | None, texts: dict[datetime, str]) -> str | None:
    """As SQLAlchemy stores a DateTime in SQLite: text without the offset (the hub writes UTC)."""
    if value is None:
        return None
    text = texts.get(value)
    if text is None:
        text = texts[value] = value.strftime("%Y-%m-%d %H:%M:%S.%f")
    return text


def _insert_postgres(cursor: Any, rows: list[tuple[Any, ...]]) -> list[int]:
    cursor.execute(
        "SELECT nextval(pg_get_serial_sequence('hub_change', 'seq')) FROM generate_series(1, %s)", (len(rows),)
    )
    seqs = sorted(int(seq) for (seq,) in cursor.fetchall())
    with cursor.copy(f"COPY hub_change (seq, {', '.join(CHANGE_COLUMNS)}) FROM STDIN") as copy:
        for seq, row in zip(seqs, rows, strict=True):
            copy.write_row((seq, *row))
    return seqs


# PostgreSQL, a batch in two round trips (PostgresBatch): each statement's rows come as arrays (binary)
_LOCK = "SELECT pg_advisory_xact_lock(%s, hashtext(%s))"
_KNOWN = "SELECT op_id, entity, entity_id, op FROM hub_change WHERE unit_code = %s AND op_id = ANY(%b::text[])"
_STATES = "SELECT unit_code, entity_id, status FROM hub_record WHERE entity = 'dossier' AND entity_id = ANY(%b::text[])"
_SEQS = "SELECT nextval(pg_get_serial_sequence('hub_change', 'seq')) FROM generate_series(1, %s)"
_CHANGES = (
    "INSERT INTO hub_change (seq, op_id, unit_code, entity, entity_id, op, payload, origin_device, received_at,"
    " relayed_at, relay_note) SELECT n.*, %s::timestamptz, %s::timestamptz, %s::text FROM unnest(%b::bigint[],"
    " %b::text[], %b::text[], %b::text[], %b::text[], %b::text[], %b::text[], %b::text[]) AS n"
)
# each record's newest version, its payload taken from the change just inserted (not sent twice); the
# subquery is fenced (OFFSET 0) so that even a plan made before the table had statistics (psycopg prepares a
# statement after 5 runs) reads each change by its key rather than joining a scan of the whole table
_RECORDS = RECORD_UPSERT.format(
    source="SELECT c.unit_code, c.entity, c.entity_id, c.payload, n.status, c.seq"
    " FROM unnest(%b::bigint[], %b::int[]) AS n(seq, status),"
    " LATERAL (SELECT unit_code, entity, entity_id, payload, seq FROM hub_change WHERE seq = n.seq OFFSET 0) c"
)
_NOTIFY = "SELECT pg_notify(%s, %s)"


class PostgresBatch:
    """A pushed batch's transaction on PostgreSQL, on the driver's connection, pipelined: the statements of
    each step go to the server together (psycopg's pipeline mode) and the server runs them in order. Two
    steps: `look` (the wards' locks, then what the batch must know, read after the locks) and `write` (the
    changes, the records, the NOTIFYs and COMMIT). Besides fewer round trips, this saves SQLAlchemy's ORM
    session and the scratch table the records went through (created, filled and truncated at every commit)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def __enter__(self) -> PostgresBatch:
        self._fairy = self.engine.raw_connection()
        self.conn: Any = self._fairy.dbapi_connection
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, _tb: TracebackType | None) -> None:
        try:
            if exc is not None and not self.conn.closed:
                self.conn.rollback()
        finally:
            if isinstance(exc, self.engine.dialect.loaded_dbapi.Error) and self.engine.dialect.is_disconnect(
                exc, self.conn, None
            ):  # as SQLAlchemy does: the pool's older connections are replaced (the database restarted)
                self.engine.pool._invalidate(self._fairy, exc)
            self._fairy.close()

    def look(
        self, wards: list[str], op_ids: dict[str, list[str]], dossiers: list[str], count: int
    ) -> tuple[dict[tuple[str, str], tuple[str, str, str]], dict[tuple[str, str], Any], list[int]]:
        """Lock `wards` (in this order: callers sort them); then the known ops among `op_ids` by ward, the
        current states of `dossiers` (by ward and id) and `count` new seqs in ascending order."""
        conn = self.conn
        with conn.pipeline() as pipeline:
            lock = conn.cursor()
            for ward in wards:
                lock.execute(_LOCK, (ADVISORY_KEY, ward))
            known = []
            for unit, ids in op_ids.items():
                cursor = conn.cursor()
                # planned with its values each time: a plan psycopg prepared on a new hub's table, before it had
                # statistics, looked through every change of the ward (its cost grew with the ward's history)
                cursor.execute(_KNOWN, (unit, ids), prepare=False)
                known.append((unit, cursor))
            states = conn.cursor()
            if dossiers:
                states.execute(_STATES, (dossiers,))
            seqs = conn.cursor()
            seqs.execute(_SEQS, (count,))
            pipeline.sync()
            return (
                {(unit, op_id): (entity, entity_id, op) for unit, c in known for op_id, entity, entity_id, op in c},
                {(unit, entity_id): status for unit, entity_id, status in states} if dossiers else {},
                sorted(int(seq) for (seq,) in seqs),
            )

    def write(
        self, rows: list[tuple[Any, ...]], seqs: list[int], statuses: Sequence[object], units: set[str], channel: str
    ) -> None:
        """The change rows (CHANGE_COLUMNS order) with `seqs`, their records' newest versions, a NOTIFY on
        `channel` per ward in `units`, and COMMIT."""
        conn = self.conn
        with conn.pipeline():
            cursor = conn.cursor()
            if rows:
                columns = list(zip(*rows, strict=True))
                received, relayed, note = rows[0][7:10]  # the same for every row of a batch
                cursor.execute(_CHANGES, (received, relayed, note, seqs, *(list(c) for c in columns[:7])))
                newest: dict[tuple[str, str, str], tuple[int, int | None]] = {}
                for (_op_id, unit, entity, entity_id, *_), seq, status in zip(rows, seqs, statuses, strict=True):
                    newest[unit, entity, entity_id] = (seq, status if type(status) is int else None)
                cursor.execute(_RECORDS, ([s for s, _ in newest.values()], [st for _, st in newest.values()]))
            for unit in sorted(units):
                cursor.execute(_NOTIFY, (channel, unit))
            conn.commit()
