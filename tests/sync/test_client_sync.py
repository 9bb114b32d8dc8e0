from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import select, text

from counter_app import dossiers, outbox, search
from counter_app.db import session_scope
from counter_app.dossier_states import DossierState
from counter_app.models import Citizen, Dossier, DossierEvent, OutboxEntry, SyncConflict
from sync.client import local
from sync.client.engine import MSG_OFFLINE, SyncStatus
from sync.client.enroll import device_token, enroll
from sync.client.transport import HubUnavailable
from sync.hub import service
from tests.sync.conftest import enroll_device
from tests.sync.helpers import add_citizens, counter_db, engine_for, hub_op_ids, officer, outbox_ids, receive, run
from tests.sync.hubserver import RunningHub

HubFactory = Callable[..., RunningHub]


def test_two_counters_share_a_ward_and_another_ward_sees_nothing(
    hub_factory: HubFactory, hub_db_url: str, tmp_path: Path
) -> None:
    hub = hub_factory(hub_db_url)
    c1, c2, c3 = (counter_db(tmp_path, n) for n in ("c1", "c2", "c3"))
    e1 = engine_for(c1, {hub.url: enroll_device(hub, "27460", 1)})
    e2 = engine_for(c2, {hub.url: enroll_device(hub, "27460", 2)})
    e3 = engine_for(c3, {hub.url: enroll_device(hub, "26740", 1)}, unit="26740")
    dossier_id = receive(c1, officer(counter=1))
    assert run(e1.sync_once()).pushed >= 5 and outbox_ids(c1) == []
    assert run(e2.sync_once()).pulled >= 5
    with session_scope(c2) as s:
        view = dossiers.get_dossier(s, officer(counter=2), dossier_id)
        assert view.citizen.full_name == "Nguyễn Văn Dũng" and view.state == DossierState.DUOC_TIEP_NHAN
        assert [h.id for h in search.search(s, officer(counter=2), "nguyen van dung") if h.kind == "dossier"]
        dossiers.start_processing(s, officer(counter=2), dossier_id)
    run(e2.sync_once())
    run(e1.sync_once())
    with session_scope(c1) as s:
        d = s.get(Dossier, dossier_id)
        assert d is not None and d.status == DossierState.DANG_XU_LY
        assert len(s.exec(select(DossierEvent).where(DossierEvent.dossier_id == dossier_id)).all()) == 2
    run(e3.sync_once())
    with session_scope(c3) as s:
        assert s.exec(select(Dossier)).all() == [] and s.exec(select(Citizen)).all() == []
    assert len(hub_op_ids(hub.engine)) == len(set(hub_op_ids(hub.engine)))


def test_pending_local_change_is_never_overwritten(
    hub_factory: HubFactory, sqlite_hub_url: str, tmp_path: Path
) -> None:
    hub = hub_factory(sqlite_hub_url)
    c1, c2 = counter_db(tmp_path, "c1"), counter_db(tmp_path, "c2")
    e1 = engine_for(c1, {hub.url: enroll_device(hub, "27460", 1)})
    e2 = engine_for(c2, {hub.url: enroll_device(hub, "27460", 2)})
    dossier_id = receive(c1, officer(counter=1))
    run(e1.sync_once())
    run(e2.sync_once())
    with session_scope(c1) as s:  # counter 1, offline, refuses the dossier...
        dossiers.refuse(s, officer(counter=1), dossier_id, "Không thuộc thẩm quyền")
    with session_scope(c2) as s:  # ...while counter 2 starts processing it and syncs first
        dossiers.start_processing(s, officer(counter=2), dossier_id)
    run(e2.sync_once())
    report = run(e1.sync_once())
    with session_scope(c1) as s:
        d = s.get(Dossier, dossier_id)
        conflict = s.exec(select(SyncConflict)).one()
        waiting = s.exec(select(OutboxEntry).where(OutboxEntry.entity == "dossier")).one()
    assert report.conflicts == 1
    assert d is not None and d.status == DossierState.KHONG_DUOC_TIEP_NHAN  # the local change is kept
    assert conflict.entity_id == dossier_id and "chưa gửi" in conflict.reason
    assert '"status": 4' in conflict.remote_payload  # ...and the hub's version is kept beside it, not dropped
    assert "4 → 3" in (waiting.last_error or "") and e1.status.conflicts == 1


