"""Calling a ticket when the ward has several counters: the hub decides who gets it (sync/hub/claims.py).

F2 sends the waiting tickets, in fair order, to the hub, which grants the first one no other counter has; it
is called here. A ticket another counter won a moment ago is skipped without the officer noticing. When no hub
answers within the claim timeout, the offline policy decides (`queue.clash_free`: only tickets this counter
issued or was sent); the tickets held back are counted so the officer is told why they wait. A PC with no hub
configured is a ward of one: it calls as before.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar

from sqlalchemy.engine import Engine
from sqlmodel import Session

from counter_app import outbox, queue
from counter_app.access import Actor
from counter_app.db import session_scope
from counter_app.errors import StaleStateError
from counter_app.models import Ticket
from sync.protocol import ClaimTicket

if TYPE_CHECKING:  # the engine (httpx, TLS) loads when a hub is configured, not with the main window
    from sync.client.engine import SyncEngine

T = TypeVar("T")


@dataclass(frozen=True)
class CallOutcome:
    ticket: Ticket | None
    offline: bool = False  # decided under the offline policy: no hub answered
    held_back: int = 0  # waiting tickets the offline policy did not let this counter call


@dataclass(frozen=True)
class _Candidate:
    id: str
    version: str
    clash_free: bool


async def _db(db: Engine, sync: SyncEngine | None, fn: Callable[..., T], *args: object) -> T:
    if sync is not None:
        return await sync.run_db(fn, *args)
    with session_scope(db) as session:
        return fn(session, *args)


def _candidates(session: Session, actor: Actor, groups: Sequence[str] | None, only: str | None) -> list[_Candidate]:
    tickets = queue.waiting_list(session, actor, groups)
    return [
        _Candidate(t.id, str(outbox.row_payload(t)["updated_at"]), queue.clash_free(t, actor.counter_no))
        for t in tickets
        if only is None or t.id == only
    ]


def _call(session: Session, actor: Actor, ticket_id: str) -> Ticket | None:
    try:
        with session.begin_nested():
            return queue.call_ticket(session, actor, ticket_id)
    except StaleStateError:
        return None  # changed here meanwhile (a pull): the next one


async def call(
    db: Engine, sync: SyncEngine | None, actor: Actor, groups: Sequence[str] | None = None, only: str | None = None
) -> CallOutcome:
    """Call the next ticket (or the one `only` names) for this counter, asking the hub first."""
    if sync is None or not sync.hubs:
        if only is not None:
            return CallOutcome(await _db(db, None, queue.call_ticket, actor, only))
        return CallOutcome(await _db(db, None, queue.call_next, actor, groups))
    candidates = await _db(db, sync, _candidates, actor, groups, only)
    while candidates:
        wanted = [ClaimTicket(ticket_id=c.id, version=c.version) for c in candidates]
        answer = await sync.claim(wanted, actor.counter_no or 0)
        if answer is None:
            return await _offline(db, sync, actor, candidates)
        done = set(answer.taken)
        if answer.ticket_id is not None:
            ticket = await _db(db, sync, _call, actor, answer.ticket_id)
            if ticket is not None:
                return CallOutcome(ticket)
            done.add(answer.ticket_id)  # changed here meanwhile: ask again for the rest
        candidates = [c for c in candidates if c.id not in done]
    if only is not None:
        raise StaleStateError(queue.TAKEN_ELSEWHERE)
    return CallOutcome(None)


async def _offline(db: Engine, sync: SyncEngine, actor: Actor, candidates: list[_Candidate]) -> CallOutcome:
    allowed = [c for c in candidates if c.clash_free]
    for candidate in allowed:
        ticket = await _db(db, sync, _call, actor, candidate.id)
        if ticket is not None:
            return CallOutcome(ticket, offline=True, held_back=len(candidates) - len(allowed))
    return CallOutcome(None, offline=True, held_back=len(candidates) - len(allowed))
