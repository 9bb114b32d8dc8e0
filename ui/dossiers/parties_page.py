"""Intake wizard page for the people besides the applicant: the second party where the procedure has two
(marriage registration: both spouses) and an authorised representative filing for the citizen. Shown
only when one of them applies."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFormLayout, QGroupBox, QLineEdit, QVBoxLayout, QWizardPage

from counter_app.errors import CounterError
from counter_app.parties import Party, needs_two_applicants
from ui.i18n import error_text
from ui.widgets import error_label

if TYPE_CHECKING:
    from ui.dossiers.intake_wizard import IntakeWizard


class PartiesPage(QWizardPage):
    def __init__(self, wizard: IntakeWizard) -> None:
        super().__init__()
        self.w = wizard
        self.setTitle(self.tr("2b. Người cùng nộp, người được ủy quyền"))
        self.co_box = QGroupBox(self.tr("Bên thứ hai (cả hai bên cùng có mặt)"))
        self.co_name, self.co_id, self.co_phone, self.co_address = QLineEdit(), QLineEdit(), QLineEdit(), QLineEdit()
        co = QFormLayout(self.co_box)
        co.addRow(self.tr("Họ và tên *"), self.co_name)
        co.addRow(self.tr("Số CCCD"), self.co_id)
        co.addRow(self.tr("Điện thoại"), self.co_phone)
        co.addRow(self.tr("Địa chỉ"), self.co_address)
        self.rep_box = QGroupBox(self.tr("Người được ủy quyền nộp thay"))
        self.rep_name, self.rep_id, self.rep_relation = QLineEdit(), QLineEdit(), QLineEdit()
        self.rep_relation.setPlaceholderText(self.tr("Quan hệ, số giấy ủy quyền"))
        rep = QFormLayout(self.rep_box)
        rep.addRow(self.tr("Họ và tên *"), self.rep_name)
        rep.addRow(self.tr("Số CCCD"), self.rep_id)
        rep.addRow(self.tr("Quan hệ / ủy quyền *"), self.rep_relation)
        self.error = error_label()
        layout = QVBoxLayout(self)
        for widget in (self.co_box, self.rep_box, self.error):
            layout.addWidget(widget)

    def initializePage(self) -> None:  # noqa: N802 (Qt's name)
        self.co_box.setVisible(self.needs_co_applicant())
        self.rep_box.setVisible(self.w.applicant_page.by_agent.isChecked())

    def needs_co_applicant(self) -> bool:
        return self.w.procedure is not None and needs_two_applicants(self.w.procedure)

    def validatePage(self) -> bool:  # noqa: N802 (Qt's name)
        try:
            co = rep = None
            if self.co_box.isVisible() or self.needs_co_applicant():
                co = Party(
                    self.co_name.text(), self.co_id.text() or None, self.co_phone.text() or None, self.co_address.text()
                ).cleaned()
            if self.w.applicant_page.by_agent.isChecked():
                rep = Party(
                    self.rep_name.text(), self.rep_id.text() or None, relation=self.rep_relation.text()
                ).cleaned(needs_relation=True)
        except CounterError as exc:
            self.error.setText(error_text(exc))
            return False
        self.error.clear()
        self.w.co_applicant, self.w.representative = co, rep
        return True
