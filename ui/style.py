"""The app's one visual language (docs/ui-style.md): the palette, the stylesheet applied app-wide, the
fonts and icons shipped in resources/. Screens name their widgets (ui.widgets.named) and the stylesheet
styles them; no screen carries its own colours."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QSize
from PySide6.QtGui import QColor, QFontDatabase, QIcon, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QApplication

from counter_app.config import resources_dir

log = logging.getLogger("ward_counter.style")

STYLE_DIR = resources_dir() / "style"
ICON_DIR = resources_dir() / "icons"
FONT_DIR = resources_dir() / "fonts"

# State colours (text on a light tint), the same on every screen: see docs/ui-style.md.
WAITING = "#1d4ed8"
SERVING = "#047857"
OVERDUE = "#b42318"
DUE_SOON = "#b54708"
DONE = "#475467"
TINTS = {OVERDUE: "#fee4e2", DUE_SOON: "#fef0c7", SERVING: "#d1fadf", WAITING: "#dbeafe", DONE: "#f2f4f7"}
INK = "#101828"
MUTED = "#475467"
ACCENT = "#0b5cab"


def load_fonts() -> list[str]:
    """Be Vietnam Pro (OFL, made for Vietnamese diacritics) for every screen; the families loaded."""
    families: list[str] = []
    for path in sorted(FONT_DIR.glob("BeVietnamPro-*.ttf")):
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id < 0:
            log.warning("font not loaded: %s", path.name)
            continue
        families += QFontDatabase.applicationFontFamilies(font_id)
    return sorted(set(families))


def stylesheet() -> str:
    """The stylesheet with its icon folder filled in (Qt reads url() relative to the working folder)."""
    return (STYLE_DIR / "app.qss").read_text(encoding="utf-8").replace("{icons}", ICON_DIR.as_posix())


def apply(app: QApplication) -> None:
    """Fusion, the shipped font and the one stylesheet, for the whole app."""
    app.setStyle("Fusion")
    families = load_fonts()
    if "Be Vietnam Pro" in families:
        font = app.font()
        font.setFamily("Be Vietnam Pro")
        font.setPointSize(11)
        app.setFont(font)
    app.setStyleSheet(stylesheet())


def icon(name: str, colour: str = INK, size: int = 24) -> QIcon:
    """A Tabler icon (MIT, resources/icons) drawn in `colour`; an empty icon when it is not shipped."""
    path: Path = ICON_DIR / f"{name}.svg"
    if not path.exists():
        log.warning("icon missing: %s", name)
        return QIcon()
    svg = path.read_text(encoding="utf-8").replace("currentColor", colour)
    renderer = QSvgRenderer(svg.encode("utf-8"))
    result = QIcon()
    for scale in (1, 2):  # sharp on a 2× screen too
        pixmap = QPixmap(QSize(size * scale, size * scale))
        pixmap.fill(QColor(0, 0, 0, 0))
        painter = QPainter(pixmap)
        renderer.render(painter)
        painter.end()
        pixmap.setDevicePixelRatio(scale)
        result.addPixmap(pixmap)
    return result
