"""The rest of the app loads while the sign-in window shows.

The sign-in window needs only Qt and `sqlite3` (the database is checked and migrated with it, the device
settings read with it). SQLAlchemy, SQLModel and the core's modules take longer to import than all of
that together, so they load on a worker thread while the person types, and the database engine is made
there: the main window then finds them loaded. The core never imports Qt, so nothing Qt happens on
that thread.
"""

from __future__ import annotations

import importlib
import logging
import threading
from concurrent.futures import Future
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

log = logging.getLogger("ward_counter")

# What the windows import from the core after that, heaviest first; a module missing here only loads later.
CORE_MODULES = (
    "counter_app.dossiers",
    "counter_app.queue",
    "counter_app.citizens",
    "counter_app.parties",
    "counter_app.privacy",
    "counter_app.catalog_admin",
    "counter_app.calendar_entries",
    "counter_app.register",
    "counter_app.audit_view",
    "counter_app.assisted",
    "counter_app.backup",
    "sync.client.calling",
    "sync.client.engine",
    "sync.client.enroll",
)


def _engine(database: Path) -> Engine:
    """What a sign-in needs: Argon2 (`counter_app.passwords`), the engine (SQLAlchemy, SQLModel, the models) and
    `counter_app.staff`."""
    import counter_app.passwords  # noqa: F401
    import counter_app.staff  # noqa: F401
    from counter_app.db import make_engine

    engine = make_engine(database)
    engine.connect().close()  # the first connection (pragmas) made here too
    return engine


def _rest(go_on: threading.Event) -> None:
    """The rest, while the person types; it waits while `go_on` is clear (a sign-in is under way: what the main
    window needs loads first, on the UI thread, and would only share Python's lock with this)."""
    for name in CORE_MODULES:
        go_on.wait()
        try:
            importlib.import_module(name)
        except Exception:  # the window that needs it imports it again and shows the error there
            log.exception("warm start could not load %s", name)
            return


class WarmStart:
    def __init__(self, database: Path) -> None:
        self.database = database
        self._future: Future[Engine] | None = None
        self._lock = threading.Lock()
        self._go_on = threading.Event()
        self._go_on.set()

    def start(self) -> None:
        """Begin loading (once): called when the sign-in window is up, so that it is not slowed by this."""
        with self._lock:
            if self._future is None:
                self._future = Future()
                threading.Thread(target=self._run, args=(self.database,), name="warm-start", daemon=True).start()

    def hold_rest(self) -> None:
        """A sign-in is under way: what is not loaded yet beyond the engine waits for `go_on_with_rest`."""
        self._go_on.clear()

    def go_on_with_rest(self) -> None:
        self._go_on.set()

    def _run(self, database: Path) -> None:
        assert self._future is not None
        try:
            self._future.set_result(_engine(database))
        except BaseException as exc:  # handed to whoever asks for the engine
            self._future.set_exception(exc)
            return
        _rest(self._go_on)

    def engine(self) -> Engine:
        """The database engine, once loaded (starts loading if need be, and waits for it)."""
        self.start()
        assert self._future is not None
        return self._future.result()
