"""The editors of a case's preparation, shared by the "new case" dialog and the case editor."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from visitation_app.catalog import ProcessingDeadline
from visitation_app.domain.validation import SHORT_TEXT_MAX
from visitation_app.i18n import _
from visitation_app.services.legal import current_catalog
from visitation_app.ui.legal_widgets import LegalBasisEdit, fill_case_types
from visitation_app.ui.widgets import MoneyEdit, OptionalDateEdit

# The fields in the order they are shown; the keys are the services' field names.
SHORT_FIELDS = ("citizen_name", "cpr", "reference", "case_worker", "contact")
LONG_FIELDS = ("applied_for", "summary", "citizen_goals")
# Editors whose value is not one service field of the same name.
LEGAL_BASIS = "legal_basis"  # (catalog key, citation) -> legal_basis_key, legal_paragraph
OTHER_FIELDS = (LEGAL_BASIS, "case_type", "expected_annual_cost_ore", "received_on")


def service_changes(name: str, value: Any) -> dict[str, Any]:
    """What the services' `update_case` is given for the value of the editor `name`."""
    if name == LEGAL_BASIS:
        key, text = value
        return {"legal_basis_key": key, "legal_paragraph": text}
    return {name: value}


class CaseFields(QWidget):
    """Citizen, CPR, case number, application, legal basis, case type, cost, contact, texts.

    `set_context(area, on)` chooses the legal bases and case types offered: those of the
    case's area, valid on the day the case is decided.
    """

    def __init__(self, parent: QWidget | None = None, *, text_height: int = 90) -> None:
        super().__init__(parent)
        self._context: tuple[str, dt.date] | None = None
        self.citizen_name = QLineEdit()
        self.cpr = QLineEdit()
        self.cpr.setPlaceholderText(_("DDMMYY-XXXX (optional)"))
        self.cpr.setMaxLength(12)
        self.reference = QLineEdit()
        self.legal_basis = LegalBasisEdit([])
        self.legal_basis.setMinimumContentsLength(12)  # the form is narrow beside the agenda
        self.legal_basis.setToolTip(
            _(
                "Choose the paragraph from the list (only those valid for the area on the "
                "meeting date are offered), or type one that is not in it."
            )
        )
        self.case_type = _CaseTypeCombo()
        self.case_type.setToolTip(
            _("The type of case decides the processing deadline the municipality has set.")
        )
        self.case_worker = QLineEdit()
        self.contact = QLineEdit()
        self.contact.setPlaceholderText(_("The case worker's phone or e-mail"))
        self.received_on = OptionalDateEdit()
        self.expected_annual_cost_ore = MoneyEdit()
        # Room for millions of kroner; on a narrow form the row then goes under its label.
        cost = self.expected_annual_cost_ore
        longest = max(cost.placeholderText(), "99.999.999,00", key=len)
        cost.setFixedWidth(cost.fontMetrics().horizontalAdvance(longest) + 16)
        self.expected_annual_cost_ore.editingFinished.connect(self._tidy_cost)
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

        cost_row = QWidget()
        cost_layout = QHBoxLayout(cost_row)
        cost_layout.setContentsMargins(0, 0, 0, 0)
        cost_layout.addWidget(self.expected_annual_cost_ore)
        cost_layout.addWidget(QLabel(_("kr. a year")))
        cost_layout.addStretch(1)

        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(_("Citizen's &name:"), self.citizen_name)
        form.addRow(_("&CPR no.:"), self.cpr)
        form.addRow(_("Case n&umber:"), self.reference)
        form.addRow(_("Applied &for:"), self.applied_for)
        form.addRow(_("&Legal basis:"), self.legal_basis)
        form.addRow(_("Case &type:"), self.case_type)
        form.addRow(_("&Received:"), self.received_on)
        form.addRow(_("Case &worker:"), self.case_worker)
        form.addRow(_("C&ontact:"), self.contact)
        form.addRow(_("E&xpected cost:"), cost_row)
        form.labelForField(cost_row).setBuddy(self.expected_annual_cost_ore)
        self._extra_at = form.rowCount()
        for label, editor in (
            (_("Case &summary:"), self.summary),
            (_("The citizen's &wishes and goals:"), self.citizen_goals),
        ):
            caption = QLabel(label)
            caption.setBuddy(editor)
            form.addRow(caption)
            form.addRow(editor)
        self.form = form

    # -- the catalog -------------------------------------------------------------------------

    def set_context(self, area: str, on: dt.date) -> None:
        """Offer the legal bases valid in `area` on `on`, and the area's case types."""
        if self._context == (area, on):
            return
        self._context = (area, on)
        catalog = current_catalog()
        self.legal_basis.set_bases(catalog.bases_for(area, on))
        self.case_type.set_deadlines(catalog.deadlines_for(area))

    # -- rows of others ------------------------------------------------------------------------

    def insert_rows(self, rows: Sequence[tuple[str | None, QWidget]]) -> None:
        """Put (label, editor) rows after the short fields, before the long texts.

        A row without a label spans the form (a hint).
        """
        for label, editor in rows:
            if label is None:
                self.form.insertRow(self._extra_at, editor)
            else:
                self.form.insertRow(self._extra_at, label, editor)
            self._extra_at += 1

    # -- values ------------------------------------------------------------------------------

    def editor(self, name: str) -> Any:
        """The editor of one service field ('summary', 'cpr', 'legal_basis', …)."""
        return getattr(self, name)

    def editors(self) -> dict[str, QWidget]:
        return {name: self.editor(name) for name in (*SHORT_FIELDS, *LONG_FIELDS, *OTHER_FIELDS)}

    def values(self) -> dict[str, Any]:
        """Everything typed, keyed by the services' field names.

        Raises ValidationError (field 'expected_annual_cost_ore') for a cost that is not
        an amount.
        """
        values: dict[str, Any] = {name: self.editor(name).text() for name in SHORT_FIELDS}
        values.update({name: self.editor(name).toPlainText() for name in LONG_FIELDS})
        values.update(service_changes(LEGAL_BASIS, self.legal_basis.autosave_value()))
        values["case_type"] = self.case_type.currentData() or ""
        values["received_on"] = self.received_on.value()
        values["expected_annual_cost_ore"] = self.expected_annual_cost_ore.value()
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
        self.legal_basis.set_value(case.legal_basis_key or "", case.legal_paragraph or "")
        self.case_type.set_key(case.case_type or "")
        self.received_on.set_value(case.received_on)
        self.expected_annual_cost_ore.set_value(case.expected_annual_cost_ore)

    def set_read_only(self, read_only: bool) -> None:
        for name in (*SHORT_FIELDS, *LONG_FIELDS):
            self.editor(name).setReadOnly(read_only)
        self.legal_basis.set_read_only(read_only)
        self.case_type.setEnabled(not read_only)
        self.received_on.setReadOnly(read_only)
        self.expected_annual_cost_ore.setReadOnly(read_only)

    def _tidy_cost(self) -> None:
        """Show a typed amount the Danish way ('45600' -> '45.600,00') once it is left."""
        editor = self.expected_annual_cost_ore
        if editor.is_valid() and editor.text().strip():
            editor.set_value(editor.value())


class _CaseTypeCombo(QComboBox):
    """The area's case types with their deadline; a key the catalog lacks is still shown."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(12)
        self._deadlines: list[ProcessingDeadline] = []
        fill_case_types(self, [])

    def set_deadlines(self, deadlines: list[ProcessingDeadline]) -> None:
        key = self.currentData() or ""
        self._deadlines = list(deadlines)
        self.blockSignals(True)
        fill_case_types(self, self._deadlines)
        self.blockSignals(False)
        self.set_key(key)

    def set_key(self, key: str) -> None:
        """Select the case type `key` ('' for none)."""
        self.blockSignals(True)
        if self.count() > len(self._deadlines) + 1:  # an unknown key shown before
            self.removeItem(self.count() - 1)
        index = self.findData(key)
        if index < 0 and key:
            self.addItem(_("{key} (not in the catalog)").format(key=key), key)
            index = self.count() - 1
        self.setCurrentIndex(max(index, 0))
        self.blockSignals(False)
