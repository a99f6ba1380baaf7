"""A case's history: every recorded change in a table, and the same printed as a PDF."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from visitation_app.domain.audit_trail import AuditLine, AuditTrail
from visitation_app.domain.errors import UserError
from visitation_app.i18n import _
from visitation_app.services import audit as audit_service
from visitation_app.store.database import Database
from visitation_app.ui.autosave import Autosaver
from visitation_app.ui.export_notice import unencrypted_export_note
from visitation_app.ui.messages import show_error
from visitation_app.ui.pdf_actions import offer_to_open, safe_file_name, save_pdf_dialog
from visitation_app.ui.style import compact_rows

log = logging.getLogger(__name__)

TIME, WHO, WHAT, FIELD, BEFORE, AFTER = range(6)
SHOWN_CHARACTERS = 80  # of a value in its cell; the whole text is in the tooltip and below
TOOLTIP_CHARACTERS = 2000


def elided(text: str, limit: int = SHOWN_CHARACTERS) -> str:
    """One line of at most `limit` characters, ending in '…' when cut."""
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"


def _tooltip(text: str) -> str:
    if len(text) <= TOOLTIP_CHARACTERS:
        return text
    return (
        text[:TOOLTIP_CHARACTERS].rstrip()
        + "…\n\n"
        + _("({count} characters in all; the whole text is shown under the table.)").format(
            count=len(text)
        )
    )


class AuditDialog(QDialog):
    """The trail of one case, the oldest change first; 'Print as PDF…' saves it."""

    def __init__(self, db: Database, case_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._case_id = case_id
        self.trail: AuditTrail = audit_service.case_trail(db, case_id)
        self.setWindowTitle(self.trail.title)

        heading = QLabel(self.trail.title)
        font = heading.font()
        font.setBold(True)
        heading.setFont(font)
        known = [f"{label}: {value}" for label, value in self.trail.facts if value]
        facts = QLabel(" · ".join(known))
        facts.setWordWrap(True)
        facts.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.table = self._make_table()
        self.detail = QPlainTextEdit()
        self.detail.setReadOnly(True)
        self.detail.setMaximumHeight(130)
        self.detail.setPlaceholderText(_("Select a change to see its values in full."))
        self.detail.setAccessibleName(_("The selected change in full"))
        self.table.currentCellChanged.connect(lambda row, *_rest: self._show_detail(row))

        self.print_button = QPushButton(_("Print as PDF…"))
        self.print_button.clicked.connect(self.save_pdf)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(_("Close"))
        buttons.addButton(self.print_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(facts)
        if not self.trail.lines:
            empty = QLabel(_("No changes are recorded for this case."))
            empty.setObjectName("emptyHint")
            layout.addWidget(empty)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.detail)
        layout.addWidget(buttons)
        self.resize(1100, 620)

    def _make_table(self) -> QTableWidget:
        head = [_("Time"), _("Who"), _("What"), _("Field"), _("Before"), _("After")]
        table = QTableWidget(len(self.trail.lines), len(head))
        table.setHorizontalHeaderLabels(head)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setWordWrap(False)
        table.setAlternatingRowColors(True)
        table.verticalHeader().hide()
        table.setAccessibleName(_("Changes to the case"))
        compact_rows(table)
        for row, line in enumerate(self.trail.lines):
            self._fill_row(table, row, line)
        header = table.horizontalHeader()
        for column in (TIME, WHO):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        for column, width in ((WHAT, 230), (FIELD, 170)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            table.setColumnWidth(column, width)
        for column in (BEFORE, AFTER):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        return table

    @staticmethod
    def _fill_row(table: QTableWidget, row: int, line: AuditLine) -> None:
        texts = {
            TIME: line.when,
            WHO: line.actor or _("(not known)"),
            WHAT: line.what,
            FIELD: line.field,
            BEFORE: line.before,
            AFTER: line.after,
        }
        for column, text in texts.items():
            item = QTableWidgetItem(elided(text) if column in (BEFORE, AFTER, WHAT) else text)
            if text:
                item.setToolTip(_tooltip(text))
            table.setItem(row, column, item)

    def _show_detail(self, row: int) -> None:
        if not 0 <= row < len(self.trail.lines):
            self.detail.clear()
            return
        line = self.trail.lines[row]
        parts = [f"{line.what} – {line.field}" if line.field else line.what]
        parts.append(_("Before: {value}").format(value=line.before or "–"))
        parts.append(_("After: {value}").format(value=line.after or "–"))
        self.detail.setPlainText("\n\n".join(parts))

    def save_pdf(self) -> Path | None:
        """Ask where to save the history as PDF and save it there; the path, or None."""
        name = safe_file_name(_("History of case {id}").format(id=self._case_id)) + ".pdf"
        try:
            path = save_pdf_dialog(self, name)
            if path is None:
                return None
            QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
            try:
                written = audit_service.export_case_trail(self._db, self._case_id, path)
            finally:
                QApplication.restoreOverrideCursor()
        except Exception as error:  # noqa: BLE001 - shown as a sentence, details in the log
            show_error(self, error)
            return None
        log.info("saved the history of case %s in %s", self._case_id, written.parent)
        offer_to_open(
            self, written, _("The history of the case"), note=unencrypted_export_note(self._db)
        )
        return written


def open_case_history(parent: QWidget | None, db: Database, case_id: int) -> None:
    """Show the case's history (what is being typed is saved first, so it is in it)."""
    Autosaver.flush_everywhere()
    try:
        dialog = AuditDialog(db, case_id, parent)
    except UserError as error:
        show_error(parent, error)
        return
    dialog.exec()
