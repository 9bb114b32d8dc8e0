"""The city publishes council fees and retention periods: checked before any ward gets them, in Vietnamese, and
published again without copies (on SQLite and on PostgreSQL)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from sqlmodel import Session, select

from counter_app.errors import ValidationError
from sync.hub import publish
from sync.hub.store import ChangeRow, RecordRow, make_hub_engine

FEE = {"procedure_code": "1.009994", "vnd": 80000, "source": "Nghị quyết thử 2/2026/NQ-HĐND"}


@pytest.mark.parametrize(
    "entity, record, said",
    [
        ("fee_entry", {**FEE, "vnd": -1000}, "mức thu âm"),
        ("fee_entry", {**FEE, "vnd": "tám mươi nghìn"}, "sai kiểu trường vnd"),
        ("fee_entry", {**FEE, "source": "  "}, "thiếu căn cứ"),
        ("fee_entry", {"procedure_code": "1.009994", "source": "NQ"}, "thiếu hoặc sai kiểu trường vnd"),
        ("retention_entry", {"scope": "lĩnh vực", "subject": "Chứng thực", "years": 3, "source": "QĐ"}, "scope"),
        ("retention_entry", {"scope": "field", "subject": "Chứng thực", "years": 0, "source": "QĐ"}, "số năm"),
    ],
)
def test_a_bad_record_is_refused_before_any_ward_gets_it(
    hub_db_url: str, entity: str, record: dict[str, Any], said: str
) -> None:
    engine = make_hub_engine(hub_db_url)
    try:
        with pytest.raises(ValidationError, match=said):
            publish.publish(engine, entity, [FEE, record] if entity == "fee_entry" else [record], ["27460", "26740"])
        with Session(engine) as s:
            assert s.exec(select(ChangeRow)).all() == []  # not even the good record, nor the first ward
    finally:
        engine.dispose()


def test_publishing_again_updates_the_same_record_per_ward(hub_db_url: str) -> None:
    engine = make_hub_engine(hub_db_url)
    try:
        assert publish.publish(engine, "fee_entry", [FEE], ["27460", "26740"]) == 2
        assert publish.publish(engine, "fee_entry", [{**FEE, "vnd": 85000}], ["27460", "26740"]) == 2
        with Session(engine) as s:
            records = s.exec(select(RecordRow).where(RecordRow.entity == "fee_entry")).all()
        payloads = sorted((r.unit_code, json.loads(r.payload)["vnd"], json.loads(r.payload)["origin"]) for r in records)
        assert payloads == [("26740", 85000, "city"), ("27460", 85000, "city")]
    finally:
        engine.dispose()
