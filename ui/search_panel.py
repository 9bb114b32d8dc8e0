"""Find any citizen or dossier in a keystroke (Ctrl+F): accent-insensitive, results as you type; ↓ goes to the
results, Enter opens one (a dossier in its window, a citizen as their dossiers in the list)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QLabel, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from counter_app import search
from counter_app.access import Perm
from ui.context import AppContext
from ui.i18n import core
from ui.ops import run_op


class SearchPanel(QWidget):
    citizen_chosen = Signal(str, str)  # citizen id, name: show their dossiers

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.box = QLineEdit(placeholderText=self.tr("Tìm theo họ tên, số CCCD, số điện thoại hoặc mã hồ sơ (Ctrl+F)"))
        self.results = QListWidget()
        self.hint = QLabel("")
        self._debounce = QTimer(self, singleShot=True, interval=150)  # no query per keystroke while typing fast
        self._debounce.timeout.connect(self.run)
        self.box.textChanged.connect(lambda _t: self._debounce.start())
        self.box.installEventFilter(self)
        self.results.itemActivated.connect(self.open_item)
        self.hits: list[search.SearchHit] = []
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
        self.hits = hits
        for hit in hits:
            kind = self.tr("Hồ sơ") if hit.kind == "dossier" else self.tr("Công dân")
            self.results.addItem(f"{kind}: {hit.title} — {core(hit.subtitle)}")
        if hits:
            self.results.setCurrentRow(0)
        self.hint.setText(self.tr("{n} kết quả").format(n=len(hits)) if text.strip() else "")

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        """↓ or Enter in the box: go to the results (Enter opens the first one)."""
        if watched is self.box and event.type() == QEvent.Type.KeyPress and self.results.count():
            key = event.key()  # type: ignore[attr-defined]
            if key == Qt.Key.Key_Down:
                self.results.setFocus()
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.open_item(self.results.currentItem())
                return True
        return False

    def open_item(self, item: QListWidgetItem | None) -> None:
        row = self.results.row(item) if item is not None else -1
        if not 0 <= row < len(self.hits):
            return
        hit = self.hits[row]
        if hit.kind == "dossier":
            from ui.dossiers.detail import DossierDetailDialog  # loads at the first dossier opened

            DossierDetailDialog(self.ctx, hit.id, self).exec()
        else:
            self.citizen_chosen.emit(hit.id, hit.title)
