"""Lay the one-stop forms out on A4 and write them as PDF (QTextDocument + QPdfWriter), with a QR
code of the dossier code so a citizen can look their dossier up."""

from __future__ import annotations

import html
import io
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QByteArray, QMarginsF, QSizeF, QUrl
from PySide6.QtGui import QImage, QPagedPaintDevice, QPageLayout, QPageSize, QPdfWriter, QTextDocument
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo, QPrintPreviewDialog
from PySide6.QtWidgets import QWidget

from counter_app.forms import APPENDIX, MOTTO, FormData, Header, Line, Signature, Table
from ui.fonts import FORM_FONT, register_form_fonts


def qr_image(code: str) -> QImage:
    buffer = io.BytesIO()
    import segno  # only when a slip is printed, not at every start

    segno.make(code, error="m").save(buffer, kind="png", scale=4, border=2)
    image = QImage()
    image.loadFromData(QByteArray(buffer.getvalue()), "PNG")
    return image


QR_MM = 24  # the QR code's printed width


def esc(text: str) -> str:
    return html.escape(text).replace("\n", "<br>")


def header_html(header: Header, codes: list[str], form_note: str) -> str:
    """Issuing body (left) and national motto (right), each with its short rule; the codes under the body
    and the place-date line under the motto, as Decree 30/2020 lays out an administrative document."""
    left = f"{esc(header.ruling_body)}<br><b>{esc(header.issuing_body)}</b><br>―――――――"
    right = f"<b>{MOTTO[0]}</b><br><b>{MOTTO[1]}</b><br>―――――――――――――"
    code_lines = "<br>".join(esc(c) for c in codes)
    return (
        f"<p align='right' style='font-size: 10pt'><i>{esc(form_note)}</i></p>"
        "<table width='100%' cellspacing='0' cellpadding='0' style='font-size: 11pt'>"
        f"<tr><td width='42%' align='center'>{left}</td><td width='58%' align='center'>{right}</td></tr>"
        f"<tr><td align='center' style='font-size: 11pt'>{code_lines}</td>"
        f"<td align='center'><i>{esc(header.place_date)}</i></td></tr></table>"
    )


def _line(line: Line) -> str:
    margin = "margin-left: 40px; " if line.indent else ""
    text = f"{esc(line.text)}: <b>{esc(line.value)}</b>" if line.value else esc(line.text)
    return f"<p align='justify' style='{margin}margin-top: 2pt; margin-bottom: 2pt'>{text}</p>"


def table_html(table: Table, size: str = "11pt", widths: list[int] | None = None) -> str:
    """A bordered table; `widths` in percent, else a narrow TT (row number) column."""
    shares = widths or [6 if h == "TT" else 0 for h in table.headers]
    head = "".join(
        f"<th{f' width={w}%' if w else ''}>{esc(h)}</th>" for h, w in zip(table.headers, shares, strict=True)
    )
    rows = "".join("<tr>" + "".join(f"<td>{esc(c)}</td>" for c in row) + "</tr>" for row in table.rows)
    return (
        f"<table border='1' cellspacing='0' cellpadding='3' width='100%' style='font-size: {size}; "
        f"border-collapse: collapse'><tr>{head}</tr>{rows}</table>"
    )


def signatures_html(signatures: list[Signature], recipients: list[str] | None = None) -> str:
    """Signature blocks side by side; a letter's single signature sits right, its recipients left."""
    lead = ""
    if recipients:
        items = "<br>".join(esc(r) for r in recipients)
        lead = f"<td width='50%' style='font-size: 10pt'><b><i>Nơi nhận:</i></b><br>{items}</td>"
        width = 50
    else:
        width = 100 // max(1, len(signatures))
    cells = lead + "".join(
        f"<td width='{width}%' align='center'><b>{esc(s.role)}</b><br><i>{esc(s.hint)}</i>"
        f"<br><br><br><br><br><b>{esc(s.name)}</b></td>"
        for s in signatures
    )
    return f"<table width='100%' style='margin-top: 14pt'><tr>{cells}</tr></table>"


