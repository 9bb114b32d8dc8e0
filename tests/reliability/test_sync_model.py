"""The sync engine against a model, with hypothesis's stateful testing: random interleavings of local
writes on two counters, syncs through the fault proxy (dropped requests, lost answers, refused and
garbled connections), requests replayed as duplicates, and restarts of a counter. After every step:
no operation is at the hub twice, none is lost (each is at the hub or still in its outbox), and
the hub holds nothing nobody wrote. At the end a clean sync makes both counters converge."""

from __future__ import annotations

import asyncio
import contextlib
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule
from sqlalchemy import delete
from sqlmodel import Session, select

from counter_app import outbox
from counter_app.db import open_database, session_scope
from counter_app.ids import new_id
from counter_app.models import Citizen
from reliability import checks
from reliability.workload import UNIT, Ledger
from sync.client import local
from sync.client.engine import SyncEngine
from sync.client.transport import HubClient, HubRefused, HubUnavailable
from sync.hub import service
from sync.hub.store import ChangeRow, ClaimRow, RecordRow
from tests.sync.hubserver import RunningHub
from tests.sync.proxy import FaultProxy

FAULTS = ["pass", "pass", "drop_request", "drop_response", "refuse", "reset", "garbage", "cut"]
NAMES = st.sampled_from(["An", "Bình", "Chi", "Dũng", "Giang", "Hà", "Khoa", "Lan"])


@pytest.fixture(scope="module")
def ward() -> Iterator[tuple[RunningHub, FaultProxy, list[str], Ledger]]:
    folder = Path(tempfile.mkdtemp(prefix="ward-model-"))
    hub = RunningHub(f"sqlite:///{folder / 'hub.sqlite3'}").start()
    proxy = FaultProxy(hub.port)
    tokens = [service.enroll(hub.engine, service.new_enrollment_code(hub.engine, UNIT, n), f"q{n}")[1] for n in (1, 2)]
    ledger = Ledger()
    yield hub, proxy, tokens, ledger
    ledger.close()
    proxy.close()
    hub.close()
    shutil.rmtree(folder, ignore_errors=True)


class SyncModel(RuleBasedStateMachine):
    ward: tuple[RunningHub, FaultProxy, list[str], Ledger]

    @initialize()
    def fresh(self) -> None:
        self.hub, self.proxy, self.tokens, self.ledger = self.ward
        with Session(self.hub.engine) as s:  # a fresh ward for each example, on the one running hub
            for table in (ChangeRow, RecordRow, ClaimRow):
                s.exec(delete(table))  # type: ignore[call-overload]
            s.commit()
        self.proxy.set("pass")
        self.folder = Path(tempfile.mkdtemp(prefix="ward-model-pc-"))
        self.dbs = [open_database(self.folder / f"c{n}.sqlite3") for n in (1, 2)]
        self.written: list[checks.Op] = []  # every operation any counter committed (the model)
        self.citizens: list[set[str]] = [set(), set()]
        self.ledger.take()

    def teardown(self) -> None:
        with contextlib.suppress(AttributeError):
            self.proxy.set("pass")
            for _ in range(2):
                for n in (0, 1):
                    self._sync(n)
            assert checks.outbox_op_ids(self.dbs[0]) | checks.outbox_op_ids(self.dbs[1]) == set()
            everyone = self.citizens[0] | self.citizens[1]
            for db in self.dbs:  # both counters converge on the same records
                with session_scope(db) as s:
                    assert {c.id for c in s.exec(select(Citizen)).all()} == everyone
                assert checks.diverging_records(db, self.hub.engine, UNIT) == []
            for db in self.dbs:
                db.dispose()
            shutil.rmtree(self.folder, ignore_errors=True)

    def _engine(self, n: int) -> SyncEngine:
        token = self.tokens[n]
        return SyncEngine(self.dbs[n], [self.proxy.url], lambda _u: token, UNIT, timeout_s=1.0, batch_size=3)

    def _sync(self, n: int) -> None:
        with contextlib.suppress(HubUnavailable, HubRefused):
            asyncio.run(self._engine(n).sync_once())

    @rule(n=st.integers(0, 1), name=NAMES)
    def write(self, n: int, name: str) -> None:
        citizen = Citizen(id=new_id(), unit_code=UNIT, full_name=f"Nguyễn Văn {name}")
        with session_scope(self.dbs[n]) as s:
            outbox.save(s, citizen)
        self.citizens[n].add(citizen.id)
        self.written += self.ledger.take()

    @precondition(lambda self: any(self.citizens))
    @rule(n=st.integers(0, 1), name=NAMES)
    def edit(self, n: int, name: str) -> None:
        """Change one of this counter's own citizens (never the other's: no editing conflict here)."""
        if not self.citizens[n]:
            return
        with session_scope(self.dbs[n]) as s:
            citizen = s.get(Citizen, sorted(self.citizens[n])[0])
            assert citizen is not None
            citizen.full_name = f"Trần Thị {name}"
            outbox.save(s, citizen)
        self.written += self.ledger.take()

    @rule(n=st.integers(0, 1), fault=st.sampled_from(FAULTS))
    def sync(self, n: int, fault: str) -> None:
        self.proxy.set(fault, faults=1)
        self._sync(n)
        self.proxy.set("pass")
        self.written += self.ledger.take()  # pulled rows write no outbox entries: this stays empty

    @rule(n=st.integers(0, 1))
    def replay(self, n: int) -> None:
        """A request that reaches the hub twice (a proxy or client retrying on its own)."""
        with session_scope(self.dbs[n]) as s:
            batch = local.next_batch(s, 5)
        if not batch:
            return

        async def twice() -> None:
            client = HubClient(self.hub.url, self.tokens[n])
            try:
                first, second = await client.push(batch), await client.push(batch)
            finally:
                await client.close()
            assert {r.status for r in second.results} <= {"duplicate"}
            assert {r.status for r in first.results} <= {"applied", "duplicate"}

        asyncio.run(twice())

    @rule(n=st.integers(0, 1))
    def restart(self, n: int) -> None:
        self.dbs[n].dispose()
        self.dbs[n] = open_database(self.folder / f"c{n + 1}.sqlite3")

    @invariant()
    def exactly_once(self) -> None:
        if not hasattr(self, "dbs"):
            return
        tally = checks.hub_tally(self.hub.engine)
        pending = checks.outbox_op_ids(self.dbs[0]) | checks.outbox_op_ids(self.dbs[1])
        assert checks.duplicated(tally) == 0
        assert checks.lost(self.written, tally, pending) == []
        assert set(tally) <= {op.op_id for op in self.written}  # nothing nobody wrote


def test_sync_engine_against_its_model(ward: tuple[RunningHub, FaultProxy, list[str], Ledger]) -> None:
    SyncModel.ward = ward
    current = settings()
    smoke = current.max_examples <= 15  # the normal suite's profile (tests/reliability/conftest.py)
    steps = 12 if smoke else 40
    SyncModel.TestCase.settings = settings(
        current, stateful_step_count=steps, max_examples=4 if smoke else current.max_examples
    )
    SyncModel.TestCase().runTest()
