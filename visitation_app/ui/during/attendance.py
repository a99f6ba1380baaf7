"""Who came, and when: per participant a 'til stede' check box and the times they came and
went ('kom 09:20', 'gik 10:05'), saved as they are ticked or typed.

An empty time means the whole meeting (there from the start, or to the end). The clock
button in a time field records the time now: 'Ankommer nu' and 'Går nu'.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Protocol

from PySide6.QtCore import QPointF, QSize, Qt, Signal
from PySide6.QtGui import QIcon, QPainter, QPalette, QPen, QPixmap, QResizeEvent
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from visitation_app.domain.errors import UserError
from visitation_app.domain.records import ParticipantRecord
from visitation_app.domain.vocabulary import ParticipantRole
from visitation_app.formatting import format_time
from visitation_app.i18n import _, pgettext
from visitation_app.services import participants as participant_service
from visitation_app.store.database import Database
from visitation_app.ui.autosave import Autosaver
from visitation_app.ui.clock import Now, system_now
from visitation_app.ui.messages import show_error

DASH = "–"


class Attendance(Protocol):
    """What a saved participant tells about their attendance."""

    id: int
    present: bool | None
    arrived_at: dt.datetime | None
    left_at: dt.datetime | None


def participant_text(participant: ParticipantRecord) -> str:
    """'Anne Hansen (Sagsbehandler)'."""
    return _("{name} ({role})").format(
        name=participant.name, role=ParticipantRole(participant.role).label
    )


def clock_icon() -> QIcon:
    """A small clock face in the text colour, for the 'now' buttons in the time fields."""
    size = 16
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    colour = QApplication.palette().color(QPalette.ColorRole.WindowText)
    painter.setPen(QPen(colour, 1.4))
    painter.drawEllipse(QPointF(8, 8), 6.2, 6.2)
    painter.drawLine(QPointF(8, 8), QPointF(8, 4))
    painter.drawLine(QPointF(8, 8), QPointF(11, 9.5))
    painter.end()
    return QIcon(pixmap)


class ParticipantBox(QCheckBox):
    """A check box whose label is shortened with '…' instead of widening the agenda column."""

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.full_text = text
        self.setToolTip(text)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)

    def minimumSizeHint(self) -> QSize:
        return QSize(60, super().minimumSizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        indicator = self.style().pixelMetric(QStyle.PixelMetric.PM_IndicatorWidth) + 8
        room = max(self.width() - indicator, 20)
        self.setText(
            self.fontMetrics().elidedText(self.full_text, Qt.TextElideMode.ElideRight, room)
        )
        super().resizeEvent(event)


class TimeField(QLineEdit):
    """A time of day typed as HH:MM ('' for none), with a button that puts in the time now.

    Saved through an Autosaver like any editor (`autosave_changed`/`autosave_value`).
    """

    autosave_changed = Signal()
    now_requested = Signal()

    def __init__(self, now_text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMaxLength(8)
        # Room for '00:00', the clock button and the frame; no wider.
        self.setFixedWidth(self.fontMetrics().horizontalAdvance("00:00") + 40)
        self.now_action = self.addAction(clock_icon(), QLineEdit.ActionPosition.TrailingPosition)
        self.now_action.setText(now_text)
        self.now_action.setToolTip(now_text)
        self.now_action.triggered.connect(self.now_requested.emit)
        self.textEdited.connect(lambda _text: self.autosave_changed.emit())

    def autosave_value(self) -> str:
        return self.text()

    def show_moment(self, moment: dt.datetime | None, zone: dt.tzinfo) -> None:
        self.setText(format_time(moment.astimezone(zone)) if moment is not None else "")

    def set_read_only(self, read_only: bool) -> None:
        self.setReadOnly(read_only)
        self.now_action.setVisible(not read_only)


class ParticipantRow(QWidget):
    """One person: present, and below it when they came and went."""

    def __init__(self, participant: ParticipantRecord, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        name = participant.name
        self.box = ParticipantBox(participant_text(participant))
        self.arrival = TimeField(_("Arrives now"))
        self.arrival.setAccessibleName(_("{name} arrived at").format(name=name))
        self.arrival.setToolTip(
            _("When {name} arrived (hh:mm). Empty: from the start of the meeting.").format(
                name=name
            )
        )
        self.leaving = TimeField(_("Leaves now"))
        self.leaving.setAccessibleName(_("{name} left at").format(name=name))
        self.leaving.setToolTip(
            _("When {name} left (hh:mm). Empty: until the end of the meeting.").format(name=name)
        )
        # 'kom' and 'gik' are the fields' placeholders: '09:20 – 10:05' once filled in.
        self.arrival.setPlaceholderText(pgettext("attendance time", "came"))
        self.leaving.setPlaceholderText(pgettext("attendance time", "left"))
        times = QHBoxLayout()
        times.setContentsMargins(20, 0, 0, 2)
        times.setSpacing(3)
        times.addWidget(self.arrival)
        times.addWidget(QLabel(DASH))
        times.addWidget(self.leaving)
        times.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.box)
        layout.addLayout(times)

    def show_times(self, participant: ParticipantRecord, zone: dt.tzinfo) -> None:
        self.arrival.show_moment(participant.arrived_at, zone)
        self.leaving.show_moment(participant.left_at, zone)

    def set_read_only(self, read_only: bool) -> None:
        self.box.setEnabled(not read_only)
        self.arrival.set_read_only(read_only)
        self.leaving.set_read_only(read_only)


class AttendanceList(QWidget):
    """The meeting's participants with a 'present' check box and arrival/leaving times each."""

    saved = Signal()
    failed = Signal(str)

    def __init__(
        self, db: Database, parent: QWidget | None = None, *, now: Now | None = None
    ) -> None:
        super().__init__(parent)
        self._db = db
        self.now: Now = now or system_now
        """The clock 'arrives now' and 'leaves now' read (replaceable, as in tests)."""
        self._zone: dt.tzinfo = dt.UTC
        self._read_only = False
        self.autosaver = self._new_autosaver()
        self.rows: dict[int, ParticipantRow] = {}
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(4, 4, 4, 4)
        self._layout.setSpacing(4)
        self._empty = QLabel(_("No participants. Add them under 'Before the meeting'."))
        self._empty.setWordWrap(True)
        self._layout.addWidget(self._empty)
        self._layout.addStretch(1)

    @property
    def boxes(self) -> dict[int, ParticipantBox]:
        """The 'present' check box of each participant, by id."""
        return {pid: row.box for pid, row in self.rows.items()}

    def _new_autosaver(self) -> Autosaver:
        # Parentless: it lives exactly as long as the editors it serves (see _rebuild).
        autosaver = Autosaver()
        autosaver.saved.connect(self.saved.emit)
        autosaver.failed.connect(self.failed.emit)
        self.destroyed.connect(autosaver.discard)
        return autosaver

    def set_participants(
        self, participants: Sequence[ParticipantRecord], zone: dt.tzinfo | None = None
    ) -> None:
        """Rebuild the rows when the people changed; otherwise just reload ticks and times.

        `zone`: the meeting's time zone, in which the times are shown (default: looked up).
        """
        self.autosaver.flush()
        wanted = [(p.id, participant_text(p)) for p in participants]
        current = [(pid, row.box.full_text) for pid, row in self.rows.items()]
        if zone is not None:
            self._zone = zone
        elif participants and wanted != current:
            self._zone = participant_service.attendance_zone(self._db, participants[0].id)
        if wanted != current:
            self._rebuild(participants)
        # Times the chair is still correcting (they could not be saved) stay as typed.
        keep_typed = self.autosaver.has_pending()
        with self.autosaver.loading():
            for participant in participants:
                row = self.rows[participant.id]
                row.box.setChecked(bool(participant.present))
                if not keep_typed:
                    row.show_times(participant, self._zone)

    def _rebuild(self, participants: Sequence[ParticipantRecord]) -> None:
        self.autosaver.discard()
        self.autosaver = self._new_autosaver()
        for row in self.rows.values():
            self._layout.removeWidget(row)
            row.hide()
            row.deleteLater()
        self.rows = {}
        self._empty.setVisible(not participants)
        for index, participant in enumerate(participants):
            row = ParticipantRow(participant)
            pid = participant.id
            self.autosaver.bind(
                row.box,
                lambda present, pid=pid: self._show_saved(
                    participant_service.update_participant(self._db, pid, present=present)
                ),
            )
            self.autosaver.bind(
                row.arrival,
                lambda text, pid=pid: self._show_saved(
                    participant_service.set_arrival(self._db, pid, text)
                ),
            )
            self.autosaver.bind(
                row.leaving,
                lambda text, pid=pid: self._show_saved(
                    participant_service.set_leaving(self._db, pid, text)
                ),
            )
            row.arrival.now_requested.connect(lambda field=row.arrival: self.record_now(field))
            row.leaving.now_requested.connect(lambda field=row.leaving: self.record_now(field))
            row.arrival.editingFinished.connect(lambda field=row.arrival: self._tidy(field))
            row.leaving.editingFinished.connect(lambda field=row.leaving: self._tidy(field))
            row.set_read_only(self._read_only)
            self._layout.insertWidget(index, row)
            self.rows[pid] = row

    def _show_saved(self, participant: Attendance) -> None:
        """A saved time ticks 'present'; 'not present' clears the times: show both."""
        row = self.rows.get(participant.id)
        if row is None:
            return
        with self.autosaver.loading():
            row.box.setChecked(bool(participant.present))
            for field, moment in (
                (row.arrival, participant.arrived_at),
                (row.leaving, participant.left_at),
            ):
                if moment is None and not field.hasFocus():
                    field.clear()

    def _tidy(self, field: TimeField) -> None:
        """Once the chair leaves a time field, save it and write it the usual way ('09:20')."""
        if not self.autosaver.flush():
            return
        try:
            typed = participant_service.parse_clock_time(field.text())
        except UserError:
            return
        with self.autosaver.loading():
            field.setText(format_time(typed) if typed is not None else "")

    def record_now(self, field: TimeField) -> None:
        """'Arrives now' / 'leaves now': the time now on the meeting's clock, saved at once."""
        if self._read_only:
            return
        field.setText(format_time(self.now().astimezone(self._zone)))
        field.autosave_changed.emit()
        if not self.autosaver.flush():
            show_error(self, UserError(field.toolTip()))

    def flush(self) -> bool:
        return self.autosaver.flush()

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only
        for row in self.rows.values():
            row.set_read_only(read_only)
