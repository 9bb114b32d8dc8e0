"""Small pieces every dialog uses, so they look and behave the same."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialogButtonBox, QLabel, QWidget

W = TypeVar("W", bound=QWidget)


def named(widget: W, name: str) -> W:
    """Give a widget the object name the stylesheet styles it by (resources/style/app.qss)."""
    widget.setObjectName(name)
    return widget


def error_label() -> QLabel:
    """Where a dialog says, in Vietnamese, what to fix."""
    label = QLabel(wordWrap=True)
    label.setObjectName("error")  # red and bold: resources/style/app.qss
    return label


def set_state(widget: QWidget, state: str) -> None:
    """Colour a widget by a state of the palette (called, serving, done, moved): the stylesheet reads it."""
    if widget.property("state") != state:
        widget.setProperty("state", state)
        widget.style().unpolish(widget)
        widget.style().polish(widget)


def primary(button: W) -> W:
    """The one main action of a screen, in the accent colour."""
    button.setProperty("primary", True)
    return button


def empty_state(text: str) -> QLabel:
    """What a list says when it has nothing to show, in place of a blank box."""
    label = QLabel(text, wordWrap=True)
    label.setObjectName("empty")
    return label


def dialog_buttons(ok_text: str, accept: Callable[[], None], reject: Callable[[], None]) -> QDialogButtonBox:
    """OK/Cancel with Vietnamese texts (Qt's own would stay in English)."""
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    buttons.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text)
    buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(QCoreApplication.translate("widgets", "Hủy"))
    buttons.accepted.connect(accept)
    buttons.rejected.connect(reject)
    return buttons


class ReadsWhenSeen(QWidget):
    """A panel whose `refresh` reads the database: news re-reads it at once while it shows, else when it shows
    again, so a hidden list does not read on the UI thread while a pull applies (docs/PERFORMANCE.md, UI stall)."""

    stale = False  # news came while the panel was hidden

    def refresh(self) -> None:
        raise NotImplementedError

    def refresh_when_seen(self) -> None:
        if self.isVisible():
            self.refresh()
        else:
            self.stale = True

    def showEvent(self, event: object) -> None:  # noqa: N802 (Qt's name)
        if self.stale:
            self.refresh()
        super().showEvent(event)  # type: ignore[arg-type]
