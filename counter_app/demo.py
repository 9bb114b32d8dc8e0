"""A realistic day for trying the app: `python -m counter_app.demo [--db PATH] [--tickets 300] [--dossiers 250]`.

Goes through the core services (so codes, deadlines, outbox and audit are all real). Demo staff accounts
get printed passwords: for a demo database only.
"""

from __future__ import annotations

import argparse
import random
from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

from sqlalchemy.engine import Engine
from sqlmodel import Session

from counter_app import assisted, dossiers, queue, settings, staff
from counter_app.access import Actor, Role
from counter_app.calendar import is_working_day
from counter_app.catalog import Procedure, default_catalog
from counter_app.citizens import CitizenInput
from counter_app.clock import VN_TZ
from counter_app.config import default_paths
from counter_app.db import open_database, session_scope
from counter_app.dossier_states import DossierState as S
from counter_app.models import Dossier
from counter_app.parties import Party, needs_two_applicants

UNIT = "27460"
SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương"]
MIDDLE = ["Văn", "Thị", "Minh", "Ngọc", "Hữu", "Thanh", "Đức", "Quốc", "Thu", "Kim"]
GIVEN = [
    "An",
    "Bình",
    "Chi",
    "Dũng",
    "Đạt",
    "Giang",
    "Hà",
    "Hải",
    "Hạnh",
    "Hiếu",
    "Hoa",
    "Hùng",
    "Lan",
    "Linh",
    "Long",
    "Mai",
    "Nam",
    "Phúc",
    "Phương",
    "Quân",
    "Sơn",
    "Tâm",
    "Thảo",
    "Trang",
    "Tuấn",
    "Vy",
    "Yến",
]
MOBILE = ["090", "091", "093", "094", "096", "097", "098", "032", "086", "077"]
PASSWORDS = {
    "admin": "Demo-quantri-1",
    "canbo1": "Demo-canbo-01",
    "canbo2": "Demo-canbo-02",
    "tnv1": "Demo-tinhnguyen-1",
}
Progress = Callable[[str, int, int], None]


def _citizen(rng: random.Random, i: int) -> CitizenInput:
    female = rng.random() < 0.5
    year = rng.randint(1950, 2005)
    digit = (0 if year < 2000 else 2) + (1 if female else 0)
    name = f"{rng.choice(SURNAMES)} {'Thị' if female else rng.choice(MIDDLE)} {rng.choice(GIVEN)}"
    return CitizenInput(
        name,
        f"079{digit}{year % 100:02d}{i:06d}",
        phone=f"{rng.choice(MOBILE)}{rng.randint(0, 9_999_999):07d}",
        address=f"{rng.randint(1, 300)} đường số {rng.randint(1, 30)}",
        address_unit_code=UNIT,
    )


def _second_party(rng: random.Random, i: int) -> Party:
    other = _citizen(rng, 100_000 + i)
    return Party(other.full_name, other.id_number, other.phone)


def fill(
    db: Path, tickets: int = 300, dossier_count: int = 250, seed: int = 1, progress: Progress | None = None
) -> None:
    rng = random.Random(seed)
    engine = open_database(db)
    report = progress or (lambda _what, _done, _total: None)
    with session_scope(engine) as s:
        admin_row = staff.create_first_admin(s, UNIT, "admin", "Trần Thị Quản Trị", PASSWORDS["admin"])
        settings.save(
            s,
            settings.DeviceSettings(
                unit_code=UNIT, counter_no=1, counter_name="Quầy 1", service_groups=["A", "B", "C", "D"]
            ),
        )
    admin = Actor(admin_row.id, Role.ADMIN, UNIT, 1, admin_row.full_name)
    with session_scope(engine) as s:
        for code, name in (
            ("A", "Hộ tịch – Chứng thực"),
            ("B", "Đất đai – Xây dựng"),
            ("C", "Hộ kinh doanh"),
            ("D", "Bảo trợ xã hội – Khác"),
        ):
            queue.ensure_group(s, admin, code, name, code)
        made = {
            user: staff.create_staff(s, admin, user, name, role, PASSWORDS[user])
            for user, name, role in (
                ("canbo1", "Nguyễn Văn Một", Role.OFFICER),
                ("canbo2", "Lê Thị Hai", Role.OFFICER),
                ("tnv1", "Phạm Thanh Niên", Role.VOLUNTEER),
            )
        }
    # counters 1 and 2 are the two officers, counter 3 the admin helping out at the busy hours
    officers = [
        Actor(made["canbo1"].id, Role.OFFICER, UNIT, 1, made["canbo1"].full_name),
        Actor(made["canbo2"].id, Role.OFFICER, UNIT, 2, made["canbo2"].full_name),
        Actor(admin.staff_id, Role.OFFICER, UNIT, 3, admin.name),
    ]
    _tickets(engine, officers, rng, tickets, report)
    _dossiers(engine, officers, rng, dossier_count, report)
    engine.dispose()


