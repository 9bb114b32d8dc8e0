"""Receive a dossier (Ctrl+N): procedure → applicant (looked up first) → papers → fee and notice → review.
The due date shows as soon as the procedure is chosen; saving goes through the core in one transaction
and writes the Mẫu 01 receipt as PDF."""

from __future__ import annotations

import html
import re
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QEvent, QLocale, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from counter_app import citizens, dossiers, privacy, search
from counter_app.catalog import Procedure, default_catalog
from counter_app.clock import utc_now
from counter_app.errors import CounterError
from counter_app.models import Citizen, Dossier
from counter_app.parties import Party
from counter_app.text import money
from ui.context import AppContext
from ui.dossiers.paperwork import SavedDialog
from ui.dossiers.parties_page import PartiesPage
from ui.form_printing import make_form, print_form
from ui.forms_pdf import FormPreviewDialog
from ui.i18n import core, error_text
from ui.ops import run_op
from ui.widgets import error_label
from ui.window_state import remember_geometry


class ProcedurePage(QWizardPage):
    def __init__(self, wizard: IntakeWizard) -> None:
        super().__init__()
        self.w = wizard
        self.setTitle(self.tr("1. Chọn thủ tục"))
        self.query = QLineEdit(placeholderText=self.tr("Gõ tên hoặc mã thủ tục, ví dụ: ket hon, chung thuc"))
        self.list = QListWidget()
        self.info = QLabel(wordWrap=True)
        layout = QVBoxLayout(self)
        for widget in (self.query, self.list, self.info):
            layout.addWidget(widget)
        self.query.textChanged.connect(self.filter)
        self.list.currentItemChanged.connect(lambda *_: self.choose())
        self.filter("")

    def filter(self, text: str) -> None:
        self.list.clear()
        for proc in default_catalog().search(text, limit=80):
            item = QListWidgetItem(f"{proc.name}  ·  {proc.field}  ·  {proc.code}")
            item.setData(Qt.ItemDataRole.UserRole, proc.code)
            self.list.addItem(item)
        if self.list.count():
            self.list.setCurrentRow(0)

    def choose(self) -> None:
        item = self.list.currentItem()
        self.w.procedure = default_catalog().get(item.data(Qt.ItemDataRole.UserRole)) if item else None
        proc = self.w.procedure
        if proc is not None:
            actor = self.w.ctx.actor
            assert actor is not None
            now = utc_now()
            due = run_op(self, self.w.ctx.engine, lambda s: dossiers.preview_deadline(s, actor, proc.code, now))
            days = (
                self.tr("trong ngày")
                if proc.same_day
                else self.tr("{processing_days} ngày làm việc").format(processing_days=proc.processing_days)
            )
            amount = run_op(self, self.w.ctx.engine, lambda s: dossiers.preview_fee(s, actor, proc.code))
            fee = money(amount) if amount else self.tr("miễn/không thu")
            self.info.setText(
                self.tr("<b>Hẹn trả kết quả: {due:%d/%m/%Y}</b> ({days}) · Lệ phí: {fee}<br>{fee_note}").format(
                    due=due, days=days, fee=fee, fee_note=proc.fee_note
                )
            )
        self.completeChanged.emit()

    def isComplete(self) -> bool:  # noqa: N802 (Qt's name)
        return self.w.procedure is not None


