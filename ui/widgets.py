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


ERROR_STYLE = "color: #b00020"


def error_label() -> QLabel:
    """Where a dialog says, in Vietnamese, what to fix."""
    label = QLabel(wordWrap=True)
    label.setStyleSheet(ERROR_STYLE)
    return label


def dialog_buttons(ok_text: str, accept: Callable[[], None], reject: Callable[[], None]) -> QDialogButtonBox:
    """OK/Cancel with Vietnamese texts (Qt's own would stay in English)."""
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    buttons.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text)
    buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(QCoreApplication.translate("widgets", "Hủy"))
    buttons.accepted.connect(accept)
    buttons.rejected.connect(reject)
    return buttons
