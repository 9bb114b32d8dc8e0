"""The admin's catalog import dialog: a bad file is explained, a good one is compared before it is applied."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot
from sqlalchemy.engine import Engine

from counter_app import catalog
from counter_app.config import default_paths
from counter_app.settings import DeviceSettings
from tests.factories import ADMIN
from tests.test_catalog_admin import official
from ui.catalog_dialog import CatalogImportDialog
from ui.context import AppContext


def test_import_shows_the_changes_then_applies(qtbot: QtBot, engine: Engine, tmp_path: Path) -> None:
    ctx = AppContext(engine, default_paths().ensure(), DeviceSettings(unit_code="27460", counter_no=1), ADMIN)
    dialog = CatalogImportDialog(ctx)
    qtbot.addWidget(dialog)
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    dialog.load(bad)
    assert "bad.json" in dialog.error.text() and not dialog.apply_button.isEnabled()
    dialog.load(official(tmp_path))
    text = dialog.changes.toPlainText()
    assert "2027.01-1" in text and "+ thêm 2.999999" in text and "− bỏ 2.001909" in text
    assert "~ sửa 2.000815" in text and "fee_vnd" in text
    assert catalog.default_catalog().version != "2027.01-1"  # nothing applied yet
    dialog.apply_button.click()
    assert catalog.default_catalog().version == "2027.01-1"
    assert "2027.01-1" in dialog.outcome.text() and "2027.01-1" in dialog.current.text()
    assert not dialog.apply_button.isEnabled()
