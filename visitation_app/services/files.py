"""Writing an output file whole or not at all."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from visitation_app.domain.errors import UserError
from visitation_app.i18n import _


def write_atomically(path: str | os.PathLike[str], data: bytes) -> Path:
    """Write `data` to `path` through a temporary file beside it, so no half file is ever left."""
    target = Path(path).expanduser()
    if target.is_dir():
        raise UserError(_("{path} is a folder. Give a file name.").format(path=target))
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise UserError(_("The folder {folder} does not exist.").format(folder=folder))
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", dir=folder)
    except OSError as error:
        raise UserError(
            _("Cannot write to {folder}: {reason}").format(folder=folder, reason=error.strerror)
        ) from error
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, target)
    except OSError as error:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise UserError(
            _("Cannot write {path}: {reason}").format(path=target, reason=error.strerror)
        ) from error
    return target
