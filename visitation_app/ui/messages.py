"""Errors shown as a sentence; stack traces go to the log file, never to the screen."""

from __future__ import annotations

import logging

from PySide6.QtWidgets import QMessageBox, QWidget

from visitation_app.domain.errors import UserError
from visitation_app.i18n import _
from visitation_app.logging_setup import current_log_file

log = logging.getLogger(__name__)


def show_error(parent: QWidget | None, error: BaseException, title: str | None = None) -> None:
    """A user error as its own sentence; anything else as a plain apology pointing to the log."""
    if isinstance(error, UserError):
        text = str(error)
    else:
        log.error("unexpected error", exc_info=(type(error), error, error.__traceback__))
        log_file = current_log_file()
        text = _(
            "Something unexpected went wrong. Your data is saved up to this point. "
            "The details are in the log file."
        )
        if log_file is not None:
            text = f"{text}\n\n{log_file}"
    QMessageBox.warning(parent, title or _("Could not complete the action"), text)


def confirm(parent: QWidget | None, title: str, text: str) -> bool:
    answer = QMessageBox.question(
        parent,
        title,
        text,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes
