"""Reception / kiosk mode: only issues tickets (one big button per service group) and prints a slip.

The kiosk acts as the PC itself, not as whoever opened it: it keeps working after a sign-out. On a reception
PC (settings: kiosk mode) the app starts here without a sign-in; Ctrl+Shift+L lets staff sign in."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut, QTextDocument
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from counter_app import queue
from counter_app.access import Actor, Role
from counter_app.clock import to_local
from counter_app.models import Ticket
from counter_app.settings import DeviceSettings
from counter_app.units import get_unit
from ui.context import AppContext
from ui.forms_pdf import print_slip, slip_document, system_printer, write_ticket_slip
from ui.i18n import core
from ui.ops import run_op
from ui.widgets import named

log = logging.getLogger("ward_counter.kiosk")


def kiosk_actor(device: DeviceSettings) -> Actor:
    """Tickets from the kiosk are issued by the PC, by nobody in person. The reception PC (kiosk mode) is
    "counter 0" with the short numbers A001…; a counter PC showing the kiosk keeps its own block (A3001…),
    so two devices issuing offline never hand out the same number (docs/dossier-codes.md)."""
    counter = 0 if device.kiosk_mode else device.counter_no
    return Actor(staff_id=None, role=Role.VOLUNTEER, unit_code=device.unit_code, counter_no=counter)


class KioskWindow(QWidget):
    staff_requested = Signal()  # Ctrl+Shift+L: staff want to sign in on this PC
    closed_by_person = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.actor = ctx, kiosk_actor(ctx.settings)
        self._handed_over = False
        self.setObjectName("kiosk")  # touch-sized targets come from the one stylesheet
        QShortcut(QKeySequence("Ctrl+Shift+L"), self, self.staff_requested.emit)
        # Staff leave the kiosk with Escape or the small button in the corner. On the reception PC that means
        # signing in (a citizen can never close it); opened from a counter's menu it simply closes.
        reception = ctx.settings.kiosk_mode
        leave_text = self.tr("Cán bộ đăng nhập (Esc)") if reception else self.tr("✕ Đóng (Esc)")
        self.leave_button = named(QPushButton(leave_text), "kioskLeave")
        self.leave_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        leave = self.staff_requested.emit if reception else self.close
        self.leave_button.clicked.connect(leave)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, leave)
        self.setWindowTitle(self.tr("Lấy số thứ tự"))
        self.priority_box = QCheckBox(self.tr("Ưu tiên (người cao tuổi, khuyết tật, mang thai, có con nhỏ)"))
        self.priority_box.setObjectName("kioskPriority")
        self.priority = named(QComboBox(), "kioskPriorityReason")
        self.priority.setEnabled(False)  # a reason only once "priority" is ticked
        self.priority_box.toggled.connect(self.priority.setEnabled)
        for key, label in queue.PRIORITY_REASONS_VI.items():
            self.priority.addItem(core(label), key)
        self.message = QLabel(alignment=Qt.AlignmentFlag.AlignCenter)
        self.message.setObjectName("kioskMessage")
        self.last_slip: Path | None = None
        self.printer_factory: Callable[[str], QPrinter | None] = system_printer
        self.group_buttons: dict[str, QPushButton] = {}
        layout = QVBoxLayout(self)
        corner = QHBoxLayout()
        corner.addStretch(1)
        corner.addWidget(self.leave_button)
        layout.addLayout(corner)
        title = named(
            QLabel(
                self.tr("<b>{name}</b> — Mời chọn lĩnh vực").format(name=get_unit(ctx.settings.unit_code).name),
                alignment=Qt.AlignmentFlag.AlignCenter,
            ),
            "kioskTitle",
        )
        layout.addWidget(title)
        groups = run_op(self, ctx.engine, lambda s: queue.list_groups(s, ctx.settings.unit_code)) or []
        for group in groups:
            button = QPushButton(f"{group.prefix} — {group.name}")
            button.setObjectName("kioskGroup")
            button.setMinimumHeight(96)  # a finger, not a mouse pointer
            button.clicked.connect(lambda _c=False, g=group.code: self.issue(g))
            self.group_buttons[group.code] = button
            layout.addWidget(button)
        layout.addWidget(self.priority_box)
        layout.addWidget(self.priority)
        layout.addWidget(self.message)

    def _print(self, document: QTextDocument) -> bool:
        """Print on the configured receipt printer; True when there is none to print on (PDF only)."""
        name = self.ctx.settings.slip_printer
        if not name:
            return True
        printer = self.printer_factory(name)
        printed = printer is not None and print_slip(document, printer)
        if not printed:
            log.warning("slip printer unavailable")  # the printer's name is not personal data, but keep logs lean
        return printed

    def hand_over(self) -> None:
        """Close because staff signed in (the app goes on)."""
        self._handed_over = True
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt's name)
        if not self._handed_over:
            self.closed_by_person.emit()
        super().closeEvent(event)

    def issue(self, group_code: str) -> Ticket | None:
        actor = self.actor
        reason = self.priority.currentData() if self.priority_box.isChecked() else None
        ticket = run_op(self, self.ctx.engine, lambda s: queue.issue_ticket(s, actor, group_code, reason))
        if ticket is None:
            return None
        waiting = run_op(self, self.ctx.engine, lambda s: queue.waiting_list(s, actor, [group_code])) or []
        ahead = max(0, [t.id for t in waiting].index(ticket.id)) if ticket.id in [t.id for t in waiting] else 0
        group = next((b.text() for code, b in self.group_buttons.items() if code == group_code), group_code)
        folder = self.ctx.paths.data / "slips"
        folder.mkdir(parents=True, exist_ok=True)
        slip = (
            ticket.label,
            get_unit(ticket.unit_code).name,
            group,
            ahead,
            f"{to_local(ticket.issued_at):%H:%M %d/%m/%Y}",
        )
        self.last_slip = write_ticket_slip(*slip, folder / f"{ticket.id}.pdf")  # kept whatever the printer does
        text = self.tr("Số của ông/bà: <b>{label}</b> — {ahead} người đang chờ trước").format(
            label=ticket.label, ahead=ahead
        )
        if not self._print(slip_document(*slip)):
            text += "<br>" + self.tr("<small>Máy in phiếu chưa sẵn sàng: xin ghi nhớ số trên.</small>")
        self.message.setText(text)
        self.priority_box.setChecked(False)
        self.priority.setCurrentIndex(0)
        self.ctx.bus.data_changed.emit("ticket")
        return ticket
