"""The serif of the official forms, shipped in resources/fonts (see its README) and registered with Qt,
so every PC lays a form out the same whether or not Times New Roman is installed."""

from __future__ import annotations

import logging

from PySide6.QtGui import QFontDatabase

from counter_app.config import resources_dir

FORM_FONT = "Liberation Serif"  # metric-compatible with Times New Roman (Decree 30/2020/NĐ-CP)
log = logging.getLogger(__name__)
_registered: list[str] = []


def register_form_fonts() -> list[str]:
    """Register the shipped form fonts once (needs a QGuiApplication); the families Qt now knows."""
    if not _registered:
        for path in sorted((resources_dir() / "fonts").glob("*.ttf")):
            font_id = QFontDatabase.addApplicationFont(str(path))
            if font_id < 0:
                log.warning("font not loaded: %s", path.name)
                continue
            _registered.extend(f for f in QFontDatabase.applicationFontFamilies(font_id) if f not in _registered)
    return list(_registered)
