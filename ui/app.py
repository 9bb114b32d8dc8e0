"""Start the desktop app: open (or recover) the local database, first-run setup, sign in, main window,
and the background sync engine on the qasync loop when a hub is configured.

The sign-in window comes first and fast: up to it the app needs only Qt and `sqlite3`; everything else
(SQLAlchemy, the core, the main window's modules) loads while it shows (ui.warm_start) or when first used.
tests/test_fast_paths.py holds what may not be imported before it.
"""

from __future__ import annotations

import importlib
import logging
import sys
from collections.abc import Callable, Sequence
from concurrent.futures import Future
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from counter_app import deployment, settings
from counter_app.access import Actor
from counter_app.config import Paths, default_paths
from counter_app.db import prepare
from counter_app.deployment import Deployment
from counter_app.errors import CorruptDatabaseError, CounterError
from counter_app.logs import setup_logging
from ui import crash, heap, i18n, style
from ui.context import AppContext
from ui.fonts import register_form_fonts
from ui.i18n import error_text
from ui.pulled_news import PulledNews
from ui.sign_in import SignInDialog
from ui.warm_start import WarmStart

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

    from counter_app import startup
    from sync.client.engine import SyncEngine

log = logging.getLogger("ward_counter")


def open_with_recovery(paths: Paths) -> Engine | None:
    """The database, or None when the person chose to stop (see `prepare_with_recovery`)."""
    from counter_app.db import make_engine

    return make_engine(paths.database) if prepare_with_recovery(paths) else None


def prepare_with_recovery(paths: Paths) -> bool:
    """The database checked and migrated, or False when the person chose to stop. A corrupted file gets
    the offer of the newest good backup; a file from a newer app version is refused without being touched."""
    try:
        prepare(paths.database, paths.backups)
        return True
    except CorruptDatabaseError as exc:
        from counter_app import backup

        offer = backup.newest_good_backup(paths.backups)
        if offer is None:
            return _start_afresh(paths, exc)
        when = QCoreApplication.translate("app", "{taken_at:%H:%M ngày %d/%m/%Y}").format(taken_at=offer.taken_at)
        question = QCoreApplication.translate(
            "app", "{exc}\n\nKhôi phục bản sao lưu lúc {when}?\n(Tệp hỏng được giữ lại để kiểm tra.)"
        ).format(exc=error_text(exc), when=when)
        answer = QMessageBox.question(None, QCoreApplication.translate("app", "Dữ liệu bị hỏng"), question)
        if answer != QMessageBox.StandardButton.Yes:
            return False
        backup.restore(offer.path, paths.database, paths.backups / "set-aside")
        _audit_restore(paths, offer.path.name)
        return True
    except CounterError as exc:  # a newer version's file, a full or read-only disk: nothing was changed
        QMessageBox.critical(None, QCoreApplication.translate("app", "Không mở được dữ liệu"), error_text(exc))
        return False


def _audit_restore(paths: Paths, backup_name: str) -> None:
    from counter_app import backup
    from counter_app.db import open_database

    engine = open_database(paths.database, paths.backups)
    try:
        backup.audit_restore(engine, None, backup_name)
    finally:
        engine.dispose()


