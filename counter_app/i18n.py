"""Marks the core's texts for Qt's translation tools without importing Qt.

The core speaks Vietnamese (the source language). A text a person will read is written as
`QT_TRANSLATE_NOOP("core", "...")`: `pyside6-lupdate` finds it by that name and puts it in the
translation file, and the UI translates it when it shows it (`ui.i18n.core`). Texts with values
keep `{name}` placeholders, filled after translation, so a translator sees one sentence.
"""

from __future__ import annotations

CONTEXT = "core"


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # the name lupdate looks for
    return text