# Opening hours of a ward's service centre: 07:30–11:30 and 13:00–17:00, Monday to Friday (and the make-up
# Saturdays of the working calendar); nobody is served over lunch.
MORNING = (time(7, 30), time(11, 30))
AFTERNOON = (time(13, 0), time(17, 0))
# A ward's real mix: certifications and civil status most days, land and business less, social support a few.
FIELD_WEIGHTS = {
    "Chứng thực": 40,
    "Hộ tịch": 30,
    "Đất đai": 9,
    "Hộ kinh doanh": 8,
    "Bảo trợ xã hội": 6,
    "Xây dựng": 3,
    "Người có công": 2,
}
GROUP_WEIGHTS = "AAAAABBCD"  # civil status and certification draw the longest queue
WAITING_NOW = 14  # tickets still waiting when the demo is made: the last half hour's arrivals


def _open_minutes(day: date) -> list[datetime]:
    """Every minute the counters are open on `day`, as aware datetimes (Vietnam time)."""
    minutes = []
    for start, end in (MORNING, AFTERNOON):
        moment = datetime.combine(day, start, VN_TZ)
        while moment.time() < end:
            minutes.append(moment)
            moment += timedelta(minutes=1)
    return minutes


def _service_day(now: datetime) -> tuple[date, datetime]:
    """The day the demo's served tickets belong to and the moment they stop: today up to half an hour
    ago while the centre is open, else the last full working day."""
    local = now.astimezone(VN_TZ)
    if is_working_day(local.date()) and local.time() >= time(8, 30):
        return local.date(), local - timedelta(minutes=30)
    day = local.date() - timedelta(days=1)
    while not is_working_day(day):
        day -= timedelta(days=1)
    return day, datetime.combine(day, AFTERNOON[1], VN_TZ)


def _tickets(engine: Engine, officers: list[Actor], rng: random.Random, count: int, report: Progress) -> None:
    kiosk = Actor(None, Role.VOLUNTEER, UNIT, 0)
    now = datetime.now(UTC)
    day, until = _service_day(now)
    open_minutes = [m for m in _open_minutes(day) if m < until]
    served = max(0, count - WAITING_NOW)
    arrivals = sorted(rng.choice(open_minutes) for _ in range(served)) if open_minutes else []
    # the last half hour's arrivals wait now (issued before "now", so no wait runs backwards)
    arrivals += sorted(now - timedelta(minutes=rng.uniform(1, 30)) for _ in range(count - served))
    counter_free = {o.counter_no: arrivals[0] if arrivals else now for o in officers}
    for i, moment in enumerate(arrivals):
        with session_scope(engine) as s:
            reason = rng.choice([None] * 10 + ["elderly", "pregnant", "disabled", "child"])
            ticket = queue.issue_ticket(s, kiosk, rng.choice(GROUP_WEIGHTS), reason, now=moment)
            if i < served:
                officer = min(officers, key=lambda o: counter_free[o.counter_no])
                called = max(moment + timedelta(minutes=rng.uniform(2, 6)), counter_free[officer.counter_no])
                if called.astimezone(VN_TZ).time() >= MORNING[1] and moment.astimezone(VN_TZ).time() < MORNING[1]:
                    called = datetime.combine(day, AFTERNOON[0], VN_TZ)  # left over at lunch: first after it
                queue.call_ticket(s, officer, ticket.id, now=called)
                if rng.random() < 0.05:
                    queue.skip(s, officer, ticket.id, now=called + timedelta(minutes=2))
                    counter_free[officer.counter_no] = called + timedelta(minutes=2)
                else:
                    started = called + timedelta(minutes=rng.uniform(0.5, 2))
                    finished = started + timedelta(minutes=rng.triangular(3, 25, 8))
                    queue.start(s, officer, ticket.id, now=started)
                    queue.finish(s, officer, ticket.id, now=finished)
                    counter_free[officer.counter_no] = finished
        if i % 25 == 0:
            report("phiếu", i, count)


def _weighted_procedures(rng: random.Random) -> list[Procedure]:
    procedures = list(default_catalog().procedures)
    weights = [FIELD_WEIGHTS.get(p.field, 1) / sum(q.field == p.field for q in procedures) for p in procedures]
    return rng.choices(procedures, weights=weights, k=1)


