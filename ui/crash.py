"""An unexpected error in a Qt slot: logged without personal data, and the officer told calmly.

Qt calls Python slots from its own event loop; an exception there would otherwise only reach stderr, which
nobody reads on a counter PC. The log keeps the error's type and where it happened (file, line, function),
never its message or values: a message may quote a name or an ID number the code choked on.
"""

from __future__ import annotations

import logging
import os
import sys
import traceback
from collections.abc import Callable
from types import TracebackType

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QMessageBox

log = logging.getLogger("ward_counter.crash")
Hook = Callable[[type[BaseException], BaseException, TracebackType | None], None]


def where(tb: TracebackType | None) -> str:
    """The frames of a traceback as file:line in function, without any value."""
    frames = traceback.extract_tb(tb)
    return " <- ".join(f"{f.filename.rsplit('/', 1)[-1]}:{f.lineno} in {f.name}" for f in reversed(frames))


def report(kind: type[BaseException], _error: BaseException, tb: TracebackType | None) -> str:
    """Log the error (type and place only) and tell the person; returns the reference shown to them."""
    reference = os.urandom(4).hex().upper()  # 8 hex digits to quote to IT
    log.error("unexpected error %s [%s] at %s", kind.__name__, reference, where(tb))
    if QApplication.instance() is not None:
        QMessageBox.warning(
            QApplication.activeWindow(),
            QCoreApplication.translate("crash", "Thao tác chưa thực hiện được"),
            QCoreApplication.translate(
                "crash",
                "Thao tác vừa rồi gặp một lỗi không lường trước nên chưa thực hiện được.\n"
                "Những gì đã lưu trước đó vẫn còn nguyên, không bị mất.\n"
                "Hãy thử lại; nếu vẫn lỗi, báo bộ phận CNTT mã lỗi {reference}.",
            ).format(reference=reference),
        )
    return reference


def install() -> Hook:
    """Route uncaught exceptions (Qt slots included) to `report`; returns the hook it replaced."""
    previous = sys.excepthook

    def hook(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            previous(kind, error, tb)
            return
        report(kind, error, tb)

    sys.excepthook = hook
    return previous
