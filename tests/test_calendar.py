from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest

from counter_app import calendar
from counter_app.clock import VN_TZ


def vn(y: int, m: int, d: int, hh: int = 9, mm: int = 0) -> datetime:
    return datetime(y, m, d, hh, mm, tzinfo=VN_TZ)


def test_tet_2026_days_are_off_with_vietnamese_names() -> None:
    for day in range(16, 21):
        assert not calendar.is_working_day(date(2026, 2, day))
    assert calendar.holiday_name(date(2026, 2, 17)) == "Tết Âm lịch Bính Ngọ (mùng 1)"
    assert calendar.is_working_day(date(2026, 2, 13)) and calendar.is_working_day(date(2026, 2, 23))


def test_tet_2026_entries_cite_the_ministry_notice_they_were_checked_against() -> None:
    # Thông báo 9441/TB-BNV of 16/10/2025: 16–20 February 2026 off (docs/catalog-sources.md, working days).
    entries = {e.day: e for e in calendar.shipped_table().entries}
    for day in range(16, 21):
        entry = entries[date(2026, 2, day)]
        assert entry.confirmed and "9441/TB-BNV" in entry.basis, day
    # The National Day swap is reported, not read in the notice's text: it stays marked unconfirmed.
    assert not entries[date(2026, 8, 22)].confirmed and "9441/TB-BNV" in entries[date(2026, 8, 22)].basis


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


def test_afternoon_cutoff_only_where_given() -> None:
    three = time(15, 0)
    assert calendar.due_date(vn(2026, 3, 10, 14, 59), 2, three) == date(2026, 3, 12)
    assert calendar.due_date(vn(2026, 3, 10, 15, 0), 2, three) == date(2026, 3, 13)
    assert calendar.due_date(vn(2026, 3, 10, 16, 0), 2, cutoff=time(17, 0)) == date(2026, 3, 12)
    # No cutoff: a multi-day dossier received at 15:30 is not due a day late.
    assert calendar.due_date(vn(2026, 3, 10, 15, 30), 2) == date(2026, 3, 12)


def test_same_day_procedures_and_saturday_receipt() -> None:
    assert calendar.due_date(vn(2026, 3, 10, 10), 0, time(15, 0)) == date(2026, 3, 10)
    assert calendar.due_date(vn(2026, 3, 10, 16), 0, time(15, 0)) == date(2026, 3, 11)
    assert calendar.due_date(vn(2026, 3, 10, 16), 0) == date(2026, 3, 10)
    # Saturday 14/3: counts as received Monday 16/3; 1 working day -> Tuesday 17/3.
    assert calendar.due_date(vn(2026, 3, 14, 9), 1) == date(2026, 3, 17)
    assert calendar.due_date(vn(2026, 3, 14, 9), 0) == date(2026, 3, 16)


def test_utc_timestamps_use_vietnam_time() -> None:
    # 08:30 UTC is 15:30 in Vietnam: after the cutoff.
    received = datetime.fromisoformat("2026-03-10T08:30:00+00:00")
    assert calendar.effective_receipt_day(received, time(15, 0)) == date(2026, 3, 11)


def test_national_day_2026_and_make_up_saturday() -> None:
    assert not calendar.is_working_day(date(2026, 8, 31))
    assert not calendar.is_working_day(date(2026, 9, 2))
    assert calendar.is_working_day(date(2026, 8, 22))  # Saturday worked in exchange
    assert calendar.add_working_days(date(2026, 8, 28), 1) == date(2026, 9, 3)


def test_negative_days_rejected() -> None:
    with pytest.raises(ValueError):
        calendar.add_working_days(date(2026, 1, 5), -1)


def test_new_year_2026_swap_2_january_off_10_january_worked() -> None:
    assert not calendar.is_working_day(date(2026, 1, 2))  # Friday, off (Công văn 12729/VPCP-KGVX)
    assert calendar.is_working_day(date(2026, 1, 10))  # Saturday, worked in exchange
    assert "12729/VPCP-KGVX" in (calendar.default_calendar().entry(date(2026, 1, 10)) or _none()).basis
    # Received Wednesday 31/12/2025; 2 working days: Monday 5/1, Tuesday 6/1 (1–4 January off).
    assert calendar.due_date(vn(2025, 12, 31), 2) == date(2026, 1, 6)
    # Received Friday 9/1; 1 working day: Saturday 10/1 is worked.
    assert calendar.due_date(vn(2026, 1, 9), 1) == date(2026, 1, 10)


def test_2025_make_up_saturday_26_april_and_2_may_off() -> None:
    assert calendar.is_working_day(date(2025, 4, 26))
    assert not calendar.is_working_day(date(2025, 5, 2))
    assert calendar.add_working_days(date(2025, 4, 29), 1) == date(2025, 5, 5)


def test_culture_day_24_november_is_a_working_day() -> None:
    assert calendar.is_working_day(date(2026, 11, 24))
    assert calendar.holiday_name(date(2026, 11, 24)) is None
    # Beyond the table's years the package answers provisionally, but never with 24/11.
    assert calendar.is_working_day(date(2027, 11, 24))
    assert calendar.default_calendar().provisional(date(2027, 11, 24))
    assert not calendar.default_calendar().provisional(date(2026, 11, 24))


def test_every_table_entry_has_a_basis_and_unconfirmed_ones_say_so() -> None:
    table = calendar.shipped_table()
    assert table.years == {2025, 2026} and table.version
    for e in table.entries:
        assert e.basis and e.name, e.day
        assert e.kind in ("day_off", "working_day")
        # A working-day entry is a weekend worked or a weekday the package wrongly gives off.
        if e.kind == "working_day":
            assert e.day.weekday() >= 5 or e.day in calendar.package_holidays(e.day.year), e.day
        if not e.confirmed:
            assert "chưa đối chiếu" in e.basis, e.day
    assert len({e.day for e in table.entries}) == len(table.entries)


@pytest.mark.parametrize("year", [2025, 2026])
def test_holidays_package_agrees_where_the_table_does_not_settle(year: int) -> None:
    """The cross-check: every day of the year on which the package and the table disagree must be
    one the table names (so someone looked at it); otherwise one of them is wrong."""
    table = calendar.default_calendar()
    package = calendar.package_holidays(year)
    day, unsettled = date(year, 1, 1), []
    while day.year == year:
        by_package = day.weekday() < 5 and day not in package
        if by_package != table.is_working_day(day) and table.entry(day) is None:
            unsettled.append(day)
        day += timedelta(days=1)
    assert unsettled == []


def test_cross_check_catches_a_disagreement() -> None:
    """Without the 24/11 entry the package would disagree on a day the table does not settle."""
    shipped = calendar.shipped_table()
    stripped = calendar.Table(
        shipped.version, shipped.years, tuple(e for e in shipped.entries if e.day != date(2026, 11, 24)), frozenset()
    )
    cal = calendar.WorkingCalendar(table=stripped)
    day = date(2026, 11, 24)
    assert cal.entry(day) is None and cal.is_working_day(day)
    assert day in calendar.package_holidays(2026)  # the package says off: the check above would fail


def _none() -> calendar.DayEntry:
    raise AssertionError("no entry")
