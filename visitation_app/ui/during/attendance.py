"""Who came: one 'til stede' check box per participant, saved as it is ticked."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QCheckBox, QLabel, QSizePolicy, QStyle, QVBoxLayout, QWidget

from visitation_app.domain.records import ParticipantRecord
from visitation_app.domain.vocabulary import ParticipantRole
from visitation_app.i18n import _
from visitation_app.services import participants as participant_service
from visitation_app.store.database import Database
from visitation_app.ui.autosave import Autosaver


def participant_text(participant: ParticipantRecord) -> str:
    """'Anne Hansen (Sagsbehandler)'."""
    return _("{name} ({role})").format(
        name=participant.name, role=ParticipantRole(participant.role).label
    )


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


class AttendanceList(QWidget):
    """The meeting's participants with a 'present' check box each."""

    saved = Signal()
    failed = Signal(str)

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self.autosaver = self._new_autosaver()
        self.boxes: dict[int, ParticipantBox] = {}
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(4, 4, 4, 4)
        self._layout.setSpacing(2)
        self._empty = QLabel(_("No participants. Add them under 'Before the meeting'."))
        self._empty.setWordWrap(True)
        self._layout.addWidget(self._empty)
        self._layout.addStretch(1)

    def _new_autosaver(self) -> Autosaver:
        # Parentless: it lives exactly as long as the check boxes it serves (see _rebuild).
        autosaver = Autosaver()
        autosaver.saved.connect(self.saved.emit)
        autosaver.failed.connect(self.failed.emit)
        self.destroyed.connect(autosaver.discard)
        return autosaver

    def set_participants(self, participants: Sequence[ParticipantRecord]) -> None:
        """Rebuild the check boxes when the people changed; otherwise just reload the ticks."""
        self.autosaver.flush()
        wanted = [(p.id, participant_text(p)) for p in participants]
        current = [(pid, box.full_text) for pid, box in self.boxes.items()]
        if wanted != current:
            self._rebuild(participants)
        with self.autosaver.loading():
            for participant in participants:
                self.boxes[participant.id].setChecked(bool(participant.present))

    def _rebuild(self, participants: Sequence[ParticipantRecord]) -> None:
        self.autosaver.discard()
        self.autosaver = self._new_autosaver()
        for box in self.boxes.values():
            self._layout.removeWidget(box)
            box.hide()
            box.deleteLater()
        self.boxes = {}
        self._empty.setVisible(not participants)
        for index, participant in enumerate(participants):
            box = ParticipantBox(participant_text(participant))
            self.autosaver.bind(
                box,
                lambda present, pid=participant.id: participant_service.update_participant(
                    self._db, pid, present=present
                ),
            )
            self._layout.insertWidget(index, box)
            self.boxes[participant.id] = box

    def flush(self) -> bool:
        return self.autosaver.flush()

    def set_read_only(self, read_only: bool) -> None:
        for box in self.boxes.values():
            box.setEnabled(not read_only)
