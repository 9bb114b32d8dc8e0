"""Council-set fees: the ward records the amount in force with its resolution; intake uses it."""

from __future__ import annotations

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import select

from counter_app import catalog, citizens, dossiers, fees, settings
from counter_app.db import session_scope
from counter_app.errors import PermissionDenied, ValidationError
from counter_app.models import AuditEntry
from counter_app.settings import DeviceSettings
from tests.factories import ADMIN, OFFICER

PERMIT = "1.013225"  # building permit: fee set by the city People's Council


def test_ward_records_a_council_fee_and_intake_uses_it(engine: Engine) -> None:
    proc = catalog.default_catalog().get(PERMIT)
    assert fees.effective_fee(proc, DeviceSettings()).vnd == proc.fee_vnd
    with session_scope(engine) as s:
        settings.save(s, DeviceSettings(unit_code="27460"))
        with pytest.raises(PermissionDenied):
            fees.set_fee(s, OFFICER, PERMIT, 100000, "NQ thử")
        with pytest.raises(ValidationError, match="căn cứ"):
            fees.set_fee(s, ADMIN, PERMIT, 100000, " ")
        with pytest.raises(ValidationError, match="không do HĐND"):
            fees.set_fee(s, ADMIN, "2.000884", 20000, "TT 226")  # fixed by the Ministry of Finance
        fees.set_fee(s, ADMIN, PERMIT, 100000, "Nghị quyết thử/2026/NQ-HĐND")
        assert s.exec(select(AuditEntry).where(AuditEntry.action == "fee.set")).one()
        device = settings.load(s)
    fee = fees.effective_fee(proc, device)
    assert (fee.vnd, fee.source, fee.set_by_ward) == (100000, "Nghị quyết thử/2026/NQ-HĐND", True)
    assert any(p.code == PERMIT and f.set_by_ward for p, f in fees.council_fees(device))
    papers = [p.name for p in proc.papers if p.required]
    data = dossiers.IntakeInput(
        PERMIT, citizen=citizens.CitizenInput("Lê Văn Tám", "079201004567"), papers_received=papers
    )
    with session_scope(engine) as s:
        assert dossiers.preview_fee(s, OFFICER, PERMIT) == 100000
        assert dossiers.receive_dossier(s, OFFICER, data).fee_amount == 100000
