"""Mẫu 07, the register of dossiers, laid out on A4 landscape (PDF, preview, print) and exported as XLSX
with openpyxl, from `counter_app.register.Register`."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QPagedPaintDevice, QPdfWriter, QTextDocument

from counter_app.forms import APPENDIX, Table
from counter_app.register import COLUMNS, Register
from ui.fonts import FORM_FONT, register_form_fonts
from ui.forms_pdf import esc, form_layout, header_html, print_document, table_html

WIDTHS = (4, 18, 8, 28, 7, 20, 24, 16, 16, 11, 16, 24, 10, 12)  # XLSX columns, in characters
SHARES = [3, 11, 4, 12, 4, 9, 9, 7, 7, 7, 7, 10, 5, 5]  # PDF columns, in percent of the page's width


def register_html(reg: Register) -> str:
    scope = reg.period + (f" — Lĩnh vực: {reg.field}" if reg.field else "")
    table = table_html(Table(list(COLUMNS), [r.cells() for r in reg.rows]), size="8pt", widths=SHARES)
    return (
        f"<html><body style='font-family: \"{FORM_FONT}\"; font-size: 11pt'>"
        + header_html(reg.header, [], f"Mẫu số 07 ({APPENDIX})")
        + f"<p align='center' style='font-size: 13pt; margin-top: 8pt'><b>{esc(reg.title)}</b></p>"
        + f"<p align='center'><i>{esc(scope)}</i> · {len(reg.rows)} hồ sơ</p>"
        + table
        + "</body></html>"
    )


def register_document(reg: Register, device: QPagedPaintDevice) -> QTextDocument:
    register_form_fonts()
    document = QTextDocument()
    document.documentLayout().setPaintDevice(device)
    document.setHtml(register_html(reg))
    return document


def write_register_pdf(reg: Register, target: Path) -> Path:
    writer = QPdfWriter(str(target))
    writer.setPageLayout(form_layout(landscape=True))
    writer.setResolution(150)
    writer.setTitle(reg.title)
    print_document(register_document(reg, writer), writer)
    return target


def write_register_xlsx(reg: Register, target: Path) -> Path:
    """One sheet: the heading lines, then the register's columns and one row per dossier."""
    from openpyxl import Workbook  # only here: a third of a second to import, for an export now and then
    from openpyxl.styles import Alignment, Border, Font, Side
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Mau 07"
    last = get_column_letter(len(COLUMNS))
    heading = [
        f"{reg.header.ruling_body} — {reg.header.issuing_body}",
        reg.title,
        reg.period + (f" — Lĩnh vực: {reg.field}" if reg.field else ""),
    ]
    for row, text in enumerate(heading, 1):
        sheet.merge_cells(f"A{row}:{last}{row}")
        cell = sheet.cell(row=row, column=1, value=text)
        cell.font = Font(name="Times New Roman", bold=row < 3, size=13 if row == 2 else 11)
        cell.alignment = Alignment(horizontal="center")
    thin = Side(style="thin")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    first = len(heading) + 2
    for col, (name, width) in enumerate(zip(COLUMNS, WIDTHS, strict=True), 1):
        cell = sheet.cell(row=first, column=col, value=name)
        cell.font = Font(name="Times New Roman", bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = box
        sheet.column_dimensions[get_column_letter(col)].width = width + 2
    for offset, data in enumerate(reg.rows, 1):
        for col, value in enumerate(data.cells(), 1):
            cell = sheet.cell(row=first + offset, column=col, value=data.number if col == 1 else value)
            cell.font = Font(name="Times New Roman")
            cell.alignment = Alignment(vertical="top", wrap_text=True)
            cell.border = box
    sheet.freeze_panes = f"A{first + 1}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.print_title_rows = f"{first}:{first}"
    book.save(target)
    return target
