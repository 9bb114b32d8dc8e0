"""A full workflow, with a forced failure, leaves none of the personal data it used in the log file."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine

from counter_app import citizens, dossiers, logs, search, staff
from counter_app.catalog import default_catalog
from counter_app.db import session_scope
from counter_app.errors import CounterError

ID_NUMBER, OLD_ID, PHONE, NAME = "079090001234", "025123456", "0912345678", "Nguyễn Văn Dũng"


@pytest.fixture
def log_file(tmp_path: Path) -> Iterator[Path]:
    path = logs.setup_logging(tmp_path / "logs", logging.DEBUG)
    yield path
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "baseFilename", "") == str(path):
            root.removeHandler(handler)
            handler.close()


def test_redact_masks_ids_and_phones() -> None:
    text = f"id {ID_NUMBER} old {OLD_ID} phone {PHONE} intl +84 912 345 678 code 27460-261124-1001"
    clean = logs.redact(text)
    for secret in (ID_NUMBER, OLD_ID, PHONE, "912 345 678"):
        assert secret not in clean
    assert "27460-261124-1001" in clean  # dossier codes are not personal data


def test_workflow_logs_no_personal_data(engine: Engine, log_file: Path) -> None:
    log = logging.getLogger("ward_counter.test")
    with session_scope(engine) as s:
        staff.create_first_admin(s, "27460", "admin", "Quản Trị", "Mat-khau-2026")
    admin = staff.sign_in(engine, "admin", "Mat-khau-2026", 1)
    log.info("signed in %s", admin.staff_id)
    data = citizens.CitizenInput(NAME, ID_NUMBER, OLD_ID, PHONE)
    papers = [p.name for p in default_catalog().get("1.004873").papers if p.required]
    with session_scope(engine) as s:
        d = dossiers.receive_dossier(s, admin, dossiers.IntakeInput("1.004873", citizen=data, papers_received=papers))
        log.info("received dossier %s", d.code)
        hits = search.search(s, admin, ID_NUMBER[:6])
        log.info("search gave %d hits", len(hits))
    try:
        with session_scope(engine) as s:
            citizens.upsert_citizen(s, admin, citizens.CitizenInput(NAME, ID_NUMBER[:-1]))
    except CounterError:
        log.exception("rejected input")
    try:
        raise RuntimeError(f"library choked on {ID_NUMBER} and {PHONE}")  # the kind of text a library may produce
    except RuntimeError:
        log.exception("unexpected failure")
    written = log_file.read_text(encoding="utf-8")
    assert "received dossier 27460-" in written and "unexpected failure" in written and "Traceback" in written
    for secret in (ID_NUMBER, OLD_ID, PHONE):
        assert secret not in written
    assert NAME not in written
