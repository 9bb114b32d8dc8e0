from __future__ import annotations

from pathlib import Path

from sqlmodel import func, select

from counter_app import demo, staff
from counter_app.db import make_engine, session_scope
from counter_app.models import AssistedFiling, Dossier, OutboxEntry, Ticket


def test_demo_day_goes_through_the_core(tmp_path: Path) -> None:
    db = tmp_path / "demo.sqlite3"
    seen: list[tuple[str, int, int]] = []
    demo.fill(db, tickets=40, dossier_count=30, progress=lambda *p: seen.append(p))
    engine = make_engine(db)
    with session_scope(engine) as s:
        assert s.exec(select(func.count()).select_from(Ticket)).one() >= 40
        assert s.exec(select(func.count()).select_from(Dossier)).one() == 30
        assert s.exec(select(func.count()).select_from(AssistedFiling)).one() == 3
        statuses = set(s.exec(select(Dossier.status)).all())
        assert len(statuses) >= 3
        assert s.exec(select(func.count()).select_from(OutboxEntry)).one() > 100  # every write queued for the hub
    assert staff.sign_in(engine, "canbo1", demo.PASSWORDS["canbo1"], 1).name == "Nguyễn Văn Một"
    assert any(what == "hồ sơ" for what, _d, _t in seen)
    engine.dispose()


def test_demo_refuses_an_existing_database(tmp_path: Path) -> None:
    db = tmp_path / "x.sqlite3"
    db.write_bytes(b"")
    assert demo.main(["--db", str(db)]) == 2


def test_demo_day_looks_like_a_working_day(tmp_path: Path) -> None:
    from datetime import UTC, datetime, time, timedelta

    from counter_app.calendar import is_working_day
    from counter_app.clock import VN_TZ, local_today
    from counter_app.dossier_states import OPEN, DossierState

    db = tmp_path / "demo.sqlite3"
    demo.fill(db, tickets=80, dossier_count=120)
    engine = make_engine(db)
    now = datetime.now(UTC)

    def local(moment: datetime) -> datetime:
        return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).astimezone(VN_TZ)

    def in_hours(moment: datetime) -> bool:
        t = local(moment).time()
        return time(7, 30) <= t < time(11, 30) or time(13, 0) <= t < time(17, 0)

    with session_scope(engine) as s:
        tickets = s.exec(select(Ticket)).all()
        waiting = [t for t in tickets if t.status == "waiting"]
        assert 10 <= len(waiting) <= 30
        for t in waiting:  # the people waiting now came in the last half hour: nobody waits since yesterday
            assert now - timedelta(minutes=31) <= local(t.issued_at) <= now
        served = [t for t in tickets if t.status != "waiting"]
        assert served and all(in_hours(t.issued_at) and is_working_day(local(t.issued_at).date()) for t in served)
        assert all(t.called_at is None or not time(11, 30) <= local(t.called_at).time() < time(13, 0) for t in served)
        rows = s.exec(select(Dossier)).all()
        assert all(in_hours(d.received_at) and is_working_day(local(d.received_at).date()) for d in rows)
        overdue = [d for d in rows if DossierState(d.status) in OPEN and d.due_date and d.due_date < local_today()]
        assert len(overdue) <= len(rows) // 8  # a few late ones, not half of them
        returned = [d for d in rows if d.status == DossierState.DA_TRA_KET_QUA]
        assert len(returned) >= len(rows) // 3
        fields = {code.split(".")[0] for code in s.exec(select(Dossier.procedure_code)).all()}
        assert len(fields) >= 2
    engine.dispose()
