"""Exporting and importing meeting packages from the window (menu File).

`run_dialog`, `ask_save_path`, `ask_open_path`, `ask_passphrase` and `tell` are the only
modal parts; tests replace them.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFileDialog,
    QInputDialog,
    QLineEdit,
    QMessageBox,
    QWidget,
)

from visitation_app.domain.errors import UserError
from visitation_app.domain.package_paths import PackageError
from visitation_app.i18n import _
from visitation_app.services import meetings as meeting_service
from visitation_app.services.meeting_package_export import export_meeting_package as export
from visitation_app.services.meeting_package_import import import_package
from visitation_app.services.meeting_package_parse import needs_passphrase, read_package_file
from visitation_app.services.package_crypto import PackagePassphraseError
from visitation_app.store.database import Database
from visitation_app.ui.autosave import Autosaver
from visitation_app.ui.messages import show_error
from visitation_app.ui.package_dialogs import (
    ExportPackageDialog,
    ProblemsDialog,
    ReportDialog,
    unencrypted_warning,
)
from visitation_app.ui.pdf_actions import safe_file_name, show_status

log = logging.getLogger(__name__)

_last_folder: Path | None = None
PACKAGE_FILTER = "*.json"


def _start_folder() -> Path:
    if _last_folder is not None and _last_folder.is_dir():
        return _last_folder
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(documents) if documents and Path(documents).is_dir() else Path.home()


def run_dialog(dialog: QDialog) -> bool:
    """Show `dialog` modally; True when it was accepted."""
    return dialog.exec() == QDialog.DialogCode.Accepted


def ask_save_path(parent: QWidget | None, suggested: str) -> Path | None:
    """Where to save a package; None when the chair cancels. Adds '.json' when left out."""
    global _last_folder
    chosen, _filter = QFileDialog.getSaveFileName(
        parent,
        _("Export meeting package"),
        str(_start_folder() / suggested),
        _("Meeting packages ({pattern})").format(pattern=PACKAGE_FILTER),
    )
    if not chosen:
        return None
    path = Path(chosen)
    if path.suffix.lower() != ".json":
        path = path.with_name(path.name + ".json")
    _last_folder = path.parent
    return path


def ask_open_path(parent: QWidget | None) -> Path | None:
    """Which package to import; None when the chair cancels."""
    global _last_folder
    chosen, _filter = QFileDialog.getOpenFileName(
        parent,
        _("Import meeting package"),
        str(_start_folder()),
        _("Meeting packages ({pattern})").format(pattern=PACKAGE_FILTER),
    )
    if not chosen:
        return None
    _last_folder = Path(chosen).parent
    return Path(chosen)


def ask_passphrase(parent: QWidget | None, message: str) -> str | None:
    """The passphrase of an encrypted package; None when the chair cancels."""
    text, accepted = QInputDialog.getText(
        parent, _("Encrypted meeting package"), message, QLineEdit.EchoMode.Password
    )
    return text if accepted else None


def tell(parent: QWidget | None, title: str, text: str) -> None:
    QMessageBox.information(parent, title, text)


def _busy() -> None:
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)


def export_meeting_package(parent: QWidget | None, db: Database, meeting_id: int) -> Path | None:
    """Ask whether to encrypt (and the passphrase, twice) and where to save, then save the
    meeting's package there; the path, or None when cancelled or refused."""
    if not Autosaver.flush_everywhere():
        return None
    try:
        meeting = meeting_service.get_meeting(db, meeting_id)
    except UserError as error:
        show_error(parent, error)
        return None
    dialog = ExportPackageDialog(parent, meeting.title)
    if not run_dialog(dialog):
        return None
    passphrase = dialog.chosen_passphrase()
    suggested = safe_file_name(
        _("Meeting package {date} {title}").format(
            date=meeting.meeting_date.isoformat(), title=meeting.title
        )
    )
    path = ask_save_path(parent, suggested + ".json")
    if path is None:
        return None
    _busy()
    try:
        written = export(db, meeting_id, path, passphrase=passphrase)
    except Exception as error:  # noqa: BLE001 - a sentence for the chair, details in the log
        QApplication.restoreOverrideCursor()
        show_error(parent, error)
        return None
    QApplication.restoreOverrideCursor()
    log.info("exported meeting %s as a package in %s", meeting_id, written.parent)
    show_status(parent, _("Meeting package saved: {path}").format(path=written))
    if passphrase:
        text = _("The meeting package is saved encrypted as {path}.").format(path=written)
    else:
        text = _("The meeting package is saved as {path}.").format(path=written)
        text += "\n\n" + unencrypted_warning()
    tell(parent, _("Meeting package saved"), text)
    return written


def import_meeting_package(parent: QWidget | None, db: Database) -> int | None:
    """Ask for a package (and its passphrase, when encrypted), import it and show what was
    done, or every error when nothing was; the id of the meeting to show, or None."""
    if not Autosaver.flush_everywhere():
        return None
    path = ask_open_path(parent)
    if path is None:
        return None
    try:
        data = read_package_file(path)
    except PackageError as error:
        run_dialog(ProblemsDialog(parent, error.problems))
        return None
    passphrase = None
    message = _("The package is encrypted. Type its passphrase:")
    if needs_passphrase(data):
        passphrase = ask_passphrase(parent, message)
        if passphrase is None:
            return None
    while True:
        _busy()
        try:
            report = import_package(db, data, passphrase)
        except PackagePassphraseError as error:
            QApplication.restoreOverrideCursor()
            passphrase = ask_passphrase(parent, f"{error}\n{message}")
            if passphrase is None:
                return None
            continue
        except PackageError as error:
            QApplication.restoreOverrideCursor()
            log.info("a meeting package was refused: %s problems", len(error.problems))
            run_dialog(ProblemsDialog(parent, error.problems))
            return None
        except Exception as error:  # noqa: BLE001 - a sentence for the chair, details in the log
            QApplication.restoreOverrideCursor()
            show_error(parent, error)
            return None
        QApplication.restoreOverrideCursor()
        break
    show_status(parent, report.headline())
    run_dialog(ReportDialog(parent, report))
    return report.meeting_id
