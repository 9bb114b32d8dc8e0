"""The display board: a second window for the TV showing the numbers called and their counters in large
type, updated live, with a chime on every call."""

from __future__ import annotations

import shutil
import subprocess
import sys
from typing import Protocol

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QApplication, QGridLayout, QLabel, QVBoxLayout, QWidget

from counter_app import queue
from counter_app.config import resources_dir
from ui.context import AppContext
from ui.ops import read_op

CHIME = resources_dir() / "sounds" / "chime.wav"


class Chime(Protocol):
    def play(self) -> None: ...


class WavChime:
    """QtMultimedia is not in PySide6-Essentials: play the WAV with the platform's own player."""

    def play(self) -> None:
        if sys.platform == "win32":
            import winsound

            winsound.PlaySound(str(CHIME), winsound.SND_FILENAME | winsound.SND_ASYNC)  # type: ignore[attr-defined]
            return
        player = shutil.which("paplay") or shutil.which("aplay")
        if player:
            subprocess.Popen([player, str(CHIME)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        else:
            QApplication.beep()


class DisplayBoard(QWidget):
    ROWS = 6

    def __init__(self, ctx: AppContext, chime: Chime | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.chime = ctx, chime or WavChime()
        self.setWindowTitle(self.tr("Màn hình gọi số"))
        self.setStyleSheet("background: #0b2545; color: white;")
        self.latest = QLabel("—", alignment=Qt.AlignmentFlag.AlignCenter)
        self.latest.setStyleSheet("font-size: 120px; font-weight: bold; color: #ffd166")
        self.latest_counter = QLabel("", alignment=Qt.AlignmentFlag.AlignCenter)
        self.latest_counter.setStyleSheet("font-size: 56px")
        self.rows: list[tuple[QLabel, QLabel]] = []
        grid = QGridLayout()
        for i in range(self.ROWS):
            number, counter = QLabel(""), QLabel("")
            for label in (number, counter):
                label.setStyleSheet("font-size: 44px")
            grid.addWidget(number, i, 0)
            grid.addWidget(counter, i, 1)
            self.rows.append((number, counter))
        layout = QVBoxLayout(self)
        title = QLabel(self.tr("MỜI CÔNG DÂN CÓ SỐ"), alignment=Qt.AlignmentFlag.AlignCenter)
        title.setStyleSheet("font-size: 40px")
        layout.addWidget(title)
        layout.addWidget(self.latest)
        layout.addWidget(self.latest_counter)
        layout.addLayout(grid)
        self._seen: tuple[str, object] | None = None
        self._primed = False  # what is on screen when the board opens does not chime
        self.timer = QTimer(self, interval=2000)  # calls made at other counters arrive through the database
        self.timer.timeout.connect(self.refresh)
        self.timer.start()
        ctx.bus.data_changed.connect(lambda entity: self.refresh() if entity == "ticket" else None)
        self.refresh()

    def refresh(self) -> None:
        unit = self.ctx.settings.unit_code
        calls = read_op(self, self.ctx.engine, lambda s: queue.recent_calls(s, unit, self.ROWS + 1)) or []
        key = (calls[0].id, calls[0].called_at) if calls else None  # a recall changes called_at: it chimes again
        if self._primed and key is not None and key != self._seen:
            self.chime.play()
        self._seen, self._primed = key, True
        if not calls:
            return
        newest = calls[0]
        self.latest.setText(newest.label)
        self.latest_counter.setText(self.tr("đến QUẦY {counter_no}").format(counter_no=newest.counter_no))
        for (number, counter), ticket in zip(self.rows, [*calls[1:], *[None] * self.ROWS], strict=False):
            number.setText(ticket.label if ticket else "")
            counter.setText(self.tr("Quầy {counter_no}").format(counter_no=ticket.counter_no) if ticket else "")

    def show_on_screen(self, name: str = "") -> QScreen:
        """Full screen on the screen of that name; the last screen (usually the TV) when it is not there."""
        screens = QGuiApplication.screens()
        screen = next((sc for sc in screens if name and sc.name() == name), screens[-1])
        self.setScreen(screen)
        self.setGeometry(screen.geometry())
        self.showFullScreen()
        return screen
