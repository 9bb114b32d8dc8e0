"""Citizens (applicants): validated on the way in, found again by ID number, every view audited."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, select

from counter_app import audit, outbox
from counter_app.access import Actor, Perm, require, require_unit
from counter_app.errors import ValidationError
from counter_app.i18n import QT_TRANSLATE_NOOP
from counter_app.identity import normalize_name, normalize_phone, validate_citizen_id, validate_old_id
from counter_app.ids import new_id
from counter_app.models import Citizen
from counter_app.text import ascii_digits, tidy
from counter_app.units import get_unit


@dataclass
class CitizenInput:
    full_name: str
    id_number: str | None = None
    old_id_number: str | None = None
    phone: str | None = None
    birth_date: date | None = None
    address: str | None = None
    address_unit_code: str | None = None

    def cleaned(self) -> CitizenInput:
        """A validated copy: every field in its stored form, or ValidationError naming the field."""
        if self.birth_date and self.birth_date > date.today():
            raise ValidationError(QT_TRANSLATE_NOOP("core", "Ngày sinh không được ở tương lai."), "birth_date")
        unit = ascii_digits(self.address_unit_code).strip() if self.address_unit_code else None
        if unit:
            get_unit(unit)
        return CitizenInput(
            full_name=normalize_name(self.full_name),
            id_number=validate_citizen_id(self.id_number, self.birth_date) if self.id_number else None,
            old_id_number=validate_old_id(self.old_id_number) if self.old_id_number else None,
            phone=normalize_phone(self.phone) if self.phone else None,
            birth_date=self.birth_date,
            address=tidy(self.address) or None if self.address else None,
            address_unit_code=unit or None,
        )


def find_by_id_number(session: Session, actor: Actor, id_number: str) -> Citizen | None:
    require(actor, Perm.CITIZEN_READ)
    number = validate_citizen_id(id_number)
    query = select(Citizen).where(Citizen.unit_code == actor.unit_code, Citizen.id_number == number)
    return session.exec(query).first()


def get_citizen(session: Session, actor: Actor, citizen_id: str) -> Citizen:
    require(actor, Perm.CITIZEN_READ)
    citizen = session.get(Citizen, citizen_id)
    if citizen is None:
        raise ValidationError(QT_TRANSLATE_NOOP("core", "Không tìm thấy công dân."), "citizen_id")
    require_unit(actor, citizen.unit_code)
    audit.record(session, actor, "citizen.view", "citizen", citizen.id)
    return citizen


def upsert_citizen(session: Session, actor: Actor, data: CitizenInput, citizen_id: str | None = None) -> Citizen:
    """Create the citizen, or update the one with this id (or with the same ID number)."""
    require(actor, Perm.CITIZEN_WRITE)
    clean = data.cleaned()
    citizen = session.get(Citizen, citizen_id) if citizen_id else None
    if citizen is None and clean.id_number:
        citizen = session.exec(
            select(Citizen).where(Citizen.unit_code == actor.unit_code, Citizen.id_number == clean.id_number)
        ).first()
    created = citizen is None
    if citizen is None:
        citizen = Citizen(id=new_id(), unit_code=actor.unit_code, full_name=clean.full_name)
    require_unit(actor, citizen.unit_code)
    for name, value in vars(clean).items():
        if value is not None or name not in ("id_number", "old_id_number"):
            setattr(citizen, name, value)
    outbox.save(session, citizen)
    audit.record(session, actor, "citizen.create" if created else "citizen.update", "citizen", citizen.id)
    return citizen
