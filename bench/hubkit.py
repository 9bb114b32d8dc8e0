"""Hubs for the benchmarks: a fresh SQLite or PostgreSQL database, the hub served by its own CLI in a
child process (as IT staff run it), devices enrolled, and PC databases with a full outbox."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from contextlib import closing
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import httpx

from bench.common import CACHE, UNIT

ROOT = Path(__file__).resolve().parent.parent
PG_PORT = os.environ.get("WARD_TEST_PG_PORT", "55432")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def pg_admin_url() -> str:
    env = {**os.environ, "WARD_TEST_PG_PORT": PG_PORT}
    out = subprocess.run([str(ROOT / "scripts" / "test-postgres"), "start"], env=env, capture_output=True, text=True)
    if out.returncode != 0:
        raise RuntimeError(out.stderr)
    return out.stdout.strip()


def fresh_database(kind: str, name: str) -> str:
    """The URL of an empty hub database: a new SQLite file, or a PostgreSQL database made anew."""
    if kind == "sqlite":
        folder = CACHE / "hub" / name
        folder.mkdir(parents=True, exist_ok=True)
        for suffix in ("", "-wal", "-shm"):
            Path(f"{folder / 'hub.sqlite3'}{suffix}").unlink(missing_ok=True)
        return f"sqlite:///{folder / 'hub.sqlite3'}"
    import psycopg

    admin = pg_admin_url()
    with closing(psycopg.connect(admin.replace("postgresql+psycopg", "postgresql"), autocommit=True)) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {name}")
    return admin.rsplit("/", 1)[0] + f"/{name}"


class HubProcess:
    """`counter-hub --database-url URL serve` in a child process, extra CLI arguments passed on."""

    def __init__(self, url: str, extra: list[str] | None = None) -> None:
        self.port = free_port()
        code = "import sys; from sync.hub.cli import main; sys.exit(main(sys.argv[1:]))"
        args = [sys.executable, "-c", code, "--database-url", url, "serve", "--port", str(self.port), *(extra or [])]
        self.proc = subprocess.Popen(
            args,
            cwd=ROOT,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{self.base}/v1/health", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline or self.proc.poll() is not None:
                self.stop()
                raise RuntimeError("hub did not start")
            time.sleep(0.2)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(15)
        except subprocess.TimeoutExpired:
            self.proc.kill()


def enroll_tokens(url: str, count: int, unit: str = UNIT) -> list[str]:
    """Tokens for `count` devices of `unit`, made through the hub's own service functions."""
    from sync.hub import service
    from sync.hub.store import make_hub_engine

    engine = make_hub_engine(url)
    tokens = []
    for i in range(count):
        code = service.new_enrollment_code(engine, unit, 1 + i % 99)
        tokens.append(service.enroll(engine, code, f"bench-{i}")[1])
    engine.dispose()
    return tokens


def ticket_payloads(count: int, unit: str = UNIT, prefix: str = "t") -> list[dict[str, object]]:
    from counter_app.models import Ticket

    start = datetime(2026, 1, 5, 0, 30, tzinfo=UTC)
    out = []
    for i in range(count):
        at = start + timedelta(seconds=37 * i)
        ticket = Ticket(
            id=f"{prefix}{i:09d}",
            unit_code=unit,
            created_at=at,
            updated_at=at,
            service_day=date(2026, 1, 5),
            group_code="A",
            number=i % 999 + 1,
            label=f"A{i % 999 + 1:03d}",
            issued_at=at,
            status="finished",
            counter_no=1 + i % 5,
        )
        out.append(ticket.model_dump(mode="json"))
    return out


def pc_with_outbox(folder: Path, count: int, base: Path | None = None) -> Path:
    """A PC database (empty, or a copy of `base`) holding `count` more tickets, every one still in the
    outbox (cached and copied)."""
    import shutil

    from bench.common import copy_db
    from counter_app.db import open_database, raw_connect

    cached = CACHE / f"pc-outbox-{count}{'-' + base.parent.name if base else ''}" / "counter.sqlite3"
    if not cached.exists():
        cached.parent.mkdir(parents=True, exist_ok=True)
        building = cached.with_suffix(".building")
        building.unlink(missing_ok=True)
        if base:
            shutil.copyfile(base, building)
        open_database(building).dispose()
        payloads = ticket_payloads(count)
        cols = list(payloads[0])
        with closing(raw_connect(building)) as conn:
            conn.execute("BEGIN")
            conn.executemany(
                f"INSERT INTO ticket ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
                [tuple(_sqlite_value(p[c]) for c in cols) for p in payloads],
            )
            conn.executemany(
                "INSERT INTO outbox (op_id, unit_code, entity, entity_id, op, payload, created_at, attempts)"
                " VALUES (?, ?, 'ticket', ?, 'upsert', ?, ?, 0)",
                [
                    (
                        f"op-{p['id']}",
                        UNIT,
                        p["id"],
                        json.dumps(p, ensure_ascii=False),
                        f"2026-01-05 00:00:{i // 10000:02d}.{i % 10000:06d}",
                    )
                    for i, p in enumerate(payloads)
                ],
            )
            conn.execute("COMMIT")
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        building.rename(cached)
    return copy_db(cached, folder)


def _sqlite_value(value: object) -> object:
    if isinstance(value, str) and len(value) >= 19 and value[10] == "T":  # ISO datetime as SQLAlchemy keeps it
        return datetime.fromisoformat(value.replace("Z", "+00:00")).strftime("%Y-%m-%d %H:%M:%S.%f")
    return value
