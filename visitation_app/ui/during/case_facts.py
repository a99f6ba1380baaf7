"""The case as it was prepared, read-only in the meeting: facts, summary and the citizen's goals."""

from __future__ import annotations

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel, QVBoxLayout, QWidget

from visitation_app.domain.records import CaseRecord
from visitation_app.formatting import format_date_short
from visitation_app.i18n import _
from visitation_app.ui.cpr_display import cpr_display_changed, shown_cpr

NOT_GIVEN = "–"


def _value_label(text: str) -> QLabel:
    label = QLabel(text.strip() or NOT_GIVEN)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


def _heading(text: str) -> QLabel:
    label = QLabel(text)
    font = label.font()
    font.setBold(True)
    label.setFont(font)
    return label


class CaseFacts(QGroupBox):
    """Citizen, CPR number (masked unless the setting says whole), case number, application,
    paragraph, case worker, summary, goals."""

    def __init__(self, case: CaseRecord, parent: QWidget | None = None) -> None:
        super().__init__(_("The case"), parent)
        self._cpr = case.cpr
        facts = QFormLayout()
        facts.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        facts.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        facts.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.values: dict[str, QLabel] = {}
        received = format_date_short(case.received_on)
        rows = (
            ("citizen", _("Citizen"), case.citizen_name),
            ("cpr", _("CPR number"), shown_cpr(case.cpr)),
            ("reference", _("Case number"), case.reference),
            ("applied_for", _("Applied for"), case.applied_for),
            ("legal_paragraph", _("Legal paragraph"), case.legal_paragraph),
            ("case_worker", _("Case worker"), case.case_worker),
            ("received_on", _("Date received"), received),
        )
        for key, caption, value in rows:
            self.values[key] = _value_label(value)
            facts.addRow(_("{caption}:").format(caption=caption), self.values[key])

        layout = QVBoxLayout(self)
        layout.addLayout(facts)
        layout.addWidget(_heading(_("Case summary")))
        self.values["summary"] = _value_label(case.summary)
        layout.addWidget(self.values["summary"])
        layout.addWidget(_heading(_("The citizen's wishes and goals")))
        self.values["citizen_goals"] = _value_label(case.citizen_goals)
        layout.addWidget(self.values["citizen_goals"])
        cpr_display_changed().connect(self.show_cpr)

    @Slot()
    def show_cpr(self) -> None:
        """Show the CPR number again as the setting now says (masked or whole)."""
        self.values["cpr"].setText(shown_cpr(self._cpr).strip() or NOT_GIVEN)
