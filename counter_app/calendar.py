"""Working days for deadlines: weekends and Vietnamese public holidays do not count.

Holidays come from the `holidays` package (country VN, with Tết, the Hùng Kings' day and
their substitute days off) plus resources/holidays_extra.json for official decisions the
package lacks (extra days off, Saturdays worked to make up for a bridged day).

Receipt rule: processing time counts from the working day after receipt. A dossier received
after the afternoon cutoff (15:00 by default, configurable: many provinces' one-stop rules
count such dossiers as received the next working day) or on a non-working day is taken as
received on the next working day. A same-day procedure (0 days) is due on its receipt day.
"""

from __future__ import annotations

import json
from datetime import date, datetime, time, timedelta
from functools import cache
from typing import TYPE_CHECKING

from counter_app.clock import to_local
from counter_app.config import resources_dir

if TYPE_CHECKING:
    import holidays

DEFAULT_CUTOFF = time(15, 0)


@cache
def _extras() -> tuple[frozenset[date], frozenset[date]]:
    data = json.loads((resources_dir() / "holidays_extra.json").read_text(encoding="utf-8"))

    def days(key: str) -> frozenset[date]:
        return frozenset(date.fromisoformat(entry["date"]) for entry in data.get(key, []))

    return days("extra_days_off"), days("extra_working_days")


@cache
def _holidays(year: int) -> holidays.HolidayBase:
    import holidays  # 0.5 s of imports (its calendars): paid at the first deadline, not at every start

    return holidays.country_holidays("VN", years=year, language="vi")


def warm_up(year: int) -> None:
    """Load the holiday tables ahead of the first deadline (the app does it after start, off the UI thread)."""
    _holidays(year)


def holiday_name(day: date) -> str | None:
    """The Vietnamese name of the holiday on `day`, if it is one."""
    days_off, _ = _extras()
    if day in days_off:
        return "Ngày nghỉ theo quyết định của Chính phủ"
    name = _holidays(day.year).get(day)
    return str(name) if name else None


def is_working_day(day: date) -> bool:
    days_off, working = _extras()
    if day in working:
        return True
    if day.weekday() >= 5 or day in days_off:
        return False
    return day not in _holidays(day.year)


def next_working_day(day: date) -> date:
    """The first working day strictly after `day`."""
    day += timedelta(days=1)
    while not is_working_day(day):
        day += timedelta(days=1)
    return day


def add_working_days(start: date, n: int) -> date:
    """The n-th working day after `start` (n = 0 gives `start` itself)."""
    if n < 0:
        raise ValueError("n must not be negative")
    day = start
    for _ in range(n):
        day = next_working_day(day)
    return day


def working_days_between(a: date, b: date) -> int:
    """Working days in (a, b]: how many working days pass from `a` to `b`; negative when b < a."""
    if b < a:
        return -working_days_between(b, a)
    count, day = 0, a
    while day < b:
        day += timedelta(days=1)
        count += is_working_day(day)
    return count


def effective_receipt_day(received_at: datetime, cutoff: time = DEFAULT_CUTOFF) -> date:
    """The working day a receipt counts as: after the cutoff or on a day off, the next working day."""
    local = to_local(received_at)
    day = local.date()
    if not is_working_day(day) or local.time() >= cutoff:
        return next_working_day(day)
    return day


def due_date(received_at: datetime, working_days: int, cutoff: time = DEFAULT_CUTOFF) -> date:
    """Appointment date for a procedure taking `working_days` (0 = same day)."""
    return add_working_days(effective_receipt_day(received_at, cutoff), working_days)
