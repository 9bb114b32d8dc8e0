from __future__ import annotations

from datetime import date, datetime, time

import pytest

from counter_app import calendar
from counter_app.clock import VN_TZ


def vn(y: int, m: int, d: int, hh: int = 9, mm: int = 0) -> datetime:
    return datetime(y, m, d, hh, mm, tzinfo=VN_TZ)


def test_tet_2026_days_are_off_with_vietnamese_names() -> None:
    for day in range(16, 21):
        assert not calendar.is_working_day(date(2026, 2, day))
    assert calendar.holiday_name(date(2026, 2, 17)) == "Tết Nguyên Đán"
    assert calendar.is_working_day(date(2026, 2, 13)) and calendar.is_working_day(date(2026, 2, 23))


def test_deadline_across_tet_2026() -> None:
    # Received Friday 13/2 morning; 3 working days: Mon 23, Tue 24, Wed 25 February.
    assert calendar.due_date(vn(2026, 2, 13), 3) == date(2026, 2, 25)
    assert calendar.working_days_between(date(2026, 2, 13), date(2026, 2, 25)) == 3


def test_deadline_across_30_4_and_1_5_2026() -> None:
    # Wed 29/4; Thu 30/4 and Fri 1/5 off, weekend: 2 working days -> Mon 4/5, Tue 5/5.
    assert calendar.due_date(vn(2026, 4, 29), 2) == date(2026, 5, 5)
    # Hùng Kings' day falls on Sunday 26/4/2026: Monday 27/4 is the substitute day off.
    assert not calendar.is_working_day(date(2026, 4, 27))
    assert calendar.due_date(vn(2026, 4, 24), 1) == date(2026, 4, 28)


def test_afternoon_cutoff_counts_from_next_working_day() -> None:
    assert calendar.due_date(vn(2026, 3, 10, 14, 59), 2) == date(2026, 3, 12)
    assert calendar.due_date(vn(2026, 3, 10, 15, 0), 2) == date(2026, 3, 13)
    assert calendar.due_date(vn(2026, 3, 10, 16, 0), 2, cutoff=time(17, 0)) == date(2026, 3, 12)


def test_same_day_procedures_and_saturday_receipt() -> None:
    assert calendar.due_date(vn(2026, 3, 10, 10), 0) == date(2026, 3, 10)
    assert calendar.due_date(vn(2026, 3, 10, 16), 0) == date(2026, 3, 11)
    # Saturday 14/3: counts as received Monday 16/3; 1 working day -> Tuesday 17/3.
    assert calendar.due_date(vn(2026, 3, 14, 9), 1) == date(2026, 3, 17)
    assert calendar.due_date(vn(2026, 3, 14, 9), 0) == date(2026, 3, 16)


def test_utc_timestamps_use_vietnam_time() -> None:
    # 08:30 UTC is 15:30 in Vietnam: after the cutoff.
    received = datetime.fromisoformat("2026-03-10T08:30:00+00:00")
    assert calendar.effective_receipt_day(received) == date(2026, 3, 11)


def test_national_day_2026_and_make_up_saturday() -> None:
    assert not calendar.is_working_day(date(2026, 8, 31))
    assert not calendar.is_working_day(date(2026, 9, 2))
    assert calendar.is_working_day(date(2026, 8, 22))  # Saturday worked in exchange
    assert calendar.add_working_days(date(2026, 8, 28), 1) == date(2026, 9, 3)


def test_negative_days_rejected() -> None:
    with pytest.raises(ValueError):
        calendar.add_working_days(date(2026, 1, 5), -1)
