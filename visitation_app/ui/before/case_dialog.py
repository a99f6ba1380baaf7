"""The "new case" dialog: a referred application with its preparation, in the meeting's area."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from visitation_app.domain import validation
from visitation_app.domain.errors import UserError, ValidationError
from visitation_app.domain.vocabulary import CommitteeArea
from visitation_app.i18n import _
from visitation_app.services import cases
from visitation_app.store.database import Database
from visitation_app.ui.before.case_fields import CaseFields
from visitation_app.ui.style import form_error_label, mark_invalid


class NewCaseDialog(QDialog):
    """Creates a case; `case_id` is set once it exists, `put_on_agenda` says what to do next."""

    def __init__(
        self,
        db: Database,
        area: str,
        parent: QWidget | None = None,
        *,
        on: dt.date | None = None,
    ) -> None:
        """`on`: the day the case is to be decided (the meeting's date), for the legal bases."""
        super().__init__(parent)
        self._db = db
        self._area = area
        self.case_id: int | None = None
        self.setWindowTitle(_("New case"))

        intro = QLabel(
            _("A case referred to the committee. Area: {area}.").format(
                area=CommitteeArea(area).label
            )
        )
        intro.setWordWrap(True)
        self.fields = CaseFields(text_height=80)
        self.fields.set_context(area, on or dt.date.today())
        self.fields.cpr.editingFinished.connect(self._check_cpr)
        self.fields.citizen_name.textEdited.connect(
            lambda: mark_invalid(self.fields.citizen_name, None)
        )
        self.fields.expected_annual_cost_ore.textEdited.connect(
            lambda: mark_invalid(self.fields.expected_annual_cost_ore, None)
        )
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(self.fields)

        self.agenda_check = QCheckBox(_("Put the case on this meeting's agenda"))
        self.agenda_check.setChecked(True)
        self.error_label = form_error_label()

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Create case"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.agenda_check)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)
        self.resize(560, 620)
        self.fields.citizen_name.setFocus()

    @property
    def put_on_agenda(self) -> bool:
        return self.agenda_check.isChecked()

    def _check_cpr(self) -> bool:
        try:
            normalised = validation.cpr_number(self.fields.cpr.text())
        except ValidationError as error:
            mark_invalid(self.fields.cpr, str(error))
            return False
        mark_invalid(self.fields.cpr, None)
        if normalised and normalised != self.fields.cpr.text():
            self.fields.cpr.setText(normalised)
        return True

    def accept(self) -> None:
        """Create the case; on a problem keep the dialog open with everything typed."""
        values: dict[str, Any] = {}
        try:
            values = self.fields.values()
            case = cases.create_case(self._db, area=self._area, **values)
        except UserError as error:
            self.error_label.setText(str(error))
            self.error_label.show()
            if not values:  # the cost is not an amount
                mark_invalid(self.fields.expected_annual_cost_ore, str(error))
                self.fields.expected_annual_cost_ore.setFocus()
            elif getattr(error, "field", None) == "cpr":
                mark_invalid(self.fields.cpr, str(error))
                self.fields.cpr.setFocus()
            elif not values["citizen_name"].strip():
                mark_invalid(self.fields.citizen_name, str(error))
                self.fields.citizen_name.setFocus()
            return
        self.case_id = case.id
        super().accept()
