from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import select

from counter_app import passwords, staff
from counter_app.access import Role
from counter_app.clock import utc_now
from counter_app.db import session_scope
from counter_app.errors import CounterError, PermissionDenied, ValidationError
from counter_app.models import AuditEntry, Staff
from tests.factories import OFFICER

PW = "Ward-counter-2026"


@pytest.fixture
def admin_engine(engine: Engine) -> Engine:
    with session_scope(engine) as s:
        staff.create_first_admin(s, "27460", "admin", "Quản Trị Viên", PW)
    return engine


def test_first_admin_once_and_argon2id_hash(admin_engine: Engine) -> None:
    with session_scope(admin_engine) as s:
        row = s.exec(select(Staff)).one()
        assert row.password_hash.startswith("$argon2id$") and PW not in row.password_hash
        with pytest.raises(CounterError, match="Đã có tài khoản quản trị"):
            staff.create_first_admin(s, "27460", "admin2", "Khác", PW)


def test_password_policy_messages(engine: Engine) -> None:
    for bad, message in [("short1", "ít nhất 10"), ("onlyletters", "cả chữ và số"), ("1234567890", "cả chữ và số")]:
        with session_scope(engine) as s, pytest.raises(ValidationError, match=message):
            staff.create_first_admin(s, "27460", "admin", "Quản Trị", bad)


def test_sign_in_gives_an_actor_with_the_role(admin_engine: Engine) -> None:
    admin = staff.sign_in(admin_engine, "ADMIN ", PW, counter_no=2)
    with session_scope(admin_engine) as s:
        assert (admin.role, admin.counter_no, admin.unit_code, admin.name) == (Role.ADMIN, 2, "27460", "Quản Trị Viên")
        officer = staff.create_staff(s, admin, "lan.nguyen", "Nguyễn Thị Lan", Role.OFFICER, "Tam-thoi-123")
        assert officer.must_change_password
    who = staff.sign_in(admin_engine, "lan.nguyen", "Tam-thoi-123", 1)
    with session_scope(admin_engine) as s:
        assert who.role == Role.OFFICER and staff.needs_password_change(s, who)
        staff.change_password(s, who, "Tam-thoi-123", "Mat-khau-moi-9")
        assert not staff.needs_password_change(s, who)
        with pytest.raises(PermissionDenied):
            staff.create_staff(s, who, "x.y", "X Y", Role.OFFICER, PW)


def test_failures_lock_the_account_and_every_attempt_is_audited(admin_engine: Engine) -> None:
    now = utc_now()
    for _ in range(staff.MAX_FAILURES):
        with pytest.raises(staff.SignInError, match="không đúng"):
            staff.sign_in(admin_engine, "admin", "wrong-password-1", 1, now=now)
    with pytest.raises(staff.SignInError, match="tạm khóa"):
        staff.sign_in(admin_engine, "admin", PW, 1, now=now + timedelta(minutes=1))
    later = now + staff.LOCKOUT + timedelta(seconds=1)
    assert staff.sign_in(admin_engine, "admin", PW, 1, now=later).role == Role.ADMIN
    with pytest.raises(staff.SignInError) as unknown:
        staff.sign_in(admin_engine, "nobody", PW, 1)
    assert str(unknown.value) == staff.BAD_LOGIN  # the same words as a wrong password
    with session_scope(admin_engine) as s:
        actions = s.exec(select(AuditEntry.action)).all()
    assert actions.count("sign_in.failure") == staff.MAX_FAILURES + 2 and actions.count("sign_in.success") == 1


def test_admin_resets_and_deactivates(admin_engine: Engine) -> None:
    admin = staff.sign_in(admin_engine, "admin", PW, 1)
    with session_scope(admin_engine) as s:
        vol = staff.create_staff(s, admin, "tnv01", "Tình Nguyện Viên", Role.VOLUNTEER, "Tnv-2026-abc")
        staff.reset_password(s, admin, vol.id, "Moi-cap-lai-1")
        assert [u.username for u in staff.list_staff(s, admin)] == ["admin", "tnv01"]
        with pytest.raises(ValidationError, match="tự khóa"):
            staff.deactivate(s, admin, admin.staff_id or "")
        staff.deactivate(s, admin, vol.id)
    with pytest.raises(staff.SignInError):
        staff.sign_in(admin_engine, "tnv01", "Moi-cap-lai-1", None)
    with session_scope(admin_engine) as s, pytest.raises(PermissionDenied):
        staff.reset_password(s, OFFICER, vol.id, "Moi-cap-lai-2")


