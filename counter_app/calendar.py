"""Working days for deadlines: weekends, days off and make-up working days.

One dated table decides: resources/working_calendar.json lists, for the years it covers, every day
off and every Saturday worked in exchange, each with its legal basis. The `holidays` package is only
a cross-check (tests/test_calendar.py fails where the two disagree on a day the table does not
settle); for a year the table does not cover yet it gives a provisional answer, minus the days the
table says are not days off (24 November: Vietnam Culture Day is a policy awaiting a Labour Code
amendment, not law).

On top of the table come entries added in the app (`calendar_entries`): the city's, published to
every ward, and the ward's own, which win over the city's for the same day.

Receipt rule: processing time counts from the working day after receipt. A receipt on a day off
counts as made on the next working day; so does one at or after a procedure's afternoon cutoff,
for the procedures that have one (`Procedure.cutoff`, e.g. 15:00 for same-day authentication).
A same-day procedure (0 days) is due on its receipt day.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from functools import cache
from typing import TYPE_CHECKING, Literal

from counter_app.clock import to_local
from counter_app.config import resources_dir

if TYPE_CHECKING:
    import holidays

DayKind = Literal["day_off", "working_day"]
DAY_OFF: DayKind = "day_off"
WORKING_DAY: DayKind = "working_day"
# Where an entry comes from, lowest precedence first: the shipped table, the city, the ward.
Origin = Literal["table", "city", "ward"]
_PRECEDENCE: dict[str, int] = {"table": 0, "city": 1, "ward": 2}


@dataclass(frozen=True)
class DayEntry:
    day: date
    kind: DayKind
    name: str
    basis: str
    origin: Origin = "table"
    confirmed: bool = True


@dataclass(frozen=True)
class Table:
    version: str
    years: frozenset[int]
    entries: tuple[DayEntry, ...]
    not_days_off: frozenset[tuple[int, int]]  # (month, day) the package lists but the law does not (yet)


@cache
def shipped_table() -> Table:
    data = json.loads((resources_dir() / "working_calendar.json").read_text(encoding="utf-8"))
    entries = tuple(
        DayEntry(date.fromisoformat(e["date"]), e["kind"], e["name"], e["basis"], "table", bool(e["confirmed"]))
        for e in data["entries"]
    )
    skip = frozenset(tuple(int(x) for x in e["month_day"].split("-")) for e in data.get("not_days_off", []))
    return Table(data["version"], frozenset(data["years"]), entries, skip)  # type: ignore[arg-type]


@cache
def package_holidays(year: int) -> holidays.HolidayBase:
    """The `holidays` package's days off for Vietnam: a cross-check, and provisional beyond the table."""
    import holidays  # 0.5 s and ~15 MB of imports: paid at the first deadline, not at every start

    return holidays.country_holidays("VN", years=year, language="vi")


@dataclass(frozen=True)
class WorkingCalendar:
    """The table plus the city's and the ward's entries; the entry of highest precedence wins a day."""

    extra: tuple[DayEntry, ...] = ()
    table: Table = field(default_factory=shipped_table)
    entries: dict[date, DayEntry] = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "entries", _merge(self.table.entries, self.extra))

    def entry(self, day: date) -> DayEntry | None:
        return self.entries.get(day)

    def provisional(self, day: date) -> bool:
        """True for a day of a year the table does not cover: the package's answer, to be confirmed."""
        return day.year not in self.table.years and day not in self.entries

    def is_working_day(self, day: date) -> bool:
        entry = self.entry(day)
        if entry is not None:
            return entry.kind == WORKING_DAY
        if day.weekday() >= 5:
            return False
        if day.year in self.table.years or (day.month, day.day) in self.table.not_days_off:
            return True
        return day not in package_holidays(day.year)

    def holiday_name(self, day: date) -> str | None:
        entry = self.entry(day)
        if entry is not None:
            return entry.name if entry.kind == DAY_OFF else None
        if day.year in self.table.years or (day.month, day.day) in self.table.not_days_off:
            return None
        name = package_holidays(day.year).get(day)
        return str(name) if name else None


def _merge(*groups: Iterable[DayEntry]) -> dict[date, DayEntry]:
    merged: dict[date, DayEntry] = {}
    for entry in (e for g in groups for e in g):
        held = merged.get(entry.day)
        if held is None or _PRECEDENCE[entry.origin] >= _PRECEDENCE[held.origin]:
            merged[entry.day] = entry
    return merged


@cache
def default_calendar() -> WorkingCalendar:
    """The shipped table alone (no entries added in the app)."""
    return WorkingCalendar()


def _cal(cal: WorkingCalendar | None) -> WorkingCalendar:
    return cal if cal is not None else default_calendar()


def holiday_name(day: date, cal: WorkingCalendar | None = None) -> str | None:
    """The Vietnamese name of the day off on `day`, if it is one."""
    return _cal(cal).holiday_name(day)


def is_working_day(day: date, cal: WorkingCalendar | None = None) -> bool:
    return _cal(cal).is_working_day(day)


def next_working_day(day: date, cal: WorkingCalendar | None = None) -> date:
    """The first working day strictly after `day`."""
    c = _cal(cal)
    day += timedelta(days=1)
    while not c.is_working_day(day):
        day += timedelta(days=1)
    return day


def add_working_days(start: date, n: int, cal: WorkingCalendar | None = None) -> date:
    """The n-th working day after `start` (n = 0 gives `start` itself)."""
    if n < 0:
        raise ValueError("n must not be negative")
    day = start
    for _ in range(n):
        day = next_working_day(day, cal)
    return day


def working_days_between(a: date, b: date, cal: WorkingCalendar | None = None) -> int:
    """Working days in (a, b]: how many working days pass from `a` to `b`; negative when b < a."""
    if b < a:
        return -working_days_between(b, a, cal)
    c = _cal(cal)
    count, day = 0, a
    while day < b:
        day += timedelta(days=1)
        count += c.is_working_day(day)
    return count


def effective_receipt_day(
    received_at: datetime, cutoff: time | None = None, cal: WorkingCalendar | None = None
) -> date:
    """The working day a receipt counts as: on a day off, or at/after the cutoff if any, the next one."""
    local = to_local(received_at)
    day = local.date()
    if not is_working_day(day, cal) or (cutoff is not None and local.time() >= cutoff):
        return next_working_day(day, cal)
    return day


def due_date(
    received_at: datetime, working_days: int, cutoff: time | None = None, cal: WorkingCalendar | None = None
) -> date:
    """Appointment date for a procedure taking `working_days` (0 = same day)."""
    return add_working_days(effective_receipt_day(received_at, cutoff, cal), working_days, cal)
