"""The one look: the stylesheet, font and icons ship and apply app-wide; Vietnamese renders in the shipped font;
focus is visible; the kiosk is touch-sized."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QRawFont
from PySide6.QtWidgets import QApplication, QLineEdit, QPushButton, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy.engine import Engine

from counter_app import queue
from counter_app.config import default_paths
from counter_app.db import session_scope
from counter_app.settings import DeviceSettings
from tests.factories import ADMIN
from tests.ui.active import show_active
from ui import style
from ui.context import AppContext
from ui.kiosk import KioskWindow


@pytest.fixture
def styled(qapp: QApplication) -> Iterator[QApplication]:
    before_sheet, before_font = qapp.styleSheet(), qapp.font()
    style.apply(qapp)
    yield qapp
    qapp.setStyleSheet(before_sheet)
    qapp.setFont(before_font)


def test_the_shipped_font_and_stylesheet_apply_app_wide(styled: QApplication) -> None:
    assert styled.font().family() == "Be Vietnam Pro"
    assert "QLabel#nowServing" in styled.styleSheet() and "{icons}" not in styled.styleSheet()
    raw = QRawFont.fromFont(styled.font())
    name = "Nguyễn Thị Ánh Tuyết — Quầy số 2, ĐƯỢC TIẾP NHẬN"
    assert raw.familyName() == "Be Vietnam Pro" and 0 not in raw.glyphIndexesForString(name)


def test_every_icon_the_app_uses_is_shipped_with_its_licence() -> None:
    for name in (
        "ticket",
        "speakerphone",
        "repeat",
        "user-x",
        "player-play",
        "circle-check",
        "arrows-exchange",
        "file-plus",
        "search",
        "refresh",
        "device-tv",
        "hand-finger",
        "logout",
        "users",
        "history",
        "settings",
        "trash",
        "calendar-event",
        "database-export",
        "chevron-down",
        "chevron-up",
    ):
        assert (style.ICON_DIR / f"{name}.svg").exists(), name
    assert "MIT License" in (style.ICON_DIR / "LICENSE-tabler-icons.txt").read_text()
    assert "SIL Open Font License" in (style.FONT_DIR / "OFL-be-vietnam-pro.txt").read_text()


def test_icons_draw_at_1x_and_2x(qapp: QApplication) -> None:
    icon = style.icon("ticket", "#ff0000")
    for scale in (1, 2):  # sharp on a 2× screen: a pixmap drawn at twice the size, not scaled up
        image = icon.pixmap(QSize(24, 24), scale).toImage()
        assert image.width() == 24 * scale
        drawn = [image.pixelColor(x, y) for x in range(image.width()) for y in range(image.height())]
        assert any(c.alpha() > 200 and c.red() > 200 and c.green() < 60 for c in drawn)  # in the colour asked
    assert style.icon("no-such-icon").isNull()


def test_focus_is_visible(qtbot: QtBot, styled: QApplication) -> None:
    window = QWidget()
    layout = QVBoxLayout(window)
    field, button = QLineEdit(), QPushButton("Lưu")
    layout.addWidget(field)
    layout.addWidget(button)
    qtbot.addWidget(window)
    show_active(qtbot, window)
    button.setFocus()
    qtbot.waitUntil(button.hasFocus)
    focused = button.grab().toImage()
    field.setFocus()
    qtbot.waitUntil(field.hasFocus)
    unfocused = button.grab().toImage()
    edge = [(focused.pixelColor(0, y).name(), unfocused.pixelColor(0, y).name()) for y in range(4, 12)]
    assert any(a != b for a, b in edge)  # the ring is drawn only while the button has the focus
    assert any(focused.pixelColor(1, y).name() == "#0b5cab" for y in range(2, focused.height() - 2))


def test_kiosk_targets_are_touch_sized(qtbot: QtBot, engine: Engine, styled: QApplication) -> None:
    with session_scope(engine) as s:
        queue.ensure_group(s, ADMIN, "A", "Hộ tịch – Chứng thực", "A")
    kiosk = KioskWindow(
        AppContext(engine, default_paths().ensure(), DeviceSettings(unit_code="27460", kiosk_mode=True))
    )
    qtbot.addWidget(kiosk)
    kiosk.resize(900, 700)
    show_active(qtbot, kiosk)
    assert kiosk.group_buttons["A"].height() >= 96 and kiosk.priority_box.height() >= 48
    assert not kiosk.priority.isEnabled()
    qtbot.mouseClick(kiosk.priority_box, Qt.MouseButton.LeftButton, pos=kiosk.priority_box.rect().center())
    assert kiosk.priority_box.isChecked() and kiosk.priority.isEnabled()
