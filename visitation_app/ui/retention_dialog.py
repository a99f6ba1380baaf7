"""Deleting citizens' data after the retention period: who is due, the reason, the report."""

from __future__ import annotations

import datetime as dt
import logging

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from visitation_app.domain.errors import UserError
from visitation_app.domain.validation import SHORT_TEXT_MAX, mask_cpr
from visitation_app.formatting import format_date_long
from visitation_app.i18n import _, ngettext
from visitation_app.services import retention
from visitation_app.store.database import Database
from visitation_app.ui import preferences
from visitation_app.ui.autosave import Autosaver
from visitation_app.ui.messages import confirm, show_error
from visitation_app.ui.style import compact_rows

log = logging.getLogger(__name__)

CITIZEN, CPR, CASES, LAST, NOTE = range(5)


class RetentionDialog(QDialog):
    """Lists the citizens due for deletion; deletes the ticked ones after a confirmation."""

    def __init__(
        self,
        db: Database,
        parent: QWidget | None = None,
        *,
        today: dt.date | None = None,
        years: int | None = None,
    ) -> None:
        super().__init__(parent)
        self._db = db
        self.today = today or dt.date.today()
        self.years = years or preferences.retention_years()
        self.report: retention.DeletionReport | None = None
        self.setWindowTitle(_("Delete data after the retention period"))
        self.citizens = retention.citizens_due_for_deletion(db, self.today, self.years)

        intro = QLabel(
            ngettext(
                "Citizens whose last activity lies more than {years} year back and who have "
                "no service with a review still to come. Their data is deleted for good: "
                "cases, decisions, answers, assessments and their audit trail. The retention "
                "period is set in the settings.",
                "Citizens whose last activity lies more than {years} years back and who have "
                "no service with a review still to come. Their data is deleted for good: "
                "cases, decisions, answers, assessments and their audit trail. The retention "
                "period is set in the settings.",
                self.years,
            ).format(years=self.years)
        )
        intro.setWordWrap(True)
        self.table = self._make_table()
        self.table.itemChanged.connect(lambda _item: self._update_state())
        self.empty = QLabel(_("No citizen's data is due for deletion today."))
        self.empty.setObjectName("emptyHint")
        self.empty.setVisible(not self.citizens)

        self.all_button = QPushButton(_("Tick all"))
        self.all_button.clicked.connect(lambda: self._tick_all(True))
        self.none_button = QPushButton(_("Tick none"))
        self.none_button.clicked.connect(lambda: self._tick_all(False))
        self.reason = QLineEdit()
        self.reason.setMaxLength(SHORT_TEXT_MAX)
        self.reason.setPlaceholderText(
            _("e.g. The retention period of 5 years has run out (no names or CPR numbers)")
        )
        self.reason.setAccessibleName(_("Reason for the deletion"))
        self.reason.textChanged.connect(lambda _text: self._update_state())
        self.delete_button = QPushButton(_("Delete data…"))
        self.delete_button.clicked.connect(self.delete_ticked)
        close_button = QPushButton(_("Close"))
        close_button.clicked.connect(self.reject)

        ticks = QHBoxLayout()
        ticks.addWidget(self.all_button)
        ticks.addWidget(self.none_button)
        ticks.addStretch(1)
        reason_row = QHBoxLayout()
        reason_label = QLabel(_("&Reason:"))
        reason_label.setBuddy(self.reason)
        reason_row.addWidget(reason_label)
        reason_row.addWidget(self.reason, 1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.delete_button)
        buttons.addWidget(close_button)

        choose = QWidget()
        choose_layout = QVBoxLayout(choose)
        choose_layout.setContentsMargins(0, 0, 0, 0)
        for widget in (intro, self.empty):
            choose_layout.addWidget(widget)
        choose_layout.addWidget(self.table, 1)
        for row in (ticks, reason_row, buttons):
            choose_layout.addLayout(row)

        self.report_view = QPlainTextEdit()
        self.report_view.setReadOnly(True)
        self.report_view.setAccessibleName(_("What was deleted"))
        done_button = QPushButton(_("Close"))
        done_button.clicked.connect(self.accept)
        done = QWidget()
        done_layout = QVBoxLayout(done)
        done_layout.setContentsMargins(0, 0, 0, 0)
        done_layout.addWidget(QLabel(_("The data is deleted.")))
        done_layout.addWidget(self.report_view, 1)
        done_layout.addWidget(done_button, 0, Qt.AlignmentFlag.AlignRight)

        self.pages = QStackedWidget()
        self.pages.addWidget(choose)
        self.pages.addWidget(done)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages)
        self.resize(900, 560)
        self._update_state()

    def _make_table(self) -> QTableWidget:
        head = [_("Citizen"), _("CPR number"), _("Cases"), _("Last activity"), _("Note")]
        table = QTableWidget(len(self.citizens), len(head))
        table.setHorizontalHeaderLabels(head)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.verticalHeader().hide()
        table.setAccessibleName(_("Citizens whose data may be deleted"))
        compact_rows(table)
        for row, citizen in enumerate(self.citizens):
            name = QTableWidgetItem(citizen.citizen_name)
            name.setFlags(name.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            name.setCheckState(Qt.CheckState.Unchecked)
            note = (
                _("Granted without a review date: check that the service has ended.")
                if citizen.grant_without_review
                else ""
            )
            texts = {
                CPR: mask_cpr(citizen.cpr),
                CASES: ", ".join(str(case_id) for case_id in citizen.case_ids),
                LAST: format_date_long(citizen.last_activity),
                NOTE: note,
            }
            table.setItem(row, CITIZEN, name)
            for column, text in texts.items():
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                table.setItem(row, column, item)
        header = table.horizontalHeader()
        for column in (CITIZEN, CPR, CASES, LAST):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(NOTE, QHeaderView.ResizeMode.Stretch)
        return table

    def ticked(self) -> list[retention.CitizenRetention]:
        return [
            citizen
            for row, citizen in enumerate(self.citizens)
            if self.table.item(row, CITIZEN).checkState() == Qt.CheckState.Checked
        ]

    def _tick_all(self, on: bool) -> None:
        state = Qt.CheckState.Checked if on else Qt.CheckState.Unchecked
        for row in range(self.table.rowCount()):
            self.table.item(row, CITIZEN).setCheckState(state)

    def _update_state(self) -> None:
        self.delete_button.setEnabled(bool(self.ticked()) and bool(self.reason.text().strip()))
        for button in (self.all_button, self.none_button):
            button.setEnabled(bool(self.citizens))

    def delete_ticked(self) -> None:
        chosen = self.ticked()
        if not chosen or not self.reason.text().strip():
            return
        if not confirm(
            self,
            _("Delete the data for good?"),
            ngettext(
                "All data about {count} citizen is deleted for good: the cases, decisions, "
                "answers, assessments and their audit trail. Approved minutes are made again "
                "without them. This cannot be undone. Delete?",
                "All data about {count} citizens is deleted for good: their cases, decisions, "
                "answers, assessments and their audit trail. Approved minutes are made again "
                "without them. This cannot be undone. Delete?",
                len(chosen),
            ).format(count=len(chosen)),
        ):
            return
        Autosaver.flush_everywhere()
        case_ids = [citizen.case_ids[0] for citizen in chosen]
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            report = retention.delete_citizen_data(
                self._db, case_ids, self.reason.text(), self.today, years=self.years
            )
        except Exception as error:  # noqa: BLE001 - shown as a sentence, details in the log
            QApplication.restoreOverrideCursor()
            show_error(self, error, _("The data was not deleted"))
            return
        QApplication.restoreOverrideCursor()
        self.report = report
        self.report_view.setPlainText("\n\n".join(report.lines()))
        self.pages.setCurrentIndex(1)


def open_retention(parent: QWidget | None, db: Database) -> retention.DeletionReport | None:
    """Show who is due for deletion and delete the chosen; the report, or None if nothing was
    deleted. The window should show its data afresh afterwards."""
    try:
        dialog = RetentionDialog(db, parent)
    except UserError as error:
        show_error(parent, error)
        return None
    dialog.exec()
    return dialog.report
