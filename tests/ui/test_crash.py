"""An unexpected error in a slot is logged without personal data and the officer is told calmly."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from counter_app.logs import setup_logging
from ui import crash


@pytest.mark.qt_no_exception_capture
def test_an_error_in_a_slot_is_logged_and_told(qtbot: QtBot, tmp_path: Path, message_boxes: list[str]) -> None:
    log_file = setup_logging(tmp_path / "logs")
    previous = crash.install()
    try:
        button = QPushButton("Lưu")
        qtbot.addWidget(button)

        def broken() -> None:
            raise ValueError("Nguyễn Văn An 079090001234")  # a library quoting what it choked on

        button.clicked.connect(broken)
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    finally:
        sys.excepthook = previous
        for handler in logging.getLogger().handlers[:]:
            if getattr(handler, "baseFilename", "") == str(log_file):
                logging.getLogger().removeHandler(handler)
                handler.close()
    assert len(message_boxes) == 1
    told = message_boxes[0]
    assert "chưa thực hiện được" in told and "vẫn còn nguyên, không bị mất" in told
    reference = told.rsplit("mã lỗi ", 1)[1].rstrip(".")
    logged = log_file.read_text(encoding="utf-8")
    assert f"unexpected error ValueError [{reference}]" in logged and "test_crash.py" in logged
    assert "Nguyễn" not in logged and "079090" not in logged
