"""Re-keying a database together with every copy of it the program keeps.

Encrypting a database, or changing its passphrase, must not leave its copies plain or
under the old passphrase: the automatic backups in `backups/`, and the copies kept beside
the file before a migration or a restore, are re-keyed with the same verified method
(`cipher.rekey_file`). A copy that cannot be re-keyed (damaged, or under yet another
passphrase) is deleted, its bytes overwritten first, and the report says so; a copy that
can be neither re-keyed nor deleted is named in the report, so the chair can remove it.

The database comes first: if it cannot be re-keyed, nothing else is touched and the error
is raised (the file is then as it was). Every file must be closed while this runs.
"""

from __future__ import annotations

import glob
import logging
import os
from dataclasses import dataclass
from pathlib import Path

from visitation_app.domain.errors import UserError
from visitation_app.i18n import _, ngettext
from visitation_app.store import cipher
from visitation_app.store.cipher import overwrite_and_remove
from visitation_app.store.rotating_backups import backups_of

log = logging.getLogger(__name__)

_SIDECARS = ("-wal", "-shm", "-journal")
# What an interrupted `cipher.rekey_file` can leave beside a file ('.<name>.XXXX.rekey/.old').
_LEFTOVER_SUFFIXES = (".rekey", ".old")


@dataclass(frozen=True)
class RekeyReport:
    """What happened to the database and to each of its copies."""

    database: Path
    rekeyed: tuple[Path, ...] = ()
    """Copies now under the new passphrase."""
    removed: tuple[Path, ...] = ()
    """Copies that could not be re-keyed and were deleted."""
    left: tuple[Path, ...] = ()
    """Copies that could be neither re-keyed nor deleted: still plain or under the old key."""

    @property
    def complete(self) -> bool:
        """Nothing is left that the new passphrase does not protect."""
        return not self.left

    def lines(self) -> list[str]:
        """The report in plain sentences, one a line (the command line prints these)."""
        lines = [
            _("The database {path} is now encrypted with the new passphrase.").format(
                path=self.database
            )
        ]
        if self.rekeyed:
            lines.append(
                ngettext(
                    "{count} backup copy is encrypted with the new passphrase as well.",
                    "{count} backup copies are encrypted with the new passphrase as well.",
                    len(self.rekeyed),
                ).format(count=len(self.rekeyed))
            )
        lines.extend(
            _(
                "The backup copy {path} could not be encrypted with the new passphrase, "
                "so it was deleted."
            ).format(path=path)
            for path in self.removed
        )
        lines.extend(
            _(
                "The backup copy {path} could be neither encrypted with the new passphrase nor "
                "deleted. Delete it yourself: the new passphrase does not protect it."
            ).format(path=path)
            for path in self.left
        )
        return lines


def copies_of(db_path: Path) -> list[Path]:
    """Every copy of the database the program made: the automatic backups (newest first),
    then the copies from before a migration or a restore, beside the file."""
    db_path = Path(db_path)
    backups = backups_of(db_path)
    name = glob.escape(db_path.name)
    beside = sorted(
        path
        for pattern in (f"{name}.before-migration-*.bak", f"{name}.before-restore-*.bak")
        for path in db_path.parent.glob(pattern)
        if path.is_file()
    )
    return backups + beside


def _remove(path: Path) -> bool:
    """Delete a copy and its journal files, its bytes overwritten first; True when gone."""
    for sidecar in _SIDECARS:
        overwrite_and_remove(Path(f"{path}{sidecar}"))
    overwrite_and_remove(path)
    return not path.exists()


def _remove_leftovers(targets: list[Path]) -> None:
    """Temporary files an interrupted re-keying left beside `targets` (old bytes or a half
    new copy). A leftover that is still the very file (a hard link) is only unlinked."""
    for target in targets:
        if not target.exists():
            continue
        for suffix in _LEFTOVER_SUFFIXES:
            for leftover in target.parent.glob(f".{glob.escape(target.name)}.*{suffix}"):
                try:
                    same = os.path.samefile(leftover, target)
                except OSError:
                    continue
                if same:
                    leftover.unlink(missing_ok=True)
                else:
                    overwrite_and_remove(leftover)
                log.info("removed %s, left by an interrupted re-keying", leftover)


def _rekey_copy(copy: Path, old: str | None, new: str) -> bool:
    """Re-key one copy (plain, or under `old`); False when it could not be done."""
    key = old if cipher.is_encrypted(copy) else None
    try:
        cipher.rekey_file(copy, key, new)
    except (UserError, cipher.Error, OSError):
        log.warning("could not re-key the copy %s", copy, exc_info=True)
        return False
    return True


def rekey_database_and_backups(
    db_path: str | os.PathLike[str], old: str | None, new: str
) -> RekeyReport:
    """Encrypt the database with `new` (from plain when `old` is None), then its copies.

    Raises (PassphraseError, UserError, a database error) when the database itself cannot
    be re-keyed; it is then left as it was and no copy is touched.
    """
    database = Path(db_path).expanduser().resolve()
    copies = copies_of(database)
    cipher.rekey_file(database, old, new)
    rekeyed: list[Path] = []
    removed: list[Path] = []
    left: list[Path] = []
    for copy in copies:
        if _rekey_copy(copy, old, new):
            rekeyed.append(copy)
        elif _remove(copy):
            removed.append(copy)
        else:
            left.append(copy)
    _remove_leftovers([database, *copies])
    report = RekeyReport(database, tuple(rekeyed), tuple(removed), tuple(left))
    log.info(
        "re-keyed %s and %d copies (%d deleted, %d left)",
        database,
        len(rekeyed),
        len(removed),
        len(left),
    )
    return report
