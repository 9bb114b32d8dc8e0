from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.engine import Engine
from sqlmodel import select

from counter_app import dossiers
from counter_app.catalog import default_catalog
from counter_app.citizens import CitizenInput
from counter_app.clock import VN_TZ
from counter_app.db import make_engine, session_scope
from counter_app.dossier_states import DossierState as S
from counter_app.dossier_states import is_allowed
from counter_app.errors import PermissionDenied, StaleStateError, ValidationError
from counter_app.models import AuditEntry, Dossier, DossierEvent, OutboxEntry
from tests.factories import OFFICER, OFFICER2, OTHER_WARD, VOLUNTEER

MONDAY_9AM = datetime(2026, 3, 9, 9, 0, tzinfo=VN_TZ)
CERT = "1.004873"  # xác nhận tình trạng hôn nhân: 3 working days


def applicant(name: str = "nguyễn văn dũng", id_number: str = "079090001234") -> CitizenInput:
    return CitizenInput(full_name=name, id_number=id_number, phone="0912345678", address="12 Hồ Học Lãm")


def required_papers(code: str) -> list[str]:
    return [p.name for p in default_catalog().get(code).papers if p.required]


def receive(engine: Engine, actor=OFFICER, code: str = CERT, when: datetime = MONDAY_9AM, **kw) -> Dossier:  # type: ignore[no-untyped-def]
    data = dossiers.IntakeInput(
        code, citizen=kw.pop("citizen", applicant()), papers_received=required_papers(code), **kw
    )
    with session_scope(engine) as s:
        return dossiers.receive_dossier(s, actor, data, now=when)


def test_intake_writes_everything_in_one_go(engine: Engine) -> None:
    d = receive(engine, consent_notice_version="2026-01")
    assert d.code == "27460-260309-1001"
    assert d.due_date == date(2026, 3, 12) and d.status == S.DUOC_TIEP_NHAN
    with session_scope(engine) as s:
        view = dossiers.get_dossier(s, OFFICER, d.id)
        assert view.citizen.full_name == "Nguyễn Văn Dũng"
        assert {p.name for p in view.papers if p.received} == set(required_papers(CERT))
        assert [(e.from_status, e.to_status, e.action, e.actor_id) for e in view.events] == [
            (None, 2, "receive", OFFICER.staff_id)
        ]
        entities = {e for e in s.exec(select(OutboxEntry.entity)).all()}
        assert {"citizen", "dossier", "dossier_paper", "dossier_event", "audit_entry"} <= entities
        actions = s.exec(select(AuditEntry.action)).all()
        assert "dossier.create" in actions and "dossier.view" in actions


def test_codes_never_collide_between_counters_and_days(engine: Engine, db_path: Path) -> None:
    second = make_engine(db_path)
    try:
        codes = [receive(engine).code, receive(engine).code, receive(second, OFFICER2).code]
        codes.append(receive(engine, when=MONDAY_9AM + timedelta(days=1)).code)
    finally:
        second.dispose()
    assert codes == ["27460-260309-1001", "27460-260309-1002", "27460-260309-2001", "27460-260310-1001"]


def test_missing_paper_blocks_or_becomes_supplement_request(engine: Engine) -> None:
    papers = required_papers(CERT)[:-1]
    data = dossiers.IntakeInput(CERT, citizen=applicant(), papers_received=papers)
    with session_scope(engine) as s, pytest.raises(ValidationError, match="Còn thiếu giấy tờ bắt buộc"):
        dossiers.receive_dossier(s, OFFICER, data, now=MONDAY_9AM)
    with session_scope(engine) as s:
        assert s.exec(select(Dossier)).all() == []  # nothing half-saved
    data.request_supplement, data.supplement_guidance = True, "Mang bản chính đến quầy"
    with session_scope(engine) as s:
        d = dossiers.receive_dossier(s, OFFICER, data, now=MONDAY_9AM)
        assert (d.status, d.due_date) == (S.YEU_CAU_BO_SUNG, None)
        event = s.exec(select(DossierEvent)).one()
        form = json.loads(event.form_data or "{}")
        assert form["form"] == "02" and form["missing_papers"] == [required_papers(CERT)[-1]]
    later = MONDAY_9AM + timedelta(days=2)
    with session_scope(engine) as s:
        done = dossiers.complete_supplement(s, OFFICER, d.id, [required_papers(CERT)[-1]], now=later)
        assert done.status == S.DUOC_TIEP_NHAN and done.due_date == date(2026, 3, 16)


