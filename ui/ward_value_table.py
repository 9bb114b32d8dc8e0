"""What the admin tables of ward-held values share (calendar, council fees, retention): a read-only table picked by
row, each cell's whole text on hover, and who set a value, when, and whether it is the city's or this ward's."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QTableWidget, QTableWidgetItem

from counter_app.clock import to_local
from counter_app.ward_values import ORIGIN_LABELS
from ui.i18n import core


def value_table(headers: Sequence[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(list(headers))
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
    table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
    table.horizontalHeader().setStretchLastSection(True)
    return table


def fill(table: QTableWidget, rows: Sequence[Sequence[str]]) -> None:
    table.setRowCount(len(rows))
    for i, values in enumerate(rows):
        for j, text in enumerate(values):
            item = QTableWidgetItem(text)
            item.setToolTip(text)  # a basis can be long: the whole text on hover
            table.setItem(i, j, item)
    table.resizeColumnsToContents()


def origin_text(origin: str) -> str:
    return core(ORIGIN_LABELS.get(origin, origin))


def set_by_text(origin: str, who: str, when: datetime | None) -> str:
    """ "Nguyễn Văn An, 25/11/2026 09:30" for the ward's own value; the city's or a default has no person."""
    if when is None:
        return ""
    moment = f"{to_local(when):%d/%m/%Y %H:%M}"
    if origin == "ward" and not who:
        who = QCoreApplication.translate("ward_values", "(chuyển từ cài đặt máy)")
    return f"{who}, {moment}" if who else moment
