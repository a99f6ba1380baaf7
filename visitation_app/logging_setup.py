"""Logging: everything to a rotating file in the user's log folder, little on the console.

The file keeps the tracebacks a developer needs; the console (stderr) shows only warnings
and errors, as one line each and never with a traceback, because the person at the
keyboard needs a sentence, not a stack.
"""

from __future__ import annotations

import logging
import sys
from logging.handlers import RotatingFileHandler
from pathlib import Path

from visitation_app.i18n import _

LOG_FILE_NAME = "visitation_app.log"
MAX_BYTES = 1_000_000
BACKUP_COUNT = 5
FILE_FORMAT = "%(asctime)s %(levelname)-8s %(name)s: %(message)s"
CONSOLE_FORMAT = "visitation-app: %(message)s"

# Marks the handlers installed here, so a second call replaces them instead of doubling them.
_OURS = "_visitation_app_handler"


class _ConsoleHandler(logging.StreamHandler):
    """Writes to whatever sys.stderr is at the moment of writing (tests swap it)."""

    def __init__(self) -> None:
        logging.Handler.__init__(self)

    @property
    def stream(self):  # type: ignore[override]
        return sys.stderr


def _without_traceback(record: logging.LogRecord) -> bool:
    """A record that carries a traceback is meant for the log file only.

    The user learns about that failure from the error's own message, shown by the caller.
    """
    return record.exc_info is None and record.stack_info is None


def _remove_ours(logger: logging.Logger) -> None:
    for handler in list(logger.handlers):
        if getattr(handler, _OURS, False):
            logger.removeHandler(handler)
            handler.close()


def configure_logging(log_dir: Path, verbose: bool = False) -> Path | None:
    """Log to `log_dir`/visitation_app.log (1 MB × 5 files) and warnings to stderr.

    With `verbose`, the file gets debug detail and the console informational lines too.
    Returns the log file, or None if the folder cannot be written (then only the
    console is used, and a warning says so).
    """
    root = logging.getLogger()
    _remove_ours(root)
    root.setLevel(logging.DEBUG if verbose else logging.INFO)

    console = _ConsoleHandler()
    console.setLevel(logging.INFO if verbose else logging.WARNING)
    console.setFormatter(logging.Formatter(CONSOLE_FORMAT))
    console.addFilter(_without_traceback)
    setattr(console, _OURS, True)
    root.addHandler(console)

    log_file = Path(log_dir) / LOG_FILE_NAME
    try:
        Path(log_dir).mkdir(parents=True, exist_ok=True)
        file_handler = RotatingFileHandler(
            log_file, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT, encoding="utf-8"
        )
    except OSError as error:
        logging.getLogger(__name__).warning(
            _(
                "The log file {path} cannot be written ({reason}); messages go to the screen only."
            ).format(path=log_file, reason=error.strerror or error)
        )
        return None
    file_handler.setLevel(logging.DEBUG if verbose else logging.INFO)
    file_handler.setFormatter(logging.Formatter(FILE_FORMAT))
    setattr(file_handler, _OURS, True)
    root.addHandler(file_handler)
    logging.captureWarnings(True)
    return log_file


def current_log_file() -> Path | None:
    """The file that configure_logging set up, if any (for pointing the user to it)."""
    for handler in logging.getLogger().handlers:
        if getattr(handler, _OURS, False) and isinstance(handler, RotatingFileHandler):
            return Path(handler.baseFilename)
    return None


def stop_logging() -> None:
    """Remove the handlers configure_logging installed (tests and embedding call this)."""
    _remove_ours(logging.getLogger())
