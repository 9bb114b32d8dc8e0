"""Time helpers. Timestamps are aware UTC in code (stored as UTC); people see Vietnam time.

Vietnam has one zone, UTC+7, and no daylight saving, so a fixed offset is exact.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

VN_TZ = timezone(timedelta(hours=7), "ICT")


def utc_now() -> datetime:
    return datetime.now(UTC)


def to_local(moment: datetime) -> datetime:
    """Any timestamp as Vietnam local time; a naive one is taken as UTC."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(VN_TZ)


def local_today(now: datetime | None = None) -> date:
    return to_local(now or utc_now()).date()