class ApplicantPage(QWizardPage):
    def __init__(self, wizard: IntakeWizard) -> None:
        super().__init__()
        self.w = wizard
        self.setTitle(self.tr("2. Người nộp hồ sơ"))
        self.setSubTitle(self.tr("Tra cứu trước: công dân đã đến sẽ không phải nhập lại."))
        self.lookup = QLineEdit(placeholderText=self.tr("Số CCCD (12 số) hoặc họ tên, rồi Enter"))
        self.found = QLabel()
        self.matches = QListWidget()  # citizens found by name; Enter or double-click takes one
        self.matches.setMaximumHeight(110)
        self.matches.hide()
        self.name, self.id_number, self.phone = QLineEdit(), QLineEdit(), QLineEdit()
        # A former CMND (9 or 12 digits) only cross-checks old papers; it never identifies the person.
        self.old_id = QLineEdit(placeholderText=self.tr("chỉ để đối chiếu giấy tờ cũ"))
        self.birth = QLineEdit(placeholderText=self.tr("dd/mm/yyyy (không bắt buộc)"))
        self.address, self.ward = QLineEdit(), QLineEdit(wizard.ctx.settings.unit_code)
        self.error = error_label()
        form = QFormLayout(self)
        form.addRow(self.tr("Tra cứu"), self.lookup)
        form.addRow("", self.found)
        form.addRow("", self.matches)
        for label, field in (
            (self.tr("Họ và tên *"), self.name),
            (self.tr("Số CCCD"), self.id_number),
            (self.tr("Số CMND cũ"), self.old_id),
            (self.tr("Điện thoại"), self.phone),
            (self.tr("Ngày sinh"), self.birth),
            (self.tr("Địa chỉ"), self.address),
            (self.tr("Mã phường/xã mới"), self.ward),
        ):
            form.addRow(label, field)
        self.by_agent = QCheckBox(self.tr("Người được ủy quyền nộp thay"))
        form.addRow("", self.by_agent)
        form.addRow(self.error)
        # Enter in the lookup searches and Enter in the matches picks; neither goes on to the next page
        # (the wizard's default button would, and complain that the name is still empty).
        self.lookup.installEventFilter(self)
        self.matches.installEventFilter(self)
        self.matches.itemDoubleClicked.connect(lambda item: self.take(str(item.data(Qt.ItemDataRole.UserRole))))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        enter = (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        )
        if enter and watched is self.lookup:
            self.look_up()
            return True
        if enter and watched is self.matches:
            item = self.matches.currentItem()
            if item is not None:
                self.take(str(item.data(Qt.ItemDataRole.UserRole)))
            return True
        return super().eventFilter(watched, event)

    def nextId(self) -> int:  # noqa: N802 (Qt's name)
        """The page of the second party / representative only when one applies."""
        w = self.w
        needed = w.parties_page.needs_co_applicant() or self.by_agent.isChecked()
        return w.pageIds()[w.pageIds().index(w.currentId()) + (1 if needed else 2)]

    def look_up(self) -> None:
        """An ID number finds the one citizen; anything else is a name, accent-insensitive."""
        text = self.lookup.text().strip()
        self.matches.clear()
        self.matches.hide()
        if not text:
            return
        if re.fullmatch(r"[\d\s.\-]+", text):
            self._by_id_number(text)
        else:
            self._by_name(text)

    def _by_id_number(self, number: str) -> None:
        actor = self.w.ctx.actor
        assert actor is not None
        citizen = run_op(self, self.w.ctx.engine, lambda s: citizens.find_by_id_number(s, actor, number))
        if citizen is None:
            self.found.setText(self.tr("Chưa có trong dữ liệu: nhập thông tin bên dưới."))
            self.id_number.setText(number)
            self.w.citizen_id = None
            return
        self._fill(citizen)

    def _by_name(self, name: str) -> None:
        actor = self.w.ctx.actor
        assert actor is not None
        hits = run_op(self, self.w.ctx.engine, lambda s: search.search(s, actor, name, limit=50)) or []
        people = [h for h in hits if h.kind == "citizen"][:12]
        if not people:
            self.found.setText(self.tr("Không có ai tên như vậy: nhập thông tin bên dưới."))
            self.name.setText(name)
            self.w.citizen_id = None
            return
        self.found.setText(self.tr("{n} người trùng tên: chọn một người (Enter) hoặc nhập mới.").format(n=len(people)))
        for hit in people:
            item = QListWidgetItem(f"{hit.title} — {core(hit.subtitle)}")
            item.setData(Qt.ItemDataRole.UserRole, hit.id)
            self.matches.addItem(item)
        self.matches.show()
        self.matches.setCurrentRow(0)
        self.matches.setFocus()

    def take(self, citizen_id: str) -> None:
        """The officer picked a returning citizen from the matches."""
        actor = self.w.ctx.actor
        assert actor is not None
        citizen = run_op(self, self.w.ctx.engine, lambda s: citizens.get_citizen(s, actor, citizen_id))
        if citizen is not None:
            self.matches.hide()
            self._fill(citizen)
            self.name.setFocus()

    def _fill(self, citizen: Citizen) -> None:
        self.w.citizen_id = citizen.id
        self.found.setText(self.tr("Công dân đã có: {full_name}").format(full_name=citizen.full_name))
        self.name.setText(citizen.full_name)
        self.id_number.setText(citizen.id_number or "")
        self.old_id.setText(citizen.old_id_number or "")
        self.phone.setText(citizen.phone or "")
        self.address.setText(citizen.address or "")

    def validatePage(self) -> bool:  # noqa: N802 (Qt's name)
        try:
            birth = (
                datetime.strptime(self.birth.text().strip(), "%d/%m/%Y").date() if self.birth.text().strip() else None
            )
            data = citizens.CitizenInput(
                self.name.text(),
                self.id_number.text() or None,
                self.old_id.text() or None,
                self.phone.text() or None,
                birth,
                self.address.text() or None,
                self.ward.text() or None,
            )
            data.cleaned()
        except ValueError:
            self.error.setText(self.tr("Ngày sinh phải có dạng ngày/tháng/năm, ví dụ 05/09/1990."))
            return False
        except CounterError as exc:
            self.error.setText(error_text(exc))
            return False
        self.error.clear()
        self.w.citizen = data
        return True