def test_state_machine_with_reasons_and_result(engine: Engine) -> None:
    d = receive(engine)
    with session_scope(engine) as s:
        dossiers.start_processing(s, OFFICER, d.id)
        with pytest.raises(ValidationError, match="lý do"):
            dossiers.stop(s, OFFICER, d.id, " ")
        with pytest.raises(ValidationError, match="Không thể chuyển"):
            dossiers.return_result(s, OFFICER, d.id)
        dossiers.request_supplement(s, OFFICER, d.id, ["Tờ khai"], "Ghi đủ thông tin")
        dossiers.transition(s, OFFICER, d.id, S.DANG_XU_LY, "Đã bổ sung")
        dossiers.mark_done(s, OFFICER, d.id)
        final = dossiers.return_result(s, OFFICER, d.id, "Công dân nhận trực tiếp")
    assert final.status == S.DA_TRA_KET_QUA and final.returned_at is not None
    with session_scope(engine) as s:
        events = dossiers.get_dossier(s, OFFICER, d.id).events
    assert [(e.from_status, e.to_status) for e in events] == [(None, 2), (2, 4), (4, 5), (5, 4), (4, 9), (9, 10)]
    assert all(is_allowed(e.from_status, e.to_status) for e in events if e.from_status)


def test_refusal_and_apology_carry_their_forms(engine: Engine) -> None:
    d1, d2 = receive(engine), receive(engine)
    with session_scope(engine) as s:
        dossiers.refuse(s, OFFICER, d1.id, "Không thuộc thẩm quyền cấp xã")
        late = dossiers.apologise_new_date(s, OFFICER, d2.id, "Chờ xác minh", date(2026, 3, 20))
        assert late.due_date == date(2026, 3, 20) and late.status == S.DUOC_TIEP_NHAN
        with pytest.raises(ValidationError, match="sau ngày hẹn cũ"):
            dossiers.apologise_new_date(s, OFFICER, d2.id, "Lý do", date(2026, 3, 19))
        forms = [json.loads(e.form_data) for e in s.exec(select(DossierEvent)).all() if e.form_data]
    assert {"form": "03", "reason": "Không thuộc thẩm quyền cấp xã"} in forms
    assert any(
        f["form"] == "04" and f["old_due_date"] == "2026-03-12" and f["new_due_date"] == "2026-03-20" for f in forms
    )


def test_stale_view_cannot_overwrite_a_newer_state(engine: Engine) -> None:
    d = receive(engine)
    with session_scope(engine) as s:
        dossiers.start_processing(s, OFFICER2, d.id)
    with session_scope(engine) as s, pytest.raises(StaleStateError):
        dossiers.transition(s, OFFICER, d.id, S.CONG_DAN_RUT_HO_SO, "Rút", expected_state=2)


def test_lists_overdue_and_due_soon(engine: Engine) -> None:
    late = receive(engine, when=MONDAY_9AM - timedelta(days=14))
    soon = receive(engine)
    done = receive(engine, when=MONDAY_9AM - timedelta(days=14))
    with session_scope(engine) as s:
        dossiers.mark_done(s, OFFICER, done.id)
        assert [r.dossier.id for r in dossiers.overdue(s, OFFICER, today=date(2026, 3, 10))] == [late.id]
        assert [r.dossier.id for r in dossiers.due_soon(s, OFFICER, 2, today=date(2026, 3, 10))] == [soon.id]
        rows = dossiers.list_dossiers(s, OFFICER, state=S.DUOC_TIEP_NHAN, date_from=date(2026, 3, 9))
        assert [r.dossier.id for r in rows] == [soon.id] and rows[0].citizen_name == "Nguyễn Văn Dũng"
        assert dossiers.count_by_state(s, OFFICER) == {2: 2, 9: 1}


def test_pages_and_counts_follow_the_same_filters(engine: Engine) -> None:
    ids = [receive(engine, when=MONDAY_9AM + timedelta(minutes=i)).id for i in range(7)]
    late = receive(engine, when=MONDAY_9AM - timedelta(days=14)).id
    with session_scope(engine) as s:
        dossiers.start_processing(s, OFFICER, ids[0])
        pages = [[r.dossier.id for r in dossiers.list_dossiers(s, OFFICER, limit=3, offset=o)] for o in (0, 3, 6)]
        assert pages == [[ids[6], ids[5], ids[4]], [ids[3], ids[2], ids[1]], [ids[0], late]]  # newest first
        assert dossiers.count_dossiers(s, OFFICER) == 8
        accepted = {"state": S.DUOC_TIEP_NHAN}
        assert dossiers.count_dossiers(s, OFFICER, **accepted) == 7
        assert len(dossiers.list_dossiers(s, OFFICER, limit=5, offset=5, **accepted)) == 2
        overdue = {"overdue_on": date(2026, 3, 10), "state": S.DUOC_TIEP_NHAN}
        assert dossiers.count_dossiers(s, OFFICER, **overdue) == 1
        assert [r.dossier.id for r in dossiers.list_dossiers(s, OFFICER, **overdue)] == [late]


