"""'Afgørelser og breve': every decision of the meeting, and its letter to the citizen.

After the meeting the chair goes down this list and saves one decision letter per
citizen. A letter on a decision that is not final is a draft (the PDF says so across
the page); the chair is asked before one is made, since a draft must not be sent.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from visitation_app.domain.records import MeetingDossier
from visitation_app.domain.vocabulary import Outcome
from visitation_app.formatting import format_date_long, format_date_short
from visitation_app.i18n import _
from visitation_app.store.database import Database
from visitation_app.ui import pdf_actions
from visitation_app.ui.after.summary import fit_table_height, read_only_table, table_cell
from visitation_app.ui.during.checklist import MET_COLOUR, WARNING_COLOUR, status_text

log = logging.getLogger(__name__)

MAX_LETTERS_HEIGHT = 320
NUMBER, CITIZEN, OUTCOME, STATUS, DEADLINE = range(5)


@dataclass(frozen=True)
class LetterRow:
    """One decision as the table shows it."""

    decision_id: int
    number: int
    citizen_name: str
    outcome: str
    status: str
    final: bool
    deadline: dt.date | None
    complain_to: str


def letter_rows(db: Database, dossier: MeetingDossier) -> list[LetterRow]:
    """The meeting's decisions that have an outcome, in agenda order."""
    rows = []
    for item in dossier.items:
        decision, check = item.decision, item.check
        if item.case is None or decision is None or not decision.outcome or check is None:
            continue
        guidance = check.guidance
        rows.append(
            LetterRow(
                decision_id=decision.id,
                number=item.number,
                citizen_name=item.case.citizen_name,
                outcome=Outcome(decision.outcome).label,
                status=status_text(check),
                final=check.final,
                deadline=guidance.deadline if guidance else None,
                complain_to=guidance.to_whom if guidance else "",
            )
        )
    return rows


class LettersPanel(QGroupBox):
    """The decisions of one meeting, with their status and complaint deadline, and a button
    that saves the selected decision's letter as PDF (double-click does the same)."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(_("Decisions and letters"), parent)
        self._db = db
        self._rows: list[LetterRow] = []
        self.table = read_only_table(
            [_("Item"), _("Citizen"), _("Outcome"), _("Status"), _("Complaint deadline")]
        )
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(CITIZEN, QHeaderView.ResizeMode.Stretch)
        for column in (NUMBER, OUTCOME, STATUS, DEADLINE):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.table.itemSelectionChanged.connect(self._update_button)
        self.table.cellDoubleClicked.connect(lambda _row, _column: self.save_letter())

        self.empty = QLabel(_("No decisions have been made at this meeting yet."))
        self.save_button = QPushButton(_("Save decision letter…"))
        self.save_button.setToolTip(
            _("Save the letter to the citizen on the selected decision as PDF.")
        )
        self.save_button.clicked.connect(self.save_letter)
        self.hint = QLabel(
            _("Only a final decision's letter may be sent; any other is marked DRAFT.")
        )
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: #555555;")
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.hint, 1)

        layout = QVBoxLayout(self)
        layout.addWidget(self.empty)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        self._update_button()

    def show_dossier(self, dossier: MeetingDossier) -> None:
        """Show the meeting's decisions, keeping the selected one selected."""
        selected = self.selected()
        self._rows = letter_rows(self._db, dossier)
        self.table.clearSelection()
        self.table.setRowCount(len(self._rows))
        for row, letter in enumerate(self._rows):
            cells = (
                str(letter.number),
                letter.citizen_name,
                letter.outcome,
                letter.status,
                format_date_short(letter.deadline),
            )
            for column, text in enumerate(cells):
                self.table.setItem(row, column, table_cell(text))
            status = self.table.item(row, STATUS)
            status.setForeground(QColor(MET_COLOUR if letter.final else WARNING_COLOUR))
            if letter.deadline is not None:
                self.table.item(row, DEADLINE).setToolTip(
                    _("Complain to {to_whom} by {deadline}.").format(
                        to_whom=letter.complain_to, deadline=format_date_long(letter.deadline)
                    )
                )
            if selected is not None and letter.decision_id == selected.decision_id:
                self.table.selectRow(row)
        self.table.resizeRowsToContents()
        has_rows = bool(self._rows)
        self.empty.setVisible(not has_rows)
        self.table.setVisible(has_rows)
        self.save_button.setVisible(has_rows)
        self.hint.setVisible(has_rows)
        fit_table_height(self.table, MAX_LETTERS_HEIGHT)
        self._update_button()

    def rows(self) -> list[LetterRow]:
        return list(self._rows)

    def selected(self) -> LetterRow | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows or rows[0].row() >= len(self._rows):
            return None
        return self._rows[rows[0].row()]

    def _update_button(self) -> None:
        self.save_button.setEnabled(self.selected() is not None)

    def save_letter(self) -> None:
        """Save the selected decision's letter; a draft only after the chair agreed."""
        row = self.selected()
        if row is not None:
            pdf_actions.save_decision_letter(self, self._db, row.decision_id)
