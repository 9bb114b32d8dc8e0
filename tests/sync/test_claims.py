"""The hub's queue claims (sync/hub/claims.py) on both backends: who gets a waiting ticket, decided once."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import update

from sync.hub import claims, service
from sync.hub.store import ClaimRow, Device, make_hub_engine
from sync.protocol import ClaimRequest, ClaimTicket

UNIT = "27460"
V1 = "2026-11-25T02:00:00Z"


def _counter(engine, no: int) -> Device:  # type: ignore[no-untyped-def]
    return service.enroll(engine, service.new_enrollment_code(engine, UNIT, no), f"Quầy {no}")[0]


def _ask(engine, device: Device, op_id: str, *ticket_ids: str) -> tuple[str | None, list[str]]:  # type: ignore[no-untyped-def]
    wanted = [ClaimTicket(ticket_id=t, version=V1) for t in ticket_ids]
    answer = claims.claim(engine, device, ClaimRequest(op_id=op_id, counter_no=device.counter_no, tickets=wanted))
    return answer.ticket_id, answer.taken


def test_two_counters_get_two_tickets_and_a_retry_gets_the_same_answer(hub_db_url: str) -> None:
    engine = make_hub_engine(hub_db_url)
    one, two = _counter(engine, 1), _counter(engine, 2)
    assert _ask(engine, one, "op-1", "t1", "t2") == ("t1", [])
    assert _ask(engine, two, "op-2", "t1", "t2") == ("t2", ["t1"])
    assert _ask(engine, one, "op-1", "t1", "t2") == ("t1", [])  # the same request again: the same ticket
    assert _ask(engine, two, "op-3", "t1", "t2") == ("t2", ["t1"])  # counter 2 asking again keeps its own
    assert _ask(engine, _counter(engine, 3), "op-4", "t1", "t2") == (None, ["t1", "t2"])
    engine.dispose()


def test_a_counter_whose_answer_was_lost_gets_its_ticket_again_at_once(hub_db_url: str) -> None:
    """Counter 1's claim was granted but the answer never reached it (timeout): when it asks again with a
    new request it must get that ticket, not leave the citizen waiting out the claim's two minutes."""
    engine = make_hub_engine(hub_db_url)
    one, two = _counter(engine, 1), _counter(engine, 2)
    assert _ask(engine, one, "lost", "t1") == ("t1", [])
    assert _ask(engine, two, "op-2", "t1") == (None, ["t1"])
    assert _ask(engine, one, "again", "t1") == ("t1", [])
    assert _ask(engine, two, "op-3", "t1") == (None, ["t1"])
    engine.dispose()


def test_a_claim_whose_call_never_came_stops_blocking_after_its_ttl(hub_db_url: str) -> None:
    engine = make_hub_engine(hub_db_url)
    one, two = _counter(engine, 1), _counter(engine, 2)
    assert _ask(engine, one, "op-1", "t1") == ("t1", [])
    with engine.begin() as conn:
        stale = service.now() - claims.CLAIM_TTL - timedelta(seconds=1)
        conn.execute(update(ClaimRow).values(claimed_at=stale))
    assert _ask(engine, two, "op-2", "t1") == ("t1", [])
    assert _ask(engine, one, "op-3", "t1") == (None, ["t1"])
    engine.dispose()


@pytest.mark.parametrize("version", ["2026-11-25 02:00:00", "2026-11-25T09:00:00+07:00"])
def test_one_moment_written_two_ways_is_one_version(version: str) -> None:
    assert claims.version_of(version) == claims.version_of(V1)
