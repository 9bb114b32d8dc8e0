"""The paperwork parts of a dossier's window: which form to show or print (only those its state calls
for), the official dossier code from the city's / national system, and who collected the result."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from counter_app.i18n import QT_TRANSLATE_NOOP
from counter_app.parties import Party
from ui.widgets import dialog_buttons, error_label

# The forms' names in the chooser (the forms themselves stay Vietnamese: they are documents for citizens).
FORM_NAMES = {
    "01": QT_TRANSLATE_NOOP("FormBar", "Giấy tiếp nhận hồ sơ và hẹn trả kết quả"),
    "02": QT_TRANSLATE_NOOP("FormBar", "Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ"),
    "03": QT_TRANSLATE_NOOP("FormBar", "Phiếu từ chối tiếp nhận giải quyết hồ sơ"),
    "04": QT_TRANSLATE_NOOP("FormBar", "Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết"),
    "05": QT_TRANSLATE_NOOP("FormBar", "Thông báo dừng giải quyết hồ sơ"),
    "06": QT_TRANSLATE_NOOP("FormBar", "Phiếu kiểm soát quá trình giải quyết hồ sơ"),
}


class FormBar(QWidget):
    """A form chooser with "show as PDF" and "print" for the chosen form."""

    def __init__(self, show: Callable[[str], object], print_: Callable[[str], object]) -> None:
        super().__init__()
        self.choice = QComboBox()
        self.pdf = QPushButton(self.tr("Xem (PDF)"))
        self.print_button = QPushButton(self.tr("In (Ctrl+P)…"))
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(QLabel(self.tr("Biểu mẫu")))
        row.addWidget(self.choice, 1)
        row.addWidget(self.pdf)
        row.addWidget(self.print_button)
        self.pdf.clicked.connect(lambda: show(self.current()))
        self.print_button.clicked.connect(lambda: print_(self.current()))

    def offer(self, numbers: list[str]) -> None:
        """The forms this dossier's state calls for; the receipt first where it applies."""
        keep = self.current()
        self.choice.clear()
        for number in numbers:
            self.choice.addItem(
                self.tr("Mẫu {n} — {title}").format(n=number, title=self.tr(FORM_NAMES[number])), number
            )
        if keep in numbers:
            self.choice.setCurrentIndex(numbers.index(keep))
        for button in (self.pdf, self.print_button):
            button.setEnabled(bool(numbers))

    def current(self) -> str:
        return str(self.choice.currentData() or "01")


class OfficialCodeRow(QWidget):
    """The official dossier code, typed or scanned from the portal's receipt; Enter saves it."""

    def __init__(self, save: Callable[[str], bool]) -> None:
        super().__init__()
        self.edit = QLineEdit(placeholderText=self.tr("Mã hồ sơ do hệ thống của Thành phố / Cổng quốc gia cấp"))
        self.button = QPushButton(self.tr("Lưu mã"))
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(QLabel(self.tr("Mã hồ sơ chính thức")))
        row.addWidget(self.edit, 1)
        row.addWidget(self.button)
        self.button.clicked.connect(lambda: save(self.edit.text()))
        self.edit.returnPressed.connect(self.button.click)


class CollectorDialog(QDialog):
    """Who collects the result: the applicant, or an authorised person with ID number and relation."""

    def __init__(self, applicant: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Trả kết quả"))
        self.setMinimumWidth(480)  # room for a name, an ID number and an authorisation reference
        self.other = QCheckBox(self.tr("Người khác nhận thay (được ủy quyền)"))
        self.name, self.id_number, self.relation = QLineEdit(), QLineEdit(), QLineEdit()
        self.relation.setPlaceholderText(self.tr("Quan hệ với người nộp, số giấy ủy quyền"))
        self.error = error_label()
        form = QFormLayout()
        form.addRow(QLabel(self.tr("Người nộp hồ sơ: <b>{name}</b>").format(name=applicant)))
        form.addRow(self.other)
        form.addRow(self.tr("Họ và tên"), self.name)
        form.addRow(self.tr("Số CCCD"), self.id_number)
        form.addRow(self.tr("Quan hệ / ủy quyền"), self.relation)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(dialog_buttons(self.tr("Trả kết quả"), self.accept, self.reject))
        self.other.toggled.connect(self._enable)
        self._enable(False)

    def _enable(self, on: bool) -> None:
        for field in (self.name, self.id_number, self.relation):
            field.setEnabled(on)

    def collector(self) -> Party | None:
        """None: the applicant collects in person."""
        if not self.other.isChecked():
            return None
        return Party(self.name.text(), self.id_number.text() or None, relation=self.relation.text() or None)


class SavedDialog(QDialog):
    """After saving: the new code, large, and the form to print at once (Enter prints)."""

    def __init__(self, code: str, form: str, print_: Callable[[], object], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Đã lưu hồ sơ"))
        self.code = QLabel(f"<span style='font-size: 22pt'><b>{code}</b></span>")
        self.print_button = QPushButton(self.tr("In Mẫu {form} (Enter)").format(form=form))
        self.print_button.setDefault(True)
        close = QPushButton(self.tr("Đóng (Esc)"))
        close.setAutoDefault(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.print_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Đã lưu. Mã hồ sơ:")))
        layout.addWidget(self.code)
        layout.addLayout(buttons)
        self.print_button.clicked.connect(lambda: self._print(print_))
        close.clicked.connect(self.reject)
        self.print_button.setFocus()

    def _print(self, print_: Callable[[], object]) -> None:
        self.accept()
        print_()
