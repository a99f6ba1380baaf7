"""'Efter mødet': the summary, the documents and decision letters, approval and reopening."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from visitation_app.domain.errors import NotFoundError, UserError
from visitation_app.domain.records import MeetingDossier
from visitation_app.domain.vocabulary import MeetingStatus
from visitation_app.formatting import format_time, format_weekday_date
from visitation_app.i18n import _
from visitation_app.services import meetings as meeting_service
from visitation_app.services import minutes as minutes_service
from visitation_app.services.dossier import load_dossier
from visitation_app.store.database import Database
from visitation_app.ui import pdf_actions, preferences
from visitation_app.ui.after import dialogs
from visitation_app.ui.after.letters_panel import LettersPanel
from visitation_app.ui.after.summary import ActionsOverview, HistoryBox, SummaryBox
from visitation_app.ui.autosave import Autosaver
from visitation_app.ui.during.banner import locked_banner
from visitation_app.ui.messages import confirm, show_error

EMPTY_PAGE, MEETING_PAGE = 0, 1


class AfterView(QWidget):
    """The after-the-meeting phase view (see the phase-view protocol in the UI notes)."""

    changed = Signal()

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._meeting_id: int | None = None
        self._dossier: MeetingDossier | None = None

        self.empty_label = QLabel(_("Choose a meeting in the list."))
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty_label)
        self.stack.addWidget(self._build_meeting_page())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)
        self.set_meeting(None)

    def _build_meeting_page(self) -> QWidget:
        self.meeting_label = QLabel()
        self.meeting_label.setWordWrap(True)
        self.meeting_label.setTextFormat(Qt.TextFormat.PlainText)
        font = self.meeting_label.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.meeting_label.setFont(font)
        self.meeting_info = QLabel()
        self.meeting_info.setWordWrap(True)
        self.banner = locked_banner(
            text=_(
                "The minutes are approved – the meeting is locked. "
                "Use 'Reopen meeting…' to change it."
            )
        )

        self.minutes_button = QPushButton(_("Export minutes (PDF)…"))
        self.minutes_button.clicked.connect(self.export_minutes)
        self.agenda_button = QPushButton(_("Print agenda (PDF)…"))
        self.agenda_button.clicked.connect(self.export_agenda)
        self.approve_button = QPushButton(_("Approve minutes…"))
        self.approve_button.clicked.connect(self.approve)
        self.reopen_button = QPushButton(_("Reopen meeting…"))
        self.reopen_button.clicked.connect(self.reopen)
        self.end_button = QPushButton(_("End the meeting"))
        self.end_button.clicked.connect(self.end_meeting)
        buttons = QHBoxLayout()
        for button in (
            self.minutes_button,
            self.agenda_button,
            self.approve_button,
            self.reopen_button,
            self.end_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)

        self.summary = SummaryBox()
        self.history = HistoryBox()
        self.letters = LettersPanel(self._db)
        self.actions = ActionsOverview()
        columns = QHBoxLayout()
        columns.addWidget(self.summary, 1)
        columns.addWidget(self.history, 1)

        content = QWidget()
        inner = QVBoxLayout(content)
        inner.setContentsMargins(8, 8, 8, 8)
        inner.addWidget(self.meeting_label)
        inner.addWidget(self.meeting_info)
        inner.addWidget(self.banner)
        inner.addLayout(buttons)
        inner.addLayout(columns)
        inner.addWidget(self.letters)
        inner.addWidget(self.actions)
        inner.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(content)
        return scroll

    # -- the phase-view protocol -------------------------------------------------------

    def set_meeting(self, meeting_id: int | None) -> None:
        self._meeting_id = meeting_id
        self.refresh()

    def refresh(self) -> None:
        """Reload the summary from the database (this view has no editors to protect)."""
        if self._meeting_id is None:
            self._show_empty(_("Choose a meeting in the list."))
            return
        try:
            dossier = load_dossier(self._db, self._meeting_id)
            warnings = minutes_service.approval_warnings(self._db, self._meeting_id)
        except NotFoundError:
            self._meeting_id = None
            self._show_empty(_("The meeting no longer exists. Choose another in the list."))
            return
        self._dossier = dossier
        meeting = dossier.meeting
        self.meeting_label.setText(meeting.title)
        when = _("{date} at {time}").format(
            date=format_weekday_date(meeting.meeting_date), time=format_time(meeting.start_time)
        )
        chair = _("Chair: {name}").format(name=meeting.chair_name) if meeting.chair_name else ""
        self.meeting_info.setText(
            " · ".join(part for part in (when, meeting.location, chair) if part)
        )
        self.summary.show_dossier(dossier, warnings)
        self.history.show_events(dossier.events, dossier.meeting.timezone)
        self.letters.show_dossier(dossier)
        self.actions.show_dossier(dossier)
        status = meeting.status
        approved = status == MeetingStatus.APPROVED
        self.banner.setVisible(approved)
        self.approve_button.setVisible(not approved)
        self.reopen_button.setVisible(approved)
        self.end_button.setVisible(status == MeetingStatus.IN_PROGRESS)
        self.minutes_button.setToolTip(
            _("The minutes exactly as approved.")
            if approved
            else _("A draft of the minutes from what is recorded now.")
        )
        self.stack.setCurrentIndex(MEETING_PAGE)

    def _show_empty(self, text: str) -> None:
        self._dossier = None
        self.empty_label.setText(text)
        self.stack.setCurrentIndex(EMPTY_PAGE)

    # -- actions -----------------------------------------------------------------------

    def _chair(self) -> str:
        return self._dossier.meeting.chair_name if self._dossier else ""

    def export_minutes(self) -> None:
        if self._meeting_id is not None:
            Autosaver.flush_everywhere()
            pdf_actions.export_minutes_pdf(self, self._db, self._meeting_id)

    def export_agenda(self) -> None:
        if self._meeting_id is not None:
            Autosaver.flush_everywhere()
            pdf_actions.export_agenda_pdf(self, self._db, self._meeting_id)

    def approve(self) -> None:
        """Ask who approves, then approve and lock the meeting.

        While a decision lacks what the law requires (and was not overridden with a reason),
        the chair is told which and where to complete them instead.
        """
        if self._meeting_id is None:
            return
        if not Autosaver.flush_everywhere():
            show_error(
                self,
                UserError(
                    _(
                        "A field under 'During the meeting' could not be saved. "
                        "Correct the marked field before approving the minutes."
                    )
                ),
            )
            return
        try:
            unfinished = minutes_service.approval_warnings(self._db, self._meeting_id)
            if unfinished:
                raise UserError(
                    _(
                        "The minutes cannot be approved yet. Under 'During the meeting', "
                        "complete these decisions or mark them final with a reason:\n{items}"
                    ).format(items="\n".join(f"• {problem}" for problem in unfinished))
                )
            name = dialogs.ask_approval(self, self._chair())
            if name is None:
                return
            minutes_service.approve_minutes(
                self._db, self._meeting_id, by=name, full_cpr=preferences.show_full_cpr()
            )
        except UserError as error:
            show_error(self, error)
            return
        self.refresh()
        self.changed.emit()
        pdf_actions.show_status(self, _("The minutes are approved and the meeting is locked."))

    def reopen(self) -> None:
        """Unlock approved minutes, with the name of who does it and a required reason."""
        if self._meeting_id is None:
            return
        answer = dialogs.ask_reopen(self, self._chair())
        if answer is None:
            return
        name, reason = answer
        try:
            meeting_service.reopen_meeting(self._db, self._meeting_id, by=name, reason=reason)
        except UserError as error:
            show_error(self, error)
            return
        self.refresh()
        self.changed.emit()
        pdf_actions.show_status(self, _("The meeting is reopened and can be changed."))

    def end_meeting(self) -> None:
        if self._meeting_id is None:
            return
        if not confirm(
            self,
            _("End the meeting"),
            _("End the meeting now? The clock stops; notes and decisions can still be edited."),
        ):
            return
        Autosaver.flush_everywhere()
        try:
            meeting_service.end_meeting(self._db, self._meeting_id, by=self._chair())
        except UserError as error:
            show_error(self, error)
            return
        self.refresh()
        self.changed.emit()
