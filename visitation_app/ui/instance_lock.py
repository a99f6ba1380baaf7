"""One window per database file: a second start on the same file is told it is in use.

Qt's QLockFile keeps `<database>.lock` while the window has the file open. A lock left by a
process that no longer runs (a crash, a power cut) is recognised and taken over; where it
cannot be removed (the folder has become read-only) the chair is told that, not that the
file is in use by a program that is long gone.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QLockFile

from visitation_app.domain.errors import UserError
from visitation_app.i18n import _
from visitation_app.lock_files import lock_path, process_runs
from visitation_app.store.database import StoreError

_held: dict[str, QLockFile] = {}  # kept alive as long as the window uses the file


class DatabaseInUseError(UserError):
    """The file is open in another window of the program."""


def _key(path: Path) -> str:
    return os.path.normcase(str(path.expanduser().resolve()))


def lock_database(path: Path) -> None:
    """Hold the database's lock for this window; DatabaseInUseError when another has it."""
    key = _key(path)
    if key in _held:
        return
    lock = QLockFile(str(lock_path(path)))  # where the commands look for it too
    lock.setStaleLockTime(0)  # never stale by age: only when its process is gone
    if lock.tryLock(200):
        _held[key] = lock
        return
    if lock.error() == QLockFile.LockError.LockFailedError:
        *_ok, pid, host, _app = lock.getLockInfo()  # (ok,) pid, host, app by binding version
        if not process_runs(pid, host):  # a stale lock Qt could not remove
            raise StoreError(
                _(
                    "The database {path} cannot be opened for changes: its folder is "
                    "read-only. Copy the database to a folder you can write to, or have the "
                    "folder made writable again."
                ).format(path=path)
            )
        raise DatabaseInUseError(
            _(
                "The database {path} is already open in another window of the program "
                "(process {pid} on {host}). Use that window, or close it and try again."
            ).format(path=path, pid=pid, host=host)
        )
    raise DatabaseInUseError(
        _(
            "The database {path} cannot be locked for this window (no lock file can be "
            "made beside it). Check that the folder can be written to."
        ).format(path=path)
    )


def release_database(path: Path) -> None:
    """Let the file go (the window switched to another database or closed)."""
    lock = _held.pop(_key(path), None)
    if lock is not None:
        lock.unlock()
