from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import select

from counter_app import queue
from counter_app.db import make_engine, session_scope
from counter_app.errors import PermissionDenied, StaleStateError, ValidationError
from counter_app.models import OutboxEntry, Ticket
from tests.factories import ADMIN, KIOSK, OFFICER, OFFICER2, VOLUNTEER

T0 = datetime.now(UTC).replace(microsecond=0)


@pytest.fixture
def groups(engine: Engine) -> Engine:
    with session_scope(engine) as s:
        queue.ensure_group(s, ADMIN, "A", "Hộ tịch – Chứng thực", "A")
        queue.ensure_group(s, ADMIN, "B", "Đất đai – Xây dựng", "B")
    return engine


def _issue(engine: Engine, group: str = "A", reason: str | None = None, minutes: int = 0) -> Ticket:
    with session_scope(engine) as s:
        return queue.issue_ticket(s, KIOSK, group, reason, now=T0 + timedelta(minutes=minutes))


def test_labels_count_per_group_and_device(groups: Engine) -> None:
    labels = [_issue(groups, "A").label, _issue(groups, "A").label, _issue(groups, "B").label]
    assert labels == ["A001", "A002", "B001"]
    with session_scope(groups) as s:
        assert queue.issue_ticket(s, OFFICER2, "A").label == "A2001"  # counter 2's own block
        with pytest.raises(ValidationError, match="Nhóm dịch vụ không tồn tại"):
            queue.issue_ticket(s, KIOSK, "Z")
        with pytest.raises(ValidationError, match="ưu tiên"):
            queue.issue_ticket(s, KIOSK, "A", "vip")


def test_fair_priority_order(groups: Engine) -> None:
    normal = [_issue(groups, minutes=i) for i in range(3)]
    prio = [_issue(groups, reason="elderly", minutes=10 + i) for i in range(3)]
    with session_scope(groups) as s:
        order = [t.label for t in queue.waiting_list(s, OFFICER)]
    assert order == [prio[0].label, prio[1].label, normal[0].label, prio[2].label, normal[1].label, normal[2].label]
    called = []
    for _ in range(6):
        with session_scope(groups) as s:
            ticket = queue.call_next(s, OFFICER)
            assert ticket is not None
            called.append(ticket.label)
            queue.start(s, OFFICER, ticket.id)
    assert called == order
    with session_scope(groups) as s:
        assert queue.call_next(s, OFFICER) is None


def test_full_visit_records_times(groups: Engine) -> None:
    ticket = _issue(groups)
    with session_scope(groups) as s:
        called = queue.call_next(s, OFFICER, ["A"], now=T0 + timedelta(minutes=7))
        assert called is not None and called.counter_no == 1
        queue.recall(s, OFFICER, called.id, now=T0 + timedelta(minutes=8))
        queue.start(s, OFFICER, called.id, now=T0 + timedelta(minutes=9))
        done = queue.finish(s, OFFICER, called.id, now=T0 + timedelta(minutes=21))
    assert done.id == ticket.id and done.status == queue.DONE and done.recall_count == 1
    assert queue.wait_seconds(done) == 8 * 60 and queue.service_seconds(done) == 12 * 60
    with session_scope(groups) as s:
        (summary,) = queue.daily_summary(s, OFFICER, done.service_day)
        assert (summary.issued, summary.served, summary.average_service_s) == (1, 1, 720)
        ops = s.exec(select(OutboxEntry.op).where(OutboxEntry.entity_id == ticket.id)).all()
        assert len(ops) == 5  # issue, call, recall, start, finish: each reaches the hub


def test_skip_cancel_and_transfer(groups: Engine) -> None:
    first, second = _issue(groups), _issue(groups, minutes=1)
    with session_scope(groups) as s:
        t = queue.call_next(s, OFFICER)
        assert t is not None and t.id == first.id
        assert queue.skip(s, OFFICER, t.id).status == queue.NO_SHOW
        t2 = queue.call_next(s, OFFICER)
        assert t2 is not None and t2.id == second.id
        moved = queue.transfer(s, OFFICER, t2.id, to_counter=2, to_group="B")
        assert (moved.status, moved.group_code, moved.target_counter) == (queue.WAITING, "B", 2)
        assert queue.waiting_list(s, OFFICER) == []  # meant for counter 2 only
        assert [t.id for t in queue.waiting_list(s, OFFICER2)] == [second.id]
        assert queue.call_next(s, OFFICER2, ["B"]) is not None
        with pytest.raises(StaleStateError):
            queue.cancel(s, OFFICER, first.id)  # already closed as no-show
    third = _issue(groups)
    with session_scope(groups) as s:
        assert queue.cancel(s, KIOSK, third.id, "Công dân về").status == queue.CANCELLED


