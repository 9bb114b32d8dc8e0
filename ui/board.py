"""The display board: a second window for the TV showing the numbers called and their counters in large
type, updated live, with a chime on every call."""

from __future__ import annotations

import shutil
import subprocess
import sys
from datetime import datetime
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QGuiApplication, QKeySequence, QScreen, QShortcut
from PySide6.QtWidgets import QApplication, QGridLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from counter_app import queue
from counter_app.clock import to_local, utc_now
from counter_app.models import Ticket
from counter_app.units import get_unit
from ui.context import AppContext
from ui.ops import read_op
from ui.voice import CHIME, call_sound
from ui.widgets import named


class Chime(Protocol):
    def play(self, sound: Path = CHIME) -> None: ...


class WavChime:
    """QtMultimedia is not in PySide6-Essentials: play the WAV with the platform's own player."""

    def play(self, sound: Path = CHIME) -> None:
        if sys.platform == "win32":
            import winsound

            winsound.PlaySound(str(sound), winsound.SND_FILENAME | winsound.SND_ASYNC)  # type: ignore[attr-defined]
            return
        player = shutil.which("paplay") or shutil.which("aplay")
        if player:
            subprocess.Popen([player, str(sound)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        else:
            QApplication.beep()


class DisplayBoard(QWidget):
    ROWS = 5

    def __init__(self, ctx: AppContext, chime: Chime | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.chime = ctx, chime or WavChime()
        self.setObjectName("board")  # its dark TV look comes from the one stylesheet
        self.setWindowTitle(self.tr("Màn hình gọi số"))
        self.ward = named(QLabel(get_unit(ctx.settings.unit_code).name), "boardWard")
        self.clock = named(QLabel(), "boardClock")
        self.close_button = named(QPushButton(self.tr("✕ Đóng (Esc)")), "boardClose")
        self.close_button.setToolTip(self.tr("Đóng màn hình gọi số (Esc)"))
        self.close_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.close_button.clicked.connect(self.close)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.close)
        self.latest = named(QLabel("—", alignment=Qt.AlignmentFlag.AlignCenter), "boardLatest")
        self.latest_counter = named(QLabel("", alignment=Qt.AlignmentFlag.AlignCenter), "boardLatestCounter")
        self.rows: list[tuple[QLabel, QLabel]] = []
        grid = QGridLayout()
        for i in range(self.ROWS):
            number, counter = named(QLabel(""), "boardRow"), named(QLabel(""), "boardRow")
            number.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            grid.addWidget(number, i, 0)
            grid.addWidget(counter, i, 1)
            self.rows.append((number, counter))
        self.waiting = named(QLabel("", alignment=Qt.AlignmentFlag.AlignCenter), "boardWaiting")
        self.waiting.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(self.ward, 1)
        top.addWidget(self.clock)
        top.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        title = named(QLabel(self.tr("MỜI CÔNG DÂN CÓ SỐ"), alignment=Qt.AlignmentFlag.AlignCenter), "boardTitle")
        layout.addWidget(title)
        layout.addWidget(self.latest)
        layout.addWidget(self.latest_counter)
        layout.addLayout(grid)
        layout.addStretch(1)
        layout.addWidget(self.waiting)
        self._seen: set[tuple[str, datetime | None]] = set()  # calls already announced (a recall is a new call)
        self._primed = False  # what is on screen when the board opens does not chime
        self.timer = QTimer(self, interval=2000)  # calls made at other counters arrive through the database
        self.timer.timeout.connect(self.refresh)
        self.timer.start()
        self.clock_timer = QTimer(self, interval=1000)
        self.clock_timer.timeout.connect(self._tick)
        self.clock_timer.start()
        self._tick()
        ctx.bus.data_changed.connect(self._on_data_changed)  # a method: disconnected when the board goes
        self.refresh()

    def _on_data_changed(self, entity: str) -> None:
        if entity == "ticket":
            self.refresh()

    def _tick(self) -> None:
        self.clock.setText(f"{to_local(utc_now()):%H:%M  %d/%m/%Y}")  # the ward's time, whatever the PC's zone

    def _show_waiting(self) -> None:
        unit = self.ctx.settings.unit_code
        counts = read_op(self, self.ctx.engine, lambda s: queue.waiting_by_group(s, unit)) or {}
        groups = read_op(self, self.ctx.engine, lambda s: queue.list_groups(s, unit)) or []
        parts = [
            self.tr("{prefix} {name}: {n} người chờ").format(prefix=g.prefix, name=g.name, n=counts.get(g.code, 0))
            for g in groups
        ]
        self.waiting.setText("   ·   ".join(parts))

    def refresh(self) -> None:
        unit = self.ctx.settings.unit_code
        calls = read_op(self, self.ctx.engine, lambda s: queue.recent_calls(s, unit, self.ROWS + 1)) or []
        keys = {(c.id, c.called_at) for c in calls}  # a recall changes called_at: it chimes again
        if self._primed:  # calls from several counters can arrive in one pull: each is announced, oldest first
            for call in reversed(calls):
                if (call.id, call.called_at) not in self._seen:
                    self.announce(call)
        self._seen, self._primed = keys, True
        self._show_waiting()
        if not calls:
            return
        newest = calls[0]
        self.latest.setText(newest.label)
        self.latest_counter.setText(self.tr("đến QUẦY {counter_no}").format(counter_no=newest.counter_no))
        for (number, counter), ticket in zip(self.rows, [*calls[1:], *[None] * self.ROWS], strict=False):
            number.setText(ticket.label if ticket else "")
            counter.setText(self.tr("Quầy {counter_no}").format(counter_no=ticket.counter_no) if ticket else "")

    def announce(self, ticket: Ticket) -> None:
        """The chime, then (when the ward wants it) the call spoken in the board's language."""
        device = self.ctx.settings
        if not device.voice_calls or ticket.counter_no is None:
            self.chime.play()
            return
        folder = self.ctx.paths.data / "calls"
        self.chime.play(call_sound(ticket.label, ticket.counter_no, device.language, device.voice_volume, folder))

    def show_on_screen(self, name: str = "") -> QScreen:
        """Full screen on the screen of that name; the last screen (usually the TV) when it is not there."""
        screens = QGuiApplication.screens()
        screen = next((sc for sc in screens if name and sc.name() == name), screens[-1])
        self.setScreen(screen)
        self.setGeometry(screen.geometry())
        self.showFullScreen()
        return screen
