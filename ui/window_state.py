"""Window sizes and positions remembered per data folder (beside the database, not in the person's global
settings): a window opens where it was last closed."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QSettings
from PySide6.QtWidgets import QWidget


def store(data_dir: Path) -> QSettings:
    return QSettings(str(data_dir / "window.ini"), QSettings.Format.IniFormat)


class GeometryKeeper(QObject):
    """Restores the widget's geometry now and saves it each time the widget is hidden or closed."""

    def __init__(self, widget: QWidget, data_dir: Path, key: str, default: tuple[int, int]) -> None:
        super().__init__(widget)
        self.widget, self.data_dir, self.key = widget, data_dir, f"{key}/geometry"
        saved = store(data_dir).value(self.key)
        if saved is None or not widget.restoreGeometry(saved):
            widget.resize(*default)
        widget.installEventFilter(self)

    def save(self) -> None:
        store(self.data_dir).setValue(self.key, self.widget.saveGeometry())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        # getattr: Qt may still deliver events while Python tears this object down
        if watched is getattr(self, "widget", None) and event.type() in (QEvent.Type.Hide, QEvent.Type.Close):
            self.save()
        return False


def remember_geometry(widget: QWidget, data_dir: Path, key: str, default: tuple[int, int]) -> GeometryKeeper:
    return GeometryKeeper(widget, data_dir, key, default)
