"""Drive the real windows on a demo database and grab each main screen (called by scripts/screenshots)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication, QWidget
from sqlalchemy.engine import Engine
from sqlmodel import select

from counter_app import demo, fees, outbox, retention, settings, staff
from counter_app.access import Actor
from counter_app.catalog import default_catalog
from counter_app.clock import utc_now
from counter_app.config import default_paths
from counter_app.db import make_engine, session_scope
from counter_app.deployment import Deployment
from counter_app.ids import new_id
from counter_app.models import Dossier, FeeEntry
from sync.client.engine import MSG_RETURNING, SyncStatus
from ui import i18n, style
from ui.admin import AccountsDialog, AuditViewer
from ui.board import DisplayBoard
from ui.context import AppContext
from ui.dossiers.detail import DossierDetailDialog
from ui.dossiers.intake_wizard import IntakeWizard
from ui.fee_dialog import FeeDialog
from ui.first_run import FirstRunDialog
from ui.kiosk import KioskWindow
from ui.main_window import MainWindow
from ui.retention_dialog import RetentionDialog
from ui.settings_dialog import SettingsDialog

PRINT = ":".join(["3F", "A1", "9C", "07"] * 8)  # a made-up fingerprint for the picture


def grab(app: QApplication, widget: QWidget, out: Path, name: str) -> None:
    widget.show()
    for _ in range(5):
        app.processEvents()
    widget.grab().save(str(out / f"{name}.png"))


def _ward_values(engine: Engine, admin: Actor) -> None:
    """A fee the city published (as pulled from the hub) and the ward admin's own fee and retention period."""
    council = [p.code for p in default_catalog().procedures if p.fee_authority == "city_council"]
    with session_scope(engine) as s:
        with outbox.remote_apply(s):
            s.add(
                FeeEntry(
                    id=new_id(),
                    unit_code=admin.unit_code,
                    procedure_code=council[0],
                    vnd=90000,
                    source="Nghị quyết .../2026/NQ-HĐND của HĐND Thành phố (ví dụ)",
                    origin="city",
                )
            )
        if len(council) > 1:
            fees.set_fee(s, admin, council[1], "120.000", "Nghị quyết .../2026/NQ-HĐND (phường ghi, ví dụ)")
        retention.set_retention(s, admin, "Chứng thực", 3, "Quyết định .../QĐ-UBND của phường (ví dụ)")
        code = default_catalog().procedures[0].code  # a period carried over from a PC's old settings
        retention.set_retention(s, admin, code, 5, "Giá trị đã ghi trên máy này (ví dụ)", scope="procedure")


def main(out: Path) -> None:
    app = QApplication(sys.argv)
    style.apply(app)
    i18n.install(os.environ.get("WARD_SHOTS_LANGUAGE", i18n.DEFAULT))
    paths = default_paths().ensure()
    demo.fill(paths.database, tickets=120, dossier_count=80)
    engine = make_engine(paths.database)
    first = FirstRunDialog(engine)
    first.ward_search.setText("an lac")
    grab(app, first, out, "first-run")
    joining = FirstRunDialog(
        engine, deployment=Deployment(ward_hub="https://192.168.1.10:8765", ward_hub_fingerprint=PRINT)
    )
    joining.join_code.setText("ABCD-EFGH-JKLM")
    grab(app, joining, out, "first-run-join")
    with session_scope(engine) as s:
        device = settings.load(s)
        dossier_id = s.exec(select(Dossier.id)).first()
    officer = staff.sign_in(engine, "canbo1", demo.PASSWORDS["canbo1"], 1)
    ctx = AppContext(engine, paths, device, officer)
    window = MainWindow(ctx)
    window.resize(1280, 760)
    window.queue.call_next()
    grab(app, window, out, "queue")
    assert window.dossiers is not None
    window.tabs.setCurrentWidget(window.dossiers)
    grab(app, window, out, "dossier-list")
    window.focus_search()
    window.search.box.setText("nguyen thi")
    window.search.run()
    grab(app, window, out, "search")
    assert window.volunteer is not None
    window.tabs.setCurrentWidget(window.volunteer)
    window.volunteer.query.setText("khai sinh")
    window.volunteer.procedures.setCurrentRow(0)
    window.volunteer.show_step(2)
    grab(app, window, out, "volunteer-guide")
    wizard = IntakeWizard(ctx)
    wizard.procedure_page.query.setText("ket hon")
    grab(app, wizard, out, "intake-wizard")
    if dossier_id:
        detail = DossierDetailDialog(ctx, dossier_id)
        grab(app, detail, out, "dossier-detail")
        pdf = detail.open_form("01", show=False)
        if pdf:
            subprocess.run(
                ["pdftoppm", "-r", "70", "-png", "-f", "1", "-l", "1", str(pdf), str(out / "receipt")], check=False
            )
    board = DisplayBoard(ctx)
    board.resize(1280, 720)
    grab(app, board, out, "display-board")
    kiosk = KioskWindow(ctx)
    kiosk.resize(900, 700)
    grab(app, kiosk, out, "kiosk")
    window.tabs.setCurrentWidget(window.sync_panel)
    grab(app, window, out, "sync")
    # a new PC taking its ward's history: the status bar and the sync panel say how far it is
    device.primary_hub = "https://10.0.0.5:8443"
    window.sync_panel.refresh()
    pulling = SyncStatus(online=True, hub_url=device.primary_hub, progress=(41_000, 100_000), phase="pull")
    ctx.bus.sync_status.emit(pulling)
    grab(app, window, out, "sync-history-pull")
    device.primary_hub = ""
    ctx.bus.sync_status.emit(SyncStatus(online=True, last_success=utc_now()))
    admin = staff.sign_in(engine, "admin", demo.PASSWORDS["admin"], 1)
    admin_ctx = AppContext(engine, paths, device, admin)
    grab(app, AuditViewer(admin_ctx), out, "audit")
    grab(app, AccountsDialog(admin_ctx), out, "accounts")
    grab(app, SettingsDialog(admin_ctx), out, "settings")
    _ward_values(engine, admin)
    fee_dialog = FeeDialog(admin_ctx)
    fee_dialog.table.selectRow(0)
    grab(app, fee_dialog, out, "fees")
    retention_dialog = RetentionDialog(admin_ctx)
    retention_dialog.table.selectRow(1)
    grab(app, retention_dialog, out, "retention")
    window.queue.issue()
    window.queue.recall()
    window.tabs.setCurrentWidget(window.queue)
    window.resize(1366, 768)
    grab(app, window, out, "queue-1366")
    # the ward hub down: working through the city hub, then no hub at all (the offline policy holds tickets back)
    device.primary_hub, device.backup_hub = "https://192.168.1.10:8765", "https://hub.tphcm.example"
    window.show_sync(SyncStatus(online=True, hub_url=device.backup_hub, last_success=utc_now()))
    grab(app, window, out, "queue-via-city-hub")
    window.show_sync(SyncStatus(online=False))
    window.queue._called(None, offline=True, held_back=7)
    grab(app, window, out, "queue-offline-policy")
    # the hub is back after an outage: this PC waits for its place in the city's return (sync/hub/spread.py)
    returning = {"error_template": MSG_RETURNING, "error_params": {"seconds": "18"}}
    window.show_sync(SyncStatus(online=False, pending=12, **returning))  # type: ignore[arg-type]
    grab(app, window, out, "queue-hub-back-waiting-its-turn")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