class PapersPage(QWizardPage):
    def __init__(self, wizard: IntakeWizard) -> None:
        super().__init__()
        self.w = wizard
        self.setTitle(self.tr("3. Giấy tờ nhận"))
        self.setSubTitle(self.tr("Đánh dấu giấy tờ công dân đã nộp (* là bắt buộc)."))
        self.box = QVBoxLayout()
        self.checks: list[tuple[str, QCheckBox]] = []
        self.supplement = QCheckBox(self.tr("Thiếu giấy tờ: lập Phiếu yêu cầu bổ sung (Mẫu 02) thay vì từ chối nhận"))
        self.guidance = QLineEdit(placeholderText=self.tr("Hướng dẫn bổ sung cho công dân"))
        self.error = error_label()
        layout = QVBoxLayout(self)
        layout.addLayout(self.box)
        for widget in (self.supplement, self.guidance, self.error):
            layout.addWidget(widget)

    def initializePage(self) -> None:  # noqa: N802 (Qt's name)
        for _, check in self.checks:
            check.deleteLater()
        self.checks = []
        assert self.w.procedure is not None
        for paper in self.w.procedure.papers:
            mark = " *" if paper.required else ""
            check = QCheckBox(
                self.tr("{name} — {form_label_vi}, {count} bản{mark}").format(
                    name=paper.name, form_label_vi=core(paper.form_label_vi), count=paper.count, mark=mark
                )
            )
            self.box.addWidget(check)
            self.checks.append((paper.name, check))

    def received(self) -> list[str]:
        return [name for name, check in self.checks if check.isChecked()]

    def validatePage(self) -> bool:  # noqa: N802 (Qt's name)
        assert self.w.procedure is not None
        missing = dossiers.check_papers(self.w.procedure, self.received())
        if missing and not self.supplement.isChecked():
            self.error.setText(self.tr("Còn thiếu: ") + "; ".join(p.name for p in missing))
            return False
        self.w.papers, self.w.missing = self.received(), bool(missing)
        return True


class FeePage(QWizardPage):
    def __init__(self, wizard: IntakeWizard) -> None:
        super().__init__()
        self.w = wizard
        self.setTitle(self.tr("4. Lệ phí và thông báo dữ liệu cá nhân"))
        self.fee = QSpinBox(maximum=100_000_000, singleStep=1000, suffix=" đồng")
        self.fee.setLocale(QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam))  # 50.000, as everywhere
        self.fee.setGroupSeparatorShown(True)
        self.paid = QCheckBox(self.tr("Đã thu lệ phí"))
        notice = privacy.current_notice()
        self.notice = QPlainTextEdit(notice.as_text(privacy.ward_name(wizard.ctx.settings.unit_code)), readOnly=True)
        self.told = QCheckBox(self.tr("Đã thông báo cho công dân (phiên bản {version})").format(version=notice.version))
        self.told.toggled.connect(lambda _c: self.completeChanged.emit())
        form = QFormLayout(self)
        form.addRow(self.tr("Lệ phí"), self.fee)
        form.addRow("", self.paid)
        form.addRow(self.notice)
        form.addRow(self.told)

    def initializePage(self) -> None:  # noqa: N802 (Qt's name)
        proc, actor = self.w.procedure, self.w.ctx.actor
        assert proc is not None and actor is not None
        amount = run_op(self, self.w.ctx.engine, lambda s: dossiers.preview_fee(s, actor, proc.code))
        self.fee.setValue(amount or 0)  # the ward's value for a council-set fee, else the catalog's

    def isComplete(self) -> bool:  # noqa: N802 (Qt's name)
        return self.told.isChecked()


