"""Find any citizen or dossier in a keystroke (Ctrl+F): accent-insensitive, results as you type."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLabel, QLineEdit, QListWidget, QVBoxLayout, QWidget

from counter_app import search
from counter_app.access import Perm
from ui.context import AppContext
from ui.i18n import core
from ui.ops import run_op


class SearchPanel(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.box = QLineEdit(placeholderText=self.tr("Tìm theo họ tên, số CCCD, số điện thoại hoặc mã hồ sơ (Ctrl+F)"))
        self.results = QListWidget()
        self.hint = QLabel("")
        self._debounce = QTimer(self, singleShot=True, interval=150)  # no query per keystroke while typing fast
        self._debounce.timeout.connect(self.run)
        self.box.textChanged.connect(lambda _t: self._debounce.start())
        layout = QVBoxLayout(self)
        layout.addWidget(self.box)
        layout.addWidget(self.hint)
        layout.addWidget(self.results, 1)

    def run(self) -> None:
        actor = self.ctx.actor
        self.results.clear()
        if actor is None or not actor.can(Perm.SEARCH):
            self.hint.setText(self.tr("Vai trò này không được tra cứu hồ sơ của công dân."))
            return
        text = self.box.text()
        hits = run_op(self, self.ctx.engine, lambda s: search.search(s, actor, text)) or []
        for hit in hits:
            kind = self.tr("Hồ sơ") if hit.kind == "dossier" else self.tr("Công dân")
            self.results.addItem(f"{kind}: {hit.title} — {core(hit.subtitle)}")
        self.hint.setText(self.tr("{n} kết quả").format(n=len(hits)) if text.strip() else "")
