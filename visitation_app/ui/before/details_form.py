"""The meeting's own details (title, area, date, start, place, chair), saved as they are typed."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QDate, QTime, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QLineEdit,
    QTimeEdit,
    QWidget,
)

from visitation_app.domain.validation import SHORT_TEXT_MAX
from visitation_app.i18n import _
from visitation_app.services import meetings
from visitation_app.store.database import Database
from visitation_app.ui.autosave import Autosaver
from visitation_app.ui.before.meeting_dialog import (
    add_meeting_rows,
    configure_date_edit,
    fill_area_combo,
)
from visitation_app.ui.style import clear_invalid, form_error_label


class MeetingDetailsForm(QGroupBox):
    """Autosaved editors of one meeting; `saved` after each save."""

    saved = Signal()

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(_("Meeting details"), parent)
        self._db = db
        self._meeting_id: int | None = None
        self.autosaver = Autosaver(self)
        self.autosaver.saved.connect(self.saved)
        self.autosaver.saved.connect(lambda: self.error_label.hide())
        self.autosaver.failed.connect(self._show_failure)

        self.title_edit = QLineEdit()
        self.title_edit.setMaxLength(SHORT_TEXT_MAX)
        self.area_combo = QComboBox()
        fill_area_combo(self.area_combo)
        self.date_edit = QDateEdit()
        configure_date_edit(self.date_edit)
        self.time_edit = QTimeEdit()
        self.time_edit.setDisplayFormat("HH:mm")
        self.place_edit = QLineEdit()
        self.place_edit.setMaxLength(SHORT_TEXT_MAX)
        self.chair_edit = QLineEdit()
        self.chair_edit.setMaxLength(SHORT_TEXT_MAX)

        form = QFormLayout(self)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        add_meeting_rows(form, self)
        self.error_label = form_error_label()
        form.addRow(self.error_label)

        for widget, field in self._fields():
            self.autosaver.bind(widget, self._saver(field))

    def _fields(self) -> tuple[tuple[QWidget, str], ...]:
        return (
            (self.title_edit, "title"),
            (self.area_combo, "area"),
            (self.date_edit, "meeting_date"),
            (self.time_edit, "start_time"),
            (self.place_edit, "location"),
            (self.chair_edit, "chair_name"),
        )

    def _saver(self, field: str):  # noqa: ANN202 - a saver for Autosaver.bind
        def save(value: Any) -> None:
            if self._meeting_id is not None:
                meetings.update_meeting(self._db, self._meeting_id, **{field: value})

        return save

    def set_meeting(self, meeting: Any | None, read_only: bool) -> None:
        """Show a meeting (anything with the meeting's attributes), or nothing."""
        if not self.autosaver.flush():
            self.autosaver.discard()
        clear_invalid(widget for widget, _field in self._fields())
        self.error_label.hide()
        self._meeting_id = meeting.id if meeting is not None else None
        with self.autosaver.loading():
            if meeting is None:
                self.title_edit.clear()
                self.place_edit.clear()
                self.chair_edit.clear()
            else:
                self.title_edit.setText(meeting.title)
                self.title_edit.setCursorPosition(0)
                self.area_combo.setCurrentIndex(max(0, self.area_combo.findData(meeting.area)))
                day = meeting.meeting_date
                self.date_edit.setDate(QDate(day.year, day.month, day.day))
                start = meeting.start_time
                self.time_edit.setTime(QTime(start.hour, start.minute))
                self.place_edit.setText(meeting.location)
                self.chair_edit.setText(meeting.chair_name)
                for edit in (self.place_edit, self.chair_edit):
                    edit.setCursorPosition(0)
        self.set_read_only(read_only or meeting is None)

    def set_read_only(self, read_only: bool) -> None:
        for widget in (self.title_edit, self.place_edit, self.chair_edit):
            widget.setReadOnly(read_only)
        self.date_edit.setReadOnly(read_only)
        self.time_edit.setReadOnly(read_only)
        self.area_combo.setEnabled(not read_only)

    def _show_failure(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.show()
