"""Filer → Sikkerhed: encrypting the database, changing its passphrase, locking at once;
and the lasting warning in the status bar while the database is not encrypted.

Re-keying saves everything typed, closes the window's database (its engine only: the
window keeps the file's lock), re-keys the file and every copy of it
(`store.rekey_all`), then opens it with the new passphrase and shows the same meeting.
On failure the file is as it was and the window goes on with it.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QHBoxLayout,
    QLabel,
    QMenu,
    QMessageBox,
    QPushButton,
    QWidget,
)

from visitation_app.i18n import _
from visitation_app.store.rekey_all import RekeyReport, rekey_database_and_backups
from visitation_app.ui.database_opening import open_with_passphrase
from visitation_app.ui.messages import show_error
from visitation_app.ui.passphrase_dialogs import NewPassphraseDialog, Purpose

if TYPE_CHECKING:
    from visitation_app.ui.main_window import MainWindow

log = logging.getLogger(__name__)

STATUS_MS = 10000
WARNING_STYLE = (
    "QWidget#plainDatabaseWarning { background: #fdf2d0; border: 1px solid #e0c060; "
    "border-radius: 3px; } QLabel { color: #4d3800; }"
)


class PlainDatabaseWarning(QWidget):
    """'Databasen er ikke krypteret' with a button to encrypt it, kept in the status bar."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("plainDatabaseWarning")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.setStyleSheet(WARNING_STYLE)
        self.label = QLabel(_("⚠ The database is not encrypted."))
        self.label.setToolTip(
            _(
                "Anyone who gets hold of the laptop or the file can read the citizens' data. "
                "Encrypt it with a passphrase under File → Security."
            )
        )
        self.button = QPushButton(_("Encrypt…"))
        self.button.setFlat(True)
        self.button.setCursor(Qt.CursorShape.PointingHandCursor)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 0, 2, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.button)


class RekeyReportBox(QMessageBox):
    """Says plainly which backup copies could not be re-keyed (deleted, or left)."""

    def __init__(self, report: RekeyReport, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setIcon(QMessageBox.Icon.Warning)
        self.setWindowTitle(_("Backup copies"))
        self.setText(
            _("The database is encrypted with the new passphrase, but not all of its copies:")
        )
        self.setInformativeText("\n\n".join(report.lines()[1:]))
        self.setStandardButtons(QMessageBox.StandardButton.Ok)


def tell_report(parent: QWidget, report: RekeyReport) -> None:
    """A message only when a copy was deleted or left; the status bar says the rest."""
    if report.removed or report.left:
        RekeyReportBox(report, parent).exec()


class EncryptionActions(QObject):
    """The Security menu of the window and the status bar's warning about a plain database."""

    def __init__(self, window: MainWindow, menu: QMenu) -> None:
        super().__init__(window)
        self._window = window
        self.encrypt_action = QAction(_("&Encrypt the database…"), window)
        self.encrypt_action.triggered.connect(lambda _checked=False: self.encrypt_database())
        self.change_action = QAction(_("&Change passphrase…"), window)
        self.change_action.triggered.connect(lambda _checked=False: self.change_passphrase())
        for action in (self.encrypt_action, self.change_action):
            window.addAction(action)
            menu.addAction(action)
        menu.addSeparator()
        menu.addAction(window.idle_lock.lock_action)
        self.warning = PlainDatabaseWarning()
        self.warning.button.clicked.connect(self.encrypt_database)
        window.statusBar().addPermanentWidget(self.warning)
        self.update()

    def update(self) -> None:
        """Follow the window's database: encrypted, or not (and then say so)."""
        encrypted = self._window.db.encrypted
        self.encrypt_action.setEnabled(not encrypted)
        self.change_action.setEnabled(encrypted)
        self.warning.setVisible(not encrypted)

    def encrypt_database(self) -> bool:
        """Encrypt the plain database (and its copies) with a passphrase the chair chooses."""
        if self._window.db.encrypted:
            return False
        dialog = NewPassphraseDialog(Purpose.ENCRYPT, self._window)
        if dialog.exec() != QDialog.DialogCode.Accepted or not dialog.passphrase():
            return False
        return self.rekey(None, dialog.passphrase(), _("The database is encrypted."))

    def change_passphrase(self) -> bool:
        """Give the encrypted database (and its copies) a new passphrase."""
        db = self._window.db
        if not db.encrypted:
            return False
        dialog = NewPassphraseDialog(
            Purpose.CHANGE, self._window, check_current=db.passphrase_matches
        )
        if dialog.exec() != QDialog.DialogCode.Accepted or not dialog.passphrase():
            return False
        return self.rekey(
            dialog.current_passphrase(), dialog.passphrase(), _("The passphrase is changed.")
        )

    def _reopen_as_it_was(self, path: Path, passphrase: str | None, meeting_id: int | None) -> None:
        """After a failed re-keying: the window goes on with a fresh connection on the
        unchanged file (or closes, if even that fails)."""
        window = self._window
        try:
            db = open_with_passphrase(window, path, passphrase=passphrase)
        except Exception as error:  # noqa: BLE001 - logged by show_error, shown as a sentence
            db = None
            show_error(window, error, _("The database could not be opened again"))
        if db is None:
            window.close()
            return
        window.switch_database(db, meeting_id)

    def rekey(self, old: str | None, new: str, done: str) -> bool:
        """Re-key the window's database and its copies; reopen it and show the same meeting."""
        window = self._window
        if not window.save_everything(_("Discard the change and go on?")):
            return False
        db = window.db
        path = Path(db.path)
        meeting_id = window.current_meeting_id()
        db.close()  # every connection closed; the file's lock stays with the window
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            report = rekey_database_and_backups(path, old, new)
        except Exception as error:  # noqa: BLE001 - logged by show_error, shown as a sentence
            QApplication.restoreOverrideCursor()
            log.warning("re-keying %s failed; it is as it was", path, exc_info=True)
            show_error(window, error, _("The database was left as it was"))
            self._reopen_as_it_was(path, old, meeting_id)
            return False
        try:
            reopened = open_with_passphrase(window, path, passphrase=new)
        except Exception as error:  # noqa: BLE001 - logged by show_error, shown as a sentence
            QApplication.restoreOverrideCursor()
            show_error(
                window,
                error,
                _("The database is encrypted anew; restart the program to open it"),
            )
            window.close()  # everything was saved before; never go on with the old key
            return False
        QApplication.restoreOverrideCursor()
        window.switch_database(reopened, meeting_id)
        count = len(report.rekeyed)
        window.statusBar().showMessage(
            _("{done} Backup copies encrypted with the new passphrase: {count}.").format(
                done=done, count=count
            ),
            STATUS_MS,
        )
        tell_report(window, report)
        return True
