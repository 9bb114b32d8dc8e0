"""A counter's real work for the harness: dossiers received and moved through their states,
tickets issued, called, started and finished, each through the core services in one
transaction, with a ledger of the outbox operations each committed transaction produced."""

from __future__ import annotations

import random
import threading
from dataclasses import dataclass
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from counter_app import dossiers, queue
from counter_app.access import Actor, Role
from counter_app.catalog import default_catalog
from counter_app.citizens import CitizenInput
from counter_app.db import open_database, session_scope
from counter_app.dossier_states import DossierState
from counter_app.errors import CounterError, StorageError
from counter_app.models import Dossier, OutboxEntry

UNIT = "27460"
CERT = "1.004873"
GROUPS = {1: "A", 2: "B"}  # each counter its own group: two counters never serve the same ticket
SYLLABLES = ["An", "Bình", "Chi", "Dũng", "Giang", "Hà", "Khoa", "Lan", "Minh", "Nga", "Phúc", "Quân", "Thảo", "Vy"]


@dataclass(frozen=True)
class Op:
    op_id: str
    entity: str
    entity_id: str


class Ledger:
    """Collects the outbox operations of each committed transaction on any Session.

    `take()` returns what was committed since the last call: a caller that reports those ops
    has reported only writes that are durable (synchronous=FULL commit returned)."""

    def __init__(self) -> None:
        self._committed: list[Op] = []
        self._lock = threading.Lock()
        event.listen(Session, "before_flush", self._before_flush)
        event.listen(Session, "after_commit", self._after_commit)
        event.listen(Session, "after_rollback", self._after_rollback)

    def close(self) -> None:
        event.remove(Session, "before_flush", self._before_flush)
        event.remove(Session, "after_commit", self._after_commit)
        event.remove(Session, "after_rollback", self._after_rollback)

    @staticmethod
    def _before_flush(session: Session, _context: Any, _instances: Any) -> None:
        new = [Op(o.op_id, o.entity, o.entity_id) for o in session.new if isinstance(o, OutboxEntry)]
        session.info.setdefault("ledger_ops", []).extend(new)

    def _after_commit(self, session: Session) -> None:
        ops = session.info.pop("ledger_ops", [])
        with self._lock:
            self._committed.extend(ops)

    @staticmethod
    def _after_rollback(session: Session) -> None:
        session.info.pop("ledger_ops", None)

    def take(self) -> list[Op]:
        with self._lock:
            ops, self._committed = self._committed, []
        return ops


def officer(counter: int = 1) -> Actor:
    return Actor(f"staff-rel-{counter}", Role.OFFICER, UNIT, counter, f"Cán bộ {counter}")


def prepare(path: Any, counter: int = 1) -> Engine:
    """A counter database set up as after first run: its service group exists."""
    engine = open_database(path)
    with session_scope(engine) as s:
        group = GROUPS[counter]
        queue.ensure_group(s, Actor("staff-admin", Role.ADMIN, UNIT, counter), group, f"Nhóm {group}", group)
    return engine


def _name(rng: random.Random) -> str:
    return " ".join(rng.choice(SYLLABLES) for _ in range(3))


def _papers() -> list[str]:
    return [p.name for p in default_catalog().get(CERT).papers if p.required]


class Counter:
    """One officer's random day; `step()` does one real write (or a no-op when none applies)."""

    def __init__(self, engine: Engine, rng: random.Random, counter: int = 1) -> None:
        self.engine, self.rng, self.actor, self.group = engine, rng, officer(counter), GROUPS[counter]
        self.papers = _papers()

    def step(self) -> str:
        action = self.rng.choices([self.receive, self.issue, self.serve, self.advance_dossier], weights=[3, 3, 3, 3])[0]
        try:
            with session_scope(self.engine) as s:
                return action(s)
        except StorageError:
            raise  # the storage harness wants to see these
        except CounterError:
            return "refused"  # e.g. a stale state; nothing written

    def receive(self, s: Session) -> str:
        citizen = CitizenInput(_name(self.rng), f"0790{self.rng.randrange(10**8):08d}")
        dossiers.receive_dossier(
            s, self.actor, dossiers.IntakeInput(CERT, citizen=citizen, papers_received=self.papers)
        )
        return "receive"

    def issue(self, s: Session) -> str:
        queue.issue_ticket(s, self.actor, self.group)
        return "issue"

    def serve(self, s: Session) -> str:
        """Move the counter's current ticket one step: call, start, finish."""
        mine = queue.now_serving(s, self.actor)
        if not mine:
            return "call" if queue.call_next(s, self.actor, [self.group]) else "idle"
        ticket = mine[0]
        if ticket.status == "called":
            queue.start(s, self.actor, ticket.id)
            return "start"
        queue.finish(s, self.actor, ticket.id)
        return "finish"

    def advance_dossier(self, s: Session) -> str:
        moves = {
            DossierState.DUOC_TIEP_NHAN: dossiers.start_processing,
            DossierState.DANG_XU_LY: dossiers.mark_done,
            DossierState.DA_XU_LY_XONG: dossiers.return_result,
        }
        query = select(Dossier).where(
            col(Dossier.status).in_([int(k) for k in moves]), Dossier.counter_no == self.actor.counter_no
        )
        found = s.exec(query.limit(20)).all()
        if not found:
            return "idle"
        dossier = self.rng.choice(list(found))
        moves[DossierState(dossier.status)](s, self.actor, dossier.id)
        return "advance"
