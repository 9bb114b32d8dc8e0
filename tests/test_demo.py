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