def test_quarantine_keeps_the_rest_flowing(hub_factory: HubFactory, sqlite_hub_url: str, tmp_path: Path) -> None:
    hub = hub_factory(sqlite_hub_url)
    db = counter_db(tmp_path, "c1")
    engine = engine_for(db, {hub.url: enroll_device(hub)})
    add_citizens(db, 2, unit="26740")  # a record of another ward: the hub rejects it
    add_citizens(db, 3)
    for _attempt in range(local.MAX_REJECTIONS):
        report = run(engine.sync_once())
        with session_scope(db) as s:
            s.exec(text("UPDATE outbox SET next_attempt_at = NULL"))  # type: ignore[call-overload]
    assert report.quarantined == 2
    with session_scope(db) as s:
        stuck = local.list_quarantined(s)
        assert len(stuck) == 2 and all("đơn vị khác" in (e.last_error or "") for e in stuck)
    add_citizens(db, 4)
    run(engine.sync_once())
    assert len(hub_op_ids(hub.engine)) == 7
    assert engine.status.quarantined == 2 and engine.status.pending == 0
    with session_scope(db) as s:
        assert local.retry_all(s) == 2
    assert engine.status.quarantined == 2  # only a sync refreshes the status
    run(engine.sync_once())
    with session_scope(db) as s:
        assert s.exec(select(OutboxEntry)).all() != []  # still rejected, but counted again from zero
        assert all(e.attempts == 1 for e in s.exec(select(OutboxEntry)).all())


def test_counts_mismatch_triggers_a_full_resync(hub_factory: HubFactory, sqlite_hub_url: str, tmp_path: Path) -> None:
    hub = hub_factory(sqlite_hub_url)
    db = counter_db(tmp_path, "c1")
    engine = engine_for(db, {hub.url: enroll_device(hub)})
    add_citizens(db, 3)
    run(engine.sync_once())
    with session_scope(db) as s:
        victim = s.exec(select(Citizen)).first()
        assert victim is not None
        s.exec(text(f"DELETE FROM citizen WHERE id = '{victim.id}'"))  # type: ignore[call-overload]
    report = run(engine.sync_once())
    assert report.mismatched == [] and report.pulled >= 3
    with session_scope(db) as s:
        assert s.get(Citizen, victim.id) is not None
    assert engine.status.last_error_vi is None


def test_status_reports_offline_in_vietnamese_and_nothing_is_lost(tmp_path: Path) -> None:
    db = counter_db(tmp_path, "c1")
    seen: list[SyncStatus] = []
    engine = engine_for(db, {"http://127.0.0.1:9": "token"}, on_status=seen.append)
    add_citizens(db, 2)
    with pytest.raises(HubUnavailable):
        run(engine.sync_once())
    assert seen[-1].online is False and seen[-1].last_error_vi == MSG_OFFLINE and seen[-1].pending == 2
    assert len(outbox_ids(db)) == 2


def test_enrollment_stores_the_token_as_a_secret(hub_factory: HubFactory, sqlite_hub_url: str, tmp_path: Path) -> None:
    hub = hub_factory(sqlite_hub_url)
    code = service.new_enrollment_code(hub.engine, "27460", 5)
    answer = run(enroll(hub.url, code, "Quầy 5"))
    assert (answer.unit_code, answer.counter_no) == ("27460", 5)
    assert device_token(hub.url) == answer.token
    db = counter_db(tmp_path, "c5")
    add_citizens(db, 1)
    report = run(engine_for(db, {hub.url: device_token(hub.url) or ""}).sync_once())
    assert report.pushed == 1


def test_run_loop_syncs_by_itself_when_the_hub_comes_back(
    hub_factory: HubFactory, sqlite_hub_url: str, tmp_path: Path
) -> None:
    hub = RunningHub(sqlite_hub_url)
    token = enroll_device(hub)
    db = counter_db(tmp_path, "c1")
    add_citizens(db, 3)
    engine = engine_for(db, {hub.url: token}, probe_s=0.2, interval_s=60, max_backoff_s=60)

    async def scenario() -> None:
        loop_task = asyncio.create_task(engine.run())
        await asyncio.sleep(1.0)
        assert engine.status.online is False
        await asyncio.to_thread(hub.start)
        for _ in range(100):
            if engine.status.last_success is not None:
                break
            await asyncio.sleep(0.1)
        engine.stop()
        await asyncio.wait_for(loop_task, 10)

    try:
        run(scenario(), timeout=30)
    finally:
        hub.close()
    assert engine.status.last_success is not None and outbox_ids(db) == []