def _start_afresh(paths: Paths, exc: CorruptDatabaseError) -> bool:
    """No good backup: the damaged file may be set aside (kept, never deleted) for a new start,
    but only when the person says so; the default is to stop and call IT."""
    question = QCoreApplication.translate(
        "app",
        "{exc}\nKhông có bản sao lưu nào còn tốt; hãy gọi bộ phận CNTT.\n\n"
        "Hoặc cất tệp hỏng sang {folder} (giữ nguyên để kiểm tra) và bắt đầu lại từ đầu với dữ liệu trống?",
    ).format(exc=error_text(exc), folder=paths.backups / "set-aside")
    answer = QMessageBox.question(
        None,
        QCoreApplication.translate("app", "Dữ liệu bị hỏng"),
        question,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    if answer != QMessageBox.StandardButton.Yes:
        return False
    from counter_app import backup

    backup.set_aside(paths.database, paths.backups / "set-aside")
    prepare(paths.database, paths.backups)
    return True


START_CHECKS_AFTER_MS = 3000


def watch_start_checks(app: QApplication, checks: Future[startup.StartChecks]) -> QTimer:
    """Say so when the full integrity check (run after start, see counter_app.startup) finds damage."""
    timer = QTimer(app, interval=500)

    def poll() -> None:
        if not checks.done():
            return
        timer.stop()
        try:
            intact = checks.result().intact
        except CounterError as exc:  # a failed daily backup (disk full…) is said; the counter keeps working
            log.warning("daily backup failed: %s", exc.template)
            QMessageBox.warning(None, QCoreApplication.translate("app", "Chưa sao lưu được"), error_text(exc))
            return
        except Exception:  # nothing found after start may take the app down; the log has it
            log.exception("background start checks failed")
            return
        if not intact:
            QMessageBox.warning(
                None,
                QCoreApplication.translate("app", "Dữ liệu bị hỏng"),
                QCoreApplication.translate(
                    "app",
                    "Kiểm tra toàn bộ cơ sở dữ liệu phát hiện lỗi. Hãy gọi bộ phận CNTT; lần khởi động sau "
                    "ứng dụng sẽ đề nghị khôi phục bản sao lưu gần nhất còn tốt.",
                ),
            )

    timer.timeout.connect(poll)
    timer.start()
    return timer


def read_deployment(paths: Paths) -> Deployment:
    """IT staff's deployment file, if any; a broken one is said, and first run goes on without it."""
    try:
        return deployment.load(paths.data)
    except CounterError as exc:
        QMessageBox.warning(None, QCoreApplication.translate("app", "Tệp triển khai"), error_text(exc))
        return Deployment()


def start_checks(paths: Paths) -> Future[startup.StartChecks]:
    from counter_app import startup

    return startup.start_in_background(paths.database, paths.backups)


def start_sync(ctx: AppContext, app: QCoreApplication) -> SyncEngine | None:
    """Background sync when hubs are configured and this PC is enrolled; otherwise fully offline."""
    hubs = ctx.settings.hubs
    if not hubs:
        return None
    from sync.client.engine import SyncEngine
    from sync.client.enroll import device_token

    if not any(device_token(h) for h in hubs):
        return None

    import asyncio

    from ui.heartbeat import Heartbeat

    pulled = PulledNews(ctx.bus)  # another PC's change: the windows show it at once (a history pull: twice a second)
    beat = Heartbeat.for_app(app)  # the sync worker lets the window run (sync/client/pacing.py)
    engine = SyncEngine(
        ctx.engine,
        hubs,
        device_token,
        ctx.settings.unit_code,
        on_status=ctx.bus.sync_status.emit,
        on_pulled=pulled,
        pacer=beat.pacer,
    )
    asyncio.ensure_future(engine.run())
    return engine


def run(argv: Sequence[str]) -> int:
    heap.hold()  # no collector passes while the app loads (see ui.heap); the main window's settle ends it
    app = QApplication(list(argv))
    app.setApplicationName("Ward Counter")
    app.setOrganizationName("WardCounter")
    app.setQuitOnLastWindowClosed(False)  # a sign-out closes the window but not the app
    register_form_fonts()
    style.apply(app)  # Fusion, Be Vietnam Pro and the one stylesheet, for every window
    i18n.install(i18n.DEFAULT)  # until this PC's choice is read
    try:
        paths = default_paths().ensure()
        setup_logging(paths.logs)
    except OSError:
        QMessageBox.critical(
            None,
            QCoreApplication.translate("app", "Không mở được dữ liệu"),
            QCoreApplication.translate(
                "app", "Không ghi được vào thư mục dữ liệu {folder}; hãy nhờ bộ phận CNTT cấp quyền ghi."
            ).format(folder=default_paths().data),
        )
        return 1
    crash.install()  # an error in a slot is logged and told calmly, not lost on stderr
    if not prepare_with_recovery(paths):
        return 1
    warm = WarmStart(paths.database)  # SQLAlchemy, the core and the engine: they load while sign-in shows
    # the full integrity check and the daily backup run while the person signs in, not before the first
    # window, and only once it is up: a few seconds in, so they do not compete with drawing it
    QTimer.singleShot(START_CHECKS_AFTER_MS, lambda: watch_start_checks(app, start_checks(paths)))
    device = settings.read(paths.database)
    if not device.configured:
        from ui.first_run import FirstRunDialog

        heap.resume()  # a long first-run dialog: not without the collector
        if FirstRunDialog(warm.engine(), deployment=read_deployment(paths)).exec() != QDialog.DialogCode.Accepted:
            return 0
        device = settings.read(paths.database)
    i18n.install(device.language)

    def first_sign_in() -> None:
        """While the first sign-in is checked: the main window's modules load, the rest of the core after it."""
        warm.hold_rest()  # _run_windows lets it go on
        importlib.import_module("ui.main_window")

    def sign_in(engine: Engine | Callable[[], Engine], meanwhile: Callable[[], object] | None = None) -> Actor | None:
        dialog = SignInDialog(engine, device, meanwhile=meanwhile, database=paths.database)
        return dialog.actor if dialog.exec() == QDialog.DialogCode.Accepted else None

    signed_in = None
    if not (device.board_mode or device.kiosk_mode):  # the sign-in first, before the rest has loaded
        QTimer.singleShot(0, warm.start)  # runs once the sign-in window is up
        signed_in = sign_in(warm.engine, first_sign_in)
        if signed_in is None:
            return 0
    engine = warm.engine()
    return _run_windows(app, AppContext(engine, paths, device), lambda: sign_in(engine), signed_in, warm)


def _run_windows(
    app: QApplication, ctx: AppContext, sign_in: Callable[[], Actor | None], signed_in: Actor | None, warm: WarmStart
) -> int:
    """The windows and the sync engine on the qasync loop, until the app quits."""
    import asyncio

    import qasync

    from ui.window_flow import WindowFlow

    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    flow = WindowFlow(ctx, sign_in, app.quit)
    ctx.sync_engine = sync = start_sync(ctx, app)
    if not flow.start(signed_in):
        return 0
    heap.settle()  # what exists now lives as long as the app: out of the collector's full passes
    QTimer.singleShot(0, warm.go_on_with_rest)  # the rest of the core loads once the window is interactive
    closed = asyncio.Event()
    app.aboutToQuit.connect(closed.set)
    with loop:
        loop.run_until_complete(closed.wait())
    if sync:
        sync.stop()
    return 0


if __name__ == "__main__":
    sys.exit(run(sys.argv))
