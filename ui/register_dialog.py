"""Mẫu 07, the register of dossiers (Sổ theo dõi hồ sơ): for a day or a period, all fields or one;
preview and print on the A4 printer (landscape), save as PDF, export as XLSX."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from counter_app import register
from counter_app.clock import local_today
from counter_app.text import fold
from ui.context import AppContext
from ui.form_printing import chosen_printer
from ui.forms_pdf import DocumentPreviewDialog
from ui.ops import run_op
from ui.register_export import register_document, write_register_pdf, write_register_xlsx


def _date_edit(day: date) -> QDateEdit:
    edit = QDateEdit(QDate(day.year, day.month, day.day))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("dd/MM/yyyy")
    return edit


def _day(edit: QDateEdit) -> date:
    value = edit.date()
    return date(value.year(), value.month(), value.day())


class RegisterDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("Sổ theo dõi hồ sơ (Mẫu 07)"))
        today = local_today()
        self.date_from, self.date_to = _date_edit(today), _date_edit(today)
        self.field = QComboBox()
        self.field.addItem(self.tr("Tất cả lĩnh vực"), "")
        for name in register.fields():
            self.field.addItem(name, name)
        self.preview_button = QPushButton(self.tr("Xem và in (Ctrl+P)"))
        self.pdf_button = QPushButton(self.tr("Lưu PDF"))
        self.xlsx_button = QPushButton(self.tr("Xuất Excel (XLSX)"))
        self.status = QLabel(wordWrap=True)
        self.preview_dialog: DocumentPreviewDialog | None = None
        form = QFormLayout()
        form.addRow(self.tr("Từ ngày"), self.date_from)
        form.addRow(self.tr("Đến ngày"), self.date_to)
        form.addRow(self.tr("Lĩnh vực"), self.field)
        buttons = QHBoxLayout()
        for button in (self.preview_button, self.pdf_button, self.xlsx_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        self.preview_button.clicked.connect(lambda: self.preview())
        self.pdf_button.clicked.connect(lambda: self.save_pdf())
        self.xlsx_button.clicked.connect(lambda: self.export_xlsx())
        QShortcut(QKeySequence("Ctrl+P"), self, self.preview_button.click)

    def build(self) -> register.Register | None:
        actor = self.ctx.actor
        assert actor is not None
        first, last = _day(self.date_from), _day(self.date_to)
        field = self.field.currentData() or None
        return run_op(self, self.ctx.engine, lambda s: register.build_register(s, actor, first, last, field))

    def _target(self, suffix: str) -> Path:
        folder = self.ctx.paths.data / "registers"
        folder.mkdir(parents=True, exist_ok=True)
        first, last = _day(self.date_from), _day(self.date_to)
        field = fold(self.field.currentData() or "").replace(" ", "-")
        return folder / f"so-theo-doi-{first:%Y%m%d}-{last:%Y%m%d}{'-' + field if field else ''}.{suffix}"

    def save_pdf(self) -> Path | None:
        reg = self.build()
        if reg is None:
            return None
        path = write_register_pdf(reg, self._target("pdf"))
        self.status.setText(self.tr("{n} hồ sơ. Đã lưu PDF: {path}").format(n=len(reg.rows), path=path))
        return path

    def export_xlsx(self) -> Path | None:
        reg = self.build()
        if reg is None:
            return None
        path = write_register_xlsx(reg, self._target("xlsx"))
        self.status.setText(self.tr("{n} hồ sơ. Đã xuất Excel: {path}").format(n=len(reg.rows), path=path))
        return path

    def preview(self) -> DocumentPreviewDialog | None:
        """Preview on the A4 printer in landscape; the PDF is written first and kept."""
        reg = self.build()
        if reg is None:
            return None
        pdf = write_register_pdf(reg, self._target("pdf"))
        printer = chosen_printer(self, self.ctx.settings.form_printer, pdf)
        self.preview_dialog = DocumentPreviewDialog(
            reg.title, lambda device: register_document(reg, device), printer, self, landscape=True
        )
        self.preview_dialog.open()
        self.status.setText(self.tr("{n} hồ sơ. Đã lưu PDF: {path}").format(n=len(reg.rows), path=pdf))
        return self.preview_dialog