def test_returning_citizen_is_not_duplicated(engine: Engine) -> None:
    a = receive(engine)
    b = receive(engine, citizen=applicant("Nguyễn Văn Dũng", "079 090 001 234"))
    assert a.citizen_id == b.citizen_id


def test_volunteer_and_other_ward_are_refused(engine: Engine) -> None:
    d = receive(engine)
    with session_scope(engine) as s:
        for call in (
            lambda: dossiers.get_dossier(s, VOLUNTEER, d.id),
            lambda: dossiers.list_dossiers(s, VOLUNTEER),
            lambda: dossiers.overdue(s, VOLUNTEER),
            lambda: dossiers.start_processing(s, VOLUNTEER, d.id),
            lambda: dossiers.get_dossier(s, OTHER_WARD, d.id),
        ):
            with pytest.raises(PermissionDenied):
                call()
    with session_scope(engine) as s, pytest.raises(PermissionDenied):
        dossiers.receive_dossier(s, VOLUNTEER, dossiers.IntakeInput(CERT, citizen=applicant()))


def test_counter_number_limits_and_bad_input(engine: Engine) -> None:
    with session_scope(engine) as s:
        with pytest.raises(ValidationError, match="không có trong danh mục"):
            dossiers.receive_dossier(s, OFFICER, dossiers.IntakeInput("0.000", citizen=applicant()))
        with pytest.raises(ValidationError, match="12 chữ số"):
            dossiers.receive_dossier(
                s,
                OFFICER,
                dossiers.IntakeInput(CERT, citizen=applicant(id_number="123"), papers_received=required_papers(CERT)),
            )
    from counter_app.access import Actor, Role

    counter_ten = Actor("s10", Role.OFFICER, "27460", 10)
    with pytest.raises(ValidationError, match="từ 1 đến 9"):
        receive(engine, counter_ten)


@pytest.mark.parametrize(
    ("old", "now"),
    [
        ("1.012756", "1.013978"),
        ("1.013130", None),
        ("2.000644", "2.000575"),
        ("1.009994", "1.013225"),
        ("1.003005", "2.001263"),
    ],
)
def test_a_dossier_received_under_a_retired_code_still_opens_moves_and_lists(
    engine: Engine, old: str, now: str | None
) -> None:
    """PCs upgraded from before the catalog's corrections hold dossiers under codes it no longer has."""
    from counter_app import register

    d = receive(engine)
    with session_scope(engine) as s:  # as the old catalog wrote it (a straight update: this is the data on file)
        s.exec(text("UPDATE dossier SET procedure_code = :c WHERE id = :i").bindparams(c=old, i=d.id))  # type: ignore[call-overload]
    with session_scope(engine) as s:
        view = dossiers.get_dossier(s, OFFICER, d.id)
        assert view.procedure.code == (now or old)
        if now is None:
            assert old in view.procedure.name and "không còn trong danh mục" in view.procedure.name
        dossiers.start_processing(s, OFFICER, d.id)
    with session_scope(engine) as s:
        rows = register.build_register(s, OFFICER, MONDAY_9AM.date(), MONDAY_9AM.date()).rows
        assert [r.procedure for r in rows] == [view.procedure.name]
    with pytest.raises(ValidationError):
        default_catalog().get(old)  # a new dossier is never received under it


@pytest.mark.parametrize(
    ("code", "before", "after"),
    [
        ("1.001266", "1.001570", "1.001266"),  # was pausing a household business; on the portal: closing one
        ("2.000575", "1.001266", "2.000575"),  # was closing one; on the portal: re-issuing its certificate
        ("2.001406", "Chứng thực văn bản khai nhận di sản (2.001406)", "2.001406"),  # no known code for it now
    ],
)
def test_a_code_the_portal_gives_another_procedure_keeps_its_old_meaning_for_dossiers_received_before(
    engine: Engine, code: str, before: str, after: str
) -> None:
    """Catalog 2026.11-3 moved procedures to the portal's codes; one received earlier stays what it was."""
    d = receive(engine)
    with session_scope(engine) as s:
        s.exec(text("UPDATE dossier SET procedure_code = :c WHERE id = :i").bindparams(c=code, i=d.id))  # type: ignore[call-overload]
    with session_scope(engine) as s:
        then = dossiers.get_dossier(s, OFFICER, d.id).procedure
    assert then.code == before or then.name == before
    late = datetime(2026, 11, 25, 8, 0, tzinfo=VN_TZ)
    cat = default_catalog()
    assert cat.for_record(code, late).code == after == cat.get(code).code
    # 24 November at 23:30 in Ho Chi Minh City is still before the corrected catalog.
    assert cat.for_record(code, datetime(2026, 11, 24, 16, 30)).name == then.name  # naive UTC, as stored
