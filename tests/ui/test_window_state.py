"""Windows open where and as large as they were left, per data folder."""

from __future__ import annotations

from pytestqt.qtbot import QtBot
from sqlalchemy.engine import Engine

from counter_app.config import default_paths
from counter_app.settings import DeviceSettings
from tests.factories import ADMIN
from ui.admin import AuditViewer
from ui.context import AppContext
from ui.main_window import MainWindow


def _ctx(engine: Engine) -> AppContext:
    return AppContext(engine, default_paths().ensure(), DeviceSettings(unit_code="27460", counter_no=1), ADMIN)


def test_main_window_size_and_tab_are_remembered(qtbot: QtBot, engine: Engine) -> None:
    ctx = _ctx(engine)
    first = MainWindow(ctx)
    qtbot.addWidget(first)
    assert (first.width(), first.height()) == (1100, 720)  # the default on a fresh data folder
    first.show()
    first.resize(760, 540)  # within the offscreen screen (800×800): restoring clamps to it
    first.tabs.setCurrentIndex(2)
    first.close()
    second = MainWindow(ctx)
    qtbot.addWidget(second)
    assert (second.width(), second.height()) == (760, 540)
    assert second.tabs.currentIndex() == 2


def test_dialog_size_is_remembered(qtbot: QtBot, engine: Engine) -> None:
    ctx = _ctx(engine)
    viewer = AuditViewer(ctx)
    qtbot.addWidget(viewer)
    assert (viewer.width(), viewer.height()) == (1180, 600)
    viewer.show()
    viewer.resize(790, 480)  # no narrower than its filter row (about 765), within the 800-pixel offscreen screen
    viewer.reject()
    again = AuditViewer(ctx)
    qtbot.addWidget(again)
    assert (again.width(), again.height()) == (790, 480)


def test_main_window_fits_a_small_counter_screen(qtbot: QtBot, engine: Engine) -> None:
    """Counter PCs often have 1366×768 screens: no page may force the window wider or taller."""
    window = MainWindow(_ctx(engine))
    qtbot.addWidget(window)
    window.show()
    needed = window.minimumSizeHint().expandedTo(window.minimumSize())
    assert needed.width() <= 1366 and needed.height() <= 700, needed
