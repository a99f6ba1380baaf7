"""Inhabilitet on the current item: who does not take part in it, and why.

One line while nobody is disqualified; the chair opens it (Ctrl+I) and ticks a person,
types the reason, and the person is recorded as not taking part in this item.
Those disqualified stay listed with their reason when the list is closed. Only those who
decide are offered: the citizen, relatives, a bisidder or an interpreter are not.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from visitation_app.domain.records import ConflictRecord, ParticipantRecord
from visitation_app.domain.validation import SHORT_TEXT_MAX
from visitation_app.i18n import _
from visitation_app.services import conflicts as conflict_service
from visitation_app.services import participants as participant_service
from visitation_app.store.database import Database
from visitation_app.ui.autosave import Autosaver
from visitation_app.ui.during.attendance import participant_text

SHORTCUT = "Ctrl+I"


def reason_hint() -> str:
    """What the reason field suggests (only while the person is marked)."""
    return _("Reason, e.g. neighbour of the citizen")


class ConflictRow:
    """A participant's check box ('does not take part') and the reason beside it."""

    def __init__(self, participant: ParticipantRecord) -> None:
        self.participant_id = participant.id
        self.name = participant.name
        self.box = QCheckBox(participant_text(participant))
        self.box.setToolTip(
            _("{name} does not take part in this item (conflict of interest).").format(
                name=participant.name
            )
        )
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(reason_hint())
        self.reason.setMaxLength(SHORT_TEXT_MAX)
        self.reason.setAccessibleName(
            _("Why {name} does not take part").format(name=participant.name)
        )

    def widgets(self) -> tuple[QCheckBox, QLineEdit]:
        return self.box, self.reason


