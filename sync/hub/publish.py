"""The city publishes a table to its wards: days off and make-up days, a procedure catalog, the fees the city
People's Council sets, retention periods.

Each record becomes, for each ward named, an ordinary change of that ward at this (city) hub, with an id derived
from the ward and the record's key, so publishing the same table again updates the same records instead of adding
copies. Ward hubs pull it down (sync/hub/relay.py) and PCs pull it from there; a ward's own entry for the same day
still overrides the city's (counter_app/calendar_entries.py), and so does a ward's own fee or retention period
(counter_app/ward_values.py).
"""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from pydantic import ValidationError as PydanticError
from sqlalchemy.engine import Engine

from counter_app.errors import ValidationError
from counter_app.ids import new_id
from counter_app.models import MODEL_BY_ENTITY
from sync.hub import service
from sync.hub.store import Device
from sync.protocol import Operation

PUBLISHED = {
    "calendar_entry": ("day",),
    "catalog_release": ("version",),
    "fee_entry": ("procedure_code",),
    "retention_entry": ("scope", "subject"),
}
CITY_ORIGIN = frozenset({"calendar_entry", "fee_entry", "retention_entry"})
NAMESPACE = uuid.UUID("5b0e5b5e-7c1a-4d2e-9a43-0c17a9e0d001")


def load(path: Path) -> list[dict[str, Any]]:
    records = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(records, list) or not all(isinstance(r, dict) for r in records):
        raise ValidationError("Tệp phải là một danh sách JSON các bản ghi.", "file")
    return records


def _check(entity: str, record: dict[str, Any]) -> None:
    """What a PC's table would refuse (SQLite checks), refused here first, with the record's key."""
    problem = None
    if entity in ("fee_entry", "retention_entry") and not str(record.get("source") or "").strip():
        problem = "thiếu căn cứ (source)"
    elif entity == "fee_entry" and record["vnd"] < 0:
        problem = "mức thu âm"
    elif entity == "retention_entry" and record["scope"] not in ("field", "procedure"):
        problem = "scope phải là field hoặc procedure"
    elif entity == "retention_entry" and record["years"] is not None and record["years"] < 1:
        problem = "số năm phải từ 1 (null: lưu trữ vĩnh viễn)"
    if problem:
        key = "|".join(str(record.get(k)) for k in PUBLISHED[entity])
        raise ValidationError(f"Bản ghi {key} không hợp lệ: {problem}.", "file")


def publish(engine: Engine, entity: str, records: list[dict[str, Any]], wards: list[str]) -> int:
    """Write the records for every ward; returns how many changes were applied."""
    if entity not in PUBLISHED:
        raise ValidationError(f"Chỉ phát hành được: {', '.join(PUBLISHED)}.", "entity")
    model, moment = MODEL_BY_ENTITY[entity], datetime.now(UTC)
    now = moment.isoformat()
    city = Device(id="city", kind="peer", unit_code=service.PEER_UNIT, token_hash="", enrolled_at=datetime.now(UTC))
    applied = 0
    for ward in wards:
        ops = []
        for record in records:
            key = "|".join(str(record.get(k)) for k in PUBLISHED[entity])
            payload = {**record, "unit_code": ward, "created_at": now, "updated_at": now}
            payload["id"] = str(uuid.uuid5(NAMESPACE, f"{entity}|{ward}|{key}"))
            if entity in CITY_ORIGIN:
                payload["origin"] = "city"
                payload.pop("set_by", None)
            try:
                row = model.model_validate(payload)  # refuses a record with missing or wrong fields
            except PydanticError as exc:
                wrong = ", ".join(sorted({str(e["loc"][0]) for e in exc.errors() if e["loc"]}))
                raise ValidationError(
                    f"Bản ghi {key} không hợp lệ: thiếu hoặc sai kiểu trường {wrong}.", "file"
                ) from None
            _check(entity, row.model_dump())
            body = row.model_dump(mode="json")
            ops.append(
                Operation(op_id=new_id(), entity=entity, entity_id=row.id, op="upsert", payload=body, created_at=moment)
            )
        results = service.push(engine, city, ops)
        rejected = [r.reason for r in results if r.status == "rejected"]
        if rejected:
            raise ValidationError(f"Máy chủ từ chối bản ghi cho {ward}: {rejected[0]}", "file")
        applied += sum(r.status == "applied" for r in results)
    return applied
