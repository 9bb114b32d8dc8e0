"""Display board (live numbers, a chime per call and recall), kiosk slips, and transfer from the queue."""

from __future__ import annotations

import re
import subprocess
import wave
from array import array
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtPrintSupport import QPrinter
from pytestqt.qtbot import QtBot
from sqlalchemy.engine import Engine
from sqlmodel import select

from counter_app import queue
from counter_app.config import default_paths
from counter_app.db import session_scope
from counter_app.models import Ticket
from counter_app.settings import DeviceSettings
from tests.factories import ADMIN, KIOSK, OFFICER, OFFICER2
from tests.ui.active import show_active
from ui.board import DisplayBoard
from ui.context import AppContext
from ui.kiosk import KioskWindow
from ui.queue_panel import QueuePanel
from ui.voice import CHIME, VOICE


class RecordingChime:
    """Records what the board would play: the chime alone, or the chime joined with the spoken call."""

    def __init__(self) -> None:
        self.played = 0
        self.sounds: list[Path] = []

    def play(self, sound: Path = CHIME) -> None:
        self.played += 1
        self.sounds.append(sound)


@pytest.fixture
def groups(engine: Engine) -> Engine:
    with session_scope(engine) as s:
        queue.ensure_group(s, ADMIN, "A", "Hộ tịch – Chứng thực", "A")
        queue.ensure_group(s, ADMIN, "B", "Đất đai – Xây dựng", "B")
    return engine


def _ctx(engine: Engine, actor: object, kiosk_mode: bool = False) -> AppContext:
    device = DeviceSettings(unit_code="27460", counter_no=1, kiosk_mode=kiosk_mode)
    return AppContext(engine, default_paths().ensure(), device, actor)  # type: ignore[arg-type]


def test_board_shows_calls_from_any_counter_and_chimes(qtbot: QtBot, groups: Engine) -> None:
    chime = RecordingChime()
    board = DisplayBoard(_ctx(groups, OFFICER), chime)
    qtbot.addWidget(board)
    with session_scope(groups) as s:
        for _ in range(3):
            queue.issue_ticket(s, KIOSK, "A")
    board.refresh()
    assert board.latest.text() == "—" and chime.played == 0
    # Counter 2's call as it lands in this PC's database (a pull); the board finds it by itself. The real
    # path between two PCs, each with its own database, is tests/ui/test_ward_pcs.py.
    with session_scope(groups) as s:
        first = queue.call_next(s, OFFICER2)
    qtbot.waitUntil(lambda: board.latest.text() == "A001", timeout=5000)
    assert board.latest_counter.text() == "đến QUẦY 2" and chime.played == 1
    with session_scope(groups) as s:
        queue.call_next(s, OFFICER)
    board.refresh()
    assert board.latest.text() == "A002" and board.rows[0][0].text() == "A001" and chime.played == 2
    with session_scope(groups) as s:
        assert first is not None
        queue.recall(s, OFFICER2, first.id)
    board.refresh()
    assert board.latest.text() == "A001" and chime.played == 3
    board.refresh()
    assert chime.played == 3  # nothing new, no chime


def test_kiosk_issues_and_prints_a_slip(qtbot: QtBot, groups: Engine) -> None:
    kiosk = KioskWindow(_ctx(groups, None, kiosk_mode=True))
    qtbot.addWidget(kiosk)
    assert set(kiosk.group_buttons) == {"A", "B"}
    qtbot.mouseClick(kiosk.group_buttons["B"], Qt.MouseButton.LeftButton)
    kiosk.priority_box.setChecked(True)
    qtbot.mouseClick(kiosk.group_buttons["B"], Qt.MouseButton.LeftButton)
    assert "B002" in kiosk.message.text() and "0 người" in kiosk.message.text()  # priority goes first
    assert kiosk.last_slip is not None
    text = subprocess.run(["pdftotext", str(kiosk.last_slip), "-"], capture_output=True, text=True).stdout
    assert "B002" in text and "Phường An Lạc" in text and "Đất đai – Xây dựng" in text
    with session_scope(groups) as s:
        assert [t.priority_reason for t in s.exec(select(Ticket).order_by(Ticket.number)).all()] == [None, "elderly"]


def test_transfer_from_the_queue_panel(qtbot: QtBot, groups: Engine) -> None:
    panel = QueuePanel(_ctx(groups, OFFICER))
    qtbot.addWidget(panel)
    qtbot.mouseClick(panel.issue_button, Qt.MouseButton.LeftButton)
    panel.call_next()
    assert panel.current is not None
    panel.transfer("Quầy 2")
    with session_scope(groups) as s:
        ticket = s.exec(select(Ticket)).one()
        assert (ticket.status, ticket.target_counter) == (queue.WAITING, 2)
        again = queue.call_next(s, OFFICER2)
        assert again is not None and again.id == ticket.id
    panel.refresh()
    panel.current = None


