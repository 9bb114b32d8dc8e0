"""The interface's languages. Texts are written in Vietnamese (the source language) and go through
Qt's translation system; English comes from `resources/i18n/ward_counter_en.qm`, built from the
committed `.ts` by `scripts/translations build` (run by `./dev`). Qt's own button texts (Yes/No…)
come from Qt's translations for English and from our small `qt_vi.qm` for Vietnamese.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QTranslator

from counter_app.config import resources_dir
from counter_app.errors import CounterError
from counter_app.i18n import CONTEXT

log = logging.getLogger("ward_counter.i18n")

LANGUAGES = {"vi": "Tiếng Việt", "en": "English"}
DEFAULT = "vi"
I18N_DIR = resources_dir() / "i18n"
_installed: list[QTranslator] = []
_current = [DEFAULT]  # the language installed last


def app_file(language: str) -> Path:
    return I18N_DIR / f"ward_counter_{language}.qm"


def _files(language: str) -> list[Path]:
    if language == DEFAULT:
        return [I18N_DIR / "qt_vi.qm"]
    qt_dir = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
    return [app_file(language), qt_dir / f"qtbase_{language}.qm"]


def install(language: str) -> bool:
    """Switch the running app to `language`; False (and Vietnamese) when its file is missing."""
    app = QCoreApplication.instance()
    if app is None:
        return False
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    if language not in LANGUAGES:
        language = DEFAULT
    _current[0] = language
    complete = True
    for path in _files(language):
        translator = QTranslator(app)
        if translator.load(str(path)):
            app.installTranslator(translator)
            _installed.append(translator)
        elif path.name.startswith("ward_counter_"):
            log.warning("translation file missing: %s (run scripts/translations build)", path.name)
            complete = False
    return complete


def number(n: int) -> str:
    """A count with its thousands grouped as the language writes them: 41.000 in Vietnamese, 41,000 in English."""
    grouped = f"{n:,}"
    return grouped.replace(",", ".") if _current[0] == "vi" else grouped


def core(text: str) -> str:
    """A text from the core (marked with QT_TRANSLATE_NOOP("core", …)), in the current language."""
    return QCoreApplication.translate(CONTEXT, text)


def error_text(error: CounterError) -> str:
    """The core's error in the current language, its values filled in (text values are translated
    too when they are core labels, e.g. a dossier state)."""
    params = {k: core(v) if isinstance(v, str) else v for k, v in error.params.items()}
    return core(error.template).format(**params) if params else core(error.template)


def message(template: str | None, params: dict[str, str] | None = None) -> str | None:
    """A marked core message with its values (e.g. the sync engine's status)."""
    if template is None:
        return None
    return core(template).format(**params) if params else core(template)
