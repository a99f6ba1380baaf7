"""Automatic backups at start: a verified copy of the database in a backups folder beside
it, the newest `keep` of them kept. A failed backup is logged and never stops the program."""

from __future__ import annotations

import datetime as dt
import logging
import re
from pathlib import Path

from visitation_app.store.backup import backup_database

log = logging.getLogger(__name__)

DEFAULT_KEEP = 10
BACKUP_FOLDER = "backups"
# What follows the database's name in a backup's name: '-YYYYmmdd-HHMMSS-ffffff.bak'.
BACKUP_STAMP = r"-\d{8}-\d{6}-\d{6}\.bak"


def backups_folder(db_path: Path) -> Path:
    """'visitation.db' → 'backups/' beside it (the same disk and protection as the database)."""
    return db_path.parent / BACKUP_FOLDER


def backups_of(db_path: Path) -> list[Path]:
    """The automatic backups of `db_path` only, the newest first.

    The name is matched exactly, so the copies of 'visitation-old.db' in the same folder
    are never taken for copies of 'visitation.db' (and never pruned with them).
    """
    folder = backups_folder(db_path)
    if not folder.is_dir():
        return []
    own = re.compile(re.escape(db_path.stem) + BACKUP_STAMP)
    return sorted((copy for copy in folder.iterdir() if own.fullmatch(copy.name)), reverse=True)


def backup_at_start(
    db_path: Path,
    *,
    keep: int = DEFAULT_KEEP,
    now: dt.datetime | None = None,
    passphrase: str | None = None,
) -> Path | None:
    """Copy the database aside and drop the oldest copies beyond `keep`; None if it failed.

    The copy of an encrypted database is encrypted with the same passphrase.
    """
    moment = (now or dt.datetime.now(dt.UTC)).strftime("%Y%m%d-%H%M%S-%f")
    folder = backups_folder(db_path)
    try:
        folder.mkdir(mode=0o700, exist_ok=True)
        target = backup_database(
            db_path, folder / f"{db_path.stem}-{moment}.bak", passphrase=passphrase
        )
    except Exception:  # noqa: BLE001 - a backup must never stop the chair's work
        log.exception("automatic backup of %s failed", db_path)
        return None
    for old in backups_of(db_path)[keep:]:
        try:
            old.unlink()
        except OSError:
            log.warning("could not remove the old backup %s", old, exc_info=True)
    return target


def restart_backups(
    db_path: Path, *, passphrase: str | None = None
) -> tuple[list[Path], Path | None]:
    """After data was deleted for good: a fresh backup, and every older automatic one removed
    (they still hold the deleted data). The removed copies and the new one (None when it
    could not be made; the old ones are removed all the same, as the law requires)."""
    old = backups_of(db_path)
    fresh = backup_at_start(db_path, keep=len(old) + 1, passphrase=passphrase)
    removed = []
    for path in old:
        try:
            path.unlink()
        except OSError:
            log.warning("could not remove the backup %s", path, exc_info=True)
        else:
            removed.append(path)
    return removed, fresh
