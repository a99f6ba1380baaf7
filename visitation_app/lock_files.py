"""Reading the lock a window keeps beside its database (`<database>.lock`, Qt's QLockFile
format: process id, program, host name, one a line), without Qt, so the commands can tell
whether a window has the file open."""

from __future__ import annotations

import os
import socket
from pathlib import Path


def lock_path(db_path: Path) -> Path:
    return Path(os.path.normcase(str(Path(db_path).expanduser().resolve())) + ".lock")


def process_runs(pid: int, host: str) -> bool:
    """Whether the process that holds a lock still runs (on another computer: assumed so)."""
    if host and host != socket.gethostname():
        return True
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # it runs, as another user; or no way to tell (Windows)
        return True
    return True


def window_holding(db_path: Path) -> int | None:
    """The id of the live process whose window has the database open, or None."""
    try:
        lines = lock_path(db_path).read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return None
    try:
        pid = int(lines[0])
    except (IndexError, ValueError):
        return None
    host = lines[2] if len(lines) > 2 else ""
    return pid if process_runs(pid, host) and pid != os.getpid() else None