def test_a_counter_with_a_late_clock_still_wins_in_hub_order(
    hub_factory: HubFactory, sqlite_hub_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Counter 2's clock runs 10 minutes late; its later change must still reach counter 1."""
    from datetime import timedelta

    from counter_app import clock
    from counter_app import outbox as outbox_mod

    hub = hub_factory(sqlite_hub_url)
    c1, c2 = counter_db(tmp_path, "c1"), counter_db(tmp_path, "c2")
    e1 = engine_for(c1, {hub.url: enroll_device(hub, "27460", 1)})
    e2 = engine_for(c2, {hub.url: enroll_device(hub, "27460", 2)})
    dossier_id = receive(c1, officer(counter=1))
    with session_scope(c1) as s:
        dossiers.start_processing(s, officer(counter=1), dossier_id)
    run(e1.sync_once())
    run(e2.sync_once())
    monkeypatch.setattr(outbox_mod, "utc_now", lambda: clock.utc_now() - timedelta(minutes=10))  # counter 2's clock
    with session_scope(c2) as s:
        dossiers.mark_done(s, officer(counter=2), dossier_id)
    monkeypatch.undo()
    run(e2.sync_once())
    run(e1.sync_once())
    with session_scope(c1) as s:
        d = s.get(Dossier, dossier_id)
        assert d is not None and d.status == DossierState.DA_XU_LY_XONG
        assert s.exec(select(SyncConflict)).all() == []


def test_a_clashing_row_is_kept_aside_and_sync_goes_on(
    hub_factory: HubFactory, sqlite_hub_url: str, tmp_path: Path
) -> None:
    """Two PCs of one ward each created an "admin" at first run: the second one's pull must not get stuck."""
    from counter_app import staff

    hub = hub_factory(sqlite_hub_url)
    c1, c2 = counter_db(tmp_path, "c1"), counter_db(tmp_path, "c2")
    e1 = engine_for(c1, {hub.url: enroll_device(hub, "27460", 1)})
    e2 = engine_for(c2, {hub.url: enroll_device(hub, "27460", 2)})
    for db in (c1, c2):
        with session_scope(db) as s:
            staff.create_first_admin(s, "27460", "admin", "Quản Trị", "Mat-khau-2026")
    add_citizens(c1, 2)
    run(e1.sync_once())
    report = run(e2.sync_once())
    assert report.conflicts == 1
    with session_scope(c2) as s:
        assert len(s.exec(select(Citizen)).all()) == 2  # the rest of the page was applied
        assert "trùng" in s.exec(select(SyncConflict)).one().reason
    assert report.mismatched == ["staff"] and "staff" in (e2.status.last_error_vi or "")
    again = run(e2.sync_once())
    assert again.pulled == 0 and again.mismatched == ["staff"]  # reported, not re-pulled on every sync


def test_status_shows_progress_while_pushing_and_pulling(
    hub_factory: HubFactory, sqlite_hub_url: str, tmp_path: Path
) -> None:
    hub = hub_factory(sqlite_hub_url)
    c1, c2 = counter_db(tmp_path, "c1"), counter_db(tmp_path, "c2")
    e1 = engine_for(c1, {hub.url: enroll_device(hub, "27460", 1)}, batch_size=2)
    seen: list[SyncStatus] = []
    e2 = engine_for(c2, {hub.url: enroll_device(hub, "27460", 2)}, page_size=2, on_status=seen.append)
    add_citizens(c1, 5)
    pushes: list[SyncStatus] = []
    e1.on_status = pushes.append
    run(e1.sync_once())
    steps = [s.progress for s in pushes if s.phase == "push"]
    assert steps == [(0, 5), (2, 5), (4, 5), (5, 5)]
    assert pushes[-1].phase is None and pushes[-1].progress is None
    run(e2.sync_once())
    pulled = [s.progress for s in seen if s.phase == "pull"]
    # how many in all is asked with the second page (a live pull is one page and asks nothing): from then on
    # the status says "done of total"
    assert pulled[:2] == [(0, 0), (2, 0)]
    done = pulled[-1][0] if pulled[-1] else 0
    assert done >= 5 and pulled[2:] == [(n, done) for n in [*range(4, done, 2), done]]
    assert seen[-1].phase is None


def test_only_what_changed_here_is_news_for_the_windows(hub_factory: Any, tmp_path: Path) -> None:
    """A PC's own changes coming back from the hub change nothing here: the windows are not told to re-read
    (during a long sync they did, for every page); another PC's changes are news."""
    hub = hub_factory(f"sqlite:///{tmp_path / 'hub.sqlite3'}")
    one, two = counter_db(tmp_path, "one"), counter_db(tmp_path, "two")
    news: list[set[str]] = []
    first = engine_for(one, {hub.url: enroll_device(hub)}, on_pulled=news.append)
    second = engine_for(two, {hub.url: enroll_device(hub)})
    add_citizens(one, 3)
    report = run(first.sync_once())
    assert report.pushed > 0 and report.pulled >= report.pushed  # its own changes came back
    assert news == []
    add_citizens(two, 2)
    run(second.sync_once())
    run(first.sync_once())
    assert news and set().union(*news) >= {"citizen"}


def _chunks_applied(monkeypatch: pytest.MonkeyPatch) -> tuple[list[int], list[int]]:
    """The size and the cursor of every chunk of pulled changes applied from now on (each its own transaction)."""
    chunks: list[int] = []
    cursors: list[int] = []
    real = local.apply_page

    def spy(session: Any, hub_url: str, changes: list[Any], cursor: int, touched: Any = None) -> int:
        chunks.append(len(changes))
        cursors.append(cursor)
        return real(session, hub_url, changes, cursor, touched)

    monkeypatch.setattr(local, "apply_page", spy)
    return chunks, cursors


def test_a_new_pc_applies_history_in_transactions_as_large_as_its_pace_allows(
    hub_factory: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Before the pace is known, a transaction takes APPLY_FIRST changes; once a chunk has been quick, up to
    APPLY_CHUNK (here made small: 5 and 20, pages of 30): fewer commits for a new PC's history, each moving the
    cursor on, and every change arriving once."""
    from sync.client import engine as engine_module

    monkeypatch.setattr(engine_module, "APPLY_FIRST", 5)
    monkeypatch.setattr(engine_module, "APPLY_CHUNK", 20)
    monkeypatch.setattr(engine_module, "APPLY_TARGET_S", 60.0)  # every chunk is quick against it
    hub = hub_factory(f"sqlite:///{tmp_path / 'hub.sqlite3'}")
    one, two = counter_db(tmp_path, "one"), counter_db(tmp_path, "two")
    add_citizens(one, 70)
    run(engine_for(one, {hub.url: enroll_device(hub)}).sync_once())
    chunks, cursors = _chunks_applied(monkeypatch)
    assert run(engine_for(two, {hub.url: enroll_device(hub)}, page_size=30).sync_once()).pulled == 70
    assert chunks == [5, 20, 5, 20, 10, 10]  # pages of 30, 30 and 10
    assert cursors == sorted(set(cursors))
    with session_scope(two) as s:
        assert len(s.exec(select(Citizen)).all()) == 70


def test_changes_through_the_rules_are_applied_in_smaller_transactions(
    hub_factory: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A chunk that took longer than the engine's target makes the next ones smaller (here every chunk is "too
    long": the target is 0), down to APPLY_MIN: another PC's 60 edits of records here go in three transactions,
    each moving the cursor, and every edit arrives once."""
    from sync.client import engine as engine_module

    hub = hub_factory(f"sqlite:///{tmp_path / 'hub.sqlite3'}")
    one, two = counter_db(tmp_path, "one"), counter_db(tmp_path, "two")
    first = engine_for(one, {hub.url: enroll_device(hub)})
    second = engine_for(two, {hub.url: enroll_device(hub)})
    add_citizens(one, 60)
    run(first.sync_once())
    run(second.sync_once())  # the 60 are here now
    with session_scope(one) as s:
        for citizen in s.exec(select(Citizen)).all():
            citizen.full_name += " (sửa)"
            outbox.save(s, citizen)
    run(first.sync_once())
    chunks, cursors = _chunks_applied(monkeypatch)
    monkeypatch.setattr(engine_module, "APPLY_TARGET_S", 0.0)
    second._apply_size = engine_module.APPLY_FIRST  # as a fresh engine starts
    assert run(second.sync_once()).pulled == 60
    assert chunks == [60]  # the first chunk: as large as the page, up to APPLY_FIRST
    with session_scope(one) as s:  # once more, now that the engine has seen a chunk take too long
        for citizen in s.exec(select(Citizen)).all():
            citizen.full_name += "!"
            outbox.save(s, citizen)
    run(first.sync_once())
    chunks.clear()
    cursors.clear()
    assert run(second.sync_once()).pulled == 60
    assert chunks == [engine_module.APPLY_MIN] * 3 == [20, 20, 20]
    assert cursors == sorted(cursors) and len(set(cursors)) == 3  # each transaction moves the cursor on
    with session_scope(two) as s:
        names = [c.full_name for c in s.exec(select(Citizen)).all()]
        assert len(names) == 60 and all(n.endswith(" (sửa)!") for n in names)
        assert local.get_cursor(s, hub.url) == cursors[-1]
