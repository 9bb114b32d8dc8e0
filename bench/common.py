"""Shared helpers for the benchmarks: the machine line, percentiles, cached test databases.

Big databases are built once with bulk SQL and cached under /tmp/ward-bench (BENCH_CACHE moves it);
every benchmark copies what it changes, so runs start from the same data.
"""

from __future__ import annotations

import os
import platform
import random
import shutil
import sqlite3
import statistics
from contextlib import closing
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

CACHE = Path(os.environ.get("BENCH_CACHE", "/tmp/ward-bench"))
UNIT = "27460"
PROCEDURES = ["1.001193", "1.000894", "2.000815", "2.001035", "1.004873", "1.001612", "1.013225"]


def machine() -> str:
    cpu = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return (
        f"{os.cpu_count()} cores ({cpu}), {mem:.0f} GiB RAM, {platform.system()}, Python {platform.python_version()},"
        f" SQLite {sqlite3.sqlite_version}, {datetime.now(UTC):%Y-%m-%d %H:%M} UTC"
    )


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered)) - 1))]


def summary(values: list[float]) -> str:
    return f"p50 {statistics.median(values):.2f} ms, p95 {pct(values, 95):.2f} ms, max {max(values):.2f} ms"


def demo_db() -> Path:
    """The realistic demo day (300 tickets, 250 dossiers, demo accounts), built once."""
    target = CACHE / "demo" / "counter.sqlite3"
    if not target.exists():
        from counter_app import demo

        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_suffix(".building")
        tmp.unlink(missing_ok=True)
        demo.fill(tmp, 300, 250)
        tmp.rename(target)
    return target


def big_db(dossiers: int) -> Path:
    """The demo accounts and settings plus `dossiers` dossiers (and 60 % as many citizens), built once."""
    target = CACHE / f"big-{dossiers}" / "counter.sqlite3"
    if not target.exists():
        from counter_app import demo

        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_suffix(".building")
        tmp.unlink(missing_ok=True)
        demo.fill(tmp, 40, 10)
        _bulk(tmp, dossiers)
        tmp.rename(target)
    return target


def copy_db(source: Path, folder: Path) -> Path:
    """A working copy (WAL checkpointed first) in `folder`, as counter.sqlite3."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / "counter.sqlite3"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    with closing(sqlite3.connect(source)) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    shutil.copyfile(source, target)
    return target


def _bulk(path: Path, dossiers: int, seed: int = 7) -> None:
    from counter_app import search, search_index
    from counter_app.db import raw_connect
    from counter_app.demo import GIVEN, MIDDLE, SURNAMES

    rng = random.Random(seed)
    citizens = max(1, dossiers * 6 // 10)
    now = datetime(2026, 11, 24, tzinfo=UTC)
    with closing(raw_connect(path)) as conn:
        conn.execute("PRAGMA synchronous=OFF")
        conn.execute("BEGIN")
        people = []
        for i in range(citizens):
            name = f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"
            idn = f"079{rng.randint(0, 3)}{rng.randint(50, 99):02d}{i:06d}"[:12]
            people.append((f"c{i:08d}", name, idn, f"09{rng.randint(0, 9)}{rng.randint(0, 9_999_999):07d}"))
        conn.executemany(
            "INSERT INTO citizen (id, unit_code, created_at, updated_at, full_name, id_number, phone)"
            f" VALUES (?, '{UNIT}', '2026-01-01', '2026-01-01', ?, ?, ?)",
            people,
        )
        rows = []
        for i in range(dossiers):
            day = now - timedelta(days=i * 700 // dossiers, minutes=i % 600)
            cid = rng.randrange(citizens)
            code = f"{UNIT}-{day:%y%m%d}-{1 + i % 9}{i % 1000:03d}-{i}"  # the suffix keeps bench codes unique
            status = rng.choice((1, 2, 2, 3, 4, 6, 6, 6))
            due = (day.date() + timedelta(days=15)).isoformat() if status in (1, 2, 3) else None
            at = day.strftime("%Y-%m-%d %H:%M:%S.%f")
            rows.append((f"d{i:08d}", code, rng.choice(PROCEDURES), f"c{cid:08d}", status, at, due, cid))
        conn.executemany(
            "INSERT INTO dossier (id, unit_code, created_at, updated_at, code, procedure_code, citizen_id, channel,"
            f" status, received_at, due_date) VALUES (?, '{UNIT}', '2026-01-01', '2026-01-01', ?, ?, ?, 'counter',"
            " ?, ?, ?)",
            [r[:7] for r in rows],
        )
        docs, fts = [], []
        rowid = int(conn.execute("SELECT coalesce(max(rowid), 0) FROM search_doc").fetchone()[0])
        for cid, name, idn, phone in people:
            rowid += 1
            title, sub, folded, exact = search._citizen_doc((cid, UNIT, name, idn, phone))
            docs.append((rowid, "citizen", cid, UNIT, title, sub, exact))
            fts.append((rowid, folded))
        for did, code, _proc, _cid, status, _at, _due, ci in rows:
            rowid += 1
            title, sub, folded, exact = search._dossier_doc((did, UNIT, code, status, people[ci][1]))
            docs.append((rowid, "dossier", did, UNIT, title, sub, exact))
            fts.append((rowid, folded))
        conn.executemany("INSERT INTO search_doc VALUES (?, ?, ?, ?, ?, ?, ?)", docs)
        conn.executemany("INSERT INTO search_fts (rowid, folded) VALUES (?, ?)", fts)
        search_index.fill_words(conn)  # the index's word list, as the app keeps it
        conn.execute("COMMIT")
        conn.execute("INSERT INTO search_fts(search_fts) VALUES ('optimize')")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def today() -> date:
    return datetime.now(UTC).date()