class ConflictsPanel(QFrame):
    """The item's conflicts of interest; saved through the item panel's autosaver."""

    def __init__(
        self,
        db: Database,
        meeting_id: int,
        item_id: int,
        autosaver: Autosaver,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._db = db
        self._meeting_id = meeting_id
        self._item_id = item_id
        self._autosaver = autosaver
        self._read_only = False
        self.rows: dict[int, ConflictRow] = {}
        self.setObjectName("conflictsPanel")
        self.setFrameShape(QFrame.Shape.StyledPanel)

        self.toggle = QToolButton()
        self.toggle.setText(_("Conflicts of interest"))
        self.toggle.setCheckable(True)
        self.toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toggle.setArrowType(Qt.ArrowType.RightArrow)
        self.toggle.setAutoRaise(True)
        self.toggle.setToolTip(
            _(
                "Mark who does not take part in this item because of a conflict of "
                "interest (inhabilitet). The minutes say so. {keys}"
            ).format(keys=QKeySequence(SHORTCUT).toString(QKeySequence.SequenceFormat.NativeText))
        )
        self.toggle.toggled.connect(self._on_toggled)
        # A window shortcut, not a mnemonic: every letter of the word is taken in this view.
        shortcut = QShortcut(QKeySequence(SHORTCUT), self)
        shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
        shortcut.activated.connect(self.open_from_keyboard)
        self.summary = QLabel()
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        head = QHBoxLayout()
        head.setContentsMargins(0, 0, 0, 0)
        head.addWidget(self.toggle)
        head.addWidget(self.summary, 1)

        self.grid = QGridLayout()
        self.grid.setContentsMargins(20, 0, 0, 0)
        self.grid.setHorizontalSpacing(8)
        self.grid.setVerticalSpacing(2)
        self.grid.setColumnStretch(1, 1)
        self.empty = QLabel(_("No participants who decide are registered for the meeting."))
        self.empty.setObjectName("sectionHint")
        self.empty.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 2, 6, 4)
        layout.setSpacing(2)
        layout.addLayout(head)
        layout.addLayout(self.grid)
        layout.addWidget(self.empty)
        self.reload()

    # -- what is shown -----------------------------------------------------------------

    def reload(self) -> None:
        """Read the meeting's participants and the item's conflicts again.

        Nothing typed is lost: while a change waits to be saved, the marks stay as they are.
        """
        participants = [
            p
            for p in participant_service.participant_records(self._db, self._meeting_id)
            if conflict_service.can_be_disqualified(p.role)
        ]
        if self._autosaver.has_pending():
            return
        conflicts = conflict_service.item_conflicts(self._db, self._item_id)
        wanted = [(p.id, participant_text(p)) for p in participants]
        current = [(pid, row.box.text()) for pid, row in self.rows.items()]
        if wanted != current:
            self._rebuild(participants)
        self._show_conflicts(conflicts)

    def _rebuild(self, participants: Sequence[ParticipantRecord]) -> None:
        for row in self.rows.values():
            for widget in row.widgets():
                self.grid.removeWidget(widget)
                widget.hide()
                widget.deleteLater()
        self.rows = {}
        for index, participant in enumerate(participants):
            row = ConflictRow(participant)
            self.grid.addWidget(row.box, index, 0)
            self.grid.addWidget(row.reason, index, 1)
            self._autosaver.bind(row.box, lambda marked, row=row: self._save_mark(row, marked))
            self._autosaver.bind(row.reason, lambda text, row=row: self._save_reason(row, text))
            row.box.toggled.connect(lambda _marked: self._update())
            row.box.clicked.connect(lambda marked, row=row: marked and row.reason.setFocus())
            self.rows[participant.id] = row

    def _show_conflicts(self, conflicts: Sequence[ConflictRecord]) -> None:
        reasons = {conflict.participant_id: conflict.reason for conflict in conflicts}
        with self._autosaver.loading():
            for pid, row in self.rows.items():
                row.box.setChecked(pid in reasons)
                row.reason.setText(reasons.get(pid, ""))
        self._update()

    def disqualified(self) -> list[str]:
        """The names of those marked as not taking part, in the list's order."""
        return [row.name for row in self.rows.values() if row.box.isChecked()]

    def _update(self) -> None:
        names = self.disqualified()
        if names:
            self.summary.setText(_("Does not take part: {names}").format(names=", ".join(names)))
            self.summary.setStyleSheet("font-weight: bold;")
        else:
            self.summary.setText(_("Everyone takes part in this item."))
            self.summary.setStyleSheet("")
        self._show_rows(self.toggle.isChecked())

    def open_from_keyboard(self) -> None:
        """Open the list with the first person focused: Space marks, Tab goes to the reason."""
        if self.toggle.isChecked():
            self._on_toggled(True)
        else:
            self.toggle.setChecked(True)

    def _on_toggled(self, expanded: bool) -> None:
        """Opened, the first person has the focus."""
        self._show_rows(expanded)
        if expanded and self.rows and not self._read_only:
            next(iter(self.rows.values())).box.setFocus()

    def _show_rows(self, expanded: bool) -> None:
        self.toggle.setArrowType(Qt.ArrowType.DownArrow if expanded else Qt.ArrowType.RightArrow)
        for row in self.rows.values():
            marked = row.box.isChecked()
            row.box.setVisible(expanded or marked)
            row.reason.setVisible(marked)  # a reason only for those who do not take part
            row.reason.setEnabled(marked)
            row.box.setEnabled(not self._read_only)
            row.reason.setReadOnly(self._read_only)
        self.empty.setVisible(expanded and not self.rows)

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only
        self._show_rows(self.toggle.isChecked())

    # -- saving ------------------------------------------------------------------------

    def _save_mark(self, row: ConflictRow, marked: bool) -> None:
        if marked:
            conflict_service.declare_conflict(
                self._db, self._item_id, row.participant_id, row.reason.text()
            )
        else:
            conflict_service.withdraw_conflict(self._db, self._item_id, row.participant_id)
            with self._autosaver.loading():
                row.reason.clear()

    def _save_reason(self, row: ConflictRow, text: str) -> None:
        if row.box.isChecked():
            conflict_service.declare_conflict(self._db, self._item_id, row.participant_id, text)