class ReviewPage(QWizardPage):
    def __init__(self, wizard: IntakeWizard) -> None:
        super().__init__()
        self.w = wizard
        self.setTitle(self.tr("5. Kiểm tra và lưu"))
        self.summary = QLabel(wordWrap=True)
        QVBoxLayout(self).addWidget(self.summary)

    def initializePage(self) -> None:  # noqa: N802 (Qt's name)
        proc, citizen = self.w.procedure, self.w.citizen
        assert proc is not None and citizen is not None
        state = self.tr("Yêu cầu bổ sung (Mẫu 02)") if self.w.missing else self.tr("Được tiếp nhận")
        self.summary.setText(
            self.tr(
                "<b>{name}</b><br>Người nộp: {full_name}<br>Giấy tờ: {n} loại<br>Lệ phí: {fee}<br>"
                "Trạng thái khi lưu: <b>{state}</b>"
            ).format(
                name=html.escape(proc.name),
                full_name=html.escape(citizen.full_name),
                n=len(self.w.papers),
                fee=money(self.w.fee_page.fee.value()),
                state=state,
            )
        )

    def validatePage(self) -> bool:  # noqa: N802 (Qt's name)
        return self.w.save()


class IntakeWizard(QWizard):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("Tiếp nhận hồ sơ"))
        remember_geometry(self, ctx.paths.data, "intake_wizard", (820, 600))
        self.procedure: Procedure | None = None
        self.citizen: citizens.CitizenInput | None = None
        self.citizen_id: str | None = None
        self.papers: list[str] = []
        self.missing = False
        self.saved: Dossier | None = None
        self.receipt: Path | None = None
        self.co_applicant: Party | None = None
        self.representative: Party | None = None
        self.saved_dialog: SavedDialog | None = None
        self.preview_dialog: FormPreviewDialog | None = None
        self.procedure_page, self.applicant_page = ProcedurePage(self), ApplicantPage(self)
        self.parties_page = PartiesPage(self)
        self.papers_page, self.fee_page, self.review_page = PapersPage(self), FeePage(self), ReviewPage(self)
        pages = (self.procedure_page, self.applicant_page, self.parties_page, self.papers_page)
        for page in (*pages, self.fee_page, self.review_page):
            self.addPage(page)
        self.setButtonText(QWizard.WizardButton.NextButton, self.tr("Tiếp (Enter)"))
        self.setButtonText(QWizard.WizardButton.BackButton, self.tr("Quay lại"))
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("Lưu hồ sơ"))
        self.setButtonText(QWizard.WizardButton.CancelButton, self.tr("Hủy"))

    def save(self) -> bool:
        actor = self.ctx.actor
        assert actor is not None and self.procedure is not None
        data = dossiers.IntakeInput(
            self.procedure.code,
            citizen=self.citizen,
            citizen_id=self.citizen_id,
            papers_received=self.papers,
            fee_amount=self.fee_page.fee.value(),
            fee_paid=self.fee_page.paid.isChecked(),
            consent_notice_version=privacy.current_notice().version,
            request_supplement=self.missing,
            supplement_guidance=self.papers_page.guidance.text() or None,
            co_applicant=self.co_applicant if self.parties_page.needs_co_applicant() else None,
            representative=self.representative if self.applicant_page.by_agent.isChecked() else None,
        )
        self.saved = run_op(self, self.ctx.engine, lambda s: dossiers.receive_dossier(s, actor, data))
        if self.saved is None:
            return False
        self.ctx.bus.data_changed.emit("dossier")
        self.receipt = write_receipt(self.ctx, self.saved.id, "02" if self.missing else "01")
        return True

    def accept(self) -> None:
        """Closed after saving: show the new code and offer its form at once (Enter prints)."""
        super().accept()
        saved = self.saved
        if saved is None:
            return
        form = "02" if self.missing else "01"
        self.saved_dialog = SavedDialog(saved.code, form, lambda: self.print_saved(form), self.parentWidget())
        self.saved_dialog.open()

    def print_saved(self, form: str) -> FormPreviewDialog | None:
        assert self.saved is not None
        made = make_form(self.parentWidget(), self.ctx, self.saved.id, form)
        if made is not None:
            self.preview_dialog = print_form(self.parentWidget() or self, *made, self.ctx.settings.form_printer)
        return self.preview_dialog


def write_receipt(ctx: AppContext, dossier_id: str, form: str) -> Path | None:
    """Render one of the forms of a dossier to `<data>/forms/<code>-<form>.pdf`."""
    made = make_form(None, ctx, dossier_id, form)
    return made[1] if made else None
