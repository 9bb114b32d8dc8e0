"""Which window shows: the kiosk on a reception PC (no sign-in, and back to it after staff sign out), else the
sign-in and the main window. The sign-in dialog itself is driven in test_app_flow; here it answers from a list."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy.engine import Engine
from sqlmodel import select

from counter_app import queue
from counter_app.access import Actor
from counter_app.config import default_paths
from counter_app.db import session_scope
from counter_app.models import Ticket
from counter_app.settings import DeviceSettings
from tests.factories import ADMIN, OFFICER
from ui.context import AppContext
from ui.window_flow import WindowFlow


class Answers:
    """Who signs in at each sign-in prompt (None: the person cancels)."""

    def __init__(self, *actors: Actor | None) -> None:
        self.actors, self.asked = list(actors), 0

    def __call__(self) -> Actor | None:
        self.asked += 1
        return self.actors.pop(0) if self.actors else None


def _ctx(engine: Engine, kiosk: bool) -> AppContext:
    with session_scope(engine) as s:
        queue.ensure_group(s, ADMIN, "A", "Hộ tịch – Chứng thực", "A")
    device = DeviceSettings(unit_code="27460", counter_no=4, kiosk_mode=kiosk)
    return AppContext(engine, default_paths().ensure(), device)


def test_reception_pc_starts_on_the_kiosk_and_returns_to_it(qtbot: QtBot, engine: Engine) -> None:
    ctx, answers, quits = _ctx(engine, kiosk=True), Answers(OFFICER), []
    flow = WindowFlow(ctx, answers, lambda: quits.append(1))
    assert flow.start() and answers.asked == 0
    kiosk = flow.kiosk
    assert kiosk is not None and kiosk.isFullScreen() and ctx.actor is None
    qtbot.addWidget(kiosk)
    qtbot.mouseClick(kiosk.group_buttons["A"], Qt.MouseButton.LeftButton)  # nobody signed in: it still issues
    with session_scope(engine) as s:
        ticket = s.exec(select(Ticket)).one()
        assert (ticket.label, ticket.counter_no) == ("A001", None)  # the reception PC is "counter 0"
    kiosk.activateWindow()
    qtbot.waitUntil(kiosk.isActiveWindow)
    qtbot.keyClick(kiosk, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert answers.asked == 1 and flow.main is not None and flow.kiosk is None and not kiosk.isVisible()
    qtbot.addWidget(flow.main)
    flow.main.sign_out("manual")
    assert flow.kiosk is not None and flow.kiosk.isVisible() and quits == []
    qtbot.addWidget(flow.kiosk)
    flow.kiosk.close()  # closing the kiosk by hand ends the app
    assert quits == [1]


def test_counter_pc_signs_in_and_signs_in_again_after_a_sign_out(qtbot: QtBot, engine: Engine) -> None:
    ctx, answers, quits = _ctx(engine, kiosk=False), Answers(OFFICER, None), []
    flow = WindowFlow(ctx, answers, lambda: quits.append(1))
    assert flow.start() and flow.main is not None and flow.kiosk is None and ctx.actor == OFFICER
    qtbot.addWidget(flow.main)
    flow.main.sign_out("manual")
    assert answers.asked == 2 and quits == [1]  # the second prompt was cancelled: the app ends
    assert not WindowFlow(ctx, Answers(None), lambda: None).start()
