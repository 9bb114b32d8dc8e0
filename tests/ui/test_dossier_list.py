"""The dossier list as a busy counter uses it: late and nearly late dossiers stand out, the overdue filter,
filters that survive a language switch, and the English role label."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta

import pytest
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy.engine import Engine

from counter_app import dossiers, outbox, settings
from counter_app.calendar import add_working_days
from counter_app.catalog import default_catalog
from counter_app.citizens import CitizenInput
from counter_app.clock import VN_TZ, local_today
from counter_app.config import default_paths
from counter_app.db import session_scope
from counter_app.dossier_states import DossierState
from counter_app.models import Dossier
from counter_app.settings import DeviceSettings
from tests.factories import ADMIN, OFFICER
from ui import i18n, style
from ui.context import AppContext
from ui.dossiers.list_page import DossierListPage
from ui.main_window import MainWindow

CODE = "1.004873"


def _receive(engine: Engine, name: str, due_in_working_days: int | None = None, days_ago: int = 0) -> str:
    papers = [p.name for p in default_catalog().get(CODE).papers if p.required]
    data = dossiers.IntakeInput(CODE, citizen=CitizenInput(name, None), papers_received=papers)
    with session_scope(engine) as s:
        made = dossiers.receive_dossier(s, OFFICER, data, now=datetime.now(VN_TZ) - timedelta(days=days_ago))
        if due_in_working_days is not None:  # set the appointment as the test needs it
            row = s.get(Dossier, made.id)
            assert row is not None
            today = local_today()
            ahead = due_in_working_days >= 0
            row.due_date = (
                add_working_days(today, due_in_working_days) if ahead else today + timedelta(due_in_working_days)
            )
            outbox.save(s, row)
        return made.id


@pytest.fixture
def back_to_vietnamese(qapp: QApplication) -> Iterator[None]:
    yield
    i18n.install("vi")


def test_overdue_and_due_soon_rows_stand_out(qtbot: QtBot, engine: Engine) -> None:
    _receive(engine, "Đúng Hạn", due_in_working_days=10)
    _receive(engine, "Sắp Hạn", due_in_working_days=1, days_ago=1)
    _receive(engine, "Trễ Hạn", due_in_working_days=-3, days_ago=2)
    ctx = AppContext(engine, default_paths().ensure(), DeviceSettings(unit_code="27460", counter_no=1), OFFICER)
    page = DossierListPage(ctx)
    qtbot.addWidget(page)
    rows = {page.table.item(r, 1).text(): r for r in range(page.table.rowCount())}
    late, soon, fine = rows["Trễ Hạn"], rows["Sắp Hạn"], rows["Đúng Hạn"]
    assert page.table.item(late, 5).text().endswith("· quá hạn")
    assert page.table.item(late, 0).foreground().color().name() == style.OVERDUE
    assert page.table.item(soon, 5).text().endswith("· sắp đến hạn")
    assert page.table.item(soon, 6).background().color().name() == style.TINTS[style.DUE_SOON]
    assert "·" not in page.table.item(fine, 5).text()
    page.overdue.setChecked(True)
    assert [page.table.item(r, 1).text() for r in range(page.table.rowCount())] == ["Trễ Hạn"]
    with session_scope(engine) as s:  # a finished dossier is no longer late
        dossiers.mark_done(s, OFFICER, page.ids[0])
    page.overdue.setChecked(False)
    late = next(r for r in range(page.table.rowCount()) if page.table.item(r, 1).text() == "Trễ Hạn")
    assert "quá hạn" not in page.table.item(late, 5).text()
    assert page.table.item(late, 6).text() == "Đã xử lý xong"


def test_language_switch_keeps_the_filters_and_names_the_role(
    qtbot: QtBot, engine: Engine, back_to_vietnamese: None
) -> None:
    _receive(engine, "Trễ Hạn", due_in_working_days=-3, days_ago=2)
    _receive(engine, "Đúng Hạn", due_in_working_days=10)
    device = DeviceSettings(unit_code="27460", counter_no=1)
    with session_scope(engine) as s:
        settings.save(s, device)
    window = MainWindow(AppContext(engine, default_paths().ensure(), device, ADMIN))
    qtbot.addWidget(window)
    window.show()
    assert window.dossiers is not None
    window.tabs.setCurrentWidget(window.dossiers)
    window.dossiers.overdue.setChecked(True)
    window.dossiers.state.setCurrentIndex(window.dossiers.state.findData(int(DossierState.DUOC_TIEP_NHAN)))
    assert window.dossiers.table.rowCount() == 1
    window.switch_language("en")
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert window.tabs.currentWidget() is window.dossiers and window.dossiers.overdue.isChecked()
    assert window.dossiers.state.currentData() == int(DossierState.DUOC_TIEP_NHAN)
    assert window.dossiers.table.rowCount() == 1 and window.dossiers.table.item(0, 1).text() == "Trễ Hạn"
    assert window.header.text().endswith("(Administrator)")
    window.switch_language("vi")
    assert window.header.text().endswith("(Quản trị)") and window.dossiers.overdue.isChecked()


def test_a_dossier_of_a_procedure_the_catalog_dropped_still_lists(qtbot: QtBot, engine: Engine) -> None:
    dossier_id = _receive(engine, "Cũ Danh Mục")
    with session_scope(engine) as s:
        row = s.get(Dossier, dossier_id)
        assert row is not None
        row.procedure_code = "9.999999"  # a newer catalog no longer lists it
        outbox.save(s, row)
    ctx = AppContext(engine, default_paths().ensure(), DeviceSettings(unit_code="27460", counter_no=1), OFFICER)
    page = DossierListPage(ctx)
    qtbot.addWidget(page)
    assert page.table.rowCount() == 1 and page.table.item(0, 3).text() == "9.999999"


def test_the_dossier_tab_reads_the_ward_when_it_first_shows(qtbot: QtBot, engine: Engine) -> None:
    _receive(engine, "Trễ Hạn", due_in_working_days=-3, days_ago=2)
    _receive(engine, "Đúng Hạn", due_in_working_days=10)
    device = DeviceSettings(unit_code="27460", counter_no=1)
    window = MainWindow(AppContext(engine, default_paths().ensure(), device, ADMIN))
    qtbot.addWidget(window)
    window.tabs.setCurrentWidget(window.queue)
    window.show()
    page = window.dossiers
    assert page is not None and not page.loaded and page.ids == []  # behind the queue: not read yet
    _receive(engine, "Mới Nhận")
    window.ctx.bus.data_changed.emit("dossier")
    assert not page.loaded  # news for a list nobody has looked at yet: it reads when shown
    window.tabs.setCurrentWidget(page)
    assert page.loaded and page.table.rowCount() == 3 and page.count.text() == "Trang 1/1 · 3 hồ sơ"
    assert page.table.item(0, 1).text() == "Mới Nhận"


def test_news_of_dossiers_reaches_a_list_on_a_hidden_tab_when_it_shows_again(qtbot: QtBot, engine: Engine) -> None:
    """Read once, then the queue tab opened: dossier news (a pull, another counter) leaves the hidden list
    unread; the dossier tab, opened again, lists what came meanwhile; shown, it hears news at once."""
    device = DeviceSettings(unit_code="27460", counter_no=1)
    window = MainWindow(AppContext(engine, default_paths().ensure(), device, ADMIN))
    qtbot.addWidget(window)
    window.show()
    page = window.dossiers
    assert page is not None
    window.tabs.setCurrentWidget(page)
    assert page.loaded and page.total == 0
    window.tabs.setCurrentWidget(window.queue)
    _receive(engine, "Mới Đến")
    window.ctx.bus.data_changed.emit("dossier")  # as ui/pulled_news.py tells the windows
    assert page.total == 0 and page.stale  # not read while hidden
    window.tabs.setCurrentWidget(page)
    assert page.total == 1 and page.table.item(0, 1).text() == "Mới Đến" and not page.stale
    _receive(engine, "Thứ Hai")
    window.ctx.bus.data_changed.emit("dossier")  # shown: at once
    assert page.total == 2
