"""Search latency on a large ward database (target: under 20 ms per query on 1,000,000 dossiers).

    .venv/bin/python bench/search_bench.py [--dossiers 1000000] [--db bench/data/search.sqlite3]

Builds the database once (bulk SQL, reused on later runs), then times `search.search` for a mix of
queries: common and rare names with and without marks, ID-number, phone and dossier-code prefixes.
"""

from __future__ import annotations

import argparse
import platform
import random
import statistics
import time
from contextlib import closing
from datetime import UTC, datetime, timedelta
from pathlib import Path

from counter_app import search
from counter_app.access import Actor, Role
from counter_app.db import open_database, raw_connect, session_scope
from counter_app.demo import GIVEN, MIDDLE, SURNAMES

UNIT = "27460"
PROCEDURES = ["1.001193", "1.000894", "2.000815", "2.001035", "1.004873", "1.001612", "1.009994"]


def build(path: Path, dossiers: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    open_database(path).dispose()
    citizens = dossiers * 6 // 10
    now = datetime(2026, 11, 24, tzinfo=UTC)
    with closing(raw_connect(path)) as conn:
        conn.execute("PRAGMA synchronous=OFF")
        conn.execute("BEGIN")
        people = []
        for i in range(citizens):
            name = f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"
            people.append(
                (
                    f"c{i:08d}",
                    name,
                    f"079{rng.randint(0, 3)}{rng.randint(50, 99):02d}{i:06d}",
                    f"09{rng.randint(0, 9)}{rng.randint(0, 9_999_999):07d}",
                )
            )
        conn.executemany(
            "INSERT INTO citizen (id, unit_code, created_at, updated_at, full_name, id_number, phone)"
            f" VALUES (?, '{UNIT}', '2026-01-01', '2026-01-01', ?, ?, ?)",
            people,
        )
        rows = []
        for i in range(dossiers):
            day = now - timedelta(days=i * 700 // dossiers)
            cid = rng.randrange(citizens)
            code = f"{UNIT}-{day:%y%m%d}-{1 + i % 9}{i % 1000:03d}-{i}"  # the suffix keeps bench codes unique
            rows.append((f"d{i:08d}", code, rng.choice(PROCEDURES), f"c{cid:08d}", day.isoformat(), cid))
        conn.executemany(
            "INSERT INTO dossier (id, unit_code, created_at, updated_at, code, procedure_code, citizen_id, channel,"
            f" status, received_at) VALUES (?, '{UNIT}', '2026-01-01', '2026-01-01', ?, ?, ?, 'counter', 2, ?)",
            [r[:5] for r in rows],
        )
        docs, fts, rowid = [], [], 0
        for cid, name, idn, phone in people:
            rowid += 1
            title, sub, folded, exact = search._citizen_doc((cid, UNIT, name, idn, phone))
            docs.append((rowid, "citizen", cid, UNIT, title, sub, exact))
            fts.append((rowid, folded))
        for did, code, _proc, _cid, _at, ci in rows:
            rowid += 1
            title, sub, folded, exact = search._dossier_doc((did, UNIT, code, 2, people[ci][1]))
            docs.append((rowid, "dossier", did, UNIT, title, sub, exact))
            fts.append((rowid, folded))
        conn.executemany("INSERT INTO search_doc VALUES (?, ?, ?, ?, ?, ?, ?)", docs)
        conn.executemany("INSERT INTO search_fts (rowid, folded) VALUES (?, ?)", fts)
        conn.execute("COMMIT")
        conn.execute("INSERT INTO search_fts(search_fts) VALUES ('optimize')")


def queries(rng: random.Random) -> list[str]:
    names = [f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}" for _ in range(60)]
    folded = [search.fold(n) for n in names[:40]]
    prefixes = [n.split()[0][:3] for n in folded[:20]] + ["nguyen", "dang", "tran thi", "le van h"]
    numbers = [f"079{rng.randint(0, 3)}{rng.randint(50, 99)}" for _ in range(20)] + [
        f"09{rng.randint(0, 9)}12" for _ in range(20)
    ]
    codes = [f"{UNIT}-26{rng.randint(1, 11):02d}" for _ in range(20)] + [f"{UNIT}-2611" for _ in range(5)]
    return names + folded + prefixes + numbers + codes


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--dossiers", type=int, default=1_000_000)
    parser.add_argument("--db", type=Path, default=Path(__file__).parent / "data" / "search.sqlite3")
    args = parser.parse_args()
    args.db.parent.mkdir(parents=True, exist_ok=True)
    if not args.db.exists():
        started = time.perf_counter()
        build(args.db, args.dossiers)
        print(f"built {args.dossiers:,} dossiers in {time.perf_counter() - started:.0f} s")
    engine = open_database(args.db)
    actor = Actor("bench", Role.OFFICER, UNIT, 1)
    timings = []
    with session_scope(engine) as session:
        for q in queries(random.Random(1))[:10]:
            search.search(session, actor, q)  # warm the page cache
        for q in queries(random.Random(2)):
            started = time.perf_counter()
            search.search(session, actor, q)
            timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    p50, p95 = statistics.median(timings), timings[int(len(timings) * 0.95) - 1]
    print(f"{platform.processor() or platform.machine()}, Python {platform.python_version()}")
    print(
        f"{len(timings)} queries on {args.dossiers:,} dossiers:",
        f"p50 {p50:.2f} ms, p95 {p95:.2f} ms, max {timings[-1]:.2f} ms",
    )


if __name__ == "__main__":
    main()
