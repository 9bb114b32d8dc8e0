"""The UI's one way into the core (as Anki's collection operations): run a core call in one
transaction, show a Vietnamese message when it refuses, and tell the widgets on success."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, TypeVar

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget
from sqlalchemy.engine import Engine
from sqlmodel import Session

from counter_app.db import read_scope, session_scope
from counter_app.errors import CounterError
from ui.i18n import error_text

T = TypeVar("T")


def run_op(parent: QWidget | None, engine: Engine, fn: Callable[[Session], T]) -> T | None:
    """Run `fn` in a transaction; on a CounterError show its message and return None."""
    try:
        with session_scope(engine) as session:
            return fn(session)
    except CounterError as exc:
        QMessageBox.warning(parent, QCoreApplication.translate("ops", "Không thực hiện được"), error_text(exc))
        return None


def read_op(parent: QWidget | None, engine: Engine, fn: Callable[[Session], T]) -> T | None:
    """As run_op, for work that only reads: it never waits for the sync engine's write lock."""
    try:
        with read_scope(engine) as session:
            return fn(session)
    except CounterError as exc:
        QMessageBox.warning(parent, QCoreApplication.translate("ops", "Không thực hiện được"), error_text(exc))
        return None


def run_async_op(
    parent: QWidget | None, work: Callable[[], Coroutine[Any, Any, T]], on_done: Callable[[T], None]
) -> asyncio.Future[T]:
    """A core or sync call that awaits the network (a queue claim) on the qasync loop; the window stays live.
    `on_done` runs on the UI thread with the result; a CounterError is shown, as by `run_op`."""

    async def run() -> T:
        result = await work()
        on_done(result)
        return result

    future = asyncio.ensure_future(run())

    def shown(done: asyncio.Future[T]) -> None:
        if not done.cancelled() and isinstance(done.exception(), CounterError):
            exc = done.exception()
            assert isinstance(exc, CounterError)
            QMessageBox.warning(parent, QCoreApplication.translate("ops", "Không thực hiện được"), error_text(exc))

    future.add_done_callback(shown)
    return future


_pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="ui-work")
Report = Callable[[int, int], None]


def run_in_worker(
    parent: QWidget | None, title: str, fn: Callable[[Report], T], on_done: Callable[[T], None]
) -> Future[T]:
    """Long work (backups, imports, reports) off the UI thread, with a progress dialog fed by `fn`'s
    report(done, total) calls; `on_done` runs on the UI thread; a CounterError is shown, not raised."""
    dialog = QProgressDialog(parent, labelText=title, minimum=0, maximum=0)
    dialog.setCancelButton(None)  # work that must finish has no cancel
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(300)
    state = [0, 0]

    def report(done: int, total: int) -> None:
        state[:] = [done, total]  # read by the UI thread's timer; plain ints, no Qt call from the worker

    future = _pool.submit(fn, report)
    timer = QTimer(dialog, interval=100)

    def poll() -> None:
        dialog.setMaximum(state[1])
        dialog.setValue(state[0])
        if not future.done():
            return
        timer.stop()
        dialog.close()
        try:
            result = future.result()
        except CounterError as exc:
            QMessageBox.warning(parent, QCoreApplication.translate("ops", "Không thực hiện được"), error_text(exc))
            return
        on_done(result)

    timer.timeout.connect(poll)
    timer.start()
    return future
