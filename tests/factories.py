"""Actors and setup shared by the core tests."""

from __future__ import annotations

from counter_app.access import Actor, Role

UNIT = "27460"
ADMIN = Actor(staff_id="staff-admin", role=Role.ADMIN, unit_code=UNIT, counter_no=1, name="Quản trị")
OFFICER = Actor(staff_id="staff-officer-1", role=Role.OFFICER, unit_code=UNIT, counter_no=1, name="Cán bộ 1")
OFFICER2 = Actor(staff_id="staff-officer-2", role=Role.OFFICER, unit_code=UNIT, counter_no=2, name="Cán bộ 2")
KIOSK = Actor(staff_id=None, role=Role.VOLUNTEER, unit_code=UNIT, counter_no=0, name="Quầy lấy số")
VOLUNTEER = Actor(staff_id="staff-volunteer", role=Role.VOLUNTEER, unit_code=UNIT, counter_no=None, name="TNV")
OTHER_WARD = Actor(staff_id="staff-other", role=Role.OFFICER, unit_code="26740", counter_no=1, name="Khác")
