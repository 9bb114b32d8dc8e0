"""Which window a PC shows: on a reception PC (kiosk mode) the ticket kiosk, with no sign-in; elsewhere the
sign-in, then the main window for that person. After a sign-out: back to the kiosk, or to the sign-in."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt

from counter_app.access import Actor
from ui.context import AppContext

if TYPE_CHECKING:  # each window's module loads when that window first opens
    from ui.board import DisplayBoard
    from ui.kiosk import KioskWindow
    from ui.main_window import MainWindow


class WindowFlow:
    def __init__(self, ctx: AppContext, sign_in: Callable[[], Actor | None], quit_app: Callable[[], None]) -> None:
        self.ctx, self.sign_in, self.quit_app = ctx, sign_in, quit_app
        self.main: MainWindow | None = None
        self.kiosk: KioskWindow | None = None
        self.board: DisplayBoard | None = None

    def start(self, signed_in: Actor | None = None) -> bool:
        """False when nobody signed in (the app ends). `signed_in`: who already signed in at start."""
        if self.ctx.settings.board_mode:
            return self.show_board()
        return self.show_kiosk() if self.ctx.settings.kiosk_mode else self.open_main(signed_in)

    def show_board(self) -> bool:
        """A PC that drives the TV: the board, full screen on its screen, no sign-in (it shows no personal
        data); closing it ends the app."""
        from ui.board import DisplayBoard

        board = DisplayBoard(self.ctx)
        board.destroyed.connect(self.quit_app)
        board.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.board = board
        board.show_on_screen(self.ctx.settings.board_screen)
        return True

    def open_main(self, signed_in: Actor | None = None) -> bool:
        actor = signed_in or self.sign_in()
        if actor is None:
            return False
        from ui.main_window import MainWindow

        self.ctx.actor = actor
        window = MainWindow(self.ctx)
        window.signed_out.connect(self._signed_out)
        window.closed_by_person.connect(self.quit_app)
        self.main = window
        window.show()
        if self.kiosk is not None:
            self.kiosk.hand_over()
            self.kiosk = None
        return True

    def show_kiosk(self) -> bool:
        from ui.kiosk import KioskWindow

        kiosk = KioskWindow(self.ctx)
        kiosk.staff_requested.connect(self.open_main)
        kiosk.closed_by_person.connect(self.quit_app)
        self.kiosk = kiosk
        kiosk.showFullScreen()
        return True

    def _signed_out(self) -> None:
        self.main = None
        if self.ctx.settings.kiosk_mode:
            self.show_kiosk()
        elif not self.open_main():
            self.quit_app()
