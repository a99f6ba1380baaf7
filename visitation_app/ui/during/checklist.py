"""Beside the decision form: what the law requires of this decision, met or missing.

The rows are rebuilt from a `DecisionCheck` each time the decision is saved, so the list
follows the chair's typing (at the autosave's pace).
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from visitation_app.domain.completeness import DecisionCheck, RequirementStatus
from visitation_app.i18n import _

MET_COLOUR = "#1e7d32"
MISSING_COLOUR = "#b3261e"
WARNING_COLOUR = "#8a5a00"
_MARKS = {
    RequirementStatus.MET: ("✓", MET_COLOUR),
    RequirementStatus.MISSING: ("✗", MISSING_COLOUR),
}


def status_text(check: DecisionCheck) -> str:
    """Draft, final, or final although something is missing (overridden)."""
    if check.overridden:
        return _("Final, overriding what is missing")
    if check.final:
        return _("Final")
    if check.complete:
        return _("Draft: complete, can be marked final")
    return _("Draft: something is missing")


class DecisionChecklist(QFrame):
    """The requirements that apply, warnings, the decision's status and "Mark final"."""

    finalise_requested = Signal()
    draft_requested = Signal()
    letter_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("decisionChecklist")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        title = QLabel(_("Legal requirements"))
        bold = title.font()
        bold.setBold(True)
        title.setFont(bold)
        self.rows_box = QVBoxLayout()
        self.rows_box.setSpacing(4)
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        self.status_label.setFont(bold)
        self.override_label = QLabel()
        self.override_label.setWordWrap(True)
        self.override_label.setTextFormat(Qt.TextFormat.PlainText)
        self.finalise_button = QPushButton(_("&Mark final…"))
        self.finalise_button.setToolTip(
            _("Marks the decision final. While something is missing, a reason is required.")
        )
        self.finalise_button.clicked.connect(self.finalise_requested.emit)
        self.draft_button = QPushButton(_("Make draft again"))
        self.draft_button.clicked.connect(self.draft_requested.emit)
        self.letter_button = QPushButton(_("Decision &letter…"))
        self.letter_button.setToolTip(_("Save the letter to the citizen as PDF."))
        self.letter_button.clicked.connect(self.letter_requested.emit)
        buttons = QHBoxLayout()
        buttons.addWidget(self.finalise_button)
        buttons.addWidget(self.draft_button)
        buttons.addStretch(1)

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(self.rows_box)
        layout.addSpacing(6)
        layout.addWidget(self.status_label)
        layout.addWidget(self.override_label)
        layout.addLayout(buttons)
        layout.addWidget(self.letter_button, 0, Qt.AlignmentFlag.AlignLeft)
        self._rows: list[tuple[str, str, str]] = []
        self.show_check(DecisionCheck())

    def rows(self) -> list[tuple[str, str, str]]:
        """(key, 'met' | 'missing' | 'warning', text) as shown, for tests and screen readers."""
        return list(self._rows)

    def show_check(self, check: DecisionCheck, *, read_only: bool = False) -> None:
        while self.rows_box.count():
            widget = self.rows_box.takeAt(0).widget()
            if widget is not None:
                widget.deleteLater()
        self._rows = []
        for requirement in check.requirements:
            if requirement.status == RequirementStatus.NOT_APPLICABLE:
                continue
            mark, colour = _MARKS[requirement.status]
            self._add_row(
                requirement.key, requirement.status.value, mark, colour,
                requirement.explanation, requirement.rule,
            )  # fmt: skip
        for number, warning in enumerate(check.warnings):
            self._add_row(f"warning-{number}", "warning", "⚠", WARNING_COLOUR, warning, "")
        colour = MISSING_COLOUR if not (check.complete or check.overridden) else MET_COLOUR
        self.status_label.setText(status_text(check))
        self.status_label.setStyleSheet(f"color: {colour};")
        self.override_label.setVisible(check.overridden)
        self.override_label.setText(
            _("Reason for overriding: {reason}").format(reason=check.override_reason)
        )
        self.finalise_button.setVisible(not check.final)
        self.finalise_button.setEnabled(not read_only)
        self.draft_button.setVisible(check.final)
        self.draft_button.setEnabled(not read_only)

    def _add_row(self, key: str, status: str, mark: str, colour: str, text: str, rule: str) -> None:
        label = QLabel()
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.RichText)
        rule_html = f'<br><span style="color:#666666;">{escape(rule)}</span>' if rule else ""
        label.setText(
            f'<span style="color:{colour}; font-weight:bold;">{mark}</span> '
            f"{escape(text)}{rule_html}"
        )
        label.setAccessibleName(text)
        label.setToolTip(rule)
        self.rows_box.addWidget(label)
        self._rows.append((key, status, text))
