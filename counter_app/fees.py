"""Fees set by the city People's Council: the ward keeps the value in force, with its source.

A fee fixed by a ministry or the Government (`fee_authority` "central") changes only with a new
catalog; one set by the city People's Council changes by resolution, so the ward admin records the
amount and the resolution here (audited; kept in this PC's settings), and intake uses it.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session

from counter_app import audit, settings
from counter_app.access import Actor, Perm, require
from counter_app.catalog import Procedure, default_catalog, former_codes
from counter_app.errors import ValidationError
from counter_app.i18n import QT_TRANSLATE_NOOP
from counter_app.settings import DeviceSettings
from counter_app.text import tidy


@dataclass(frozen=True)
class Fee:
    vnd: int | None
    source: str
    set_by_ward: bool


def effective_fee(procedure: Procedure, device: DeviceSettings) -> Fee:
    """The ward's value for a council-set fee if it recorded one, else the catalog's."""
    own = None
    if procedure.fee_authority == "city_council":
        keys = [procedure.code, *former_codes(procedure.code)]
        own = next((device.fee_overrides[k] for k in keys if k in device.fee_overrides), None)
    if own is not None:
        return Fee(int(own["vnd"]), str(own["source"]), True)
    return Fee(procedure.fee_vnd, procedure.fee_source, False)


def council_fees(device: DeviceSettings) -> list[tuple[Procedure, Fee]]:
    return [(p, effective_fee(p, device)) for p in default_catalog().procedures if p.fee_authority == "city_council"]


def set_fee(session: Session, actor: Actor, code: str, vnd: int, source: str) -> Fee:
    require(actor, Perm.CATALOG_ADMIN)
    procedure = default_catalog().get(code)
    if procedure.fee_authority != "city_council":
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "core", "Lệ phí thủ tục này không do HĐND Thành phố quy định; chỉ thay đổi bằng danh mục mới."
            ),
            "code",
        )
    source = tidy(source or "")
    if not source:
        raise ValidationError(
            QT_TRANSLATE_NOOP("core", "Ghi căn cứ của mức thu (số, ngày Nghị quyết HĐND Thành phố)."), "source"
        )
    if not 0 <= vnd <= 100_000_000:
        raise ValidationError(QT_TRANSLATE_NOOP("core", "Mức thu không hợp lệ."), "vnd")
    device = settings.load(session)
    device.fee_overrides[code] = {"vnd": vnd, "source": source}
    settings.save(session, device)
    audit.record(session, actor, "fee.set", detail={"procedure": code, "vnd": vnd})
    return Fee(vnd, source, True)