def _pdf_printer(target: Path) -> QPrinter:
    """A printer whose paper is a PDF file: what reaches it can be read back."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(target))
    return printer


def test_kiosk_sends_the_slip_to_the_receipt_printer(qtbot: QtBot, groups: Engine, tmp_path: Path) -> None:
    ctx = _ctx(groups, None, kiosk_mode=True)
    ctx.settings.slip_printer = "Máy in phiếu"
    kiosk = KioskWindow(ctx)
    qtbot.addWidget(kiosk)
    asked: list[str] = []
    paper = tmp_path / "printed.pdf"
    kiosk.printer_factory = lambda name: asked.append(name) or _pdf_printer(paper)
    qtbot.mouseClick(kiosk.group_buttons["A"], Qt.MouseButton.LeftButton)
    assert asked == ["Máy in phiếu"] and paper.exists()
    printed = subprocess.run(["pdftotext", str(paper), "-"], capture_output=True, text=True).stdout
    assert "A001" in printed and "Hộ tịch – Chứng thực" in printed
    assert "chưa sẵn sàng" not in kiosk.message.text()
    assert kiosk.last_slip is not None and kiosk.last_slip.exists()  # the PDF copy is kept too


def test_kiosk_without_its_printer_still_issues_and_says_so(qtbot: QtBot, groups: Engine) -> None:
    ctx = _ctx(groups, None, kiosk_mode=True)
    ctx.settings.slip_printer = "Máy in đã tháo"  # not installed on this machine: the real lookup finds nothing
    kiosk = KioskWindow(ctx)
    qtbot.addWidget(kiosk)
    qtbot.mouseClick(kiosk.group_buttons["B"], Qt.MouseButton.LeftButton)
    assert "B001" in kiosk.message.text() and "Máy in phiếu chưa sẵn sàng" in kiosk.message.text()
    assert kiosk.last_slip is not None and kiosk.last_slip.exists()
    with session_scope(groups) as s:
        assert len(s.exec(select(Ticket)).all()) == 1


def test_board_opens_on_the_chosen_screen(qtbot: QtBot, groups: Engine) -> None:
    from ui.main_window import MainWindow

    ctx = _ctx(groups, OFFICER)
    screens = QGuiApplication.screens()
    ctx.settings.board_screen = screens[0].name()
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    board = window.open_board()
    qtbot.addWidget(board)
    assert board.screen().name() == screens[0].name() and board.isFullScreen()
    ctx.settings.board_screen = "HDMI-9 (đã rút)"
    other = window.open_board()
    qtbot.addWidget(other)
    assert other.screen().name() == screens[-1].name() and other.isFullScreen()


def test_kiosk_opened_at_a_counter_uses_its_block_and_outlives_a_sign_out(qtbot: QtBot, groups: Engine) -> None:
    from ui.main_window import MainWindow

    ctx = _ctx(groups, OFFICER)
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    kiosk = window.open_kiosk()
    qtbot.addWidget(kiosk)
    window.sign_out("manual")
    assert ctx.actor is None
    qtbot.mouseClick(kiosk.group_buttons["A"], Qt.MouseButton.LeftButton)
    assert "A1001" in kiosk.message.text()  # counter 1's own block: never the reception kiosk's A001


def test_board_closes_with_escape_and_its_close_button(qtbot: QtBot, groups: Engine) -> None:
    board = DisplayBoard(_ctx(groups, OFFICER), RecordingChime())
    qtbot.addWidget(board)
    show_active(qtbot, board)
    qtbot.keyClick(board, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not board.isVisible())
    show_active(qtbot, board)
    assert board.close_button.isVisible() and "Esc" in board.close_button.text()
    qtbot.mouseClick(board.close_button, Qt.MouseButton.LeftButton)
    assert not board.isVisible()


def test_board_shows_ward_clock_and_waiting_per_group(qtbot: QtBot, groups: Engine) -> None:
    with session_scope(groups) as s:
        for code in "AAB":
            queue.issue_ticket(s, KIOSK, code)
        queue.call_next(s, OFFICER2, ["A"])
    board = DisplayBoard(_ctx(groups, OFFICER), RecordingChime())
    qtbot.addWidget(board)
    assert board.ward.text() == "Phường An Lạc"
    assert re.fullmatch(r"\d\d:\d\d  \d\d/\d\d/\d{4}", board.clock.text())
    assert "A Hộ tịch – Chứng thực: 1 người chờ" in board.waiting.text()
    assert "B Đất đai – Xây dựng: 1 người chờ" in board.waiting.text()


def test_kiosk_from_a_counter_is_a_window_that_escape_closes(qtbot: QtBot, groups: Engine) -> None:
    from ui.main_window import MainWindow

    window = MainWindow(_ctx(groups, OFFICER))
    qtbot.addWidget(window)
    kiosk = window.open_kiosk()
    qtbot.addWidget(kiosk)
    assert not kiosk.isFullScreen() and kiosk.leave_button.text() == "✕ Đóng (Esc)"
    show_active(qtbot, kiosk)
    qtbot.keyClick(kiosk, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not kiosk.isVisible())


def test_reception_kiosk_is_full_screen_and_escape_asks_staff_to_sign_in(qtbot: QtBot, groups: Engine) -> None:
    from ui.window_flow import WindowFlow

    asked: list[bool] = []
    ctx = _ctx(groups, None, kiosk_mode=True)
    flow = WindowFlow(ctx, lambda: asked.append(True) or None, lambda: None)
    flow.start()
    kiosk = flow.kiosk
    assert kiosk is not None
    qtbot.addWidget(kiosk)
    qtbot.waitUntil(kiosk.isFullScreen)
    assert kiosk.leave_button.text() == "Cán bộ đăng nhập (Esc)"
    kiosk.activateWindow()
    qtbot.waitUntil(kiosk.isActiveWindow)
    qtbot.keyClick(kiosk, Qt.Key.Key_Escape)
    assert asked == [True] and kiosk.isVisible()  # nobody signed in: the kiosk stays for citizens


def test_kiosk_priority_is_for_one_ticket(qtbot: QtBot, groups: Engine) -> None:
    kiosk = KioskWindow(_ctx(groups, None, kiosk_mode=True))
    qtbot.addWidget(kiosk)
    kiosk.priority_box.setChecked(True)
    kiosk.priority.setCurrentIndex(2)
    qtbot.mouseClick(kiosk.group_buttons["A"], Qt.MouseButton.LeftButton)
    assert not kiosk.priority_box.isChecked() and kiosk.priority.currentIndex() == 0
    qtbot.mouseClick(kiosk.group_buttons["B"], Qt.MouseButton.LeftButton)
    with session_scope(groups) as s:
        assert [t.priority_reason for t in s.exec(select(Ticket).order_by(Ticket.issued_at)).all()] == [
            "pregnant",
            None,
        ]


def _frames(path: Path) -> bytes:
    with wave.open(str(path)) as clip:
        return clip.readframes(clip.getnframes())


@pytest.mark.parametrize(("language", "first_word"), [("vi", "invite"), ("en", "invite")])
def test_board_says_the_call_after_the_chime(qtbot: QtBot, groups: Engine, language: str, first_word: str) -> None:
    ctx = _ctx(groups, OFFICER)
    ctx.settings.language = language
    ctx.settings.voice_volume = 100  # the clips as shipped, to find them in the joined sound
    chime = RecordingChime()
    board = DisplayBoard(ctx, chime)
    qtbot.addWidget(board)
    with session_scope(groups) as s:
        queue.issue_ticket(s, KIOSK, "B")
        queue.call_next(s, OFFICER2)  # B001 to counter 2
    board.refresh()
    assert chime.played == 1
    spoken = _frames(chime.sounds[0])
    chime_part = _frames(CHIME)
    assert spoken.startswith(chime_part)  # the chime first, then the words
    clips = [VOICE / language / f"{name}.wav" for name in (first_word, "letter_B", "0", "0", "1", "to_counter", "2")]
    position = len(chime_part)
    for clip in clips:  # every clip of "Mời công dân có số B 0 0 1 đến quầy số 2", in order
        found = spoken.find(_frames(clip), position)
        assert found >= position, clip.name
        position = found + len(_frames(clip))
    if language == "vi":
        assert _frames(VOICE / "vi" / "invite.wav") != _frames(VOICE / "en" / "invite.wav")


def test_voice_can_be_turned_off_or_down(qtbot: QtBot, groups: Engine) -> None:
    ctx = _ctx(groups, OFFICER)
    ctx.settings.voice_volume = 50
    chime = RecordingChime()
    board = DisplayBoard(ctx, chime)
    qtbot.addWidget(board)
    with session_scope(groups) as s:
        queue.issue_ticket(s, KIOSK, "A")
        queue.issue_ticket(s, KIOSK, "A")
        queue.call_next(s, OFFICER2)
    board.refresh()
    with wave.open(str(chime.sounds[0])) as clip:
        quieter = array("h", clip.readframes(clip.getnframes()))
    loud = array("h", _frames(CHIME))
    assert max(quieter[: len(loud)]) == max(int(v * 0.5) for v in loud)
    ctx.settings.voice_calls = False
    with session_scope(groups) as s:
        queue.call_next(s, OFFICER2)
    board.refresh()
    assert chime.sounds[1] == CHIME  # the chime alone