def test_idle_rule() -> None:
    now = utc_now()
    assert staff.is_idle(now - timedelta(minutes=10), now, 10)
    assert not staff.is_idle(now - timedelta(minutes=9), now, 10)
    assert not staff.is_idle(now - timedelta(days=1), now, 0)


def _actions(engine: Engine) -> list[str]:
    with session_scope(engine) as s:
        return list(s.exec(select(AuditEntry.action).order_by(AuditEntry.seq)).all())


def test_a_password_checked_ahead_reads_the_file_with_sqlite3_alone(admin_engine: Engine, db_path: Path) -> None:
    ahead = passwords.check_ahead(db_path, " Admin", PW)
    assert ahead is not None and ahead.ok and ahead.password_hash.startswith("$argon2id$")
    wrong = passwords.check_ahead(db_path, "admin", "wrong-password-1")
    assert wrong is not None and not wrong.ok
    assert passwords.check_ahead(db_path, "nobody", PW) is None
    assert PW not in repr(ahead)
    with pytest.raises(staff.SignInError):
        staff.sign_in(admin_engine, "admin", "wrong-password-1", 1, checked=wrong)
    assert staff.sign_in(admin_engine, "admin", PW, 1, checked=ahead).role == Role.ADMIN
    assert _actions(admin_engine)[-2:] == ["sign_in.failure", "sign_in.success"]  # audited as always


def test_an_answer_found_ahead_counts_only_for_the_same_password_and_hash(admin_engine: Engine, db_path: Path) -> None:
    ahead = passwords.check_ahead(db_path, "admin", PW)
    assert ahead is not None and ahead.ok
    with pytest.raises(staff.SignInError, match="không đúng"):  # another password typed: checked itself
        staff.sign_in(admin_engine, "admin", "wrong-password-1", 1, checked=ahead)
    admin = staff.sign_in(admin_engine, "admin", PW, 1)
    with session_scope(admin_engine) as s:
        officer = staff.create_staff(s, admin, "lan.nguyen", "Nguyễn Thị Lan", Role.OFFICER, "Tam-thoi-123")
    old = passwords.check_ahead(db_path, "lan.nguyen", "Tam-thoi-123")
    assert old is not None and old.ok
    with session_scope(admin_engine) as s:
        staff.reset_password(s, admin, officer.id, "Moi-cap-lai-1")  # the hash changed since the check
    with pytest.raises(staff.SignInError, match="không đúng"):
        staff.sign_in(admin_engine, "lan.nguyen", "Tam-thoi-123", 1, checked=old)
    assert staff.sign_in(admin_engine, "lan.nguyen", "Moi-cap-lai-1", 1).role == Role.OFFICER


def test_locked_and_disabled_accounts_are_refused_whatever_was_checked_ahead(
    admin_engine: Engine, db_path: Path
) -> None:
    now = utc_now()
    ahead = passwords.check_ahead(db_path, "admin", PW)
    for _ in range(staff.MAX_FAILURES):
        with pytest.raises(staff.SignInError):
            staff.sign_in(admin_engine, "admin", "wrong-password-1", 1, now=now)
    assert passwords.check_ahead(db_path, "admin", PW) is None  # locked: nothing to check ahead
    with pytest.raises(staff.SignInError, match="tạm khóa"):
        staff.sign_in(admin_engine, "admin", PW, 1, now=now + timedelta(minutes=1), checked=ahead)
    admin = staff.sign_in(admin_engine, "admin", PW, 1, now=now + staff.LOCKOUT + timedelta(seconds=1))
    with session_scope(admin_engine) as s:
        vol = staff.create_staff(s, admin, "tnv01", "Tình Nguyện Viên", Role.VOLUNTEER, "Tnv-2026-abc")
    vol_ahead = passwords.check_ahead(db_path, "tnv01", "Tnv-2026-abc")
    with session_scope(admin_engine) as s:
        staff.deactivate(s, admin, vol.id)
    assert passwords.check_ahead(db_path, "tnv01", "Tnv-2026-abc") is None
    with pytest.raises(staff.SignInError, match="không đúng"):
        staff.sign_in(admin_engine, "tnv01", "Tnv-2026-abc", None, checked=vol_ahead)
    assert _actions(admin_engine).count("sign_in.failure") == staff.MAX_FAILURES + 2
