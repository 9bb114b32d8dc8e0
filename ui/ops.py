"""The UI's one way into the core (as Anki's collection operations): run a core call in one
transaction, show a Vietnamese message when it refuses, and tell the widgets on success."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtWidgets import QMessageBox, QWidget
from sqlalchemy.engine import Engine
from sqlmodel import Session

from counter_app.db import session_scope
from counter_app.errors import CounterError

T = TypeVar("T")


def run_op(parent: QWidget | None, engine: Engine, fn: Callable[[Session], T]) -> T | None:
    """Run `fn` in a transaction; on a CounterError show its message and return None."""
    try:
        with session_scope(engine) as session:
            return fn(session)
    except CounterError as exc:
        QMessageBox.warning(parent, "Không thực hiện được", str(exc))
        return None
