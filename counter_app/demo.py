"""A realistic day for trying the app: `python -m counter_app.demo [--db PATH] [--tickets 300] [--dossiers 250]`.

Goes through the core services (so codes, deadlines, outbox and audit are all real). Demo staff accounts
get printed passwords: for a demo database only.
"""

from __future__ import annotations

import argparse
import random
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy.engine import Engine

from counter_app import assisted, dossiers, queue, settings, staff
from counter_app.access import Actor, Role
from counter_app.catalog import default_catalog
from counter_app.citizens import CitizenInput
from counter_app.config import default_paths
from counter_app.db import open_database, session_scope

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
        for user, name, role in (
            ("canbo1", "Nguyễn Văn Một", Role.OFFICER),
            ("canbo2", "Lê Thị Hai", Role.OFFICER),
            ("tnv1", "Phạm Thanh Niên", Role.VOLUNTEER),
        ):
            staff.create_staff(s, admin, user, name, role, PASSWORDS[user])
    _tickets(engine, admin, rng, tickets, report)
    _dossiers(engine, admin, rng, dossier_count, report)
    engine.dispose()


def _tickets(engine: Engine, admin: Actor, rng: random.Random, count: int, report: Progress) -> None:
    kiosk = Actor(None, Role.VOLUNTEER, UNIT, 0)
    officers = [Actor(admin.staff_id, Role.OFFICER, UNIT, n, f"Quầy {n}") for n in (1, 2, 3)]
    start = datetime.now(UTC).replace(hour=0, minute=30, second=0, microsecond=0)  # 07:30 in Vietnam
    for i in range(count):
        moment = start + timedelta(minutes=i * 1.5)
        with session_scope(engine) as s:
            reason = rng.choice([None] * 8 + ["elderly", "pregnant"])
            ticket = queue.issue_ticket(s, kiosk, rng.choice("AABBBCD"), reason, now=moment)
            if i < count - 25:  # the last ones are still waiting
                officer = officers[i % 3]
                queue.call_ticket(s, officer, ticket.id, now=moment + timedelta(minutes=rng.randint(3, 40)))
                if rng.random() < 0.08:
                    queue.skip(s, officer, ticket.id)
                else:
                    queue.start(s, officer, ticket.id, now=moment + timedelta(minutes=41))
                    queue.finish(s, officer, ticket.id, now=moment + timedelta(minutes=41 + rng.randint(4, 25)))
        if i % 25 == 0:
            report("phiếu", i, count)


def _dossiers(engine: Engine, admin: Actor, rng: random.Random, count: int, report: Progress) -> None:
    catalog = default_catalog()
    procedures = list(catalog.procedures)
    now = datetime.now(UTC)
    for i in range(count):
        proc = rng.choice(procedures)
        officer = Actor(admin.staff_id, Role.OFFICER, UNIT, 1 + i % 3, "Cán bộ")
        papers = [p.name for p in proc.papers if p.required or rng.random() < 0.5]
        when = now - timedelta(days=rng.randint(0, 40), hours=rng.randint(0, 6))
        data = dossiers.IntakeInput(
            proc.code, citizen=_citizen(rng, i), papers_received=papers, fee_paid=True, consent_notice_version="2026-01"
        )
        with session_scope(engine) as s:
            d = dossiers.receive_dossier(s, officer, data, now=when)
            roll = rng.random()
            if roll < 0.5:
                dossiers.start_processing(s, officer, d.id)
            if roll < 0.3:
                dossiers.mark_done(s, officer, d.id)
            if roll < 0.2:
                dossiers.return_result(s, officer, d.id)
            if roll > 0.9:
                dossiers.request_supplement(s, officer, d.id, [proc.papers[0].name], "Bổ sung bản chính")
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
