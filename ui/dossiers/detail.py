"""One dossier: its data, papers and history; move it through its states with a reason; forms as PDF."""

from __future__ import annotations

import html
import json
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QGridLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from counter_app import dossiers, forms
from counter_app.clock import to_local
from counter_app.dossier_states import NEEDS_REASON, TRANSITIONS, DossierState
from counter_app.i18n import QT_TRANSLATE_NOOP
from counter_app.identity import mask_id
from counter_app.models import Dossier
from counter_app.parties import Party
from ui.context import AppContext
from ui.dossiers.paperwork import CollectorDialog, FormBar, OfficialCodeRow
from ui.form_printing import make_form, print_form, show_form
from ui.forms_pdf import FormPreviewDialog
from ui.i18n import core
from ui.ops import run_op
from ui.window_state import remember_geometry

S = DossierState
ASK = "ask"  # move_to: ask who collects the result
ACTIONS: dict[DossierState, str] = {
    S.DANG_XU_LY: QT_TRANSLATE_NOOP("detail", "Chuyển xử lý"),
    S.YEU_CAU_BO_SUNG: QT_TRANSLATE_NOOP("detail", "Yêu cầu bổ sung (Mẫu 02)"),
    S.KHONG_DUOC_TIEP_NHAN: QT_TRANSLATE_NOOP("detail", "Từ chối (Mẫu 03)"),
    S.YEU_CAU_NGHIA_VU_TAI_CHINH: QT_TRANSLATE_NOOP("detail", "Yêu cầu nghĩa vụ tài chính"),
    S.CONG_DAN_RUT_HO_SO: QT_TRANSLATE_NOOP("detail", "Công dân rút hồ sơ"),
    S.DUNG_XU_LY: QT_TRANSLATE_NOOP("detail", "Dừng xử lý"),
    S.DA_XU_LY_XONG: QT_TRANSLATE_NOOP("detail", "Đã xử lý xong"),
    S.DA_TRA_KET_QUA: QT_TRANSLATE_NOOP("detail", "Trả kết quả"),
    S.DUOC_TIEP_NHAN: QT_TRANSLATE_NOOP("detail", "Đã bổ sung đủ: tiếp nhận"),
}


