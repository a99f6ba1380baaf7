"""The committee's decision on a case, recorded field by field as the chair types it."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from visitation_app.domain.records import AgendaItemRecord, DecisionRecord
from visitation_app.domain.vocabulary import Outcome
from visitation_app.i18n import _
from visitation_app.services import decisions as decision_service
from visitation_app.store.database import Database
from visitation_app.ui.autosave import Autosaver
from visitation_app.ui.widgets import MoneyEdit, OptionalDateEdit

FIELDS = (
    "outcome",
    "service",
    "extent",
    "legal_basis",
    "justification",
    "valid_from",
    "review_date",
    "annual_cost_ore",
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
    """Outcome, service, extent, legal basis, justification, dates and annual cost."""

    decision_saved = Signal(str)
    """The decision was saved; carries the outcome code ('' for none)."""

    def __init__(
        self,
        db: Database,
        item: AgendaItemRecord,
        autosaver: Autosaver,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(_("Decision"), parent)
        self._db = db
        self._item_id = item.id
        self.outcome = outcome_combo()
        self.service = QLineEdit()
        self.service.setPlaceholderText(_("e.g. practical help"))
        self.extent = QLineEdit()
        self.extent.setPlaceholderText(_("e.g. 2 hours a week"))
        self.legal_basis = QLineEdit()
        paragraph = item.case.legal_paragraph if item.case else ""
        self.legal_basis.setPlaceholderText(
            _("e.g. {paragraph} (the case's paragraph)").format(paragraph=paragraph)
            if paragraph
            else _("e.g. SEL § 83, stk. 1, nr. 2")
        )
        self.justification = QPlainTextEdit()
        self.justification.setTabChangesFocus(True)
        self.justification.setMinimumHeight(90)
        self.justification.setPlaceholderText(
            _("The legal rules, the main considerations and the facts given weight.")
        )
        self.valid_from = OptionalDateEdit()
        self.review_date = OptionalDateEdit()
        self.annual_cost_ore = MoneyEdit()
        self.annual_cost_ore.setMaximumWidth(180)
        self.annual_cost_ore.setProperty("baseToolTip", _("Annual cost in kroner, e.g. 125.000,50"))
        self.annual_cost_ore.setToolTip(self.annual_cost_ore.property("baseToolTip"))

        dates = QHBoxLayout()
        dates.addWidget(self.valid_from)
        dates.addSpacing(12)
        review_label = QLabel(_("Review &date:"))
        review_label.setBuddy(self.review_date)
        dates.addWidget(review_label)
        dates.addWidget(self.review_date)
        dates.addStretch(1)
        cost = QHBoxLayout()
        cost.addWidget(self.annual_cost_ore)
        cost.addWidget(QLabel(_("kr. a year")))
        cost.addStretch(1)

        form = QFormLayout(self)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft)
        # Alt+the underlined letter moves to the field (each label's buddy).
        rows = (
            (_("&Outcome:"), self.outcome, self.outcome),
            (_("&Service:"), self.service, self.service),
            (_("E&xtent:"), self.extent, self.extent),
            (_("&Legal basis:"), self.legal_basis, self.legal_basis),
            (_("&Justification:"), self.justification, self.justification),
            (_("Valid f&rom:"), dates, self.valid_from),
            (_("Annual &cost:"), cost, self.annual_cost_ore),
        )
        self.labels: dict[str, QLabel] = {}
        for text, field, buddy in rows:
            label = QLabel(text)
            label.setBuddy(buddy)
            form.addRow(label, field)
            self.labels[text] = label

        self.load(item.decision)
        for name in FIELDS:
            autosaver.bind(self.editor(name), self._saver(name))

    def editor(self, name: str) -> QWidget:
        return getattr(self, name)

    def load(self, decision: DecisionRecord | None) -> None:
        """Fill the editors (the caller holds the autosaver's `loading()`, or binds afterwards)."""
        decision = decision or DecisionRecord(id=0)
        select_data(self.outcome, decision.outcome)
        self.service.setText(decision.service)
        self.extent.setText(decision.extent)
        self.legal_basis.setText(decision.legal_basis)
        self.justification.setPlainText(decision.justification)
        self.valid_from.set_value(decision.valid_from)
        self.review_date.set_value(decision.review_date)
        self.annual_cost_ore.set_value(decision.annual_cost_ore)

    def _saver(self, name: str) -> Callable[[object], None]:
        def save(value: object) -> None:
            decision = decision_service.save_decision(self._db, self._item_id, **{name: value})
            self.decision_saved.emit(decision.outcome or "")

        return save

    def set_read_only(self, read_only: bool) -> None:
        for name in FIELDS:
            widget = self.editor(name)
            if isinstance(widget, QLineEdit | QPlainTextEdit | QAbstractSpinBox):
                widget.setReadOnly(read_only)
            else:
                widget.setEnabled(not read_only)
