"""Roles are enforced in the core, not by hiding buttons: a volunteer (and a kiosk) cannot read or change
any citizen's data through any public core call. The list below must cover every public function that
takes an actor in these modules (checked), so a new function cannot slip past."""

from __future__ import annotations

import inspect
from collections.abc import Callable
from datetime import date
from types import ModuleType
from typing import Any

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session

from counter_app import audit, backup, citizens, dossiers, forms, privacy, register, retention, search, staff
from counter_app.access import Role
from counter_app.catalog import default_catalog
from counter_app.db import session_scope
from counter_app.errors import PermissionDenied
from tests.factories import KIOSK, OFFICER, VOLUNTEER

CODE = "1.004873"
GUARDED: tuple[ModuleType, ...] = (citizens, dossiers, search, privacy, retention, audit, staff, forms, register)
NOT_GUARDED_BY_DESIGN = {
    "audit.record": "writes the trail for whoever acts, including failed sign-ins",
    "staff.change_password": "a person changes their own password (checked against the old one)",
    "dossiers.preview_deadline": "the due date a procedure would get now: catalog and calendar, no citizen's data",
    "dossiers.preview_fee": "the fee a procedure would get: catalog and the ward's fee table, no citizen's data",
}


def _calls(d: str, c: str) -> dict[str, Callable[[Session, Any], object]]:
    return {
        "citizens.get_citizen": lambda s, a: citizens.get_citizen(s, a, c),
        "citizens.find_by_id_number": lambda s, a: citizens.find_by_id_number(s, a, "079090001234"),
        "citizens.upsert_citizen": lambda s, a: citizens.upsert_citizen(s, a, citizens.CitizenInput("A B"), c),
        "dossiers.receive_dossier": lambda s, a: dossiers.receive_dossier(
            s, a, dossiers.IntakeInput(CODE, citizen_id=c)
        ),
        "dossiers.transition": lambda s, a: dossiers.transition(s, a, d, 4),
        "dossiers.start_processing": lambda s, a: dossiers.start_processing(s, a, d),
        "dossiers.request_supplement": lambda s, a: dossiers.request_supplement(s, a, d, ["x"], "y"),
        "dossiers.complete_supplement": lambda s, a: dossiers.complete_supplement(s, a, d, []),
        "dossiers.refuse": lambda s, a: dossiers.refuse(s, a, d, "x"),
        "dossiers.apologise_new_date": lambda s, a: dossiers.apologise_new_date(s, a, d, "x", date(2030, 1, 1)),
        "dossiers.request_financial_obligation": lambda s, a: dossiers.request_financial_obligation(s, a, d, "x"),
        "dossiers.withdraw": lambda s, a: dossiers.withdraw(s, a, d, "x"),
        "dossiers.stop": lambda s, a: dossiers.stop(s, a, d, "x"),
        "dossiers.mark_done": lambda s, a: dossiers.mark_done(s, a, d),
        "dossiers.return_result": lambda s, a: dossiers.return_result(s, a, d),
        "dossiers.get_dossier": lambda s, a: dossiers.get_dossier(s, a, d),
        "dossiers.set_official_code": lambda s, a: dossiers.set_official_code(s, a, d, "G22.99-260309-0001"),
        "forms.load": lambda s, a: forms.load(s, a, d),
        "register.build_register": lambda s, a: register.build_register(s, a, date(2026, 3, 9)),
        "dossiers.list_dossiers": lambda s, a: dossiers.list_dossiers(s, a),
        "dossiers.count_dossiers": lambda s, a: dossiers.count_dossiers(s, a),
        "dossiers.overdue": lambda s, a: dossiers.overdue(s, a),
        "dossiers.due_soon": lambda s, a: dossiers.due_soon(s, a),
        "dossiers.count_by_state": lambda s, a: dossiers.count_by_state(s, a),
        "search.search": lambda s, a: search.search(s, a, "nguyen"),
        "privacy.expired_dossiers": lambda s, a: privacy.expired_dossiers(s, a),
        "privacy.delete_citizen_data": lambda s, a: privacy.delete_citizen_data(s, a, c, "citizen_request"),
        "retention.set_retention": lambda s, a: retention.set_retention(s, a, "Chứng thực", 3, "QĐ 1"),
        "retention.withdraw_retention": lambda s, a: retention.withdraw_retention(s, a, "Chứng thực"),
        "audit.query": lambda s, a: audit.query(s, a),
        "staff.create_staff": lambda s, a: staff.create_staff(s, a, "abc", "A B", Role.OFFICER, "Mat-khau-123"),
        "staff.reset_password": lambda s, a: staff.reset_password(s, a, "x", "Mat-khau-123"),
        "staff.deactivate": lambda s, a: staff.deactivate(s, a, "x"),
        "staff.list_staff": lambda s, a: staff.list_staff(s, a),
        "staff.needs_password_change": lambda s, a: None,  # reads only the actor's own flag
    }


def _public_actor_functions() -> set[str]:
    found = set()
    for module in GUARDED:
        for name, fn in inspect.getmembers(module, inspect.isfunction):
            own = fn.__module__ == module.__name__ and not name.startswith("_")
            if own and "actor" in inspect.signature(fn).parameters:
                found.add(f"{module.__name__.split('.')[-1]}.{name}")
    return found


def test_every_public_actor_function_is_in_the_matrix() -> None:
    covered = set(_calls("d", "c")) | set(NOT_GUARDED_BY_DESIGN)
    assert _public_actor_functions() <= covered, _public_actor_functions() - covered


@pytest.mark.parametrize("actor", [VOLUNTEER, KIOSK], ids=["volunteer", "kiosk"])
def test_volunteer_and_kiosk_are_refused_everywhere(engine: Engine, actor: Any) -> None:
    papers = [p.name for p in default_catalog().get(CODE).papers if p.required]
    data = dossiers.IntakeInput(
        CODE, citizen=citizens.CitizenInput("Nguyễn Văn Dũng", "079090001234"), papers_received=papers
    )
    with session_scope(engine) as s:
        d = dossiers.receive_dossier(s, OFFICER, data)
    refused = []
    for name, call in _calls(d.id, d.citizen_id).items():
        if name == "staff.needs_password_change":
            continue
        with session_scope(engine) as s:
            try:
                call(s, actor)
            except PermissionDenied:
                refused.append(name)
    assert sorted(refused) == sorted(n for n in _calls("d", "c") if n != "staff.needs_password_change")


def test_backup_needs_an_admin(engine: Engine, tmp_path: Any) -> None:
    with pytest.raises(PermissionDenied):
        backup.backup_now(engine, tmp_path / "x.sqlite3", tmp_path, VOLUNTEER)
