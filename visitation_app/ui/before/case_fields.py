"""The editors of a case's preparation, shared by the "new case" dialog and the case editor."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QPlainTextEdit, QWidget

from visitation_app.domain.validation import SHORT_TEXT_MAX
from visitation_app.i18n import _
from visitation_app.ui.widgets import OptionalDateEdit

# The fields in the order they are shown; the keys are the services' field names.
SHORT_FIELDS = ("citizen_name", "cpr", "reference", "legal_paragraph", "case_worker")
LONG_FIELDS = ("applied_for", "summary", "citizen_goals")


class CaseFields(QWidget):
    """Citizen, CPR, case number, application, paragraph, case worker, dates and texts."""

    def __init__(self, parent: QWidget | None = None, *, text_height: int = 90) -> None:
        super().__init__(parent)
        self.citizen_name = QLineEdit()
        self.cpr = QLineEdit()
        self.cpr.setPlaceholderText(_("DDMMYY-XXXX (optional)"))
        self.cpr.setMaxLength(12)
        self.reference = QLineEdit()
        self.legal_paragraph = QLineEdit()
        self.legal_paragraph.setPlaceholderText(_("e.g. SEL § 83, stk. 1, nr. 2"))
        self.case_worker = QLineEdit()
        self.received_on = OptionalDateEdit()
        self.applied_for = QPlainTextEdit()
        self.applied_for.setPlaceholderText(_("What the citizen has applied for"))
        self.summary = QPlainTextEdit()
        self.summary.setPlaceholderText(_("The case worker's summary of the case"))
        self.citizen_goals = QPlainTextEdit()
        self.citizen_goals.setPlaceholderText(
            _("What the citizen wants and hopes to achieve, in their own words where possible")
        )
        for name in SHORT_FIELDS:
            if name != "cpr":
                self.editor(name).setMaxLength(SHORT_TEXT_MAX)
        self.applied_for.setFixedHeight(max(48, text_height * 2 // 3))
        for editor in (self.summary, self.citizen_goals):
            editor.setMinimumHeight(text_height)
            editor.setTabChangesFocus(True)
        self.applied_for.setTabChangesFocus(True)

        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(_("Citizen's &name:"), self.citizen_name)
        form.addRow(_("&CPR no.:"), self.cpr)
        form.addRow(_("Case n&umber:"), self.reference)
        form.addRow(_("Applied &for:"), self.applied_for)
        form.addRow(_("&Legal paragraph:"), self.legal_paragraph)
        form.addRow(_("Case &worker:"), self.case_worker)
        form.addRow(_("&Received:"), self.received_on)
        for label, editor in (
            (_("Case &summary:"), self.summary),
            (_("The citizen's &wishes and goals:"), self.citizen_goals),
        ):
            caption = QLabel(label)
            caption.setBuddy(editor)
            form.addRow(caption)
            form.addRow(editor)
        self.form = form

    def editor(self, name: str) -> Any:
        """The editor of one service field ('summary', 'cpr', …)."""
        return getattr(self, name)

    def editors(self) -> dict[str, QWidget]:
        return {name: self.editor(name) for name in (*SHORT_FIELDS, *LONG_FIELDS, "received_on")}

    def values(self) -> dict[str, Any]:
        """Everything typed, keyed by the services' field names."""
        values: dict[str, Any] = {name: self.editor(name).text() for name in SHORT_FIELDS}
        values.update({name: self.editor(name).toPlainText() for name in LONG_FIELDS})
        values["received_on"] = self.received_on.value()
        return values

    def set_values(self, case: Any) -> None:
        """Fill the editors from a case (anything with the case's attributes)."""
        for name in SHORT_FIELDS:
            self.editor(name).setText(getattr(case, name) or "")
            self.editor(name).setCursorPosition(0)
        for name in LONG_FIELDS:
            editor = self.editor(name)
            if editor.toPlainText() != (getattr(case, name) or ""):
                editor.setPlainText(getattr(case, name) or "")
        self.received_on.set_value(case.received_on)

    def set_read_only(self, read_only: bool) -> None:
        for name in (*SHORT_FIELDS, *LONG_FIELDS):
            self.editor(name).setReadOnly(read_only)
        self.received_on.setReadOnly(read_only)
