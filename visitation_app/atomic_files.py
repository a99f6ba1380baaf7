"""Writing an output file whole or not at all."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from visitation_app.domain.errors import UserError
from visitation_app.i18n import _


def fsync_folder(folder: Path) -> None:
    """Make a rename in `folder` durable (POSIX; Windows has no directory handles to sync)."""
    if os.name != "posix":
        return
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def temporary_beside(target: Path, suffix: str = "") -> Path:
    """A new, empty, private file in `target`'s folder, to be moved onto `target` when complete.

    Being in the same folder makes the final os.replace atomic.
    """
    folder = target.parent
    if not folder.is_dir():
        raise UserError(_("The folder {folder} does not exist.").format(folder=folder))
    try:
        handle, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=suffix, dir=folder)
    except OSError as error:
        raise UserError(
            _("Cannot write to {folder}: {reason}").format(folder=folder, reason=error.strerror)
        ) from error
    os.close(handle)
    return Path(name)


def write_atomically(path: str | os.PathLike[str], data: bytes) -> Path:
    """Write `data` to `path` through a temporary file beside it, so no half file is ever left.

    The file is readable by its owner only, like the database: minutes hold personal data.
    """
    target = Path(path).expanduser()
    if target.is_dir():
        raise UserError(_("{path} is a folder. Give a file name.").format(path=target))
    temporary = temporary_beside(target)
    try:
        with temporary.open("wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, target)
        fsync_folder(target.parent)
    except OSError as error:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise UserError(
            _("Cannot write {path}: {reason}").format(path=target, reason=error.strerror)
        ) from error
    return target
