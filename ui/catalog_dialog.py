"""Admin: import a procedure catalog; validated and compared first, applied only when confirmed."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from counter_app import catalog_admin
from counter_app.catalog import default_catalog
from counter_app.errors import CounterError
from ui.context import AppContext
from ui.i18n import error_text
from ui.ops import run_op
from ui.widgets import error_label
from ui.window_state import remember_geometry


class CatalogImportDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("Nhập danh mục thủ tục"))
        remember_geometry(self, ctx.paths.data, "catalog_import", (760, 520))
        self.current = QLabel()
        self.pick_folder = QPushButton(self.tr("Chọn thư mục danh mục…"))
        self.pick_file = QPushButton(self.tr("Chọn tệp danh mục (.json)…"))
        self.changes = QPlainTextEdit(readOnly=True)
        self.apply_button = QPushButton(self.tr("Áp dụng danh mục này"))
        self.apply_button.setEnabled(False)
        self.error = error_label()
        self.outcome = QLabel(wordWrap=True)
        row = QHBoxLayout()
        row.addWidget(self.pick_folder)
        row.addWidget(self.pick_file)
        layout = QVBoxLayout(self)
        layout.addWidget(self.current)
        layout.addLayout(row)
        layout.addWidget(QLabel(self.tr("Thay đổi so với danh mục đang dùng (chưa áp dụng):")))
        layout.addWidget(self.changes, 1)
        layout.addWidget(self.error)
        layout.addWidget(self.apply_button)
        layout.addWidget(self.outcome)
        self.pick_folder.clicked.connect(self._choose_folder)
        self.pick_file.clicked.connect(self._choose_file)
        self.apply_button.clicked.connect(self.apply)
        self.preview: catalog_admin.ImportPreview | None = None
        self._show_current()

    def _show_current(self) -> None:
        cat = default_catalog()
        self.current.setText(
            self.tr("Đang dùng: phiên bản {version}, {n} thủ tục.").format(version=cat.version, n=len(cat.procedures))
        )

    def _choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Thư mục danh mục"))
        if folder:
            self.load(Path(folder))

    def _choose_file(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, self.tr("Tệp danh mục"), "", "JSON (*.json)")
        if name:
            self.load(Path(name))

    def load(self, source: Path) -> None:
        """Validate and compare; nothing is applied yet."""
        self.preview = None
        self.apply_button.setEnabled(False)
        self.changes.clear()
        self.outcome.clear()
        try:
            self.preview = catalog_admin.preview(source)
        except CounterError as exc:
            self.error.setText(error_text(exc))
            return
        self.error.clear()
        d = self.preview.diff
        lines = [self.tr("Phiên bản {old} → {new}").format(old=d.old_version, new=d.new_version)]
        lines += [self.tr("+ thêm {code} {name}").format(code=c.code, name=c.name) for c in d.added]
        lines += [self.tr("− bỏ {code} {name}").format(code=c.code, name=c.name) for c in d.removed]
        lines += [
            self.tr("~ sửa {code} {name}: {fields}").format(code=c.code, name=c.name, fields=", ".join(c.fields))
            for c in d.changed
        ]
        if d.empty:
            lines.append(self.tr("Không có thủ tục nào thay đổi."))
        self.changes.setPlainText("\n".join(lines))
        self.apply_button.setEnabled(True)

    def apply(self) -> None:
        actor, checked = self.ctx.actor, self.preview
        if actor is None or checked is None:
            return
        result = run_op(self, self.ctx.engine, lambda s: catalog_admin.apply(s, actor, checked.source))
        if result is not None:
            self.apply_button.setEnabled(False)
            self.preview = None
            self.outcome.setText(
                self.tr("Đã áp dụng phiên bản {version}; các quầy khác của phường nhận khi đồng bộ.").format(
                    version=result.new_version
                )
            )
            self._show_current()