def _qr_box(data: FormData, qr_px: int) -> str:
    """The QR code (the dossier code for now) and room for the short status-lookup secret."""
    if not data.qr:
        return ""
    return (
        "<table width='100%' style='margin-top: 6pt'><tr>"
        "<td width='70%' style='font-size: 11pt'>Mã tra cứu nhanh: ..............................<br>"
        "<i>Quét mã QR để tra cứu tình trạng hồ sơ.</i></td>"
        f"<td width='30%' align='center'><img src='qr://code' width='{qr_px}'><br>{esc(data.qr)}</td>"
        "</tr></table>"
    )


def _page(data: FormData, copy: str, qr_px: int) -> str:
    codes = [f"Mã hồ sơ: {data.code}"] + ([f"Mã hồ sơ (hệ thống): {data.official_code}"] if data.official_code else [])
    note = f"Mẫu số {data.form} ({APPENDIX})" + (f" — {copy}" if copy else "")
    addressee = f"<p align='center'>Kính gửi: {esc(data.addressee)}</p>" if data.addressee else ""
    body = "".join(_line(b) if isinstance(b, Line) else table_html(b) for b in data.body)
    return (
        header_html(data.header, codes, note)
        + f"<p align='center' style='font-size: 13pt; margin-top: 10pt'><b>{esc(data.title)}</b></p>"
        + addressee
        + body
        + _qr_box(data, qr_px)
        + signatures_html(data.signatures, data.recipients)
    )


BREAK = "<p style='page-break-before: always; margin: 0'></p>"


def to_html(data: FormData, qr_px: int = 90) -> str:
    pages = [_page(data, copy, qr_px) for copy in data.copies]
    if data.annex:
        paragraphs = "".join(f"<p align='justify'>{esc(p)}</p>" for p in data.annex)
        pages.append(f"<p align='center'><b>{esc(data.annex_title)}</b></p>{paragraphs}")
    return f"<html><body style='font-family: \"{FORM_FONT}\"; font-size: 12pt'>" + BREAK.join(pages) + "</body></html>"


def form_document(data: FormData, device: QPagedPaintDevice) -> QTextDocument:
    """The laid-out form for one device (PDF writer or printer). The layout measures text on the device
    itself: laid out for the screen and scaled, a 12 pt form came out at 8 pt on a 150 dpi PDF."""
    register_form_fonts()
    document = QTextDocument()
    document.documentLayout().setPaintDevice(device)
    if data.qr:
        document.addResource(QTextDocument.ResourceType.ImageResource, QUrl("qr://code"), qr_image(data.qr))
    document.setHtml(to_html(data, qr_px=round(QR_MM / 25.4 * device.logicalDpiX())))
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


class DocumentPreviewDialog(QPrintPreviewDialog):
    """A print preview that owns its printer: a printer that died with the function that made it,
    while the dialog still painted on it, took the whole app down (segmentation fault)."""

    def __init__(
        self,
        title: str,
        make_document: Callable[[QPrinter], QTextDocument],
        printer: QPrinter,
        parent: QWidget | None = None,
        landscape: bool = False,
    ) -> None:
        printer.setPageLayout(form_layout(landscape))
        super().__init__(printer, parent)
        self.form_printer = printer  # kept as long as the dialog lives
        self.make_document = make_document
        self.paint_count = 0
        self.setWindowTitle(title)
        self.paintRequested.connect(self._paint)

    def _paint(self, printer: QPrinter) -> None:
        print_document(self.make_document(printer), printer)
        self.paint_count += 1


class FormPreviewDialog(DocumentPreviewDialog):
    def __init__(self, data: FormData, printer: QPrinter, parent: QWidget | None = None) -> None:
        super().__init__(data.title, lambda device: form_document(data, device), printer, parent)
        self.data = data


def write_pdf(data: FormData, target: Path) -> Path:
    writer = QPdfWriter(str(target))
    writer.setPageLayout(form_layout())
    writer.setResolution(150)
    writer.setTitle(data.title)
    print_document(form_document(data, writer), writer)
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
    document.documentLayout().setPaintDevice(
        device
    )  # measured on the device: laid out for the screen, 40 pt came out at 26
    print_document(document, device)


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
