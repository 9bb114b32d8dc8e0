"""Texts go through Qt's translation system: the English file is current and complete, switching the
language changes what is on screen at once, and no window shows a Vietnamese source text in English."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy.engine import Engine

from counter_app import dossiers, settings
from counter_app.config import default_paths
from counter_app.db import session_scope
from counter_app.errors import ValidationError
from counter_app.i18n import QT_TRANSLATE_NOOP
from counter_app.settings import DeviceSettings
from sync.client.engine import MSG_REFUSED, SyncStatus
from tests.factories import ADMIN, OFFICER
from tests.ui.translations import TS_FILE, placeholders, read_ts, untranslated
from ui import i18n
from ui.context import AppContext
from ui.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent


@pytest.fixture(scope="module", autouse=True)
def built(qapp: QApplication) -> None:
    """The .qm files are built from the committed .ts (as ./dev does), so the tests use what ships."""
    env = {"VIRTUAL_ENV": str(BIN.parent), "PATH": "/usr/bin:/bin"}
    subprocess.run(["bash", str(ROOT / "scripts" / "translations"), "build"], check=True, env=env)


@pytest.fixture
def english(qapp: QApplication) -> Iterator[None]:
    assert i18n.install("en")
    yield
    i18n.install("vi")


def test_english_file_is_complete_and_keeps_every_placeholder() -> None:
    messages = read_ts()
    assert len(messages) > 300
    unfinished = [m.source for m in messages if not m.finished or not m.translation.strip()]
    assert unfinished == []
    broken = [m.source for m in messages if placeholders(m.source) != placeholders(m.translation)]
    assert broken == []


def test_english_file_is_current_with_the_code(tmp_path: Path) -> None:
    """lupdate over the code finds no text that the committed file lacks (scripts/translations update)."""
    fresh = tmp_path / "fresh.ts"
    fresh.write_bytes(TS_FILE.read_bytes())
    sources = sorted(str(p) for d in ("ui", "counter_app", "sync/client") for p in (ROOT / d).rglob("*.py"))
    subprocess.run(
        [str(BIN / "pyside6-lupdate"), *sources, "-no-obsolete", "-ts", str(fresh)], check=True, capture_output=True
    )
    committed = {(m.context, m.source) for m in read_ts()}
    missing = [f"{m.context}: {m.source}" for m in read_ts(fresh) if (m.context, m.source) not in committed]
    assert missing == [], "run scripts/translations update and translate the new texts"


def test_core_errors_and_sync_messages_are_translated(english: None) -> None:
    error = ValidationError(QT_TRANSLATE_NOOP("core", "Mật khẩu phải có ít nhất {n} ký tự."), "password", n=10)
    assert str(error) == "Mật khẩu phải có ít nhất 10 ký tự."  # the core's own text stays Vietnamese
    shown = i18n.error_text(error)
    assert "10" in shown and shown != str(error) and not any(c in shown for c in "ảấậ")
    status = SyncStatus(error_template=MSG_REFUSED, error_params={"reason": "401"})
    message = i18n.message(status.error_template, status.error_params)
    assert message is not None and message.endswith("401") and "từ chối" not in message


def _window(qtbot: QtBot, engine: Engine) -> MainWindow:
    device = DeviceSettings(unit_code="27460", counter_no=2, service_groups=["A"])
    with session_scope(engine) as s:
        settings.save(s, device)
    window = MainWindow(AppContext(engine, default_paths().ensure(), device, OFFICER))
    qtbot.addWidget(window)
    window.show()
    return window


def _menu_action(window: MainWindow, text: str) -> None:
    for menu in window.menuBar().actions():
        for action in menu.menu().actions():  # type: ignore[union-attr]
            if action.text() == text:
                action.trigger()
                return
    raise AssertionError(f"no menu item {text}")


def test_switching_language_changes_the_window_at_once_and_is_remembered(qtbot: QtBot, engine: Engine) -> None:
    window = _window(qtbot, engine)
    tabs = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    assert tabs[0] == "Hàng chờ"
    try:
        _menu_action(window, "English")
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # the Vietnamese body is gone
        english_tabs = [window.tabs.tabText(i) for i in range(window.tabs.count())]
        assert english_tabs[0] == QCoreApplication.translate("MainWindow", "Hàng chờ") != "Hàng chờ"
        assert len(english_tabs) == len(tabs) and not set(english_tabs) & set(tabs)
        assert untranslated(window, read_ts()) == []
        with session_scope(engine) as s:
            assert settings.load(s).language == "en"
    finally:
        _menu_action(window, "Tiếng Việt")
    assert window.tabs.tabText(0) == "Hàng chờ"
    with session_scope(engine) as s:
        assert settings.load(s).language == "vi"


def _dossier(engine: Engine) -> str:
    from counter_app.catalog import default_catalog
    from counter_app.citizens import CitizenInput

    code = "1.004873"
    papers = [p.name for p in default_catalog().get(code).papers if p.required]
    with session_scope(engine) as s:
        data = dossiers.IntakeInput(code, citizen=CitizenInput("Lê Văn Tám", None), papers_received=papers)
        return dossiers.receive_dossier(s, OFFICER, data).id


def _windows(ctx: AppContext) -> dict[str, QWidget]:
    from ui.admin import AccountsDialog, AuditViewer, DeleteCitizenDialog
    from ui.board import DisplayBoard
    from ui.calendar_dialog import CalendarDialog
    from ui.catalog_dialog import CatalogImportDialog
    from ui.dossiers.detail import DossierDetailDialog
    from ui.dossiers.intake_wizard import IntakeWizard
    from ui.fee_dialog import FeeDialog
    from ui.first_run import FirstRunDialog
    from ui.kiosk import KioskWindow
    from ui.retention_dialog import RetentionDialog
    from ui.settings_dialog import SettingsDialog
    from ui.sign_in import SignInDialog

    return {
        "accounts": AccountsDialog(ctx),
        "audit": AuditViewer(ctx),
        "delete": DeleteCitizenDialog(ctx),
        "calendar": CalendarDialog(ctx),
        "catalog_import": CatalogImportDialog(ctx),
        "retention": RetentionDialog(ctx),
        "fees": FeeDialog(ctx),
        "settings": SettingsDialog(ctx),
        "wizard": IntakeWizard(ctx),
        "detail": DossierDetailDialog(ctx, _dossier(ctx.engine)),
        "kiosk": KioskWindow(ctx),
        "board": DisplayBoard(ctx, chime=None),
        "sign_in": SignInDialog(ctx.engine, ctx.settings),
        "first_run": FirstRunDialog(ctx.engine),
    }


def test_every_window_is_english_when_english_is_chosen(qtbot: QtBot, engine: Engine, english: None) -> None:
    ctx = AppContext(engine, default_paths().ensure(), DeviceSettings(unit_code="27460", counter_no=1), ADMIN)
    messages = read_ts()
    left = {}
    for name, widget in _windows(ctx).items():
        qtbot.addWidget(widget)
        left[name] = untranslated(widget, messages)
    assert all(texts == [] for texts in left.values()), left


def test_qt_own_buttons_speak_vietnamese(qapp: QApplication) -> None:
    """Qt ships no Vietnamese: our qt_vi file gives its message-box buttons Vietnamese texts."""
    assert i18n.install("vi")
    box = QMessageBox(
        QMessageBox.Icon.Question, "?", "?", QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
    )
    assert box.button(QMessageBox.StandardButton.Yes).text().replace("&", "") == "Có"
    assert box.button(QMessageBox.StandardButton.No).text().replace("&", "") == "Không"


def test_settings_dialog_chooses_language_printer_and_screen(qtbot: QtBot, engine: Engine) -> None:
    window = _window(qtbot, engine)
    dialog = window.open_settings()
    screens = [dialog.board_screen.itemData(i) for i in range(dialog.board_screen.count())]
    assert screens == ["", *(sc.name() for sc in QGuiApplication.screens())]
    assert dialog.printer.itemData(0) == "" and dialog.printer.currentIndex() == 0
    dialog.board_screen.setCurrentIndex(1)
    dialog.language.setCurrentIndex(dialog.language.findData("en"))
    try:
        dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()  # type: ignore[union-attr]
        qtbot.waitUntil(lambda: window.tabs.tabText(0) != "Hàng chờ")
        assert window.tabs.tabText(0) == QCoreApplication.translate("MainWindow", "Hàng chờ")
        with session_scope(engine) as s:
            saved = settings.load(s)
        assert (saved.language, saved.board_screen, saved.slip_printer) == ("en", screens[1], "")
    finally:
        i18n.install("vi")