def test_stale_view_cannot_take_a_called_ticket(groups: Engine, db_path: Path) -> None:
    ticket = _issue(groups)
    # A second connection to this PC's database: a pulled change (counter 2's call) landing between the
    # officer's look at the list and the call. Counters on separate PCs: tests/sync/test_ward_live.py.
    other = make_engine(db_path)
    try:
        with session_scope(groups) as s1:
            seen = queue.waiting_list(s1, OFFICER)
        with session_scope(other) as s2:
            assert queue.call_ticket(s2, OFFICER2, ticket.id).counter_no == 2
        with session_scope(groups) as s1, pytest.raises(StaleStateError, match="quầy khác"):
            queue.call_ticket(s1, OFFICER, seen[0].id)
    finally:
        other.dispose()


def test_two_counters_hammering_call_next_never_share_a_ticket(groups: Engine, db_path: Path) -> None:
    for i in range(40):
        _issue(groups, minutes=i)
    taken: dict[int, list[str]] = {1: [], 2: []}

    def counter(actor_counter: int) -> None:
        engine = make_engine(db_path)
        actor = OFFICER if actor_counter == 1 else OFFICER2
        try:
            while True:
                with session_scope(engine) as s:
                    ticket = queue.call_next(s, actor)
                    if ticket is None:
                        return
                    taken[actor_counter].append(ticket.id)
        finally:
            engine.dispose()

    threads = [threading.Thread(target=counter, args=(n,)) for n in (1, 2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    every = taken[1] + taken[2]
    assert len(every) == 40 and len(set(every)) == 40
    with session_scope(groups) as s:
        rows = s.exec(select(Ticket)).all()
        assert all(r.status == queue.CALLED and r.counter_no in (1, 2) for r in rows)
        assert {r.id for r in rows if r.counter_no == 1} == set(taken[1])


def test_open_tickets_survive_midnight(groups: Engine) -> None:
    yesterday = datetime.now(UTC) - timedelta(days=1)
    with session_scope(groups) as s:
        old = queue.issue_ticket(s, KIOSK, "A", now=yesterday)
    fresh = _issue(groups, reason="pregnant")
    with session_scope(groups) as s:
        assert [t.id for t in queue.waiting_list(s, OFFICER)] == [old.id, fresh.id]
        assert queue.issue_ticket(s, KIOSK, "A").label == "A002"  # today's numbering goes on
        called = queue.call_next(s, OFFICER)
        assert called is not None and called.id == old.id


def test_roles(groups: Engine) -> None:
    ticket = _issue(groups)
    with session_scope(groups) as s:
        assert queue.issue_ticket(s, VOLUNTEER, "A").label.startswith("A")
        with pytest.raises(PermissionDenied):
            queue.call_next(s, VOLUNTEER)
        with pytest.raises(PermissionDenied):
            queue.start(s, VOLUNTEER, ticket.id)
        with pytest.raises(PermissionDenied):
            queue.ensure_group(s, OFFICER, "C", "Khác", "C")


def test_transfer_goes_somewhere_else_and_says_where_from(groups: Engine) -> None:
    ticket = _issue(groups, "A")
    with session_scope(groups) as s:
        queue.call_next(s, OFFICER)
        with pytest.raises(ValidationError):
            queue.transfer(s, OFFICER, ticket.id, to_group="A")  # its own group: no move at all
    with session_scope(groups) as s, pytest.raises(ValidationError):
        queue.transfer(s, OFFICER, ticket.id, to_counter=1)  # this very counter
    with session_scope(groups) as s:
        moved = queue.transfer(s, OFFICER, ticket.id, to_group="B")
        assert queue.transferred_from(moved) == (1, "A") and moved.group_code == "B"
        assert queue.known_counters(s, OFFICER.unit_code) == []  # nobody has a ticket now: no counter known
        queue.call_next(s, OFFICER2, ["B"])
        assert queue.known_counters(s, OFFICER.unit_code) == [2]
        assert queue.waiting_by_group(s, OFFICER.unit_code) == {}
    _issue(groups, "A")
    _issue(groups, "A")
    with session_scope(groups) as s:
        assert queue.waiting_by_group(s, OFFICER.unit_code) == {"A": 2}
