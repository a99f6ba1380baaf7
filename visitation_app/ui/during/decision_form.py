"""The committee's decision on a case, recorded field by field as the chair types it.

Beside the fields, the checklist shows what the law requires of the decision; it is
refreshed after every save. "Mark final" asks for a reason while something is missing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QWidget,
)

from visitation_app.domain.completeness import DecisionCheck
from visitation_app.domain.errors import UserError
from visitation_app.domain.records import AgendaItemRecord, DecisionRecord
from visitation_app.domain.vocabulary import Outcome
from visitation_app.i18n import _
from visitation_app.services import decisions as decision_service
from visitation_app.services.legal import current_catalog
from visitation_app.store.database import Database
from visitation_app.ui.autosave import Autosaver
from visitation_app.ui.during.checklist import DecisionChecklist
from visitation_app.ui.during.override_dialog import OverrideDialog
from visitation_app.ui.legal_widgets import ConsultationEdit, LegalBasisEdit
from visitation_app.ui.messages import show_error
from visitation_app.ui.pdf_actions import save_decision_letter
from visitation_app.ui.widgets import OptionalDateEdit

# Editors saved one field each; the legal basis and the consultation are bound apart.
FIELDS = (
    "outcome",
    "service",
    "extent",
    "justification",
    "valid_from",
    "review_date",
    "missing_information",
    "missing_by",
)


def outcome_combo(parent: QWidget | None = None) -> QComboBox:
    """The outcomes with an empty first choice (no decision yet)."""
    combo = QComboBox(parent)
    combo.addItem(_("– no decision yet –"), None)
    for code, label in Outcome.choices():
        combo.addItem(label, code)
    return combo


def select_data(combo: QComboBox, value: str | None) -> None:
    index = combo.findData(value)
    combo.setCurrentIndex(index if index >= 0 else 0)


class DecisionForm(QGroupBox):
    """Outcome, service, extent, legal basis, justification, consultation and dates.

    What the decision costs is recorded in the economy group below it (economy.py).
    """

    decision_saved = Signal(str)
    """The decision was saved; carries the outcome code ('' for none)."""

    def __init__(
        self,
        db: Database,
        item: AgendaItemRecord,
        autosaver: Autosaver,
        decided_on: dt.date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(_("Decision"), parent)
        self._db = db
        self._item_id = item.id
        self._item = item
        self._autosaver = autosaver
        self._read_only = False
        self.outcome = outcome_combo()
        self.service = QLineEdit()
        self.service.setPlaceholderText(_("e.g. practical help"))
        self.extent = QLineEdit()
        self.extent.setPlaceholderText(_("e.g. 2 hours a week"))
        area = item.case.area if item.case else ""
        self.legal_basis = LegalBasisEdit(current_catalog().bases_for(area, decided_on))
        paragraph = item.case.legal_paragraph if item.case else ""
        if paragraph:
            self.legal_basis.setToolTip(
                _("The case worker proposed: {paragraph}").format(paragraph=paragraph)
            )
        self.consultation = ConsultationEdit()
        self.missing_information = QLineEdit()
        self.missing_information.setPlaceholderText(
            _("What must be in place before the case can be decided?")
        )
        self.missing_by = OptionalDateEdit()
        self.justification = QPlainTextEdit()
        self.justification.setTabChangesFocus(True)
        self.justification.setMinimumHeight(90)
        self.justification.setPlaceholderText(
            _("The legal rules, the main considerations and the facts given weight.")
        )
        self.valid_from = OptionalDateEdit()
        self.review_date = OptionalDateEdit()

        dates = QHBoxLayout()
        dates.addWidget(self.valid_from)
        dates.addSpacing(12)
        review_label = QLabel(_("Review &date:"))
        review_label.setBuddy(self.review_date)
        dates.addWidget(review_label)
        dates.addWidget(self.review_date)
        dates.addStretch(1)
        missing = QHBoxLayout()
        missing.addWidget(self.missing_information, 1)
        by_label = QLabel(_("&by:"))
        by_label.setBuddy(self.missing_by)
        missing.addWidget(by_label)
        missing.addWidget(self.missing_by)

        fields = QWidget()
        form = QFormLayout(fields)
        form.setContentsMargins(0, 0, 0, 0)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft)
        # Alt+the underlined letter moves to the field (each label's buddy).
        rows = (
            (_("&Outcome:"), self.outcome, self.outcome),
            (_("&Service:"), self.service, self.service),
            (_("E&xtent:"), self.extent, self.extent),
            (_("&Legal basis:"), self.legal_basis, self.legal_basis),
            (_("&Justification:"), self.justification, self.justification),
            (_("Consultat&ion:"), self.consultation, self.consultation.status),
            (_("Missin&g:"), missing, self.missing_information),
            (_("Valid f&rom:"), dates, self.valid_from),
        )
        self.labels: dict[str, QLabel] = {}
        for text, field, buddy in rows:
            label = QLabel(text)
            label.setBuddy(buddy)
            form.addRow(label, field)
            self.labels[text] = label
        self._form = form
        self._missing_row = missing

        self.checklist = DecisionChecklist()
        self.checklist.setMinimumWidth(260)
        self.checklist.setMaximumWidth(360)
        self.checklist.finalise_requested.connect(self.mark_final)
        self.checklist.draft_requested.connect(self.make_draft)
        self.checklist.letter_requested.connect(self.save_letter)
        beside = QHBoxLayout(self)
        beside.addWidget(fields, 1)
        beside.addWidget(self.checklist, 0, Qt.AlignmentFlag.AlignTop)

        self.load(item.decision)
        for name in FIELDS:
            autosaver.bind(self.editor(name), self._saver(name))
        autosaver.bind(self.legal_basis, self._save_basis)
        for name, editor in self.consultation.editors().items():
            autosaver.bind(editor, self._saver(name))
        self.outcome.currentIndexChanged.connect(self._show_outcome_rows)
        self._show_outcome_rows()
        self.show_check(item.check)

    def editor(self, name: str) -> QWidget:
        return getattr(self, name)

    def load(self, decision: DecisionRecord | None) -> None:
        """Fill the editors (the caller holds the autosaver's `loading()`, or binds afterwards)."""
        decision = decision or DecisionRecord(id=0)
        select_data(self.outcome, decision.outcome)
        self.service.setText(decision.service)
        self.extent.setText(decision.extent)
        self.legal_basis.set_value(decision.legal_basis_key, decision.legal_basis)
        self.justification.setPlainText(decision.justification)
        self.consultation.set_values(
            decision.consultation, decision.consulted_on, decision.consultation_not_needed_reason
        )
        self.missing_information.setText(decision.missing_information)
        self.missing_by.set_value(decision.missing_by)
        self.valid_from.set_value(decision.valid_from)
        self.review_date.set_value(decision.review_date)

    def _saver(self, name: str) -> Callable[[object], None]:
        return lambda value: self._save(**{name: value})

    def _save_basis(self, value: tuple[str, str]) -> None:
        key, text = value
        self._save(legal_basis_key=key, legal_basis=text)

    def _save(self, **changes: object) -> None:
        decision = decision_service.save_decision(self._db, self._item_id, **changes)
        self.refresh_check()
        self.decision_saved.emit(decision.outcome or "")

    def _show_outcome_rows(self) -> None:
        """What a postponed case lacks is asked for only when the case is postponed."""
        self._form.setRowVisible(self._missing_row, self.outcome.currentData() == Outcome.POSTPONED)

    def refresh_check(self) -> None:
        self.show_check(decision_service.check_decision_on(self._db, self._item_id))

    def show_check(self, check: DecisionCheck | None) -> None:
        check = check or DecisionCheck()
        self.check = check
        self.checklist.show_check(check, read_only=self._read_only)
        decision = decision_service.get_decision(self._db, self._item_id)
        self._decision_id = decision.id if decision else None
        self.checklist.letter_button.setEnabled(bool(decision and decision.outcome))

    def mark_final(self) -> None:
        """Mark the decision final; while something is missing, only with a stated reason."""
        if not self._autosaver.flush():
            return
        self.refresh_check()
        reason = ""
        try:
            if not self.check.complete:
                dialog = OverrideDialog([r.explanation for r in self.check.missing], self)
                if dialog.exec() != QDialog.DialogCode.Accepted:
                    return
                reason = dialog.reason_text()
            check = decision_service.finalise_decision(
                self._db, self._item_id, override_reason=reason
            )
        except UserError as error:
            show_error(self, error)
            return
        self.show_check(check)
        self._reveal_checklist()
        self.decision_saved.emit(self.outcome.currentData() or "")

    def _reveal_checklist(self) -> None:
        """Scroll the status into view (Alt+M works from anywhere on the item)."""
        parent = self.parentWidget()
        while parent is not None and not isinstance(parent, QScrollArea):
            parent = parent.parentWidget()
        if isinstance(parent, QScrollArea):
            parent.ensureWidgetVisible(self.checklist)

    def make_draft(self) -> None:
        try:
            self.show_check(decision_service.make_draft(self._db, self._item_id))
        except UserError as error:
            show_error(self, error)
            return
        self.decision_saved.emit(self.outcome.currentData() or "")

    def save_letter(self) -> None:
        if self._decision_id is not None:
            save_decision_letter(self, self._db, self._decision_id)

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only
        for name in FIELDS:
            widget = self.editor(name)
            if isinstance(widget, QLineEdit | QPlainTextEdit | QAbstractSpinBox):
                widget.setReadOnly(read_only)
            else:
                widget.setEnabled(not read_only)
        self.legal_basis.set_read_only(read_only)
        self.consultation.set_read_only(read_only)
        self.checklist.show_check(self.check, read_only=read_only)
