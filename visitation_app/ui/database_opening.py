"""Opening a database file from the window: the passphrase of an encrypted one is asked
until it fits (or the chair cancels), and the database knows who makes the changes."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from visitation_app.cli_db import command_actor
from visitation_app.domain.errors import UserError
from visitation_app.i18n import _
from visitation_app.store import cipher
from visitation_app.store.database import Database, open_database
from visitation_app.ui import passphrase_dialogs, preferences

log = logging.getLogger(__name__)


class NotOpenedError(UserError):
    """The chair cancelled the passphrase of an encrypted database."""


def not_opened(path: Path) -> NotOpenedError:
    return NotOpenedError(
        _("The database {path} is encrypted, and it was not opened without its passphrase.").format(
            path=path
        )
    )


def window_actor() -> str:
    """Who makes the changes in the window: the chair's name from the settings, else the
    login name (the audit trail's "who")."""
    return preferences.chair_name() or command_actor()


def is_new_file(path: Path) -> bool:
    """No database there yet (no file, or an empty one): one is to be made."""
    path = Path(path)
    return not path.exists() or (path.is_file() and path.stat().st_size == 0)


def _open(path: Path, *, create: bool, passphrase: str | None) -> Database:
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)  # the key takes a moment
    try:
        return open_database(path, create=create, passphrase=passphrase)
    finally:
        QApplication.restoreOverrideCursor()


def open_with_passphrase(
    parent: QWidget | None,
    path: Path,
    *,
    create: bool = False,
    passphrase: str | None = None,
) -> Database | None:
    """Open `path` (made when `create` and it does not exist; encrypted when `passphrase`).

    An encrypted file without a known passphrase: the chair is asked, and asked again with
    a clear message while it does not fit; None when they cancel. Other failures raise
    (StoreError and other UserErrors say what to do).
    """
    path = Path(path)
    if passphrase is not None or not cipher.is_encrypted(path):
        db = _open(path, create=create, passphrase=passphrase)
    else:
        db = _ask_until_it_fits(parent, path)
        if db is None:
            return None
    db.actor = window_actor()
    return db


def _ask_until_it_fits(parent: QWidget | None, path: Path) -> Database | None:
    problem = None
    while True:
        attempt = passphrase_dialogs.ask_passphrase(parent, path, problem)
        if attempt is None:
            log.info("the passphrase of %s was not given", path)
            return None
        try:
            return _open(path, create=False, passphrase=attempt)
        except cipher.PassphraseError:
            log.info("a wrong passphrase was typed for %s", path)
            problem = passphrase_dialogs.wrong_passphrase_text()
