"""The citizen's voice in the meeting: were they there, who spoke for them, what they said."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from visitation_app.domain.records import AgendaItemRecord
from visitation_app.domain.vocabulary import CitizenParticipation
from visitation_app.i18n import _
from visitation_app.services import agenda as agenda_service
from visitation_app.store.database import Database
from visitation_app.ui.autosave import Autosaver
from visitation_app.ui.during.decision_form import select_data


class CitizenVoiceForm(QGroupBox):
    """Participation, represented by whom, and the citizen's statements in their own words."""

    def __init__(
        self,
        db: Database,
        item: AgendaItemRecord,
        autosaver: Autosaver,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(_("The citizen's voice"), parent)
        self._read_only = False
        self.participation = QComboBox()
        self.participation.addItem(_("– not recorded –"), None)
        for code, label in CitizenParticipation.choices():
            self.participation.addItem(label, code)
        self.represented_by = QLineEdit()
        self.represented_by.setPlaceholderText(_("e.g. daughter, advocate or guardian"))
        self.statement = QPlainTextEdit()
        self.statement.setTabChangesFocus(True)
        self.statement.setMinimumHeight(90)
        self.statement.setPlaceholderText(
            _("What the citizen said, as close to their words as possible.")
        )

        form = QFormLayout(self)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft)
        # Alt+the underlined letter moves to the field (each label's buddy).
        for text, field in (
            (_("&Participation:"), self.participation),
            (_("Represented &by:"), self.represented_by),
            (_("The citizen's o&wn words:"), self.statement),
        ):
            label = QLabel(text)
            label.setBuddy(field)
            form.addRow(label, field)

        select_data(self.participation, item.citizen_participation)
        self.represented_by.setText(item.citizen_represented_by)
        self.statement.setPlainText(item.citizen_statement)
        self._update_represented()
        self.participation.currentIndexChanged.connect(self._update_represented)

        def save(field: str):
            return lambda value: agenda_service.update_item(db, item.id, **{field: value})

        autosaver.bind(self.participation, save("citizen_participation"))
        autosaver.bind(self.represented_by, save("citizen_represented_by"))
        autosaver.bind(self.statement, save("citizen_statement"))

    def _update_represented(self) -> None:
        represented = self.participation.currentData() == CitizenParticipation.REPRESENTED
        self.represented_by.setEnabled(represented and not self._read_only)

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only
        self.participation.setEnabled(not read_only)
        self.statement.setReadOnly(read_only)
        self._update_represented()
