"""Showing and printing a form whatever the PC has: the chosen A4 printer (a setting beside the ticket-slip
printer), the system's PDF viewer, or neither. The PDF is always written first and kept, so a missing
printer or viewer never leaves the officer with nothing: they are told, and the form shows in the app."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QMessageBox, QWidget

from counter_app import forms
from counter_app.forms import FormData
from ui.context import AppContext
from ui.forms_pdf import FormPreviewDialog, system_printer, write_pdf
from ui.ops import run_op

log = logging.getLogger(__name__)


def make_form(parent: QWidget | None, ctx: AppContext, dossier_id: str, form: str) -> tuple[FormData, Path] | None:
    """Form `form` of a dossier and its PDF in `<data>/forms/<code>-<form>.pdf`, written first so it is
    kept whatever happens next; None (and a Vietnamese message) when the dossier's state refuses it."""
    actor = ctx.actor
    assert actor is not None
    data = run_op(parent, ctx.engine, lambda s: forms.build(forms.load(s, actor, dossier_id), form, actor.name))
    if data is None:
        return None
    folder = ctx.paths.data / "forms"
    folder.mkdir(parents=True, exist_ok=True)
    return data, write_pdf(data, folder / f"{data.code}-{form}.pdf")


def print_form(
    parent: QWidget,
    data: FormData,
    pdf: Path,
    printer_name: str,
    find_printer: Callable[[str], QPrinter | None] = system_printer,
) -> FormPreviewDialog:
    """Preview the form on the chosen A4 printer (Print in the preview sends it there). A printer that
    is gone is said, and the preview opens on the system's default so another can be chosen."""
    dialog = FormPreviewDialog(data, chosen_printer(parent, printer_name, pdf, find_printer), parent)
    dialog.open()  # window-modal, not exec(): the counter's main window keeps its event loop
    return dialog


def chosen_printer(
    parent: QWidget, printer_name: str, pdf: Path, find_printer: Callable[[str], QPrinter | None] = system_printer
) -> QPrinter:
    """The A4 printer chosen in settings; when it is gone, say so (the PDF is kept) and use the default."""
    printer = find_printer(printer_name) if printer_name else None
    if printer_name and printer is None:
        log.warning("form printer unavailable")
        QMessageBox.warning(
            parent,
            QCoreApplication.translate("printing", "Không tìm thấy máy in"),
            QCoreApplication.translate(
                "printing", "Không tìm thấy máy in A4 «{name}». Phiếu vẫn được lưu PDF tại:\n{path}"
            ).format(name=printer_name, path=pdf),
        )
    return printer or QPrinter(QPrinter.PrinterMode.HighResolution)


def show_form(parent: QWidget, data: FormData, pdf: Path) -> FormPreviewDialog | None:
    """Open the PDF in the system's viewer; without one, show the form in the app and say where the PDF is."""
    if QDesktopServices.openUrl(QUrl.fromLocalFile(str(pdf))):
        return None
    QMessageBox.information(
        parent,
        QCoreApplication.translate("printing", "Không có chương trình xem PDF"),
        QCoreApplication.translate(
            "printing",
            "Máy này chưa có chương trình xem PDF, nên phiếu được hiện trong cửa sổ xem trước. "
            "Tệp PDF đã lưu tại:\n{path}",
        ).format(path=pdf),
    )
    dialog = FormPreviewDialog(data, QPrinter(QPrinter.PrinterMode.HighResolution), parent)
    dialog.open()
    return dialog
