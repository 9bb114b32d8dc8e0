"""Storage faults, many times over: the disk fills at a random moment of real counter work
(PRAGMA max_page_count), writes meet a read-only or immutable database, the file is cut to a
random length or emptied, or comes from a newer version. Each time: a clear error, nothing half
written, every reported write still there, a damaged file never opened as if new and never
changed, and work resumes once the fault clears."""

from __future__ import annotations

import hashlib
import random
import shutil
import sqlite3
from collections import Counter as Tally
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlmodel import create_engine

from counter_app import db as store
from counter_app.errors import CorruptDatabaseError, NewerDatabaseError, ReadOnlyStorageError, StorageFullError
from counter_app.migrations import LATEST_VERSION
from reliability import checks
from reliability.workload import Counter, Ledger, Op, prepare


@dataclass
class StorageFigures:
    rounds: int = 0
    refused: Tally[str] = field(default_factory=Tally)
    writes_after_recovery: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def run(rounds: int, workdir: Path, seed: int = 1) -> StorageFigures:
    workdir.mkdir(parents=True, exist_ok=True)
    rng, figures = random.Random(seed), StorageFigures()
    path = workdir / "counter.sqlite3"
    engine = prepare(path)
    limit = [0]

    @event.listens_for(engine, "checkout")
    def _cap(dbapi_conn: Any, _record: Any, _proxy: Any) -> None:
        dbapi_conn.execute(f"PRAGMA max_page_count={limit[0] or 1073741823}")

    ledger, reported = Ledger(), []
    counter = Counter(engine, random.Random(seed))
    try:
        for round_no in range(rounds):
            figures.rounds += 1
            reported += _disk_full(engine, counter, ledger, limit, rng, figures)
            _read_only(path, counter, rng, figures)
            _damaged_copies(path, workdir / "copies", rng, figures)
            problems = checks.database_problems(engine) + [
                f"reported write missing: {op}" for op in checks.missing_writes(engine, reported)
            ]
            figures.problems += [f"round {round_no}: {p}" for p in problems]
    finally:
        ledger.close()
        engine.dispose()
    return figures


def _page_count(engine: Engine) -> int:
    with engine.connect() as conn:
        return int(conn.exec_driver_sql("PRAGMA page_count").scalar() or 0)


def _disk_full(
    engine: Engine, counter: Counter, ledger: Ledger, limit: list[int], rng: random.Random, figures: StorageFigures
) -> list[Op]:
    """Fill the 'disk' a few pages from now, work until it refuses, then free it and work on."""
    limit[0] = _page_count(engine) + rng.randint(0, 3)
    saved: list[Op] = []
    for _ in range(500):
        saved += ledger.take()
        try:
            counter.step()
        except StorageFullError:
            figures.refused["disk full"] += 1
            if ledger.take():
                figures.problems.append("a transaction refused for a full disk reported ops")
            break
    else:
        figures.problems.append("the disk never filled")
    limit[0] = 0
    for _ in range(rng.randint(1, 3)):
        counter.step()
        figures.writes_after_recovery += 1
    return saved + ledger.take()


def _read_only(path: Path, counter: Counter, rng: random.Random, figures: StorageFigures) -> None:
    mode = rng.choice(["mode=ro", "immutable=1"])
    engine = create_engine(f"sqlite:///file:{path}?{mode}&uri=true")
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    other = Counter(engine, random.Random(rng.random()))
    try:
        for _ in range(50):  # some steps find nothing to do; one of them will try to write
            other.step()
    except ReadOnlyStorageError:
        figures.refused[f"read-only ({mode})"] += 1
    else:
        figures.problems.append(f"a write through {mode} was not refused")
    finally:
        engine.dispose()
    if mode == "immutable=1" and hashlib.sha256(path.read_bytes()).hexdigest() != digest:
        figures.problems.append("an immutable open changed the file")


def _damaged_copies(path: Path, folder: Path, rng: random.Random, figures: StorageFigures) -> None:
    """Copies of the live file, damaged one way each: the app must refuse them and leave them as they are."""
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    copy = folder / "counter.sqlite3"
    with closing(sqlite3.connect(path, isolation_level=None)) as conn:  # a consistent snapshot, WAL folded in
        conn.execute("VACUUM INTO ?", (str(copy),))
    data = copy.read_bytes()
    kind = rng.choice(["empty", "truncated", "newer"])
    if kind == "empty":
        copy.write_bytes(b"")
    elif kind == "truncated":
        copy.write_bytes(data[: rng.randrange(1, len(data))])
    else:
        with closing(sqlite3.connect(copy)) as conn:
            conn.execute("PRAGMA journal_mode=DELETE")
            conn.execute(f"PRAGMA user_version={LATEST_VERSION + 1}")
    before = copy.read_bytes()
    try:
        store.open_database(copy).dispose()
    except (CorruptDatabaseError, NewerDatabaseError) as exc:
        figures.refused[f"{kind} file ({type(exc).__name__})"] += 1
    else:
        figures.problems.append(f"a {kind} file ({len(before)} bytes) was opened as if sound")
    if copy.read_bytes() != before:
        figures.problems.append(f"a refused {kind} file was changed")