def _received_at(rng: random.Random, now: datetime) -> datetime:
    """A moment in opening hours within the last six weeks, more of them recent; never in the future."""
    while True:
        day = (now.astimezone(VN_TZ) - timedelta(days=int(rng.triangular(0, 42, 0)))).date()
        if not is_working_day(day):
            continue
        moment = rng.choice(_open_minutes(day))
        if moment < now:
            return moment


def _progress(s: Session, officer: Actor, d: Dossier, proc: Procedure, rng: random.Random, now: datetime) -> None:
    """Move a dossier as far as a real one of its age would be: most late ones are long returned, a few run over."""
    received = d.received_at if d.received_at.tzinfo else d.received_at.replace(tzinfo=UTC)
    due = d.due_date
    if due is None:
        return
    local_today = now.astimezone(VN_TZ).date()
    roll = rng.random()
    if proc.same_day:
        if (roll < 0.9 and received.astimezone(VN_TZ).date() < local_today) or roll < 0.5:
            done = received + timedelta(minutes=rng.randint(20, 90))
            dossiers.transition(s, officer, d.id, S.DA_XU_LY_XONG, now=min(done, now))
            dossiers.return_result(s, officer, d.id, now=min(done + timedelta(minutes=5), now))
        return
    started = received + timedelta(hours=rng.uniform(1, 20))
    if started >= now:
        return
    dossiers.transition(s, officer, d.id, S.DANG_XU_LY, now=started)
    past_due = due < local_today
    if past_due and roll < 0.06:
        return  # running late: the list shows it in red
    if proc.code in dossiers.FINANCIAL_OBLIGATION and roll < 0.7:
        asked = min(started + timedelta(days=2), now)
        dossiers.transition(s, officer, d.id, S.YEU_CAU_NGHIA_VU_TAI_CHINH, "Nộp lệ phí trước bạ, thuế TNCN", now=asked)
        if not past_due:
            return
    if not past_due and roll < 0.75:
        return  # still being processed
    finished = datetime.combine(due, time(9), VN_TZ) - timedelta(days=rng.randint(0, 2))
    finished = min(max(finished, started + timedelta(hours=2)), now)
    dossiers.transition(s, officer, d.id, S.DA_XU_LY_XONG, now=finished)
    if past_due and roll < 0.93:
        collected = min(finished + timedelta(days=rng.randint(0, 3), hours=2), now)
        dossiers.return_result(s, officer, d.id, now=collected)


def _dossiers(engine: Engine, officers: list[Actor], rng: random.Random, count: int, report: Progress) -> None:
    now = datetime.now(UTC)
    for i in range(count):
        proc = _weighted_procedures(rng)[0]
        officer = officers[i % 3]
        papers = [p.name for p in proc.papers if p.required or rng.random() < 0.5]
        when = _received_at(rng, now)
        missing = rng.random() < 0.04 and len(papers) > 1
        data = dossiers.IntakeInput(
            proc.code,
            citizen=_citizen(rng, i),
            papers_received=papers[1:] if missing else papers,
            fee_amount=proc.fee_vnd or 0,
            fee_paid=True,
            consent_notice_version="2026-01",
            request_supplement=missing,
            supplement_guidance="Bổ sung bản chính để đối chiếu" if missing else None,
            co_applicant=_second_party(rng, i) if needs_two_applicants(proc) else None,
        )
        with session_scope(engine) as s:
            d = dossiers.receive_dossier(s, officer, data, now=when)
            if not missing:
                _progress(s, officer, d, proc, rng, now)
            if i % 10 == 0:
                volunteer = Actor(None, Role.VOLUNTEER, UNIT, None)
                assisted.record_assisted_filing(
                    s,
                    volunteer,
                    proc.code,
                    "filed_online" if proc.online != "none" else "handed_to_counter",
                    portal_code=f"G22.99-{i:06d}",
                    ticket_group="A",
                )
        if i % 25 == 0:
            report("hồ sơ", i, count)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Tạo dữ liệu mẫu cho một ngày làm việc")
    parser.add_argument("--db", type=Path, default=default_paths().ensure().database)
    parser.add_argument("--tickets", type=int, default=300)
    parser.add_argument("--dossiers", type=int, default=250)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    if args.db.exists():
        print(f"{args.db} đã có dữ liệu; chọn tệp khác (--db) để tạo dữ liệu mẫu.")
        return 2
    fill(
        args.db,
        args.tickets,
        args.dossiers,
        args.seed,
        lambda what, done, total: print(f"  {what}: {done}/{total}", flush=True),
    )
    print(f"Xong: {args.db}")
    for user, password in PASSWORDS.items():
        print(f"  tài khoản mẫu {user} / {password}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
