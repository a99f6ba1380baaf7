"""'Before the meeting': details, participants, the cases, the time-boxed agenda, preparation.

Three columns that fit a 1366×768 screen: the meeting and who comes; the cases waiting
and the agenda; the selected case's preparation. Everything is saved as it is typed.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QLabel,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from visitation_app.domain.errors import NotFoundError
from visitation_app.domain.records import AgendaItemRecord
from visitation_app.domain.vocabulary import MeetingStatus
from visitation_app.i18n import _
from visitation_app.services import meetings
from visitation_app.store.database import Database
from visitation_app.ui import pdf_actions
from visitation_app.ui.before.agenda_panel import AgendaPanel
from visitation_app.ui.before.cases_panel import CasesPanel
from visitation_app.ui.before.details_form import MeetingDetailsForm
from visitation_app.ui.before.item_editor import ItemEditor
from visitation_app.ui.before.participants_panel import ParticipantsPanel
from visitation_app.ui.during.banner import locked_banner
from visitation_app.ui.shortcuts import key_text


class BeforeView(QWidget):
    """The phase view for preparing a meeting (see ui.md for the protocol)."""

    changed = Signal()
    saved = Signal()
    failed = Signal(str)

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._meeting: Any | None = None
        self._read_only = False

        self.banner = locked_banner(self)
        self.details = MeetingDetailsForm(db)
        self.participants = ParticipantsPanel(db)
        self.cases = CasesPanel(db)
        self.agenda = AgendaPanel(db)
        self.editor = ItemEditor(db)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.details)
        left_layout.addWidget(self.participants, 1)
        left_scroll = QScrollArea()
        left_scroll.setWidgetResizable(True)
        left_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        left_scroll.setWidget(left)
        left_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

        middle = QSplitter(Qt.Orientation.Vertical)
        middle.addWidget(self.cases)
        middle.addWidget(self.agenda)
        middle.setStretchFactor(0, 2)
        middle.setStretchFactor(1, 3)
        middle.setChildrenCollapsible(False)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left_scroll)
        self.splitter.addWidget(middle)
        self.splitter.addWidget(self.editor)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 4)
        self.splitter.setStretchFactor(2, 3)
        self.splitter.setSizes([295, 460, 325])

        self.empty = QLabel(_("Select a meeting in the list, or create a new one (Ctrl+N)."))
        self.empty.setObjectName("emptyHint")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.pages = QStackedWidget()
        self.pages.addWidget(self.empty)
        self.pages.addWidget(self.splitter)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.banner)
        layout.addWidget(self.pages, 1)

        self.details.saved.connect(self._details_saved)
        self.participants.changed.connect(self.changed)
        self.participants.saved.connect(self.saved)
        self.participants.failed.connect(self.failed)
        self.cases.item_added.connect(self.agenda.item_added)
        self.cases.case_selected.connect(self._case_selected)
        self.agenda.item_selected.connect(self._item_selected)
        self.agenda.changed.connect(self._agenda_changed)
        self.agenda.failed.connect(self.failed)
        self.agenda.print_requested.connect(self.print_agenda)
        self.editor.saved.connect(self._case_saved)

    # -- the phase view protocol ---------------------------------------------------------------

    @property
    def meeting_id(self) -> int | None:
        return self._meeting.id if self._meeting is not None else None

    def set_meeting(self, meeting_id: int | None) -> None:
        """Show a meeting (None: the empty state); what is typed is saved first."""
        self._flush()
        if meeting_id != self.meeting_id:
            self.editor.show_nothing()
        self._load(meeting_id)

    def refresh(self) -> None:
        """Re-read everything shown from the database (another view changed it)."""
        self._flush()
        self._load(self.meeting_id)
        self.editor.reload(self.agenda.model.dossier)

    def undo_stack(self) -> QUndoStack:
        """The agenda's undo history; the Edit menu uses it when the agenda has focus."""
        return self.agenda.undo_stack()

    def shortcuts(self) -> list[tuple[str, str]]:
        """(keys, what they do) of this view, for the keyboard shortcut overview."""
        return [
            (key_text("Ctrl+Up"), _("Move the selected agenda item up")),
            (key_text("Ctrl+Down"), _("Move the selected agenda item down")),
            (key_text("F2"), _("Change the time box of the selected agenda item")),
            (key_text("Del"), _("Remove the selected agenda item or participant")),
            (key_text(QKeySequence.StandardKey.Undo), _("Undo the last move or time box change")),
            (key_text("Ctrl+Shift+Z"), _("Redo it")),
            (key_text("Return"), _("Put the selected case on the agenda")),
            (key_text("Return"), _("Add the participant typed in the fields under the list")),
        ]

    def print_agenda(self) -> None:
        if self.meeting_id is not None:
            self._flush()
            pdf_actions.export_agenda_pdf(self, self._db, self.meeting_id)

    # -- loading -------------------------------------------------------------------------------

    def _flush(self) -> None:
        self.details.autosaver.flush()
        self.editor.autosaver.flush()

    def _load(self, meeting_id: int | None) -> None:
        meeting = None
        if meeting_id is not None:
            try:
                meeting = meetings.get_meeting(self._db, meeting_id)
            except NotFoundError:
                meeting = None
        self._meeting = meeting
        read_only = meeting is not None and meeting.status == MeetingStatus.APPROVED
        self._read_only = read_only
        self.banner.setVisible(read_only)
        self.pages.setCurrentIndex(1 if meeting is not None else 0)
        self.details.set_meeting(meeting, read_only)
        self.editor.set_decision_date(meeting.meeting_date if meeting is not None else None)
        self.agenda.set_meeting(self.meeting_id, read_only)
        self.editor.set_read_only(read_only)
        dossier = self.agenda.model.dossier
        self.participants.set_meeting(
            self.meeting_id, list(dossier.participants) if dossier else [], read_only
        )
        self._load_cases()

    def _load_cases(self) -> None:
        dossier = self.agenda.model.dossier
        on_agenda = {item.case.id for item in dossier.items if item.case} if dossier else set()
        self.cases.set_meeting(
            self.meeting_id,
            self._meeting.area if self._meeting is not None else None,
            on_agenda,
            self._read_only,
            on=self._meeting.meeting_date if self._meeting is not None else None,
        )

    # -- reactions -----------------------------------------------------------------------------

    def _details_saved(self) -> None:
        previous_area = self._meeting.area if self._meeting is not None else None
        previous_date = self._meeting.meeting_date if self._meeting is not None else None
        self._meeting = meetings.get_meeting(self._db, self.meeting_id)
        self.agenda.reload()
        self.editor.set_decision_date(self._meeting.meeting_date)
        if self._meeting.area != previous_area or self._meeting.meeting_date != previous_date:
            self._load_cases()
        self.changed.emit()

    def _agenda_changed(self) -> None:
        self._load_cases()
        self.saved.emit()
        self.changed.emit()

    def _case_saved(self) -> None:
        self.agenda.reload()
        self._load_cases()
        self.changed.emit()

    def _case_selected(self, case_id: int | None) -> None:
        if case_id is not None:
            self.editor.show_case(case_id)

    def _item_selected(self, item: AgendaItemRecord | None) -> None:
        if item is not None:
            self.editor.show_item(item)
        elif self.editor.item_id is not None:
            self.editor.show_nothing()
