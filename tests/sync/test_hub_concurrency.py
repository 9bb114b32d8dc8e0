"""Several workers over one PostgreSQL (as docs/hub.md runs the city hub), many clients at once: every
operation at the hub exactly once, and a device that pulls while others push never skips a change that
commits late. SQLite (one process, many threads) must keep the same promises."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from sqlalchemy import text

from sync.hub import service
from sync.hub.store import make_hub_engine
from sync.protocol import PROTOCOL_HEADER, PROTOCOL_VERSION
from tests.sync.hubserver import RunningHub, free_port

ROOT = Path(__file__).resolve().parents[2]
WARDS = ("27460", "26740")
DEVICES_PER_WARD = 4
OPS_PER_DEVICE = 120
BATCH = 30


def _ops(ward: str, device: int) -> list[dict[str, object]]:
    """Each device's own tickets, and every 4th of its neighbour's too (the same op ids, as when a PC and
    a ward hub both deliver one operation)."""
    out = []
    for i in range(OPS_PER_DEVICE):
        owners = [device] + ([(device + 1) % DEVICES_PER_WARD] if i % 4 == 0 else [])
        for owner in owners:
            tid = f"{ward}-{owner}-{i}"
            payload = {"id": tid, "unit_code": ward, "label": f"A{i:03d}", "status": "waiting"}
            out.append(
                {"op_id": f"op-{tid}", "entity": "ticket", "entity_id": tid, "op": "upsert", "payload": payload,
                 "created_at": "2026-03-02T01:00:00Z"}
            )  # fmt: skip
    return out


def _expected(ward: str) -> set[str]:
    return {str(op["op_id"]) for d in range(DEVICES_PER_WARD) for op in _ops(ward, d)}


async def _device(client: httpx.AsyncClient, token: str, ops: list[dict[str, object]]) -> list[str]:
    headers = {"Authorization": f"Bearer {token}", PROTOCOL_HEADER: str(PROTOCOL_VERSION)}
    statuses = []
    for i in range(0, len(ops), BATCH):
        body = {"ops": ops[i : i + BATCH]}
        for _attempt in range(2):  # every batch twice, as after a lost answer
            answer = await client.post("/v1/push", json=body, headers=headers, timeout=60)
            assert answer.status_code == 200, answer.text
            statuses += [r["status"] for r in answer.json()["results"]]
    return statuses


async def _follow(client: httpx.AsyncClient, token: str, done: asyncio.Event) -> list[tuple[int, str]]:
    """Pull by cursor the whole time the others push, then once more: what a PC would have seen."""
    headers = {"Authorization": f"Bearer {token}", PROTOCOL_HEADER: str(PROTOCOL_VERSION)}
    seen: list[tuple[int, str]] = []
    since, last_round = 0, False
    while True:
        answer = await client.get("/v1/pull", params={"since": since, "limit": 97}, headers=headers, timeout=60)
        assert answer.status_code == 200, answer.text
        page = answer.json()
        seen += [(c["seq"], c["op_id"]) for c in page["changes"]]
        since = page["next_cursor"]
        if not page["has_more"]:
            if last_round:
                return seen
            last_round = done.is_set()
            await asyncio.sleep(0.01)


async def _storm(base: str, tokens: dict[str, list[str]], followers: dict[str, str]) -> tuple[list[str], dict]:  # type: ignore[type-arg]
    limits = httpx.Limits(max_connections=64)
    async with httpx.AsyncClient(base_url=base, limits=limits) as client:
        done = asyncio.Event()
        follow = {w: asyncio.ensure_future(_follow(client, t, done)) for w, t in followers.items()}
        pushes = [_device(client, tok, _ops(w, d)) for w in WARDS for d, tok in enumerate(tokens[w])]
        results = await asyncio.gather(*pushes)
        done.set()
        seen = {w: await f for w, f in follow.items()}
    return [s for r in results for s in r], seen


def _check(url: str, statuses: list[str], seen: dict[str, list[tuple[int, str]]]) -> None:
    unique = sum(len(_expected(w)) for w in WARDS)
    assert statuses.count("applied") == unique and "rejected" not in statuses
    assert len(statuses) - unique == statuses.count("duplicate")
    engine = make_hub_engine(url)
    try:
        with engine.connect() as conn:
            for ward in WARDS:
                rows = conn.execute(text("SELECT op_id FROM hub_change WHERE unit_code = :w"), {"w": ward}).all()
                assert sorted(r[0] for r in rows) == sorted(_expected(ward))  # each exactly once
                records = conn.execute(text("SELECT count(*) FROM hub_record WHERE unit_code = :w"), {"w": ward})
                assert records.scalar() == len(_expected(ward))
    finally:
        engine.dispose()
    for ward, changes in seen.items():
        seqs = [s for s, _ in changes]
        assert seqs == sorted(seqs) and len(set(seqs)) == len(seqs)
        assert sorted(op for _, op in changes) == sorted(_expected(ward))  # the follower skipped nothing


def _tokens(url: str) -> tuple[dict[str, list[str]], dict[str, str]]:
    engine = make_hub_engine(url)
    try:
        tokens = {
            w: [service.enroll(engine, service.new_enrollment_code(engine, w, d + 1), f"pc{d}")[1]
                for d in range(DEVICES_PER_WARD)]
            for w in WARDS
        }  # fmt: skip
        followers = {w: service.enroll(engine, service.new_enrollment_code(engine, w, 9), "follower")[1] for w in WARDS}
    finally:
        engine.dispose()
    return tokens, followers


@pytest.mark.parametrize("hub_db_url", ["postgresql"], indirect=True)  # the SQLite hub has its own test below
def test_several_workers_over_postgresql_apply_each_op_once(hub_db_url: str) -> None:
    tokens, followers = _tokens(hub_db_url)
    port = free_port()
    code = "import sys; from sync.hub.cli import main; sys.exit(main(sys.argv[1:]))"
    args = ["--database-url", hub_db_url, "serve", "--port", str(port), "--workers", "3"]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(
        [sys.executable, "-c", code, *args], cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"http://127.0.0.1:{port}/v1/health", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert proc.poll() is None and time.monotonic() < deadline, "the hub did not start"
            time.sleep(0.2)
        statuses, seen = asyncio.run(asyncio.wait_for(_storm(f"http://127.0.0.1:{port}", tokens, followers), 240))
    finally:
        proc.terminate()
        proc.wait(20)
    _check(hub_db_url, statuses, seen)


def test_sqlite_hub_applies_each_op_once_under_concurrent_clients(sqlite_hub_url: str) -> None:
    tokens, followers = _tokens(sqlite_hub_url)
    hub = RunningHub(sqlite_hub_url).start()
    try:
        statuses, seen = asyncio.run(asyncio.wait_for(_storm(hub.url, tokens, followers), 240))
    finally:
        hub.close()
    _check(sqlite_hub_url, statuses, seen)


@pytest.mark.parametrize("hub_db_url", ["postgresql"], indirect=True)
def test_a_worker_that_answers_late_is_not_killed(hub_db_url: str) -> None:
    """A worker starved of CPU for seconds (stopped here for 8 s) keeps its requests: uvicorn's supervisor
    killed and replaced a worker that missed its 5 s health ping, with every long poll it held."""
    port = free_port()
    code = "import sys; from sync.hub.cli import main; sys.exit(main(sys.argv[1:]))"
    args = ["--database-url", hub_db_url, "serve", "--port", str(port), "--workers", "2"]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, "-c", code, *args], cwd=ROOT, env=env, stdout=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while not _workers(proc.pid) or not _healthy(port):
            assert proc.poll() is None and time.monotonic() < deadline, "the hub did not start"
            time.sleep(0.2)
        workers = _workers(proc.pid)
        assert len(workers) == 2
        os.kill(workers[0], signal.SIGSTOP)
        time.sleep(8)
        os.kill(workers[0], signal.SIGCONT)
        time.sleep(1)
        assert _workers(proc.pid) == workers and _healthy(port)
    finally:
        proc.terminate()
        proc.wait(20)


def _workers(parent: int) -> list[int]:
    """The hub's worker processes (uvicorn's children of the serving process), from /proc."""
    children = Path(f"/proc/{parent}/task/{parent}/children")
    pids = [int(p) for p in children.read_text().split()] if children.exists() else []
    return sorted(pid for pid in pids if "spawn_main" in Path(f"/proc/{pid}/cmdline").read_text(errors="replace"))


def _healthy(port: int) -> bool:
    try:
        return httpx.get(f"http://127.0.0.1:{port}/v1/health", timeout=1).status_code == 200
    except httpx.HTTPError:
        return False


def test_a_hub_worker_keeps_its_start_out_of_the_collectors_full_passes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What a worker makes at start lives as long as it does: frozen once the app is made (sync/hub/cli.py
    settle_heap), so a push's short-lived objects do not set off walks over all of it."""
    import gc

    from sync.hub import cli

    monkeypatch.setenv(cli.WORKER_URL, f"sqlite:///{tmp_path / 'hub.sqlite3'}")
    gc.unfreeze()
    try:
        app = cli.worker_app()
        assert gc.get_freeze_count() > 10_000
        assert not gc.is_tracked(app) or app not in gc.get_objects()  # not among the collector's generations
    finally:
        gc.unfreeze()
