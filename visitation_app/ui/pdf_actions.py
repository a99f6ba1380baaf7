"""Saving the agenda and the minutes as PDF from the windows (menus and the 'after' view).

`save_pdf_dialog` and `offer_to_open` are the only modal parts; tests replace them.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QFileDialog, QMainWindow, QMessageBox, QWidget

from visitation_app.domain.errors import UserError
from visitation_app.i18n import _
from visitation_app.services import invitations as invitation_service
from visitation_app.services import letters as letter_service
from visitation_app.services import meetings as meeting_service
from visitation_app.services import minutes as minutes_service
from visitation_app.store.database import Database
from visitation_app.ui import preferences
from visitation_app.ui.autosave import Autosaver
from visitation_app.ui.export_notice import unencrypted_export_note
from visitation_app.ui.messages import confirm, show_error

log = logging.getLogger(__name__)

STATUS_TIMEOUT_MS = 8000
_last_folder: Path | None = None
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


def safe_file_name(text: str) -> str:
    """A file name every operating system accepts, made from a meeting's date and title."""
    name = _UNSAFE.sub(" ", text)
    name = re.sub(r"\s+", " ", name).strip(" .")
    return name[:120] or _("document")


def suggested_name(db: Database, meeting_id: int, document: str) -> str:
    """'Referat 2026-12-03 Visitationsudvalget ældre.pdf'."""
    meeting = meeting_service.get_meeting(db, meeting_id)
    return safe_file_name(f"{document} {meeting.meeting_date.isoformat()} {meeting.title}") + ".pdf"


def _start_folder() -> Path:
    if _last_folder is not None and _last_folder.is_dir():
        return _last_folder
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(documents) if documents and Path(documents).is_dir() else Path.home()


def save_pdf_dialog(parent: QWidget | None, suggested: str) -> Path | None:
    """Ask where to save a PDF; None when the chair cancels. Adds '.pdf' when left out."""
    global _last_folder
    chosen, _filter = QFileDialog.getSaveFileName(
        parent,
        _("Save as PDF"),
        str(_start_folder() / suggested),
        _("PDF documents (*.pdf)"),
    )
    if not chosen:
        return None
    path = Path(chosen)
    if path.suffix.lower() != ".pdf":
        path = path.with_name(path.name + ".pdf")
    _last_folder = path.parent
    return path


def offer_to_open(parent: QWidget | None, path: Path, what: str, note: str | None = None) -> None:
    """Tell the chair where the file is (and `note`) and offer to open it in the PDF viewer."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Information)
    box.setWindowTitle(what)
    box.setText(_("{what} was saved as {path}.").format(what=what, path=path))
    if note:
        box.setInformativeText(note)
    open_button = box.addButton(_("Open PDF"), QMessageBox.ButtonRole.AcceptRole)
    box.addButton(_("Close"), QMessageBox.ButtonRole.RejectRole)
    box.exec()
    if box.clickedButton() is open_button and not QDesktopServices.openUrl(
        QUrl.fromLocalFile(str(path))
    ):
        show_error(
            parent,
            UserError(
                _("No program could open {path}. Open it from the folder.").format(path=path)
            ),
        )


def show_status(parent: QWidget | None, text: str) -> None:
    """A message in the main window's status bar, if there is one."""
    window = parent.window() if parent is not None else None
    if isinstance(window, QMainWindow):
        window.statusBar().showMessage(text, STATUS_TIMEOUT_MS)


def _export(
    parent: QWidget | None,
    suggest: Callable[[], str],
    document: str,
    write: Callable[[Path], Path],
    db: Database | None = None,
) -> Path | None:
    try:
        path = save_pdf_dialog(parent, suggest())
        if path is None:
            return None
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            written = write(path)
        finally:
            QApplication.restoreOverrideCursor()
    except UserError as error:
        show_error(parent, error)
        return None
    except Exception as error:  # noqa: BLE001 - logged by show_error, shown as a sentence
        show_error(parent, error)
        return None
    log.info("saved %s in %s", document, written.parent)  # file names can name a citizen
    show_status(parent, _("{what} saved: {path}").format(what=document, path=written))
    # Once per session, from an encrypted database: the PDF is not encrypted.
    offer_to_open(parent, written, document, note=unencrypted_export_note(db))
    return written


def _export_meeting_document(
    parent: QWidget | None,
    db: Database,
    meeting_id: int,
    document: str,
    write: Callable[..., Path],
) -> Path | None:
    """Save with `write(db, meeting_id, path, full_cpr=…)`, CPR numbers as the setting says."""
    return _export(
        parent,
        lambda: suggested_name(db, meeting_id, document),
        document,
        lambda path: write(db, meeting_id, path, full_cpr=preferences.show_full_cpr()),
        db,
    )


def export_agenda_pdf(parent: QWidget | None, db: Database, meeting_id: int) -> Path | None:
    """Ask for a file name and save the meeting's agenda there; the path, or None."""
    return _export_meeting_document(
        parent, db, meeting_id, _("Agenda"), minutes_service.export_agenda
    )


def export_minutes_pdf(parent: QWidget | None, db: Database, meeting_id: int) -> Path | None:
    """Ask for a file name and save the minutes there (as approved, or a draft); the path."""
    return _export_meeting_document(
        parent, db, meeting_id, _("Minutes"), minutes_service.export_minutes
    )


def save_decision_letter(parent: QWidget | None, db: Database, decision_id: int) -> Path | None:
    """Ask for a file name and save the decision letter there; the path, or None.

    What is being typed is saved first; a letter on a decision that is not final is saved
    only after the chair agreed to a draft (it is marked UDKAST and must not be sent).
    """
    if not Autosaver.flush_everywhere():
        return None
    try:
        letter = letter_service.decision_letter(db, decision_id)
    except UserError as error:
        show_error(parent, error)
        return None
    citizen = letter.case.citizen_name
    if not letter.is_final and not confirm(
        parent,
        _("Save a draft letter?"),
        _(
            "The decision on item {number} ({citizen}) is not final yet. Save the letter "
            "as a draft? It is marked DRAFT and must not be sent to the citizen."
        ).format(number=letter.item.number, citizen=citizen),
    ):
        return None
    document = _("Decision letter")
    return _export(
        parent,
        lambda: safe_file_name(f"{document} {citizen}") + ".pdf",
        document,
        lambda path: letter_service.export_decision_letter(db, decision_id, path),
        db,
    )


def save_invitation(parent: QWidget | None, db: Database, item_id: int) -> Path | None:
    """Ask for a file name and save the invitation to the citizen of agenda item `item_id`.

    What is being typed is saved first, so the letter shows it; the path, or None.
    """
    if not Autosaver.flush_everywhere():
        return None
    try:
        letter = invitation_service.invitation(db, item_id)
    except UserError as error:
        show_error(parent, error)
        return None
    document = _("Invitation")
    day = letter.meeting.meeting_date.isoformat()
    return _export(
        parent,
        lambda: safe_file_name(f"{document} {letter.citizen_name} {day}") + ".pdf",
        document,
        lambda path: invitation_service.export_invitation(db, item_id, path),
        db,
    )
