"""Fees set by the city People's Council: the amount in force for the ward, with its source, who set it and when.

A fee fixed by a ministry or the Government (`fee_authority` "central") changes only with a new catalog; one set by
the city People's Council changes by resolution. The city publishes its amounts to every ward (`counter-hub publish
fee_entry`); the ward admin may record the ward's own (say, a resolution the city has not published yet), which
stands over the city's. Both are synced records (see `ward_values`), so every counter of the ward uses the same
amount. A dossier keeps the fee it was received with: a change applies to new dossiers only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, col, select

from counter_app import audit, outbox
from counter_app.access import Actor, Perm, require
from counter_app.catalog import Procedure, default_catalog, former_codes
from counter_app.errors import ValidationError
from counter_app.i18n import QT_TRANSLATE_NOOP
from counter_app.ids import ward_value_id
from counter_app.models import FeeEntry
from counter_app.text import ascii_digits, tidy
from counter_app.ward_values import in_force, staff_names

MAX_VND = 100_000_000
_GROUPING = re.compile(r"[.,\s]|đồng$|đ$|vnđ$|vnd$", re.IGNORECASE)


@dataclass(frozen=True)
class Fee:
    vnd: int | None
    source: str
    origin: str  # "catalog" | "city" | "ward"
    set_by: str = ""  # the admin's name; "" for the catalog, the city or a value carried over from a PC
    set_at: datetime | None = None

    @property
    def set_by_ward(self) -> bool:
        return self.origin == "ward"


def _entries(session: Session, unit_code: str, codes: list[str] | None = None) -> dict[str, FeeEntry]:
    query = select(FeeEntry).where(FeeEntry.unit_code == unit_code, col(FeeEntry.active).is_(True))
    if codes is not None:
        query = query.where(col(FeeEntry.procedure_code).in_(codes))
    return in_force(session.exec(query).all(), lambda r: r.procedure_code)


def _keys(code: str) -> list[str]:
    """The procedure's code, then the codes the catalog corrected to it: an amount recorded under one follows."""
    return [code, *former_codes(code)]


def _row(rows: dict[str, FeeEntry], code: str) -> FeeEntry | None:
    return next((rows[k] for k in _keys(code) if k in rows), None)


def _fee(procedure: Procedure, row: FeeEntry | None, names: dict[str, str]) -> Fee:
    if procedure.fee_authority != "city_council" or row is None:
        return Fee(procedure.fee_vnd, procedure.fee_source, "catalog")
    return Fee(row.vnd, row.source, row.origin, names.get(row.set_by or "", ""), row.updated_at)


def effective_fee(session: Session, unit_code: str, procedure: Procedure) -> Fee:
    """The ward's own amount for a council-set fee, else the city's, else the catalog's."""
    if procedure.fee_authority != "city_council":
        return _fee(procedure, None, {})
    row = _row(_entries(session, unit_code, _keys(procedure.code)), procedure.code)
    return _fee(procedure, row, staff_names(session, [row.set_by if row else None]))


def council_fees(session: Session, actor: Actor) -> list[tuple[Procedure, Fee]]:
    """Every council-set fee of the catalog with the amount in force for the actor's ward."""
    require(actor, Perm.CATALOG_READ)
    rows = _entries(session, actor.unit_code)
    names = staff_names(session, (r.set_by for r in rows.values()))
    council = [p for p in default_catalog().procedures if p.fee_authority == "city_council"]
    return [(p, _fee(p, _row(rows, p.code), names)) for p in council]


def parse_amount(value: str | int) -> int:
    """An amount in đồng as typed ("100.000", "100 000 đ", full-width digits); refused with a Vietnamese message."""
    if isinstance(value, int):
        amount = value
    else:
        text = _GROUPING.sub("", ascii_digits(tidy(value)))
        if not text:
            raise ValidationError(QT_TRANSLATE_NOOP("core", "Nhập mức thu (số tiền, đồng)."), "vnd")
        if text.startswith("-") and text[1:].isdigit():
            amount = -int(text[1:])
        elif text.isascii() and text.isdigit():
            amount = int(text)
        else:
            raise ValidationError(
                QT_TRANSLATE_NOOP("core", "Mức thu phải là số tiền bằng chữ số, ví dụ 100.000 (đồng)."), "vnd"
            )
    if amount < 0:
        raise ValidationError(QT_TRANSLATE_NOOP("core", "Mức thu không được âm."), "vnd")
    if amount > MAX_VND:
        raise ValidationError(QT_TRANSLATE_NOOP("core", "Mức thu quá lớn (tối đa 100.000.000 đồng)."), "vnd")
    return amount


def _council_procedure(code: str) -> Procedure:
    procedure = default_catalog().get(code)
    if procedure.fee_authority != "city_council":
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "core", "Lệ phí thủ tục này không do HĐND Thành phố quy định; chỉ thay đổi bằng danh mục mới."
            ),
            "code",
        )
    return procedure


def set_fee(session: Session, actor: Actor, code: str, amount: str | int, source: str) -> Fee:
    """Record the ward's own amount with its resolution: audited (old → new), synced to the ward's counters."""
    require(actor, Perm.CATALOG_ADMIN)
    procedure = _council_procedure(code)
    vnd = parse_amount(amount)
    source = tidy(source or "")
    if not source:
        raise ValidationError(
            QT_TRANSLATE_NOOP("core", "Ghi căn cứ của mức thu (số, ngày Nghị quyết HĐND Thành phố)."), "source"
        )
    before = effective_fee(session, actor.unit_code, procedure)
    row_id = ward_value_id(FeeEntry.entity, actor.unit_code, code)
    row = session.get(FeeEntry, row_id) or FeeEntry(
        id=row_id, unit_code=actor.unit_code, procedure_code=code, vnd=vnd, source=source
    )
    row.vnd, row.source, row.active, row.set_by = vnd, source, True, actor.staff_id
    outbox.save(session, row)
    detail = {"procedure": code, "old": before.vnd, "old_origin": before.origin, "new": vnd, "source": source}
    audit.record(session, actor, "fee.set", FeeEntry.entity, row.id, detail)
    return effective_fee(session, actor.unit_code, procedure)


def withdraw_fee(session: Session, actor: Actor, code: str) -> Fee:
    """Drop the ward's own amount: the city's (or the catalog's) applies again to new dossiers; audited, synced."""
    require(actor, Perm.CATALOG_ADMIN)
    procedure = _council_procedure(code)
    row = session.get(FeeEntry, ward_value_id(FeeEntry.entity, actor.unit_code, code))
    if row is None or not row.active:
        raise ValidationError(QT_TRANSLATE_NOOP("core", "Phường chưa ghi mức thu riêng cho thủ tục này."), "code")
    before = row.vnd
    row.active, row.set_by = False, actor.staff_id
    outbox.save(session, row)
    after = effective_fee(session, actor.unit_code, procedure)
    detail = {"procedure": code, "old": before, "old_origin": "ward", "new": after.vnd, "source": after.source}
    audit.record(session, actor, "fee.withdraw", FeeEntry.entity, row.id, detail)
    return after
