"""Staff accounts: Argon2id passwords, lockout after repeated failures, roles, idle sign-out.

There is no default password anywhere: the first admin is created at first run with a password
the IT person chooses. Every sign-in attempt is audited; a failure's message never says whether
the user name exists.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from counter_app import audit, outbox
from counter_app.access import Actor, Perm, Role, require, require_unit
from counter_app.clock import utc_now
from counter_app.db import session_scope
from counter_app.errors import CounterError, ValidationError
from counter_app.i18n import QT_TRANSLATE_NOOP
from counter_app.ids import new_id
from counter_app.models import Staff
from counter_app.passwords import PasswordCheck, hasher, verify
from counter_app.text import tidy

MAX_FAILURES = 5
LOCKOUT = timedelta(minutes=15)
MIN_PASSWORD = 10
BAD_LOGIN = QT_TRANSLATE_NOOP("core", "Tên đăng nhập hoặc mật khẩu không đúng.")
LOCKED = QT_TRANSLATE_NOOP("core", "Tài khoản đang tạm khóa do nhập sai nhiều lần; thử lại sau {minutes} phút.")


class SignInError(CounterError):
    pass


def check_password_policy(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise ValidationError(
            QT_TRANSLATE_NOOP("core", "Mật khẩu phải có ít nhất {n} ký tự."), "password", n=MIN_PASSWORD
        )
    if password.isdigit() or password.isalpha():
        raise ValidationError(QT_TRANSLATE_NOOP("core", "Mật khẩu cần có cả chữ và số (hoặc ký tự khác)."), "password")


def _username(value: str) -> str:
    name = value.strip().lower()
    if not (3 <= len(name) <= 40) or not all(ch.isalnum() or ch in "._-" for ch in name):
        raise ValidationError(
            QT_TRANSLATE_NOOP("core", "Tên đăng nhập gồm 3–40 chữ cái, chữ số hoặc . _ -"), "username"
        )
    return name


def _new(session: Session, unit_code: str, username: str, full_name: str, role: Role, password: str) -> Staff:
    check_password_policy(password)
    name = _username(username)
    if session.exec(select(Staff).where(Staff.username == name)).first() is not None:
        raise ValidationError(QT_TRANSLATE_NOOP("core", "Tên đăng nhập đã có người dùng."), "username")
    if not tidy(full_name):
        raise ValidationError(QT_TRANSLATE_NOOP("core", "Chưa nhập họ tên cán bộ."), "full_name")
    staff = Staff(
        id=new_id(),
        unit_code=unit_code,
        username=name,
        full_name=tidy(full_name),
        role=role.value,
        password_hash=hasher.hash(password),
    )
    outbox.save(session, staff)
    return staff


def has_admin(session: Session) -> bool:
    query = select(Staff.id).where(Staff.role == Role.ADMIN.value, col(Staff.active).is_(True))
    return session.exec(query).first() is not None


def create_first_admin(session: Session, unit_code: str, username: str, full_name: str, password: str) -> Staff:
    """Only at first run: refused once any admin exists."""
    if has_admin(session):
        raise CounterError(QT_TRANSLATE_NOOP("core", "Đã có tài khoản quản trị; hãy đăng nhập bằng tài khoản đó."))
    staff = _new(session, unit_code, username, full_name, Role.ADMIN, password)
    audit.record(session, None, "staff.create_first_admin", "staff", staff.id, unit_code=unit_code)
    return staff


def create_staff(session: Session, actor: Actor, username: str, full_name: str, role: Role, password: str) -> Staff:
    require(actor, Perm.STAFF_ADMIN)
    staff = _new(session, actor.unit_code, username, full_name, role, password)
    staff.must_change_password = True
    audit.record(session, actor, "staff.create", "staff", staff.id, {"role": role.value})
    return staff


@dataclass(frozen=True)
class SignInResult:
    actor: Actor | None
    error: SignInError | None = None


def attempt_sign_in(
    session: Session,
    username: str,
    password: str,
    counter_no: int | None,
    now: datetime | None = None,
    checked: PasswordCheck | None = None,
) -> SignInResult:
    """Check the credentials and record the attempt; a failure is returned, not raised, so its
    audit entry and failure count commit with the caller's transaction. `checked`: Argon2's answer for this
    password, found ahead (`passwords.check_ahead`); used only when it was for the hash the account has now."""
    moment = now or utc_now()
    staff = session.exec(select(Staff).where(Staff.username == username.strip().lower())).first()
    if staff is None or not staff.active:
        audit.record(session, None, "sign_in.failure", detail={"reason": "unknown_or_inactive"}, unit_code="")
        return SignInResult(None, SignInError(BAD_LOGIN))
    if staff.locked_until is not None and staff.locked_until > moment:
        minutes = int((staff.locked_until - moment).total_seconds() // 60) + 1
        audit.record(session, None, "sign_in.failure", "staff", staff.id, {"reason": "locked"}, staff.unit_code)
        return SignInResult(None, SignInError(LOCKED, minutes=minutes))
    if checked is not None and checked.answers(staff.password_hash, password):
        ok = checked.ok
    else:
        ok = verify(staff.password_hash, password)
    if not ok:
        _failed(session, staff, moment)
        return SignInResult(None, SignInError(BAD_LOGIN))
    if hasher.check_needs_rehash(staff.password_hash):
        staff.password_hash = hasher.hash(password)
    staff.failed_attempts, staff.locked_until = 0, None
    outbox.save(session, staff)
    actor = Actor(staff.id, Role(staff.role), staff.unit_code, counter_no, staff.full_name)
    audit.record(session, actor, "sign_in.success", "staff", staff.id)
    return SignInResult(actor)


def sign_in(
    engine: Engine,
    username: str,
    password: str,
    counter_no: int | None,
    now: datetime | None = None,
    checked: PasswordCheck | None = None,
) -> Actor:
    """Sign in (one transaction that always commits the attempt); SignInError when refused."""
    with session_scope(engine) as session:
        result = attempt_sign_in(session, username, password, counter_no, now, checked)
    if result.actor is None:
        raise result.error or SignInError(BAD_LOGIN)
    return result.actor


def _failed(session: Session, staff: Staff, moment: datetime) -> None:
    staff.failed_attempts += 1
    if staff.failed_attempts >= MAX_FAILURES:
        staff.locked_until, staff.failed_attempts = moment + LOCKOUT, 0
    outbox.save(session, staff)
    audit.record(session, None, "sign_in.failure", "staff", staff.id, {"reason": "password"}, staff.unit_code)


def _target(session: Session, actor: Actor, staff_id: str) -> Staff:
    require(actor, Perm.STAFF_ADMIN)
    staff = session.get(Staff, staff_id)
    if staff is None:
        raise ValidationError(QT_TRANSLATE_NOOP("core", "Không tìm thấy tài khoản."), "staff_id")
    require_unit(actor, staff.unit_code)
    return staff


def reset_password(session: Session, actor: Actor, staff_id: str, new_password: str) -> Staff:
    """An admin sets a temporary password; the person must change it at the next sign-in."""
    staff = _target(session, actor, staff_id)
    check_password_policy(new_password)
    staff.password_hash, staff.must_change_password = hasher.hash(new_password), True
    staff.failed_attempts, staff.locked_until = 0, None
    outbox.save(session, staff)
    audit.record(session, actor, "staff.reset_password", "staff", staff.id)
    return staff


def change_password(session: Session, actor: Actor, old_password: str, new_password: str) -> None:
    staff = session.get(Staff, actor.staff_id) if actor.staff_id else None
    if staff is None:
        raise ValidationError(QT_TRANSLATE_NOOP("core", "Không tìm thấy tài khoản."), "staff_id")
    if not verify(staff.password_hash, old_password):
        raise ValidationError(QT_TRANSLATE_NOOP("core", "Mật khẩu hiện tại không đúng."), "old_password")
    check_password_policy(new_password)
    if new_password == old_password:
        raise ValidationError(QT_TRANSLATE_NOOP("core", "Mật khẩu mới phải khác mật khẩu cũ."), "password")
    staff.password_hash, staff.must_change_password = hasher.hash(new_password), False
    outbox.save(session, staff)
    audit.record(session, actor, "staff.change_password", "staff", staff.id)


def deactivate(session: Session, actor: Actor, staff_id: str) -> Staff:
    staff = _target(session, actor, staff_id)
    if staff.id == actor.staff_id:
        raise ValidationError(QT_TRANSLATE_NOOP("core", "Không thể tự khóa tài khoản đang đăng nhập."), "staff_id")
    staff.active = False
    outbox.save(session, staff)
    audit.record(session, actor, "staff.deactivate", "staff", staff.id)
    return staff


def list_staff(session: Session, actor: Actor) -> list[Staff]:
    require(actor, Perm.STAFF_ADMIN)
    query = select(Staff).where(Staff.unit_code == actor.unit_code).order_by(col(Staff.username))
    return list(session.exec(query).all())


def needs_password_change(session: Session, actor: Actor) -> bool:
    staff = session.get(Staff, actor.staff_id) if actor.staff_id else None
    return bool(staff and staff.must_change_password)


def is_idle(last_activity: datetime, now: datetime, minutes: int) -> bool:
    """True when the signed-in person has been idle long enough to be signed out (0 = never)."""
    return minutes > 0 and now - last_activity >= timedelta(minutes=minutes)
