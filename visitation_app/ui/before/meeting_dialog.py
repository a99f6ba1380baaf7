"""The "new meeting" dialog: sensible defaults, problems shown in the dialog, nothing lost."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QDate, QSettings, QTime
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from visitation_app.domain.errors import UserError
from visitation_app.domain.validation import EARLIEST_YEAR, LATEST_YEAR, SHORT_TEXT_MAX
from visitation_app.domain.vocabulary import CommitteeArea
from visitation_app.i18n import _, current_language
from visitation_app.services import meetings
from visitation_app.store.database import Database
from visitation_app.ui.style import form_error_label, mark_invalid

LAST_AREA_KEY = "newMeeting/area"
LAST_PLACE_KEY = "newMeeting/place"
LAST_CHAIR_KEY = "newMeeting/chair"
DEFAULT_START = QTime(9, 0)


def next_weekday(today: dt.date) -> dt.date:
    """The first Monday–Friday after `today`."""
    day = today + dt.timedelta(days=1)
    while day.weekday() >= 5:
        day += dt.timedelta(days=1)
    return day


def date_display_format() -> str:
    return "dd.MM.yyyy" if current_language() == "da" else "dd/MM/yyyy"


def configure_date_edit(edit: QDateEdit) -> None:
    """A meeting-date editor: calendar popup, local format, only plausible years."""
    edit.setCalendarPopup(True)
    edit.setDisplayFormat(date_display_format())
    edit.setMinimumDate(QDate(EARLIEST_YEAR, 1, 1))
    edit.setMaximumDate(QDate(LATEST_YEAR, 12, 31))


def add_meeting_rows(form: QFormLayout, editors: Any) -> None:
    """The six labelled rows of a meeting's details; `editors` has title_edit … chair_edit.

    Shared by the new-meeting dialog and the details form, so both read the same.
    """
    form.addRow(_("&Title:"), editors.title_edit)
    form.addRow(_("&Area:"), editors.area_combo)
    form.addRow(_("&Date:"), editors.date_edit)
    form.addRow(_("&Starts at:"), editors.time_edit)
    form.addRow(_("&Place:"), editors.place_edit)
    form.addRow(_("C&hair:"), editors.chair_edit)


def fill_area_combo(combo: QComboBox) -> None:
    for code, label in CommitteeArea.choices():
        combo.addItem(label, code)


class NewMeetingDialog(QDialog):
    """Asks for the meeting's details and creates it; `meeting_id` is set once it exists."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self.meeting_id: int | None = None
        self.setWindowTitle(_("New meeting"))
        settings = QSettings()

        self.title_edit = QLineEdit(_("Visitation meeting"))
        self.title_edit.setMaxLength(SHORT_TEXT_MAX)
        self.title_edit.selectAll()
        self.area_combo = QComboBox()
        fill_area_combo(self.area_combo)
        last_area = settings.value(LAST_AREA_KEY, "", str)
        if (index := self.area_combo.findData(last_area)) >= 0:
            self.area_combo.setCurrentIndex(index)
        self.date_edit = QDateEdit()
        configure_date_edit(self.date_edit)
        self.date_edit.setDate(QDate(next_weekday(dt.date.today())))
        self.time_edit = QTimeEdit(DEFAULT_START)
        self.time_edit.setDisplayFormat("HH:mm")
        self.place_edit = QLineEdit(settings.value(LAST_PLACE_KEY, "", str))
        self.place_edit.setMaxLength(SHORT_TEXT_MAX)
        self.place_edit.setPlaceholderText(_("e.g. Meeting room 2, Town Hall"))
        self.chair_edit = QLineEdit(settings.value(LAST_CHAIR_KEY, "", str))
        self.chair_edit.setMaxLength(SHORT_TEXT_MAX)

        form = QFormLayout()
        add_meeting_rows(form, self)

        self.error_label = form_error_label()

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(_("Create meeting"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)
        self.title_edit.setFocus()
        self.title_edit.textEdited.connect(lambda: mark_invalid(self.title_edit, None))
        self.setMinimumWidth(420)

    def accept(self) -> None:
        """Create the meeting; on a problem keep the dialog open with everything typed."""
        mark_invalid(self.title_edit, None)
        try:
            meeting = meetings.create_meeting(
                self._db,
                title=self.title_edit.text(),
                area=self.area_combo.currentData(),
                meeting_date=self.date_edit.date().toPython(),
                start_time=self.time_edit.time().toPython(),
                location=self.place_edit.text(),
                chair_name=self.chair_edit.text(),
            )
        except UserError as error:
            self.error_label.setText(str(error))
            self.error_label.show()
            if not self.title_edit.text().strip():
                mark_invalid(self.title_edit, str(error))
                self.title_edit.setFocus()
            return
        settings = QSettings()
        settings.setValue(LAST_AREA_KEY, self.area_combo.currentData())
        settings.setValue(LAST_PLACE_KEY, self.place_edit.text().strip())
        settings.setValue(LAST_CHAIR_KEY, self.chair_edit.text().strip())
        self.meeting_id = meeting.id
        super().accept()
