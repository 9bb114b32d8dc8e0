"""Council-set fees: the ward's amount in force, with its resolution, for every counter; intake uses it."""

from __future__ import annotations

import json

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import select

from counter_app import audit_view, catalog, citizens, dossiers, fees, outbox
from counter_app.db import session_scope
from counter_app.errors import PermissionDenied, ValidationError
from counter_app.models import AuditEntry, FeeEntry, OutboxEntry, Staff
from tests.factories import ADMIN, OFFICER, OTHER_WARD

PERMIT = "1.013225"  # building permit: fee set by the city People's Council


def _intake(engine: Engine) -> dossiers.Dossier:
    proc = catalog.default_catalog().get(PERMIT)
    papers = [p.name for p in proc.papers if p.required]
    data = dossiers.IntakeInput(
        PERMIT, citizen=citizens.CitizenInput("Lê Văn Tám", "079201004567"), papers_received=papers
    )
    with session_scope(engine) as s:
        return dossiers.receive_dossier(s, OFFICER, data)


def test_ward_records_a_council_fee_synced_audited_and_intake_uses_it(engine: Engine) -> None:
    proc = catalog.default_catalog().get(PERMIT)
    with session_scope(engine) as s, outbox.remote_apply(s):  # the account, as pulled from the hub
        s.add(Staff(id=ADMIN.staff_id, unit_code=ADMIN.unit_code, username="qt", full_name="Trần Quản Trị",
                    role="admin", password_hash="x"))  # fmt: skip
    with session_scope(engine) as s:
        assert fees.effective_fee(s, ADMIN.unit_code, proc) == fees.Fee(proc.fee_vnd, proc.fee_source, "catalog")
    before = _intake(engine)
    with session_scope(engine) as s:
        with pytest.raises(PermissionDenied):
            fees.set_fee(s, OFFICER, PERMIT, 100000, "NQ thử")
        with pytest.raises(ValidationError, match="không do HĐND"):
            fees.set_fee(s, ADMIN, "2.000884", 20000, "TT 226")  # fixed by the Ministry of Finance
        fee = fees.set_fee(s, ADMIN, PERMIT, "100.000", "Nghị quyết thử/2026/NQ-HĐND")
    assert (fee.vnd, fee.source, fee.origin, fee.set_by) == (
        100000,
        "Nghị quyết thử/2026/NQ-HĐND",
        "ward",
        "Trần Quản Trị",
    )
    assert fee.set_at is not None
    with session_scope(engine) as s:
        row = s.exec(select(FeeEntry)).one()
        queued = s.exec(select(OutboxEntry).where(OutboxEntry.entity == "fee_entry")).one()
        assert json.loads(queued.payload)["vnd"] == 100000 and queued.entity_id == row.id
        entry = s.exec(select(AuditEntry).where(AuditEntry.action == "fee.set")).one()
        detail = json.loads(entry.detail or "{}")
        assert (detail["old"], detail["new"], detail["source"]) == (proc.fee_vnd, 100000, "Nghị quyết thử/2026/NQ-HĐND")
        line = audit_view.lines(s, ADMIN, [entry])[0]
        assert line.who == "Trần Quản Trị" and line.detail_template == audit_view.T_FEE_CHANGE
        assert line.detail_params["old"] == "75.000" and line.detail_params["new"] == "100.000"
        assert any(p.code == PERMIT and f.set_by_ward for p, f in fees.council_fees(s, OFFICER))
        assert fees.effective_fee(s, OTHER_WARD.unit_code, proc).origin == "catalog"  # another ward's is its own
        assert dossiers.preview_fee(s, OFFICER, PERMIT) == 100000
    assert _intake(engine).fee_amount == 100000
    with session_scope(engine) as s:  # the receipt already given keeps its fee
        assert s.get(dossiers.Dossier, before.id).fee_amount == 75000  # type: ignore[union-attr]
        fees.set_fee(s, ADMIN, PERMIT, 120000, "Nghị quyết thử 2")
        assert len(s.exec(select(FeeEntry)).all()) == 1  # the same record, updated: one value for the ward


def test_bad_amounts_and_an_empty_source_are_refused_in_vietnamese(engine: Engine) -> None:
    with session_scope(engine) as s:
        for typed, message in (
            ("-5000", "không được âm"),
            (-1, "không được âm"),
            ("năm mươi nghìn", "phải là số tiền"),
            ("12a", "phải là số tiền"),
            ("", "Nhập mức thu"),
            ("200.000.000", "quá lớn"),
        ):
            with pytest.raises(ValidationError, match=message):
                fees.set_fee(s, ADMIN, PERMIT, typed, "NQ thử")
        with pytest.raises(ValidationError, match="căn cứ"):
            fees.set_fee(s, ADMIN, PERMIT, 100000, "  ")
        assert s.exec(select(FeeEntry)).all() == []
    assert fees.parse_amount("１２０.０００ đồng") == 120000  # full-width digits, grouping and unit as typed
    assert fees.parse_amount("0") == 0


def test_the_wards_own_fee_stands_over_the_citys_and_can_be_withdrawn(engine: Engine) -> None:
    proc = catalog.default_catalog().get(PERMIT)
    with session_scope(engine) as s:
        city = FeeEntry(id="city-fee", unit_code=ADMIN.unit_code, procedure_code=PERMIT, vnd=90000,
                        source="Nghị quyết của Thành phố (phát hành)", origin="city")  # fmt: skip
        with outbox.remote_apply(s):  # as pulled from the hub
            s.add(city)
        assert fees.effective_fee(s, ADMIN.unit_code, proc).vnd == 90000
        assert fees.effective_fee(s, ADMIN.unit_code, proc).origin == "city"
        with pytest.raises(ValidationError, match="chưa ghi mức thu riêng"):
            fees.withdraw_fee(s, ADMIN, PERMIT)
        fees.set_fee(s, ADMIN, PERMIT, 110000, "NQ riêng")
        assert fees.effective_fee(s, ADMIN.unit_code, proc).vnd == 110000
        after = fees.withdraw_fee(s, ADMIN, PERMIT)
        assert (after.vnd, after.origin) == (90000, "city")
        withdrawn = s.exec(select(AuditEntry).where(AuditEntry.action == "fee.withdraw")).one()
        assert json.loads(withdrawn.detail or "{}")["new"] == 90000
