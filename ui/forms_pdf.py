"""Lay the one-stop forms out on A4 and write them as PDF (QTextDocument + QPdfWriter), with a QR
code of the dossier code so a citizen can look their dossier up."""

from __future__ import annotations

import html
import io
from pathlib import Path

import segno
from PySide6.QtCore import QByteArray, QMarginsF, QSizeF, QUrl
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPdfWriter, QTextDocument
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo, QPrintPreviewDialog
from PySide6.QtWidgets import QWidget

from counter_app.forms import FormData
from ui.fonts import FORM_FONT, register_form_fonts

HEADER = (
    "<table width='100%'><tr><td align='center' width='45%'><b>UBND {ward}</b><br>BỘ PHẬN MỘT CỬA</td>"
    "<td align='center'><b>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</b><br>"
    "<u>Độc lập - Tự do - Hạnh phúc</u></td></tr></table>"
)


def qr_image(code: str) -> QImage:
    buffer = io.BytesIO()
    segno.make(code, error="m").save(buffer, kind="png", scale=4, border=2)
    image = QImage()
    image.loadFromData(QByteArray(buffer.getvalue()), "PNG")
    return image


def to_html(data: FormData) -> str:
    esc = html.escape
    rows = "".join(f"<tr><td width='35%'>{esc(k)}:</td><td><b>{esc(v)}</b></td></tr>" for k, v in data.fields)
    papers = ""
    if data.papers:
        items = "".join(
            f"<tr><td>{i}</td><td>{esc(n)}</td><td>{esc(f)}</td><td align='center'>{c}</td></tr>"
            for i, (n, f, c) in enumerate(data.papers, 1)
        )
        papers = (
            "<p><b>Thành phần hồ sơ:</b></p><table border='1' cellspacing='0' cellpadding='3' width='100%'>"
            f"<tr><th>TT</th><th>Tên giấy tờ</th><th>Hình thức</th><th>Số lượng</th></tr>{items}</table>"
        )
    notes = "".join(f"<p>{esc(n)}</p>" for n in data.notes)
    return (
        f"<html><body style='font-family: \"{FORM_FONT}\"; font-size: 12pt'>{HEADER.format(ward=esc(data.ward))}"
        f"<p align='right'><i>Mẫu số {data.form}</i></p><h3 align='center'>{esc(data.title)}</h3>"
        f"<table width='100%'>{rows}</table>{papers}{notes}"
        f"<p align='right'><img src='qr://code' width='110'><br>{esc(data.code)}</p></body></html>"
    )


def form_document(data: FormData) -> QTextDocument:
    """The laid-out form, for the PDF writer and for a printer alike."""
    register_form_fonts()
    document = QTextDocument()
    document.addResource(QTextDocument.ResourceType.ImageResource, QUrl("qr://code"), qr_image(data.code))
    document.setHtml(to_html(data))
    return document


# Decree 30/2020/NĐ-CP: margins top and bottom 20–25 mm, left 30–35 mm, right 15–20 mm.
FORM_MARGINS = QMarginsF(30, 20, 15, 20)


def form_layout(landscape: bool = False) -> QPageLayout:
    orientation = QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait
    return QPageLayout(QPageSize(QPageSize.PageSizeId.A4), orientation, FORM_MARGINS, QPageLayout.Unit.Millimeter)


def print_document(document: QTextDocument, device: QPdfWriter | QPrinter) -> None:
    """Set the document on the device's page as it stands (the preview may have turned it)."""
    document.setPageSize(device.pageLayout().paintRectPixels(device.resolution()).size().toSizeF())
    document.print_(device)


class FormPreviewDialog(QPrintPreviewDialog):
    """A print preview of one form that owns its printer: a printer that died with the function that
    made it, while the dialog still painted on it, took the whole app down (segmentation fault)."""

    def __init__(self, data: FormData, printer: QPrinter, parent: QWidget | None = None) -> None:
        printer.setPageLayout(form_layout())
        super().__init__(printer, parent)
        self.form_printer = printer  # kept as long as the dialog lives
        self.data = data
        self.paint_count = 0
        self.setWindowTitle(data.title)
        self.paintRequested.connect(self._paint)

    def _paint(self, printer: QPrinter) -> None:
        print_document(form_document(self.data), printer)
        self.paint_count += 1


def write_pdf(data: FormData, target: Path) -> Path:
    writer = QPdfWriter(str(target))
    writer.setPageLayout(form_layout())
    writer.setResolution(150)
    writer.setTitle(data.title)
    print_document(form_document(data), writer)
    return target


SLIP_LAYOUT = QPageLayout(
    QPageSize(QSizeF(80, 90), QPageSize.Unit.Millimeter),  # an 80 mm receipt roll
    QPageLayout.Orientation.Portrait,
    QMarginsF(4, 4, 4, 4),
    QPageLayout.Unit.Millimeter,
)


def slip_document(label: str, ward: str, group: str, waiting: int, issued: str) -> QTextDocument:
    """A walk-in ticket slip, the same on PDF and on the receipt printer (Vietnamese: it is the citizen's)."""
    document = QTextDocument()
    document.setHtml(
        f"<div align='center' style='font-family: \"DejaVu Sans\"'><b>{html.escape(ward)}</b><br>"
        f"{html.escape(group)}<br><span style='font-size: 40pt'><b>{html.escape(label)}</b></span><br>"
        f"Lấy số lúc {html.escape(issued)}<br>Số người đang chờ trước: {waiting}<br>Xin cảm ơn!</div>"
    )
    return document


def _print_on(document: QTextDocument, device: QPdfWriter | QPrinter) -> None:
    device.setPageLayout(SLIP_LAYOUT)
    document.setPageSize(device.pageLayout().paintRectPixels(device.resolution()).size().toSizeF())
    document.print_(device)


def write_ticket_slip(label: str, ward: str, group: str, waiting: int, issued: str, target: Path) -> Path:
    writer = QPdfWriter(str(target))
    writer.setResolution(150)
    _print_on(slip_document(label, ward, group, waiting, issued), writer)
    return target


def print_slip(document: QTextDocument, printer: QPrinter) -> bool:
    """Send the slip to the receipt printer without a dialog; False when the printer cannot take it."""
    if not printer.isValid():
        return False
    _print_on(document, printer)
    return printer.printerState() != QPrinter.PrinterState.Error


def system_printer(name: str) -> QPrinter | None:
    """The installed printer of that name, or None when it is gone."""
    info = QPrinterInfo.printerInfo(name)
    return None if info.isNull() else QPrinter(info, QPrinter.PrinterMode.HighResolution)
