"""Reading the committed translation file, and finding texts on screen that were left untranslated."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QMainWindow,
    QTableWidget,
    QTabWidget,
    QWidget,
    QWizard,
    QWizardPage,
)

from counter_app.config import resources_dir

TS_FILE = resources_dir() / "i18n" / "ward_counter_en.ts"
PLACEHOLDER = re.compile(r"\{[^{}]*\}")
VI_LETTER = re.compile(r"[\u00c0-\u024f\u1e00-\u1eff]")


@dataclass(frozen=True)
class Message:
    context: str
    source: str
    translation: str
    finished: bool


def read_ts(path: Path = TS_FILE) -> list[Message]:
    messages = []
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            assert translation is not None
            messages.append(
                Message(
                    name,
                    message.findtext("source") or "",
                    translation.text or "",
                    translation.get("type") not in ("unfinished", "vanished", "obsolete"),
                )
            )
    return messages


def placeholders(text: str) -> set[str]:
    """The names of the values a text takes (a translation may change a date format, not the names)."""
    found = PLACEHOLDER.findall(text.replace("{{", "").replace("}}", ""))
    return {re.split(r"[:!]", p[1:-1], maxsplit=1)[0] for p in found}


def _pattern(source: str) -> re.Pattern[str]:
    """A source text as a pattern matching it once its placeholders are filled."""
    parts = PLACEHOLDER.split(source.replace("{{", "{").replace("}}", "}"))
    return re.compile(".*".join(re.escape(p) for p in parts), re.DOTALL)


def visible_texts(root: QWidget) -> list[str]:
    """What a person can read in a window: labels, buttons, titles, tabs, menus, lists, headers."""
    texts = [root.windowTitle()]
    for w in [root, *root.findChildren(QWidget)]:
        if isinstance(w, (QLabel, QAbstractButton)):
            texts.append(w.text())
        elif isinstance(w, QGroupBox):
            texts.append(w.title())
        elif isinstance(w, QLineEdit):
            texts.append(w.placeholderText())
        elif isinstance(w, QComboBox):
            texts += [w.itemText(i) for i in range(w.count())]
        elif isinstance(w, QListWidget):
            texts += [w.item(i).text() for i in range(w.count())]
        elif isinstance(w, QTabWidget):
            texts += [w.tabText(i) for i in range(w.count())]
        elif isinstance(w, QTableWidget):
            headers = (w.horizontalHeaderItem(i) for i in range(w.columnCount()))
            texts += [h.text() for h in headers if h is not None]
        if isinstance(w, QWizardPage):
            texts += [w.title(), w.subTitle()]
        if isinstance(w, QWizard):
            texts += [w.buttonText(b) for b in (QWizard.WizardButton.NextButton, QWizard.WizardButton.FinishButton)]
        if isinstance(w, QMainWindow):
            for menu in w.menuBar().actions():
                texts.append(menu.text())
                texts += [a.text() for a in (menu.menu().actions() if menu.menu() else [])]  # type: ignore[union-attr]
    return [t for t in texts if t]


def untranslated(root: QWidget, messages: list[Message]) -> list[str]:
    """Texts on screen that are exactly one of our Vietnamese source texts (placeholders filled in):
    those did not go through the translation, or their translation is missing."""
    patterns = [
        (_pattern(m.source), len(PLACEHOLDER.sub("", m.source)))
        for m in messages
        if VI_LETTER.search(PLACEHOLDER.sub("", m.source)) and m.source != m.translation
    ]
    # A text is ours when the source's own words make up at least half of it: data filling a placeholder does not
    # make a catalog name ending in "… hàng năm" the source text "{n} năm".
    return sorted(
        {t for t in visible_texts(root) if any(p.fullmatch(t) and 2 * fixed >= len(t) for p, fixed in patterns)}
    )