class DossierDetailDialog(QDialog):
    def __init__(self, ctx: AppContext, dossier_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.dossier_id = ctx, dossier_id
        remember_geometry(self, ctx.paths.data, "dossier_detail", (820, 620))
        self.info = QLabel(wordWrap=True)
        self.papers = QListWidget()
        self.history = QListWidget()
        self.buttons: dict[DossierState, QPushButton] = {}
        grid = QGridLayout()
        for i, (state, label) in enumerate(ACTIONS.items()):
            button = QPushButton(QCoreApplication.translate("detail", label))
            button.clicked.connect(lambda _c=False, target=state: self.move_to(target))
            QShortcut(QKeySequence(f"Ctrl+{i + 1}"), self, button.click)  # the grid's order, left to right
            button.setToolTip(f"Ctrl+{i + 1}")
            self.buttons[state] = button
            grid.addWidget(button, i // 3, i % 3)
        self.apology = QPushButton(self.tr("Xin lỗi, hẹn lại ngày (Mẫu 04)"))
        self.apology.clicked.connect(lambda: self.apologise())
        self.form_bar = FormBar(self.open_form, self.print_form)  # the forms this state calls for
        self.pdf, self.print_button = self.form_bar.pdf, self.form_bar.print_button
        self.preview_dialog: FormPreviewDialog | None = None
        QShortcut(QKeySequence("Ctrl+P"), self, self.print_button.click)
        self.official = OfficialCodeRow(self.save_official_code)
        grid.addWidget(self.apology, 3, 0)
        grid.addWidget(self.form_bar, 3, 1, 1, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(self.info)
        layout.addWidget(self.official)
        layout.addWidget(QLabel(self.tr("<b>Giấy tờ</b>")))
        layout.addWidget(self.papers)
        layout.addWidget(QLabel(self.tr("<b>Lịch sử xử lý</b>")))
        layout.addWidget(self.history)
        layout.addLayout(grid)
        self.state = S.DUOC_TIEP_NHAN
        self.applicant = ""
        self.load()

    def load(self) -> None:
        actor = self.ctx.actor
        assert actor is not None
        view = run_op(self, self.ctx.engine, lambda s: dossiers.get_dossier(s, actor, self.dossier_id))
        if view is None:
            return
        d, c = view.dossier, view.citizen
        self.state = view.state
        self.setWindowTitle(self.tr("Hồ sơ {code}").format(code=d.code))
        due = f"{d.due_date:%d/%m/%Y}" if d.due_date else self.tr("chưa tính (chờ bổ sung)")
        self.info.setText(
            self.tr(
                "<b>{code}</b> — {name}<br>Người nộp: {full_name} ({id_number})<br>"
                "Tiếp nhận: {received_at:%d/%m/%Y %H:%M} · Hẹn trả: <b>{due}</b><br>Trạng thái: <b>{state}</b>"
            ).format(
                code=d.code,
                name=view.procedure.name,
                full_name=c.full_name,
                id_number=mask_id(c.id_number) or "—",
                received_at=to_local(d.received_at),
                due=due,
                state=core(view.state.label_vi),
            )
        )
        self.papers.clear()
        for p in view.papers:
            self.papers.addItem(
                self.tr("{mark} {name} — {count} bản").format(
                    mark="✔" if p.received else "✘", name=p.name, count=p.count
                )
            )
        self.history.clear()
        for e in view.events:
            reason = f" — {e.reason}" if e.reason else ""
            start = core(DossierState(e.from_status).label_vi) + " → " if e.from_status else ""
            self.history.addItem(
                f"{to_local(e.at):%d/%m/%Y %H:%M}  {start}{core(DossierState(e.to_status).label_vi)}{reason}"
            )
        allowed = TRANSITIONS[view.state]
        for state, button in self.buttons.items():
            button.setEnabled(state in allowed)
        self.apology.setEnabled(bool(allowed) and view.state != S.DA_XU_LY_XONG)
        self.form_bar.offer(forms.applicable(forms.FormSource(view, {})))
        self.official.edit.setText(d.official_code or "")
        self.applicant = c.full_name
        self.info.setText(self.info.text() + self._people(d))

    def _people(self, d: Dossier) -> str:
        """The second party, the representative and who collected the result, where there are any."""
        lines = []
        for label, raw in (
            (self.tr("Bên thứ hai"), d.co_applicant),
            (self.tr("Người được ủy quyền nộp"), d.representative),
            (self.tr("Người nhận kết quả"), d.collected_by),
        ):
            person = Party.from_json(raw)
            if person is not None:
                extra = ", ".join(x for x in (mask_id(person.id_number), person.relation) if x)
                lines.append(
                    f"<br>{label}: {html.escape(person.full_name)}" + (f" ({html.escape(extra)})" if extra else "")
                )
        return "".join(lines)

    def save_official_code(self, code: str) -> bool:
        actor = self.ctx.actor
        assert actor is not None
        saved = run_op(self, self.ctx.engine, lambda s: dossiers.set_official_code(s, actor, self.dossier_id, code))
        if saved is not None:
            self.ctx.bus.data_changed.emit("dossier")
            self.load()
        return saved is not None

    def move_to(self, target: DossierState, reason: str | None = None, collector: Party | None | str = ASK) -> bool:
        """Move the dossier; returning the result asks who collects it unless `collector` says
        (None: the applicant in person)."""
        actor = self.ctx.actor
        assert actor is not None
        if not self._confirm(target):
            return False
        if target == S.DA_TRA_KET_QUA and collector == ASK:
            ask = CollectorDialog(self.applicant, self)
            if ask.exec() != QDialog.DialogCode.Accepted:
                return False
            collector = ask.collector()
        taker = collector if isinstance(collector, Party) else None
        if reason is None and target in NEEDS_REASON:
            reason, ok = QInputDialog.getText(
                self, QCoreApplication.translate("detail", ACTIONS[target]), self.tr("Lý do / hướng dẫn:")
            )
            if not ok:
                return False
        seen = self.state
        if target == S.YEU_CAU_BO_SUNG:
            missing = [p.split(" — ")[0][2:] for p in self._paper_lines() if p.startswith("✘")] or [
                self.tr("Giấy tờ theo hướng dẫn")
            ]
            fn = lambda s: dossiers.request_supplement(s, actor, self.dossier_id, missing, reason or "", seen)  # noqa: E731
        elif target == S.KHONG_DUOC_TIEP_NHAN:
            fn = lambda s: dossiers.refuse(s, actor, self.dossier_id, reason or "", seen)  # noqa: E731
        elif target == S.DA_TRA_KET_QUA:
            fn = lambda s: dossiers.return_result(s, actor, self.dossier_id, reason, taker)  # noqa: E731
        else:
            fn = lambda s: dossiers.transition(s, actor, self.dossier_id, target, reason, seen)  # noqa: E731
        done = run_op(self, self.ctx.engine, fn) is not None
        if done:
            self.ctx.bus.data_changed.emit("dossier")
        self.load()
        return done

    def _confirm(self, target: DossierState) -> bool:
        """Every state move is asked once; a move past a step the procedure needs is questioned, No by default."""
        actor = self.ctx.actor
        assert actor is not None
        view = run_op(self, self.ctx.engine, lambda s: dossiers.get_dossier(s, actor, self.dossier_id))
        if view is None:
            return False
        question = self.tr("Chuyển hồ sơ {code} từ «{old}» sang «{new}»?").format(
            code=view.dossier.code, old=core(view.state.label_vi), new=core(target.label_vi)
        )
        skipped = dossiers.skipped_steps(view, target)
        default = QMessageBox.StandardButton.Yes
        if skipped:
            steps = ", ".join(f"«{core(step.label_vi)}»" for step in skipped)
            question += "\n\n" + self.tr("Lưu ý: hồ sơ chưa qua bước {steps} mà thủ tục này cần. Vẫn chuyển?").format(
                steps=steps
            )
            default = QMessageBox.StandardButton.No
        answer = QMessageBox.question(
            self,
            self.tr("Xác nhận chuyển trạng thái"),
            question,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            default,
        )
        return answer == QMessageBox.StandardButton.Yes

    def _paper_lines(self) -> list[str]:
        return [self.papers.item(i).text() for i in range(self.papers.count())]

    def apologise(self, reason: str | None = None, new_date: str | None = None) -> bool:
        from datetime import datetime

        actor = self.ctx.actor
        assert actor is not None
        if reason is None:
            reason, ok = QInputDialog.getText(self, self.tr("Mẫu 04"), self.tr("Lý do chậm trễ:"))
            if not ok:
                return False
        if new_date is None:
            new_date, ok = QInputDialog.getText(self, self.tr("Mẫu 04"), self.tr("Ngày hẹn mới (dd/mm/yyyy):"))
            if not ok:
                return False
        try:
            day = datetime.strptime(new_date.strip(), "%d/%m/%Y").date()
        except ValueError:
            self.info.setText(
                self.info.text() + self.tr("<br><span style='color:#b00020'>Ngày hẹn mới không đúng dạng.</span>")
            )
            return False
        done = run_op(
            self, self.ctx.engine, lambda s: dossiers.apologise_new_date(s, actor, self.dossier_id, reason, day)
        )
        self.load()
        return done is not None

    def _form(self, form: str) -> tuple[forms.FormData, Path] | None:
        return make_form(self, self.ctx, self.dossier_id, form)

    def print_form(self, form: str) -> FormPreviewDialog | None:
        """Ctrl+P: preview on the chosen A4 printer, print from there; the PDF is kept."""
        built = self._form(form)
        if built is not None:
            self.preview_dialog = print_form(self, *built, self.ctx.settings.form_printer)
        return self.preview_dialog

    def open_form(self, form: str, show: bool = True) -> Path | None:
        """The form as PDF in the system's viewer, or in the app's preview where there is none."""
        built = self._form(form)
        if built is None:
            return None
        if show:
            self.preview_dialog = show_form(self, *built) or self.preview_dialog
        return built[1]

    def form_events(self) -> list[dict[str, object]]:
        """The form data recorded on this dossier's events (for the history view and tests)."""
        actor = self.ctx.actor
        assert actor is not None
        view = run_op(self, self.ctx.engine, lambda s: dossiers.get_dossier(s, actor, self.dossier_id))
        return [json.loads(e.form_data) for e in view.events if e.form_data] if view else []
