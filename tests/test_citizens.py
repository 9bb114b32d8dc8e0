from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import select

from counter_app import citizens
from counter_app.db import session_scope
from counter_app.errors import PermissionDenied, ValidationError
from counter_app.models import AuditEntry, Citizen
from tests.factories import OFFICER, OTHER_WARD, VOLUNTEER


def test_upsert_validates_and_matches_by_id_number(engine: Engine) -> None:
    data = citizens.CitizenInput(
        full_name=" trần   thị  hồng ",
        id_number="079 301 004 567",
        phone="+84 903 123 456",
        birth_date=date(2001, 2, 3),
        address_unit_code="27460",
    )
    with session_scope(engine) as s:
        first = citizens.upsert_citizen(s, OFFICER, data)
    assert (first.full_name, first.id_number, first.phone) == ("Trần Thị Hồng", "079301004567", "0903123456")
    data.phone = "0987654321"
    with session_scope(engine) as s:
        again = citizens.upsert_citizen(s, OFFICER, data)
        assert again.id == first.id and again.phone == "0987654321"
        assert len(s.exec(select(Citizen)).all()) == 1
        found = citizens.find_by_id_number(s, OFFICER, "079301004567")
        assert found is not None and found.id == first.id
        citizens.get_citizen(s, OFFICER, first.id)
        assert s.exec(select(AuditEntry.action)).all() == ["citizen.create", "citizen.update", "citizen.view"]


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"full_name": ""}, "full_name"),
        ({"id_number": "12345"}, "id_number"),
        ({"birth_date": date(1990, 1, 1)}, "id_number"),
        ({"phone": "12345"}, "phone"),
        ({"address_unit_code": "00000"}, "unit_code"),
        ({"birth_date": date(2999, 1, 1)}, "birth_date"),
    ],
)
def test_rejections_name_the_field(engine: Engine, changes: dict[str, object], field: str) -> None:
    base = {"full_name": "Lê Văn Tám", "id_number": "079201004567", "birth_date": date(2001, 1, 1)}
    data = citizens.CitizenInput(**{**base, **changes})  # type: ignore[arg-type]
    with session_scope(engine) as s, pytest.raises(ValidationError) as err:
        citizens.upsert_citizen(s, OFFICER, data)
    assert err.value.field == field


def test_volunteer_and_other_ward_cannot_read(engine: Engine) -> None:
    with session_scope(engine) as s:
        c = citizens.upsert_citizen(s, OFFICER, citizens.CitizenInput("Lê Văn Tám", "079201004567"))
    with session_scope(engine) as s:
        with pytest.raises(PermissionDenied):
            citizens.get_citizen(s, VOLUNTEER, c.id)
        with pytest.raises(PermissionDenied):
            citizens.find_by_id_number(s, VOLUNTEER, "079201004567")
        with pytest.raises(PermissionDenied):
            citizens.get_citizen(s, OTHER_WARD, c.id)
        assert citizens.find_by_id_number(s, OTHER_WARD, "079201004567") is None


def test_full_width_id_is_the_same_citizen_and_found_in_ascii(engine: Engine) -> None:
    with session_scope(engine) as s:
        first = citizens.upsert_citizen(s, OFFICER, citizens.CitizenInput("Lê Văn Tám", "079201004567"))
    typed = citizens.CitizenInput("Lê Văn Tám", "０７９２０１００４５６７", phone="０９０３１２３４５６")
    with session_scope(engine) as s:
        again = citizens.upsert_citizen(s, OFFICER, typed)
        assert again.id == first.id and again.id_number == "079201004567" and again.phone == "0903123456"
        assert len(s.exec(select(Citizen)).all()) == 1
        found = citizens.find_by_id_number(s, OFFICER, "079201004567")
        assert found is not None and found.id == first.id


def test_old_cmnd_only_as_a_former_number(engine: Engine) -> None:
    with session_scope(engine) as s, pytest.raises(ValidationError, match="CMND cũ") as err:
        citizens.upsert_citizen(s, OFFICER, citizens.CitizenInput("Lê Văn Tám", "025123456"))
    assert err.value.field == "id_number"
    data = citizens.CitizenInput("Lê Văn Tám", "079201004567", old_id_number="０２５ １２３ ４５６")
    with session_scope(engine) as s:
        person = citizens.upsert_citizen(s, OFFICER, data)
        assert (person.id_number, person.old_id_number) == ("079201004567", "025123456")
        # The former number never identifies the person: looking it up as an ID finds no one.
        with pytest.raises(ValidationError):
            citizens.find_by_id_number(s, OFFICER, "025123456")
